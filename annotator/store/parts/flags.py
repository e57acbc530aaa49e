"""Notes and the unsure flag, on an article's set or on one span, each change one undoable command."""

from __future__ import annotations

from typing import Any

from annotator.model import (
    AUTO,
    Span,
)
from annotator.store import (
    checks,
    notes,
)
from annotator.store.errors import StoreError
from annotator.store.parts.base import StoreBase


class FlagsPart(StoreBase):
    def set_article_flags(
        self, article_id: str, annotator: str, *, note: Any = ..., unsure: Any = ...
    ) -> bool:
        """The annotator's note on the article (None or blank removes it) and/or its "unsure"
        flag, as one undoable command; the set's status stays. Returns whether anything changed
        (an unchanged value logs no command)."""
        note, unsure = checks.checked_flags(note, unsure)
        self.article_text(article_id)  # NotFound for an unknown article
        what = _flags_description("article", note, unsure)
        with self._writing() as conn:
            head = conn.execute(
                "SELECT note, unsure FROM annotation_sets WHERE article_id = ? AND annotator = ?",
                (article_id, annotator),
            ).fetchone()
            current = (head["note"], bool(head["unsure"])) if head else (None, False)
            if _same_flags(current, note, unsure):
                return False
            with self._in_command(conn, annotator, article_id, what, touch=False) as rec:
                return notes.put_set_flags(rec, article_id, annotator, note=note, unsure=unsure)

    def set_span_flags(self, span_id: int, *, note: Any = ..., unsure: Any = ...) -> Span:
        """A span's note (None or blank removes it) and/or its "unsure" flag, as one undoable
        command; the span as it is now. A suggestion's (`auto`) cannot be set: accept it first."""
        note, unsure = checks.checked_flags(note, unsure)
        span = self._get_span(span_id)
        if span.annotator == AUTO:
            raise StoreError(
                "span {span_id} ({label} {text!r}) is a suggestion; accept it before adding "
                "a note or flag", span_id=span_id, label=span.label, text=span.text
            )
        if _same_flags((span.note, span.unsure), note, unsure):
            return span
        what = _flags_description(f"{span.label} {span.text!r}", note, unsure)
        with self._command(span.annotator, span.article_id, what) as rec:
            notes.put_span_flags(rec, span_id, note=note, unsure=unsure)
        return self._get_span(span_id)


def _same_flags(current: tuple[str | None, bool], note: Any, unsure: Any) -> bool:
    """Whether setting `note`/`unsure` (`...`: unchanged) leaves `current` as it is."""
    return (note is ... or note == current[0]) and (unsure is ... or bool(unsure) == current[1])

def _flags_description(what: str, note: Any, unsure: Any) -> str:
    """The command's description in the edits log (and the window's undo message)."""
    parts = []
    if note is not ...:
        parts.append("remove the note" if note is None else "note")
    if unsure is not ...:
        parts.append("flag unsure" if unsure else "clear unsure")
    return f"{' and '.join(parts) or 'flags'} on {what}"
