"""Comments and "unsure" flags: on an annotator's whole article (the set's head row) and on one
span. Each change is a row change of the open command (`Recorder`), so it is logged, undone and
redone like a label.

Neither changes the set's status: a note on a finished article leaves it finished, and a note on
an article not started yet does not start it.
"""

from __future__ import annotations

from typing import Any

from annotator.store.edits import Recorder, now
from annotator.store.set_heads import head_row, new_head


def _changes(note: Any, unsure: Any) -> dict[str, Any]:
    """The columns to write: `...` (Ellipsis) leaves a column as it is."""
    changes: dict[str, Any] = {}
    if note is not ...:
        changes["note"] = note
    if unsure is not ...:
        changes["unsure"] = int(bool(unsure))
    return changes


def put_set_flags(
    rec: Recorder, article_id: str, annotator: str, *, note: Any = ..., unsure: Any = ...
) -> bool:
    """Set the note and/or flag of the annotator's set (made, `todo`, when there is none);
    returns whether anything changed."""
    row = head_row(rec.conn, article_id, annotator)
    values = row or new_head(article_id, annotator)
    changes = _changes(note, unsure)
    if row is not None and all(values.get(k) == v for k, v in changes.items()):
        return False
    values.update(changes, updated_at=now())
    rec.put("annotation_sets", values.get("id"), values)
    return True


def put_span_flags(rec: Recorder, span_id: int, *, note: Any = ..., unsure: Any = ...) -> bool:
    """Set the note and/or flag of one span; returns whether anything changed."""
    row = rec.conn.execute("SELECT * FROM spans WHERE id = ?", (span_id,)).fetchone()
    values = dict(row)
    changes = _changes(note, unsure)
    if all(values.get(k) == v for k, v in changes.items()):
        return False
    values.update(changes)
    rec.put("spans", span_id, values)
    return True


FLAGS = ("unsure", "note")  # what the article list filters by


def flagged_clause(flag: str) -> str:
    """SQL selecting the ids of articles whose set of one annotator, or one of its spans, is
    flagged unsure (`flag` "unsure") or carries a note ("note"). Two `?`: the annotator twice."""
    if flag not in FLAGS:
        raise ValueError(f"unknown flag {flag!r}; expected one of {', '.join(FLAGS)}")
    test = "unsure = 1" if flag == "unsure" else "note IS NOT NULL"
    return (
        f"SELECT article_id FROM annotation_sets WHERE annotator = ? AND {test} "
        f"UNION SELECT article_id FROM spans WHERE annotator = ? AND {test}"
    )
