"""Databases that come from elsewhere — a file merged in, a backup restored — read safely.

Such a file is never opened by the store: SQLite would switch it to WAL, migrate it, fill in
settings (firing any trigger it holds) and leave `-wal`/`-shm` files beside it. Instead its bytes
are copied, with its `-wal` (the last commits of a live database) and a hot `-journal`, into a
private folder, and SQLite works on that copy only. The copy must then be an annotator database
exactly as annotator makes it (no trigger, view or table of anyone else) whose every row decodes
(see `validation`); anything else is refused in one line, before the caller changes anything.
"""

from __future__ import annotations

import shutil
import sqlite3
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from annotator.store.connection import check_file, connect, translated
from annotator.store.errors import CorruptDatabase, DatabaseLocked, StoreError
from annotator.store.migrations import schema_at, schema_of, steps_for
from annotator.store.validation import content_problems

# Files SQLite keeps beside a database that hold part of it; `-shm` is only an index of the WAL.
COMPANIONS = ("-wal", "-journal")
COPY_ATTEMPTS = 5  # a file being written while copied is copied again, this many times at most


@contextmanager
def checked_copy(path: Path, *, outcome: str, rebuild_index: bool = False) -> Iterator[Path]:
    """A private, standalone, checked copy of the annotator database at `path`, at the newest
    schema; removed on exit. A refusal says why, then `outcome` ("nothing was merged").
    `rebuild_index`: rebuild the full-text index from the articles, for a copy that becomes the
    database. The index is SQLite's derived data, which the row checks do not read: one stale or
    emptied in the file would hide articles from search."""
    with tempfile.TemporaryDirectory(prefix="annotator-") as folder:
        copy = Path(folder) / "copy.db"
        try:
            _refuse_not_a_file(path)
            try:
                _copy_at_rest(path, copy)
            except OSError as error:  # a full temporary disk, an unreadable file
                raise StoreError(
                    "cannot copy {path} to a private folder to read it: {strerror}",
                    path=path, strerror=error.strerror
                ) from None
            check_file(copy)  # not SQLite, truncated: SQLite reads the copy, never `path`
            with translated(str(path), 0):
                _check(copy, str(path))
                if rebuild_index:
                    _rebuild_search_index(copy)
        except StoreError as error:
            message = str(error).replace(str(copy), str(path))  # never name the private copy
            raise type(error)(f"{message}; {outcome}") from None
        yield copy


def _refuse_not_a_file(path: Path) -> None:
    """Only a regular file is copied: reading a FIFO would wait forever, a device never end."""
    try:
        mode = path.stat().st_mode
    except OSError:
        raise StoreError("there is no database at {path}", path=path) from None
    if not stat.S_ISREG(mode):
        raise StoreError("{path} is not a database file (a folder, a pipe or a device)", path=path)


def _rebuild_search_index(copy: Path) -> None:
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    finally:
        conn.close()


def _copy_at_rest(path: Path, copy: Path) -> None:
    """Copy the file and its companions; again if any of them changed meanwhile."""
    for _ in range(COPY_ATTEMPTS):
        before = _state(path)
        for suffix in ("", *COMPANIONS):
            source = path.with_name(path.name + suffix)
            if source.is_file():
                shutil.copyfile(source, copy.with_name(copy.name + suffix))
        if _state(path) == before:
            return
        for leftover in copy.parent.iterdir():
            leftover.unlink()
        time.sleep(0.05)
    raise DatabaseLocked(
        "{path} kept changing while it was read; close the program writing it", path=path
    )


def _state(path: Path) -> tuple[tuple[int, int] | None, ...]:
    found = []
    for suffix in ("", *COMPANIONS):
        try:
            info = path.with_name(path.name + suffix).stat()
            found.append((info.st_size, info.st_mtime_ns))
        except FileNotFoundError:
            found.append(None)
    return tuple(found)


def _check(copy: Path, where: str) -> None:
    """Fold the WAL (or roll back a hot journal) into the copy, check it is ours, bring it to the
    newest schema, check every row, and leave it one self-contained file."""
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        conn.execute("PRAGMA trusted_schema=OFF")  # a view or trigger cannot call out
        conn.execute("PRAGMA journal_mode=DELETE")  # reads the WAL in, leaves one file
        problems = [r[0] for r in conn.execute("PRAGMA quick_check") if r[0] != "ok"]
        if problems:
            raise CorruptDatabase(
                "{where} is damaged ({problem})", where=where, problem=problems[0]
            )
        _check_schema(conn, where)
    finally:
        conn.close()
    connect(copy, 0).close()  # migrates an older copy forward; the copy has our triggers only
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        problems = content_problems(conn)
    finally:
        conn.close()
    if problems:
        more = " (and other problems)" if len(problems) > 1 else ""
        raise StoreError(
            "{where} holds what annotator never writes: {problem}{more}",
            where=where, problem=problems[0], more=more
        )


def _check_schema(conn: sqlite3.Connection, where: str) -> None:
    """Refuse a file whose schema is not exactly what annotator makes at its version."""
    steps_for(conn, path=where)  # not ours, or newer: refused with the store's own message
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == 0:  # an empty SQLite file: a database nobody made
        raise StoreError("{where} is an SQLite file but not an annotator database", where=where)
    schema = schema_of(conn)
    expected = schema_at(version)
    extra = sorted(schema - expected)
    if extra:
        kind, name = extra[0][:2]
        changed = any(name == known[1] for known in expected)
        raise StoreError(
            f"{where} is not an annotator database as annotator makes it: its {kind} {name} "
            + ("differs from annotator's" if changed else "is not annotator's")
        )
    missing = sorted(expected - schema)
    if missing:
        raise CorruptDatabase(
            "{where} is damaged: its {kind} {name} is missing",
            where=where, kind=missing[0][0], name=missing[0][1]
        )
