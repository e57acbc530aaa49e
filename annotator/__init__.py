"""标注 annotator: label officials, events and boilerplate regions in scraped Chinese news pages."""

__version__ = "0.1.0"
