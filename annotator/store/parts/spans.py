"""Span edits, one undoable command each: label, relabel, delete, and several at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from annotator.model import (
    Span,
)
from annotator.store import (
    codec,
    links,
)
from annotator.store.edits import Recorder
from annotator.store.errors import StoreError
from annotator.store.parts.base import StoreBase
from annotator.store.parts.suggestions import put_rejection


class SpansPart(StoreBase):
    def add_span(
        self,
        article_id: str,
        annotator: str,
        label: str,
        start: int,
        end: int,
        *,
        origin: int | None = None,
    ) -> Span:
        """Label text[start:end]. An OFFICIAL span joins the official of the same name, or
        creates one. Labelling the same stretch with the same label twice is a no-op."""
        text = self.article_text(article_id)
        self._check_span(text, label, start, end, None)
        with self._writing() as conn:
            # looked up inside the write lock: a second program cannot add the same span between
            existing = links.existing_span(conn, article_id, annotator, label, start, end)
            if existing is not None:
                return existing
            what = f"label {label} {text[start:end]!r}"
            with self._in_command(conn, annotator, article_id, what) as rec:
                return links.insert_span(
                    rec, article_id, annotator, label, start, end, text, origin
                )

    def delete_span(self, span_id: int) -> None:
        span = self._get_span(span_id)
        with self._command(
            span.annotator, span.article_id, f"delete {span.label} {span.text!r}"
        ) as rec:
            links.detach_span(rec, span)
            rec.put("spans", span.id, None)

    def edit_spans(
        self,
        article_id: str,
        annotator: str,
        description: str,
        *,
        add: Iterable[tuple[str, int, int]] = (),
        delete: Iterable[int] = (),
        reject: Iterable[tuple[str, int, int]] = (),
    ) -> None:
        """Several span edits as one command (one undo step): delete spans by id, add (label,
        start, end), and record `reject`ed stretches as rejected by `annotator`. Adding a stretch
        withdraws the annotator's rejection of it. Everything is checked first; one bad span
        refuses the whole edit and nothing is written."""
        text = self.article_text(article_id)
        add, reject = list(add), list(reject)
        for label, start, end in [*add, *reject]:
            self._check_span(text, label, start, end, None)
        doomed = [self._get_span(span_id) for span_id in delete]
        if any((s.article_id, s.annotator) != (article_id, annotator) for s in doomed):
            raise StoreError("edit_spans deletes a span outside {annotator}'s set of "
                             "{article_id}", annotator=annotator, article_id=article_id)
        with self._writing() as conn:
            rejected = {key[:3] for key in self._rejected_in(conn, article_id, annotator)}
            with self._in_command(conn, annotator, article_id, description) as rec:
                for span in doomed:
                    links.detach_span(rec, span)
                    rec.put("spans", span.id, None)
                self._add_in_command(rec, article_id, annotator, text, add, rejected)
                for label, start, end in reject:
                    if (label, start, end) not in rejected:
                        put_rejection(
                            rec, article_id, annotator, (label, start, end, text[start:end])
                        )

    def _add_in_command(
        self,
        rec: Recorder,
        article_id: str,
        annotator: str,
        text: str,
        add: Iterable[tuple[str, int, int]],
        rejected: set[tuple[str, int, int]],
    ) -> None:
        """Add checked spans not yet in the set; adding one withdraws its rejection."""
        for label, start, end in add:
            if links.existing_span(rec.conn, article_id, annotator, label, start, end) is None:
                links.insert_span(rec, article_id, annotator, label, start, end, text, None)
            if (label, start, end) in rejected:
                rec.put(
                    "rejections",
                    self._rejection_id(rec.conn, article_id, annotator, (label, start, end)),
                    None,
                )

    def relabel_span(self, span_id: int, label: str) -> Span:
        span = self._get_span(span_id)
        self._check_span(self.article_text(span.article_id), label, span.start, span.end, span.text)
        if span.label == label:
            return span
        with self._command(
            span.annotator, span.article_id, f"relabel {span.text!r} as {label}"
        ) as rec:
            links.detach_span(rec, span)
            relabelled = replace(span, label=label)
            rec.put("spans", span.id, codec.record_row(relabelled))
            if label == links.OFFICIAL:
                links.attach_official(rec, relabelled)
        return self._get_span(span_id)
