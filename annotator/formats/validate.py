"""Check native records before they leave: JSON Schema, article id, span texts.

Every record is validated against resources/jsonl.schema.json. The yes/no answer comes from
`jsonschema-rs` (compiled; ~0.02 ms a record where pure-Python `jsonschema` takes ~3 ms, which
would make validation 98 % of an export's time); when a record fails, `jsonschema` — the reference
implementation — explains why in one line. Tests check that the two agree.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from annotator.formats.base import InvalidExportError
from annotator.model import check_article_id, check_span_text
from annotator.resources import read_text


@cache
def record_validator() -> Draft202012Validator:
    schema = json.loads(read_text("jsonl.schema.json"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def fast_validator() -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(json.loads(read_text("jsonl.schema.json")))


def schema_problem(record: Any) -> str | None:
    """The most relevant JSON Schema violation of `record`, in one line, or None."""
    if fast_validator().is_valid(record):
        return None
    error = best_match(record_validator().iter_errors(record))
    if error is None:
        return None
    where = "/".join(str(part) for part in error.absolute_path) or "record"
    return f"{where}: {error.message}"


def span_problem(record: Mapping[str, Any]) -> str | None:
    """Why some span of a schema-valid record does not stand on its text, or None."""
    text = record["text"]
    for span in record["spans"]:
        start, end = span["start"], span["end"]
        # fast path for the common case; check_span_text words the failure
        if not (0 <= start < end <= len(text) and text[start:end] == span["text"]):
            problem = check_span_text(text, start, end, span["text"])
            return f"span {span['id']}: {problem}"
    for region in record["boilerplate"]:
        if not 0 <= region["start"] < region["end"] <= len(text):
            problem = check_span_text(text, region["start"], region["end"])
            return f"boilerplate {region['kind']}: {problem}"
    original = record.get("original")
    if original is not None:
        for span in original["spans"]:
            if not 0 <= span["start"] <= span["end"] <= len(original["text"]):
                return f"original span {span['id']} falls outside the original text"
    return None


def id_problem(record: Mapping[str, Any]) -> str | None:
    """An id the store would refuse (a database made elsewhere, opened directly) leaves no
    export: in brat it names files, and no format should carry what cannot come back in."""
    try:
        check_article_id(record["id"])
    except ValueError as error:
        return str(error)
    return None


def check_record(record: Mapping[str, Any]) -> None:
    """Raise InvalidExportError unless `record` is a valid native record."""
    problem = schema_problem(record) or id_problem(record) or span_problem(record)
    if problem:
        raise InvalidExportError("article {id!r}: {problem}", id=record.get('id'), problem=problem)
