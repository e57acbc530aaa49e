"""The database's own annotation guidelines: one text per label, edited in the window, kept in
`settings` beside the label schema so every annotator of the database (and every handed-out
copy) reads the same rules. A label without an edited text shows the schema's `guide` and
`examples`.

Two safeguards, because guidelines are shared and typed at length:
- a save names the text it replaces (`expected`); when someone else saved in between, the save
  is refused (GuidelinesConflict, carrying their text) instead of overwriting it unseen;
- every replaced version is appended to `guidelines-history`, so no edit is ever lost (the
  drafts one person saves while typing, minutes apart, keep one entry: the version before).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from typing import Any

from annotator.store.edits import now
from annotator.store.errors import StoreError

KEY = "guidelines"  # settings key: {label: text}
HISTORY_KEY = "guidelines-history"  # settings key: [{label, text, by, at}], oldest first
MAX_CHARS = 20_000  # per label: a page of rules, not a manual
SESSION = timedelta(minutes=10)  # drafts saved within it by one person keep one history entry


class GuidelinesConflict(StoreError):
    """Someone saved this label's guidelines since the text being edited was read."""

    def __init__(self, label: str, current: str | None) -> None:
        super().__init__(
            f"the guidelines of {label} were changed by someone else meanwhile; their text is "
            "shown now, with yours after it"
        )
        self.label = label
        self.current = current


def _json(conn: sqlite3.Connection, key: str, empty: Any) -> Any:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    if row is None:
        return empty
    try:
        value = json.loads(row[0])
    except (TypeError, ValueError):
        value = None
    if not isinstance(value, type(empty)):
        raise StoreError(
            "the database's {key} setting is damaged (not what annotator writes)", key=key
        )
    return value


def read(conn: sqlite3.Connection) -> dict[str, str]:
    """Label -> the database's own guidelines text (labels never edited are absent)."""
    found = _json(conn, KEY, {})
    return {str(k): v for k, v in found.items() if isinstance(v, str)}


def history(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return list(_json(conn, HISTORY_KEY, []))


def save(
    conn: sqlite3.Connection, label: str, text: str, *, expected: str | None, by: str
) -> bool:
    """Make `text` the label's guidelines ("" or blank: back to the schema's), in the caller's
    write transaction; refuses (GuidelinesConflict) when the stored text is no longer
    `expected`. Returns whether anything changed."""
    if not isinstance(text, str):
        raise StoreError("guidelines are text, not {type_name}", type_name=type(text).__name__)
    if len(text) > MAX_CHARS:
        raise StoreError(
            "the guidelines of a label hold at most {MAX_CHARS} characters", MAX_CHARS=MAX_CHARS
        )
    if "\x00" in text:
        raise StoreError("guidelines cannot hold a NUL character")
    texts = read(conn)
    current = texts.get(label)
    new = text if text.strip() else None
    if current == new:
        return False
    if current != expected:
        raise GuidelinesConflict(label, current)
    if current is not None:
        log = history(conn)
        if not _same_session(log, label, by):
            log.append({"label": label, "text": current, "by": by, "at": now()})
            _write(conn, HISTORY_KEY, log)
    if new is None:
        texts.pop(label, None)
    else:
        texts[label] = new
    _write(conn, KEY, texts)
    return True


def _same_session(log: list[dict[str, Any]], label: str, by: str) -> bool:
    """Whether the label's newest history entry is `by`'s own, from less than SESSION ago: the
    text it would add is a draft of the same sitting (saved as typing paused), and the version
    from before the sitting is already kept."""
    last = next((h for h in reversed(log) if h.get("label") == label), None)
    if last is None or last.get("by") != by:
        return False
    try:
        age = datetime.fromisoformat(now()) - datetime.fromisoformat(str(last.get("at")))
    except ValueError:
        return False
    return timedelta(0) <= age < SESSION


def _write(conn: sqlite3.Connection, key: str, value: Any) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
        (key, json.dumps(value, ensure_ascii=False)),
    )


def adopt(conn: sqlite3.Connection, texts: dict[str, str], *, by: str) -> int:
    """Make another database's guidelines this one's (a handed-out copy takes the lead's), in
    the caller's transaction; a local text they replace goes to the history. Returns how many
    labels changed."""
    changed = 0
    for label, text in sorted(texts.items()):
        changed += save(conn, label, text, expected=read(conn).get(label), by=by)
    return changed
