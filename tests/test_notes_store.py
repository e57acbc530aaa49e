"""Comments and "unsure" flags in the store: per article (the set's head) and per span, saved at
once, undone and redone like labels, filtered in the article list, carried by whole-set writes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from annotator.model import AUTO, NOTE_MAX_CHARS, Article
from annotator.store import Store, StoreError

TEXT = "自治区党委书记马兴瑞在乌鲁木齐会见楼阳生。"
AID, BID = "a" * 16, "b" * 16


def commands(store: Store) -> int:
    with store._reading() as conn:
        return int(conn.execute("SELECT count(*) FROM commands").fetchone()[0])


@pytest.fixture
def path(tmp_path: Path) -> Path:
    db = tmp_path / "notes.db"
    with Store.open(db) as store:
        store.add_articles([Article.plain(AID, TEXT), Article.plain(BID, TEXT + "。")])
    return db


def test_article_note_and_flag_persist_and_leave_status(path: Path) -> None:
    with Store.open(path) as store:
        store.add_span(AID, "alice", "OFFICIAL", 7, 10)
        store.set_status(AID, "alice", "done")
        assert store.set_article_flags(AID, "alice", note="  标题不全?  ", unsure=True)
    with Store.open(path) as store:
        aset = store.get_annotation_set(AID, "alice")
        assert (aset.note, aset.unsure, aset.status) == ("标题不全?", True, "done")
        # an article nobody started: the note makes a set, still todo
        store.set_article_flags(BID, "alice", note="空白页")
        assert store.get_annotation_set(BID, "alice").status == "todo"
        assert store.get_annotation_set(BID, "bob").note is None


def test_article_flags_undo_and_redo(path: Path) -> None:
    with Store.open(path) as store:
        store.set_article_flags(AID, "alice", note="first")
        store.set_article_flags(AID, "alice", note="second", unsure=True)
        assert store.undo("alice", AID) == "note and flag unsure on article"
        aset = store.get_annotation_set(AID, "alice")
        assert (aset.note, aset.unsure) == ("first", False)
        store.undo("alice", AID)
        assert store.get_annotation_set(AID, "alice").note is None
        store.redo("alice", AID)
        assert store.get_annotation_set(AID, "alice").note == "first"


def test_blank_note_removes_it_and_unchanged_logs_nothing(path: Path) -> None:
    with Store.open(path) as store:
        store.set_article_flags(AID, "alice", note="x")
        before = commands(store)
        assert not store.set_article_flags(AID, "alice", note=" x ")
        assert commands(store) == before
        assert store.set_article_flags(AID, "alice", note="   ")
        assert store.get_annotation_set(AID, "alice").note is None


def test_span_note_and_flag_undoable_and_kept_by_relabel(path: Path) -> None:
    with Store.open(path) as store:
        span = store.add_span(AID, "alice", "ORG", 0, 3)
        flagged = store.set_span_flags(span.id, note="自治区 = ORG?", unsure=True)
        assert (flagged.note, flagged.unsure) == ("自治区 = ORG?", True)
        store.relabel_span(span.id, "PLACE")
    with Store.open(path) as store:
        (kept,) = store.get_annotation_set(AID, "alice").spans
        assert (kept.label, kept.note, kept.unsure) == ("PLACE", "自治区 = ORG?", True)
        store.undo("alice", AID)  # the relabel
        store.undo("alice", AID)  # the flags
        (back,) = store.get_annotation_set(AID, "alice").spans
        assert (back.label, back.note, back.unsure) == ("ORG", None, False)


@pytest.mark.parametrize(
    ("note", "unsure", "message"),
    [
        (7, ..., "a note is text"),
        ("长" * (NOTE_MAX_CHARS + 1), ..., "at most"),
        ("a\x00b", ..., "NUL"),
        (..., "yes", "true or false"),
    ],
)
def test_bad_flags_are_refused_and_change_nothing(path: Path, note, unsure, message) -> None:
    with Store.open(path) as store:
        span = store.add_span(AID, "alice", "ORG", 0, 3)
        before = commands(store)
        with pytest.raises(StoreError, match=message):
            store.set_article_flags(AID, "alice", note=note, unsure=unsure)
        with pytest.raises(StoreError, match=message):
            store.set_span_flags(span.id, note=note, unsure=unsure)
        assert commands(store) == before
        assert store.get_annotation_set(AID, "alice").note is None


def test_suggestions_take_no_flags(path: Path) -> None:
    with Store.open(path) as store:
        (suggestion,) = store.add_suggestions(AID, "test", [("ORG", 0, 3)])
        with pytest.raises(StoreError, match="accept it"):
            store.set_span_flags(suggestion.id, unsure=True)
        assert store.get_annotation_set(AID, AUTO).spans[0].unsure is False


def test_article_list_filters_and_marks_flags(path: Path) -> None:
    with Store.open(path) as store:
        span = store.add_span(BID, "alice", "ORG", 0, 3)
        store.set_article_flags(AID, "alice", unsure=True)
        store.set_span_flags(span.id, note="?")
        store.set_article_flags(AID, "bob", note="bob's")
        assert store.article_ids(annotator="alice", flag="unsure") == [AID]
        assert store.article_ids(annotator="alice", flag="note") == [BID]
        assert store.article_ids(annotator="bob", flag="note") == [AID]
        summaries = store.article_summaries([AID, BID], "alice")
        assert [(s.unsure, s.has_note) for s in summaries] == [(True, False), (False, True)]
        with pytest.raises(StoreError, match="unknown flag"):
            store.article_ids(annotator="alice", flag="bogus")
        with pytest.raises(StoreError, match="annotator"):
            store.article_ids(flag="note")


def test_replacing_a_set_writes_its_flags(path: Path) -> None:
    """A whole-set write (import, team merge) is the set given, its notes included."""
    with Store.open(path) as store:
        span = store.add_span(AID, "alice", "ORG", 0, 3)
        store.set_span_flags(span.id, note="span note", unsure=True)
        store.set_article_flags(AID, "alice", note="set note", unsure=True)
        aset = store.get_annotation_set(AID, "alice")
        store.replace_annotation_set(replace(aset, article_id=BID))
        copied = store.get_annotation_set(BID, "alice")
        assert (copied.note, copied.unsure) == ("set note", True)
        assert [(s.note, s.unsure) for s in copied.spans] == [("span note", True)]
        store.replace_annotation_set(replace(aset, note=None, unsure=False))
        assert store.get_annotation_set(AID, "alice").note is None


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("UPDATE spans SET note = '  padded '", "spans row 1: note is blank"),
        ("UPDATE spans SET unsure = 2", "spans row 1: column unsure holds a number, not 0 or 1"),
        ("UPDATE annotation_sets SET note = ''", "annotation_sets row 1: note is blank"),
        ("UPDATE annotation_sets SET unsure = 7", "annotation_sets row 1: unsure is 7"),
        ("INSERT INTO settings VALUES ('guidelines', '[1]')", "guidelines setting is damaged"),
    ],
)
def test_database_check_names_flags_the_store_never_writes(path: Path, sql, expected) -> None:
    import sqlite3

    from annotator.store.validation import content_problems

    with Store.open(path) as store:
        store.add_span(AID, "alice", "ORG", 0, 3)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(sql)
    problems = content_problems(conn)
    conn.close()
    assert any(expected in p for p in problems), problems
