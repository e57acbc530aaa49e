"""The suggester interface and the composer that joins what the suggesters propose.

A suggester is a small component with a `name` and a `suggest` method: it reads one article
(`SuggestContext`) and what the suggesters before it had kept (`Kept`), and proposes scored
spans (`Scored`: a label, a stretch, its source and a score in [0, 1]), officials' mentions
(`MentionDraft`) and events (`EventDraft`). `compose` runs the suggesters in priority order and
resolves their conflicts: two suggestions of one label never overlap. A suggestion that overlaps
one kept from an earlier suggester is dropped (priority first); within one suggester the higher
score wins, then the longer stretch, then the earlier one. Suggestions of different labels may
overlap (an EVENT sentence holds its OFFICIAL, a boilerplate region holds whole lines).

Rejections are applied last, when ids are given: a rejected stretch leaves the set, but it still
held its place against lower-priority suggestions (a rejected rule name does not make room for a
tagger's guess inside it). Records follow their spans: an official is kept with the mentions
that remain, an event only with its evidence.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Protocol, TypeVar

from annotator.frozen import quick_init
from annotator.model import AUTO, AnnotationSet, Article, Event, Official, Span
from annotator.suggest.boilerplate import CueMemo, LineKind, classify_lines
from annotator.suggest.corpus import CorpusStats
from annotator.suggest.event_classifier import EventClassifier
from annotator.suggest.gazetteer import Gazetteer
from annotator.suggest.lexicons import Lexicons
from annotator.suggest.lines import Line, article_lines
from annotator.suggest.officials import TitleMention
from annotator.suggest.person_tagger import PersonTagger

# prose an official or an event may be named in; a repeated paragraph is furniture, cut from
# body exports. A caption tells what the photo shows (9月2日,…参观自治区博物馆): prose too.
PROSE_LINE_KINDS = frozenset({None, "caption"})
SpanKey = tuple[str, int, int]  # (label, start, end)
T = TypeVar("T")


@quick_init
@dataclass(frozen=True, slots=True)
class Scored:
    """One suggested span. `source` names the suggester (or, for one of several rules, the rule
    that fired; stored as the span's `rule`); `score` is its confidence in [0, 1]."""

    label: str
    start: int
    end: int
    source: str
    score: float
    # (label, start, end), made once: the composer asks it of each suggestion several times
    key: SpanKey = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score {self.score!r} of {self.source} is outside [0, 1]")
        object.__setattr__(self, "key", (self.label, self.start, self.end))


@dataclass(frozen=True, slots=True)
class MentionDraft:
    """An official named at `span` (an OFFICIAL suggestion), with the titles written beside it
    (`titles` hold the organization each title names; `title_spans` are their TITLE spans)."""

    span: Scored
    name: str
    titles: tuple[TitleMention, ...] = ()
    title_spans: tuple[Scored, ...] = ()


@dataclass(frozen=True, slots=True)
class EventDraft:
    """An event (its ids unset) and the spans it links to. Its participants are the officials
    named in the first of `participants_in` (stretches of the text) that names any."""

    event: Event
    evidence: Scored
    place: Scored | None = None
    date: Scored | None = None
    participants_in: tuple[tuple[int, int], ...] = ()
    # stretches whose officials are cited, not taking part (贯彻落实习近平总书记关于…)
    cited_in: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Suggestions:
    """What one suggester proposes. `names`: names it vouches for beyond its mentions, which a
    later suggester may link elsewhere in the article."""

    spans: tuple[Scored, ...] = ()
    mentions: tuple[MentionDraft, ...] = ()
    events: tuple[EventDraft, ...] = ()
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class SuggestContext:
    """One article and the inputs every suggester may read. The line verdicts are computed once,
    on first use, and shared (not slotted: cached_property keeps them on the instance). Built
    per article, never shared between articles."""

    article: Article
    lexicons: Lexicons
    gazetteer: Gazetteer
    corpus: CorpusStats | None = None
    tagger: PersonTagger | None = None
    event_classifier: EventClassifier | None = None  # None: the trigger rules alone
    cue_memo: CueMemo | None = None  # shared by the articles of a run (see CueMemo)
    _shared: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def shared(self, key: str, compute: Callable[[], T]) -> T:
        """What several suggesters read (one scan of the prose for dates and events), computed
        once per article by whichever asks first."""
        if key not in self._shared:
            self._shared[key] = compute()
        return self._shared[key]  # type: ignore[return-value]

    @cached_property
    def verdicts(self) -> tuple[LineKind, ...]:
        return tuple(
            classify_lines(
                self.article,
                article_lines(self.article),
                lexicons=self.lexicons,
                corpus=self.corpus,
                gazetteer=self.gazetteer,
                memo=self.cue_memo,
            )
        )

    @cached_property
    def prose(self) -> tuple[Line, ...]:
        """The lines officials and events are looked for in, in text order."""
        return tuple(v.line for v in self.verdicts if v.kind in PROSE_LINE_KINDS)


@dataclass(frozen=True, slots=True)
class Kept:
    """What the composer has kept so far, for the suggesters after it to read."""

    mentions: tuple[MentionDraft, ...] = ()
    names: frozenset[str] = frozenset()


class Suggester(Protocol):
    name: str

    def suggest(self, context: SuggestContext, kept: Kept) -> Suggestions: ...


@dataclass(slots=True)
class _Claims:
    """Stretches kept per label; a new stretch of a label may not overlap one of that label.
    The stretches of a label never overlap one another, so kept sorted by start their ends are
    sorted too, and one bisection answers (a long page has thousands of suggestions)."""

    starts: dict[str, list[int]] = field(default_factory=dict)
    ends: dict[str, list[int]] = field(default_factory=dict)
    keys: set[SpanKey] = field(default_factory=set)

    def free(self, span: Scored, *, shared: bool = True) -> bool:
        """Whether `span` fits. The same stretch and label again fits when it may be `shared`
        (a title of two mentions, the sentence of two events), never for a mention: one
        official per stretch."""
        if span.key in self.keys:
            return shared
        before = bisect.bisect_left(self.starts.get(span.label, ()), span.end)
        return before == 0 or self.ends[span.label][before - 1] <= span.start

    def claim(self, span: Scored) -> None:
        if span.key not in self.keys:
            self.keys.add(span.key)
            starts = self.starts.setdefault(span.label, [])
            at = bisect.bisect_left(starts, span.start)
            starts.insert(at, span.start)
            self.ends.setdefault(span.label, []).insert(at, span.end)


def _rank(span: Scored) -> tuple[float, int, int]:
    return -span.score, -(span.end - span.start), span.start


def _resolve(claims: _Claims, proposed: Suggestions) -> Suggestions:
    """What of one suggester's proposal fits beside what is kept: its items in their order,
    tried best first. A mention or event stands or falls with its own span; its titles and
    place are then kept where they fit."""
    items: list[tuple[Scored, object]] = [(s, s) for s in proposed.spans]
    items += [(m.span, m) for m in proposed.mentions]
    items += [(e.evidence, e) for e in proposed.events]
    kept_ids: set[int] = set()
    for position in sorted(range(len(items)), key=lambda i: _rank(items[i][0])):
        span, item = items[position]
        if claims.free(span, shared=not isinstance(item, MentionDraft)):
            claims.claim(span)
            kept_ids.add(position)
    spans, mentions, events = [], [], []
    for position, (span, item) in enumerate(items):
        if position not in kept_ids:
            continue
        # most parts fit: the item itself then, not a copy of it (a replace per item cost)
        if isinstance(item, MentionDraft):
            titles = _fitting(claims, item.title_spans)
            mentions.append(
                item if titles == item.title_spans else replace(item, title_spans=titles)
            )
        elif isinstance(item, EventDraft):
            place = _fitting(claims, (item.place,) if item.place else ())
            date = _fitting(claims, (item.date,) if item.date else ())
            fits = (place[0] if place else None, date[0] if date else None)
            events.append(
                item
                if fits == (item.place, item.date)
                else replace(item, place=fits[0], date=fits[1])
            )
        else:
            spans.append(span)
    return Suggestions(tuple(spans), tuple(mentions), tuple(events), proposed.names)


def _fitting(claims: _Claims, spans: Iterable[Scored]) -> tuple[Scored, ...]:
    fitting = []
    for span in spans:
        if claims.free(span):
            claims.claim(span)
            fitting.append(span)
    return tuple(fitting)


def compose(
    context: SuggestContext,
    suggesters: Sequence[Suggester],
    *,
    rejected: Collection[tuple[str, int, int, str]] = (),
) -> AnnotationSet:
    """The `auto` set of the article: the suggesters' proposals, in priority order (first wins),
    without overlaps of one label, without what was rejected before."""
    claims = _Claims()
    kept = Kept()
    accepted: list[Suggestions] = []
    for suggester in suggesters:
        resolved = _resolve(claims, suggester.suggest(context, kept))
        accepted.append(resolved)
        kept = Kept(
            kept.mentions + resolved.mentions,
            kept.names | {m.name for m in resolved.mentions} | set(resolved.names),
        )
    return _annotation_set(context, accepted, frozenset(rejected))


@dataclass(slots=True)
class _Numbered:
    """Local span ids in the order spans are added; rejected spans get none."""

    article: Article
    rejected: frozenset[tuple[str, int, int, str]]
    spans: list[Span] = field(default_factory=list)
    ids: dict[SpanKey, int] = field(default_factory=dict)

    def add(self, span: Scored) -> int | None:
        if span.key in self.ids:
            return self.ids[span.key]
        text = self.article.text[span.start : span.end]
        if span.start >= span.end or (self.rejected and (*span.key, text) in self.rejected):
            return None
        number = len(self.spans) + 1
        self.spans.append(
            Span(
                self.article.id,
                AUTO,
                span.label,
                span.start,
                span.end,
                text,
                id=number,
                rule=span.source,
                score=round(span.score, 4),
            )
        )
        self.ids[span.key] = number
        return number

    def added(self, spans: Iterable[Scored]) -> tuple[int, ...]:
        return tuple(dict.fromkeys(n for s in spans if (n := self.add(s)) is not None))


def _annotation_set(
    context: SuggestContext, accepted: Sequence[Suggestions], rejected: frozenset
) -> AnnotationSet:
    article = context.article
    numbered = _Numbered(article, rejected)
    for resolved in accepted:  # spans without records: regions, dates
        numbered.added(resolved.spans)
    officials = _officials(context, numbered, [m for r in accepted for m in r.mentions])
    events = _events(article, numbered, officials, [e for r in accepted for e in r.events])
    return AnnotationSet(
        article.id, AUTO, spans=tuple(numbered.spans), officials=officials, events=events
    )


def _officials(
    context: SuggestContext, numbered: _Numbered, mentions: list[MentionDraft]
) -> tuple[Official, ...]:
    """One official per name, over its mentions in text order (a rejected mention too, as for
    its titles): the titles in the order they are written (else those the gazetteer knows),
    the organization of the first title, the TITLE spans that name them."""
    mention_ids: dict[str, list[int]] = {}
    titles: dict[str, dict[str, None]] = {}
    title_ids: dict[str, dict[int, None]] = {}
    organizations: dict[str, str | None] = {}
    for mention in sorted(mentions, key=lambda m: m.span.start):
        title_ids.setdefault(mention.name, {}).update(
            dict.fromkeys(numbered.added(mention.title_spans))
        )
        for title in mention.titles:
            titles.setdefault(mention.name, {})[title.text] = None
            organizations.setdefault(mention.name, title.organization)
        span_id = numbered.add(mention.span)
        if span_id is not None:
            mention_ids.setdefault(mention.name, []).append(span_id)
    known = context.gazetteer.officials
    return tuple(
        Official(
            context.article.id,
            AUTO,
            name,
            titles=tuple(titles.get(name, {})) or tuple(known.get(name, ())),
            organization=organizations.get(name),
            mentions=tuple(ids),
            id=number,
            title_spans=tuple(title_ids.get(name, {})),
        )
        for number, (name, ids) in enumerate(mention_ids.items(), start=1)
    )


def _events(
    article: Article,
    numbered: _Numbered,
    officials: Sequence[Official],
    drafts: list[EventDraft],
) -> tuple[Event, ...]:
    where = {s.id: (s.start, s.end) for s in numbered.spans}

    def named_in(
        start: int, end: int, cited: Sequence[tuple[int, int]]
    ) -> list[tuple[int, tuple[int, ...]]]:
        found = []
        for official in officials:
            inside = tuple(
                m
                for m in official.mentions
                if start <= where[m][0]
                and where[m][1] <= end
                and not any(s <= where[m][0] and where[m][1] <= e for s, e in cited)
            )
            if inside and official.id is not None:
                found.append((official.id, inside))
        return found

    events: list[Event] = []
    for draft in drafts:
        evidence = numbered.add(draft.evidence)
        if evidence is None:
            continue
        place = numbered.add(draft.place) if draft.place is not None else None
        date = numbered.add(draft.date) if draft.date is not None else None
        named = next(
            (n for s, e in draft.participants_in if (n := named_in(s, e, draft.cited_in))), []
        )
        events.append(
            replace(
                draft.event,
                article_id=article.id,
                annotator=AUTO,
                participants=tuple(official for official, _ in named),
                evidence=evidence,
                id=len(events) + 1,
                place_span=place,
                date_span=date,
                participant_spans=tuple(m for _, inside in named for m in inside),
            )
        )
    return tuple(events)
