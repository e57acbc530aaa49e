"""Find the project's data files (schema, lexicons, JSON Schema, stylesheets, seeds).

They live in top-level `resources/` and `seeds/` of a checkout; the wheel carries them inside the
package as `annotator/_data/resources` and `annotator/_data/seeds`. This is the one helper that
knows both places.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from annotator.model import EVENT_TYPES, LEGACY_EVENT_TYPES, LabelDef, LabelSchema

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
    data = tomllib.loads(toml_text)
    labels = tuple(
        LabelDef(
            name=item["name"],
            group=item["group"],
            color=item["color"],
            key=item["key"],
            description=item.get("description", ""),
        )
        for item in data["labels"]
    )
    return LabelSchema(
        labels=labels, event_types=_with_new_event_types(data.get("event_types", ()))
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
