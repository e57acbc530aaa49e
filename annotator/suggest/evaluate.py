"""How good are suggestions? Pure functions over (text, spans) against a gold native-JSONL file:
per-label precision / recall / F1 with exact and overlap matching; Official records (names, and
for names found: titles in order and organisation); events as (type, date, place) tuples; and
boilerplate and body judged line by line (a line is boilerplate when most of its characters
are)."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.model import AnnotationSet, is_region_label, region_kind, region_label
from annotator.safe_json import JsonRefused, load_json

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
        return frozenset(o.name for o in self.officials)


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0  # only line counts fill it: body lines both sides call body

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn
        )

    @property
    def inverse(self) -> Counts:
        """The same line verdicts with the other class positive (boilerplate -> body)."""
        return Counts(self.tn, self.fn, self.fp, self.tp)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


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
        events = tuple((e["type"], e.get("date"), e.get("place")) for e in record.get("events", ()))
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
) -> dict[str, Counts]:
    """Per label. Exact: same label and offsets. Overlap: a prediction is right when it overlaps
    a gold span of its label, a gold span is found when some prediction of its label overlaps it."""
    gold_set, predicted_set = set(gold), set(predicted)
    labels = {s[0] for s in gold_set | predicted_set}
    result: dict[str, Counts] = {}
    for label in labels:
        g = [s for s in gold_set if s[0] == label]
        p = [s for s in predicted_set if s[0] == label]
        if overlap:
            right = sum(any(_overlaps(x, y) for y in g) for x in p)
            found = sum(any(_overlaps(x, y) for x in p) for y in g)
            result[label] = Counts(right, len(p) - right, len(g) - found)
        else:
            both = len(set(g) & set(p))
            result[label] = Counts(both, len(p) - both, len(g) - both)
    return result


def _overlaps(a: SpanKey, b: SpanKey) -> bool:
    return a[1] < b[2] and b[1] < a[2]


def set_counts(gold: Iterable[str], predicted: Iterable[str]) -> Counts:
    g, p = set(gold), set(predicted)
    return Counts(len(g & p), len(p - g), len(g - p))


def multiset_counts(gold: Iterable[object], predicted: Iterable[object]) -> Counts:
    """Like set_counts, but two equal gold items need two equal predictions."""
    g, p = Counter(gold), Counter(predicted)
    both = sum((g & p).values())
    return Counts(both, sum(p.values()) - both, sum(g.values()) - both)


@dataclass(frozen=True, slots=True)
class Agreement:
    """How many of `total` compared items were equal."""

    equal: int = 0
    total: int = 0

    def __add__(self, other: Agreement) -> Agreement:
        return Agreement(self.equal + other.equal, self.total + other.total)

    @property
    def accuracy(self) -> float:
        return self.equal / self.total if self.total else 1.0


def official_agreement(
    gold: Iterable[GoldOfficial], predicted: Mapping[str, tuple[tuple[str, ...], str | None]]
) -> tuple[Agreement, Agreement]:
    """Titles (in order) and organisation of every gold official whose name was predicted."""
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
    by_label_exact: dict[str, Counts] = field(default_factory=dict)
    by_label_overlap: dict[str, Counts] = field(default_factory=dict)
    officials: Counts = field(default_factory=Counts)
    official_titles: Agreement = field(default_factory=Agreement)
    official_organizations: Agreement = field(default_factory=Agreement)
    events: Counts = field(default_factory=Counts)
    boilerplate: Counts = field(default_factory=Counts)

    @property
    def body(self) -> Counts:
        return self.boilerplate.inverse

    def add(self, gold: GoldArticle, predicted: AnnotationSet) -> None:
        self.articles += 1
        spans = [(s.label, s.start, s.end) for s in predicted.spans]
        for target, overlap in ((self.by_label_exact, False), (self.by_label_overlap, True)):
            for label, counts in span_counts(gold.spans, spans, overlap=overlap).items():
                target[label] = target.get(label, Counts()) + counts
        self.officials += set_counts(gold.official_names, (o.name for o in predicted.officials))
        records = {o.name: (tuple(o.titles), o.organization) for o in predicted.officials}
        titles, organizations = official_agreement(gold.officials, records)
        self.official_titles += titles
        self.official_organizations += organizations
        self.events += multiset_counts(
            gold.events, ((e.type, e.date, e.place) for e in predicted.events)
        )
        gold_regions = [(s, e) for label, s, e in gold.spans if is_region_label(label)]
        predicted_regions = [(s.start, s.end) for s in predicted.spans if s.is_region]
        self.boilerplate += line_counts(
            boilerplate_lines(gold.text, gold_regions),
            boilerplate_lines(gold.text, predicted_regions),
        )

    def format(self) -> str:
        rows = [f"{self.articles} articles", f"{'':28}{'exact P/R/F1':>22}{'overlap P/R/F1':>22}"]
        in_gold = {label for label, c in self.by_label_exact.items() if c.tp + c.fn}
        for label in sorted(in_gold, key=lambda x: (is_region_label(x), x)):
            name = region_kind(label) if is_region_label(label) else label
            rows.append(
                f"{name:28}{_prf(self.by_label_exact[label]):>22}{_prf(self.by_label_overlap[label]):>22}"
            )
        rows.append(f"{'official names':28}{_prf(self.officials):>22}")
        for name, agreement in (
            ("official titles (found)", self.official_titles),
            ("official organisation", self.official_organizations),
        ):
            rows.append(f"{name:28}{agreement.accuracy:>12.2f} of {agreement.total:<6}")
        rows.append(f"{'events (type, date, place)':28}{_prf(self.events):>22}")
        rows.append(f"{'boilerplate lines':28}{_prf(self.boilerplate):>22}")
        rows.append(f"{'body lines':28}{_prf(self.body):>22}")
        if unscored := sorted(set(self.by_label_exact) - in_gold):
            rows.append(f"not in the gold, so not scored: {', '.join(unscored)}")
        return "\n".join(rows)


def _prf(counts: Counts) -> str:
    return f"{counts.precision:.2f} {counts.recall:.2f} {counts.f1:.2f}"
