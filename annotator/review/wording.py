"""Counts in words: "1 disagreement", "2 disagreements", never "1 disagreements" or "(s)"."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun in the number it takes; `plural` when adding "s" is wrong."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def noun_for(n: int, noun: str, plural: str | None = None) -> str:
    """The noun alone, in the number `n` takes ("0 of 1 disagreement settled")."""
    return noun if n == 1 else plural or noun + "s"
