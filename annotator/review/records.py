"""Record-level agreement: officials by name, events by (type, date, place); the matching
itself is `annotator.scoring`'s, shared with `evaluate`."""

from __future__ import annotations

from annotator.model import AnnotationSet
from annotator.scoring import canonical_names

EventKey = tuple[str, str | None, str | None]


def official_names(aset: AnnotationSet) -> frozenset[str]:
    """Canonical names, outer white space ignored; two records of one name count once."""
    return canonical_names(o.name for o in aset.officials)


def event_keys(aset: AnnotationSet) -> tuple[EventKey, ...]:
    """One key per event that happened: two events of one type, date and place (other
    participants) are two, matched as a multiset. An event with a modality (planned, hoped…) is
    no event that happened: one person's planned visit against another's visit is a
    disagreement, as `evaluate` counts it."""
    return tuple((e.type, e.date, e.place) for e in aset.events if e.modality is None)
