"""The register's domain objects: what it reads per article and what it builds per person."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from annotator.model import Event, Official

FlagKind = Literal["same_name", "post_clash", "title_chain", "title_owner", "unresolved"]


@dataclass(frozen=True, slots=True)
class ArticleRecords:
    """One article's best available labels: gold, else a person's, else the suggestions."""

    article_id: str
    title: str | None
    published: str | None  # ISO date
    source: str  # whose set: "gold", an annotator's name, or "auto"
    officials: tuple[Official, ...]
    events: tuple[Event, ...] = ()


@dataclass(frozen=True, slots=True)
class Sighting:
    """One official record of one article, as the register reads it."""

    article_id: str
    name: str  # as written
    key: str  # name_key(name), or the holder's key for a resolved surname + title mention
    titles: tuple[str, ...]
    organization: str | None
    date: str | None  # the article's date, or the date of an event the person took part in
    source: str
    events: tuple[dict[str, Any], ...] = ()

    @property
    def mention(self) -> tuple[str, str]:
        """How a reviewer's decision names this sighting: stable across recomputation."""
        return (self.article_id, self.key)


@dataclass(frozen=True, slots=True)
class Post:
    title: str
    organization: str | None
    first_seen: str | None
    last_seen: str | None
    articles: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "organization": self.organization,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "articles": list(self.articles),
        }


@dataclass(frozen=True, slots=True)
class Flag:
    """Something a reviewer should look at, with the articles that show it."""

    kind: FlagKind
    message: str
    articles: tuple[str, ...]
    persons: tuple[str, ...] = ()  # person ids

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "message": self.message,
            "articles": list(self.articles),
            "persons": list(self.persons),
        }


@dataclass(frozen=True, slots=True)
class Person:
    id: str  # the name key, with "#2", "#3" for further persons of one name
    name: str  # the most frequent spelling
    variants: tuple[str, ...]  # every other spelling seen
    posts: tuple[Post, ...]  # by first seen
    articles: tuple[str, ...]
    events: tuple[dict[str, Any], ...]
    sources: dict[str, int]  # whose labels, how many articles each
    sightings: tuple[Sighting, ...] = field(repr=False, default=())
    flags: tuple[Flag, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "variants": list(self.variants),
            "posts": [post.as_json() for post in self.posts],
            "articles": list(self.articles),
            "events": list(self.events),
            "sources": dict(self.sources),
            "flags": [flag.as_json() for flag in self.flags],
        }


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's merge (these sightings are one person) or split (these sightings are a
    person of their own). Sightings are named by (article id, name key)."""

    op: Literal["merge", "split"]
    mentions: tuple[tuple[str, str], ...]

    def as_json(self) -> dict[str, Any]:
        return {"op": self.op, "mentions": [list(m) for m in self.mentions]}

    @classmethod
    def from_json(cls, item: Any) -> Decision:
        if not isinstance(item, dict) or item.get("op") not in ("merge", "split"):
            raise ValueError(f"not a register decision: {item!r}")
        mentions = item.get("mentions")
        if not isinstance(mentions, list) or not all(
            isinstance(m, list) and len(m) == 2 and all(isinstance(v, str) for v in m)
            for m in mentions
        ):
            raise ValueError(f"a register decision names sightings as [article, name]: {item!r}")
        return cls(item["op"], tuple((m[0], m[1]) for m in mentions))


@dataclass(frozen=True, slots=True)
class Register:
    persons: tuple[Person, ...]
    flags: tuple[Flag, ...]
    articles: int  # articles read

    def find(self, name: str) -> list[Person]:
        from annotator.register.places import name_key

        key = name_key(name)
        return [p for p in self.persons if p.id.split("#")[0] == key]
