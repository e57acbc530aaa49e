"""Issue 10, section 4, last bullet: an article is adjudicated only when nothing in it is open
(spans, officials, events), and officials and events are adjudicated record by record into gold,
with their titles, dates and participants, each decision one undoable command that outlives a
restart."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.model import (
    GOLD,
    AnnotationSet,
    Article,
    Event,
    EventDraft,
    Official,
    OfficialDraft,
    OffsetMap,
    Span,
)
from annotator.review.adjudication import Adjudicator, ArticleState, open_disagreements
from annotator.review.record_disagreements import EVENT, OFFICIAL, review_records
from annotator.store import Store, StoreError
from annotator.store.migrations import LATEST_VERSION, MIGRATIONS

# 𠀀 and 😀 are one code point each but two UTF-16 units.
TEXT = "𠀀王伟中在😀成都\n会见了黄强。\n分享到微信"
ARTICLE = "a" * 16
WANG = ("OFFICIAL", 1, 4)  # 王伟中
PLACE = ("PLACE", 6, 8)  # 成都
MEETING = ("EVENT", 9, 11)  # 会见
HUANG = ("OFFICIAL", 12, 14)  # 黄强
ANNOTATORS = ["alice", "bob"]


def test_the_text_is_where_the_keys_say():
    assert [TEXT[s:e] for _, s, e in (WANG, PLACE, MEETING, HUANG)] == [
        "王伟中",
        "成都",
        "会见",
        "黄强",
    ]


def label(store: Store, name: str, titles: tuple[str, ...], participants: tuple[str, ...]):
    """Both annotators label the same spans; they differ in 王伟中's titles and in who took
    part in the meeting."""
    for key in (WANG, PLACE, MEETING, HUANG):
        store.add_span(ARTICLE, name, *key)
    aset = store.get_annotation_set(ARTICLE, name)
    by_name = {o.name: o for o in aset.officials}
    store.save_official(replace(by_name["王伟中"], titles=titles))
    evidence = next(s.id for s in aset.spans if s.label == "EVENT")
    store.save_event(
        Event(
            ARTICLE,
            name,
            "座谈会/会议",
            date="2024-09-02",
            place="成都",
            participants=tuple(by_name[n].id for n in participants),  # type: ignore[misc]
            evidence=evidence,
        )
    )
    store.set_status(ARTICLE, name, "done")


def fill(store: Store) -> Store:
    store.add_articles([Article(ARTICLE, "x.txt", TEXT, TEXT, OffsetMap.identity(len(TEXT)))])
    label(store, "alice", ("市委书记",), ("王伟中",))
    label(store, "bob", ("市长",), ("王伟中", "黄强"))
    return store


@pytest.fixture
def store():
    with Store.open(memory=True) as s:
        yield fill(s)


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "review.db"
    with Store.open(path) as s:
        fill(s)
    return path


def slot_of(state: ArticleState, kind: str, name: str | None = None) -> int:
    return next(
        i
        for i, slot in enumerate(state.records.slots)
        if slot.kind == kind and (name is None or slot.first().name == name)  # type: ignore[union-attr]
    )


def gold_records(store: Store) -> tuple[dict[str, Official], list[tuple]]:
    gold = store.get_annotation_set(ARTICLE, GOLD)
    names = {o.id: o.name for o in gold.officials}
    spans = gold.span_by_id()
    events = [
        (
            e.type,
            e.date,
            e.place,
            sorted(names[p] for p in e.participants),
            spans[e.evidence].text if e.evidence else None,
        )
        for e in gold.events
    ]
    return {o.name: o for o in gold.officials}, events


# -- the reproduction ---------------------------------------------------------------------------


def test_adjudicated_is_refused_while_officials_and_events_disagree(store):
    """The issue's reproduction, through the API the window used before: every span agrees and
    is accepted, the article is marked adjudicated, and gold kept 王伟中 without a title and
    no event. Now the mark is refused, saying what is open, and gold stays unfinished."""
    adjudicator = Adjudicator(store, ANNOTATORS)
    adjudicator.accept_agreed(adjudicator.load(ARTICLE))
    state = adjudicator.load(ARTICLE)
    assert state.open_count == 0  # no span disagreement at all
    with pytest.raises(ValueError, match=r"1 official and 1 event disagreement"):
        adjudicator.mark_done(ARTICLE)
    assert store.get_annotation_set(ARTICLE, GOLD).status != "done"


def test_gold_keeps_titles_and_events_after_taking_records_one_by_one(db):
    with Store.open(db) as store:
        adjudicator = Adjudicator(store, ANNOTATORS)
        adjudicator.accept_agreed(adjudicator.load(ARTICLE))  # spans and the agreed 黄强
        state = adjudicator.load(ARTICLE)
        assert open_disagreements(state).officials == (slot_of(state, OFFICIAL, "王伟中"),)
        adjudicator.take_record(state, slot_of(state, OFFICIAL, "王伟中"), 0)  # alice's
        state = adjudicator.load(ARTICLE)
        adjudicator.take_record(state, slot_of(state, EVENT), 1)  # bob's: both took part
        adjudicator.mark_done(ARTICLE)
    with Store.open(db) as store:  # after a restart
        officials, events = gold_records(store)
        assert officials["王伟中"].titles == ("市委书记",)
        assert set(officials) == {"王伟中", "黄强"}
        assert events == [("座谈会/会议", "2024-09-02", "成都", ["王伟中", "黄强"], "会见")]
        gold = store.get_annotation_set(ARTICLE, GOLD)
        assert gold.status == "done"
        mentions = [gold.span_by_id()[m].text for m in officials["王伟中"].mentions]
        assert mentions == ["王伟中"]
        state = Adjudicator(store, ANNOTATORS).load(ARTICLE)
        assert open_disagreements(state).total == 0
        verdicts = {
            slot.kind: v
            for slot, v in zip(state.records.slots, state.records.verdicts, strict=True)
            if not slot.agreed
        }
        assert verdicts[OFFICIAL].annotators == (0,) and verdicts[EVENT].annotators == (1,)


def test_none_of_them_outlives_a_restart_and_one_undo_reopens_it(db):
    with Store.open(db) as store:
        adjudicator = Adjudicator(store, ANNOTATORS)
        adjudicator.accept_agreed(adjudicator.load(ARTICLE))
        state = adjudicator.load(ARTICLE)
        adjudicator.reject_record(state, slot_of(state, EVENT))
    with Store.open(db) as store:
        adjudicator = Adjudicator(store, ANNOTATORS)
        state = adjudicator.load(ARTICLE)
        assert open_disagreements(state).events == ()
        assert store.get_annotation_set(ARTICLE, GOLD).events == ()
        verdict = state.records.verdicts[slot_of(state, EVENT)]
        assert verdict.decided and verdict.gold is None and verdict.annotators == ()
        assert store.undo(GOLD, ARTICLE) == "adjudicate: no event"
        state = adjudicator.load(ARTICLE)
        assert open_disagreements(state).events == (slot_of(state, EVENT),)


def test_an_edited_record_is_gold_s_own_and_closes_the_disagreement(store):
    adjudicator = Adjudicator(store, ANNOTATORS)
    adjudicator.accept_agreed(adjudicator.load(ARTICLE))
    state = adjudicator.load(ARTICLE)
    index = slot_of(state, OFFICIAL, "王伟中")
    draft = replace(state.records.slots[index].versions[0], titles=("市委书记", "市长"))
    adjudicator.edit_record(state, index, draft)
    state = adjudicator.load(ARTICLE)
    verdict = state.records.verdicts[index]
    assert verdict.decided and verdict.edited and verdict.gold.draft == draft
    assert gold_records(store)[0]["王伟中"].titles == ("市委书记", "市长")
    with pytest.raises(ValueError, match="is an event"):
        adjudicator.edit_record(state, slot_of(state, EVENT), draft)


def test_taking_a_record_keeps_the_official_in_gold_s_events(store):
    """Gold's official is changed in place: an event that names it still does."""
    adjudicator = Adjudicator(store, ANNOTATORS)
    adjudicator.accept_agreed(adjudicator.load(ARTICLE))
    state = adjudicator.load(ARTICLE)
    adjudicator.take_record(state, slot_of(state, EVENT), 0)
    state = adjudicator.load(ARTICLE)
    adjudicator.take_record(state, slot_of(state, OFFICIAL, "王伟中"), 1)
    assert gold_records(store)[1][0][3] == ["王伟中"]
    assert gold_records(store)[0]["王伟中"].titles == ("市长",)


def test_a_record_changed_after_the_decision_is_open_again(store):
    adjudicator = Adjudicator(store, ANNOTATORS)
    adjudicator.accept_agreed(adjudicator.load(ARTICLE))
    state = adjudicator.load(ARTICLE)
    adjudicator.take_record(state, slot_of(state, OFFICIAL, "王伟中"), 0)
    bob = {o.name: o for o in store.get_annotation_set(ARTICLE, "bob").officials}
    store.save_official(replace(bob["王伟中"], organization="成都市人民政府"))
    state = adjudicator.load(ARTICLE)
    assert open_disagreements(state).officials == (slot_of(state, OFFICIAL, "王伟中"),)


def test_agreed_spans_gold_lacks_keep_the_article_open(store):
    """A sibling: marking done before the agreed spans are in gold lost them the same way."""
    adjudicator = Adjudicator(store, ANNOTATORS)
    state = adjudicator.load(ARTICLE)
    assert len(open_disagreements(state).agreed_spans) == 4
    state = adjudicator.load(ARTICLE)
    with pytest.raises(ValueError, match="4 agreed span"):
        adjudicator.mark_done(ARTICLE)


def test_taking_all_records_of_one_annotator_is_one_command(store):
    adjudicator = Adjudicator(store, ANNOTATORS)
    adjudicator.accept_agreed(adjudicator.load(ARTICLE))
    gold = adjudicator.take_records(adjudicator.load(ARTICLE), 1)
    assert {o.name: o.titles for o in gold.officials} == {"王伟中": ("市长",), "黄强": ()}
    assert open_disagreements(adjudicator.load(ARTICLE)).total == 0
    adjudicator.mark_done(ARTICLE)
    store.undo(GOLD, ARTICLE)  # the mark
    store.undo(GOLD, ARTICLE)  # every record taken
    state = adjudicator.load(ARTICLE)
    assert len(open_disagreements(state).officials) == 1
    assert len(open_disagreements(state).events) == 1


def test_a_second_official_of_one_name_is_refused_not_merged_over_the_first(store):
    """alice has two records named 王伟中 (an import can make that); taking the second into
    gold would overwrite the first one gold already decided, so it is refused instead."""
    store.save_official(Official(ARTICLE, "alice", "王伟中", titles=("副书记",)))
    adjudicator = Adjudicator(store, ANNOTATORS)
    adjudicator.accept_agreed(adjudicator.load(ARTICLE))
    state = adjudicator.load(ARTICLE)
    first, second = (
        i
        for i, slot in enumerate(state.records.slots)
        if slot.kind == OFFICIAL and slot.first().name == "王伟中"  # type: ignore[union-attr]
    )
    adjudicator.take_record(state, first, 0)
    state = adjudicator.load(ARTICLE)
    before = store.get_annotation_set(ARTICLE, GOLD)
    with pytest.raises(ValueError, match="another official named '王伟中'"):
        adjudicator.take_record(state, second, 0)
    assert store.get_annotation_set(ARTICLE, GOLD) == before
    adjudicator.reject_record(state, second)  # none of them: allowed
    state = adjudicator.load(ARTICLE)
    assert state.records.verdicts[first].annotators == (0,)
    assert gold_records(store)[0]["王伟中"].titles == ("市委书记",)


def test_an_annotator_without_a_set_has_no_version_to_take(store):
    store.add_span(ARTICLE, "carol", *PLACE)  # carol has a set: PLACE only, no records
    adjudicator = Adjudicator(store, [*ANNOTATORS, "dave"])
    state = adjudicator.load(ARTICLE)
    assert all(slot.versions[2] is None for slot in state.records.slots)
    with pytest.raises(ValueError, match="dave has no annotation set"):
        adjudicator.take_record(state, 0, 2)
    three = Adjudicator(store, [*ANNOTATORS, "carol"])
    state = three.load(ARTICLE)
    wang = slot_of(state, OFFICIAL, "王伟中")
    assert [v is None for v in state.records.slots[wang].versions] == [False, False, True]
    three.take_record(state, wang, 2)  # carol's version: no such official
    assert "王伟中" not in gold_records(store)[0]


def test_review_open_lists_gold_adjudicated_before_records_were_reviewed(db, capsys):
    """Gold sets marked done by the old window kept bare officials and no events: the command
    finds them (exit 1), and is quiet once the records are decided."""
    with Store.open(db) as store:
        adjudicator = Adjudicator(store, ANNOTATORS)
        adjudicator.accept_agreed(adjudicator.load(ARTICLE))
        store.set_status(ARTICLE, GOLD, "done")  # what the old window's Ctrl+Enter did
    assert main(["--db", str(db), "review", "--open"]) == 1
    out = capsys.readouterr().out
    assert f"{ARTICLE}\tdone\t1 official and 1 event disagreements still open" in out
    assert "1 marked adjudicated with something open" in out
    with Store.open(db) as store:
        adjudicator = Adjudicator(store, ANNOTATORS)
        adjudicator.take_records(adjudicator.load(ARTICLE), 0)
    assert main(["--db", str(db), "review", "--open"]) == 0
    assert "0 marked adjudicated with something open" in capsys.readouterr().out


def test_an_official_a_later_span_decision_brings_back_bare_is_open_again():
    """Gold decided "no official 黄强", then took alice's OFFICIAL span 黄强: the store gives
    every OFFICIAL span an official, so a bare 黄强 came back into gold. That is not what any
    decision chose, so the record is open again rather than exported bare."""
    with Store.open(memory=True) as store:
        store.add_articles([Article(ARTICLE, "x.txt", TEXT, TEXT, OffsetMap.identity(len(TEXT)))])
        for key in (WANG, HUANG):
            store.add_span(ARTICLE, "alice", *key)
        huang = next(
            o for o in store.get_annotation_set(ARTICLE, "alice").officials if o.name == "黄强"
        )
        store.save_official(replace(huang, titles=("省长",)))
        store.add_span(ARTICLE, "bob", *WANG)
        adjudicator = Adjudicator(store, ANNOTATORS)
        adjudicator.accept_agreed(adjudicator.load(ARTICLE))
        state = adjudicator.load(ARTICLE)
        adjudicator.reject_record(state, slot_of(state, OFFICIAL, "黄强"))
        state = adjudicator.load(ARTICLE)
        assert open_disagreements(state).officials == ()
        adjudicator.take_version(state, 0, 0)  # alice's OFFICIAL span 黄强
        state = adjudicator.load(ARTICLE)
        assert "黄强" in gold_records(store)[0]  # the store's bare official for the span
        assert open_disagreements(state).officials == (slot_of(state, OFFICIAL, "黄强"),)
        with pytest.raises(ValueError, match="1 official"):
            adjudicator.mark_done(ARTICLE)
        adjudicator.take_record(state, slot_of(state, OFFICIAL, "黄强"), 0)
        assert gold_records(store)[0]["黄强"].titles == ("省长",)
        adjudicator.mark_done(ARTICLE)


# -- matching records -------------------------------------------------------------------------


def spans_of(name: str, *keys: tuple[str, int, int]) -> tuple[Span, ...]:
    return tuple(
        Span(ARTICLE, name, lbl, s, e, TEXT[s:e], id=n + 1) for n, (lbl, s, e) in enumerate(keys)
    )


def a_set(name: str, officials=(), events=(), keys=(WANG, PLACE, MEETING, HUANG)) -> AnnotationSet:
    spans = spans_of(name, *keys)
    ids = {(s.label, s.start, s.end): s.id for s in spans}
    made = tuple(
        Official(
            ARTICLE,
            name,
            o.name,
            o.titles,
            o.organization,
            tuple(ids[m] for m in o.mentions),
            id=n + 100,
        )
        for n, o in enumerate(officials)
    )
    by_name = {o.name: o.id for o in made}
    return AnnotationSet(
        ARTICLE,
        name,
        "done",
        spans=spans,
        officials=made,
        events=tuple(
            Event(
                ARTICLE,
                name,
                e.type,
                e.date,
                e.end_date,
                e.place,
                tuple(by_name[p] for p in e.participants),
                ids[e.evidence] if e.evidence else None,
                id=n + 200,
            )
            for n, e in enumerate(events)
        ),
    )


WANG_DRAFT = OfficialDraft("王伟中", ("市委书记",), None, (WANG,))
MEET = EventDraft("座谈会/会议", "2024-09-02", None, "成都", ("王伟中",), MEETING)


@pytest.mark.parametrize(
    ("a", "b", "slots"),
    [
        # the same record: one slot, agreed
        ([WANG_DRAFT], [WANG_DRAFT], [(OFFICIAL, True, True)]),
        # organization differs: one slot, a disagreement
        ([WANG_DRAFT], [replace(WANG_DRAFT, organization="市委")], [(OFFICIAL, True, False)]),
        # mentions differ
        ([WANG_DRAFT], [replace(WANG_DRAFT, mentions=())], [(OFFICIAL, True, False)]),
        # one side lacks the official
        ([WANG_DRAFT], [], [(OFFICIAL, False, False)]),
        # events matched by evidence although their dates differ
        ([MEET], [replace(MEET, date="2024-09-03")], [(EVENT, True, False)]),
        # matched by type and date without evidence; the place differs
        (
            [replace(MEET, evidence=None)],
            [replace(MEET, evidence=None, place="乌鲁木齐")],
            [(EVENT, True, False)],
        ),
        # neither evidence nor date: matched by type, participants differ
        (
            [replace(MEET, evidence=None, date=None)],
            [replace(MEET, evidence=None, date=None, participants=())],
            [(EVENT, True, False)],
        ),
        # two dates, no evidence: two events, each lacking on one side
        (
            [replace(MEET, evidence=None)],
            [replace(MEET, evidence=None, date="2024-09-05")],
            [(EVENT, False, False), (EVENT, False, False)],
        ),
        # another type is another event
        ([MEET], [replace(MEET, type="参观")], [(EVENT, False, False), (EVENT, False, False)]),
    ],
)
def test_records_are_matched_and_compared(a, b, slots):
    def records(drafts):
        return [d for d in drafts if isinstance(d, OfficialDraft)], [
            d for d in drafts if isinstance(d, EventDraft)
        ]

    officials = [WANG_DRAFT] if any(isinstance(d, EventDraft) for d in a + b) else []
    sets = []
    for name, drafts in (("alice", a), ("bob", b)):
        own_officials, own_events = records(drafts)
        sets.append(a_set(name, own_officials or officials, own_events))
    review = review_records(sets, AnnotationSet(ARTICLE, GOLD), ())
    found = [
        (slot.kind, all(v is not None for v in slot.versions), slot.agreed)
        for slot in review.slots
        if slot.kind == slots[0][0]
    ]
    assert found == slots
    assert all(v.open for v in review.verdicts)  # gold holds none of them yet


def test_gold_s_records_sit_in_the_slot_they_were_taken_into():
    alice = a_set("alice", [WANG_DRAFT], [MEET])
    bob = a_set("bob", [replace(WANG_DRAFT, titles=())], [replace(MEET, place="乌鲁木齐")])
    # gold took alice's event, but lacks the OFFICIAL span, so the participant and mention drop
    gold = a_set(
        GOLD,
        [replace(WANG_DRAFT, name="王伟中", mentions=())],
        [replace(MEET)],
        keys=(MEETING,),
    )
    review = review_records([alice, bob], gold, ())
    kinds = [slot.kind for slot in review.slots]
    assert kinds == [OFFICIAL, EVENT]
    assert [v.annotators for v in review.verdicts] == [(0,), (0,)]
    assert all(v.open for v in review.verdicts)  # held, but not decided: alice and bob differ


# -- the store --------------------------------------------------------------------------------


def test_edit_records_refuses_bad_input_and_writes_nothing(store):
    before = store.get_annotation_set(ARTICLE, GOLD)
    alice_official = store.get_annotation_set(ARTICLE, "alice").officials[0].id
    for bad in (
        {"events": [replace(MEET, type="野餐")]},
        {"officials": [(None, replace(WANG_DRAFT, name=" "))]},
        {"officials": [(alice_official, WANG_DRAFT)]},
        {"delete_officials": [alice_official]},
        {"add_spans": [("PLACE", 6, 99)]},
        {"decide": [("person", "{}")], "officials": [(None, WANG_DRAFT)]},
    ):
        with pytest.raises(StoreError):
            store.edit_records(ARTICLE, GOLD, "bad", **bad)
    assert store.get_annotation_set(ARTICLE, GOLD) == before
    assert store.record_decisions(ARTICLE, GOLD) == set()


def test_a_database_from_before_record_decisions_is_migrated(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        fill(store)
        assert store.record_decisions(ARTICLE, GOLD) == set()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION >= 2
    conn.close()


# -- the window (Qt imported here only, so the tests above run without it) --------------------


@pytest.fixture
def window(qtbot, store):
    from annotator.gui.review_window import ReviewWindow

    w = ReviewWindow(store, ANNOTATORS)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: w.corpus is not None)
    return w


@pytest.mark.gui
def test_the_window_adjudicates_records_one_by_one_and_refuses_done_while_open(
    qtbot, window, store
):
    from PySide6.QtCore import Qt

    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window, Qt.Key.Key_Return, ctrl)
    message = window.statusBar().currentMessage()
    assert "1 official and 1 event" in message
    assert store.get_annotation_set(ARTICLE, GOLD).status != "done"
    # the records panel: a row per annotator's version and one for gold, open ones first
    state = window.state
    assert window.current_record == slot_of(state, OFFICIAL, "王伟中")
    rows = window.records_view.rows()
    assert [r[0] for r in rows[:3]] == ["1 alice", "2 bob", "gold"]
    assert "市委书记" in rows[0][1] and "市长" in rows[1][1]
    qtbot.keyClick(window, Qt.Key.Key_1, ctrl)  # alice's 王伟中; on to the open event
    assert window.current_record == slot_of(window.state, EVENT)
    qtbot.keyClick(window, Qt.Key.Key_2, ctrl)  # bob's meeting
    officials, events = gold_records(store)
    assert officials["王伟中"].titles == ("市委书记",)
    assert events[0][3] == ["王伟中", "黄强"]
    # one undo takes back one record decision, redo restores it
    qtbot.keyClick(window, Qt.Key.Key_Z, ctrl)
    assert gold_records(store)[1] == []
    assert window.state.records.verdicts[slot_of(window.state, EVENT)].open
    # a click on a record's row brings it into hand; R and Shift+R step between records
    view = window.records_view
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.visualRect(view.model().index(1, 1)).center(),
    )
    assert window.current_record == 0
    qtbot.keyClick(window, Qt.Key.Key_R)
    qtbot.keyClick(window, Qt.Key.Key_R)
    assert window.current_record == slot_of(window.state, EVENT)
    qtbot.keyClick(window, Qt.Key.Key_0, ctrl)  # none of them, this time
    assert gold_records(store)[1] == []
    qtbot.keyClick(window, Qt.Key.Key_Return, ctrl)
    assert store.get_annotation_set(ARTICLE, GOLD).status == "done"


@pytest.mark.gui
def test_the_window_edits_a_record_into_gold(qtbot, window, store):
    from PySide6.QtCore import Qt

    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window, Qt.Key.Key_E, ctrl)
    dialog = window.record_dialog
    assert dialog is not None and dialog.name.text() == "王伟中"
    dialog.titles.setText("市委书记、市长")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert gold_records(store)[0]["王伟中"].titles == ("市委书记", "市长")
    assert window.current_record == slot_of(window.state, EVENT)
    qtbot.keyClick(window, Qt.Key.Key_E, ctrl)
    dialog = window.record_dialog
    dialog.date.setText("2024-9-2")  # not an ISO date: refused, nothing saved
    assert not dialog.ok_button().isEnabled() and "YYYY-MM-DD" in dialog.problem_label.text()
    dialog.date.setText("2024-09-03")
    dialog.place.setText("成都市")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert gold_records(store)[1][0][1:3] == ("2024-09-03", "成都市")
