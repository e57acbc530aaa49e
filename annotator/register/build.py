"""Build the register: sightings -> persons -> posts, with every flag attached."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from annotator.register.contradictions import post_clashes, title_chains, title_owners
from annotator.register.entries import (
    ArticleRecords,
    Decision,
    Flag,
    Person,
    Post,
    Register,
    Sighting,
)
from annotator.register.identity import apply_decisions, cluster_name, same_name_flags
from annotator.register.sightings import read_articles


def build_register(
    articles: Iterable[ArticleRecords], decisions: Sequence[Decision] = ()
) -> Register:
    sightings, flags, heads = read_articles(iter(articles))
    by_key: dict[str, list[Sighting]] = defaultdict(list)
    for s in sightings:
        by_key[s.key].append(s)
    groups: list[list[Sighting]] = []
    decided = {key for d in decisions for _, key in d.mentions}
    for _, found in sorted(by_key.items()):
        groups += cluster_name(found)
    persons = _name_persons(apply_decisions(groups, decisions))
    flags += same_name_flags(persons, decided)
    person_of = {s.mention: p.id for p in persons for s in p.sightings}
    for person in persons:
        flags += title_chains(person.id, person.sightings)
    flags += post_clashes(persons)
    flags += title_owners(sightings, heads, person_of)
    return Register(tuple(_with_flags(persons, flags)), tuple(flags), len(heads))


def _name_persons(groups: list[list[Sighting]]) -> list[Person]:
    """Ids are the name key, then #2, #3… for further persons of one name, earliest first."""

    def first_seen(group: list[Sighting]) -> tuple[str, str]:
        dates = [s.date for s in group if s.date]
        return (min(dates) if dates else "9999", min(s.article_id for s in group))

    taken: Counter[str] = Counter()
    persons = []
    for group in sorted(groups, key=first_seen):
        key = Counter(s.key for s in group).most_common(1)[0][0]
        taken[key] += 1
        person_id = key if taken[key] == 1 else f"{key}#{taken[key]}"
        persons.append(_person(person_id, group))
    return sorted(persons, key=lambda p: p.id)


def _person(person_id: str, sightings: list[Sighting]) -> Person:
    spellings = Counter(s.name for s in sightings)
    name = spellings.most_common(1)[0][0]
    articles = sorted({s.article_id for s in sightings})
    events = {
        (e["article"], e["type"], e["date"], e["place"]): e for s in sightings for e in s.events
    }
    sources = Counter(source for _, source in {(s.article_id, s.source) for s in sightings})
    return Person(
        id=person_id,
        name=name,
        variants=tuple(sorted(set(spellings) - {name})),
        posts=tuple(_posts(sightings)),
        articles=tuple(articles),
        events=tuple(events[k] for k in sorted(events, key=lambda k: (k[2] or "", k[0], k[1]))),
        sources=dict(sorted(sources.items())),
        sightings=tuple(sightings),
    )


# A title that starts with one of these names its place only by the article's context
# (自治区主席 in a Xinjiang story); one that ends a longer title of the same person
# (新疆维吾尔自治区主席) is that post, written short.
_CONTEXT_PREFIXES = ("自治区", "省", "市", "区", "州", "县")


def _full_titles(titles: set[str]) -> dict[str, str]:
    """Each title -> the post it names: the longest title of the person that ends with it, when
    it starts with a context word; else itself."""
    full = {}
    for title in titles:
        longer = [
            t
            for t in titles
            if t != title and t.endswith(title) and title.startswith(_CONTEXT_PREFIXES)
        ]
        full[title] = max(longer, key=len) if len(longer) == 1 else title
    return full


def _posts(sightings: list[Sighting]) -> list[Post]:
    full = _full_titles({t for s in sightings for t in s.titles})
    seen: dict[str, list[Sighting]] = defaultdict(list)
    for s in sightings:
        for title in dict.fromkeys(full[t] for t in s.titles):
            seen[title].append(s)
    posts = []
    for title, holders in seen.items():
        dates = sorted(s.date for s in holders if s.date)
        organizations = Counter(
            s.organization
            for s in holders
            if s.organization
            and any(full[t] == title and t.startswith(s.organization) for t in s.titles)
        )
        posts.append(
            Post(
                title=title,
                organization=organizations.most_common(1)[0][0] if organizations else None,
                first_seen=dates[0] if dates else None,
                last_seen=dates[-1] if dates else None,
                articles=tuple(sorted({s.article_id for s in holders})),
            )
        )
    return sorted(posts, key=lambda p: (p.first_seen or "9999", p.title))


def _with_flags(persons: list[Person], flags: list[Flag]) -> list[Person]:
    of_person: dict[str, list[Flag]] = defaultdict(list)
    for flag in flags:
        for person_id in flag.persons:
            of_person[person_id].append(flag)
    return [replace(p, flags=tuple(of_person.get(p.id, ()))) for p in persons]
