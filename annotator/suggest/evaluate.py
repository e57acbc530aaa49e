"""How good are suggestions? Pure functions over (text, spans) against a gold native-JSONL file:
per-label precision / recall / F1 with exact and overlap matching; Official records (names, and
for names found: titles in order and organization); events as (type, date, place) tuples; and
boilerplate and body judged line by line (a line is boilerplate when most of its characters
are). Spans, names and events are matched by `annotator.scoring`, as `annotator agree` matches
them, so the gold against a set scores as that set's annotator against the gold's would."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.model import AnnotationSet, is_region_label, region_kind, region_label
from annotator.safe_json import JsonRefused, load_json
from annotator.scoring import (
    MatchCounts,
    canonical_names,
    figure,
    group_by_label,
    multiset_matches,
    set_matches,
    span_matches,
)

SpanKey = tuple[str, int, int]  # label, start, end
EventKey = tuple[str, str | None, str | None]  # type, date, place


class GoldError(ValueError):
    """The gold file cannot be read; the message says which line and why."""


@dataclass(frozen=True, slots=True)
class GoldOfficial:
    name: str
    titles: tuple[str, ...] = ()
    organization: str | None = None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    spans: tuple[SpanKey, ...]
    officials: tuple[GoldOfficial, ...] = ()
    events: tuple[EventKey, ...] = ()

    @property
    def official_names(self) -> frozenset[str]:
        return canonical_names(o.name for o in self.officials)


@dataclass(frozen=True, slots=True)
class Counts:
    """Line verdicts, gold against predicted: the one count that has true negatives (body lines
    both sides call body), so it can turn round to score the other class."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn
        )

    @property
    def inverse(self) -> Counts:
        """The same line verdicts with the other class positive (boilerplate -> body)."""
        return Counts(self.tn, self.fn, self.fp, self.tp)

    @property
    def matches(self) -> MatchCounts:
        return MatchCounts(self.tp, self.tp + self.fn, self.tp + self.fp)

    @property
    def precision(self) -> float | None:
        return self.matches.precision

    @property
    def recall(self) -> float | None:
        return self.matches.recall

    @property
    def f1(self) -> float | None:
        return self.matches.f1


def read_gold(path: Path) -> list[GoldArticle]:
    """The gold file's articles; GoldError naming the line for anything it cannot take."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise GoldError(f"{path}:{line}: not UTF-8 ({error.reason})") from None
    articles: list[GoldArticle] = []
    # a StringIO line ends at "\n" only; str.splitlines would also cut at U+2028 inside a string
    for number, line in enumerate(io.StringIO(text), start=1):
        if line.strip():
            articles.append(_gold_article(line, f"{path}:{number}"))
    return articles


def _gold_article(line: str, where: str) -> GoldArticle:
    try:
        record = load_json(line)  # depth-bounded: a hostile file is refused, not a traceback
    except JsonRefused as error:
        raise GoldError(f"{where}: {error}") from None
    if (
        not isinstance(record, dict)
        or not isinstance(record.get("id"), str)
        or not isinstance(record.get("text"), str)
    ):
        raise GoldError(f"{where}: a gold record needs string fields 'id' and 'text'")
    text = record["text"]
    spans: list[SpanKey] = []
    try:
        for span in record.get("spans", ()):
            spans.append(
                _checked(text, span["label"], span["start"], span["end"], span.get("text"), where)
            )
        for region in record.get("boilerplate", ()):
            label = region_label(region["kind"])
            spans.append(_checked(text, label, region["start"], region["end"], None, where))
        officials = tuple(
            GoldOfficial(o["name"], tuple(o.get("titles") or ()), o.get("organization"))
            for o in record.get("officials", ())
        )
        events = tuple(
            (e["type"], e.get("date"), e.get("place"))
            for e in record.get("events", ())
            if e.get("modality") is None  # planned, hoped…: not an event that happened
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise GoldError(f"{where}: malformed span, region, official or event ({error!r})") from None
    return GoldArticle(record["id"], text, tuple(spans), officials, events)


def _checked(
    text: str, label: str, start: int, end: int, expected: str | None, where: str
) -> SpanKey:
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise GoldError(f"{where}: span {label} {start}..{end} falls outside the text")
    if expected is not None and text[start:end] != expected:
        raise GoldError(
            f"{where}: span {label} {start}..{end} says {expected!r}, text has {text[start:end]!r}"
        )
    return (label, start, end)


def span_counts(
    gold: Iterable[SpanKey], predicted: Iterable[SpanKey], *, overlap: bool = False
) -> dict[str, MatchCounts]:
    """Per label, gold as A and predictions as B: exact or one-to-one overlap matching, as
    `annotator.scoring` defines them."""
    exact, overlapping = span_matches(group_by_label(gold), group_by_label(predicted))
    return overlapping if overlap else exact


@dataclass(frozen=True, slots=True)
class Agreement:
    """How many of `total` compared items were equal."""

    equal: int = 0
    total: int = 0

    def __add__(self, other: Agreement) -> Agreement:
        return Agreement(self.equal + other.equal, self.total + other.total)

    @property
    def accuracy(self) -> float | None:
        """None when nothing was compared: no figure, rather than a perfect one."""
        return self.equal / self.total if self.total else None


def official_agreement(
    gold: Iterable[GoldOfficial], predicted: Mapping[str, tuple[tuple[str, ...], str | None]]
) -> tuple[Agreement, Agreement]:
    """Titles (in order) and organization of every gold official whose name was predicted."""
    titles, organizations = Agreement(), Agreement()
    for official in gold:
        if official.name in predicted:
            got_titles, got_organization = predicted[official.name]
            titles += Agreement(int(got_titles == official.titles), 1)
            organizations += Agreement(int(got_organization == official.organization), 1)
    return titles, organizations


def line_bounds(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end) of their non-space characters."""
    bounds: list[tuple[int, int]] = []
    position = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = position + raw.index(stripped)
            bounds.append((start, start + len(stripped)))
        position += len(raw) + 1
    return bounds


def boilerplate_lines(text: str, regions: Iterable[tuple[int, int]]) -> list[bool]:
    """For each non-blank line: is most of it covered by a boilerplate region?"""
    regions = sorted(regions)
    verdicts: list[bool] = []
    for start, end in line_bounds(text):
        covered = sum(max(0, min(end, b) - max(start, a)) for a, b in regions)
        verdicts.append(covered * 2 > end - start)
    return verdicts


def line_counts(gold: Sequence[bool], predicted: Sequence[bool]) -> Counts:
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold lines against {len(predicted)} predicted lines")
    pairs = list(zip(gold, predicted, strict=True))
    return Counts(
        sum(g and p for g, p in pairs),
        sum(p and not g for g, p in pairs),
        sum(g and not p for g, p in pairs),
        sum(not g and not p for g, p in pairs),
    )


@dataclass(slots=True)
class Report:
    """Counts summed over articles (micro-averaged)."""

    articles: int = 0
    by_label_exact: dict[str, MatchCounts] = field(default_factory=dict)
    by_label_overlap: dict[str, MatchCounts] = field(default_factory=dict)
    officials: MatchCounts = field(default_factory=MatchCounts)
    official_titles: Agreement = field(default_factory=Agreement)
    official_organizations: Agreement = field(default_factory=Agreement)
    events: MatchCounts = field(default_factory=MatchCounts)
    boilerplate: Counts = field(default_factory=Counts)

    @property
    def body(self) -> Counts:
        return self.boilerplate.inverse

    def add(self, gold: GoldArticle, predicted: AnnotationSet) -> None:
        self.articles += 1
        spans = [(s.label, s.start, s.end) for s in predicted.spans]
        matches = span_matches(group_by_label(gold.spans), group_by_label(spans))
        for target, counts_by_label in zip(
            (self.by_label_exact, self.by_label_overlap), matches, strict=True
        ):
            for label, counts in counts_by_label.items():
                target[label] = target.get(label, MatchCounts()) + counts
        self.officials += set_matches(
            gold.official_names, canonical_names(o.name for o in predicted.officials)
        )
        records = {o.name: (tuple(o.titles), o.organization) for o in predicted.officials}
        titles, organizations = official_agreement(gold.officials, records)
        self.official_titles += titles
        self.official_organizations += organizations
        self.events += multiset_matches(
            gold.events,
            ((e.type, e.date, e.place) for e in predicted.events if e.modality is None),
        )
        gold_regions = [(s, e) for label, s, e in gold.spans if is_region_label(label)]
        predicted_regions = [(s.start, s.end) for s in predicted.spans if s.is_region]
        self.boilerplate += line_counts(
            boilerplate_lines(gold.text, gold_regions),
            boilerplate_lines(gold.text, predicted_regions),
        )

    def format(self) -> str:
        rows = [f"{self.articles} articles", f"{'':28}{'exact P/R/F1':>22}{'overlap P/R/F1':>22}"]
        in_gold = {label for label, c in self.by_label_exact.items() if c.support_a}
        for label in sorted(in_gold, key=lambda x: (is_region_label(x), x)):
            name = region_kind(label) if is_region_label(label) else label
            rows.append(
                f"{name:28}{_prf(self.by_label_exact[label]):>22}{_prf(self.by_label_overlap[label]):>22}"
            )
        rows.append(f"{'official names':28}{_prf(self.officials):>22}")
        for name, agreement in (
            ("official titles (found)", self.official_titles),
            ("official organization", self.official_organizations),
        ):
            rows.append(f"{name:28}{figure(agreement.accuracy, 2):>12} of {agreement.total:<6}")
        rows.append(f"{'events (type, date, place)':28}{_prf(self.events):>22}")
        rows.append(f"{'boilerplate lines':28}{_prf(self.boilerplate):>22}")
        rows.append(f"{'body lines':28}{_prf(self.body):>22}")
        if unscored := sorted(set(self.by_label_exact) - in_gold):
            rows.append(f"not in the gold, so not scored: {', '.join(unscored)}")
        return "\n".join(rows)


def _prf(counts: Counts | MatchCounts) -> str:
    return f"{figure(counts.precision, 2)} {figure(counts.recall, 2)} {figure(counts.f1, 2)}"
