"""The suggesters, each a small component behind `compose.Suggester`, in priority order.

A rule's score is its confidence as a prior in [0, 1] (rules have no probability of their own):
RULE_SCORES says how far each rule is trusted, the same on every page. They are set by hand, in
the order of each rule's exact-match precision on the seed, held-out and blind gold pages
(2026-11-30: dates 1.00, official rules 0.98-1.00, titles 0.95, event sentences 0.84, places
0.75) and below it, since those pages shaped the rules; outside news does worse. The name
tagger's score is the CRF's own probability of the name. The composer keeps, of two overlapping suggestions of
one label, the one from the earlier suggester (see compose.py), so a rule's name always wins
over a tagger's guess at the same place, as it did before scores existed.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from annotator.model import AUTO, Event, region_label
from annotator.suggest.boilerplate import WEAK_RULES, LineKind
from annotator.suggest.compose import (
    EventDraft,
    Kept,
    MentionDraft,
    Scored,
    SuggestContext,
    Suggester,
    Suggestions,
)
from annotator.suggest.dates import DateContext, DateMention
from annotator.suggest.event_merge import merge_events
from annotator.suggest.events import EventMention, find_events, references
from annotator.suggest.lines import Line
from annotator.suggest.names import NameRules
from annotator.suggest.officials import (
    NameMention,
    TitleMention,
    find_in_line,
    is_credit,
    link_known,
    sole_surname_owners,
    sole_title_holders,
    surname_title_mentions,
    title_only_mentions,
    titles_by_name,
)
from annotator.suggest.strings import occurrences_of_each
from annotator.suggest.tagged_officials import tagged_officials
from annotator.suggest.taken import Taken

# the confident rules: the names they find teach the others (a guess at a run-together list
# must not)
TEACHING_RULES = frozenset({"title-chain", "leader-list"})
RULE_SCORES = MappingProxyType(
    {
        "boilerplate": 0.9,  # a region by a cue word, the layout or the corpus
        "boilerplate-weak": 0.6,  # by a weak cue alone (WEAK_RULES: a date line, link density…)
        "title-chain": 0.95,  # 自治区党委书记马兴瑞: the name right after a title
        "leader-list": 0.9,  # 领导 马兴瑞、…
        "attendee-list": 0.85,  # …参加/出席: the names before the verb
        "enumeration": 0.8,  # 陈伟俊、薛斌分别…
        "known-name": 0.85,  # another mention of a name found on the page or in the gazetteer
        "surname-title": 0.7,  # 马书记, when one official alone has the surname
        "title-only": 0.6,  # 省长强调, when one official alone holds the title
        "title": 0.9,  # the TITLE span of a title chain
        "date": 0.95,
        "trigger": 0.8,  # an EVENT sentence by its trigger word
        "place": 0.7,  # the place an event's sentence names
    }
)


def _score(rule: str) -> float:
    return RULE_SCORES[rule]


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    """Adjacent lines of one boilerplate kind become one region span."""

    name: str = "boilerplate"

    def suggest(self, context: SuggestContext, kept: Kept) -> Suggestions:
        return Suggestions(spans=tuple(self._regions(context.verdicts)))

    def _regions(self, verdicts: Sequence[LineKind]) -> Iterator[Scored]:
        group: list[LineKind] = []
        for verdict in [*verdicts, None]:
            if group and (verdict is None or verdict.kind != group[0].kind):
                rules = tuple(dict.fromkeys(v.rule for v in group))
                kind = group[0].kind
                assert kind is not None
                weak = all(rule in WEAK_RULES for rule in rules)
                yield Scored(
                    region_label(kind),
                    group[0].line.start,
                    group[-1].line.end,
                    f"{self.name}:{','.join(rules)}",
                    _score("boilerplate-weak" if weak else "boilerplate"),
                )
                group = []
            if verdict is not None and verdict.kind is not None:
                group.append(verdict)


def _in_text(line: Line, mention: NameMention, score: float) -> MentionDraft:
    """A mention found in `line`, moved to article offsets, with its title spans."""
    titles = tuple(
        TitleMention(t.start + line.start, t.end + line.start, t.text, t.organization)
        for t in mention.titles
    )
    return MentionDraft(
        Scored(
            "OFFICIAL", mention.start + line.start, mention.end + line.start, mention.rule, score
        ),
        mention.name,
        titles,
        tuple(Scored("TITLE", t.start, t.end, "title-chain", _score("title")) for t in titles),
    )


def _known_on_page(context: SuggestContext) -> tuple[str, ...]:
    """The gazetteer's officials named somewhere in the article (one search of the text per
    article: OfficialRules and OfficialLinks both ask)."""

    def search() -> tuple[str, ...]:
        on_page = occurrences_of_each(tuple(context.gazetteer.officials), context.article.text)
        return tuple(name for name, _ in on_page)

    return context.shared("known on page", search)


@dataclass(frozen=True, slots=True)
class OfficialRules:
    """Names after a chain of titles, in leader and attendee lists, 、-joined lists. Two passes:
    the names the confident rules find become known, so names run together elsewhere
    (李希王伟中…参加有关活动) can be split."""

    name: str = "officials"

    def suggest(self, context: SuggestContext, kept: Kept) -> Suggestions:
        rules = NameRules(context.lexicons).with_known(_known_on_page(context))
        lines = context.prose
        found = [find_in_line(line.text, rules) for line in lines]
        first = [m for in_line in found for m in in_line if m.rule in TEACHING_RULES]
        taught = rules.with_known(m.name for m in first)
        # the rules ask the known names only about stretches of the line they read: a line
        # that holds none of the names just taught reads as it did in the first pass
        new = sorted(taught.known_set - rules.known_set)
        if new:
            found = [
                find_in_line(line.text, taught) if _holds_any(new, line.text) else in_line
                for line, in_line in zip(lines, found, strict=True)
            ]
        mentions = tuple(
            _in_text(line, mention, _score(mention.rule))
            for line, in_line in zip(lines, found, strict=True)
            for mention in _without_overlaps(in_line)
        )
        return Suggestions(mentions=mentions, names=tuple(m.name for m in first))


def _holds_any(words: Sequence[str], text: str) -> bool:
    return next(occurrences_of_each(words, text), None) is not None


def _without_overlaps(mentions: list[NameMention]) -> list[NameMention]:
    """One mention per stretch of text: the one with titles, else the longest, else the first."""
    ranked = sorted(mentions, key=lambda m: (not m.titles, -(m.end - m.start), m.start))
    taken = Taken(max((m.end for m in mentions), default=0))
    kept: list[NameMention] = []
    for mention in ranked:
        if not taken.overlaps(mention.start, mention.end):
            taken.add(mention.start, mention.end)
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


@dataclass(frozen=True, slots=True)
class TaggerOfficials:
    """Persons the name tagger finds beside a title (see tagged_officials.py), scored by the
    tagger's own probability. Skipped when the context has no tagger."""

    name: str = "tagger"

    def suggest(self, context: SuggestContext, kept: Kept) -> Suggestions:
        tagger = context.tagger
        if tagger is None:
            return Suggestions()
        credit = functools.partial(is_credit, lexicons=context.lexicons)
        # names the rules found win over the tagger's where they overlap: the composer decides
        mentions = tuple(
            _in_text(line, m, m.score if m.score is not None else 0.0)
            for line in context.prose
            for m in tagged_officials(
                line.text, tagger, context.lexicons, Taken(len(line.text)), is_credit=credit
            )
        )
        return Suggestions(mentions=mentions)


def _claimed_by_line(lines: Sequence[Line], mentions: Sequence[MentionDraft]) -> list[Taken]:
    """Per line, the stretches (line offsets) that `mentions` claim."""
    by_line: list[list[tuple[int, int]]] = [[] for _ in lines]
    starts = [line.start for line in lines]
    for mention in mentions:
        index = _line_of(starts, mention.span.start)
        if index is not None and mention.span.end <= lines[index].end:
            by_line[index].append(
                (mention.span.start - starts[index], mention.span.end - starts[index])
            )
    return [Taken(len(line.text), tuple(spans)) for line, spans in zip(lines, by_line, strict=True)]


def _line_of(starts: Sequence[int], position: int) -> int | None:
    index = bisect.bisect_right(starts, position) - 1
    return index if index >= 0 else None


@dataclass(frozen=True, slots=True)
class OfficialLinks:
    """The other mentions of the officials found so far: every later occurrence of a known name
    (found on the page, or known from the gazetteer), 马书记 when one official alone has the
    surname, 省长强调 when one alone holds the title."""

    name: str = "official-links"

    def suggest(self, context: SuggestContext, kept: Kept) -> Suggestions:
        lexicons = context.lexicons
        found = [_as_name_mention(m) for m in kept.mentions]
        known = (
            NameRules(lexicons)
            .with_known({*_known_on_page(context), *kept.names, *(m.name for m in found)})
            .known
        )
        owners = sole_surname_owners((m.name for m in found), lexicons)
        holders = sole_title_holders(titles_by_name(found), lexicons)
        mentions: list[MentionDraft] = []
        lines = context.prose
        for line, taken in zip(lines, _claimed_by_line(lines, kept.mentions), strict=True):
            linked = link_known(line.text, known, taken, lexicons)
            linked += surname_title_mentions(line.text, owners, taken, lexicons)
            linked += title_only_mentions(line.text, holders, taken, lexicons)
            mentions += [_in_text(line, m, _score(m.rule)) for m in linked]
        return Suggestions(mentions=tuple(mentions))


def _as_name_mention(mention: MentionDraft) -> NameMention:
    return NameMention(
        mention.span.start, mention.span.end, mention.name, mention.span.source, mention.titles
    )


Scan = tuple[list[tuple[int, EventMention]], list[DateMention]]


def _scan(context: SuggestContext) -> Scan:
    """Events and dates of the prose lines, in order, a date read against the ones before; one
    scan per article, whichever of Dates and Events asks first."""
    return context.shared("events and dates", lambda: _scanned(context))


def _scanned(context: SuggestContext) -> Scan:
    dates: list[DateMention] = []
    events: list[tuple[int, EventMention]] = []
    date_context = DateContext.for_published(context.article.published)
    for index, line in enumerate(context.prose):
        found, in_line, date_context = find_events(
            line.text,
            line.start,
            date_context,
            context.lexicons,
            classifier=context.event_classifier,
        )
        dates += in_line
        events += [(index, event) for event in found]
    return events, dates


@dataclass(frozen=True, slots=True)
class Dates:
    """Date expressions in prose (9月2日下午, 当天), read against the dateline and the article's
    publication day."""

    name: str = "dates"

    def suggest(self, context: SuggestContext, kept: Kept) -> Suggestions:
        _, dates = _scan(context)
        return Suggestions(spans=tuple(_date_span(d) for d in dates))


def _date_span(date: DateMention) -> Scored:
    return Scored("DATE", date.start, date.end, "date", _score("date"))


@dataclass(frozen=True, slots=True)
class Events:
    """Events by their trigger words, one per real event (event_merge.merge_events), with the
    sentence as evidence, the place it names (a PLACE span) and its date; its participants are
    the officials named in the sentence, else in the paragraph."""

    name: str = "events"

    def suggest(self, context: SuggestContext, kept: Kept) -> Suggestions:
        found, _ = _scan(context)
        lines = context.prose
        drafts = []
        starts = [line.start for line in lines]
        cited_by_line: dict[int, tuple[tuple[int, int], ...]] = {}  # several events a paragraph

        def cited(index: int) -> tuple[tuple[int, int], ...]:
            if index not in cited_by_line:
                line = lines[index]
                cited_by_line[index] = references(line.text, line.start, lexicons=context.lexicons)
            return cited_by_line[index]

        for index, mention in merge_events(found, lambda at: _line_of(starts, at) or 0):
            place = mention.place
            date = mention.date
            drafts.append(
                EventDraft(
                    Event(
                        context.article.id,
                        AUTO,
                        mention.type,
                        date=date.date if date else None,
                        end_date=date.end_date if date else None,
                        place=place.text if place else None,
                    ),
                    Scored(
                        "EVENT",
                        mention.sentence_start,
                        mention.sentence_end,
                        f"trigger:{mention.trigger}",
                        _score("trigger"),
                    ),
                    place=Scored("PLACE", place.start, place.end, "place", _score("place"))
                    if place
                    else None,
                    date=_date_span(date) if date and date.start < date.end else None,
                    participants_in=_participants_in(index, mention, lines),
                    cited_in=tuple(
                        stretch
                        for index in {index, *(p for p, _s, _e in mention.joined)}
                        for stretch in cited(index)
                    ),
                )
            )
        return Suggestions(events=tuple(drafts))


def _participants_in(
    index: int, mention: EventMention, lines: Sequence[Line]
) -> tuple[tuple[int, int], ...]:
    """Where an event's participants are looked for, in order: its sentence, its paragraph, then
    each sentence merged into it and that one's paragraph (a caption names the meeting, the
    paragraph below who held it)."""
    told = ((index, mention.sentence_start, mention.sentence_end), *mention.joined)
    return tuple(
        stretch for p, s, e in told for stretch in ((s, e), (lines[p].start, lines[p].end))
    )


def default_suggesters(*, with_tagger: bool = True) -> tuple[Suggester, ...]:
    """Every suggester, in priority order."""
    officials: tuple[Suggester, ...] = (OfficialRules(),)
    if with_tagger:
        officials += (TaggerOfficials(),)
    return (BoilerplateRules(), *officials, OfficialLinks(), Dates(), Events())
