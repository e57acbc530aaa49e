"""The ground every part of `Store` stands on: the connection, its transactions and the logged
commands; reading a record by id and checking a span against the schema.
"""

from __future__ import annotations

import importlib
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any, Self

from annotator.model import (
    LabelSchema,
    Span,
)
from annotator.resources import default_schema_text, parse_schema
from annotator.store import (
    checks,
    codec,
    set_heads,
)
from annotator.store.connection import (
    check_file,
    connect,
    connect_read_only,
    default_db_path,
    translated,
)
from annotator.store.edits import Recorder, open_command, redo_last, undo_last
from annotator.store.errors import CorruptDatabase, NotFound


def _import_sqlite_utils() -> ModuleType:
    """sqlite-utils, imported without pandas and numpy. It imports both at its own import when
    they are installed (the test extras bring pandas), only to map their types to columns, which
    the store never passes: about 240 ms of every command's start, and an OpenBLAS thread that
    spins a core for 0.1 s. They are hidden for that one import (a None in sys.modules makes
    `import` fail), and importable as usual afterwards; one already imported stays seen."""
    hidden = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        return importlib.import_module("sqlite_utils")
    finally:
        for name in hidden:
            del sys.modules[name]


sqlite_utils = _import_sqlite_utils()


class StoreBase:
    """Open with `Store.open(path)` (or `memory=True` for tests); close, or use `with`. The
    parts (annotator.store.parts) share one connection and take their transactions here."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, busy_timeout: float) -> None:
        self._conn = conn
        self.path = path
        self.busy_timeout = busy_timeout
        self.db = sqlite_utils.Database(conn, execute_plugins=False)
        self._where = str(path) if path else "the in-memory database"
        with self._reading():
            self._ensure_schema_setting()
            # A read-only store of a file without one reads the default, as if stored.
            self.schema: LabelSchema = _label_schema(
                self.get_setting("schema") or default_schema_text(), self._where
            )

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        *,
        memory: bool = False,
        busy_timeout: float = 5.0,
        read_only: bool = False,
    ) -> Self:
        """`read_only`: for commands that only read; the file must exist, may sit on a read-only
        disk, and every write through this store is refused (`ReadOnlyDatabase`)."""
        if memory:
            return cls(connect(None, busy_timeout), None, busy_timeout)
        db_path = Path(path) if path is not None else default_db_path()
        if read_only:
            return cls(connect_read_only(db_path, busy_timeout), db_path, busy_timeout)
        check_file(db_path, busy_timeout)
        return cls(connect(db_path, busy_timeout), db_path, busy_timeout)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with translated(self._where, self.busy_timeout):
            yield self._conn

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One transaction holding the write lock from its start; rolled back on any error."""
        with translated(self._where, self.busy_timeout):
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def _command(
        self, annotator: str, article_id: str, description: str, *, touch: bool = True
    ) -> Iterator[Recorder]:
        """One logged, undoable command in one transaction. `touch`: mark the set as edited
        now (commands that set the set's head themselves pass False)."""
        with (
            self._writing() as conn,
            self._in_command(conn, annotator, article_id, description, touch=touch) as recorder,
        ):
            yield recorder

    @contextmanager
    def _in_command(
        self,
        conn: sqlite3.Connection,
        annotator: str,
        article_id: str,
        description: str,
        *,
        touch: bool = True,
        images: bool = True,
    ) -> Iterator[Recorder]:
        """A command inside a transaction the caller already holds (so it can look first)."""
        recorder = open_command(conn, annotator, article_id, description, images=images)
        yield recorder
        if touch:
            set_heads.touch_set(recorder, article_id, annotator)

    @property
    def read_only(self) -> bool:
        """Opened by `Store.open(read_only=True)`: every write is refused."""
        with self._reading() as conn:
            return bool(conn.execute("PRAGMA query_only").fetchone()[0])

    def newest_command(self, annotator: str, article_id: str) -> int | None:
        """Id of the newest command logged for the annotator on the article (undo and redo
        steps included), None when there is none: tells a caller whether an edit logged one."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT max(id) FROM commands WHERE annotator = ? AND article_id = ?",
                (annotator, article_id),
            ).fetchone()
        return None if row[0] is None else int(row[0])

    def undo(self, annotator: str, article_id: str | None = None) -> str | None:
        """Undo the annotator's last command (on one article, if given). Returns what was undone."""
        with self._writing() as conn:
            return undo_last(conn, annotator, article_id)

    def redo(self, annotator: str, article_id: str | None = None) -> str | None:
        with self._writing() as conn:
            return redo_last(conn, annotator, article_id)

    def _check_span(
        self, text: str, label: str, start: int, end: int, expected: str | None
    ) -> None:
        checks.check_span(self.schema, text, label, start, end, expected)

    def _get_span(self, span_id: int) -> Span:
        return self._get_record(Span, "spans", span_id)

    def _get_record(self, cls: Callable[..., Any], table: str, row_id: int) -> Any:
        with self._reading() as conn:
            row = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
        if row is None:
            raise NotFound("no {kind} with id {row_id}", kind=table[:-1], row_id=row_id)
        return codec.record_from_row(cls, row)  # type: ignore[arg-type]


def _label_schema(text: str, where: str) -> LabelSchema:
    """The stored label schema; one that does not parse is damage, said in one line."""
    try:
        return parse_schema(text)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        raise CorruptDatabase(
            "{where} is damaged: its label schema setting cannot be read ({type_name}: {error})",
            where=where, type_name=type(error).__name__, error=error
        ) from None
