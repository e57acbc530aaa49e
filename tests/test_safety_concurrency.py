"""Two writers on one database file: both finish, nothing is lost, a lock that lasts is named."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from safety_helpers.corpus import build_database
from safety_helpers.log_replay import log_disagreements
from safety_helpers.snapshot import article_state

from annotator.store import DatabaseLocked, Store

HELPERS = Path(__file__).parent / "safety_helpers"
EDITS = 250


def run(script: str, *args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(HELPERS / script), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def acknowledged_states(result: subprocess.CompletedProcess[str]) -> dict[str, dict[str, Any]]:
    """The last acknowledged state of each article, from a finished edit worker's output."""
    assert result.returncode == 0, result.stderr + result.stdout[-2000:]
    states: dict[str, dict[str, Any]] = {}
    acks = 0
    for line in result.stdout.splitlines():
        parsed = json.loads(line)
        if "ack" in parsed:
            states.update(parsed["states"])
            acks += 1
    assert acks == EDITS
    return states


def assert_holds(db: Path, annotator: str, states: dict[str, dict[str, Any]]) -> None:
    with Store.open(db) as store:
        for article_id, state in states.items():
            assert article_state(store, article_id, annotator) == state, (annotator, article_id)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "shared.db"
    build_database(path)
    return path


def first_article(db: Path) -> str:
    with Store.open(db) as store:
        return store.article_ids()[0]


def test_two_annotators_editing_one_file_at_once_lose_nothing(db):
    with ThreadPoolExecutor(2) as pool:
        runs = {
            name: pool.submit(run, "edit_worker.py", db, name, seed, EDITS)
            for seed, name in enumerate(["alice", "bob"])
        }
    for name, future in runs.items():
        assert_holds(db, name, acknowledged_states(future.result()))
    with Store.open(db) as store:
        assert store.integrity_problems() == []
        ids = {
            name: store.db.execute(
                "SELECT min(id), max(id) FROM commands WHERE annotator = ?", [name]
            ).fetchone()
            for name in runs
        }
    assert ids["alice"][0] < ids["bob"][1] and ids["bob"][0] < ids["alice"][1]  # they overlapped
    assert log_disagreements(str(db)) == []


def test_bulk_import_racing_single_edits_loses_nothing(db):
    batches, per_batch = 8, 100
    with ThreadPoolExecutor(2) as pool:
        importing = pool.submit(run, "bulk_import.py", db, batches, per_batch)
        editing = pool.submit(run, "edit_worker.py", db, "alice", 3, EDITS)
    imported = importing.result()
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.split() == [
        word for n in range(batches) for word in ("batch", str(n), str(per_batch))
    ]
    assert_holds(db, "alice", acknowledged_states(editing.result()))
    with Store.open(db) as store:
        assert store.count_articles() == 3 + batches * per_batch
        assert store.integrity_problems() == []


def test_many_programs_opening_a_new_file_at_once_all_succeed(tmp_path):
    """Regression: the second program to create the schema failed ('table already exists'),
    and switching to WAL failed at once ('database is locked') without waiting."""
    path = tmp_path / "new.db"
    code = "import sys; from annotator.store import Store; Store.open(sys.argv[1]).close()"
    children = [
        subprocess.Popen([sys.executable, "-c", code, str(path)], stderr=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    errors = [child.communicate(timeout=120)[1] for child in children]
    assert [child.returncode for child in children] == [0] * 6, errors
    with Store.open(path) as store:
        assert store.integrity_problems() == []


def hold_lock(db: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, str(HELPERS / "hold_lock.py"), str(db), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"  # type: ignore[union-attr]
    return holder


def test_a_short_lock_is_waited_out(db):
    article_id = first_article(db)
    holder = hold_lock(db, 0.5)
    with Store.open(db, busy_timeout=30) as store:
        span = store.add_span(article_id, "alice", "PLACE", 5, 9)
        assert span in store.get_annotation_set(article_id, "alice").spans
    holder.wait(timeout=30)
    holder.stdout.close()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "edit",
    [
        lambda store, a: store.add_span(a, "alice", "PLACE", 5, 9),
        lambda store, a: store.set_status(a, "alice", "done"),
        lambda store, a: store.undo("alice"),
        lambda store, a: store.add_time(a, "alice", 3),
    ],
    ids=["add_span", "set_status", "undo", "add_time"],
)
def test_a_lock_that_lasts_is_reported_clearly_and_changes_nothing(db, edit):
    article_id = first_article(db)
    with Store.open(db, busy_timeout=0.3) as store:
        store.add_span(article_id, "alice", "ORG", 20, 24)
        before = article_state(store, article_id, "alice")
        holder = hold_lock(db, 60)
        try:
            started = time.monotonic()
            with pytest.raises(DatabaseLocked, match=r"locked by another program \(waited 0.3 s\)"):
                edit(store, article_id)
            assert time.monotonic() - started >= 0.3  # it did wait before giving up
            assert article_state(store, article_id, "alice") == before  # reading still works
        finally:
            holder.kill()
            holder.wait(timeout=30)
            holder.stdout.close()  # type: ignore[union-attr]
        edit(store, article_id)  # the same edit goes through once the lock is gone
        assert store.get_setting("held") is None
