"""Opening the SQLite file safely and turning SQLite's errors into the store's own.

Every write runs in `BEGIN IMMEDIATE`: the write lock is taken at the start, so a second writer
waits on the busy timeout instead of failing mid-transaction on a stale WAL snapshot.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import platformdirs

from annotator.store.errors import (
    CorruptDatabase,
    DatabaseLocked,
    DiskFull,
    ReadOnlyDatabase,
    StoreError,
)
from annotator.store.migrations import LATEST_VERSION, steps_for

MIN_PAGE_SIZE = 512  # bytes; a non-empty SQLite file holds at least one page
DB_ENV_VAR = "ANNOTATOR_DB"


def default_db_path() -> Path:
    """`$ANNOTATOR_DB`, else annotator.db in the platform's user data directory."""
    if os.environ.get(DB_ENV_VAR):
        return Path(os.environ[DB_ENV_VAR])
    return platformdirs.user_data_path("annotator", appauthor=False) / "annotator.db"


def sqlite_uri(path: Path, **params: str) -> str:
    """A `file:` URI for `path`, quoted: a `?`, `#` or `%` in a file name stays part of the name."""
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"file:{quote(str(path.absolute()))}" + (f"?{query}" if query else "")


def check_file(path: Path, busy_timeout: float = 5.0) -> None:
    """Refuse, before anything writes to it, a path that cannot be our database.

    Looks with `stat` and through SQLite only, never with a descriptor of our own: on POSIX,
    closing ANY descriptor of a file drops every lock this process holds on it, SQLite's
    included, and another program would then checkpoint and delete the WAL under this process's
    open connections (SQLite, "How To Corrupt An SQLite Database File", 2.2). SQLite's own
    connections share their locks within the process, so a second one is safe."""
    if regular_file_exists(path):
        read_connection(path, busy_timeout).close()
    elif not path.parent.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ReadOnlyDatabase(
                "cannot create {parent}: {strerror}", parent=path.parent, strerror=error.strerror
            ) from None


_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def regular_file_exists(path: Path) -> bool:
    """False when nothing is there; refuses a folder, a pipe or a device (reading a FIFO would
    wait forever for a writer) without opening it."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    except OSError as error:
        raise StoreError(
            "cannot use {path}: {strerror}", path=path, strerror=error.strerror
        ) from None
    if stat.S_ISDIR(mode):
        raise StoreError("{path} is a folder, not a database file", path=path)
    for test, kind in _NOT_REGULAR:
        if test(mode):
            raise StoreError(
                "{path} is {kind}, not a database file; nothing was read", path=path, kind=kind
            )
    return True


def read_connection(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A connection that reads `path` and refuses every write (`query_only`), after checking
    that SQLite can read it as a database; the file must exist.

    An ordinary connection: it takes SQLite's locks and reads the WAL like any other, and the
    last one to close folds the WAL in and removes it. Where the file cannot be written SQLite
    opens it read-only by itself. Only if SQLite still cannot open it (a WAL database in a
    folder that refuses its `-wal`/`-shm`) is it read as `immutable`; see there."""
    conn = _connect_uri(path, busy_timeout, mode="rw")
    try:
        try:
            _refuse_unreadable(conn, path, busy_timeout)
        except _CannotOpen:
            conn.close()
            conn = _immutable_connection(path, busy_timeout)
            _refuse_unreadable(conn, path, busy_timeout)
    except BaseException:
        conn.close()
        raise
    return conn


class _CannotOpen(Exception):
    """SQLite could not open the file for reading as it is (see `read_connection`)."""


def _immutable_connection(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """Read without locks or WAL, which is right only while nobody writes the file: allowed
    when no `-wal`, `-shm` or `-journal` is beside it. Every writer has those files while it
    works, and none can create them in this folder, so the file cannot change while it is
    read (a writer through another, writable mount of the folder would create them first;
    one that starts in the moment of a read is the remaining risk, accepted for reading a
    read-only copy). With one of them present the file is refused: `immutable` would ignore
    the changes they hold."""
    present = [s.name for s in _sidecars(path) if s.exists()]
    if present:
        raise ReadOnlyDatabase(
            "{path} cannot be read: its folder cannot be written, and SQLite must write "
            "there to read the changes {files} beside it may hold; make the folder writable "
            "(nothing was changed)", path=path, files=present[0]
        )
    return _connect_uri(path, busy_timeout, mode="ro", immutable="1")


def _connect_uri(path: Path, busy_timeout: float, **params: str) -> sqlite3.Connection:
    conn = sqlite3.connect(
        sqlite_uri(path, **params),
        uri=True,
        timeout=busy_timeout,
        isolation_level=None,
        check_same_thread=False,
    )
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA query_only=ON")
        conn.execute("PRAGMA trusted_schema=OFF")  # reading never runs the file's own code
    except BaseException:
        conn.close()
        raise
    return conn


def _sidecars(path: Path) -> tuple[Path, ...]:
    return tuple(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))


def _refuse_unreadable(conn: sqlite3.Connection, path: Path, busy_timeout: float) -> None:
    """Refuse a file SQLite cannot read as a database, with what is wrong with it.

    SQLite checks page 1 when it first reads the file: not a database (SQLITE_NOTADB), or a
    header that declares more pages than the file and its WAL hold (SQLITE_CORRUPT: the file was
    cut short, by a copy or a full disk). Both are refused before anything writes."""
    try:
        conn.execute("PRAGMA schema_version").fetchone()
        return
    except sqlite3.DatabaseError as error:
        name = getattr(error, "sqlite_errorname", "")
        if name == "SQLITE_CANTOPEN":
            raise _CannotOpen from None
        if name not in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
            raise translate(error, str(path), busy_timeout) from error
    size = path.stat().st_size
    if size < MIN_PAGE_SIZE:  # smaller than any SQLite file's first page
        raise CorruptDatabase(
            "{path} is not an SQLite database, or a truncated one ({size} bytes); it was "
            "left untouched", path=path, size=size
        )
    if name == "SQLITE_NOTADB":
        raise CorruptDatabase("{path} is not an SQLite database; it was left untouched", path=path)
    conn.execute("PRAGMA writable_schema=ON")  # read page 1 even though pages are missing
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError:
        raise CorruptDatabase("{path} is damaged; it was left untouched", path=path) from None
    raise CorruptDatabase(
        "{path} is truncated: {size:,} bytes, fewer than its header declares; it was left "
        "untouched", path=path, size=size
    )


def translate(error: sqlite3.Error, where: str, busy_timeout: float) -> StoreError:
    """The store's exception for an SQLite error, with a message a person can act on."""
    message = str(error).lower()
    if "locked" in message or "busy" in message:
        return DatabaseLocked(
            "{where} is locked by another program (waited {busy_timeout:g} s); close the "
            "other program or try again", where=where, busy_timeout=busy_timeout
        )
    if "could not decode to utf-8" in message:  # the message quotes the garbled bytes: drop them
        column = str(error).split("'")[1] if "'" in str(error) else "?"
        return CorruptDatabase(
            "{where} is damaged: its column {column!r} holds bytes that are not UTF-8 text; "
            "it was left untouched", where=where, column=column
        )
    if "malformed" in message or "not a database" in message or "corrupt" in message:
        return CorruptDatabase(
            "{where} is damaged ({error}); it was left untouched", where=where, error=error
        )
    if "readonly" in message or "read-only" in message or "unable to open" in message:
        return ReadOnlyDatabase("{where} cannot be written ({error})", where=where, error=error)
    if "is full" in message:  # "database or disk is full"
        return DiskFull(
            "{where}: the disk is full ({error}); the last change was not saved",
            where=where, error=error
        )
    if getattr(error, "sqlite_errorname", "") == "SQLITE_IOERR_WRITE":
        # A write refused by the system: past the file-size limit (EFBIG) or a failing disk.
        return DiskFull(
            "{where}: the disk refused a write (full, over the file-size limit, or failing); "
            "the last change was not saved", where=where
        )
    if isinstance(error, sqlite3.IntegrityError):
        return StoreError(
            "{where}: refused by a database constraint ({error})", where=where, error=error
        )
    return StoreError("{where}: {error}", where=where, error=error)


@contextmanager
def translated(where: str, busy_timeout: float) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as error:
        raise translate(error, where, busy_timeout) from error
    except UnicodeEncodeError as error:  # SQLite takes names and text as UTF-8
        place = where.encode("utf-8", "backslashreplace").decode()  # the name may be the cause
        raise StoreError(
            "{place}: a file name or text that is not UTF-8 (a lone surrogate, "
            "{character!r}) cannot be given to SQLite; nothing was saved",
            place=place, character=error.object[error.start]
        ) from error


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
            steps = steps_for(conn, path=where)  # refuses a foreign or newer file untouched
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


def connect_read_only(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """For a command that only reads: a `read_connection`, so it works on a file or folder that
    cannot be written and never changes the file itself. A file made by an older annotator is
    first upgraded through a writing connection, which needs write access."""
    if not regular_file_exists(path):
        raise StoreError("there is no database at {path}; nothing to read", path=path)
    conn = read_connection(path, busy_timeout)
    try:
        with translated(str(path), busy_timeout):
            if not steps_for(conn, path=str(path)):  # refuses a foreign or newer file
                return conn
    except BaseException:
        conn.close()
        raise
    conn.close()
    try:
        connect(path, busy_timeout).close()
    except ReadOnlyDatabase as error:
        raise ReadOnlyDatabase(
            "{path} was made by an older annotator and must be upgraded before it can be "
            "read, but {error}", path=path, error=error
        ) from None
    return read_connection(path, busy_timeout)
