"""Span-level matching between two annotators, per label.

Exact matching: a span of A matches a span of B with the same label, start and end (one to one,
so a duplicated span matches at most once).

Overlap matching: spans of the same label pair up one to one when they share at least one
character; the count is the largest possible number of such pairs (a maximum matching, so the
result does not depend on the order of the spans). Greedy in order of end position, each A span
taking the overlapping unmatched B span that ends first, reaches that maximum on intervals.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from annotator.model import Span
from annotator.review.counts import MatchCounts

Interval = tuple[int, int]
LabelledIntervals = dict[str, list[Interval]]
LabelMatch = tuple[str, int, int, int, int]


def intervals_by_label(spans: Iterable[Span]) -> LabelledIntervals:
    grouped: LabelledIntervals = defaultdict(list)
    for span in spans:
        grouped[span.label].append((span.start, span.end))
    return grouped


def label_matches(a: LabelledIntervals, b: LabelledIntervals) -> Iterator[LabelMatch]:
    """Per label of either side, in label order: (label, exact pairs, overlap pairs, support A,
    support B). Takes spans grouped once, so a set compared in several pairs is grouped once."""
    for label in sorted(a.keys() | b.keys()):
        mine, other = a.get(label, []), b.get(label, [])
        yield (
            label,
            count_identical_pairs(mine, other),
            count_overlap_pairs(mine, other),
            len(mine),
            len(other),
        )


def exact_matches(a: Iterable[Span], b: Iterable[Span]) -> dict[str, MatchCounts]:
    """Per label: spans of A and B with identical offsets."""
    return {
        label: MatchCounts(exact, n_a, n_b)
        for label, exact, _, n_a, n_b in label_matches(intervals_by_label(a), intervals_by_label(b))
    }


def overlap_matches(a: Iterable[Span], b: Iterable[Span]) -> dict[str, MatchCounts]:
    """Per label: the most one-to-one pairs of A and B spans that share a character."""
    return {
        label: MatchCounts(overlap, n_a, n_b)
        for label, _, overlap, n_a, n_b in label_matches(
            intervals_by_label(a), intervals_by_label(b)
        )
    }


def count_identical_pairs(a: list[Interval], b: list[Interval]) -> int:
    unique_a, unique_b = set(a), set(b)
    if len(unique_a) == len(a) and len(unique_b) == len(b):
        return len(unique_a & unique_b)
    return sum((Counter(a) & Counter(b)).values())  # duplicates: each matches once


def count_overlap_pairs(a: Iterable[Interval], b: Iterable[Interval]) -> int:
    """Size of a maximum one-to-one matching of overlapping half-open intervals."""
    free = sorted(b, key=lambda iv: (iv[1], iv[0]))
    matched = 0
    for start, end in sorted(a, key=lambda iv: (iv[1], iv[0])):
        for index, (other_start, other_end) in enumerate(free):
            if other_start < end and start < other_end:
                del free[index]
                matched += 1
                break
    return matched
