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
    event_types = tuple(data.get("event_types", ()))
    if event_types == LEGACY_EVENT_TYPES:  # a database made before the types of issue 20
        event_types = EVENT_TYPES
    return LabelSchema(labels=labels, event_types=event_types)


@cache
def default_schema_text() -> str:
    return read_text("schema.toml")


def default_schema() -> LabelSchema:
    return parse_schema(default_schema_text())
