"""How one set of labels scores against another: the one definition `annotator agree` (A against
B) and `annotator evaluate` (gold against predictions) both use, so the same pair of sets gets
the same figure from either. Pure: no model, no store, only counts of items.

Conventions, in one place:
- A (the reference, the gold) gives recall, B (the other annotator, the predictions) precision;
  a ratio over nothing is undefined, None (null in JSON), never 1.0 or 0.
- Spans match per label. Exact: same start and end, one to one (a duplicated span matches
  once). Overlap: spans sharing a character pair up one to one; the count is the largest number
  of such pairs, so one long span over two short ones finds one of them, not both.
- Official names match as a set of stripped names; events, by (type, date, place), as a
  multiset: two equal events on one side need two on the other.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Hashable, Iterable, Iterator
from dataclasses import dataclass

Interval = tuple[int, int]  # start, end: half-open character offsets
LabelledIntervals = dict[str, list[Interval]]
LabelMatch = tuple[str, int, int, int, int]  # label, exact pairs, overlap pairs, n A, n B


@dataclass(frozen=True, slots=True)
class MatchCounts:
    """How many items annotator A and annotator B have, and how many of them were matched.

    A is the reference: recall = matched / support_a, precision = matched / support_b. A ratio
    whose denominator is zero is undefined and reported as None (null in JSON), never as 0 or 1:
    F1 is None only when neither annotator has anything.
    """

    matched: int = 0
    support_a: int = 0
    support_b: int = 0

    def __add__(self, other: MatchCounts) -> MatchCounts:
        return MatchCounts(
            self.matched + other.matched,
            self.support_a + other.support_a,
            self.support_b + other.support_b,
        )

    @property
    def precision(self) -> float | None:
        return self.matched / self.support_b if self.support_b else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.support_a if self.support_a else None

    @property
    def f1(self) -> float | None:
        total = self.support_a + self.support_b
        return 2 * self.matched / total if total else None

    @property
    def disagreements(self) -> int:
        """Items of either annotator left without a match."""
        return self.support_a + self.support_b - 2 * self.matched

    def as_json(self, *, supports: bool = True) -> dict[str, float | int | None]:
        scores: dict[str, float | int | None] = {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }
        if supports:
            scores |= {"support_a": self.support_a, "support_b": self.support_b}
        return scores


def figure(value: float | None, digits: int = 3) -> str:
    """A score as printed: `digits` decimals; a ratio over nothing (None) as a dash."""
    return "–" if value is None else f"{value:.{digits}f}"


def total(counts: dict[str, MatchCounts]) -> MatchCounts:
    return sum(counts.values(), MatchCounts())


def set_matches(a: Collection[Hashable], b: Collection[Hashable]) -> MatchCounts:
    """Items of two sets (each counted once)."""
    a, b = set(a), set(b)
    return MatchCounts(len(a & b), len(a), len(b))


def multiset_matches(a: Iterable[Hashable], b: Iterable[Hashable]) -> MatchCounts:
    """Like set_matches, but two equal items of A need two equal items of B."""
    count_a, count_b = Counter(a), Counter(b)
    return MatchCounts(
        sum((count_a & count_b).values()), sum(count_a.values()), sum(count_b.values())
    )


def canonical_names(names: Iterable[str]) -> frozenset[str]:
    """Official names as they are matched: outer white space ignored, blanks dropped, a name
    recorded twice counted once."""
    return frozenset(name for raw in names if (name := raw.strip()))


def group_by_label(spans: Iterable[tuple[str, int, int]]) -> LabelledIntervals:
    """(label, start, end) items as intervals per label: group once, compare in many pairs."""
    grouped: LabelledIntervals = defaultdict(list)
    for label, start, end in spans:
        grouped[label].append((start, end))
    return grouped


def label_matches(a: LabelledIntervals, b: LabelledIntervals) -> Iterator[LabelMatch]:
    """Per label of either side, in label order: (label, exact pairs, overlap pairs, support A,
    support B)."""
    for label in sorted(a.keys() | b.keys()):
        mine, other = a.get(label, []), b.get(label, [])
        yield (
            label,
            count_identical_pairs(mine, other),
            count_overlap_pairs(mine, other),
            len(mine),
            len(other),
        )


def span_matches(
    a: LabelledIntervals, b: LabelledIntervals
) -> tuple[dict[str, MatchCounts], dict[str, MatchCounts]]:
    """Per label of either side: (exact matches, overlap matches)."""
    exact: dict[str, MatchCounts] = {}
    overlap: dict[str, MatchCounts] = {}
    for label, identical, overlapping, n_a, n_b in label_matches(a, b):
        exact[label] = MatchCounts(identical, n_a, n_b)
        overlap[label] = MatchCounts(overlapping, n_a, n_b)
    return exact, overlap


def count_identical_pairs(a: list[Interval], b: list[Interval]) -> int:
    unique_a, unique_b = set(a), set(b)
    if len(unique_a) == len(a) and len(unique_b) == len(b):
        return len(unique_a & unique_b)
    return sum((Counter(a) & Counter(b)).values())  # duplicates: each matches once


def count_overlap_pairs(a: Iterable[Interval], b: Iterable[Interval]) -> int:
    """Size of a maximum one-to-one matching of overlapping half-open intervals. Greedy in order
    of end position, each A interval taking the overlapping free B interval that ends first,
    reaches that maximum on intervals."""
    free = sorted(b, key=lambda iv: (iv[1], iv[0]))
    matched = 0
    for start, end in sorted(a, key=lambda iv: (iv[1], iv[0])):
        for index, (other_start, other_end) in enumerate(free):
            if other_start < end and start < other_end:
                del free[index]
                matched += 1
                break
    return matched
