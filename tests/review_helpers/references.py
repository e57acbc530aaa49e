"""Independent, slow, obviously-right versions of what the agreement code computes fast."""

from __future__ import annotations

import krippendorff
import numpy as np

from annotator.review.agreement import ArticleSets


def naive_categories(length: int, spans) -> list[str]:
    """Per character, the label of the winning span, written independently of `paint`: of the
    spans covering it, the one starting first, then the longest, then the first label."""
    out = []
    for position in range(length):
        covering = [s for s in spans if s.start <= position < s.end]
        best = min(covering, key=lambda s: (s.start, s.start - s.end, s.label), default=None)
        out.append(best.label if best else "none")
    return out


def per_character(corpus: list[ArticleSets], annotators, group: str) -> list[list[str]]:
    """One row per annotator: the category of every character of the articles every one of
    them opened (the scripted annotators label something in each article they open)."""
    shared = [a for a in corpus if all(name in a.sets for name in annotators)]
    rows = []
    for name in annotators:
        row: list[str] = []
        for article in shared:
            s = article.sets[name]
            row += naive_categories(
                len(article.text), s.entity_spans() if group == "entities" else s.region_spans()
            )
        rows.append(row)
    return rows


def reference_alpha(rows: list[list[str]]) -> float:
    values = sorted({v for row in rows for v in row})
    data = np.array([[values.index(v) for v in row] for row in rows], dtype=float)
    return krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
