"""Where annotators disagree on one article, and what `gold` holds there. No Qt, no store.

Spans are compared by exact match of (label, start, end). A span that is not in every
annotator's set is a disagreement; disagreeing spans that overlap (within one group: entities,
or boilerplate regions, which may overlap entities freely) form one `Disagreement`, so "alice
says DATE 9月2日, bob says DATE 9月2日上午" is one decision with one version per annotator.
The disagreements depend on the annotators' sets only, so adjudicating into `gold` never moves
them; what gold holds inside one is its `Verdict`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from annotator.model import AnnotationSet, Span, SpanKey, is_region_label

ENTITIES, REGIONS = "entities", "regions"


def span_key(span: Span) -> SpanKey:
    return (span.label, span.start, span.end)


def group_of(label: str) -> str:
    return REGIONS if is_region_label(label) else ENTITIES


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Overlapping spans of one group that not every annotator has; `start`..`end` covers them."""

    group: str
    start: int
    end: int
    versions: tuple[frozenset[SpanKey], ...]  # per annotator, in lane order; may be empty

    def overlaps(self, start: int, end: int) -> bool:
        return start < self.end and self.start < end

    def contains(self, pos: int) -> bool:
        return self.start <= pos < self.end

    def keys(self) -> frozenset[SpanKey]:
        return frozenset().union(*self.versions)


@dataclass(frozen=True, slots=True)
class ArticleReview:
    """The spans every annotator agrees on, and the disagreements in text order."""

    agreed: frozenset[SpanKey]
    disagreements: tuple[Disagreement, ...]

    def at(self, pos: int) -> int | None:
        """Index of the (first) disagreement covering code point `pos`."""
        return next((i for i, d in enumerate(self.disagreements) if d.contains(pos)), None)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What gold holds in one disagreement: the annotators (lane indices) whose version it is,
    or an edited version of its own, or nothing decided yet."""

    annotators: tuple[int, ...] = ()
    edited: bool = False

    @property
    def open(self) -> bool:
        return not self.annotators and not self.edited


def review_article(sets: Sequence[AnnotationSet | None]) -> ArticleReview:
    """Compare the sets of the annotators in lane order (None: that annotator has no set)."""
    keys = [frozenset(span_key(s) for s in aset.spans) if aset else frozenset() for aset in sets]
    agreed = frozenset.intersection(*keys) if keys else frozenset()
    disputed = sorted(set().union(*keys) - agreed, key=lambda k: (group_of(k[0]), k[1], k[2], k[0]))
    clusters: list[list[SpanKey]] = []
    for key in disputed:
        last = clusters[-1] if clusters else None
        if (
            last is not None
            and group_of(last[0][0]) == group_of(key[0])
            and key[1] < max(k[2] for k in last)
        ):
            last.append(key)
        else:
            clusters.append([key])
    disagreements = [
        Disagreement(
            group=group_of(cluster[0][0]),
            start=min(k[1] for k in cluster),
            end=max(k[2] for k in cluster),
            versions=tuple(frozenset(cluster) & mine for mine in keys),
        )
        for cluster in clusters
    ]
    disagreements.sort(key=lambda d: (d.start, d.end, d.group))
    return ArticleReview(agreed, tuple(disagreements))


def gold_inside(d: Disagreement, gold: Iterable[Span], agreed: frozenset[SpanKey]) -> list[Span]:
    """Gold's spans that belong to the disagreement: same group, overlapping it, not agreed."""
    return [
        s
        for s in gold
        if group_of(s.label) == d.group and d.overlaps(s.start, s.end) and span_key(s) not in agreed
    ]


def verdict(
    d: Disagreement, gold: Iterable[Span], agreed: frozenset[SpanKey], *, settled: bool
) -> Verdict:
    """`settled`: the reviewer has decided this one (or marked the article done), so a gold
    holding nothing here means "the version with nothing" rather than "not looked at yet"."""
    here = frozenset(span_key(s) for s in gold_inside(d, gold, agreed))
    if not here and not settled:
        return Verdict()
    chosen = tuple(i for i, version in enumerate(d.versions) if version == here)
    return Verdict(annotators=chosen, edited=not chosen)


@dataclass(frozen=True, slots=True)
class GoldEdit:
    """Spans to delete from gold and spans to add, to make one disagreement hold a version."""

    delete: tuple[Span, ...]
    add: tuple[SpanKey, ...]


def edit_to(
    d: Disagreement, version: frozenset[SpanKey], gold: Sequence[Span], agreed: frozenset[SpanKey]
) -> GoldEdit:
    """Make gold hold `version` in `d`; agreed spans and spans elsewhere stay untouched."""
    inside = gold_inside(d, gold, agreed)
    present = {span_key(s) for s in gold}
    return GoldEdit(
        delete=tuple(s for s in inside if span_key(s) not in version),
        add=tuple(sorted(version - present, key=lambda k: (k[1], k[2], k[0]))),
    )
