"""Rows <-> domain objects. JSON columns hold lists; nothing else knows the column layout."""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
from functools import cache
from typing import Any, TypeVar

from annotator.model import Article, ArticleText, Damage, Event, Official, OffsetMap, Span
from annotator.store.block_codec import decode_blocks, encode_blocks
from annotator.store.errors import CorruptDatabase

T = TypeVar("T")


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
        # the page itself when cleaning changed it; "" when it did not (never a page of its own:
        # an empty page is refused), so an unchanged text is not stored twice
        "raw_text": "" if article.raw_text == article.text else article.raw_text,
        "text": article.text,
        "offset_map": dumps(article.offset_map.to_json()),
        "damage": dumps([[d.start, d.end, d.kind] for d in article.damage]),
        "blocks": dumps(encode_blocks(article.blocks, article.text)),
        "cleaner_version": article.cleaner_version,
        "imported_at": imported_at,
    }


def article_from_row(row: Mapping[str, Any]) -> Article:
    """The article of a row; CorruptDatabase, naming the row and column, for one that does not
    decode (a BLOB where text belongs, a JSON column that is not what we wrote)."""
    try:
        return Article(
            id=_text(row, "id"),
            source=_text(row, "source"),
            url=_text(row, "url", null=True),
            raw_text=_text(row, "raw_text") or _text(row, "text"),
            text=_text(row, "text"),
            offset_map=_decoded(row, "offset_map", _offset_map),
            title=_text(row, "title", null=True),
            published=_text(row, "published", null=True),
            outlet=_text(row, "outlet", null=True),
            script=_text(row, "script"),  # type: ignore[arg-type]
            damage=_decoded(row, "damage", _damage),
            blocks=_decoded(row, "blocks", lambda data: decode_blocks(data, _text(row, "text"))),
            cleaner_version=_text(row, "cleaner_version"),
        )
    except BadColumn as bad:
        raise damaged("articles", row["id"], bad) from None


def article_text_from_row(row: Mapping[str, Any]) -> ArticleText:
    """The id, outlet and text of an article row; CorruptDatabase as article_from_row."""
    try:
        return ArticleText(
            id=_text(row, "id"), outlet=_text(row, "outlet", null=True), text=_text(row, "text")
        )
    except BadColumn as bad:
        raise damaged("articles", row["id"], bad) from None


class BadColumn(ValueError):
    """One column of a row holds what we never write there; the message names the column."""


def damaged(table: str, key: object, bad: BadColumn) -> CorruptDatabase:
    return CorruptDatabase(
        "the database is damaged: {table} row {row}: {bad}",
        table=table, row=row_name(key), bad=bad
    )


def row_name(key: object) -> str:
    """A row's key for a message: quoted and cut short, never raw bytes."""
    if isinstance(key, str):
        return repr(key if len(key) <= 40 else key[:40] + "…")
    return str(key) if type(key) is int else f"<{value_kind(key)}>"


def value_kind(value: object) -> str:
    if isinstance(value, bytes):
        return "binary data"
    if value is None:
        return "nothing (NULL)"
    if isinstance(value, str):
        return "text"
    if isinstance(value, tuple | list):
        return "a list of other things"
    return "a number" if isinstance(value, int | float) else type(value).__name__


def _text(row: Mapping[str, Any], name: str, *, null: bool = False) -> Any:
    value = row[name]
    if isinstance(value, str) or (null and value is None):
        return value
    raise BadColumn(f"column {name} holds {value_kind(value)}, not text")


def _decoded(row: Mapping[str, Any], name: str, build: Callable[[Any], T]) -> T:
    """`build` applied to the JSON of column `name`."""
    try:
        return build(json.loads(_text(row, name)))
    except BadColumn:
        raise
    except (ValueError, TypeError, KeyError, IndexError, RecursionError) as error:
        why = "not JSON" if isinstance(error, json.JSONDecodeError) else "not what annotator writes"
        raise BadColumn(f"column {name} is {why}") from None


def _ints(value: Any, count: int) -> list[int]:
    if not isinstance(value, list) or len(value) != count or any(type(v) is not int for v in value):
        raise ValueError(f"expected {count} integers")
    return value


def _offset_map(data: Any) -> OffsetMap:
    pairs = [_ints(pair, 2) for pair in _list(data)]
    return OffsetMap.from_json(pairs)  # IndexError/ValueError when empty


def _damage(data: Any) -> tuple[Damage, ...]:
    found = []
    for item in _list(data):
        if not isinstance(item, list) or len(item) != 3 or not isinstance(item[2], str):
            raise ValueError("a damage is [start, end, kind]")
        start, end = _ints(item[:2], 2)
        found.append(Damage(start, end, item[2]))  # type: ignore[arg-type]
    return tuple(found)


def _list(data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise ValueError("expected a list")
    return data


# Tuple fields of the records that are stored as JSON lists.
_LIST_FIELDS = frozenset({"titles", "mentions", "participants", "title_spans", "participant_spans"})
Record = Span | Official | Event


def record_row(record: Record, **changes: Any) -> dict[str, Any]:
    """A Span, Official or Event as a row of its table (same column names as its fields), with
    `changes` to some fields: `record_row(replace(record, **changes))` without making the
    changed record, which cost as much again for every suggestion stored."""
    return record_rows((record,), **changes)[0]


def record_rows(records: Sequence[Record], **changes: Any) -> list[dict[str, Any]]:
    """`record_row` of each of `records`, all of one class, with the same `changes`: the class's
    fields are looked up once for all (the machine's sixty spans of an article), and each
    record's values read at once (operator.attrgetter), not a field at a time."""
    if not records:
        return []
    cls = type(records[0])
    names, listed, values = _row_layout(cls)
    unknown = changes.keys() - _names(cls) if changes else ()
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
    rows = []
    for record in records:
        if type(record) is not cls:
            raise TypeError(f"a {type(record).__name__} among {cls.__name__}s")
        row = dict(zip(names, values(record), strict=True))
        row.update(changes)  # a key present keeps its place: columns stay in field order
        for name in listed:
            row[name] = dumps(list(row[name]))
        rows.append(row)
    return rows


R = TypeVar("R", Span, Official, Event)
TABLES: dict[type, str] = {Span: "spans", Official: "officials", Event: "events"}

# What a field may hold, by its annotation, and how a message says it; other fields: unchecked.
_CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "str": (lambda v: isinstance(v, str), "text"),
    "str | None": (lambda v: v is None or isinstance(v, str), "text"),
    "int": (lambda v: type(v) is int, "an integer"),
    "int | None": (lambda v: v is None or type(v) is int, "an integer"),
    "float | None": (lambda v: v is None or type(v) in (int, float), "a number"),
    "tuple[str, ...]": (lambda v: all(isinstance(x, str) for x in v), "a list of text"),
    "tuple[int, ...]": (lambda v: all(type(x) is int for x in v), "a list of integers"),
    "bool": (lambda v: v in (0, 1) and type(v) in (int, bool), "0 or 1"),  # SQLite's booleans
}


@cache
def _field_names(cls: type) -> tuple[tuple[str, bool, str], ...]:
    """(name, stored as a JSON list, annotation) per field; looked up once per class
    (dataclasses.fields walks the fields in Python)."""
    return tuple((f.name, f.name in _LIST_FIELDS, str(f.type)) for f in fields(cls))


@cache
def _row_layout(cls: type) -> tuple[tuple[str, ...], tuple[str, ...], Callable[[Any], tuple]]:
    """(field names, those stored as JSON lists, a getter of all the fields' values) of a
    record class, in field order."""
    names = tuple(name for name, _listed, _annotation in _field_names(cls))
    listed = tuple(name for name, is_listed, _annotation in _field_names(cls) if is_listed)
    return names, listed, tuple_getter(operator.attrgetter, names)


def tuple_getter(
    make: Callable[..., Callable[[Any], Any]], keys: Sequence[str]
) -> Callable[[Any], tuple[Any, ...]]:
    """`make(*keys)` (operator.attrgetter or itemgetter: the values at C speed) that gives a
    tuple for one key too, where those give the bare value."""
    getter = make(*keys)
    return getter if len(keys) > 1 else lambda thing: (getter(thing),)


@cache
def _names(cls: type) -> frozenset[str]:
    return frozenset(name for name, _listed, _annotation in _field_names(cls))


def record_from_row(cls: type[R], row: Mapping[str, Any]) -> R:
    """The record of a row; CorruptDatabase, naming the row and column, for one that does not
    decode."""
    values = []
    try:
        for name, is_list, annotation in _field_names(cls):
            value = tuple(_decoded(row, name, _list)) if is_list else row[name]
            check, wanted = _CHECKS.get(annotation, (None, ""))
            if check is not None and not check(value):
                raise BadColumn(f"column {name} holds {value_kind(value)}, not {wanted}")
            values.append(bool(value) if annotation == "bool" else value)
    except BadColumn as bad:
        raise damaged(TABLES[cls], row["id"], bad) from None
    return cls(*values)
