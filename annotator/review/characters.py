"""Character-level agreement: Cohen's kappa and Krippendorff's alpha (nominal).

Every character of an article gets one category per annotator: the label of the span covering
it, or "none" (code 0) when that annotator left it unlabelled. Entities and boilerplate regions
are measured separately, since they may overlap each other.

Where spans of one annotator overlap (within one group), the span that starts first wins; of
spans starting at the same place, the longer; then the label that sorts first. So a span nested
in another counts as the outer one.

No per-character Python objects: each annotator's categories are painted into a `bytearray`
(slice assignment, done in C), and the text is walked only at the span boundaries of all
annotators together, between which every annotator's category is constant. The result is a
*profile*: for each tuple of categories (one per annotator), how many characters have it. Kappa
and alpha both come from summed profiles, in exact integer arithmetic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from annotator.model import Span

NONE = 0  # the category of a character nobody labelled

Profile = Counter  # Counter[tuple[int, ...]]: characters per tuple of categories


class CategoryCodes:
    """Small integer codes for label names, 0 being "none"; one instance per measurement."""

    def __init__(self) -> None:
        self._codes: dict[str, int] = {}

    def code(self, label: str) -> int:
        code = self._codes.get(label)
        if code is None:
            code = len(self._codes) + 1
            if code > 255:
                raise ValueError("more than 255 labels in one group cannot be measured")
            self._codes[label] = code
        return code


def paint(length: int, spans: Iterable[Span], codes: CategoryCodes) -> bytearray:
    """One category code per character of a text of `length` characters."""
    categories = bytearray(length)
    # Paint the losers first so the winner (first start, then longest, then label) paints last.
    ranked = sorted(spans, key=lambda s: (s.start, s.start - s.end, s.label), reverse=True)
    for span in ranked:
        if not 0 <= span.start < span.end <= length:
            raise ValueError(
                f"span {span.label} {span.start}..{span.end} falls outside the text of "
                f"article {span.article_id} (length {length})"
            )
        code = bytes((codes.code(span.label),))
        categories[span.start : span.end] = code * (span.end - span.start)
    return categories


def category_profile(
    length: int, layers: Sequence[Sequence[Span]], codes: CategoryCodes
) -> Profile:
    """Characters per tuple of categories, one layer (annotator) per tuple position."""
    painted = [paint(length, layer, codes) for layer in layers]
    bounds = {0, length}
    for layer in layers:
        for span in layer:
            bounds.add(span.start)
            bounds.add(span.end)
    edges = sorted(bounds)
    starts = edges[:-1]
    # Per segment, each annotator's category at its start: read column by column, then zipped.
    columns = [[categories[p] for p in starts] for categories in painted]
    profile: Profile = Counter()
    for categories, start, end in zip(zip(*columns, strict=True), starts, edges[1:], strict=True):
        profile[categories] += end - start
    return profile


def project(profile: Mapping[tuple[int, ...], int], positions: Sequence[int]) -> Profile:
    """The profile of some annotators only; for two, the confusion matrix {(a, b): characters}."""
    projected: Profile = Counter()
    for categories, count in profile.items():
        projected[tuple(categories[p] for p in positions)] += count
    return projected


def cohen_kappa(confusion: Mapping[tuple[int, int], int]) -> float | None:
    """Cohen's kappa; None when chance agreement is already total (one category only, or no
    characters), where kappa is 0/0."""
    n = sum(confusion.values())
    rows: Counter = Counter()
    columns: Counter = Counter()
    agreed = 0
    for (a, b), count in confusion.items():
        rows[a] += count
        columns[b] += count
        if a == b:
            agreed += count
    chance = sum(rows[c] * columns[c] for c in rows)
    if n * n == chance:
        return None
    return (n * agreed - chance) / (n * n - chance)


def krippendorff_alpha(profile: Mapping[tuple[int, ...], int]) -> float | None:
    """Krippendorff's alpha, nominal, every character coded by every annotator of the profile.

    From the coincidence matrix: alpha = 1 - (n - 1) * sum_{c!=k} o_ck / sum_{c!=k} n_c n_k.
    With m coders per unit every o_ck is a multiple of 1/(m - 1); scaled by (m - 1) the whole
    formula stays in integers. None when fewer than two categories occur (expected
    disagreement 0) or there is nothing to compare.
    """
    coincidence: Counter = Counter()  # (m - 1) * o_ck
    coders = 0
    for categories, count in profile.items():
        coders = len(categories)
        values = Counter(categories)
        for c, n_c in values.items():
            for k, n_k in values.items():
                coincidence[c, k] += count * n_c * (n_k - (c == k))
    if coders < 2:
        return None
    totals: Counter = Counter()
    for (c, _), o in coincidence.items():
        totals[c] += o
    n = sum(totals.values())
    observed = n - sum(o for (c, k), o in coincidence.items() if c == k)
    expected = n * n - sum(t * t for t in totals.values())
    if expected == 0:
        return None
    return 1 - (n - (coders - 1)) * observed / expected
