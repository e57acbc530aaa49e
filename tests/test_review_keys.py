"""The review window as a keyboard user meets it: a menu bar naming every key, Ctrl+W and Esc
to close, the disagreement in hand always in view with its lanes, E choosing a span by
selecting text, Ctrl+Z right after Ctrl+Enter, counts in the singular, and names or paths
shown as the characters they are (a "&" in a name, "[*]" in a path)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QScrollArea, QSpinBox, QToolButton

from annotator.gui.review_window import ReviewWindow
from annotator.model import GOLD, Article, OffsetMap
from annotator.review.disagreements import span_key
from annotator.store import Store

pytestmark = pytest.mark.gui

# one disagreement (成都: PLACE or ORG), the rest agreed
SHORT = "王伟中在成都，会见了黄强。\n分享到微信"
LONG = "\n".join(f"第{n}段：王伟中在成都会见了黄强，双方就合作交换了意见。" for n in range(60))
DISAGREEING_LINES = (1, 30, 59)


def article(article_id: str, text: str) -> Article:
    return Article(article_id, f"{article_id}.txt", text, text, OffsetMap.identity(len(text)))


def put_short(store: Store, article_id: str, names: tuple[str, str] = ("alice", "bob")) -> None:
    store.add_articles([article(article_id, SHORT)])
    first, second = names
    for name in names:
        store.add_span(article_id, name, "OFFICIAL", 0, 3)  # 王伟中, agreed
    store.add_span(article_id, first, "PLACE", 4, 6)  # 成都
    store.add_span(article_id, second, "ORG", 4, 6)


def put_long(store: Store, article_id: str) -> None:
    """Alice labels 王伟中 on three lines far apart; bob does not: three disagreements."""
    store.add_articles([article(article_id, LONG)])
    line_starts = [0]
    for line in LONG.split("\n")[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    for n in DISAGREEING_LINES:
        start = LONG.index("王伟中", line_starts[n])
        store.add_span(article_id, "alice", "OFFICIAL", start, start + 3)
    place = LONG.index("成都")
    for name in ("alice", "bob"):
        store.add_span(article_id, name, "PLACE", place, place + 2)


def make_window(qtbot, store: Store, annotators: list[str] | None = None) -> ReviewWindow:
    window = ReviewWindow(store, annotators)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.corpus is not None)
    return window


@pytest.fixture
def short_store():
    with Store.open(memory=True) as store:
        put_short(store, "a1")
        yield store


def menu_actions(menu: QMenu) -> list[QAction]:
    found = []
    for act in menu.actions():
        if act.menu() is not None:
            found += menu_actions(act.menu())
        elif not act.isSeparator():
            found.append(act)
    return found


def all_menu_actions(window: ReviewWindow) -> list[QAction]:
    found = []
    for act in window.menuBar().actions():
        assert act.menu() is not None
        found += menu_actions(act.menu())
    return found


def shown(text: str) -> str:
    """What Qt draws for a menu or button text: "&&" is one "&", a lone "&" marks a mnemonic."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


# -- the menu bar -----------------------------------------------------------------------------


def test_the_menu_bar_holds_every_key_of_the_window_with_its_shortcut(qtbot, short_store):
    window = make_window(qtbot, short_store)
    in_menus = all_menu_actions(window)
    keyed = [a for a in window.actions() if a.shortcuts()]
    assert keyed, "the window has keys"
    missing = [a.text() for a in keyed if a not in in_menus]
    assert not missing, f"keys not in the menu bar: {missing}"
    # the menu shows the key next to the item
    assert all(a.shortcut().toString() for a in in_menus if a.shortcuts())
    assert window.menuBar().isVisible()


def canonical_keys(action: QAction) -> set[tuple[tuple[int, int], ...]]:
    """Qt matches Shift+Tab against both "Shift+Tab" and "Backtab": the same key here."""
    keys = set()
    for sequence in action.shortcuts():
        combos = []
        for i in range(sequence.count()):
            key, modifiers = sequence[i].key(), sequence[i].keyboardModifiers()
            if key == Qt.Key.Key_Backtab:
                key, modifiers = Qt.Key.Key_Tab, modifiers | Qt.KeyboardModifier.ShiftModifier
            combos.append((int(key), int(modifiers.value)))
        keys.add(tuple(combos))
    return keys


def test_no_two_shortcuts_of_the_review_window_are_the_same_key(qtbot, short_store):
    window = make_window(qtbot, short_store)
    seen: dict[tuple[tuple[int, int], ...], str] = {}
    for act in window.actions():
        keys = canonical_keys(act)
        assert len(keys) == len(act.shortcuts()), f"{act.text()} has a key twice"
        for key in keys:
            assert key not in seen, f"{act.text()} and {seen[key]} share a key"
            seen[key] = act.text()


def test_tab_and_shift_tab_move_between_disagreements(qtbot, qtlog):
    with Store.open(memory=True) as store:
        put_long(store, "l1")
        window = make_window(qtbot, store)
        assert window.current == 0
        qtbot.keyClick(window, Qt.Key.Key_Tab)
        assert window.current == 1
        qtbot.keyClick(window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        assert window.current == 0
        assert not [r for r in qtlog.records if "Ambiguous" in r.message]


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    ],
)
def test_ctrl_w_and_escape_close_the_window(qtbot, short_store, key, modifiers):
    window = make_window(qtbot, short_store)
    qtbot.keyClick(window, key, modifiers)
    assert not window.isVisible()


def test_escape_in_the_edit_dialog_closes_the_dialog_not_the_window(qtbot, short_store):
    window = make_window(qtbot, short_store)
    qtbot.keyClick(window, Qt.Key.Key_E)
    dialog = window.edit_dialog
    qtbot.keyClick(dialog.text_view, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and window.isVisible()
    assert short_store.get_annotation_set("a1", GOLD).spans == ()


# -- the disagreement in hand in view ----------------------------------------------------------


def current_in_view(window: ReviewWindow) -> bool:
    """The current disagreement's text and the lanes under its last line are on screen."""
    QApplication.processEvents()
    view = window.view
    d = window.state.review.disagreements[window.current]
    pieces = list(view.line_pieces(*view.offsets.span_to_qt(d.start, d.end)))
    assert pieces
    top = min(p[2] for p in pieces)
    bottom = max(p[3] for p in pieces) + view.lane_space()
    return top >= 0 and bottom <= view.viewport().height()


def test_the_current_disagreement_is_always_in_view_with_its_lanes(qtbot):
    with Store.open(memory=True) as store:
        put_long(store, "l1")
        window = make_window(qtbot, store)
        window.resize(1400, 520)
        qtbot.waitUntil(lambda: window.height() <= 600)
        assert current_in_view(window)
        for expected in (1, 2):
            qtbot.keyClick(window, Qt.Key.Key_J)
            assert window.current == expected and current_in_view(window)
        qtbot.keyClick(window, Qt.Key.Key_K)
        assert window.current == 1 and current_in_view(window)
        window.resize(1400, 420)  # the view shrinks: the disagreement stays in it
        qtbot.waitUntil(lambda: window.height() <= 450)
        assert current_in_view(window)
        window.resize(1290, 520)  # narrower: the lines wrap anew
        qtbot.waitUntil(lambda: window.width() <= 1300)
        assert current_in_view(window)


def test_a_clicked_disagreement_is_the_one_kept_in_view(qtbot):
    with Store.open(memory=True) as store:
        put_long(store, "l1")
        window = make_window(qtbot, store)
        window.resize(1400, 520)
        qtbot.wait(50)
        last = window.state.review.disagreements[2]
        bar = window.view.verticalScrollBar()
        bar.setValue(bar.maximum())  # the reviewer scrolls to the end
        qtbot.wait(50)
        window.view.clicked.emit(last.start + 1)  # and clicks it
        assert window.current == 2
        window.resize(1400, 420)  # the view shrinks: the clicked one stays in view
        qtbot.waitUntil(lambda: window.height() <= 450)
        qtbot.wait(50)
        assert current_in_view(window)


def test_a_newly_opened_article_shows_its_first_disagreement(qtbot):
    """Opened before the window had its size: still in view once it has."""
    with Store.open(memory=True) as store:
        put_long(store, "l1")
        store.add_span("l1", GOLD, "OFFICIAL", *_gold_first(store))
        window = make_window(qtbot, store)
        window.resize(1300, 480)
        qtbot.waitUntil(lambda: window.height() <= 500)
        assert window.current == 1  # the first open one, far down the text
        assert current_in_view(window)


def _gold_first(store: Store) -> tuple[int, int]:
    """Gold settles the first disagreement, so the first open one is on line 30."""
    alice = store.get_annotation_set("l1", "alice")
    first = min((s for s in alice.spans if s.label == "OFFICIAL"), key=lambda s: s.start)
    return first.start, first.end


def test_ctrl_z_follows_the_decision_into_view(qtbot):
    with Store.open(memory=True) as store:
        put_long(store, "l1")
        window = make_window(qtbot, store)
        window.resize(1300, 480)
        qtbot.waitUntil(lambda: window.height() <= 500)
        qtbot.keyClick(window, Qt.Key.Key_1)  # alice's; on to line 30
        qtbot.wait(50)  # the resize is through
        window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().maximum())
        assert not current_in_view(window)
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert "undone" in window.statusBar().currentMessage()
        assert window.current == 0  # the decision taken back is in hand
        assert current_in_view(window)


# -- E: a span by selecting text ---------------------------------------------------------------


def select_in(qtbot, edit, text: str, start: int, end: int) -> None:
    """Put the cursor at `start` and extend it with Shift+Right, as a keyboard user does."""
    cursor = edit.textCursor()
    cursor.setPosition(len(text[:start].encode("utf-16-le")) // 2)
    edit.setTextCursor(cursor)
    for _ in range(end - start):
        qtbot.keyClick(edit, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


def test_e_edits_a_span_by_selecting_text_not_offsets(qtbot, short_store):
    window = make_window(qtbot, short_store)
    qtbot.keyClick(window, Qt.Key.Key_E)
    dialog = window.edit_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.findChildren(QSpinBox), "no raw offsets to type"
    # it starts from a version in hand, selected in the article's text
    assert dialog.text_view.textCursor().selectedText() == "成都"
    select_in(qtbot, dialog.text_view, SHORT, 4, 7)  # "成都，": the comma is trimmed off
    dialog.label.setCurrentIndex(dialog.label.findData("PLACE"))
    assert dialog.span() == ("PLACE", 4, 6)
    assert "成都" in dialog.preview.text()
    qtbot.keyClick(dialog.text_view, Qt.Key.Key_Return)  # Enter in the text accepts
    assert not dialog.isVisible()
    gold = short_store.get_annotation_set("a1", GOLD)
    assert {span_key(s) for s in gold.spans} == {("PLACE", 4, 6)}


def test_e_refuses_a_selection_of_nothing_but_punctuation(qtbot, short_store):
    window = make_window(qtbot, short_store)
    qtbot.keyClick(window, Qt.Key.Key_E)
    dialog = window.edit_dialog
    select_in(qtbot, dialog.text_view, SHORT, 6, 7)  # "，"
    assert dialog.problem() is not None
    assert not dialog.ok_button().isEnabled()
    assert dialog.problem() in dialog.preview.text()


def test_e_keeps_an_entity_within_one_line_and_widens_a_region_to_whole_lines(qtbot, short_store):
    window = make_window(qtbot, short_store)
    qtbot.keyClick(window, Qt.Key.Key_E)
    dialog = window.edit_dialog
    select_in(qtbot, dialog.text_view, SHORT, 10, 16)  # 黄强。 / 分享
    dialog.label.setCurrentIndex(dialog.label.findData("PLACE"))
    assert "line break" in (dialog.problem() or "") and not dialog.ok_button().isEnabled()
    dialog.label.setCurrentIndex(dialog.label.findData("boilerplate/share"))
    assert dialog.span() == ("boilerplate/share", 0, len(SHORT))
    assert dialog.ok_button().isEnabled()


def test_e_starts_from_text_selected_in_the_lanes(qtbot, short_store):
    window = make_window(qtbot, short_store)
    view = window.view
    cursor = view.textCursor()
    cursor.setPosition(3)
    cursor.setPosition(6, QTextCursor.MoveMode.KeepAnchor)  # 在成都
    view.setTextCursor(cursor)
    view.setFocus()  # selected with the mouse: the lanes have the focus
    qtbot.keyClick(view, Qt.Key.Key_E)
    dialog = window.edit_dialog
    assert dialog.text_view.textCursor().selectedText() == "在成都"
    assert dialog.span()[1:] == (3, 6)


# -- Ctrl+Z right after Ctrl+Enter -------------------------------------------------------------


def test_ctrl_z_right_after_ctrl_enter_takes_back_the_adjudicated_mark(qtbot):
    with Store.open(memory=True) as store:
        put_short(store, "a1")
        put_short(store, "a2")
        window = make_window(qtbot, store)
        first = window.state.article.id
        qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClick(window, Qt.Key.Key_1)
        qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert store.get_annotation_set(first, GOLD).status == "done"
        assert window.state.article.id != first  # on to the next article
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert store.get_annotation_set(first, GOLD).status == "in_progress"
        assert window.state.article.id == first  # back where the undone decision was
        assert window.list_model.article_id(window.list_view.currentIndex().row()) == first
        qtbot.keyClick(
            window,
            Qt.Key.Key_Z,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        assert store.get_annotation_set(first, GOLD).status == "done"
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # alice's 成都
        gold = store.get_annotation_set(first, GOLD)
        assert gold.status == "in_progress" and ("PLACE", 4, 6) not in {
            span_key(s) for s in gold.spans
        }


def test_ctrl_z_on_an_article_of_an_earlier_session_undoes_there(qtbot):
    """Nothing decided in this window yet: Ctrl+Z takes back the open article's last step."""
    with Store.open(memory=True) as store:
        put_short(store, "a1")
        store.add_span("a1", GOLD, "PLACE", 4, 6)
        window = make_window(qtbot, store)
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert store.get_annotation_set("a1", GOLD).spans == ()


# -- words ------------------------------------------------------------------------------------

WRONG_NUMBER = re.compile(
    r"\b1 (disagreements|spans|officials|events|records|articles)\b|\(s\)|\b(0|[2-9]) "
    r"(disagreement|span|official|event|record|article)\b(?! disagreement)"
)


def test_one_disagreement_is_singular_everywhere(qtbot, short_store):
    window = make_window(qtbot, short_store)
    texts = [
        window.figures_article.title.text(),
        window.figures_corpus.title.text(),
        window.disagreement_label.text(),
        window.progress_label.text(),
    ]
    assert "1 disagreement)" in texts[0]
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # refused
    texts.append(window.statusBar().currentMessage())
    assert "not adjudicated" in texts[-1]
    for text in texts:
        assert not WRONG_NUMBER.search(text), text


# -- names and paths as they are ---------------------------------------------------------------


def test_an_ampersand_in_a_name_shows_on_buttons_and_menus(qtbot):
    with Store.open(memory=True) as store:
        put_short(store, "a1", names=("R&D", "bob"))
        window = make_window(qtbot, store, ["R&D", "bob"])
        buttons = window.findChildren(QToolButton)
        named = [b.text() for b in buttons if "R" in b.text() and "D" in b.text()]
        assert named and all("R&D" in shown(t) for t in named), named
        items = [a.text() for a in all_menu_actions(window) if "D" in a.text()]
        assert items and all("R&D" in shown(t) for t in items), items
        assert not [t for t in named + items if QKeySequence.mnemonic(t).count()]


def test_a_database_path_with_brackets_shows_in_the_title(qtbot, tmp_path):
    folder = tmp_path / "team[*]"
    folder.mkdir()
    with Store.open(folder / "r.db") as store:
        put_short(store, "a1")
        window = make_window(qtbot, store)
        assert "team[*]" in window.windowHandle().title()


def test_the_corpus_title_wraps_instead_of_widening_the_side_panel(qtbot, short_store):
    window = make_window(qtbot, short_store)
    title = window.figures_corpus.title
    title.setText("<b>Corpus</b> (" + "left out: 12 missing, 3 skipped, 40 untouched; " * 4 + ")")
    assert title.minimumSizeHint().width() < 400


@pytest.mark.slow
def test_the_side_panel_fits_a_1000_pixel_window_without_cutting_its_buttons(qtbot, tmp_path):
    """The README's review: figures, records and the record buttons all show at 1600x1000,
    also once the status bar holds a message (the panel scrolled, the last button cut)."""
    from review_helpers.scripted import ANNOTATORS, label_seeds, seeded_store

    from annotator.review.merge import merge_database

    reviewer = tmp_path / "reviewer.db"
    with Store.open(reviewer) as target:
        for name in ANNOTATORS:
            with seeded_store(tmp_path / f"{name}.db") as store:
                label_seeds(store, name)
                merge_database(target, store)
    with Store.open(reviewer) as store:
        window = make_window(qtbot, store)
        window.resize(1600, 1000)
        window.agreed_action.trigger()  # "saved: …" in the status bar
        qtbot.wait(100)
        scroll = window.findChild(QScrollArea)
        assert scroll.widget().height() <= scroll.viewport().height()
        last = window.records_buttons.itemAt(window.records_buttons.count() - 1).widget()
        bottom = last.mapTo(scroll.viewport(), last.rect().bottomLeft()).y()
        assert bottom < scroll.viewport().height()
