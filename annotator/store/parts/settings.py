"""Settings: key/value rows beside the data. The label schema, the guidelines, what each `auto` set
was computed from, and computations' caches.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from annotator.model import (
    AUTO,
)
from annotator.resources import default_schema_text
from annotator.store import (
    guidelines,
)
from annotator.store.errors import StoreError
from annotator.store.parts.base import StoreBase


class SettingsPart(StoreBase):
    def get_setting(self, key: str) -> str | None:
        with self._reading() as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row["value"])

    def set_setting(self, key: str, value: str) -> None:
        with self._writing() as conn:
            conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value))

    def guidelines(self) -> dict[str, str]:
        """Label -> this database's own guidelines text (store.guidelines); labels never
        edited are absent and show the schema's."""
        with self._reading() as conn:
            return guidelines.read(conn)

    def save_guidelines(self, label: str, text: str, *, expected: str | None, by: str) -> bool:
        """Save a label's guidelines at once; `expected` is the text the editor started from
        (GuidelinesConflict when someone saved since). Blank text goes back to the schema's."""
        if label not in self.schema.names():
            raise StoreError(
                "unknown label {label!r}; the schema has {labels}",
                label=label, labels=', '.join(self.schema.names())
            )
        with self._writing() as conn:
            return guidelines.save(conn, label, text, expected=expected, by=by)

    def adopt_guidelines(self, texts: dict[str, str], *, by: str) -> int:
        """Take another database's guidelines (`guidelines()` there) as this one's, in one
        transaction; what they replace stays in the history. Returns the labels changed."""
        with self._writing() as conn:
            return guidelines.adopt(conn, texts, by=by)

    def guidelines_history(self) -> list[dict[str, Any]]:
        """Every guidelines text replaced so far, oldest first: {label, text, by, at}."""
        with self._reading() as conn:
            return guidelines.history(conn)

    # What each `auto` set was computed from (annotator.suggest.inputs): a settings row per
    # article, `<fingerprint> <the set's updated_at>`. A set changed since (replaced by another
    # program, undone, imported) has a newer updated_at, so its fingerprint no longer counts.
    _INPUTS = "suggestion-inputs:"

    def suggestion_inputs(self) -> dict[str, str]:
        """Article id -> the input fingerprint of its `auto` set, for sets unchanged since."""
        start, stop = self._INPUTS, self._INPUTS[:-1] + chr(ord(self._INPUTS[-1]) + 1)
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT s.key, s.value, a.updated_at FROM settings s JOIN annotation_sets a "
                "ON a.article_id = substr(s.key, ?) AND a.annotator = ? "
                "WHERE s.key >= ? AND s.key < ?",
                (len(start) + 1, AUTO, start, stop),
            )
            found = {}
            for key, value, updated_at in rows:
                fingerprint, _, saved_at = str(value).partition(" ")
                if saved_at == updated_at:
                    found[str(key)[len(start) :]] = fingerprint
        return found

    def save_suggestion_inputs(self, fingerprints: dict[str, str]) -> None:
        """Record, in one transaction, that each article's `auto` set as it is now was computed
        from `fingerprints[article id]` (articles without an `auto` set are skipped)."""
        with self._writing() as conn:
            self._save_inputs_in(conn, fingerprints)

    def _save_inputs_in(self, conn: sqlite3.Connection, fingerprints: dict[str, str]) -> None:
        conn.executemany(
            "INSERT OR REPLACE INTO settings (key, value) SELECT ? || article_id, "
            "? || ' ' || updated_at FROM annotation_sets WHERE article_id = ? AND annotator = ?",
            [(self._INPUTS, fp, article_id, AUTO) for article_id, fp in fingerprints.items()],
        )

    def cached_values(self, prefix: str) -> dict[str, str]:
        """What a computation kept under `prefix` (e.g. the tagger's finds per article text,
        see suggest/tagged_officials.py): key without the prefix -> value."""
        stop = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT key, value FROM settings WHERE key >= ? AND key < ?", (prefix, stop)
            )
            return {str(key)[len(prefix) :]: str(value) for key, value in rows}

    def save_cached_values(self, prefix: str, values: dict[str, str], *, family: str) -> None:
        """Keep `values` under `prefix`, and drop what other prefixes of `family` kept (a cache
        of an older model or rule version that nothing reads any more), in one transaction."""
        if not prefix.startswith(family):
            raise ValueError(f"{prefix!r} is not of the family {family!r}")
        stop = family[:-1] + chr(ord(family[-1]) + 1)
        prefix_stop = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        with self._writing() as conn:
            conn.execute(
                "DELETE FROM settings WHERE key >= ? AND key < ? AND NOT (key >= ? AND key < ?)",
                (family, stop, prefix, prefix_stop),
            )
            conn.executemany(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                [(prefix + key, value) for key, value in values.items()],
            )

    def _ensure_schema_setting(self) -> None:
        if self.get_setting("schema") is None and not self.read_only:
            self.set_setting("schema", default_schema_text())
