"""Label Studio's JSON task list, the labels as one annotation per task.

Each task: {"data": {"text", "article_id"}, "annotations": [{"result": [{"id", "from_name":
"label", "to_name": "text", "type": "labels", "value": {"start", "end", "text", "labels"}}]}]}.
Label Studio counts offsets in code points since its fix for astral characters (older versions
counted UTF-16 units, which put every span after an emoji off by one); we write code points. On
import the first annotation of a task is read, or its `predictions` if it has none.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from annotator.formats.base import LabelledText, Record, Rejection
from annotator.formats.json_items import parse_items
from annotator.formats.record import labelled_spans
from annotator.formats.span_list import FileSpan, SpanListFormat

_OFFSET = {"type": "integer"}
_RESULTS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["value"],
        "properties": {
            "value": {
                "type": "object",
                "required": ["start", "end", "labels"],
                "properties": {
                    "start": _OFFSET,
                    "end": _OFFSET,
                    "text": {"type": "string"},
                    "labels": {
                        "type": "array",
                        "items": {"type": "string", "minLength": 1},
                        "minItems": 1,
                    },
                },
            }
        },
    },
}
_ANNOTATIONS = {"type": "array", "items": {"type": "object", "properties": {"result": _RESULTS}}}


class LabelStudioFormat(SpanListFormat):
    name = "label-studio"
    extension = ".json"
    description = "Label Studio JSON task list, labels as annotations"
    header, separator, footer = "[\n", ",\n", "\n]\n"
    item_schema = {
        "type": "object",
        "required": ["data"],
        "properties": {
            "data": {
                "type": "object",
                "required": ["text"],
                "properties": {"text": {"type": "string"}, "article_id": {"type": "string"}},
            },
            "annotations": _ANNOTATIONS,
            "predictions": _ANNOTATIONS,
        },
    }

    def to_item(self, record: Record) -> dict[str, Any]:
        text = record["text"]
        result = [
            {
                "id": f"s{n}",
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
            }
            for n, (start, end, label) in enumerate(labelled_spans(record), 1)
        ]
        return {
            "data": {"text": text, "article_id": record["id"]},
            "annotations": [{"result": result}],
        }

    def format_record(self, record: Record) -> str:
        return json.dumps(self.to_item(record), ensure_ascii=False)

    def from_item(self, item: Any) -> tuple[str | None, str, list[FileSpan]]:
        chosen = item.get("annotations") or item.get("predictions") or [{}]
        spans: list[FileSpan] = [
            (v["start"], v["end"], label, v.get("text"))
            for result in chosen[0].get("result", [])
            for v in [result["value"]]
            for label in v["labels"]
        ]
        return item["data"].get("article_id"), item["data"]["text"], spans

    def read(self, stream: TextIO) -> Iterator[LabelledText | Rejection]:
        """A JSON list of tasks; `line` in a rejection is the task's number, from 1."""
        try:
            tasks = json.load(stream)
        except json.JSONDecodeError as error:
            yield Rejection(error.lineno, f"not JSON: {error.msg} (column {error.colno})")
            return
        if not isinstance(tasks, list):
            yield Rejection(1, "a Label Studio file is a JSON list of tasks")
            return
        yield from parse_items(enumerate(tasks, 1), self.validator(), self.parse)
