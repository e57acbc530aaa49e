"""Agreement of two or more annotators over a corpus: spans, characters, records.

An article takes part only when every annotator being compared has a set for it, none of them
skipped it, and they did work on it: all of them marked it done, or at least one labelled
something. Two empty sets nobody finished would otherwise count as perfect agreement and inflate
every figure. Every pair and the multi-annotator alpha see the same articles; the ones left out
are counted by reason (`EXCLUSION_REASONS`) so the report can say so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from annotator.model import BOILERPLATE_PREFIX, AnnotationSet, Span
from annotator.review.characters import (
    CategoryCodes,
    Profile,
    category_profile,
    cohen_kappa,
    krippendorff_alpha,
    project,
)
from annotator.review.records import EventKey, event_keys, official_names
from annotator.review.spans import intervals_by_label
from annotator.scoring import (
    LabelledIntervals,
    MatchCounts,
    label_matches,
    multiset_matches,
    set_matches,
    total,
)

ALL = "_all"  # the key of the micro-average over every label
GROUPS = ("entities", "boilerplate")  # character-level measurements, one per span group
# Why an article was left out, in the order they are checked and reported.
EXCLUSION_REASONS = {
    "missing": "not opened by every annotator",
    "skipped": "skipped by an annotator",
    "untouched": "nobody labelled and nobody finished",
}


@dataclass(frozen=True, slots=True)
class ArticleSets:
    """One article's text and the annotation sets of whoever labelled it."""

    article_id: str
    text: str
    sets: Mapping[str, AnnotationSet]


@dataclass(frozen=True, slots=True)
class ArticleScore:
    """One article's span agreement for a pair (exact matching, all labels)."""

    article_id: str
    spans: MatchCounts

    @property
    def f1(self) -> float | None:
        return self.spans.f1


@dataclass(frozen=True, slots=True)
class PairAgreement:
    annotators: tuple[str, str]
    articles: int
    exact: Mapping[str, MatchCounts]  # per label, and ALL
    overlap: Mapping[str, MatchCounts]
    kappa: Mapping[str, float | None]  # per group in GROUPS
    alpha: Mapping[str, float | None]
    officials: MatchCounts
    events: MatchCounts
    per_article: tuple[ArticleScore, ...]  # worst first

    def as_json(self) -> dict[str, Any]:
        return {
            "annotators": list(self.annotators),
            "articles": self.articles,
            "spans": {
                "exact": {label: c.as_json() for label, c in self.exact.items()},
                "overlap": {label: c.as_json() for label, c in self.overlap.items()},
            },
            "kappa": dict(self.kappa),
            "alpha": dict(self.alpha),
            "officials": self.officials.as_json(supports=False),
            "events": self.events.as_json(supports=False),
            "per_article": [{"id": s.article_id, "f1": s.f1} for s in self.per_article],
        }


@dataclass(frozen=True, slots=True)
class CorpusAgreement:
    annotators: tuple[str, ...]
    articles: int
    alpha: Mapping[str, float | None]  # all annotators together, per group
    pairs: tuple[PairAgreement, ...]
    excluded: Mapping[str, int] = field(default_factory=dict)  # reason -> articles left out

    def excluded_summary(self) -> str:
        """`1 nobody labelled and nobody finished, 2 skipped by an annotator`, or ''."""
        return ", ".join(f"{n} {EXCLUSION_REASONS[r]}" for r, n in self.excluded.items())

    def as_json(self) -> dict[str, Any]:
        """The `annotator agree --json` object: a pair's object for two annotators; for more,
        the alpha of all of them and one pair object per pair. `excluded` counts the articles
        left out, by reason (EXCLUSION_REASONS)."""
        if len(self.pairs) == 1:
            return {**self.pairs[0].as_json(), "excluded": dict(self.excluded)}
        return {
            "annotators": list(self.annotators),
            "articles": self.articles,
            "excluded": dict(self.excluded),
            "alpha": dict(self.alpha),
            "pairs": [pair.as_json() for pair in self.pairs],
        }


class _PairTally:
    """Running sums for one pair of annotators."""

    def __init__(self) -> None:
        self.labels: dict[str, list[int]] = {}  # label -> [exact, overlap, support A, support B]
        self.officials = MatchCounts()
        self.events = MatchCounts()
        self.per_article: list[ArticleScore] = []

    def add(self, article_id: str, a: _Prepared, b: _Prepared) -> None:
        article = [0, 0, 0]  # exact, support A, support B
        for label, exact, overlap, n_a, n_b in label_matches(a.intervals, b.intervals):
            sums = self.labels.setdefault(label, [0, 0, 0, 0])
            sums[0] += exact
            sums[1] += overlap
            sums[2] += n_a
            sums[3] += n_b
            article[0] += exact
            article[1] += n_a
            article[2] += n_b
        self.officials += set_matches(a.officials, b.officials)
        self.events += multiset_matches(a.events, b.events)
        self.per_article.append(ArticleScore(article_id, MatchCounts(*article)))

    def counts(self, matched: int) -> dict[str, MatchCounts]:
        """Per label and ALL; `matched` 0 for exact matching, 1 for overlap."""
        per_label = {
            label: MatchCounts(sums[matched], sums[2], sums[3])
            for label, sums in sorted(self.labels.items())
        }
        return {**per_label, ALL: total(per_label)}


@dataclass(frozen=True, slots=True)
class _Prepared:
    """What the pairs compare of one set, worked out once per set."""

    intervals: LabelledIntervals
    officials: frozenset[str]
    events: tuple[EventKey, ...]
    entities: tuple[Span, ...]
    regions: tuple[Span, ...]

    @classmethod
    def of(cls, aset: AnnotationSet) -> _Prepared:
        regions = tuple(s for s in aset.spans if s.label.startswith(BOILERPLATE_PREFIX))
        entities = tuple(s for s in aset.spans if not s.label.startswith(BOILERPLATE_PREFIX))
        return cls(
            intervals_by_label(aset.spans),
            official_names(aset),
            event_keys(aset),
            entities,
            regions,
        )


def _worst_first(score: ArticleScore) -> tuple:
    # Lowest F1 first, then most unmatched spans; articles nobody labelled (F1 None) last.
    return (score.f1 is None, score.f1 or 0.0, -score.spans.disagreements, score.article_id)


def _labelled(aset: AnnotationSet) -> bool:
    return bool(aset.spans or aset.officials or aset.events)


def exclusion_reason(article: ArticleSets, annotators: Sequence[str]) -> str | None:
    """Why `article` stays out of the agreement of `annotators` (a key of EXCLUSION_REASONS),
    or None when it takes part."""
    sets = [article.sets.get(name) for name in annotators]
    if any(s is None for s in sets):
        return "missing"
    if any(s.status == "skipped" for s in sets):  # type: ignore[union-attr]
        return "skipped"
    if all(s.status == "done" for s in sets) or any(_labelled(s) for s in sets):  # type: ignore[arg-type]
        return None
    return "untouched"


def measure_agreement(
    articles: Iterable[ArticleSets], annotators: Sequence[str]
) -> CorpusAgreement:
    """Agreement of `annotators` (two or more, distinct; the first of each pair is reference)."""
    annotators = tuple(annotators)
    if len(annotators) < 2 or len(set(annotators)) != len(annotators):
        raise ValueError(f"agreement needs two or more distinct annotators, got {list(annotators)}")
    pairs = list(combinations(range(len(annotators)), 2))
    tallies = [_PairTally() for _ in pairs]
    codes = {group: CategoryCodes() for group in GROUPS}
    profiles: dict[str, Profile] = {group: Counter() for group in GROUPS}
    count = 0
    excluded: Counter[str] = Counter()
    for article in articles:
        reason = exclusion_reason(article, annotators)
        if reason is not None:
            excluded[reason] += 1
            continue
        count += 1
        prepared = [_Prepared.of(article.sets[name]) for name in annotators]
        for tally, (i, j) in zip(tallies, pairs, strict=True):
            tally.add(article.article_id, prepared[i], prepared[j])
        length = len(article.text)
        profiles["entities"] += category_profile(
            length, [p.entities for p in prepared], codes["entities"]
        )
        profiles["boilerplate"] += category_profile(
            length, [p.regions for p in prepared], codes["boilerplate"]
        )
    results = []
    for tally, (i, j) in zip(tallies, pairs, strict=True):
        results.append(
            PairAgreement(
                annotators=(annotators[i], annotators[j]),
                articles=count,
                exact=tally.counts(0),
                overlap=tally.counts(1),
                kappa={g: cohen_kappa(project(profiles[g], (i, j))) for g in GROUPS},
                alpha={g: krippendorff_alpha(project(profiles[g], (i, j))) for g in GROUPS},
                officials=tally.officials,
                events=tally.events,
                per_article=tuple(sorted(tally.per_article, key=_worst_first)),
            )
        )
    return CorpusAgreement(
        annotators=annotators,
        articles=count,
        alpha={g: krippendorff_alpha(profiles[g]) for g in GROUPS},
        pairs=tuple(results),
        excluded={reason: excluded[reason] for reason in EXCLUSION_REASONS if excluded[reason]},
    )
