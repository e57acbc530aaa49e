"""The review window's parts on small texts with characters beyond U+FFFF (𠀀, 😀): which spans
disagree, what gold holds, the lanes' positions in Qt, the gold edits, and the window's keys."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from annotator.cli import main
from annotator.gui.offsets import Utf16Offsets
from annotator.gui.review_layout import disagreement_boxes, lane_bars
from annotator.gui.review_list_model import worst_first
from annotator.gui.review_window import ReviewWindow, check_annotators
from annotator.model import GOLD, AnnotationSet, Article, Event, OffsetMap, Span
from annotator.review.adjudication import Adjudicator
from annotator.review.disagreements import (
    ENTITIES,
    REGIONS,
    edit_to,
    review_article,
    span_key,
    verdict,
)
from annotator.store import Store, StoreError

pytestmark = pytest.mark.gui

# 𠀀 and 😀 are one code point each but two UTF-16 units.
TEXT = "𠀀王伟中在😀成都\n会见了黄强。\n分享到微信"
ARTICLE = "a" * 16


def spans(annotator: str, *keys: tuple[str, int, int]) -> tuple[Span, ...]:
    return tuple(
        Span(ARTICLE, annotator, label, s, e, TEXT[s:e], id=n + 1)
        for n, (label, s, e) in enumerate(keys)
    )


def aset(annotator: str, *keys: tuple[str, int, int]) -> AnnotationSet:
    return AnnotationSet(ARTICLE, annotator, "done", spans=spans(annotator, *keys))


def utf16(pos: int) -> int:
    """Independent of the code under test: count the UTF-16 units before code point `pos`."""
    return len(TEXT[:pos].encode("utf-16-le")) // 2


OFFICIAL = ("OFFICIAL", 1, 4)  # 王伟中
PLACE = ("PLACE", 6, 8)  # 成都
ORG_CHENGDU = ("ORG", 6, 8)
OFFICIAL_2 = ("OFFICIAL", 12, 14)  # 黄强
SHARE = ("boilerplate/share", 16, 21)  # 分享到微信
TITLE_LONG = ("TITLE", 5, 8)  # 😀成都, overlaps PLACE


def test_texts_really_have_astral_characters():
    assert TEXT[0] == "𠀀" and TEXT[5] == "😀"
    assert TEXT[1:4] == "王伟中" and TEXT[6:8] == "成都" and TEXT[16:21] == "分享到微信"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # same spans: nothing to settle
        ((OFFICIAL, PLACE), (OFFICIAL, PLACE), []),
        # same offsets, other label: one decision, two versions
        ((OFFICIAL, PLACE), (OFFICIAL, ORG_CHENGDU), [(ENTITIES, 6, 8, {PLACE}, {ORG_CHENGDU})]),
        # overlapping spans are one decision; a span only one annotator has is another
        (
            (PLACE, OFFICIAL_2),
            (TITLE_LONG,),
            [(ENTITIES, 5, 8, {PLACE}, {TITLE_LONG}), (ENTITIES, 12, 14, {OFFICIAL_2}, set())],
        ),
        # a region overlapping an entity is not the same decision
        (
            (SHARE, ("ORG", 16, 18)),
            (),
            [(ENTITIES, 16, 18, {("ORG", 16, 18)}, set()), (REGIONS, 16, 21, {SHARE}, set())],
        ),
    ],
)
def test_disagreements_group_overlapping_spans_per_group(a, b, expected):
    review = review_article([aset("alice", *a), aset("bob", *b)])
    found = [
        (d.group, d.start, d.end, set(d.versions[0]), set(d.versions[1]))
        for d in review.disagreements
    ]
    assert found == expected
    assert review.agreed == frozenset(a) & frozenset(b)


def test_an_annotator_without_a_set_disagrees_with_everything():
    review = review_article([aset("alice", OFFICIAL, PLACE), None])
    assert review.agreed == frozenset()
    assert [set(d.versions[1]) for d in review.disagreements] == [set(), set()]


def test_three_annotators_two_of_whom_agree():
    review = review_article(
        [aset("a", OFFICIAL, PLACE), aset("b", OFFICIAL, PLACE), aset("c", OFFICIAL, ORG_CHENGDU)]
    )
    (d,) = review.disagreements
    assert d.versions == (frozenset({PLACE}), frozenset({PLACE}), frozenset({ORG_CHENGDU}))
    gold = spans(GOLD, OFFICIAL, PLACE)
    assert verdict(d, gold, review.agreed, settled=False).annotators == (0, 1)


@pytest.mark.parametrize(
    ("gold_keys", "settled", "annotators", "edited", "open_"),
    [
        ((), False, (), False, True),  # nothing in gold, not looked at
        ((), True, (1,), False, False),  # decided: gold holds bob's "nothing"
        ((OFFICIAL_2,), False, (0,), False, False),
        ((("PLACE", 12, 14),), False, (), True, False),  # the reviewer's own version
    ],
)
def test_verdict_says_whose_version_gold_holds(gold_keys, settled, annotators, edited, open_):
    review = review_article([aset("alice", OFFICIAL, OFFICIAL_2), aset("bob", OFFICIAL)])
    (d,) = review.disagreements
    v = verdict(d, spans(GOLD, OFFICIAL, *gold_keys), review.agreed, settled=settled)
    assert (v.annotators, v.edited, v.open) == (annotators, edited, open_)


def test_edit_to_a_version_keeps_agreed_and_unrelated_spans():
    review = review_article([aset("alice", OFFICIAL, PLACE), aset("bob", OFFICIAL, TITLE_LONG)])
    (d,) = review.disagreements
    gold = spans(GOLD, OFFICIAL, PLACE, ("DATE", 5, 7), OFFICIAL_2)
    edit = edit_to(d, d.versions[1], gold, review.agreed)
    assert {span_key(s) for s in edit.delete} == {PLACE, ("DATE", 5, 7)}
    assert edit.add == (TITLE_LONG,)


def test_lane_bars_and_boxes_are_in_utf16_positions():
    sets = [aset("alice", OFFICIAL, PLACE, SHARE), aset("bob", OFFICIAL, ORG_CHENGDU)]
    review = review_article(sets)
    offsets = Utf16Offsets.of(TEXT)
    bars = lane_bars(sets, review, offsets)
    expected = {
        (0, "boilerplate/share", utf16(16), utf16(21), True),
        (0, "OFFICIAL", utf16(1), utf16(4), False),
        (0, "PLACE", utf16(6), utf16(8), True),
        (1, "OFFICIAL", utf16(1), utf16(4), False),
        (1, "ORG", utf16(6), utf16(8), True),
    }
    assert {(b.lane, b.label, b.qt_start, b.qt_end, b.disagreeing) for b in bars} == expected
    assert bars[0].region  # regions first: entity bars are drawn over them
    assert (utf16(6), utf16(8)) == (8, 10)  # both astral characters come before 成都
    verdicts = [verdict(d, (), review.agreed, settled=False) for d in review.disagreements]
    boxes = disagreement_boxes(review, verdicts, 1, offsets)
    assert [(b.qt_start, b.qt_end, b.current) for b in boxes] == [(8, 10, False), (18, 23, True)]


@pytest.fixture
def store():
    with Store.open(memory=True) as s:
        s.add_articles([Article(ARTICLE, "x.txt", TEXT, TEXT, OffsetMap.identity(len(TEXT)))])
        for name, keys in (
            ("alice", (OFFICIAL, PLACE, OFFICIAL_2)),
            ("bob", (OFFICIAL, ORG_CHENGDU)),
        ):
            for key in keys:
                s.add_span(ARTICLE, name, *key)
        yield s


def test_adjudicator_takes_versions_and_records_through_the_store(store):
    alice = store.get_annotation_set(ARTICLE, "alice")
    official = next(o for o in alice.officials if o.name == "王伟中")
    official = store.save_official(replace(official, titles=("市委书记",)))
    store.save_event(Event(ARTICLE, "alice", "参观", place="成都", participants=(official.id,)))
    adjudicator = Adjudicator(store, ["alice", "bob"])
    state = adjudicator.load(ARTICLE)
    assert len(state.review.disagreements) == 2 and state.open_count == 2
    assert adjudicator.accept_agreed(state) == 1
    state = adjudicator.load(ARTICLE)
    adjudicator.take_version(state, 0, 1)  # bob: ORG 成都
    state = adjudicator.load(ARTICLE)
    adjudicator.take_version(state, 1, 1)  # bob: no 黄强
    state = adjudicator.load(ARTICLE)
    assert {span_key(s) for s in state.gold.spans} == {OFFICIAL, ORG_CHENGDU}
    assert [v.annotators for v in state.verdicts] == [(1,), (1,)]
    gold = adjudicator.take_records(state, 0)
    # alice's records as they are, on gold's spans: 黄强 is kept, with no mention left in gold
    by_name = {o.name: o for o in gold.officials}
    assert set(by_name) == {"王伟中", "黄强"}
    gold_official = by_name["王伟中"]
    assert gold_official.titles == ("市委书记",) and by_name["黄强"].mentions == ()
    assert [gold.span_by_id()[m].text for m in gold_official.mentions] == ["王伟中"]
    (event,) = gold.events
    assert (event.type, event.place, event.participants) == ("参观", "成都", (gold_official.id,))


def test_a_verdict_of_nothing_outlives_the_session_and_one_undo_takes_a_decision_back(store):
    state = Adjudicator(store, ["alice", "bob"]).load(ARTICLE)
    Adjudicator(store, ["alice", "bob"]).take_version(state, 0, 0)  # alice: PLACE 成都
    state = Adjudicator(store, ["alice", "bob"]).load(ARTICLE)
    Adjudicator(store, ["alice", "bob"]).take_version(state, 1, 1)  # bob: nothing at 黄强
    # a new adjudicator (a restarted window) still knows gold holds nothing there on purpose
    state = Adjudicator(store, ["alice", "bob"]).load(ARTICLE)
    assert [v.annotators for v in state.verdicts] == [(0,), (1,)]
    assert {span_key(s) for s in state.gold.spans} == {PLACE}
    assert {k[:3] for k in store.rejected(ARTICLE, GOLD)} == {ORG_CHENGDU, OFFICIAL_2}
    assert store.undo(GOLD, ARTICLE) is not None  # the whole "nothing at 黄强" decision
    state = Adjudicator(store, ["alice", "bob"]).load(ARTICLE)
    assert state.verdicts[1].open and {k[:3] for k in store.rejected(ARTICLE, GOLD)} == {
        ORG_CHENGDU
    }
    assert store.undo(GOLD, ARTICLE) is not None  # alice's PLACE, and the rejection of bob's ORG
    state = Adjudicator(store, ["alice", "bob"]).load(ARTICLE)
    assert state.open_count == 2 and not state.gold.spans and not store.rejected(ARTICLE, GOLD)


def test_changing_a_decision_withdraws_gold_s_rejection(store):
    adjudicator = Adjudicator(store, ["alice", "bob"])
    adjudicator.take_version(adjudicator.load(ARTICLE), 0, 1)  # bob's ORG 成都
    adjudicator.take_version(adjudicator.load(ARTICLE), 0, 0)  # no: alice's PLACE 成都
    state = adjudicator.load(ARTICLE)
    assert {span_key(s) for s in state.gold.spans} == {PLACE}
    assert {k[:3] for k in store.rejected(ARTICLE, GOLD)} == {ORG_CHENGDU}
    assert state.verdicts[0].annotators == (0,)


def test_adjudicator_refuses_records_of_an_annotator_without_a_set(store):
    store.add_articles([Article("b" * 16, "y.txt", "甲乙", "甲乙", OffsetMap.identity(2))])
    store.add_span("b" * 16, "alice", "PLACE", 0, 2)
    adjudicator = Adjudicator(store, ["alice", "bob"])
    with pytest.raises(ValueError, match="bob has no annotation set"):
        adjudicator.take_records(adjudicator.load("b" * 16), 1)


@pytest.mark.parametrize(
    ("annotators", "message"),
    [
        (["alice", "zed"], "no annotation sets by zed"),
        (["alice"], "two or more distinct annotators"),
        (["alice", "alice"], "two or more distinct annotators"),
    ],
)
def test_bad_annotator_choices_are_refused(store, annotators, message):
    with pytest.raises(ValueError, match=message):
        check_annotators(store, annotators)


def test_default_annotators_are_the_humans(store):
    store.add_span(ARTICLE, "auto", *PLACE)
    store.add_span(ARTICLE, GOLD, *PLACE)
    assert check_annotators(store, None) == ["alice", "bob"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["review"], "no such database file"),
        (["review", "--annotators", "alice,zed"], "no annotation sets by zed"),
    ],
)
def test_review_command_refuses_bad_input(tmp_path, capsys, argv, message):
    db = tmp_path / ("missing.db" if argv == ["review"] else "r.db")
    if argv != ["review"]:
        with Store.open(db) as s:
            s.add_articles([Article(ARTICLE, "x.txt", TEXT, TEXT, OffsetMap.identity(len(TEXT)))])
            s.add_span(ARTICLE, "alice", *PLACE)
            s.add_span(ARTICLE, "bob", *PLACE)
    assert main(["--db", str(db), *argv]) == 2
    assert message in capsys.readouterr().err


def test_worst_first_puts_unscored_articles_last_in_list_order():
    scores = {"b": (0.9, 1), "c": (0.5, 3), "d": (0.5, 7), "e": (None, 0)}
    assert worst_first(["a", "b", "c", "d", "e", "f"], scores) == ["d", "c", "b", "e", "a", "f"]


# -- the window -------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, store):
    w = ReviewWindow(store)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: w.corpus is not None)
    return w


def test_lane_pieces_sit_where_qt_puts_the_characters(window):
    view = window.view
    for start, end in ((6, 8), (1, 4), (12, 14)):
        ((left, right, _top, _bottom),) = view.line_pieces(utf16(start), utf16(end))
        for pos, x in ((start, left), (end, right)):
            cursor = QTextCursor(view.document())
            cursor.setPosition(utf16(pos))
            assert x == pytest.approx(view.cursorRect(cursor).left(), abs=1.5)


def test_keys_settle_disagreements_into_gold(qtbot, window, store):
    assert window.current == 0 and window.state.open_count == 2
    qtbot.keyClick(window, Qt.Key.Key_J)
    assert window.current == 1
    qtbot.keyClick(window, Qt.Key.Key_K)
    assert window.current == 0
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window, Qt.Key.Key_2)  # bob's ORG 成都; on to the next open one
    assert window.current == 1
    qtbot.keyClick(window, Qt.Key.Key_E)
    dialog = window.edit_dialog
    assert dialog is not None and dialog.span() == OFFICIAL_2
    dialog.label.setCurrentIndex(dialog.label.findData("PLACE"))
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    gold = store.get_annotation_set(ARTICLE, GOLD)
    assert {span_key(s) for s in gold.spans} == {OFFICIAL, ORG_CHENGDU, ("PLACE", 12, 14)}
    assert [(v.annotators, v.edited) for v in window.state.verdicts] == [((1,), False), ((), True)]
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # refused: alice made 黄强 an official, bob did not, and gold has not decided
    assert "1 official" in window.statusBar().currentMessage()
    assert store.get_annotation_set(ARTICLE, GOLD).status == "in_progress"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # bob's: none
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.get_annotation_set(ARTICLE, GOLD).status == "done"
    assert "1 of 1" in window.progress_label.text()


def test_ctrl_z_undoes_the_reviewer_s_last_decision_and_redo_restores_it(qtbot, window, store):
    qtbot.keyClick(window, Qt.Key.Key_2)  # bob's ORG 成都
    assert {span_key(s) for s in store.get_annotation_set(ARTICLE, GOLD).spans} == {ORG_CHENGDU}
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.get_annotation_set(ARTICLE, GOLD).spans == ()
    assert window.state.open_count == 2 and "undone" in window.statusBar().currentMessage()
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert {span_key(s) for s in store.get_annotation_set(ARTICLE, GOLD).spans} == {ORG_CHENGDU}
    assert window.state.verdicts[0].annotators == (1,)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "nothing to undo" in window.statusBar().currentMessage()


def test_the_chooser_needs_two_annotators_checked(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from annotator.gui.review_chooser import AnnotatorChooser

    chooser = AnnotatorChooser(["alice", "bob", "carol"])
    qtbot.addWidget(chooser)
    ok = chooser.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert chooser.chosen() == ["alice", "bob", "carol"] and ok.isEnabled()
    chooser.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert chooser.chosen() == ["bob", "carol"] and ok.isEnabled()
    chooser.list.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert chooser.chosen() == ["carol"] and not ok.isEnabled()


def test_the_main_window_opens_the_review_of_the_chosen_annotators(qtbot, tmp_path):
    from annotator.gui.app import app_settings
    from annotator.gui.editor import NothingToDo
    from annotator.gui.main_window import MainWindow

    db = tmp_path / "team.db"
    with Store.open(db) as s:
        s.add_articles([Article(ARTICLE, "x.txt", TEXT, TEXT, OffsetMap.identity(len(TEXT)))])
        s.add_span(ARTICLE, "alice", *PLACE)
    store = Store.open(db)
    window = MainWindow(store, "alice", app_settings())
    try:
        with pytest.raises(NothingToDo, match="two annotators"):
            window.open_review()
        store.add_span(ARTICLE, "bob", *PLACE)
        review = window.open_review(["alice", "bob"])  # deletes itself when closed
        assert review.annotators == ["alice", "bob"]
        assert review.isVisible()
        own_store = review.store
        review.close()
        qtbot.waitUntil(lambda: _closed(own_store), timeout=5000)  # released once deleted
    finally:
        window.close()
        window.deleteLater()
        qtbot.wait(10)
        store.close()


def _closed(store: Store) -> bool:
    try:
        store.count_articles()
    except StoreError:
        return True
    return False
