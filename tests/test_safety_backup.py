"""Backups (`annotator backup`, the rotating backup at window start) and `annotator restore`."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from safety_helpers.corpus import build_database
from safety_helpers.log_replay import log_disagreements
from safety_helpers.snapshot import article_state

from annotator.cli import main
from annotator.store import CorruptDatabase, DatabaseLocked, FutureDatabase, Store, StoreError
from annotator.store.backup import backup_database, restore_database, rotate_backups

HELPERS = Path(__file__).parent / "safety_helpers"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "annotator.db"
    build_database(path)
    return path


def label(db: Path, start: int) -> dict:
    """One edit by alice; returns her state of the first article after it."""
    with Store.open(db) as store:
        article_id = store.article_ids()[0]
        start = printable_from(store.article_text(article_id), start)
        store.add_span(article_id, "alice", "PLACE", start, start + 2)
        return article_state(store, article_id, "alice")


def printable_from(text: str, start: int) -> int:
    """The first position from `start` that is not white space (the store refuses blank spans)."""
    while text[start].isspace():
        start += 1
    return start


def alice_state(db: Path) -> dict:
    with Store.open(db) as store:
        assert store.integrity_problems() == []
        return article_state(store, store.article_ids()[0], "alice")


def sqlite_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file())


def test_backup_while_another_program_writes_is_a_consistent_snapshot(db):
    worker = subprocess.Popen(
        [sys.executable, str(HELPERS / "edit_worker.py"), str(db), "alice", "5", "600"],
        stdout=subprocess.DEVNULL,
    )
    copies = []
    try:
        while worker.poll() is None and len(copies) < 8:
            copies.append(backup_database(db))
            time.sleep(0.05)
    finally:
        assert worker.wait(timeout=120) == 0
    assert copies
    for copy in copies:
        assert not Path(str(copy) + "-wal").exists()  # a standalone file, no WAL needed
        moved = shutil.copy(copy, copy.with_name("moved-" + copy.name))  # works on its own
        with Store.open(moved) as store:
            assert store.integrity_problems() == []
            assert store.count_articles() == 3
        assert log_disagreements(str(moved)) == []  # not torn mid-command


def test_backup_command_default_path_is_timestamped_beside_the_database(db, capsys):
    assert main(["--db", str(db), "backup"]) == 0
    assert main(["backup", "--db", str(db)]) == 0
    made = sorted((db.parent / "backups").iterdir())
    assert len(made) == 2 and all(p.name.startswith("annotator-backup-") for p in made)
    assert f"backed up {db} to {made[0]}" in capsys.readouterr().out
    for copy in made:
        with Store.open(copy) as store:
            assert store.count_articles() == 3


def test_backup_to_a_chosen_path_refuses_to_overwrite(db, tmp_path, capsys):
    target = tmp_path / "elsewhere" / "copy.db"
    before = label(db, 40)
    assert main(["--db", str(db), "backup", str(target)]) == 0
    assert alice_state(target) == before
    target.write_bytes(b"something precious")
    assert main(["--db", str(db), "backup", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert target.read_bytes() == b"something precious"


@pytest.mark.parametrize(
    ("content", "error"),
    [(None, "no database"), (b"not a database at all", "not an SQLite database")],
)
def test_backup_of_a_missing_or_foreign_file_is_refused(tmp_path, content, error):
    path = tmp_path / "annotator.db"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(StoreError, match=error):
        backup_database(path)
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())


def test_rotating_backups_keep_the_newest_n_and_skip_unchanged_databases(db):
    states = []
    for n in range(5):
        states.append(label(db, 10 + 3 * n))
        with Store.open(db) as store:
            assert rotate_backups(store, keep=3) is not None
            assert rotate_backups(store, keep=3) is None  # nothing changed since: no new copy
    manual = backup_database(db)
    label(db, 60)
    with Store.open(db) as store:
        rotate_backups(store, keep=3)
    kept = sorted((db.parent / "backups").glob("annotator-start-*.db"))
    assert [alice_state(p) for p in kept] == [*states[-2:], alice_state(db)]
    assert manual.exists()  # backups made by hand are never rotated away
    with Store.open(memory=True) as store:
        assert rotate_backups(store) is None


def test_restore_puts_the_backup_back_and_keeps_the_current_database(db, capsys):
    backed_up = label(db, 10)
    backup = backup_database(db)
    later = label(db, 30)
    assert main(["--db", str(db), "restore", str(backup)]) == 0
    out = capsys.readouterr().out
    assert alice_state(db) == backed_up
    kept = Path(out.split("kept at ")[1].strip())
    assert alice_state(kept) == later  # nothing lost: the replaced database is still there
    with Store.open(db) as store:  # and the restored one goes on working, undo included
        assert store.undo("alice") is not None
        article_id = store.article_ids()[0]
        start = printable_from(store.article_text(article_id), 50)
        assert store.add_span(article_id, "alice", "ORG", start, start + 3)


def make_future(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()


def make_foreign(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.close()


def make_truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:8192])


@pytest.mark.parametrize(
    ("spoil", "error", "message"),
    [
        (lambda p: p.write_bytes(b"<html>hello</html>"), CorruptDatabase, "not an SQLite"),
        (make_future, FutureDatabase, "newer annotator"),
        (make_foreign, StoreError, "not an annotator database"),
        (make_truncated, CorruptDatabase, "truncated"),
        (lambda p: p.unlink(), StoreError, "no backup"),
    ],
    ids=["html", "future", "foreign", "truncated", "missing"],
)
def test_restore_refuses_a_bad_backup_and_changes_nothing(db, spoil, error, message):
    backup = backup_database(db)
    spoil(backup)
    label(db, 20)
    before, files = db.read_bytes(), sqlite_files(db.parent)
    with pytest.raises(error, match=message):
        restore_database(backup, db)
    assert db.read_bytes() == before
    assert sqlite_files(db.parent) == files


def test_restore_refuses_while_another_program_has_the_database_open(db):
    backup = backup_database(db)
    current = label(db, 20)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from annotator.store import Store; s = Store.open(sys.argv[1]); "
            "s.article_ids(); print('open', flush=True); time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"  # type: ignore[union-attr]
        with pytest.raises(DatabaseLocked, match="open in another program.*Nothing was changed"):
            restore_database(backup, db)
    finally:
        holder.kill()
        holder.wait(timeout=30)
        holder.stdout.close()  # type: ignore[union-attr]
    assert alice_state(db) == current
    assert restore_database(backup, db) is not None  # once it is closed, restore goes ahead


def test_restore_into_a_missing_database_needs_no_copy(db, tmp_path):
    fresh = tmp_path / "new-home" / "annotator.db"
    assert restore_database(backup_database(db), fresh) is None
    assert alice_state(fresh) == alice_state(db)


KILLED_BACKUP = """
import sys, time
from pathlib import Path
from annotator.store import backup

def stalled(source, target_path):
    Path(target_path).write_bytes(b"half a backup")
    print("writing", flush=True)
    time.sleep(60)

backup._write_copy = stalled
backup.backup_database(Path(sys.argv[1]))
"""


def test_a_backup_killed_mid_copy_leaves_nothing_the_next_backup_keeps(db, tmp_path):
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_BACKUP, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "writing"
    finally:
        child.kill()
        child.wait()
    folder = db.parent / "backups"
    assert [p.name for p in folder.iterdir()] != []  # the killed copy's temporary is there
    made = backup_database(db)
    assert sorted(folder.iterdir()) == [made]  # removed by the next backup into the folder
    restore_database(made, db)  # restore's own copies clean up after killed ones too
    assert all(not p.name.startswith(".") for p in folder.iterdir())
