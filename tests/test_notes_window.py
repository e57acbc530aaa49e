"""Notes and unsure flags in the window: keys on the text, the Spans tab, the article list
marker and filter, the review window (issue 14, "Comments and flags")."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialog, QLabel  # noqa: E402
from test_gui_support import cursor_at, open_by_source, select_with_keys  # noqa: E402
from test_gui_window import human_spans  # noqa: E402

from annotator.gui import notes  # noqa: E402
from annotator.gui.notes import NOTE_MARK, UNSURE_MARK, NoteDialog  # noqa: E402

pytestmark = pytest.mark.gui
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, db_path, open_window

PAGE_NOTE = '<img src="file:///etc/passwd"> <b>not bold</b>\n第二行'


@pytest.fixture
def answer(monkeypatch):
    """The note dialog answers with what the test sets (None: cancelled); records what it was
    shown."""
    shown: dict = {}
    reply: dict = {"value": None}

    def fake_exec(dialog: NoteDialog) -> int:
        shown.update(about=dialog.about.text(), note=dialog.editor.toPlainText(),
                     unsure=dialog.unsure.isChecked(), plain=dialog.about.textFormat())
        if reply["value"] is None:
            return QDialog.DialogCode.Rejected
        dialog.editor.setPlainText(reply["value"][0])
        dialog.unsure.setChecked(reply["value"][1])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NoteDialog, "exec", fake_exec)
    return reply, shown


def label_ma(qtbot, window) -> None:
    article = window.editor.article
    start = article.text.index("马兴瑞")
    select_with_keys(qtbot, window.view, article.text, start, start + 3)
    qtbot.keyClick(window.view, Qt.Key.Key_1)


def test_keys_note_and_flag_the_label_at_the_cursor_and_undo(qtbot, open_window, answer):
    reply, shown = answer
    window = open_window()
    article = open_by_source(window, "000_")
    label_ma(qtbot, window)
    cursor_at(window.view, article.text, article.text.index("马兴瑞") + 1)
    qtbot.keyClick(window.view, Qt.Key.Key_U)
    (span,) = [s for s in human_spans(window) if s.text == "马兴瑞"]
    assert span.unsure and span.note is None
    reply["value"] = ("  全名？  ", True)
    qtbot.keyClick(window.view, Qt.Key.Key_C)
    assert shown["unsure"] is True and "马兴瑞" in shown["about"]
    assert shown["plain"] == Qt.TextFormat.PlainText
    (span,) = [s for s in human_spans(window) if s.text == "马兴瑞"]
    assert (span.note, span.unsure) == ("全名？", True)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    (span,) = [s for s in human_spans(window) if s.text == "马兴瑞"]
    assert (span.note, span.unsure) == (None, True)
    reply["value"] = None  # cancelled: nothing changes, no undo step
    qtbot.keyClick(window.view, Qt.Key.Key_C)
    qtbot.keyClick(window.view, Qt.Key.Key_U)  # off again
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    (span,) = [s for s in human_spans(window) if s.text == "马兴瑞"]
    assert span.unsure


def test_c_without_a_label_says_so(qtbot, open_window, answer):
    window = open_window()
    article = open_by_source(window, "000_")
    cursor_at(window.view, article.text, 0)
    qtbot.keyClick(window.view, Qt.Key.Key_C)
    assert "Shift+C" in window.statusBar().currentMessage()


def test_article_note_shows_in_header_spans_tab_and_list(qtbot, open_window, answer):
    reply, _shown = answer
    window = open_window()
    article = open_by_source(window, "000_")
    reply["value"] = (PAGE_NOTE, False)
    qtbot.keyClick(window.view, Qt.Key.Key_C, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_U, Qt.KeyboardModifier.ShiftModifier)
    aset = window.store.get_annotation_set(article.id, "alice")
    assert (aset.note, aset.unsure, aset.status) == (PAGE_NOTE, True, "todo")
    assert UNSURE_MARK + NOTE_MARK in window.header.text()
    window.tabs.setCurrentWidget(window.tabs.spans)
    flags = window.tabs.spans.article_flags
    assert flags.isVisible() and PAGE_NOTE in flags.text()
    assert flags.textFormat() == Qt.TextFormat.PlainText
    row = window.list_panel.model.row_of(article.id)
    status = window.list_panel.model.index(row, 3).data()
    assert status.endswith(UNSURE_MARK + NOTE_MARK)


def test_spans_tab_shows_flags_by_the_label_and_a_note_column(qtbot, open_window, answer):
    reply, _shown = answer
    window = open_window()
    open_by_source(window, "000_")
    label_ma(qtbot, window)
    reply["value"] = ("第一行\n第二行", True)
    qtbot.keyClick(window.view, Qt.Key.Key_C)
    window.tabs.setCurrentWidget(window.tabs.spans)
    model = window.tabs.spans.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    row = next(r for r in range(model.rowCount()) if model.record(r).text == "马兴瑞")
    label, note = headers.index("Label"), headers.index("Note")
    assert model.index(row, label).data() == f"OFFICIAL {UNSURE_MARK}{NOTE_MARK}"
    assert model.index(row, note).data() == "第一行 ⏎ 第二行"


def test_list_filters_by_unsure_and_note_and_remembers(qtbot, open_window, answer):
    reply, _shown = answer
    window = open_window()
    flagged = open_by_source(window, "000_")
    qtbot.keyClick(window.view, Qt.Key.Key_U, Qt.KeyboardModifier.ShiftModifier)
    noted = open_by_source(window, "900_")
    label_ma(qtbot, window)
    reply["value"] = ("?", False)
    qtbot.keyClick(window.view, Qt.Key.Key_C)
    box = window.list_panel.status_filter
    box.setCurrentIndex(box.findData("flag:unsure"))
    assert window.list_panel.model.ids() == [flagged.id]
    box.setCurrentIndex(box.findData("flag:note"))
    assert window.list_panel.model.ids() == [noted.id]
    assert window.list_panel.status() is None
    window.save_settings()
    again = open_window()
    assert again.list_panel.flag() == "note"
    assert again.list_panel.model.ids() == [noted.id]


def test_note_dialog_shows_page_strings_as_plain_text(qtbot):
    dialog = NoteDialog(notes.about_span("OFFICIAL", PAGE_NOTE), PAGE_NOTE, False)
    qtbot.addWidget(dialog)
    assert dialog.about.textFormat() == Qt.TextFormat.PlainText
    assert dialog.editor.toPlainText() == PAGE_NOTE
    assert all(
        label.textFormat() == Qt.TextFormat.PlainText for label in dialog.findChildren(QLabel)
    )


def test_review_window_shows_each_annotators_notes_beside_their_lanes(qtbot, tmp_path):
    from test_review_keys import make_window, put_short

    from annotator.gui.review_notes import HERE
    from annotator.store import Store

    with Store.open(tmp_path / "review.db") as store:
        put_short(store, "a1")
        bob_org = next(s for s in store.get_annotation_set("a1", "bob").spans if s.label == "ORG")
        store.set_span_flags(bob_org.id, note=PAGE_NOTE, unsure=True)
        store.set_article_flags("a1", "alice", note="alice 的备注")
        window = make_window(qtbot, store, ["alice", "bob"])
        pane = window.notes_pane
        assert pane.isVisible()
        text = pane.toPlainText()
        assert text.splitlines()[0] == f"1 alice: article {NOTE_MARK} alice 的备注"
        bob_line = next(line for line in text.splitlines() if "成都" in line)
        assert HERE in bob_line  # the disagreement in hand is 成都
        assert PAGE_NOTE.replace("\n", " ⏎ ") in bob_line  # the raw characters, never HTML
        assert text.index("2 bob") < text.index(bob_line)
        # the article list marks the article: bob unsure, alice and bob with notes
        row = window.list_model.row_of("a1")
        assert window.list_model.index(row, 0).data().startswith(UNSURE_MARK + NOTE_MARK)


def test_review_notes_pane_hides_when_nobody_left_a_note(qtbot, tmp_path):
    from test_review_keys import make_window, put_short

    from annotator.store import Store

    with Store.open(tmp_path / "review.db") as store:
        put_short(store, "a1")
        window = make_window(qtbot, store, ["alice", "bob"])
        assert not window.notes_pane.isVisible()
        assert window.list_model.index(window.list_model.row_of("a1"), 0).data()[0] != "?"


def test_spans_tab_text_column_stays_readable_at_1280(qtbot, open_window, answer):
    """With the Note column, the stretching Text column was squeezed to "…"; fitted to a
    region's text it pushed Start and End out of the pane."""
    reply, _shown = answer
    window = open_window()
    window.resize(1280, 720)
    article = open_by_source(window, "000_")
    label_ma(qtbot, window)
    select_with_keys(qtbot, window.view, article.text, 0, article.text.index("\n"))
    qtbot.keyClick(window.view, Qt.Key.Key_B)
    qtbot.keyClick(window.view, Qt.Key.Key_S)
    assert window.editor.aset.region_spans()  # a long text in the table
    window.tabs.setCurrentWidget(window.tabs.spans)
    qtbot.wait(50)
    table = window.tabs.spans.table
    metrics = table.fontMetrics()
    assert table.columnWidth(1) >= metrics.horizontalAdvance("艾尔肯·吐尼亚孜")
    assert table.columnWidth(1) <= metrics.horizontalAdvance("中" * 10) + 24
    end_column = table.horizontalHeader().sectionViewportPosition(3) + table.columnWidth(3)
    assert end_column <= table.viewport().width()  # Start and End in view


def test_a_flag_that_changes_nothing_in_the_store_pushes_no_undo_step(
    qtbot, open_window, answer
):
    """The window's copy of the set is stale (it says "not unsure"; the database says unsure):
    setting the flag changes nothing in the store, logs no command, so it must push no undo
    step either. Else Ctrl+Z would say "undone: flag unsure" while the store undid the label."""
    from dataclasses import replace

    window = open_window()
    open_by_source(window, "000_")
    qtbot.keyClick(window.view, Qt.Key.Key_U, Qt.KeyboardModifier.ShiftModifier)
    label_ma(qtbot, window)
    window.editor.aset = replace(window.editor.aset, unsure=False)  # stale
    window.editor.set_article_flags(unsure=True)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert human_spans(window) == []
    assert "马兴瑞" in window.statusBar().currentMessage()


def test_a_label_the_store_already_holds_pushes_no_undo_step(qtbot, open_window, answer):
    """The sibling in labelling: a stale window labels a stretch the store already holds;
    add_span logs nothing, so no undo step, else each later Ctrl+Z names the edit before the
    one it undid."""
    from dataclasses import replace

    window = open_window()
    article = open_by_source(window, "000_")
    qtbot.keyClick(window.view, Qt.Key.Key_U, Qt.KeyboardModifier.ShiftModifier)
    label_ma(qtbot, window)
    window.editor.aset = replace(window.editor.aset, spans=())  # stale
    start = article.text.index("马兴瑞")
    window.editor.label("OFFICIAL", start, start + 3)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert human_spans(window) == []
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "unsure" in window.statusBar().currentMessage()
    assert not window.store.get_annotation_set(article.id, "alice").unsure
