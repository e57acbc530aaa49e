"""Span-level matching between two annotators, per label: the sets' spans handed to
`annotator.scoring`, which defines exact and overlap matching for `agree` and `evaluate` alike."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.model import Span
from annotator.scoring import LabelledIntervals, MatchCounts, group_by_label, span_matches


def intervals_by_label(spans: Iterable[Span]) -> LabelledIntervals:
    return group_by_label((span.label, span.start, span.end) for span in spans)


def exact_matches(a: Iterable[Span], b: Iterable[Span]) -> dict[str, MatchCounts]:
    """Per label: spans of A and B with identical offsets."""
    return span_matches(intervals_by_label(a), intervals_by_label(b))[0]


def overlap_matches(a: Iterable[Span], b: Iterable[Span]) -> dict[str, MatchCounts]:
    """Per label: the most one-to-one pairs of A and B spans that share a character."""
    return span_matches(intervals_by_label(a), intervals_by_label(b))[1]
