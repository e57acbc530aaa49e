"""PySide6 only: windows, Qt models over the store, delegates, undo commands."""
