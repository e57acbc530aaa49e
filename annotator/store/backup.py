"""Backups and restore of the database file.

A backup is made with SQLite's online backup API from its own connection: it reads one consistent
snapshot, so it is safe while the annotator window (or an import) is writing. It is written to a
temporary file first (annotator.temporaries: the next backup into the folder removes one a killed
process left) and renamed when complete, so a backup cut short never looks like a backup.
Restore reads the backup through SQLite from a private copy, refuses anything that is not an
annotator database whose every row decodes, and keeps the current database before replacing it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from annotator.store.connection import (
    check_file,
    read_connection,
    regular_file_exists,
    sqlite_uri,
    translated,
)
from annotator.store.errors import CorruptDatabase, DatabaseLocked, StoreError
from annotator.store.foreign import checked_copy
from annotator.store.store import Store
from annotator.store.targets import refuse_database_target
from annotator.temporaries import remove_stale_temporaries, temporary_beside

BACKUP_FOLDER = "backups"  # beside the database
START_TAG = "start"  # names the backups made when the window opens; only these rotate


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / BACKUP_FOLDER


def timestamped_path(db_path: Path, tag: str = "backup") -> Path:
    """`backups/<db name>-<tag>-<local time to the microsecond>.db` beside the database."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return backup_folder(db_path) / f"{db_path.stem}-{tag}-{stamp}.db"


def backup_database(
    db_path: Path, target: Path | None = None, *, busy_timeout: float = 5.0
) -> Path:
    """Copy the database at `db_path` to `target` (default: a timestamped file in backups/) and
    return where it went. The copy is a standalone file (rollback journal, not WAL)."""
    if not regular_file_exists(db_path):  # a pipe or a device is refused, never read
        raise StoreError("there is no database at {db_path} to back up", db_path=db_path)
    check_file(db_path)
    target = target if target is not None else timestamped_path(db_path)
    refuse_database_target(target, db_path, "a backup")
    if target.exists():
        raise StoreError(
            "{target} already exists; choose another name for the backup", target=target
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            "cannot create {parent}: {strerror}", parent=target.parent, strerror=error.strerror
        ) from None
    remove_stale_temporaries(target.parent)
    partial = temporary_beside(target)
    try:
        with translated(str(db_path), busy_timeout):
            _copy(db_path, partial, busy_timeout)
        with translated(str(partial), busy_timeout):
            problems = _check_copy(partial)
        if problems:
            raise CorruptDatabase(
                "the backup of {db_path} failed its check: {problem}",
                db_path=db_path, problem=problems[0]
            )
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def _copy(source_path: Path, target_path: Path, busy_timeout: float) -> None:
    # A reading connection: works on a read-only disk and never writes the database.
    source = read_connection(source_path, busy_timeout)
    try:
        _write_copy(source, target_path)
    finally:
        source.close()


def _write_copy(source: sqlite3.Connection, target_path: Path) -> None:
    """SQLite's backup of `source` into `target_path`: one self-contained file (no WAL)."""
    target = sqlite3.connect(target_path, isolation_level=None)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()


def _check_copy(path: Path) -> list[str]:
    conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    try:
        return [row[0] for row in conn.execute("PRAGMA quick_check") if row[0] != "ok"]
    finally:
        conn.close()


def rotate_backups(store: Store, keep: int = 10) -> Path | None:
    """The backup the window makes when it opens: a new `-start-` backup unless nothing changed
    since the newest one, then only the newest `keep` of them are kept. Backups made with
    `annotator backup` are never deleted. Returns the new backup's path (None when none made:
    an in-memory store, or nothing changed)."""
    if store.path is None:
        return None
    if keep < 1:
        raise StoreError("keep at least one backup")
    fingerprint = _fingerprint(store.path)
    existing = sorted(backup_folder(store.path).glob(f"{store.path.stem}-{START_TAG}-*.db"))
    made = None
    if not existing or _fingerprint(existing[-1]) != fingerprint:
        made = backup_database(store.path, timestamped_path(store.path, START_TAG))
        existing.append(made)
    for old in existing[:-keep]:
        old.unlink(missing_ok=True)
    return made


def _fingerprint(path: Path) -> tuple[object, ...]:
    """Changes whenever an edit, an import or counted time changed the database."""
    conn = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    try:
        return tuple(
            conn.execute(
                "SELECT (SELECT max(id) FROM commands), (SELECT count(*) FROM articles), "
                "(SELECT total(seconds) FROM annotation_sets), "
                "(SELECT max(updated_at) FROM annotation_sets)"
            ).fetchone()
        )
    except sqlite3.Error:
        return ()  # not readable as ours: never equal, so a fresh backup is made
    finally:
        conn.close()


def restore_database(backup: Path, db_path: Path, *, busy_timeout: float = 1.0) -> Path | None:
    """Replace the database at `db_path` with `backup`. The current database is first copied
    to backups/ (that copy's path is returned; None when there was no database). Refused while
    another program has the database open. The backup is read through SQLite from a private
    copy (so its `-wal` counts and the backup itself is never written), and must be an annotator
    database whose every row decodes (see `foreign`)."""
    if not backup.exists():
        raise StoreError("there is no backup at {backup}; nothing was restored", backup=backup)
    if db_path.exists() and backup.resolve() == db_path.resolve():
        raise StoreError("{backup} is the database itself; nothing was restored", backup=backup)
    kept = None
    with checked_copy(backup, outcome="nothing was restored", rebuild_index=True) as copy:
        if db_path.exists():
            check_file(db_path)
            conn = sqlite3.connect(db_path, timeout=busy_timeout, isolation_level=None)
            try:
                _take_sole_access(conn, db_path)
                # Copied through the locking connection: a descriptor of our own would drop
                # the lock when closed (POSIX) and let another program write before the swap.
                kept = timestamped_path(db_path, "before-restore")
                kept.parent.mkdir(parents=True, exist_ok=True)
                _keep_copy(conn, kept)
                _replace_file(copy, db_path)
            finally:
                conn.close()
        else:
            db_path.parent.mkdir(parents=True, exist_ok=True)
            _replace_file(copy, db_path)
    Store.open(db_path).close()  # the copy is at the newest schema already
    return kept


def _take_sole_access(conn: sqlite3.Connection, db_path: Path) -> None:
    """Leave WAL mode and lock the file: both fail while anyone else has it open."""
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")  # the lock outlives the transaction
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")  # SQLite's backup reads only outside a write transaction
    except sqlite3.OperationalError as error:
        if "locked" in str(error).lower() or "busy" in str(error).lower():
            raise DatabaseLocked(
                "{db_path} is open in another program (an annotator window or command); "
                "close it and run restore again. Nothing was changed.", db_path=db_path
            ) from None
        raise


def _keep_copy(conn: sqlite3.Connection, kept: Path) -> None:
    remove_stale_temporaries(kept.parent)
    partial = temporary_beside(kept)
    try:
        _write_copy(conn, partial)
        os.replace(partial, kept)
    finally:
        partial.unlink(missing_ok=True)


def _replace_file(source: Path, target: Path) -> None:
    for leftover in (target.with_name(target.name + s) for s in ("-wal", "-shm")):
        leftover.unlink(missing_ok=True)
    _durable_copy(source, target)


def _durable_copy(source: Path, target: Path) -> None:
    """Copy `source` beside `target`, flush it to disk, then rename it over `target`."""
    remove_stale_temporaries(target.parent, target.name)
    partial = temporary_beside(target)
    try:
        with source.open("rb") as reading, partial.open("wb") as writing:
            shutil.copyfileobj(reading, writing, 1 << 20)
            writing.flush()
            os.fsync(writing.fileno())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
