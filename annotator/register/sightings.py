"""From one article's records to sightings: who, with which titles, on which date.

A record named by surname + title (马书记, as an annotator may type it) is a mention of the one
official of that article who has that surname and that title; with no such single holder it is
reported as unresolved rather than counted as a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from annotator.model import Event, Official
from annotator.register.entries import ArticleRecords, Flag, Sighting
from annotator.register.places import name_key
from annotator.resources import read_text
from annotator.suggest.lexicons import parse_entries

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # a year, a month or a day, nothing guessed


def usable_date(value: str | None) -> str | None:
    return value if value and _DATE.match(value) else None


@dataclass(frozen=True, slots=True)
class _TitleWords:
    surnames: frozenset[str]
    title_set: frozenset[str]
    title_lengths: tuple[int, ...]  # longest first


@cache
def _title_words() -> _TitleWords:
    titles = frozenset(parse_entries(read_text("lexicons", "titles.txt")))
    return _TitleWords(
        surnames=frozenset(parse_entries(read_text("lexicons", "surnames.txt"))),
        title_set=titles,
        title_lengths=tuple(sorted({len(t) for t in titles}, reverse=True)),
    )


@lru_cache(maxsize=65536)
def surname_title(name: str) -> tuple[str, str] | None:
    """(surname, title) when `name` is a surname followed by a title word (马书记, 欧阳主席)."""
    words = _title_words()
    for length in words.title_lengths:  # longest first: 常务副省长 before 省长
        title = name[-length:]
        if len(name) > length and title in words.title_set:
            surname = name[:-length]
            if surname in words.surnames:
                return surname, title
    return None


def _event_item(article_id: str, event: Event) -> dict[str, Any]:
    item = {"article": article_id, "type": event.type, "date": event.date, "place": event.place}
    if event.modality is not None:  # planned, hoped…: said only when it did not happen
        item["modality"] = event.modality
    return item


def read_article(article: ArticleRecords) -> tuple[list[Sighting], list[Flag]]:
    """The sightings of one article, and a flag per surname + title record left unresolved."""
    officials = article.officials
    full_names = {i: name_key(o.name) for i, o in enumerate(officials) if not surname_title(o.name)}
    keys: dict[int, str] = dict(full_names)
    flags: list[Flag] = []
    for i, official in enumerate(officials):
        parts = surname_title(official.name)
        if parts is None:
            continue
        holder = _sole_holder(parts, officials, full_names)
        if holder is None:
            flags.append(
                Flag(
                    "unresolved",
                    f"{official.name}: no single official of the article has surname "
                    f"{parts[0]} and title {parts[1]}",
                    (article.article_id,),
                )
            )
            continue
        keys[i] = holder
    position = {o.id: i for i, o in enumerate(officials) if o.id is not None}
    events_of: dict[int, list[Event]] = {}
    for event in article.events:
        for participant in dict.fromkeys(event.participants):
            if participant in position:
                events_of.setdefault(position[participant], []).append(event)
    sightings = [
        _sighting(article, officials[i], key, events_of.get(i, []))
        for i, key in sorted(keys.items())
    ]
    return sightings, flags


def _sole_holder(
    parts: tuple[str, str], officials: tuple[Official, ...], full_names: dict[int, str]
) -> str | None:
    surname, title = parts
    found = {
        key
        for i, key in full_names.items()
        if key.startswith(surname) and any(t.endswith(title) for t in officials[i].titles)
    }
    return found.pop() if len(found) == 1 else None


def _sighting(
    article: ArticleRecords, official: Official, key: str, events: list[Event]
) -> Sighting:
    date = usable_date(article.published) or min(  # a planned visit's day is no sighting's
        (d for e in events if e.modality is None and (d := usable_date(e.date))), default=None
    )
    return Sighting(
        article_id=article.article_id,
        name=official.name,
        key=key,
        titles=tuple(official.titles),
        organization=official.organization,
        date=date,
        source=article.source,
        events=tuple(_event_item(article.article_id, e) for e in events),
    )


def read_articles(
    articles: Iterator[ArticleRecords] | list[ArticleRecords],
) -> tuple[list[Sighting], list[Flag], dict[str, ArticleRecords]]:
    """Every sighting and unresolved flag of a corpus; the articles by id, without their
    records (the contradiction checks need titles and dates only)."""
    sightings: list[Sighting] = []
    flags: list[Flag] = []
    heads: dict[str, ArticleRecords] = {}
    for article in articles:
        found, unresolved = read_article(article)
        sightings += found
        flags += unresolved
        heads[article.article_id] = ArticleRecords(
            article.article_id, article.title, article.published, article.source, ()
        )
    return sightings, flags, heads
