"""A program that keeps the database open loses no acknowledged edit while other programs use it.

Regression (issue 10): opening the file a second time in the same process (the window's start-up
backup) read the header with Python's open()/close(); closing any descriptor of a file drops every
POSIX lock the process holds on it, SQLite's included. The next `annotator stats` then believed
it was alone, checkpointed and deleted the WAL under the window's connection, and every later
"saved" edit went into a deleted file: gone after a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from safety_helpers.corpus import build_database
from safety_helpers.snapshot import article_state
from safety_helpers.stepped_child import SteppedChild, run_cli

from annotator.store import Store

ANNOTATOR = "alice"


def page(folder: Path, number: int) -> Path:
    """A new page each time, so that `import` really writes."""
    path = folder / f"page-{number}.txt"
    path.write_text(f"第{number}篇。记者报道：楼阳生在郑州参加座谈会，讨论第{number}项工作。\n")
    return path


# What other programs run between the writer's edits: the arguments after `--db X`.
OTHERS: dict[str, Callable[[Path, int], list[object]]] = {
    "stats": lambda tmp, n: ["stats"],
    "backup": lambda tmp, n: ["backup"],
    "export": lambda tmp, n: ["export", "--format", "jsonl", "--out", tmp / f"out-{n}.jsonl"],
    "import": lambda tmp, n: ["import", "--no-suggest", page(tmp, n)],
}


def assert_acknowledged_edits_kept(db: Path, child: SteppedChild) -> None:
    assert child.acknowledged, "the child acknowledged nothing"
    with Store.open(db) as store:
        assert store.integrity_problems() == []
        found = {a: article_state(store, a, ANNOTATOR) for a in child.acknowledged}
    assert found == child.acknowledged


@pytest.mark.parametrize("other", list(OTHERS))
def test_a_writer_holding_the_file_open_keeps_every_edit_while_others_run(tmp_path, other):
    db = tmp_path / "work.db"
    build_database(db)
    child = SteppedChild("stepped_editor.py", db, ANNOTATOR, 11)
    try:
        for n in range(3):
            child.step("edit")
            run_cli(db, *OTHERS[other](tmp_path, n))
        child.step("edit")
        child.step("edit")
    finally:
        child.kill()
    assert_acknowledged_edits_kept(db, child)


def test_a_writer_keeps_every_edit_while_all_the_others_take_turns(tmp_path):
    db = tmp_path / "work.db"
    build_database(db)
    child = SteppedChild("stepped_editor.py", db, ANNOTATOR, 12)
    try:
        for n, other in enumerate(OTHERS.values()):
            child.step("edit")
            run_cli(db, *other(tmp_path, n))
            child.step("edit")
    finally:
        child.kill()
    assert_acknowledged_edits_kept(db, child)
