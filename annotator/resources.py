"""Find the project's data files (schema, lexicons, JSON Schema, stylesheets, seeds).

They live in top-level `resources/` and `seeds/` of a checkout; the wheel carries them inside the
package as `annotator/_data/resources` and `annotator/_data/seeds`. This is the one helper that
knows both places.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from functools import cache
from pathlib import Path

from annotator.model import (
    EVENT_TYPES,
    LEGACY_EVENT_TYPES,
    DisplayNames,
    LabelDef,
    LabelExample,
    LabelSchema,
    LexiconKind,
)

_PACKAGE = Path(__file__).resolve().parent


def _data_root(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"annotator's {name}/ folder is missing from this installation")


def resource_path(*parts: str) -> Path:
    """Path of a file under resources/, e.g. `resource_path("lexicons", "titles.txt")`."""
    return _data_root("resources").joinpath(*parts)


def seeds_dir() -> Path:
    return _data_root("seeds")


def read_text(*parts: str) -> str:
    return resource_path(*parts).read_text(encoding="utf-8")


def parse_schema(toml_text: str) -> LabelSchema:
    """A stored schema from before display names (or one that leaves some out) shows the
    default schema's names for the labels and event types it shares with it."""
    if toml_text == default_schema_text():
        return _parsed_default()
    return _with_default_names(_parse_schema(toml_text), _parsed_default())


@cache
def _parsed_default() -> LabelSchema:
    """The bundled schema, parsed once: every database opened with its own schema borrows its
    names (a frozen value, so one copy serves all)."""
    return _parse_schema(default_schema_text())


def _parse_schema(toml_text: str) -> LabelSchema:
    data = tomllib.loads(toml_text)
    labels = tuple(
        LabelDef(
            name=item["name"],
            group=item["group"],
            color=item["color"],
            key=item["key"],
            description=item.get("description", ""),
            display=_display_names(item.get("names")),
            guide=_display_names(item.get("guide")),
            examples=_examples(item.get("examples")),
        )
        for item in data["labels"]
    )
    type_names = data.get("event_type_names")
    return LabelSchema(
        labels=labels,
        event_types=_with_new_event_types(data.get("event_types", ())),
        event_type_names=tuple(
            (str(t), _display_names(names))
            for t, names in (type_names.items() if isinstance(type_names, dict) else ())
        ),
        lexicons=tuple(_lexicon_kind(item) for item in data.get("lexicons", ())),
    )


def _lexicon_kind(item: object) -> LexiconKind:
    """`{ file = "titles", label = "OFFICIAL", shape = "words", longest_first = true }`; the
    store's validation names what a damaged entry gets wrong."""
    if not isinstance(item, dict):
        raise ValueError(f"a [[lexicons]] entry is a table, not {item!r}")
    return LexiconKind(
        stem=item.get("file"),
        label=item.get("label"),
        shape=item.get("shape", "words"),
        longest_first=item.get("longest_first", False),
        second=item.get("second", ""),
    )


def _display_names(table: object) -> DisplayNames:
    """`{ zh = "官员", en = "OFFICIAL" }` -> (("zh", "官员"), ("en", "OFFICIAL")); anything
    but a table of strings shows no display names (the stored name is shown instead)."""
    if not isinstance(table, dict):
        return ()
    return tuple((str(lang), name) for lang, name in table.items() if isinstance(name, str) and name)


def _examples(items: object) -> tuple[LabelExample, ...]:
    """`[{ text = "…【马兴瑞】…", zh = "…", en = "…" }]` -> LabelExamples; an item that is not
    such a table is left out (the guidelines are help text, never a reason to refuse a schema)."""
    if not isinstance(items, list):
        return ()
    return tuple(
        LabelExample(
            item["text"], _display_names({k: v for k, v in item.items() if k != "text"})
        )
        for item in items
        if isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"]
    )


def _with_default_names(schema: LabelSchema, default: LabelSchema) -> LabelSchema:
    labels = tuple(
        replace(
            label,
            display=label.display or (default.get(label.name) or label).display,
            guide=label.guide or (default.get(label.name) or label).guide,
            examples=label.examples or (default.get(label.name) or label).examples,
        )
        for label in schema.labels
    )
    own = dict(schema.event_type_names)
    types = (t for t in schema.event_types if isinstance(t, str))  # damage: validation names it
    type_names = tuple(
        (t, own.get(t) or dict(default.event_type_names).get(t, ()))
        for t in dict.fromkeys((*own, *types))
    )
    return replace(
        schema,
        labels=labels,
        event_type_names=tuple(p for p in type_names if p[1]),
        # a schema stored before lexicon kinds were declared in it reads the bundled ones
        lexicons=schema.lexicons or default.lexicons,
    )


def _with_new_event_types(stored: list | tuple) -> tuple:
    """A schema stored before the event types of official news (it holds the first release's
    types and none of the new ones) is read with them, the database's own additions after:
    its records keep their (never renamed) types, and suggestions of the new ones fit it."""
    event_types = tuple(stored)
    if not all(isinstance(t, str) for t in event_types):
        return event_types  # damage: the store's validation says what is wrong
    new = set(EVENT_TYPES) - set(LEGACY_EVENT_TYPES)
    if set(LEGACY_EVENT_TYPES) <= set(event_types) and not new & set(event_types):
        return EVENT_TYPES + tuple(t for t in event_types if t not in EVENT_TYPES)
    return event_types


@cache
def default_schema_text() -> str:
    return read_text("schema.toml")


def default_schema() -> LabelSchema:
    return parse_schema(default_schema_text())
