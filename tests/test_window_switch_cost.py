"""What an article switch repaints: the text, and of the article list only the rows that
changed; nothing is moved or resized (bench gui's switch + paint target)."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

pytestmark = pytest.mark.gui
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, db_path, open_window


class Events(QObject):
    """Paint regions and geometry changes, per widget, while installed."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: dict[str, list[int]] = {}  # object name -> painted heights
        self.moved: list[str] = []

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001
        if event.type() == QEvent.Type.Paint:
            name = watched.objectName()  # wrappers' ids change: the name is stable
            self.painted.setdefault(name, []).append(event.region().boundingRect().height())
        elif event.type() in (QEvent.Type.Move, QEvent.Type.Resize):
            self.moved.append(type(watched).__name__ + "/" + watched.objectName())
        return False


def switch_watched(window, article_ids: list[str]) -> Events:
    events = Events()
    app = QApplication.instance()
    app.installEventFilter(events)
    try:
        for article_id in article_ids:
            window.list_panel.select(article_id)
            window.view.viewport().repaint()
    finally:
        app.removeEventFilter(events)
    return events


def test_a_switch_repaints_the_rows_that_changed_not_the_whole_list(open_window):
    window = open_window()
    ids = window.list_panel.model.ids()
    table = window.list_panel.table
    table.viewport().setObjectName("watched list")
    window.list_panel.select(ids[0])
    window.view.viewport().repaint()
    events = switch_watched(window, ids[1:4])
    row_height = table.rowHeight(0)
    heights = events.painted.get("watched list", [])
    assert heights and max(heights) <= 3 * row_height < table.viewport().height()


def test_a_switch_moves_and_resizes_nothing(open_window):
    window = open_window()
    ids = window.list_panel.model.ids()  # the seeds: 1 to 99 lines each, gutter digits change
    window.list_panel.select(ids[0])
    window.view.viewport().repaint()
    events = switch_watched(window, ids[1:] + ids[:1])
    assert events.moved == []
