"""Precision, recall and F1 from match counts, with the first annotator as the reference."""

from __future__ import annotations

from dataclasses import dataclass


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


def total(counts: dict[str, MatchCounts]) -> MatchCounts:
    return sum(counts.values(), MatchCounts())
