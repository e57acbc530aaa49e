"""Reading and writing JSON items: one per line (JSONL) or a list, each checked by a JSON Schema."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

import orjson
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from annotator.formats.base import LabelledText, Rejection

ParseItem = Callable[[Any, int], LabelledText]


def dump_line(item: Any) -> str:
    """One compact JSON line, UTF-8 as is (orjson: 3x json.dumps, the bulk of an export)."""
    return orjson.dumps(item).decode() + "\n"


def load_line(line: str) -> Any:
    return orjson.loads(line)


def schema_error(validator: Draft202012Validator, item: Any) -> str | None:
    error = best_match(validator.iter_errors(item))
    if error is None:
        return None
    where = "/".join(str(part) for part in error.absolute_path)
    return f"{where}: {error.message}" if where else error.message


def parse_items(
    numbered: Iterable[tuple[int, Any]], validator: Draft202012Validator, parse: ParseItem
) -> Iterator[LabelledText | Rejection]:
    """Check each (number, item) against the schema, then parse it; ValueError -> Rejection."""
    for number, item in numbered:
        problem = schema_error(validator, item)
        if problem:
            yield Rejection(number, problem)
            continue
        try:
            yield parse(item, number)
        except ValueError as error:
            yield Rejection(number, str(error))


def read_json_lines(
    stream: TextIO, validator: Draft202012Validator, parse: ParseItem
) -> Iterator[LabelledText | Rejection]:
    """JSONL: blank lines are skipped; a line that is not JSON is rejected with the reason."""
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            yield Rejection(number, f"not JSON: {error.msg} (column {error.colno})")
            continue
        yield from parse_items([(number, item)], validator, parse)
