"""Contradictions across articles that no single article shows, each with its articles.

- post_clash: two persons holding one one-holder post (河南省委书记) on overlapping dates;
- title_chain: one person, two articles of the same day, title chains that contradict (neither
  holds the other: a shorter chain is an omission, not a contradiction);
- title_owner: near-identical articles (the same headline) that give one title to different
  people.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from itertools import combinations

from annotator.register.entries import ArticleRecords, Flag, Person, Sighting
from annotator.register.places import is_single_holder

_HEADLINE_NOISE = re.compile(r"[\s\u3000]+")
MIN_HEADLINE = 6  # shorter headlines (要闻, 新闻) say nothing about two pages being one story


def post_clashes(persons: Sequence[Person]) -> list[Flag]:
    holders: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = defaultdict(list)
    for person in persons:
        for post in person.posts:
            if post.first_seen and post.last_seen and is_single_holder(post.title):
                holders[post.title].append(
                    (post.first_seen, post.last_seen, person.id, post.articles)
                )
    flags = []
    for title, spans in sorted(holders.items()):
        for a, b in combinations(sorted(spans), 2):
            if a[2] != b[2] and a[0] <= b[1] and b[0] <= a[1]:
                flags.append(
                    Flag(
                        "post_clash",
                        f"{title} held by {a[2]} ({a[0]}…{a[1]}) and {b[2]} ({b[0]}…{b[1]})",
                        tuple(sorted({*a[3], *b[3]})),
                        (a[2], b[2]),
                    )
                )
    return flags


def title_chains(person_id: str, sightings: Sequence[Sighting]) -> list[Flag]:
    by_day: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for s in sightings:
        if s.date and len(s.date) == 10 and s.titles:
            by_day[s.date].setdefault(s.article_id, set()).update(s.titles)
    flags = []
    for day, chains in sorted(by_day.items()):
        for (first, a), (second, b) in combinations(sorted(chains.items()), 2):
            if not (a <= b or b <= a):
                flags.append(
                    Flag(
                        "title_chain",
                        f"{person_id} on {day}: {'、'.join(sorted(a))} in one article, "
                        f"{'、'.join(sorted(b))} in another",
                        (first, second),
                        (person_id,),
                    )
                )
    return flags


def title_owners(
    sightings: Sequence[Sighting],
    articles: Mapping[str, ArticleRecords],
    person_of: Mapping[tuple[str, str], str],
) -> list[Flag]:
    by_headline: dict[str, list[str]] = defaultdict(list)
    for article in articles.values():
        headline = _HEADLINE_NOISE.sub("", article.title or "")
        if len(headline) >= MIN_HEADLINE:
            by_headline[headline].append(article.article_id)
    stories = {aid: h for h, ids in by_headline.items() if len(ids) > 1 for aid in ids}
    holders: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(lambda: defaultdict(dict))
    for s in sightings:
        if s.article_id in stories:
            for title in s.titles:
                holders[stories[s.article_id]][title].setdefault(s.article_id, set()).add(
                    person_of[s.mention]
                )
    flags = []
    for headline, titles in sorted(holders.items()):
        for title, per_article in sorted(titles.items()):
            for (first, a), (second, b) in combinations(sorted(per_article.items()), 2):
                if a != b:
                    flags.append(
                        Flag(
                            "title_owner",
                            f"{title}: {'、'.join(sorted(a))} in one copy of 《{headline}》, "
                            f"{'、'.join(sorted(b))} in another",
                            (first, second),
                            tuple(sorted(a | b)),
                        )
                    )
    return flags
