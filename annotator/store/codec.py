"""Rows <-> domain objects. JSON columns hold lists; nothing else knows the column layout."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields
from functools import cache
from typing import Any, TypeVar

from annotator.model import Article, Block, Damage, Event, Official, OffsetMap, Span


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def article_row(article: Article, imported_at: str) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "outlet": article.outlet,
        "script": article.script,
        "raw_text": article.raw_text,
        "text": article.text,
        "offset_map": dumps(article.offset_map.to_json()),
        "damage": dumps([[d.start, d.end, d.kind] for d in article.damage]),
        "blocks": dumps(
            [
                [
                    b.start,
                    b.end,
                    b.tag_path,
                    b.link_density,
                    int(b.in_list),
                    int(b.heading),
                    b.indent,
                ]
                for b in article.blocks
            ]
        ),
        "cleaner_version": article.cleaner_version,
        "imported_at": imported_at,
    }


def article_from_row(row: Mapping[str, Any]) -> Article:
    return Article(
        id=row["id"],
        source=row["source"],
        url=row["url"],
        raw_text=row["raw_text"],
        text=row["text"],
        offset_map=OffsetMap.from_json(json.loads(row["offset_map"])),
        title=row["title"],
        published=row["published"],
        outlet=row["outlet"],
        script=row["script"],
        damage=tuple(Damage(s, e, k) for s, e, k in json.loads(row["damage"])),
        blocks=tuple(
            Block(s, e, path, density, bool(in_list), bool(heading), indent)
            for s, e, path, density, in_list, heading, indent in json.loads(row["blocks"])
        ),
        cleaner_version=row["cleaner_version"],
    )


# Tuple fields of the records that are stored as JSON lists.
_LIST_FIELDS = frozenset({"titles", "mentions", "participants"})
Record = Span | Official | Event


def record_row(record: Record) -> dict[str, Any]:
    """A Span, Official or Event as a row of its table (same column names as its fields)."""
    return {
        f.name: dumps(list(getattr(record, f.name)))
        if f.name in _LIST_FIELDS
        else getattr(record, f.name)
        for f in fields(record)
    }


R = TypeVar("R", Span, Official, Event)


@cache
def _field_names(cls: type) -> tuple[tuple[str, bool], ...]:
    """(name, stored as a JSON list) per field; looked up once per class, not once per row."""
    return tuple((f.name, f.name in _LIST_FIELDS) for f in fields(cls))


def record_from_row(cls: type[R], row: Mapping[str, Any]) -> R:
    return cls(
        *[
            tuple(json.loads(row[name])) if is_list else row[name]
            for name, is_list in _field_names(cls)
        ]
    )
