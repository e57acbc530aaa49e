"""Trust in the annotator's window: strings from pages and names are shown as characters, never
as HTML; dates typed into the Events table are saved exactly or refused; two officials of one
article never share a name silently."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QDate, QEvent, QPoint, Qt  # noqa: E402
from PySide6.QtGui import QHelpEvent, QInputMethodEvent, QTextDocument  # noqa: E402
from PySide6.QtGui import Qt as QtGuiNamespace  # noqa: E402  (mightBeRichText lives here)
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QCalendarWidget,
    QLabel,
    QMessageBox,
    QToolTip,
)
from test_gui_support import make_article  # noqa: E402

from annotator.gui.delegates import parse_date  # noqa: E402
from annotator.gui.review_edit_dialog import SpanEditDialog  # noqa: E402
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


def review_window(qtbot, window):
    from annotator.gui.review_window import ReviewWindow  # only these probes need it

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


def events_tooltips(window, _qtbot, _monkeypatch) -> list[str]:
    """The Participants (names) and Evidence (span text) cells of an event."""
    (official,) = window.editor.aset.officials
    (span,) = window.editor.aset.spans
    window.editor.add_event(evidence=span)
    event = window.editor.aset.events[0]
    window.editor.save_event(replace(event, participants=(official.id,)))
    window.tabs.setCurrentWidget(window.tabs.events)
    model = window.tabs.events.model
    return [model.data(model.index(0, c), Qt.ItemDataRole.ToolTipRole) for c in (4, 5)]


def article_header(window, _qtbot, _monkeypatch) -> QLabel:
    return window.header


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


def test_a_label_name_with_an_ampersand_shows_in_menus_and_the_key_list(
    qtbot, open_window, tmp_path
):
    from annotator.gui.cheat_sheet import key_rows
    from annotator.resources import default_schema_text

    path = tmp_path / "amp.db"
    with Store.open(path) as store:
        store.set_setting(
            "schema",
            default_schema_text()
            + '\n[[labels]]\nname = "R&D"\ngroup = "entity"\ncolor = "#777777"\nkey = "7"\n',
        )
        store.add_articles([make_article(HOSTILE_TEXT, "950_hostile.txt", HOSTILE_TITLE)])
    window = open_window(path=path)
    shown_in_menu = [a.iconText() for a in window.actions_in_menus]  # what a menu draws
    assert "Label selection as R&D" in shown_in_menu
    assert ("7", "Label selection as R&D") in key_rows(window.actions_in_menus)


@pytest.mark.parametrize(
    "probe",
    [
        article_list_tooltip,
        officials_tooltip,
        spans_tooltip,
        events_tooltips,
        saved_tooltip,
        position_label,
        article_header,
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
    found = probe(window, qtbot, monkeypatch)
    for each in found if isinstance(found, list) else [found]:
        assert HOSTILE in shown(each)


# -- dates typed into the Events table -------------------------------------------------------------

DATE, END = 1, 2  # columns of the Events table


def events_window(open_window, date: str | None = None, end_date: str | None = None):
    """A window on the article (published 2024-09-04) with one event of these dates."""
    window = open_window()
    window.editor.open(window.store.article_ids()[0])
    event = window.editor.add_event()
    window.editor.save_event(replace(event, date=date, end_date=end_date))
    window.tabs.setCurrentWidget(window.tabs.events)
    return window


def stored_event(window):
    (event,) = window.store.get_annotation_set(window.editor.article.id, "alice").events
    return event


def open_cell_editor(window, column: int):
    table = window.tabs.events.table
    index = table.model().index(0, column)
    table.setFocus()
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.indexWidget(index)
    assert editor is not None
    return table, editor


def type_date(qtbot, window, column: int, typed: str, key: Qt.Key = Qt.Key.Key_Return):
    """Open the cell's editor, select what it holds, type `typed` (nothing: delete) and press
    `key`, as a person does."""
    table, editor = open_cell_editor(window, column)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if typed:
        qtbot.keyClicks(editor, typed)
    else:
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, key)
    return table, editor


@pytest.mark.parametrize(
    ("column", "before", "typed", "key"),
    [
        (DATE, None, "2024-09-03", Qt.Key.Key_Return),  # was: nothing saved
        (DATE, "2023-09-19", "2023-09-20", Qt.Key.Key_Return),  # was: 2023-09-09
        (DATE, "2023-09-19", "2023-09-20", Qt.Key.Key_Tab),
        (DATE, None, "2024-02-29", Qt.Key.Key_Enter),
        (DATE, "2023-09-19", "1899-12-31", Qt.Key.Key_Return),
        (END, None, "2024-09-05", Qt.Key.Key_Return),
    ],
)
def test_a_typed_date_is_saved_exactly(qtbot, open_window, column, before, typed, key):
    window = events_window(open_window, date=before, end_date=before)
    type_date(qtbot, window, column, typed, key)  # Tab moves on to the next cell's editor

    def saved() -> str | None:
        event = stored_event(window)
        return event.date if column == DATE else event.end_date

    qtbot.waitUntil(lambda: saved() == typed, timeout=2000)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("", None), ("  ", None), (" 2024-09-03 ", "2024-09-03"), ("２０２４－０９－０３", "2024-09-03")],
)
def test_parse_date_keeps_the_typed_date(typed, stored):
    assert parse_date(typed) == stored


@pytest.mark.parametrize("typed", ["2024-13-01", "2024-02-30", "２０２４年９月３日", "2024-09-03T10:00"])
def test_parse_date_refuses_with_the_typed_text_in_the_message(typed):
    with pytest.raises(ValueError, match="YYYY-MM-DD") as error:
        parse_date(typed)
    assert repr(typed) in str(error.value)


def test_a_date_typed_with_an_input_method_in_full_width_is_saved(qtbot, open_window):
    window = events_window(open_window)
    table, editor = open_cell_editor(window, DATE)
    type_with_ime(editor, "２０２４－０９－０３")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_event(window).date == "2024-09-03", timeout=2000)


def test_clearing_a_date_stores_no_date(qtbot, open_window):
    window = events_window(open_window, date="2023-09-19")
    table, _editor = type_date(qtbot, window, DATE, "")
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState, timeout=2000)
    assert stored_event(window).date is None


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("2023-02-30", Qt.Key.Key_Return),
        ("2023-02-30", Qt.Key.Key_Tab),
        ("2024/09/03", Qt.Key.Key_Return),
        ("20240903", Qt.Key.Key_Enter),
        ("2024-9-3", Qt.Key.Key_Return),
        ("2024-09-03x", Qt.Key.Key_Tab),
        ("yesterday", Qt.Key.Key_Return),
    ],
)
def test_a_date_that_is_not_yyyy_mm_dd_is_refused_with_a_message(qtbot, open_window, typed, key):
    window = events_window(open_window, date="2023-09-19")
    table, editor = type_date(qtbot, window, DATE, typed, key)
    assert stored_event(window).date == "2023-09-19"
    assert typed in window.status.currentMessage()
    assert table.state() == table.State.EditingState  # still open: the person can correct it
    assert editor.text() == typed
    window.close()  # leaving the cell refuses it too, and changes nothing
    assert stored_event(window).date == "2023-09-19"


def open_calendar(qtbot, editor) -> QCalendarWidget:
    qtbot.keyClick(editor, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendars = [c for c in editor.findChildren(QCalendarWidget) if c.isVisible()]
    assert len(calendars) == 1
    return calendars[0]


@pytest.mark.parametrize(
    ("column", "date", "end_date", "shown"),
    [
        (DATE, None, None, (2024, 9)),  # the article's date, not 1900
        (DATE, "2023-05-19", None, (2023, 5)),
        (END, "2023-05-19", None, (2023, 5)),  # an empty end starts at the event's date
        (END, "2023-05-19", "2023-06-02", (2023, 6)),
    ],
)
def test_the_calendar_opens_at_the_cells_date_or_else_the_articles(
    qtbot, open_window, column, date, end_date, shown
):
    window = events_window(open_window, date=date, end_date=end_date)
    _table, editor = open_cell_editor(window, column)
    calendar = open_calendar(qtbot, editor)
    assert (calendar.yearShown(), calendar.monthShown()) == shown


def test_a_date_picked_in_the_calendar_is_saved(qtbot, open_window):
    window = events_window(open_window)
    table, editor = open_cell_editor(window, DATE)
    calendar = open_calendar(qtbot, editor)
    calendar.setSelectedDate(QDate(2024, 9, 6))
    calendar.activated.emit(QDate(2024, 9, 6))  # Enter or a double click on a day
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState, timeout=2000)
    assert stored_event(window).date == "2024-09-06"


# -- two officials with one name -------------------------------------------------------------------


def two_officials_window(open_window):
    """马兴瑞 (titles 书记, 省长) and 记者 (titles 省长, 主任; an organization), both in one event."""
    window = open_window()
    window.editor.open(window.store.article_ids()[0])
    text = window.editor.article.text
    for name in ("马兴瑞", "记者"):
        start = text.index(name)
        window.editor.label("OFFICIAL", start, start + len(name))
    ma, reporter = sorted(window.editor.aset.officials, key=lambda o: o.name != "马兴瑞")
    ma = window.editor.save_official(replace(ma, titles=("书记", "省长")))
    reporter = window.editor.save_official(
        replace(reporter, titles=("省长", "主任"), organization="新华社")
    )
    event = window.editor.add_event()
    window.editor.save_event(replace(event, participants=(reporter.id, ma.id)))
    window.tabs.setCurrentWidget(window.tabs.officials)
    return window, ma, reporter


def rename_in_table(qtbot, window, official, name: str) -> None:
    table = window.tabs.officials.table
    row = next(r for r, o in enumerate(window.tabs.officials.model.records()) if o.id == official.id)
    index = table.model().index(row, 0)
    table.setFocus()
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.indexWidget(index)
    editor.selectAll()
    type_with_ime(editor, name)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState, timeout=2000)


def type_with_ime(editor, text: str) -> None:
    """Chinese is typed through an input method, which commits whole strings (QTest's key
    clicks only know ASCII)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(editor, event)
    assert editor.text() == text


def answer_merge_question(monkeypatch, answer: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent, _title, text, *_rest):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def stored_set(window):
    return window.store.get_annotation_set(window.editor.article.id, "alice")


def test_renaming_an_official_to_anothers_name_offers_a_merge_and_yes_merges(
    qtbot, open_window, monkeypatch
):
    window, ma, reporter = two_officials_window(open_window)
    before = stored_set(window)
    asked = answer_merge_question(monkeypatch, QMessageBox.StandardButton.Yes)
    rename_in_table(qtbot, window, reporter, "马兴瑞")
    qtbot.waitUntil(lambda: len(stored_set(window).officials) == 1, timeout=2000)
    assert len(asked) == 1 and "马兴瑞" in shown(asked[0]) and "记者" in shown(asked[0])
    (merged,) = stored_set(window).officials
    assert merged.id == ma.id and merged.name == "马兴瑞"
    assert merged.mentions == (*ma.mentions, *reporter.mentions)
    assert merged.titles == ("书记", "省长", "主任")
    assert merged.organization == "新华社"
    (event,) = stored_set(window).events
    assert event.participants == (ma.id,)  # re-pointed, and named once
    assert window.editor.undo() is not None  # the merge is one undo step
    after_undo = stored_set(window)
    assert (after_undo.officials, after_undo.events) == (before.officials, before.events)


def test_no_to_the_merge_question_keeps_both_officials_unchanged(qtbot, open_window, monkeypatch):
    window, _ma, reporter = two_officials_window(open_window)
    before = stored_set(window)
    asked = answer_merge_question(monkeypatch, QMessageBox.StandardButton.No)
    rename_in_table(qtbot, window, reporter, "马兴瑞")
    qtbot.waitUntil(lambda: bool(asked), timeout=2000)
    qtbot.waitUntil(lambda: "马兴瑞" in window.status.currentMessage(), timeout=2000)
    after = stored_set(window)
    assert (after.officials, after.events) == (before.officials, before.events)


def test_a_merge_question_shows_names_as_their_characters(qtbot, open_window, monkeypatch):
    window, _ma, reporter = two_officials_window(open_window)
    window.editor.save_official(replace(stored_set(window).officials[0], name=HOSTILE))
    reporter = next(o for o in stored_set(window).officials if o.id == reporter.id)
    asked = answer_merge_question(monkeypatch, QMessageBox.StandardButton.No)
    rename_in_table(qtbot, window, reporter, HOSTILE)
    qtbot.waitUntil(lambda: bool(asked), timeout=2000)
    assert HOSTILE in shown(asked[0])


def test_escape_closes_the_calendar_and_keeps_the_typed_date(qtbot, open_window):
    window = events_window(open_window, date="2023-05-19")
    table, editor = open_cell_editor(window, DATE)
    calendar = open_calendar(qtbot, editor)
    qtbot.keyClick(calendar, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not calendar.isVisible(), timeout=2000)
    assert table.state() == table.State.EditingState and editor.text() == "2023-05-19"
    assert stored_event(window).date == "2023-05-19"
