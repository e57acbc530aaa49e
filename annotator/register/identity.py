"""Which sightings are one person.

Same name, compatible posts -> one person. Same name with posts in two different provinces
within `CLASH_DAYS` of each other -> two persons (one person cannot sit in Henan and Sichuan the
same month), flagged for a reviewer. A career that moves between provinces over the years stays
one person. Reviewers' decisions (merge, split) are applied last, in the order they were made,
so they survive every recomputation.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Sequence
from datetime import date

from annotator.register.entries import Decision, Flag, Person, Sighting
from annotator.register.places import title_province

CLASH_DAYS = 31


def _day(value: str | None) -> int | None:
    if value is None or len(value) != 10:
        return None  # only a full date can clash; a year alone says too little
    try:
        return date.fromisoformat(value).toordinal()
    except ValueError:
        return None


def _province(sighting: Sighting) -> str | None:
    provinces = {p for t in sighting.titles if (p := title_province(t))}
    return provinces.pop() if len(provinces) == 1 else None


class _Cluster:
    """Sightings of one name taken for one person, with the recent dated provinces seen."""

    def __init__(self) -> None:
        self.members: list[Sighting] = []
        self.recent: deque[tuple[int, str]] = deque()  # (day, province), by day
        self.window: Counter[str] = Counter()  # the provinces in `recent`
        self.provinces: Counter[str] = Counter()

    def clashes(self, day: int, province: str) -> bool:
        while self.recent and self.recent[0][0] < day - CLASH_DAYS:
            _, old = self.recent.popleft()
            self.window[old] -= 1
            if not self.window[old]:
                del self.window[old]
        return len(self.window) > 1 or (len(self.window) == 1 and province not in self.window)

    def add(self, sighting: Sighting, day: int | None, province: str | None) -> None:
        self.members.append(sighting)
        if province is not None:
            self.provinces[province] += 1
            if day is not None:
                self.recent.append((day, province))
                self.window[province] += 1


def cluster_name(sightings: Sequence[Sighting]) -> list[list[Sighting]]:
    """Split the sightings of one name key into persons (see the module's rule)."""
    placed = [(s, _day(s.date), _province(s)) for s in sightings]
    clusters: list[_Cluster] = []
    # Dated sightings naming a province decide the persons, earliest first ...
    decisive = sorted(
        (p for p in placed if p[1] is not None and p[2] is not None),
        key=lambda p: (p[1], p[0].article_id),
    )
    for sighting, day, province in decisive:
        home = next((c for c in clusters if not c.clashes(day, province)), None)  # type: ignore[arg-type]
        if home is None:
            home = _Cluster()
            clusters.append(home)
        home.add(sighting, day, province)
    # ... the rest join the person whose province they share, else the one seen most.
    for sighting, day, province in placed:
        if day is not None and province is not None:
            continue
        if not clusters:
            clusters.append(_Cluster())
        home = max(
            clusters, key=lambda c: (c.provinces[province] if province else 0, len(c.members))
        )
        home.add(sighting, None, province)
    return [c.members for c in clusters]


def apply_decisions(
    persons: list[list[Sighting]], decisions: Sequence[Decision]
) -> list[list[Sighting]]:
    """Reviewers' merges and splits, in order. A decision naming sightings that no longer
    exist (a label changed since) applies to those that still do."""
    groups = [list(p) for p in persons]
    for decision in decisions:
        named = set(decision.mentions)
        if decision.op == "split":
            taken = [s for g in groups for s in g if s.mention in named]
            if taken:
                groups = [[s for s in g if s.mention not in named] for g in groups]
                groups.append(taken)
        else:
            joined = [g for g in groups if any(s.mention in named for s in g)]
            if len(joined) > 1:
                groups = [g for g in groups if not any(s.mention in named for s in g)]
                groups.append([s for g in joined for s in g])
        groups = [g for g in groups if g]
    return groups


def same_name_flags(persons: Sequence[Person], decided: set[str]) -> list[Flag]:
    """One flag per name the rule split into several persons (and no reviewer has ruled on)."""
    by_key: dict[str, list[Person]] = {}
    for person in persons:
        by_key.setdefault(person.id.split("#")[0], []).append(person)
    flags = []
    for key, same in sorted(by_key.items()):
        if len(same) < 2 or key in decided:
            continue
        where = []
        for person in same:
            provinces = Counter(p for s in person.sightings if (p := _province(s)))
            dates = sorted(s.date for s in person.sightings if s.date)
            span = f"{dates[0]}…{dates[-1]}" if dates else "undated"
            where.append(f"{'/'.join(provinces) or '?'} ({span})")
        flags.append(
            Flag(
                "same_name",
                f"{len(same)} persons named {key}, with posts in "
                + ", ".join(where)
                + "; merge them if they are one",
                tuple(sorted({a for p in same for a in p.articles})),
                tuple(p.id for p in same),
            )
        )
    return flags
