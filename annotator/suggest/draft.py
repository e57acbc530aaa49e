"""Collect suggested spans into a draft AnnotationSet with local ids, leaving out what the
annotator rejected before."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from annotator.model import AUTO, Article, Span


@dataclass(slots=True)
class DraftSpans:
    article: Article
    rejected: Collection[tuple[str, int, int, str]] = ()
    spans: list[Span] = field(default_factory=list)
    _ids: dict[tuple[str, int, int], int] = field(default_factory=dict)

    def add(self, label: str, start: int, end: int, rule: str) -> int | None:
        """The local id of the span (an existing one when already added), None when rejected."""
        key = (label, start, end)
        if key in self._ids:
            return self._ids[key]
        text = self.article.text[start:end]
        if start >= end or (label, start, end, text) in self.rejected:
            return None
        span_id = len(self.spans) + 1
        self.spans.append(
            Span(self.article.id, AUTO, label, start, end, text, id=span_id, rule=rule)
        )
        self._ids[key] = span_id
        return span_id
