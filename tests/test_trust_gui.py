"""Trust in the annotator's window: strings from pages and names are shown as characters, never
as HTML; dates typed into the Events table are saved exactly or refused; two officials of one
article never share a name silently."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QEvent, QPoint, Qt  # noqa: E402
from PySide6.QtGui import QHelpEvent, QTextDocument  # noqa: E402
from PySide6.QtGui import Qt as QtGuiNamespace  # noqa: E402  (mightBeRichText lives here)
from PySide6.QtWidgets import QLabel, QToolTip  # noqa: E402
from test_gui_support import make_article  # noqa: E402

from annotator.gui.review_edit_dialog import SpanEditDialog  # noqa: E402
from annotator.gui.review_window import ReviewWindow  # noqa: E402
from annotator.store import Store  # noqa: E402

pytestmark = pytest.mark.gui
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, open_window (db_path is ours)

HOSTILE = '<img src="file:///etc/x.png"><b>粗</b>'
HOSTILE_TEXT = f"记者{HOSTILE}报道。\n第二行：马兴瑞参加活动。\n"
HOSTILE_TITLE = f"{HOSTILE} 标题"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """One article whose title and text carry HTML (overrides test_gui_support's)."""
    path = tmp_path / "annotator.db"
    with Store.open(path) as store:
        store.add_articles([make_article(HOSTILE_TEXT, "950_hostile.txt", HOSTILE_TITLE)])
    return path


# -- what Qt would show --------------------------------------------------------------------------


def rendered(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """The characters Qt shows for `text` in a label, tooltip or message box of that format:
    rich text when the format says so or when `Qt.mightBeRichText` guesses it (AutoText)."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGuiNamespace.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def shown(widget_or_text: QLabel | str) -> str:
    if isinstance(widget_or_text, QLabel):
        return rendered(widget_or_text.text(), widget_or_text.textFormat())
    return rendered(widget_or_text)


def tooltip_of_view(view, monkeypatch, pos: int) -> str:
    """Send the view the tooltip event a hover at code point `pos` makes; what it shows."""
    tips: list[str] = []
    monkeypatch.setattr(QToolTip, "showText", lambda _where, tip, *_rest: tips.append(tip))
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_qt(pos))
    point = view.cursorRect(cursor).center() + QPoint(2, 0)
    view.event(QHelpEvent(QEvent.Type.ToolTip, point, view.mapToGlobal(point)))
    assert tips, "no tooltip shown"
    return tips[-1]


def hostile_window(open_window):
    """The window of an annotator whose name is HTML, with a span and official whose text is."""
    window = open_window(HOSTILE)
    article = window.editor.article or window.store.get_article(window.store.article_ids()[0])
    if window.editor.article is None:
        window.editor.open(article.id)
    start = article.text.index(HOSTILE)
    window.editor.label("OFFICIAL", start, start + len(HOSTILE))
    for tab in window.tabs.tabs():
        window.tabs.setCurrentWidget(tab)  # a hidden tab is only filled when shown
    return window


def review_window(qtbot, window) -> ReviewWindow:
    review = ReviewWindow(window.store, [HOSTILE, "bob"])
    qtbot.addWidget(review)
    review.show()
    qtbot.waitExposed(review)
    return review


def article_list_tooltip(window, _qtbot, _monkeypatch) -> str:
    model = window.list_panel.model
    return model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)


def officials_tooltip(window, _qtbot, _monkeypatch) -> str:
    model = window.tabs.officials.model
    return model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)


def spans_tooltip(window, _qtbot, _monkeypatch) -> str:
    model = window.tabs.spans.model
    return model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole)


def saved_tooltip(window, _qtbot, _monkeypatch) -> str:
    return window.status.saved.toolTip()


def position_label(window, _qtbot, _monkeypatch) -> QLabel:
    return window.status.position


def text_view_tooltip(window, _qtbot, monkeypatch) -> str:
    start = window.editor.article.text.index(HOSTILE)
    return tooltip_of_view(window.view, monkeypatch, start + 3)


def gold_span_preview(window, _qtbot, _monkeypatch) -> QLabel:
    text = window.editor.article.text
    start = text.index(HOSTILE)
    dialog = SpanEditDialog(
        window.store.schema, text, "OFFICIAL", start, start + len(HOSTILE), parent=window
    )
    return dialog.preview


def review_take_button_tooltip(window, qtbot, _monkeypatch) -> str:
    review = review_window(qtbot, window)
    try:
        return review.choice_row.itemAt(0).widget().toolTip()
    finally:
        review.close()
        review.deleteLater()


def review_lanes_tooltip(window, qtbot, monkeypatch) -> str:
    review = review_window(qtbot, window)
    try:
        start = window.editor.article.text.index(HOSTILE)
        return tooltip_of_view(review.view, monkeypatch, start + 3)
    finally:
        review.close()
        review.deleteLater()


def test_a_window_title_shows_a_name_with_qts_placeholder_as_is(qtbot, open_window):
    name = "amy[*]x"  # "[*]" is Qt's unsaved-changes mark in a window title
    window = open_window(name)
    assert window.windowHandle().title().endswith(name)


@pytest.mark.parametrize(
    "probe",
    [
        article_list_tooltip,
        officials_tooltip,
        spans_tooltip,
        saved_tooltip,
        position_label,
        text_view_tooltip,
        gold_span_preview,
        review_take_button_tooltip,
        review_lanes_tooltip,
    ],
)
def test_html_from_pages_and_names_is_shown_as_its_characters(
    qtbot, open_window, monkeypatch, probe: Callable
):
    window = hostile_window(open_window)
    window.store.add_span(window.editor.article.id, "bob", "PLACE", 0, 2)  # a second annotator
    assert HOSTILE in shown(probe(window, qtbot, monkeypatch))
