"""`suggest_article`: one article in, the draft `auto` annotation set out."""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from typing import Literal

from annotator.model import AUTO, AnnotationSet, Article, Event, Official, region_label
from annotator.suggest.boilerplate import LineKind, classify_lines
from annotator.suggest.corpus import CorpusStats
from annotator.suggest.dates import DateContext
from annotator.suggest.draft import DraftSpans
from annotator.suggest.events import EventMention, find_events, merge_events
from annotator.suggest.gazetteer import Gazetteer
from annotator.suggest.lexicons import Lexicons, default_lexicons
from annotator.suggest.lines import article_lines
from annotator.suggest.names import NameRules
from annotator.suggest.officials import (
    NameMention,
    find_in_line,
    is_credit,
    link_known,
    sole_surname_owners,
    sole_title_holders,
    surname_title_mentions,
    title_only_mentions,
    titles_by_name,
)
from annotator.suggest.person_tagger import PersonTagger, shipped_tagger
from annotator.suggest.strings import occurrences_of_each
from annotator.suggest.tagged_officials import tagged_officials
from annotator.suggest.taken import Taken

TEACHING_RULES = frozenset({"title-chain", "leader-list"})
# prose an official may be named in; a repeated paragraph is furniture, cut from body exports
OFFICIAL_LINE_KINDS = frozenset({None, "caption"})


def suggest_article(
    article: Article,
    *,
    corpus: CorpusStats | None = None,
    gazetteer: Gazetteer | None = None,
    rejected: Collection[tuple[str, int, int, str]] = (),
    lexicons: Lexicons | None = None,
    tagger: PersonTagger | None | Literal["shipped"] = "shipped",
) -> AnnotationSet:
    """`tagger`: the person-name tagger whose officials join the rules' ("shipped": the model
    in resources/models; None: the rules alone)."""
    lexicons = lexicons if lexicons is not None else default_lexicons()
    if tagger == "shipped":
        tagger = shipped_tagger()
    gazetteer = gazetteer if gazetteer is not None else Gazetteer()
    verdicts = classify_lines(
        article, article_lines(article), lexicons=lexicons, corpus=corpus, gazetteer=gazetteer
    )
    draft = DraftSpans(article, frozenset(rejected))
    _add_regions(draft, verdicts)
    officials = _add_officials(draft, article, verdicts, lexicons, gazetteer, tagger)
    events = _add_events(draft, article, verdicts, lexicons, officials)
    return AnnotationSet(
        article.id, AUTO, spans=tuple(draft.spans), officials=tuple(officials), events=tuple(events)
    )


def _add_regions(draft: DraftSpans, verdicts: Sequence[LineKind]) -> None:
    """Adjacent lines of one kind become one region span."""
    group: list[LineKind] = []
    for verdict in [*verdicts, None]:
        if group and (verdict is None or verdict.kind != group[0].kind):
            rules = ",".join(dict.fromkeys(v.rule for v in group))
            kind = group[0].kind
            assert kind is not None
            draft.add(
                region_label(kind), group[0].line.start, group[-1].line.end, f"boilerplate:{rules}"
            )
            group = []
        if verdict is not None and verdict.kind is not None:
            group.append(verdict)


def _mentions(
    article: Article,
    verdicts: Sequence[LineKind],
    lexicons: Lexicons,
    gazetteer: Gazetteer,
    tagger: PersonTagger | None,
) -> list[NameMention]:
    """Two passes: names found by the rules become known, so names run together elsewhere
    (李希王伟中…参加有关活动) can be split and every other mention linked."""
    text = article.text
    lines = [v.line for v in verdicts if v.kind in OFFICIAL_LINE_KINDS]
    on_page = occurrences_of_each(tuple(gazetteer.officials), text)
    rules = NameRules(lexicons).with_known(name for name, _ in on_page)
    # only the confident rules teach names: a guess at a run-together list must not
    first = [
        m for line in lines for m in find_in_line(line.text, rules) if m.rule in TEACHING_RULES
    ]
    rules = rules.with_known(m.name for m in first)
    found_by_line = [_without_overlaps(find_in_line(line.text, rules)) for line in lines]
    if tagger is not None:  # persons beside a title that the rules did not find
        for line, found in zip(lines, found_by_line, strict=True):
            claimed = Taken(len(line.text), tuple((m.start, m.end) for m in found))
            credit = functools.partial(is_credit, lexicons=lexicons)
            found += tagged_officials(line.text, tagger, lexicons, claimed, is_credit=credit)
            found.sort(key=lambda m: m.start)
    rules = rules.with_known(m.name for found in found_by_line for m in found)
    owners = sole_surname_owners((m.name for f in found_by_line for m in f), lexicons)
    holders = sole_title_holders(titles_by_name(m for f in found_by_line for m in f), lexicons)
    mentions: list[NameMention] = []
    for line, found in zip(lines, found_by_line, strict=True):
        taken = Taken(len(line.text), tuple((m.start, m.end) for m in found))
        found += link_known(line.text, rules.known, taken, lexicons)
        found += surname_title_mentions(line.text, owners, taken, lexicons)
        found += title_only_mentions(line.text, holders, taken)
        mentions += [
            NameMention(
                m.start + line.start, m.end + line.start, m.name, m.rule, _shift(m, line.start)
            )
            for m in found
        ]
    return mentions


def _shift(mention: NameMention, offset: int) -> tuple:
    from dataclasses import replace

    return tuple(replace(t, start=t.start + offset, end=t.end + offset) for t in mention.titles)


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


def _add_officials(
    draft: DraftSpans,
    article: Article,
    verdicts: Sequence[LineKind],
    lexicons: Lexicons,
    gazetteer: Gazetteer,
    tagger: PersonTagger | None,
) -> list[Official]:
    mentions = _mentions(article, verdicts, lexicons, gazetteer, tagger)
    titles = titles_by_name(mentions)
    organizations: dict[str, str | None] = {}
    span_ids: dict[str, list[int]] = {}
    for mention in mentions:
        for title in mention.titles:
            draft.add("TITLE", title.start, title.end, "title-chain")
            organizations.setdefault(mention.name, title.organization)
        span_id = draft.add("OFFICIAL", mention.start, mention.end, mention.rule)
        if span_id is not None:
            span_ids.setdefault(mention.name, []).append(span_id)
    return [
        Official(
            article.id,
            AUTO,
            name,
            titles=titles.get(name) or tuple(gazetteer.officials.get(name, ())),
            organization=organizations.get(name),
            mentions=tuple(ids),
            id=number,
        )
        for number, (name, ids) in enumerate(span_ids.items(), start=1)
    ]


def _add_events(
    draft: DraftSpans,
    article: Article,
    verdicts: Sequence[LineKind],
    lexicons: Lexicons,
    officials: Sequence[Official],
) -> list[Event]:
    context = DateContext.for_published(article.published)
    found: list[tuple[int, EventMention]] = []
    for index, verdict in enumerate(verdicts):
        line = verdict.line
        if verdict.kind not in (None, "caption"):
            continue
        # a caption tells what the photo shows (9月2日,…参观自治区博物馆): an event like prose
        in_line, dates, context = find_events(line.text, line.start, context, lexicons)
        for date in dates:
            draft.add("DATE", date.start, date.end, "date")
        found += [(index, event) for event in in_line]
    mention_at = {s.id: (s.start, s.end) for s in draft.spans}

    def named_in(start: int, end: int) -> tuple[int, ...]:
        return tuple(
            o.id
            for o in officials
            if o.id is not None
            and any(start <= mention_at[m][0] and mention_at[m][1] <= end for m in o.mentions)
        )

    events: list[Event] = []
    for index, event in merge_events(found):
        line = verdicts[index].line
        evidence = draft.add(
            "EVENT", event.sentence_start, event.sentence_end, f"trigger:{event.trigger}"
        )
        if evidence is None:
            continue
        if event.place is not None:
            draft.add("PLACE", event.place.start, event.place.end, "place")
        participants = named_in(event.sentence_start, event.sentence_end) or named_in(
            line.start, line.end
        )
        events.append(
            Event(
                article.id,
                AUTO,
                event.type,
                date=event.date.date if event.date else None,
                end_date=event.date.end_date if event.date else None,
                place=event.place.text if event.place else None,
                participants=participants,
                evidence=evidence,
                id=len(events) + 1,
            )
        )
    return events
