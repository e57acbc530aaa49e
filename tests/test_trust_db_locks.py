"""A program that keeps the database open loses no acknowledged edit while other programs use it.

Regression (issue 10): opening the file a second time in the same process (the window's start-up
backup) read the header with Python's open()/close(); closing any descriptor of a file drops every
POSIX lock the process holds on it, SQLite's included. The next `annotator stats` then believed
it was alone, checkpointed and deleted the WAL under the window's connection, and every later
"saved" edit went into a deleted file: gone after a crash.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from safety_helpers.corpus import build_database
from safety_helpers.snapshot import article_state
from safety_helpers.stepped_child import SteppedChild, finish, run_cli, start_cli

from annotator.cli import main as cli_main
from annotator.store import Store
from annotator.store.backup import backup_database, rotate_backups

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


# -- what `--db` may name: looked at with stat only, so a pipe or a device never blocks ----------


def fifo(tmp: Path) -> Path:
    path = tmp / "work.db"
    os.mkfifo(path)
    return path


def socket_file(tmp: Path) -> Path:
    path = tmp / "work.db"
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(path))  # the file stays after the socket is closed
    listener.close()
    return path


def link_to_fifo(tmp: Path) -> Path:
    link = tmp / "link.db"
    link.symlink_to(fifo(tmp))
    return link


NOT_FILES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fifo": (fifo, "a named pipe (FIFO)"),
    "link-to-fifo": (link_to_fifo, "a named pipe (FIFO)"),
    "device": (lambda tmp: Path(os.devnull), "a character device"),
    "socket": (socket_file, "a socket"),
}
COMMANDS = {
    "stats": ["stats"],
    "export": ["export", "--out", "out.jsonl"],
    "backup": ["backup"],
    "import": ["import", "--no-suggest", "."],
    "agree": ["agree"],
    "evaluate": ["evaluate", "--gold", Path(__file__).parent / "data" / "gold" / "seeds.jsonl"],
    "suggest": ["suggest"],
    "import-labels": ["import-labels", "--format", "jsonl", "--annotator", "a", os.devnull],
    "review": ["review"],
    "gui": ["--annotator", "a", "gui"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("kind", list(NOT_FILES))
def test_a_db_that_is_not_a_regular_file_is_refused_at_once(tmp_path, kind, command):
    make, named = NOT_FILES[kind]
    db = make(tmp_path)
    result = run_cli(db, *COMMANDS[command], check=False, timeout=30)  # the old code hung here
    assert result.returncode == 1
    assert result.stderr == f"annotator: {db} is {named}, not a database file; nothing was read\n"
    assert not (tmp_path / "out.jsonl").exists()


# -- restore: the database stays locked from the copy it keeps until it is replaced --------------

TRY_TO_WRITE = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
try:
    conn.execute("BEGIN IMMEDIATE")
    print("wrote")
except sqlite3.OperationalError as error:
    print(error)
"""


def test_restore_keeps_other_programs_out_until_the_database_is_replaced(tmp_path, monkeypatch):
    """Regression: restore copied the current database with open()/close() while its SQLite
    connection held the exclusive lock; the close dropped that lock, so another program could
    write in the moment before the file was replaced, and that write was lost."""
    from annotator.store import backup as backup_module

    db = tmp_path / "work.db"
    build_database(db)
    saved = backup_module.backup_database(db)
    answers: list[str] = []
    replace_file = backup_module._replace_file

    def replace_watched(source: Path, target: Path) -> None:
        if target == db:  # the old database is kept by now; the swap comes next
            attempt = [sys.executable, "-c", TRY_TO_WRITE, str(db)]
            answers.append(subprocess.run(attempt, capture_output=True, text=True).stdout)
        replace_file(source, target)

    monkeypatch.setattr(backup_module, "_replace_file", replace_watched)
    kept = backup_module.restore_database(saved, db)
    assert answers == ["database is locked\n"]
    assert kept is not None
    with Store.open(kept, read_only=True) as copy:  # the copy kept through SQLite is whole
        assert copy.integrity_problems() == [] and copy.count_articles() == 3


# -- the same with the real window, in a child process so that it can be SIGKILLed ---------------


@pytest.mark.gui
@pytest.mark.parametrize("other", ["stats", "backup", "export"])
def test_the_window_keeps_every_saved_edit_while_a_command_runs_beside_it(tmp_path, other):
    """The issue's steps: accept a suggestion in the window, run `annotator OTHER` in a
    terminal, accept two more (the status bar says saved), `kill -9` the window."""
    pytest.importorskip("PySide6")
    db = tmp_path / "work.db"
    build_database(db)
    window = SteppedChild("window_editor.py", db, ANNOTATOR, tmp_path / "settings")
    try:
        assert window.step("accept")["ack"].startswith("✓ saved")
        run_cli(db, *OTHERS[other](tmp_path, 0))
        window.step("accept")
        window.step("accept")
    finally:
        window.kill()
    assert len(next(iter(window.acknowledged.values()))["spans"]) == 3
    assert_acknowledged_edits_kept(db, window)


def test_merging_the_database_into_itself_through_a_hard_link_is_refused(tmp_path):
    """merge reads a source file's bytes by hand (a private copy); were the source the target's
    own file under another name, closing that copy's descriptor would drop the target
    connection's locks mid-merge. Sameness is the file's identity (stat), not its path."""
    db = tmp_path / "work.db"
    build_database(db)
    link = tmp_path / "another-name.db"
    os.link(db, link)
    result = run_cli(db, "merge", link, check=False)
    assert result.returncode == 2
    assert result.stderr == f"annotator: {link} is the database being merged into\n"


def test_import_never_reads_the_database_it_imports_into(tmp_path):
    """A database whose name looks like a page, in the folder being imported: reading it by hand
    would drop this process's SQLite locks when closed, and import its bytes as a page."""
    pages = tmp_path / "pages"
    pages.mkdir()
    page(pages, 1)
    db = pages / "work.txt"
    build_database(db)
    result = run_cli(db, "import", "--no-suggest", pages, check=False)
    assert f"failed: {db}: is the database being imported into; not read" in result.stderr
    assert "imported 1," in result.stdout
    with Store.open(db, read_only=True) as store:
        assert store.count_articles() == 4


def test_a_writer_keeps_every_edit_while_others_run_at_the_same_moment(tmp_path):
    """Not only between its edits: each other program runs while the writer goes on editing."""
    db = tmp_path / "work.db"
    build_database(db)
    child = SteppedChild("stepped_editor.py", db, ANNOTATOR, 13)
    try:
        for n, other in enumerate([*OTHERS.values()] * 2):
            running = start_cli(db, *other(tmp_path, n))
            while running.poll() is None:
                child.step("edit")
            finish(running)
            child.step("edit")
    finally:
        child.kill()
    assert_acknowledged_edits_kept(db, child)


# -- the mechanism itself: no entry point drops the locks an open connection holds --------------


def held_locks(db: Path) -> set[tuple[str, ...]]:
    """This process's POSIX locks on `db` and its `-shm`, as /proc/locks lists them (Linux)."""
    inodes = {os.stat(p).st_ino for p in (db, db.with_name(db.name + "-shm")) if p.exists()}
    pid = str(os.getpid())
    found = set()
    with open("/proc/locks") as table:
        for line in table:
            fields = line.split()[1:]  # type, advisory, mode, pid, dev:inode, start, end
            if fields[3] == pid and int(fields[4].rsplit(":", 1)[1]) in inodes:
                found.add(tuple(fields[:3] + fields[4:]))
    return found


IN_PROCESS: dict[str, Callable[[Store, Path], object]] = {
    "Store.open": lambda store, tmp: Store.open(store.path).close(),
    "Store.open read-only": lambda store, tmp: Store.open(store.path, read_only=True).close(),
    "backup_database": lambda store, tmp: backup_database(store.path, tmp / "copy.db"),
    "rotate_backups": lambda store, tmp: rotate_backups(store),
    "integrity check": lambda store, tmp: store.integrity_problems(),
    **{
        f"annotator {name}": lambda store, tmp, name=name: cli_main(
            ["--db", str(store.path), *map(str, OTHERS[name](tmp, 0))]
        )
        for name in OTHERS
    },
    "annotator merge": lambda store, tmp: cli_main(
        ["--db", str(store.path), "merge", str(another_database(tmp))]
    ),
    "annotator restore (refused: the database is open)": lambda store, tmp: cli_main(
        ["--db", str(store.path), "restore", str(backup_database(store.path, tmp / "b.db"))]
    ),
}


def another_database(tmp: Path) -> Path:
    path = tmp / "other" / "theirs.db"
    build_database(path, articles=4)
    return path


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs Linux's /proc/locks")
@pytest.mark.parametrize("entry", list(IN_PROCESS))
def test_no_entry_point_drops_the_locks_of_an_open_connection(tmp_path, entry):
    """Each way this process may touch the database while a window's Store has it open leaves
    that Store's SQLite locks in place (closing a descriptor of our own would drop them all)."""
    db = tmp_path / "work.db"
    build_database(db)
    with Store.open(db) as store:
        store.count_articles()  # a read: the connection now holds its WAL locks
        before = held_locks(db)
        assert before, "an open WAL connection holds locks"
        IN_PROCESS[entry](store, tmp_path)
        assert held_locks(db) == before
