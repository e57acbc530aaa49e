"""The store: articles, spans and records, the edit log, undo, and refusing bad databases."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.model import (
    AUTO,
    AnnotationSet,
    Article,
    Block,
    Damage,
    Event,
    Official,
    OffsetMap,
    Span,
)
from annotator.store import (
    DatabaseLocked,
    NotFound,
    SpanRejected,
    Store,
    StoreError,
)
from annotator.store.migrations import LATEST_VERSION

TEXT = "自治区党委书记马兴瑞在乌鲁木齐会见楼阳生。\n马兴瑞说,欢迎。\n责编:张悦鑫"


def make_article(article_id: str = "a" * 16, text: str = TEXT, **extra) -> Article:
    return Article(
        id=article_id,
        source=f"{article_id}.txt",
        raw_text=text,
        text=text,
        offset_map=OffsetMap.identity(len(text)),
        **extra,
    )


@pytest.fixture
def store() -> Store:
    with Store.open(memory=True) as opened:
        opened.add_articles([make_article()])
        yield opened


@pytest.fixture
def file_store(tmp_path: Path) -> Path:
    path = tmp_path / "annotator.db"
    with Store.open(path) as opened:
        opened.add_articles([make_article()])
    return path


AID = "a" * 16
NAME = (7, 10)  # 马兴瑞 in TEXT


def test_article_round_trips_every_field(store: Store) -> None:
    article = make_article(
        "b" * 16,
        "團(tuán)結 日?",
        title="标题",
        published="2024-09-04",
        outlet="新疆日报",
        script="traditional",
        damage=(Damage(8, 9, "lost"),),
        blocks=(Block(0, 9, "html/body/p", 0.25, True, False, 2),),
        cleaner_version="7",
        url="http://example.invalid/a",
    )
    article = replace(article, offset_map=OffsetMap(((0, 0), (1, 7)), 9, 15))
    store.add_articles([article])
    assert store.get_article(article.id) == article


def test_import_is_idempotent(store: Store) -> None:
    assert store.add_articles([make_article()]) == (0, 1)
    assert store.add_articles([make_article("c" * 16), make_article()]) == (1, 1)
    assert store.count_articles() == 2


def test_unknown_article_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="no article"):
        store.get_article("0" * 16)


@pytest.mark.parametrize(
    ("label", "start", "end", "message"),
    [
        ("OFFICIAL", -1, 3, "outside"),
        ("OFFICIAL", 5, 5, "outside"),
        ("OFFICIAL", 0, len(TEXT) + 1, "outside"),
        ("NOT_A_LABEL", 7, 10, "unknown label"),
    ],
)
def test_impossible_span_is_refused_and_nothing_written(
    store: Store, label: str, start: int, end: int, message: str
) -> None:
    with pytest.raises(SpanRejected, match=message):
        store.add_span(AID, "alice", label, start, end)
    assert store.get_annotation_set(AID, "alice").spans == ()
    assert not store.has_annotation_set(AID, "alice")


def test_official_span_creates_then_joins_one_record(store: Store) -> None:
    first = store.add_span(AID, "alice", "OFFICIAL", *NAME)
    second_start = TEXT.index("马兴瑞", NAME[1])
    second = store.add_span(AID, "alice", "OFFICIAL", second_start, second_start + 3)
    aset = store.get_annotation_set(AID, "alice")
    assert [o.name for o in aset.officials] == ["马兴瑞"]
    assert aset.officials[0].mentions == (first.id, second.id)
    assert aset.status == "in_progress"


def test_labelling_twice_is_a_no_op(store: Store) -> None:
    first = store.add_span(AID, "alice", "PLACE", 11, 15)
    assert store.add_span(AID, "alice", "PLACE", 11, 15) == first
    assert len(store.get_annotation_set(AID, "alice").spans) == 1


def test_deleting_last_mention_deletes_official_and_its_participation(store: Store) -> None:
    span = store.add_span(AID, "alice", "OFFICIAL", *NAME)
    official = store.get_annotation_set(AID, "alice").officials[0]
    store.save_event(Event(AID, "alice", "考察调研", participants=(official.id,)))
    store.delete_span(span.id)
    aset = store.get_annotation_set(AID, "alice")
    assert aset.officials == ()
    assert aset.events[0].participants == ()


def test_relabel_moves_span_out_of_official(store: Store) -> None:
    span = store.add_span(AID, "alice", "OFFICIAL", *NAME)
    store.relabel_span(span.id, "PLACE")
    aset = store.get_annotation_set(AID, "alice")
    assert [s.label for s in aset.spans] == ["PLACE"]
    assert aset.officials == ()


def test_undo_and_redo_walk_the_command_log(store: Store) -> None:
    store.add_span(AID, "alice", "OFFICIAL", *NAME)
    store.add_span(AID, "alice", "PLACE", 11, 15)
    assert store.undo("alice") == "label PLACE '乌鲁木齐'"
    assert [s.label for s in store.get_annotation_set(AID, "alice").spans] == ["OFFICIAL"]
    assert store.undo("alice") is not None
    assert store.get_annotation_set(AID, "alice").spans == ()
    assert not store.has_annotation_set(AID, "alice")  # the set was created by the first command
    assert store.undo("alice") is None
    assert store.redo("alice") == "label OFFICIAL '马兴瑞'"
    aset = store.get_annotation_set(AID, "alice")
    assert [o.name for o in aset.officials] == ["马兴瑞"]
    assert store.redo("alice") is not None
    assert len(store.get_annotation_set(AID, "alice").spans) == 2
    assert store.redo("alice") is None


def test_a_new_command_makes_undone_ones_unredoable(store: Store) -> None:
    store.add_span(AID, "alice", "PLACE", 11, 15)
    store.undo("alice")
    store.add_span(AID, "alice", "OFFICIAL", *NAME)
    assert store.redo("alice") is None
    assert [s.label for s in store.get_annotation_set(AID, "alice").spans] == ["OFFICIAL"]


def test_undo_is_per_annotator(store: Store) -> None:
    store.add_span(AID, "alice", "PLACE", 11, 15)
    store.add_span(AID, "bob", "PLACE", 11, 15)
    store.undo("alice")
    assert store.get_annotation_set(AID, "alice").spans == ()
    assert len(store.get_annotation_set(AID, "bob").spans) == 1


def test_undo_survives_a_restart(file_store: Path) -> None:
    with Store.open(file_store) as first:
        first.add_span(AID, "alice", "OFFICIAL", *NAME)
        first.add_span(AID, "alice", "PLACE", 11, 15)
    with Store.open(file_store) as second:
        assert second.undo("alice") == "label PLACE '乌鲁木齐'"
        assert [s.label for s in second.get_annotation_set(AID, "alice").spans] == ["OFFICIAL"]


def _draft() -> AnnotationSet:
    spans = (
        Span(AID, AUTO, "OFFICIAL", *NAME, "马兴瑞", id=101, rule="chain"),
        Span(AID, AUTO, "TITLE", 0, 7, "自治区党委书记", id=102),
        Span(AID, AUTO, "EVENT", 0, 21, TEXT[:21], id=103),
    )
    official = Official(AID, AUTO, "马兴瑞", ("自治区党委书记",), "自治区党委", (101,), id=5)
    event = Event(
        AID, AUTO, "考察调研", "2024-09-02", place="乌鲁木齐", participants=(5,), evidence=103, id=9
    )
    return AnnotationSet(AID, AUTO, spans=spans, officials=(official,), events=(event,))


def test_replace_annotation_set_remaps_draft_ids(store: Store) -> None:
    stored = store.replace_annotation_set(_draft())
    by_label = {s.label: s for s in stored.spans}
    assert by_label["OFFICIAL"].rule == "chain"
    official = stored.officials[0]
    assert official.mentions == (by_label["OFFICIAL"].id,)
    assert stored.events[0].evidence == by_label["EVENT"].id
    assert stored.events[0].participants == (official.id,)
    # replacing again drops the old rows instead of adding to them
    again = store.replace_annotation_set(_draft())
    assert len(again.spans) == 3 and len(again.officials) == 1


def test_replace_with_one_bad_span_writes_nothing(store: Store) -> None:
    store.replace_annotation_set(_draft())
    bad = replace(
        _draft(), spans=(*_draft().spans, Span(AID, AUTO, "PLACE", 11, 15, "乌鲁木X", id=104))
    )
    with pytest.raises(SpanRejected, match="does not match"):
        store.replace_annotation_set(bad)
    assert len(store.get_annotation_set(AID, AUTO).spans) == 3


def test_accepting_a_suggestion_copies_official_titles_and_event(store: Store) -> None:
    auto = store.replace_annotation_set(_draft())
    ids = {s.label: s.id for s in auto.spans}
    store.accept_suggestions([ids["OFFICIAL"], ids["EVENT"]], "alice")
    mine = store.get_annotation_set(AID, "alice")
    assert {s.origin for s in mine.spans} == {ids["OFFICIAL"], ids["EVENT"]}
    assert mine.officials[0].titles == ("自治区党委书记",)
    assert mine.events[0].participants == (mine.officials[0].id,)
    assert store.get_annotation_set(AID, AUTO) == auto  # suggestions untouched
    store.undo("alice", AID)  # one command, one undo step
    assert store.get_annotation_set(AID, "alice").spans == ()


def test_rejections_are_remembered_per_annotator(store: Store) -> None:
    auto = store.replace_annotation_set(_draft())
    store.reject_suggestion(auto.spans[0].id, "alice")
    store.reject_suggestion(auto.spans[0].id, "alice")
    span = auto.spans[0]
    assert store.rejected(AID, "alice") == {(span.label, span.start, span.end, span.text)}
    assert store.rejected(AID, "bob") == set()


def test_edit_spans_is_one_undo_step_and_refuses_as_a_whole(store: Store) -> None:
    old = store.add_span(AID, "gold", "PLACE", 11, 15)  # 乌鲁木齐
    store.edit_spans(
        AID,
        "gold",
        "decide",
        add=[("OFFICIAL", 7, 10), ("ORG", 0, 3)],
        delete=[old.id],
        reject=[("PLACE", 11, 15)],
    )
    gold = store.get_annotation_set(AID, "gold")
    assert sorted((s.label, s.text) for s in gold.spans) == [
        ("OFFICIAL", "马兴瑞"),
        ("ORG", "自治区"),
    ]
    assert [o.name for o in gold.officials] == ["马兴瑞"]
    assert store.rejected(AID, "gold") == {("PLACE", 11, 15, "乌鲁木齐")}
    before = store.get_annotation_set(AID, "gold")
    with pytest.raises(SpanRejected):
        store.edit_spans(AID, "gold", "bad", add=[("PLACE", 11, 15), ("PLACE", 5, 999)])
    assert store.get_annotation_set(AID, "gold") == before
    store.edit_spans(AID, "gold", "change of mind", add=[("PLACE", 11, 15)])
    assert store.rejected(AID, "gold") == set()  # adding a stretch withdraws its rejection
    store.undo("gold", AID)
    assert store.rejected(AID, "gold") == {("PLACE", 11, 15, "乌鲁木齐")}
    store.undo("gold", AID)  # the whole first edit at once
    assert [(s.label, s.text) for s in store.get_annotation_set(AID, "gold").spans] == [
        ("PLACE", "乌鲁木齐")
    ]
    assert store.rejected(AID, "gold") == set()
    with pytest.raises(StoreError, match="outside"):
        store.edit_spans(AID, "bob", "steal", delete=[old.id])


def test_event_with_unknown_type_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="unknown event type"):
        store.save_event(Event(AID, "alice", "宴会"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [("乌鲁木齐", ["a"]), ("马兴", ["a", "b"]), ("楼阳生", ["a"]), ("%", []), ("不存在的词", [])],
)
def test_search_finds_chinese_substrings(query: str, expected: list[str]) -> None:
    with Store.open(memory=True) as store:
        store.add_articles([make_article("a" * 16), make_article("b" * 16, "马兴瑞在哈密")])
        assert store.article_ids(search=query) == [c * 16 for c in expected]


def test_status_filter_and_summaries(store: Store) -> None:
    store.add_articles([make_article("b" * 16, "另一篇")])
    store.add_span(AID, "alice", "PLACE", 11, 15)
    store.set_status(AID, "alice", "done")
    assert store.article_ids(status="done", annotator="alice") == [AID]
    assert store.article_ids(status="todo", annotator="alice") == ["b" * 16]
    summaries = store.article_summaries(["b" * 16, AID], "alice")
    assert [(s.id, s.status, s.label_count) for s in summaries] == [
        ("b" * 16, "todo", 0),
        (AID, "done", 1),
    ]


def test_time_adds_up(store: Store) -> None:
    store.add_time(AID, "alice", 2.5)
    store.add_time(AID, "alice", 1.0)
    assert store.get_annotation_set(AID, "alice").seconds == pytest.approx(3.5)


def test_new_database_is_migrated_and_describes_itself(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Store.open(path) as store:
        assert "OFFICIAL" in store.schema.names()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_locked_database_gives_a_clear_error_after_a_bounded_wait(file_store: Path) -> None:
    holder = sqlite3.connect(file_store, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # in WAL mode readers go on; writers must wait
    try:
        with Store.open(file_store, busy_timeout=0.2) as store:
            with pytest.raises(DatabaseLocked, match=r"locked by another program \(waited 0.2 s\)"):
                store.add_span(AID, "alice", "PLACE", 11, 15)
            assert store.get_annotation_set(AID, "alice").spans == ()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store.open(file_store) as store:  # once the lock is gone, the same edit goes through
        store.add_span(AID, "alice", "PLACE", 11, 15)
        assert len(store.get_annotation_set(AID, "alice").spans) == 1


def test_integrity_check_catches_a_detached_span(file_store: Path) -> None:
    with Store.open(file_store) as store:
        span = store.add_span(AID, "alice", "PLACE", 11, 15)
        assert store.integrity_problems() == []
    conn = sqlite3.connect(file_store)
    conn.execute("UPDATE spans SET start = start + 1 WHERE id = ?", (span.id,))
    conn.commit()
    conn.close()
    with Store.open(file_store) as store:
        assert any("乌鲁木齐" in p for p in store.integrity_problems())


@pytest.mark.parametrize("label", ["OFFICIAL", "PLACE"])
def test_an_entity_span_of_only_white_space_is_refused(label: str) -> None:
    text = "马兴瑞  \u3000说"
    with Store.open(memory=True) as store:
        store.add_articles([make_article("b" * 16, text)])
        with pytest.raises(SpanRejected, match="more than white space"):
            store.add_span("b" * 16, "alice", label, 3, 6)
        assert store.get_annotation_set("b" * 16, "alice").officials == ()
        # a boilerplate region may cover blank lines
        store.add_span("b" * 16, "alice", "boilerplate/widget", 3, 6)


def test_the_same_span_from_two_programs_is_stored_once(file_store: Path) -> None:
    with Store.open(file_store) as first, Store.open(file_store) as second:
        one = first.add_span(AID, "alice", "PLACE", 11, 15)
        two = second.add_span(AID, "alice", "PLACE", 11, 15)
        assert one == two
        assert len(first.get_annotation_set(AID, "alice").spans) == 1
