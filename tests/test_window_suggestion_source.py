"""The Spans tab's From column: which suggester proposed an accepted span, and how sure it was."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from test_gui_window import open_by_source  # noqa: E402

from annotator.model import AUTO, AnnotationSet, Span  # noqa: E402

pytestmark = pytest.mark.gui
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, db_path, open_window


def suggest(store, article_id: str, found: list[tuple[str, str, str, float | None]]) -> None:
    text = store.article_text(article_id)
    spans = tuple(
        Span(article_id, AUTO, label, text.index(name), text.index(name) + len(name), name,
             id=n, rule=rule, score=score)
        for n, (label, name, rule, score) in enumerate(found, start=1)
    )
    store.replace_annotation_set(AnnotationSet(article_id, AUTO, spans=spans))


def from_column(window) -> dict[str, str]:
    window.tabs.setCurrentWidget(window.tabs.spans)  # a tab fills itself when shown
    model = window.tabs.spans.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    text, came_from = headers.index("Text"), headers.index("From")
    return {
        model.index(row, text).data(): model.index(row, came_from).data()
        for row in range(model.rowCount())
    }


def test_the_from_column_names_the_suggester_and_its_score(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    suggest(window.store, article.id,
            [("OFFICIAL", "马兴瑞", "tagger", 0.8712), ("PLACE", "乌鲁木齐", "places", None)])
    window.refresh()
    window.accept_all()
    assert from_column(window) == {"马兴瑞": "tagger 0.87", "乌鲁木齐": "places –"}


def test_once_recomputing_replaced_the_suggestion_it_says_suggestion_only(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    suggest(window.store, article.id, [("OFFICIAL", "马兴瑞", "officials", 0.95)])
    window.refresh()
    window.accept_all()
    suggest(window.store, article.id, [])  # recomputed: the accepted one's origin is gone
    window.refresh()
    assert from_column(window) == {"马兴瑞": "suggestion"}
