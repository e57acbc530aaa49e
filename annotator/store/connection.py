"""Opening the SQLite file safely and turning SQLite's errors into the store's own.

Every write runs in `BEGIN IMMEDIATE`: the write lock is taken at the start, so a second writer
waits on the busy timeout instead of failing mid-transaction on a stale WAL snapshot.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

from annotator.store.errors import (
    CorruptDatabase,
    DatabaseLocked,
    DiskFull,
    ReadOnlyDatabase,
    StoreError,
)
from annotator.store.migrations import LATEST_VERSION, pending_migrations

SQLITE_HEADER = b"SQLite format 3\x00"
DB_ENV_VAR = "ANNOTATOR_DB"


def default_db_path() -> Path:
    """`$ANNOTATOR_DB`, else annotator.db in the platform's user data directory."""
    if os.environ.get(DB_ENV_VAR):
        return Path(os.environ[DB_ENV_VAR])
    return platformdirs.user_data_path("annotator", appauthor=False) / "annotator.db"


def check_file(path: Path) -> None:
    """Refuse, before SQLite touches it, a path that cannot be our database."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    if path.exists():
        try:
            with path.open("rb") as handle:
                header = handle.read(100)  # the whole SQLite file header
        except OSError as error:
            raise StoreError(f"cannot read {path}: {error.strerror}") from None
        if header and not header.startswith(SQLITE_HEADER[: len(header)]):
            raise CorruptDatabase(f"{path} is not an SQLite database; it was left untouched")
        _refuse_truncated(path, header)
    elif not path.parent.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ReadOnlyDatabase(f"cannot create {path.parent}: {error.strerror}") from None


def _refuse_truncated(path: Path, header: bytes) -> None:
    """A file shorter than the page count its header declares lost its tail (a copy cut short,
    a full disk). Cheap: uses the 100-byte header, where an integrity check reads the file."""
    if len(header) < 100:
        if header:
            raise CorruptDatabase(
                f"{path} is truncated ({len(header)} bytes); it was left untouched"
            )
        return
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    header_valid = header[24:28] == header[92:96]  # "in-header database size" is trustworthy
    size = path.stat().st_size
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        return  # a checkpoint cut short (full disk) leaves the tail in the WAL; SQLite reads it
    if header_valid and page_count and size < page_size * page_count:
        raise CorruptDatabase(
            f"{path} is truncated: {size:,} bytes where its header declares "
            f"{page_size * page_count:,}; it was left untouched"
        )


def translate(error: sqlite3.Error, where: str, busy_timeout: float) -> StoreError:
    """The store's exception for an SQLite error, with a message a person can act on."""
    message = str(error).lower()
    if "locked" in message or "busy" in message:
        return DatabaseLocked(
            f"{where} is locked by another program (waited {busy_timeout:g} s); "
            "close the other program or try again"
        )
    if "malformed" in message or "not a database" in message or "corrupt" in message:
        return CorruptDatabase(f"{where} is damaged ({error}); it was left untouched")
    if "readonly" in message or "read-only" in message or "unable to open" in message:
        return ReadOnlyDatabase(f"{where} cannot be written ({error})")
    if "is full" in message:  # "database or disk is full"
        return DiskFull(f"{where}: the disk is full ({error}); the last change was not saved")
    if getattr(error, "sqlite_errorname", "") == "SQLITE_IOERR_WRITE":
        # A write refused by the system: past the file-size limit (EFBIG) or a failing disk.
        return DiskFull(
            f"{where}: the disk refused a write (full, over the file-size limit, or failing); "
            "the last change was not saved"
        )
    if isinstance(error, sqlite3.IntegrityError):
        return StoreError(f"{where}: refused by a database constraint ({error})")
    return StoreError(f"{where}: {error}")


@contextmanager
def translated(where: str, busy_timeout: float) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as error:
        raise translate(error, where, busy_timeout) from error


def _switch_to_wal(conn: sqlite3.Connection, busy_timeout: float) -> None:
    """Switching a new file to WAL fails at once, without the busy handler, while another
    process is opening the same file; wait for it here, bounded by the busy timeout."""
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error).lower() or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def connect(path: Path | None, busy_timeout: float) -> sqlite3.Connection:
    """A connection in autocommit mode (we issue BEGIN ourselves), WAL, synchronous=FULL."""
    where = str(path) if path else "the in-memory database"
    with translated(where, busy_timeout):
        conn = sqlite3.connect(
            ":memory:" if path is None else str(path),
            timeout=busy_timeout,
            isolation_level=None,
            check_same_thread=False,
        )
        try:
            conn.row_factory = sqlite3.Row
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            steps = pending_migrations(version, path=where)
            if path is not None:
                _switch_to_wal(conn, busy_timeout)
            conn.execute("PRAGMA synchronous=FULL")  # saved means saved, even after a power cut
            conn.execute("PRAGMA foreign_keys=ON")
            for number, step in steps:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    # Another process opening the same file may have migrated while we waited.
                    if conn.execute("PRAGMA user_version").fetchone()[0] < number:
                        step(conn)
                        conn.execute(f"PRAGMA user_version={number}")
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
            assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        except BaseException:
            conn.close()
            raise
    return conn
