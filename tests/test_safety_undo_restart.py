"""Undo after restart: the edits log in the database, not memory, is what undo reads."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from safety_helpers.corpus import build_database
from safety_helpers.snapshot import article_state

from annotator.store import Store

HANG = Path(__file__).parent / "safety_helpers" / "label_then_hang.py"
SPANS = ["OFFICIAL:10:13", "PLACE:20:24", "ORG:30:35"]


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "undo.db"
    return path, build_database(path, articles=1)[0]


def label_in_new_process(path: Path, article_id: str, *, kill: bool) -> None:
    """Store SPANS from a child process that either exits or is SIGKILLed after the last one."""
    child = subprocess.Popen(
        [sys.executable, str(HANG), str(path), "alice", article_id, *SPANS],
        stdout=subprocess.PIPE,
        text=True,
    )
    for number in range(1, len(SPANS) + 1):
        assert child.stdout.readline().strip() == f"done {number}"  # type: ignore[union-attr]
    child.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
    child.wait(timeout=30)
    child.stdout.close()  # type: ignore[union-attr]


def labels(store: Store, article_id: str) -> list[str]:
    return [
        f"{s.label}:{s.start}:{s.end}" for s in store.get_annotation_set(article_id, "alice").spans
    ]


@pytest.mark.parametrize("kill", [False, True], ids=["exit", "sigkill"])
def test_undo_reaches_edits_made_before_the_program_ended(db, kill):
    path, article_id = db
    label_in_new_process(path, article_id, kill=kill)
    for remaining in range(len(SPANS), 0, -1):
        with Store.open(path) as store:  # a fresh program each step
            assert sorted(labels(store, article_id)) == sorted(SPANS[:remaining])
            assert store.undo("alice") is not None
    with Store.open(path) as store:
        assert labels(store, article_id) == []
        assert store.undo("alice") is None  # nothing of alice's left to undo
        assert store.redo("alice", article_id) is not None
    with Store.open(path) as store:
        assert labels(store, article_id) == SPANS[:1]
        assert store.integrity_problems() == []


def test_undo_after_restart_restores_official_and_status(db):
    path, article_id = db
    with Store.open(path) as store:
        span = store.add_span(article_id, "alice", "OFFICIAL", 10, 13)
        store.set_status(article_id, "alice", "done")
        before_delete = article_state(store, article_id, "alice")
        store.delete_span(span.id)
        after_delete = article_state(store, article_id, "alice")
    with Store.open(path) as store:
        assert article_state(store, article_id, "alice") == after_delete
        assert store.undo("alice", article_id) is not None
        assert article_state(store, article_id, "alice") == before_delete
    with Store.open(path) as store:
        assert article_state(store, article_id, "alice") == before_delete
        assert store.redo("alice", article_id) is not None
        assert article_state(store, article_id, "alice") == after_delete


def test_undo_keeps_time_counted_after_the_undone_command(db):
    """Seconds are counted outside commands; undoing an edit must not wind them back."""
    path, article_id = db
    with Store.open(path) as store:
        store.add_time(article_id, "alice", 10)
        store.set_status(article_id, "alice", "done")
        store.add_time(article_id, "alice", 5)
    with Store.open(path) as store:
        assert store.undo("alice") is not None
        aset = store.get_annotation_set(article_id, "alice")
        assert (aset.status, aset.seconds) == ("todo", 15)
        assert store.redo("alice") is not None
        aset = store.get_annotation_set(article_id, "alice")
        assert (aset.status, aset.seconds) == ("done", 15)


def test_undoing_the_command_that_made_the_set_keeps_the_time_counted_since(db):
    path, article_id = db
    with Store.open(path) as store:
        assert not store.has_annotation_set(article_id, "bob")
        store.add_span(article_id, "bob", "PLACE", 0, 2)  # creates bob's set
        store.add_time(article_id, "bob", 42)
    with Store.open(path) as store:
        assert store.undo("bob") is not None
        aset = store.get_annotation_set(article_id, "bob")
        assert (aset.status, aset.seconds, aset.spans) == ("todo", 42, ())
        assert store.redo("bob") is not None
        aset = store.get_annotation_set(article_id, "bob")
        assert (aset.status, aset.seconds, len(aset.spans)) == ("in_progress", 42, 1)
        assert store.integrity_problems() == []
