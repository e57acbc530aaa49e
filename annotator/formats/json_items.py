"""Reading and writing JSON items: one per line (JSONL) or a list, each checked by a JSON Schema.

Every item read goes through `annotator.safe_json.load_json` (depth-bounded, no lone
surrogates); `json_lines` is the safe JSON-lines reader other importers share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

import orjson
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from annotator.formats.base import LabelledText, RefusedLine, SkipItem, Skipped
from annotator.safe_json import JsonRefused, load_json

ParseItem = Callable[[Any, int], LabelledText]
REASON_CHARS = 200  # a schema message quotes the offending value, which may be a whole page


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
    return shorten(f"{where}: {error.message}" if where else error.message)


def shorten(reason: str) -> str:
    return reason if len(reason) <= REASON_CHARS else reason[: REASON_CHARS - 1] + "…"


def parse_items(
    numbered: Iterable[tuple[int, Any]],
    validator: Draft202012Validator,
    parse: ParseItem,
    unit: str = "line",
) -> Iterator[LabelledText | RefusedLine]:
    """Check each (number, item) against the schema, then parse it: ValueError -> RefusedLine,
    SkipItem -> Skipped."""
    for number, item in numbered:
        problem = schema_error(validator, item)
        if problem:
            yield RefusedLine(number, problem, unit)
            continue
        try:
            yield parse(item, number)
        except ValueError as error:
            yield RefusedLine(number, shorten(str(error)), unit)
        except SkipItem as skip:
            yield Skipped(number, str(skip), unit)


def json_lines(stream: TextIO) -> Iterator[tuple[int, Any | JsonRefused]]:
    """(line number, value) of each non-blank line, or the JsonRefused saying why it is not one.

    A line ends at "\n" only (iterating a text stream, never `str.splitlines`, which would also
    cut at U+2028, U+0085 and other characters a JSON string may hold raw).
    """
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            yield number, load_json(line)
        except JsonRefused as error:
            yield number, error


def read_json_lines(
    stream: TextIO, validator: Draft202012Validator, parse: ParseItem
) -> Iterator[LabelledText | RefusedLine]:
    """JSONL: blank lines are skipped; a line that is not JSON is rejected with the reason."""
    for number, value in json_lines(stream):
        if isinstance(value, JsonRefused):
            yield RefusedLine(number, str(value))
        else:
            yield from parse_items([(number, value)], validator, parse)
