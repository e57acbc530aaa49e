"""A scripted session through the real main window (offscreen): keys in, store rows out."""

from __future__ import annotations

from dataclasses import replace

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QLineEdit  # noqa: E402
from test_gui_support import (  # noqa: E402
    HTML_TEXT,
    activate,
    cursor_at,
    open_by_source,
    qt_pos,
    select_with_keys,
)

from annotator.model import AUTO, AnnotationSet, Span  # noqa: E402

pytestmark = pytest.mark.gui
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, db_path, open_window


def label_name(qtbot, window, source: str, name: str, key: str = "1") -> tuple[int, int]:
    activate(qtbot, window)
    article = open_by_source(window, source)
    start = article.text.index(name)
    select_with_keys(qtbot, window.view, article.text, start, start + len(name))
    qtbot.keyClick(window.view, key)
    return start, start + len(name)


def human_spans(window, annotator: str = "alice") -> list[Span]:
    return list(window.store.get_annotation_set(window.editor.article.id, annotator).spans)


@pytest.mark.parametrize(
    ("source", "name"), [("000_", "马兴瑞"), ("900_", "马兴瑞"), ("900_", "楼阳生")]
)
def test_the_label_key_stores_the_selection_at_code_point_offsets(qtbot, open_window, source, name):
    window = open_window()
    start, end = label_name(qtbot, window, source, name)
    spans = human_spans(window)
    assert [(s.label, s.start, s.end, s.text) for s in spans] == [("OFFICIAL", start, end, name)]
    officials = window.store.get_annotation_set(window.editor.article.id, "alice").officials
    assert [(o.name, o.mentions) for o in officials] == [(name, (spans[0].id,))]
    assert window.status.saved.text().startswith("✓ saved")


def test_the_astral_article_really_has_characters_outside_the_bmp(open_window):
    window = open_window()
    article = open_by_source(window, "900_")
    start = article.text.index("马兴瑞")
    assert qt_pos(article.text, start) == start + 2  # 𠀀 and 😀 count twice in Qt


def test_selection_is_trimmed_of_space_and_punctuation(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "900_")
    start = article.text.index("记者马兴瑞报道") + 1  # from 者 ...
    select_with_keys(qtbot, window.view, article.text, start + 1, start + 5)  # 马兴瑞报
    qtbot.keyClick(window.view, "4")
    (span,) = human_spans(window)
    assert span.text == "马兴瑞报" and span.label == "PLACE"
    text = article.text
    period = text.index("。")
    select_with_keys(qtbot, window.view, text, period - 2, period + 2)  # 报道。\n
    qtbot.keyClick(window.view, "5")
    assert {s.text for s in human_spans(window)} == {"马兴瑞报", "报道"}


def test_undo_removes_the_label_and_redo_restores_it(qtbot, open_window):
    window = open_window()
    label_name(qtbot, window, "000_", "马兴瑞")
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert human_spans(window) == []
    assert window.view.paint.spans == ()
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [s.text for s in human_spans(window)] == ["马兴瑞"]
    assert [s.text for s in window.view.paint.spans] == ["马兴瑞"]


def test_a_label_is_still_there_after_closing_and_reopening(qtbot, open_window):
    window = open_window()
    start, end = label_name(qtbot, window, "900_", "马兴瑞")
    article_id = window.editor.article.id
    window.close()
    again = open_window()
    assert again.editor.article.id == article_id  # the last article is restored
    assert [(s.start, s.end) for s in again.view.paint.spans] == [(start, end)]


def test_undo_after_a_restart_reverts_the_earlier_session(qtbot, open_window):
    window = open_window()
    label_name(qtbot, window, "000_", "马兴瑞")
    label_name(qtbot, window, "000_", "楼阳生")
    window.close()
    again = open_window()
    again.view.setFocus()
    qtbot.keyClick(again.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [s.text for s in human_spans(again)] == ["马兴瑞"]
    qtbot.keyClick(again.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert sorted(s.text for s in human_spans(again)) == ["楼阳生", "马兴瑞"]


def test_clicking_a_span_then_a_second_key_relabels_and_delete_removes(qtbot, open_window):
    window = open_window()
    start, _end = label_name(qtbot, window, "000_", "马兴瑞")
    text = window.editor.article.text
    rect = window.view.cursorRect(window.view.textCursor())
    cursor_at(window.view, text, start + 1)
    qtbot.mouseClick(
        window.view.viewport(), Qt.MouseButton.LeftButton, pos=window.view.cursorRect().center()
    )
    assert rect is not None and window.selected_span_id == human_spans(window)[0].id
    qtbot.keyClick(window.view, "3")
    assert [(s.label, s.text) for s in human_spans(window)] == [("ORG", "马兴瑞")]
    assert window.store.get_annotation_set(window.editor.article.id, "alice").officials == ()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert human_spans(window) == []


def test_b_then_a_kind_key_marks_whole_lines(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    text = article.text
    start = text.index("朋友圈")
    select_with_keys(qtbot, window.view, text, start + 1, start + 2)
    qtbot.keyClick(window.view, "b")
    qtbot.keyClick(window.view, "s")
    (region,) = human_spans(window)
    assert region.label == "boilerplate/share"
    assert (region.start, region.end) == (text.rfind("\n", 0, start) + 1, text.index("\n", start))
    line = text.count("\n", 0, start)
    assert window.view.gutter_tag(line).kind == "share"


def put_suggestions(store, article_id: str, names: list[tuple[str, str]]) -> None:
    text = store.article_text(article_id)
    spans = tuple(
        Span(article_id, AUTO, label, text.index(name), text.index(name) + len(name), name, id=n)
        for n, (label, name) in enumerate(names, start=1)
    )
    store.replace_annotation_set(AnnotationSet(article_id, AUTO, spans=spans))


def test_tab_then_a_accepts_and_x_rejects_a_suggestion(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    put_suggestions(window.store, article.id, [("OFFICIAL", "马兴瑞"), ("PLACE", "乌鲁木齐")])
    window.refresh()
    assert len(window.view.paint.suggestions) == 2
    cursor_at(window.view, article.text, 0)
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    qtbot.keyClick(window.view, "a")
    (accepted,) = human_spans(window)
    assert accepted.text == "马兴瑞" and accepted.origin is not None
    qtbot.keyClick(window.view, "x")  # the cursor moved on to the next suggestion
    assert window.store.rejected(article.id, "alice") == {
        ("PLACE", article.text.index("乌鲁木齐"), article.text.index("乌鲁木齐") + 4, "乌鲁木齐")
    }
    assert window.editor.pending_suggestions() == []
    assert window.view.paint.suggestions == ()


def test_shift_a_accepts_every_suggestion_as_one_undo_step(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    put_suggestions(
        window.store,
        article.id,
        [("OFFICIAL", "马兴瑞"), ("OFFICIAL", "楼阳生"), ("DATE", "9月2日")],
    )
    window.refresh()
    window.view.setFocus()
    qtbot.keyClick(window.view, "A", Qt.KeyboardModifier.ShiftModifier)
    assert sorted(s.text for s in human_spans(window)) == ["9月2日", "楼阳生", "马兴瑞"]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert human_spans(window) == []


def edit_cell(qtbot, table, row: int, column: int):
    index = table.model().index(row, column)
    table.setFocus()
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.indexWidget(index)
    assert editor is not None
    return editor


def press_return(qtbot, table, editor) -> None:
    """Enter commits a cell editor; Qt closes it in a queued call."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState, timeout=2000)


def test_editing_an_officials_titles_writes_the_store(qtbot, open_window):
    window = open_window()
    label_name(qtbot, window, "000_", "马兴瑞")
    window.tabs.setCurrentWidget(window.tabs.officials)
    editor = edit_cell(qtbot, window.tabs.officials.table, 0, 1)
    assert isinstance(editor, QLineEdit)
    editor.setText("自治区党委书记、兵团党委第一书记")
    press_return(qtbot, window.tabs.officials.table, editor)
    (official,) = window.store.get_annotation_set(window.editor.article.id, "alice").officials
    assert official.titles == ("自治区党委书记", "兵团党委第一书记")


def test_editing_an_events_date_writes_the_store_and_can_empty_it(qtbot, open_window):
    window = open_window()
    open_by_source(window, "000_")
    window.tabs.setCurrentWidget(window.tabs.events)
    qtbot.mouseClick(window.tabs.events.buttons.itemAt(1).widget(), Qt.MouseButton.LeftButton)
    editor = edit_cell(qtbot, window.tabs.events.table, 0, 1)
    assert isinstance(editor, QLineEdit)  # typed, not a QDateEdit (its sections garbled typing)
    editor.selectAll()
    qtbot.keyClicks(editor, "2024-09-02")
    press_return(qtbot, window.tabs.events.table, editor)
    (event,) = window.store.get_annotation_set(window.editor.article.id, "alice").events
    assert event.date == "2024-09-02"
    editor = edit_cell(qtbot, window.tabs.events.table, 0, 1)
    editor.clear()
    press_return(qtbot, window.tabs.events.table, editor)
    (event,) = window.store.get_annotation_set(window.editor.article.id, "alice").events
    assert event.date is None


def test_closing_the_window_mid_edit_loses_nothing(qtbot, open_window):
    window = open_window()
    label_name(qtbot, window, "000_", "马兴瑞")
    article_id = window.editor.article.id
    editor = edit_cell(qtbot, window.tabs.officials.table, 0, 2)
    editor.setText("新疆维吾尔自治区党委")  # no Enter: the window closes while typing
    window.close()
    (official,) = window.store.get_annotation_set(article_id, "alice").officials
    assert official.organization == "新疆维吾尔自治区党委"


def test_ctrl_enter_marks_done_and_moves_to_the_next_todo(qtbot, open_window):
    window = open_window()
    first = open_by_source(window, "000_")
    window.store.set_status(window.store.article_ids()[1], "alice", "done")  # 001 is done already
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.store.get_annotation_set(first.id, "alice").status == "done"
    assert window.editor.article.source.startswith("002_")
    assert "2 done" in window.status.position.text()


def test_n_and_p_move_through_the_list(qtbot, open_window):
    window = open_window()
    open_by_source(window, "000_")
    window.view.setFocus()
    qtbot.keyClick(window.view, "n")
    assert window.editor.article.source.startswith("001_")
    qtbot.keyClick(window.view, "p")
    assert window.editor.article.source.startswith("000_")


@pytest.mark.parametrize(
    ("query", "source"), [("四川省学习考察", "003_"), ("川新", "003_"), ("星外字符", "900_")]
)
def test_search_finds_an_article_by_a_chinese_substring(qtbot, open_window, query, source):
    window = open_window()
    window.list_panel.search.setFocus()
    window.list_panel.search.insert(query)  # as an input method commits Chinese text
    qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == 1, timeout=2000)
    (found,) = window.list_panel.model.ids()
    assert window.store.get_article(found).source.startswith(source)


def test_label_keys_do_not_fire_while_typing_in_the_search_box(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    start = article.text.index("马兴瑞")
    select_with_keys(qtbot, window.view, article.text, start, start + 3)
    window.list_panel.search.setFocus()
    qtbot.keyClicks(window.list_panel.search, "1n")
    assert human_spans(window) == []
    assert window.editor.article.id == article.id
    assert window.list_panel.search.text() == "1n"


def test_a_second_window_sees_the_first_ones_labels_after_refresh(qtbot, open_window):
    first = open_window()
    second = open_window()
    open_by_source(second, "000_")
    label_name(qtbot, first, "000_", "马兴瑞")
    assert second.view.paint.spans == ()
    activate(qtbot, second)
    second.view.setFocus()
    qtbot.keyClick(second.view, Qt.Key.Key_F5)
    assert [s.text for s in second.view.paint.spans] == ["马兴瑞"]


def test_page_html_is_shown_as_characters_and_loads_nothing(open_window):
    window = open_window()
    open_by_source(window, "901_")
    document = window.view.document()
    assert document.toPlainText() == HTML_TEXT
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            assert not iterator.fragment().charFormat().isImageFormat()
            iterator += 1
        block = block.next()


def test_the_original_view_shows_the_page_text_with_labels_mapped(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "002_")
    assert article.raw_text != article.text
    name = (
        "马兴瑞" if "马兴瑞" in article.text else article.text[article.text.index("陈敏尔") :][:3]
    )
    start = article.text.index(name)
    select_with_keys(qtbot, window.view, article.text, start, start + len(name))
    qtbot.keyClick(window.view, "1")
    qtbot.keyClick(window.view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.view.text == article.raw_text
    (shown,) = window.view.paint.spans
    raw_start, raw_end = article.offset_map.span_to_raw(start, start + len(name))
    assert (shown.start, shown.end, shown.text) == (
        raw_start,
        raw_end,
        article.raw_text[raw_start:raw_end],
    )
    qtbot.keyClick(window.view, "2")  # labelling is for the cleaned text only
    assert len(human_spans(window)) == 1
    assert "cleaned text" in window.status.currentMessage()


def test_damage_has_a_tooltip_text(open_window):
    window = open_window()
    article = open_by_source(window, "002_")
    assert article.damage, "seed 002 has damaged characters"
    damage = article.damage[0]
    assert "damaged" in window.view.describe(damage.start)
    assert "damaged" not in window.view.describe(0) or damage.start == 0


def test_every_damage_kind_has_its_own_tooltip():
    from typing import get_args

    from annotator.gui.text_view import DAMAGE_TOOLTIPS
    from annotator.model import DamageKind

    assert set(DAMAGE_TOOLTIPS) == set(get_args(DamageKind))
    assert len(set(DAMAGE_TOOLTIPS.values())) == len(DAMAGE_TOOLTIPS)


def test_filter_and_article_are_restored_on_the_next_start(qtbot, open_window):
    window = open_window()
    open_by_source(window, "003_")
    window.list_panel.status_filter.setCurrentIndex(
        window.list_panel.status_filter.findData("todo")
    )
    article_id = window.editor.article.id
    window.close()
    again = open_window()
    assert again.list_panel.status() == "todo"
    assert again.editor.article.id == article_id


def test_selecting_an_official_emphasises_its_mentions(qtbot, open_window):
    window = open_window()
    label_name(qtbot, window, "000_", "马兴瑞")
    text = window.editor.article.text
    second = text.index("马兴瑞", text.index("马兴瑞") + 1)
    select_with_keys(qtbot, window.view, text, second, second + 3)
    qtbot.keyClick(window.view, "1")
    window.tabs.officials.table.selectRow(0)
    (official,) = window.editor.aset.officials
    assert len(official.mentions) == 2
    assert window.view.paint.emphasised == frozenset(official.mentions)


def test_the_edit_log_is_per_article(qtbot, open_window):
    window = open_window()
    label_name(qtbot, window, "000_", "马兴瑞")
    open_by_source(window, "900_")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    open_by_source(window, "000_")
    assert [s.text for s in human_spans(window)] == ["马兴瑞"]


def test_event_participants_and_type_are_chosen_from_lists(qtbot, open_window):
    window = open_window()
    label_name(qtbot, window, "000_", "马兴瑞")
    event = window.editor.add_event()
    (official,) = window.editor.aset.officials
    events = window.tabs.events
    window.tabs.setCurrentWidget(events)
    events.model.setData(events.model.index(0, 4), (official.id,))
    events.model.setData(events.model.index(0, 0), "考察调研")
    stored = window.store.get_annotation_set(window.editor.article.id, "alice").events
    assert [(e.type, e.participants) for e in stored] == [("考察调研", (official.id,))]
    assert replace(event, type="考察调研", participants=(official.id,)) == stored[0]


def test_the_first_run_imports_the_seeds_in_the_background(qtbot, settings_dir, tmp_path):
    from annotator.gui.app import app_settings, import_seeds_when_empty
    from annotator.gui.main_window import MainWindow
    from annotator.store import Store

    with Store.open(tmp_path / "fresh.db") as store:
        window = MainWindow(store, "alice", app_settings())
        qtbot.addWidget(window)
        assert window.list_panel.model.rowCount() == 0
        job = import_seeds_when_empty(window)
        assert job is not None
        with qtbot.waitSignal(job.signals.finished, timeout=60_000):
            pass
        qtbot.waitUntil(lambda: window.list_panel.model.rowCount() == 5, timeout=5000)
        assert window.editor.article is not None
        assert window.store.has_annotation_set(window.editor.article.id, "auto")
        assert import_seeds_when_empty(window) is None  # only once
        window.close()


def test_opening_the_window_makes_a_rotating_backup_off_the_ui_thread(qtbot, open_window, db_path):
    from annotator.gui.app import start_backup
    from annotator.store import Store

    window = open_window()
    text = window.editor.article.text
    start = next(i for i, ch in enumerate(text) if not ch.isspace())
    window.editor.label("PLACE", start, start + 1)
    backups = db_path.parent / "backups"
    start_backup(window, db_path)
    assert window.jobs.waitForDone(30_000)
    [backup] = backups.glob("annotator-start-*.db")
    with Store.open(backup) as copy:  # a standalone database holding the edit just made
        assert copy.get_annotation_set(window.editor.article.id, "alice").spans
    start_backup(window, db_path)  # nothing changed since: no second copy
    assert window.jobs.waitForDone(30_000)
    qtbot.waitUntil(lambda: "nothing changed" in window.status.currentMessage(), timeout=5000)
    assert len(list(backups.glob("annotator-start-*.db"))) == 1


def test_the_cheat_sheet_lists_every_key_from_the_menus(open_window):
    from annotator.gui.cheat_sheet import key_rows

    window = open_window()
    rows = dict((text, keys) for keys, text in key_rows(window.actions_in_menus))
    assert rows["Label selection as OFFICIAL"] == "1"
    assert rows["Boilerplate: share"] == "B, S"
    assert rows["Accept every suggestion in the article"] == "Shift+A"
    assert "Ctrl+Z" in rows["Undo"]
    for label in window.store.schema.labels:
        assert any(label.key.upper() in keys for keys in rows.values())


def test_the_first_run_asks_for_a_name_once_and_remembers_it(qtbot, settings_dir):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog

    from annotator.gui.app import app_settings, ask_annotator

    def answer() -> None:
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QInputDialog) and w.isVisible()
        )
        dialog.setTextValue("  bob ")
        dialog.accept()

    QTimer.singleShot(200, answer)
    assert ask_annotator(app_settings()) == "bob"
    assert ask_annotator(app_settings()) == "bob"  # remembered: no dialog this time
