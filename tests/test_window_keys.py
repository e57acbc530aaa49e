"""The main window as a professional annotator uses it: keys, layout, feedback (issue 14)."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from test_gui_support import (  # noqa: E402
    cursor_at,
    open_by_source,
    select_with_keys,
)
from test_gui_window import human_spans, put_suggestions  # noqa: E402

from annotator.gui.editor import NothingToDo  # noqa: E402
from annotator.model import AUTO, AnnotationSet  # noqa: E402

pytestmark = pytest.mark.gui
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, db_path, open_window


def selected_text(window) -> str:
    start, end = window.view.selection_range()
    return window.view.text[start:end]


# -- 1. Tab and Shift+Tab ----------------------------------------------------------------------


def test_shift_tab_goes_to_the_previous_suggestion_without_an_ambiguous_shortcut(
    qtbot, open_window, qtlog
):
    window = open_window()
    article = open_by_source(window, "000_")
    put_suggestions(window.store, article.id, [("OFFICIAL", "马兴瑞"), ("PLACE", "乌鲁木齐")])
    window.refresh()
    cursor_at(window.view, article.text, len(article.text))
    qtbot.keyClick(window.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert selected_text(window) == "乌鲁木齐"
    qtbot.keyClick(window.view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert selected_text(window) == "马兴瑞"
    assert not [r for r in qtlog.records if "Ambiguous" in r.message]


def test_tab_at_the_very_start_goes_to_a_suggestion_starting_there(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    first_line = article.text.split("\n", 1)[0]
    put_suggestions(window.store, article.id, [("ORG", first_line), ("OFFICIAL", "马兴瑞")])
    window.refresh()
    cursor_at(window.view, article.text, 0)
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    assert selected_text(window) == first_line
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    assert selected_text(window) == "马兴瑞"


def canonical_keys(action) -> set[tuple[int, ...]]:
    """The key combinations an action's shortcuts fire on. Qt matches a Shift+Tab press
    against both "Shift+Tab" and "Backtab", so both are the same key here."""
    keys = set()
    for sequence in action.shortcuts():
        combos = []
        for i in range(sequence.count()):
            combo = sequence[i]
            key, modifiers = combo.key(), combo.keyboardModifiers()
            if key == Qt.Key.Key_Backtab:
                key, modifiers = Qt.Key.Key_Tab, modifiers | Qt.KeyboardModifier.ShiftModifier
            combos.append((int(key), int(modifiers.value)))
        keys.add(tuple(combos))
    return keys


def test_no_two_shortcuts_of_the_window_are_the_same_key(open_window):
    window = open_window()
    seen: dict[tuple[int, ...], str] = {}
    for action in window.actions_in_menus:
        keys = canonical_keys(action)
        assert len(keys) == len(action.shortcuts()), f"{action.text()} has the same key twice"
        for key in keys:
            assert key not in seen, f"{action.text()} and {seen[key]} share a key"
            seen[key] = action.text()


def test_tab_visits_two_suggestions_that_start_at_the_same_character(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    put_suggestions(window.store, article.id, [("ORG", "马兴瑞"), ("OFFICIAL", "马兴")])
    window.refresh()
    cursor_at(window.view, article.text, 0)
    seen = []
    for _ in range(2):
        qtbot.keyClick(window.view, Qt.Key.Key_Tab)
        seen.append(selected_text(window))
    assert sorted(seen) == ["马兴", "马兴瑞"]
    qtbot.keyClick(window.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert selected_text(window) == seen[0]


# -- 2. layout at 1280×720 ---------------------------------------------------------------------


def wait_for_layout(qtbot, window, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.splitter.width() > 0.9 * width and sum(window.splitter.sizes()) > 0)
    QApplication.processEvents()


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1600, 1000)])
def test_the_text_pane_keeps_at_least_half_the_width(qtbot, open_window, width, height):
    window = open_window()
    wait_for_layout(qtbot, window, width, height)
    sizes = window.splitter.sizes()
    assert sizes[1] >= sum(sizes) / 2, sizes


def test_splitter_sizes_are_remembered(qtbot, open_window, db_path):
    from annotator.gui.app import app_settings
    from annotator.gui.main_window import MainWindow
    from annotator.store import Store

    window = open_window()
    wait_for_layout(qtbot, window, 1280, 720)
    total = sum(window.splitter.sizes())
    window.splitter.setSizes([260, total - 260 - 300, 300])
    wanted = window.splitter.sizes()
    window.close()
    with Store.open(db_path) as store:
        again = MainWindow(store, "alice", app_settings())
        qtbot.addWidget(again)
        again.resize(1280, 720)  # the offscreen screen (800 pixels) clamps the restored geometry
        again.show()
        qtbot.waitExposed(again)
        assert again.splitter.sizes() == wanted
        again.close()


# -- 3. entity labels stay inside one line -----------------------------------------------------


def across_first_line_break(text: str) -> tuple[int, int]:
    newline = text.index("\n", 10)
    return newline - 4, newline + 4


def test_a_label_across_a_line_break_is_refused_with_a_message(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    start, end = across_first_line_break(article.text)
    select_with_keys(qtbot, window.view, article.text, start, end)
    qtbot.keyClick(window.view, "1")
    assert human_spans(window) == []
    assert "line break" in window.status.currentMessage()


def test_a_boilerplate_region_may_span_several_lines(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    start, end = across_first_line_break(article.text)
    select_with_keys(qtbot, window.view, article.text, start, end)
    qtbot.keyClick(window.view, "b")
    qtbot.keyClick(window.view, "s")
    (region,) = human_spans(window)
    assert "\n" in region.text


def test_a_selected_region_is_not_relabelled_as_an_entity(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    start, end = across_first_line_break(article.text)
    select_with_keys(qtbot, window.view, article.text, start, end)
    qtbot.keyClick(window.view, "b")
    qtbot.keyClick(window.view, "s")
    (region,) = human_spans(window)
    window.select_span(region)  # as choosing its row in the Spans tab does
    window.view.setFocus()
    qtbot.keyClick(window.view, "1")
    assert [s.label for s in human_spans(window)] == ["boilerplate/share"]
    assert window.status.currentMessage().startswith("⚠")
    with pytest.raises(NothingToDo, match="region label"):
        window.editor.relabel(region, "OFFICIAL")
    assert [s.label for s in human_spans(window)] == ["boilerplate/share"]


def test_accepting_a_suggestion_across_a_line_break_is_refused(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    start, end = across_first_line_break(article.text)
    put_suggestions(window.store, article.id, [("ORG", article.text[start:end]), ("OFFICIAL", "马兴瑞")])
    window.refresh()
    window.view.setFocus()
    qtbot.keyClick(window.view, "A", Qt.KeyboardModifier.ShiftModifier)
    assert [s.text for s in human_spans(window)] == ["马兴瑞"]
    assert "line break" in window.status.currentMessage()


# -- 4. the B prefix shows what it waits for ---------------------------------------------------


def press_b_on_a_line(qtbot, window, needle: str = "朋友圈"):
    article = open_by_source(window, "000_")
    start = article.text.index(needle)
    select_with_keys(qtbot, window.view, article.text, start, start + 1)
    qtbot.keyClick(window.view, "b")
    return article


def test_after_b_the_status_bar_shows_the_prefix_and_the_kinds(qtbot, open_window):
    window = open_window()
    press_b_on_a_line(qtbot, window)
    mode = window.status.mode.text()
    assert window.status.mode.isVisible()
    for label in window.store.schema.region_labels():
        assert label.key.upper() in mode and label.name.split("/")[1] in mode
    qtbot.keyClick(window.view, "s")
    assert [s.label for s in human_spans(window)] == ["boilerplate/share"]
    assert not window.status.mode.isVisible()


def test_a_key_that_is_not_a_kind_is_named_and_changes_nothing(qtbot, open_window):
    window = open_window()
    article = press_b_on_a_line(qtbot, window)
    qtbot.keyClick(window.view, "z")
    assert human_spans(window) == []
    assert "not a boilerplate kind" in window.status.currentMessage()
    assert not window.status.mode.isVisible()
    assert window.editor.article.id == article.id


def test_a_kind_key_that_is_also_a_window_key_marks_the_kind(qtbot, open_window):
    window = open_window()
    article = press_b_on_a_line(qtbot, window)
    qtbot.keyClick(window.view, "n")  # N alone is "next article"
    assert window.editor.article.id == article.id
    assert [s.label for s in human_spans(window)] == ["boilerplate/navigation"]


def test_escape_after_b_cancels_and_keeps_the_find_bar_key_working(qtbot, open_window):
    window = open_window()
    press_b_on_a_line(qtbot, window)
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not window.status.mode.isVisible()
    qtbot.keyClick(window.view, "s")  # no longer a kind: S alone does nothing
    assert human_spans(window) == []


# -- 5. Ctrl+Enter with suggestions still pending asks once ------------------------------------


def answer_question(qtbot, *, button: str, dont_ask_again: bool = False) -> list[str]:
    """Answer the next message box with the button whose text contains `button`; returns the
    texts the box showed (empty when none came)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    tries = iter(range(50))  # a second at most: a box that never comes ends the wait

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if next(tries, None) is not None:
                QTimer.singleShot(20, answer)
            return
        shown.append(box.text())
        box.checkBox().setChecked(dont_ask_again)
        next(b for b in box.buttons() if button in b.text()).click()

    QTimer.singleShot(0, answer)
    return shown


def press_ctrl_enter(qtbot, window) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def status_of(window, article_id: str) -> str:
    return window.store.get_annotation_set(article_id, "alice").status


def test_ctrl_enter_with_pending_suggestions_asks_and_cancel_keeps_the_article(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    put_suggestions(window.store, article.id, [("OFFICIAL", "马兴瑞"), ("PLACE", "乌鲁木齐")])
    window.refresh()
    shown = answer_question(qtbot, button="Cancel")
    press_ctrl_enter(qtbot, window)
    assert shown and "2 suggestions" in shown[0]
    assert status_of(window, article.id) != "done"
    assert window.editor.article.id == article.id


def test_dont_ask_again_is_remembered(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    put_suggestions(window.store, article.id, [("OFFICIAL", "马兴瑞")])
    window.refresh()
    answer_question(qtbot, button="Mark done", dont_ask_again=True)
    press_ctrl_enter(qtbot, window)
    assert status_of(window, article.id) == "done"
    window.close()
    again = open_window()
    other = open_by_source(again, "002_")
    put_suggestions(again.store, other.id, [("OFFICIAL", "马兴瑞")])
    again.refresh()
    shown = answer_question(qtbot, button="Cancel")
    press_ctrl_enter(qtbot, again)
    qtbot.wait(100)
    assert shown == []
    assert status_of(again, other.id) == "done"


def test_ctrl_enter_without_pending_suggestions_does_not_ask(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    window.store.replace_annotation_set(AnnotationSet(article.id, AUTO))
    window.refresh()
    shown = answer_question(qtbot, button="Cancel")
    press_ctrl_enter(qtbot, window)
    qtbot.wait(100)
    assert shown == []
    assert status_of(window, article.id) == "done"


# -- 6. find: every match at once, a count, no stale warnings ---------------------------------


def find(qtbot, window, needle: str) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    window.find_box.setText(needle)


def occurrences(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + len(needle))
    return found


def test_find_highlights_every_match_and_counts_them(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    needle = "马兴瑞"
    starts = occurrences(article.text, needle)
    assert len(starts) > 1
    find(qtbot, window, needle)
    assert [start for start, _end in window.view.paint.found] == starts
    qtbot.keyClick(window.find_box, Qt.Key.Key_Return)
    assert window.view.selection_range() == (starts[0], starts[0] + len(needle))
    assert window.find_count.text() == f"1 of {len(starts)}"
    qtbot.keyClick(window.find_box, Qt.Key.Key_Return)
    assert window.find_count.text() == f"2 of {len(starts)}"
    qtbot.keyClick(window.find_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.selection_range() == (starts[0], starts[0] + len(needle))
    qtbot.keyClick(window.find_box, Qt.Key.Key_Escape)
    assert window.view.paint.found == ()


def test_a_find_warning_leaves_once_the_search_changes(qtbot, open_window):
    window = open_window()
    open_by_source(window, "000_")
    find(qtbot, window, "不在这篇文章里的字符串")
    qtbot.keyClick(window.find_box, Qt.Key.Key_Return)
    assert "not in this article" in window.status.currentMessage()
    assert window.find_count.text() == "no match"
    window.find_box.setText("马兴瑞")
    assert "not in this article" not in window.status.currentMessage()


def test_a_warning_about_one_article_leaves_when_another_opens(qtbot, open_window):
    window = open_window()
    open_by_source(window, "000_")
    window.view.setFocus()
    qtbot.keyClick(window.view, "a")  # no suggestion at the cursor
    assert window.status.currentMessage().startswith("⚠")
    open_by_source(window, "002_")
    assert window.status.currentMessage() == ""


# -- 7. undo and redo show what they changed ---------------------------------------------------


def scroll_to_end(window) -> None:
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum())


def span_is_in_view(window, start: int) -> bool:
    cursor = window.view.textCursor()
    cursor.setPosition(window.view.offsets.to_qt(start))
    return window.view.viewport().rect().contains(window.view.cursorRect(cursor).center())


def test_undo_and_redo_scroll_to_the_span_and_refresh_the_saved_time(qtbot, open_window):
    window = open_window()
    window.resize(1280, 500)
    start, end = label_name_at_top(qtbot, window)
    for key, modifiers, present in (
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier, False),
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, True),
    ):
        scroll_to_end(window)
        assert not span_is_in_view(window, start)
        window.status.saved.setText("stale")
        qtbot.keyClick(window.view, key, modifiers)
        assert bool(human_spans(window)) == present
        assert span_is_in_view(window, start)
        assert window.status.saved.text().startswith("✓ saved")
    assert window.view.selection_range() == (start, end)


def label_name_at_top(qtbot, window) -> tuple[int, int]:
    article = open_by_source(window, "000_")
    qtbot.waitUntil(lambda: window.view.verticalScrollBar().maximum() > 0)
    start = article.text.index("马兴瑞")
    select_with_keys(qtbot, window.view, article.text, start, start + 3)
    qtbot.keyClick(window.view, "1")
    return start, start + 3


# -- 8. the Spans tab says where each span came from ------------------------------------------


def test_the_spans_tab_says_hand_or_suggestion(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    put_suggestions(window.store, article.id, [("PLACE", "乌鲁木齐")])
    window.refresh()
    start = article.text.index("马兴瑞")
    select_with_keys(qtbot, window.view, article.text, start, start + 3)
    qtbot.keyClick(window.view, "1")
    window.accept_all()
    window.tabs.setCurrentWidget(window.tabs.spans)  # a tab fills itself when shown
    model = window.tabs.spans.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    text_column, from_column = headers.index("Text"), headers.index("From")
    origin = {
        model.index(row, text_column).data(): model.index(row, from_column).data()
        for row in range(model.rowCount())
    }
    assert origin == {"马兴瑞": "hand", "乌鲁木齐": "suggestion"}


# -- 9. zoom -----------------------------------------------------------------------------------


def test_zoom_keys_change_the_text_size_and_it_is_remembered(qtbot, open_window):
    window = open_window()
    open_by_source(window, "000_")
    default = window.view.font().pointSize()
    ctrl = Qt.KeyboardModifier.ControlModifier
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Plus, ctrl)
    qtbot.keyClick(window.view, Qt.Key.Key_Equal, ctrl)  # the same key without Shift
    bigger = window.view.font().pointSize()
    assert bigger > default
    qtbot.keyClick(window.view, Qt.Key.Key_Minus, ctrl)
    assert default < window.view.font().pointSize() < bigger
    zoomed = window.view.font().pointSize()
    window.close()
    again = open_window()
    assert again.view.font().pointSize() == zoomed
    again.view.setFocus()
    qtbot.keyClick(again.view, Qt.Key.Key_0, ctrl)
    assert again.view.font().pointSize() == default


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1600, 1000)])
def test_titles_and_evidence_columns_are_not_squeezed_away(qtbot, open_window, width, height):
    window = open_window()
    wait_for_layout(qtbot, window, width, height)
    open_by_source(window, "000_")
    em = window.fontMetrics().horizontalAdvance("中")
    header = window.list_panel.table.horizontalHeader()
    assert header.sectionSize(0) >= 6 * em  # the article's title
    for tab, column in ((window.tabs.officials, 1), (window.tabs.events, 5)):
        window.tabs.setCurrentWidget(tab)
        QApplication.processEvents()
        assert tab.table.horizontalHeader().sectionSize(column) >= 6 * em, tab


# -- 10. offer a label for the string's other occurrences --------------------------------------


def test_o_offers_the_label_at_the_other_occurrences_as_suggestions(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    starts = occurrences(article.text, "马兴瑞")
    select_with_keys(qtbot, window.view, article.text, starts[0], starts[0] + 3)
    qtbot.keyClick(window.view, "1")
    qtbot.keyClick(window.view, "o")
    offered = [s for s in window.editor.pending_suggestions() if s.rule == "same-string"]
    assert [(s.label, s.start) for s in offered] == [("OFFICIAL", start) for start in starts[1:]]
    assert len(human_spans(window)) == 1  # offered, not labelled
    stored = window.store.get_annotation_set(article.id, AUTO).spans
    assert {s.start for s in stored if s.rule == "same-string"} == set(starts[1:])
    qtbot.keyClick(window.view, "o")  # a second time: on to every article (test_window_offer_everywhere)
    assert "every article" in window.status.currentMessage()
    qtbot.waitUntil(lambda: not window._offering, timeout=10_000)
    window.view.select_range(starts[0], starts[0] + 3)
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    qtbot.keyClick(window.view, "a")
    assert len(human_spans(window)) == 2


def test_o_skips_places_already_labelled_or_rejected(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    starts = occurrences(article.text, "马兴瑞")
    assert len(starts) >= 3
    window.editor.label("ORG", starts[1], starts[1] + 3)  # labelled otherwise by hand
    window.editor.label("OFFICIAL", starts[0], starts[0] + 3)
    window.view.select_range(starts[0], starts[0] + 3)
    window.view.setFocus()
    qtbot.keyClick(window.view, "o")
    offered = {s.start for s in window.editor.pending_suggestions() if s.rule == "same-string"}
    assert offered == set(starts[2:])
    window.editor.reject(next(s for s in window.editor.pending_suggestions() if s.start == starts[2]))
    window.view.select_range(starts[0], starts[0] + 3)
    qtbot.keyClick(window.view, "o")
    offered = {s.start for s in window.editor.pending_suggestions() if s.rule == "same-string"}
    assert starts[2] not in offered


# -- sibling: which label a key acts on follows the selection, not an older choice -------------


def adjacent_title_and_name(qtbot, window):
    article = open_by_source(window, "000_")
    title_start = article.text.index("第一政委马兴瑞")
    title = (title_start, title_start + 4)
    name = (title_start + 4, title_start + 7)
    window.editor.label("TITLE", *title)
    window.editor.label("OFFICIAL", *name)
    window.select_span(next(s for s in human_spans(window) if s.label == "OFFICIAL"))
    return article, title, name


def test_delete_removes_the_label_the_keys_selected_not_the_one_chosen_before(qtbot, open_window):
    window = open_window()
    article, title, _name = adjacent_title_and_name(qtbot, window)
    select_with_keys(qtbot, window.view, article.text, *title)  # the official was chosen before
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert [s.label for s in human_spans(window)] == ["OFFICIAL"]


def test_delete_with_a_label_selected_by_keys_spares_the_adjacent_one(qtbot, open_window):
    window = open_window()
    article, title, _name = adjacent_title_and_name(qtbot, window)
    window.selected_span_id = None  # as after Tab: nothing chosen, only a selection
    select_with_keys(qtbot, window.view, article.text, *title)  # the cursor ends where the name starts
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert [s.label for s in human_spans(window)] == ["OFFICIAL"]


def test_o_offers_the_label_the_keys_selected(qtbot, open_window):
    window = open_window()
    article, title, _name = adjacent_title_and_name(qtbot, window)
    select_with_keys(qtbot, window.view, article.text, *title)
    qtbot.keyClick(window.view, "o")
    offered = {s.label for s in window.editor.pending_suggestions() if s.rule == "same-string"}
    assert offered == {"TITLE"}


def test_the_b_prompt_does_not_widen_a_1280_pixel_window(qtbot, open_window):
    window = open_window()
    wait_for_layout(qtbot, window, 1280, 720)
    window.status.show_saved("an earlier edit")  # every permanent label of the bar in use
    press_b_on_a_line(qtbot, window)
    qtbot.wait(300)  # a window that grows does so a little later
    assert window.status.mode.isVisible()
    assert window.minimumSizeHint().width() <= 1280  # the prompt may be cut, never the window
    assert window.width() == 1280


@pytest.fixture
def app_style_sheet():
    """The style sheet `annotator gui` runs with (pytest-qt's application has none)."""
    from annotator.gui.app import application

    app = application()
    yield app.styleSheet()
    app.setStyleSheet("")


def test_the_zoomed_size_survives_focus_changes_and_restyling(qtbot, app_style_sheet, open_window):
    assert app_style_sheet
    window = open_window()
    open_by_source(window, "000_")
    window.view.setFocus()
    window.zoom(3)
    zoomed = window.view.fontMetrics().horizontalAdvance("中")
    press_b_on_a_line(qtbot, window)  # the status bar's mode label comes and goes
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.find_box, Qt.Key.Key_Escape)
    window.style().unpolish(window.view)
    window.style().polish(window.view)
    qtbot.wait(100)
    assert window.view.fontMetrics().horizontalAdvance("中") == zoomed
