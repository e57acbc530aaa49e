"""The edits log: every command's row-level before/after images, and undo/redo over them.

A command is one user action (label a span, accept a suggestion, edit a title). Each row it
changes is written through `Recorder.put`, which stores the row as it was and as it became.
Undo writes the before-images back in reverse order; redo writes the after-images again. Because
the log is in the database, undo still works after the program restarted.
"""

from __future__ import annotations

import json
import operator
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from annotator.store.codec import tuple_getter

# Tables whose rows commands may change; each has an INTEGER `id` primary key.
UNDOABLE_TABLES = frozenset(
    {"spans", "officials", "events", "annotation_sets", "rejections", "record_decisions"}
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _row(conn: sqlite3.Connection, table: str, row_id: int) -> dict[str, Any] | None:
    found = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
    return dict(found) if found else None


def _write_row(
    conn: sqlite3.Connection, table: str, row_id: int | None, values: dict[str, Any] | None
) -> int:
    """Make the row `row_id` equal `values` (None deletes it); returns the row's id."""
    if table not in UNDOABLE_TABLES:
        raise ValueError(f"commands do not write table {table}")
    if values is None:
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))
        assert row_id is not None
        return row_id
    values = dict(values)
    if row_id is not None:
        values["id"] = row_id
    elif values.get("id") is None:
        values.pop("id", None)
    columns = ", ".join(f'"{c}"' for c in values)
    marks = ", ".join("?" for _ in values)
    cursor = conn.execute(
        f"INSERT OR REPLACE INTO {table} ({columns}) VALUES ({marks})", tuple(values.values())
    )
    return int(values.get("id") or cursor.lastrowid)


def _insert_rows(conn: sqlite3.Connection, table: str, rows: Sequence[dict[str, Any]]) -> list[int]:
    """New rows of one table (their `id` ignored) in one statement, with the ids SQLite would
    have given them one at a time (see _next_id); ValueError, before anything is written, for
    rows whose columns differ."""
    if table not in UNDOABLE_TABLES:
        raise ValueError(f"commands do not write table {table}")
    columns = [c for c in rows[0] if c != "id"]
    values = tuple_getter(operator.itemgetter, columns)  # a row's values in column order
    unlike = ValueError(f"the new rows of {table} do not have the same columns")
    if any(len(row) - ("id" in row) != len(columns) for row in rows):
        raise unlike
    first = _next_id(conn, table)
    try:  # as many columns as the first row's but another name: KeyError
        given = [(first + number, *values(row)) for number, row in enumerate(rows)]
    except KeyError:
        raise unlike from None
    names = ", ".join(f'"{c}"' for c in ("id", *columns))
    marks = ", ".join("?" for _ in range(len(columns) + 1))
    conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", given)
    return list(range(first, first + len(rows)))


def _next_id(conn: sqlite3.Connection, table: str) -> int:
    """The id SQLite gives the next row of `table`: for an AUTOINCREMENT table, above both the
    highest it ever gave (sqlite_sequence) and the highest present. The caller holds the write
    transaction, so no other writer takes it first."""
    given = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    highest = conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0]
    return max(given[0] if given else 0, highest or 0) + 1


class Recorder:
    """Applies and logs the row changes of one open command.

    `images=False` writes without before/after images: for the machine's suggestions, which are
    derived data (recomputed from the article and the fingerprinted suggestion inputs) and never
    undone; their images made a long page's database several times its text. The command row
    still says when they were replaced."""

    def __init__(self, conn: sqlite3.Connection, command_id: int, *, images: bool = True) -> None:
        self.conn = conn
        self.command_id = command_id
        self.images = images

    def put(self, table: str, row_id: int | None, values: dict[str, Any] | None) -> int:
        if not self.images:
            return _write_row(self.conn, table, row_id, values)
        before = _row(self.conn, table, row_id) if row_id is not None else None
        new_id = _write_row(self.conn, table, row_id, values)
        after = _row(self.conn, table, new_id) if values is not None else None
        if before != after:
            self.conn.execute(
                "INSERT INTO edits (command, tbl, row_id, before, after) VALUES (?, ?, ?, ?, ?)",
                (self.command_id, table, new_id, _dump(before), _dump(after)),
            )
        return new_id

    def put_new(self, table: str, rows: Sequence[dict[str, Any]]) -> list[int]:
        """`put` of new rows (their `id` ignored), in order; their ids. Without images, in one
        statement: one statement a row was most of the cost of storing the machine's
        suggestions, about sixty spans an article."""
        if self.images or not rows:
            return [self.put(table, None, row) for row in rows]
        return _insert_rows(self.conn, table, rows)


def _dump(row: dict[str, Any] | None) -> str | None:
    return None if row is None else json.dumps(row, ensure_ascii=False)


def open_command(
    conn: sqlite3.Connection,
    annotator: str,
    article_id: str | None,
    description: str,
    *,
    images: bool = True,
) -> Recorder:
    """Start a command; a new command makes earlier undone ones on the article unredoable."""
    conn.execute(
        "UPDATE commands SET undone = 2 WHERE annotator = ? AND article_id IS ? AND undone = 1",
        (annotator, article_id),
    )
    cursor = conn.execute(
        "INSERT INTO commands (ts, annotator, article_id, kind, description) "
        "VALUES (?, ?, ?, 'do', ?)",
        (now(), annotator, article_id, description),
    )
    return Recorder(conn, int(cursor.lastrowid), images=images)


def _replay(conn: sqlite3.Connection, command_id: int, *, backwards: bool) -> None:
    order = "DESC" if backwards else "ASC"
    rows = conn.execute(
        f"SELECT tbl, row_id, before, after FROM edits WHERE command = ? ORDER BY id {order}",
        (command_id,),
    ).fetchall()
    for row in rows:
        image = row["before"] if backwards else row["after"]
        values = None if image is None else json.loads(image)
        if row["tbl"] == "annotation_sets":
            values = _keep_seconds(conn, row["row_id"], values)
        _write_row(conn, row["tbl"], row["row_id"], values)


def _keep_seconds(
    conn: sqlite3.Connection, row_id: int, values: dict[str, Any] | None
) -> dict[str, Any] | None:
    """Active seconds are counted outside commands (`add_time`): undoing a status change must not
    wind the clock back to what the image recorded, and undoing the command that created the set
    leaves an empty `todo` set holding the seconds, as `add_time` alone would have."""
    current = _row(conn, "annotation_sets", row_id)
    if current is None:
        return values
    if values is None:
        return None if not current["seconds"] else {**current, "status": "todo"}
    return {**values, "seconds": current["seconds"]}


def _log(conn: sqlite3.Connection, annotator: str, article_id: str | None, kind: str, target: int):
    cursor = conn.execute(
        "INSERT INTO commands (ts, annotator, article_id, kind, description, target) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (now(), annotator, article_id, kind, f"{kind} of command {target}", target),
    )
    return int(cursor.lastrowid)


def _scope(annotator: str, article_id: str | None) -> tuple[str, tuple[Any, ...]]:
    if article_id is None:
        return "annotator = ?", (annotator,)
    return "annotator = ? AND article_id = ?", (annotator, article_id)


def undo_last(conn: sqlite3.Connection, annotator: str, article_id: str | None) -> str | None:
    """Revert the annotator's newest command in force; returns its description, or None."""
    return _step(conn, annotator, article_id, undo=True)


def redo_last(conn: sqlite3.Connection, annotator: str, article_id: str | None) -> str | None:
    """Re-apply the command undone most recently, if nothing newer superseded it."""
    return _step(conn, annotator, article_id, undo=False)


def _step(
    conn: sqlite3.Connection, annotator: str, article_id: str | None, *, undo: bool
) -> str | None:
    where, params = _scope(annotator, article_id)
    # undo: the newest command in force; redo: the command undone last (and still redoable)
    state, order = ("0", "id") if undo else ("1", "undone_by")
    found = conn.execute(
        f"SELECT id, article_id, description FROM commands WHERE {where} AND kind = 'do' "
        f"AND undone = {state} ORDER BY {order} DESC LIMIT 1",
        params,
    ).fetchone()
    if found is None:
        return None
    _replay(conn, found["id"], backwards=undo)
    log_id = _log(conn, annotator, found["article_id"], "undo" if undo else "redo", found["id"])
    conn.execute(
        "UPDATE commands SET undone = ?, undone_by = ? WHERE id = ?",
        (1, log_id, found["id"]) if undo else (0, None, found["id"]),
    )
    return str(found["description"])
