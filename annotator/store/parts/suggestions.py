"""Suggestions and rejections: accepting the machine's spans into a person's set, proposing more,
and the stretches a person refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from annotator.model import (
    AUTO,
    Span,
)
from annotator.store import (
    links,
)
from annotator.store.edits import Recorder
from annotator.store.errors import StoreError
from annotator.store.parts.base import StoreBase


class SuggestionsPart(StoreBase):
    def accept_suggestion(self, span_id: int, annotator: str) -> Span:
        """Copy an `auto` span into the annotator's set (with its official's titles, and the event
        it is evidence of). Accepting twice is a no-op."""
        return self.accept_suggestions([span_id], annotator)[0]

    def accept_suggestions(self, span_ids: Sequence[int], annotator: str) -> list[Span]:
        """Accept several suggestions of one article as one command (one undo step)."""
        suggestions = [self._get_span(i) for i in span_ids]
        if not suggestions:
            return []
        article_id = suggestions[0].article_id
        if any(s.annotator != AUTO or s.article_id != article_id for s in suggestions):
            raise StoreError("only suggestions (spans of `auto`) of one article can be accepted")
        auto = self.get_annotation_set(article_id, AUTO)
        text = self.article_text(article_id)
        accepted: list[Span] = []
        what = f"accept {len(suggestions)} suggestion(s)"
        with self._command(annotator, article_id, what) as rec:
            for suggestion in suggestions:
                accepted.append(links.accept_one(rec, auto, suggestion, annotator, text))
        return accepted

    def add_suggestions(
        self, article_id: str, rule: str, spans: Iterable[tuple[str, int, int]]
    ) -> list[Span]:
        """Propose (label, start, end) stretches as `auto` spans of `rule` (the window's
        "same-string"), one logged command; a stretch `auto` already has is left as it is.
        Everything is checked first. Returns the spans added."""
        text = self.article_text(article_id)
        spans = list(spans)
        for label, start, end in spans:
            self._check_span(text, label, start, end, None)
        added: list[Span] = []
        with self._writing() as conn:
            what = f"suggest {len(spans)} span(s) by {rule}"
            with self._in_command(conn, AUTO, article_id, what) as rec:
                for label, start, end in spans:
                    if links.existing_span(conn, article_id, AUTO, label, start, end) is None:
                        added.append(
                            links.insert_span(
                                rec, article_id, AUTO, label, start, end, text, None, rule
                            )
                        )
        return added

    def reject_suggestion(self, span_id: int, annotator: str) -> None:
        span = self._get_span(span_id)
        with self._command(annotator, span.article_id, f"reject {span.label} {span.text!r}") as rec:
            exists = rec.conn.execute(
                "SELECT 1 FROM rejections WHERE article_id = ? AND annotator = ? AND label = ? "
                'AND start = ? AND "end" = ?',
                (span.article_id, annotator, span.label, span.start, span.end),
            ).fetchone()
            if not exists:
                put_rejection(
                    rec, span.article_id, annotator, (span.label, span.start, span.end, span.text)
                )

    def rejected(
        self, article_id: str, annotator: str | None = None
    ) -> set[tuple[str, int, int, str]]:
        """(label, start, end, text) of the suggestions rejected on the article (by anyone when
        `annotator` is None)."""
        with self._reading() as conn:
            return self._rejected_in(conn, article_id, annotator)

    @staticmethod
    def _rejected_in(
        conn: sqlite3.Connection, article_id: str, annotator: str | None
    ) -> set[tuple[str, int, int, str]]:
        sql = 'SELECT label, start, "end", text FROM rejections WHERE article_id = ?'
        params: list[Any] = [article_id]
        if annotator is not None:
            sql += " AND annotator = ?"
            params.append(annotator)
        return {(r[0], r[1], r[2], r[3]) for r in conn.execute(sql, params)}

    @staticmethod
    def _rejection_id(
        conn: sqlite3.Connection, article_id: str, annotator: str, key: tuple[str, int, int]
    ) -> int:
        return conn.execute(
            "SELECT id FROM rejections WHERE article_id = ? AND annotator = ? AND label = ? "
            'AND start = ? AND "end" = ?',
            (article_id, annotator, *key),
        ).fetchone()[0]

    def all_rejections(self) -> dict[tuple[str, str], set[tuple[str, int, int, str]]]:
        """Every rejection, by (article id, annotator): what `rejected` gives per article."""
        found: dict[tuple[str, str], set[tuple[str, int, int, str]]] = {}
        with self._reading() as conn:
            for row in conn.execute(
                'SELECT article_id, annotator, label, start, "end", text FROM rejections'
            ):
                found.setdefault((row[0], row[1]), set()).add((row[2], row[3], row[4], row[5]))
        return found

    def add_rejections(
        self, article_id: str, annotator: str, rejections: Iterable[tuple[str, int, int, str]]
    ) -> int:
        """Record rejections (label, start, end, text) made elsewhere, in one command; returns how
        many were new. Each must fit this article's text; one that does not refuses them all."""
        text = self.article_text(article_id)
        wanted = set(rejections) - self.rejected(article_id, annotator)
        for label, start, end, span_text in wanted:
            self._check_span(text, label, start, end, span_text)
        if not wanted:
            return 0
        with self._command(
            annotator, article_id, f"add {len(wanted)} rejection(s)", touch=False
        ) as rec:
            for rejection in sorted(wanted):
                put_rejection(rec, article_id, annotator, rejection)
        return len(wanted)


def put_rejection(
    rec: Recorder, article_id: str, annotator: str, rejection: tuple[str, int, int, str]
) -> None:
    label, start, end, text = rejection
    rec.put(
        "rejections",
        None,
        {
            "article_id": article_id,
            "annotator": annotator,
            "label": label,
            "start": start,
            "end": end,
            "text": text,
        },
    )
