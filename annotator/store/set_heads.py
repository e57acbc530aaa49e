"""The head row of an annotation set: status, active seconds, when it was last edited."""

from __future__ import annotations

import sqlite3
from typing import Any

from annotator.model import AUTO
from annotator.store.edits import Recorder, now


def ensure_set_row(conn: sqlite3.Connection, article_id: str, annotator: str) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO annotation_sets (article_id, annotator, status, seconds, updated_at) "
        "VALUES (?, ?, 'todo', 0, ?)",
        (article_id, annotator, now()),
    )


def head_row(conn: sqlite3.Connection, article_id: str, annotator: str) -> dict[str, Any] | None:
    """The set's head row as stored, None when the annotator has no set on the article."""
    row = conn.execute(
        "SELECT * FROM annotation_sets WHERE article_id = ? AND annotator = ?",
        (article_id, annotator),
    ).fetchone()
    return dict(row) if row else None


def new_head(article_id: str, annotator: str) -> dict[str, Any]:
    """The head a set starts with: todo, no time counted."""
    return {"article_id": article_id, "annotator": annotator, "status": "todo", "seconds": 0.0}


def put_set_head(rec: Recorder, article_id: str, annotator: str, **changes: Any) -> None:
    values = head_row(rec.conn, article_id, annotator) or new_head(article_id, annotator)
    # None leaves a column as it was, but for `note`: a caller naming it means that note
    values.update({k: v for k, v in changes.items() if v is not None or k == "note"})
    if changes.get("updated_at") is None:
        values["updated_at"] = now()
    rec.put("annotation_sets", values.get("id"), values)


def touch_set(rec: Recorder, article_id: str, annotator: str) -> None:
    """After a human edit: the set exists, leaves `todo`, and carries the edit's time."""
    row = rec.conn.execute(
        "SELECT status, updated_at FROM annotation_sets WHERE article_id = ? AND annotator = ?",
        (article_id, annotator),
    ).fetchone()
    changes_status = row is None or (row["status"] == "todo" and annotator != AUTO)
    if changes_status:
        status = "in_progress" if annotator != AUTO else "todo"
        put_set_head(rec, article_id, annotator, status=status)
    elif row is not None:
        rec.conn.execute(
            "UPDATE annotation_sets SET updated_at = ? WHERE article_id = ? AND annotator = ?",
            (now(), article_id, annotator),
        )
