"""Record-level agreement: officials by name, events by (type, date, place)."""

from __future__ import annotations

from collections.abc import Set

from annotator.model import AnnotationSet
from annotator.review.counts import MatchCounts

EventKey = tuple[str, str | None, str | None]


def official_names(aset: AnnotationSet) -> frozenset[str]:
    """Canonical names, outer white space ignored; two records of one name count once."""
    return frozenset(name for o in aset.officials if (name := o.name.strip()))


def event_keys(aset: AnnotationSet) -> frozenset[EventKey]:
    return frozenset((e.type, e.date, e.place) for e in aset.events)


def set_matches(a: Set, b: Set) -> MatchCounts:
    return MatchCounts(len(a & b), len(a), len(b))
