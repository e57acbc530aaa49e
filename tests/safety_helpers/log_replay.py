"""Rebuild the undoable tables from the edits log alone, to compare with the tables themselves.

Commands are replayed in log order: a `do` applies its after-images, an `undo` the before-images of
its target (newest first), a `redo` the target's after-images again. Columns that change outside
commands on purpose (`annotation_sets.updated_at` and `.seconds`) are left out of the comparison,
and so are the rows of the machine's set (`auto`), which are replaced without images (derived
data: see `Recorder`).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from annotator.model import AUTO
from annotator.store.edits import UNDOABLE_TABLES

UNLOGGED_COLUMNS = {"annotation_sets": ("updated_at", "seconds")}

Tables = dict[str, dict[int, dict[str, Any]]]


def _comparable(table: str, row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in UNLOGGED_COLUMNS.get(table, ())}


def _machines(image: str | None) -> bool:
    return image is not None and json.loads(image).get("annotator") == AUTO


def replayed_tables(conn: sqlite3.Connection) -> Tables:
    tables: Tables = {t: {} for t in UNDOABLE_TABLES}
    commands = conn.execute("SELECT id, kind, target FROM commands ORDER BY id").fetchall()
    for command_id, kind, target in commands:
        source, backwards = (command_id, False) if kind == "do" else (target, kind == "undo")
        order = "DESC" if backwards else "ASC"
        edits = conn.execute(
            f"SELECT tbl, row_id, before, after FROM edits WHERE command = ? ORDER BY id {order}",
            (source,),
        ).fetchall()
        for table, row_id, before, after in edits:
            image = before if backwards else after
            if _machines(before) or _machines(after):
                continue
            if image is None:
                tables[table].pop(row_id, None)
            else:
                tables[table][row_id] = _comparable(table, json.loads(image))
    return tables


def stored_tables(conn: sqlite3.Connection) -> Tables:
    conn.row_factory = sqlite3.Row
    try:
        return {
            t: {
                r["id"]: _comparable(t, dict(r))
                for r in conn.execute(f"SELECT * FROM {t}")
                if r["annotator"] != AUTO
            }
            for t in UNDOABLE_TABLES
        }
    finally:
        conn.row_factory = None


def log_disagreements(path: str) -> list[str]:
    """Rows where the tables and the replayed log differ (empty when they agree)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        replayed, stored = replayed_tables(conn), stored_tables(conn)
    finally:
        conn.close()
    problems = []
    for table in sorted(UNDOABLE_TABLES):
        for row_id in sorted(set(replayed[table]) | set(stored[table])):
            log_row, table_row = replayed[table].get(row_id), stored[table].get(row_id)
            if log_row != table_row:
                problems.append(f"{table} {row_id}: log says {log_row}, table has {table_row}")
    return problems
