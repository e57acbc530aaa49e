"""Label Studio's JSON task list, the labels as one annotation per task.

Each task: {"data": {"text", "article_id"}, "annotations": [{"result": [{"id", "from_name":
"label", "to_name": "text", "type": "labels", "value": {"start", "end", "text", "labels"}}]}]}.
Label Studio counts offsets in code points since its fix for astral characters (older versions
counted UTF-16 units, which put every span after an emoji off by one); we write code points.

On import a task gives one person's labels: its one annotation that was not cancelled
(`was_cancelled`), or, with `completed_by`, the one of that user (id or e-mail). A task with
several such annotations is refused with their authors, so nobody's labels are taken for
another's. `predictions` are a model's guesses and never become a person's labels: a task with
only predictions, or only cancelled annotations, is skipped and said so.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from annotator.formats.base import LabelledText, Record, Rejection, SkipItem
from annotator.formats.json_items import parse_items
from annotator.formats.record import labelled_spans
from annotator.formats.span_list import FileSpan, SpanListFormat
from annotator.safe_json import JsonRefused, load_json

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
_ANNOTATIONS = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"result": _RESULTS, "was_cancelled": {"type": ["boolean", "null"]}},
    },
}


class LabelStudioFormat(SpanListFormat):
    name = "label-studio"
    unit = "task"
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
            "predictions": {"type": "array"},  # never read
        },
    }

    def __init__(self, completed_by: str | None = None) -> None:
        self.completed_by = completed_by

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
        chosen = self._annotation(item)
        spans: list[FileSpan] = [
            (v["start"], v["end"], label, v.get("text"))
            for result in chosen.get("result", [])
            for v in [result["value"]]
            for label in v["labels"]
        ]
        return item["data"].get("article_id"), item["data"]["text"], spans

    def _annotation(self, task: Any) -> dict[str, Any]:
        """The one annotation of `task` to import; SkipItem or ValueError when there is none."""
        annotations = task.get("annotations") or []
        live = [a for a in annotations if not a.get("was_cancelled")]
        if self.completed_by is not None:
            live = [a for a in live if self.completed_by in _authors(a)]
        if len(live) == 1:
            return live[0]
        if live:
            authors = ", ".join(_authors(a)[0] if _authors(a) else "?" for a in live)
            raise ValueError(
                f"{len(live)} annotations (completed_by {authors}); choose whose with"
                " --completed-by ID"
            )
        if self.completed_by is not None and annotations:
            raise SkipItem(f"no annotation completed by {self.completed_by!r}")
        if annotations:
            raise SkipItem("every annotation of this task was cancelled")
        if task.get("predictions"):
            raise SkipItem("only predictions: a model's guesses are never a person's labels")
        raise SkipItem("no annotation")

    def read(self, stream: TextIO) -> Iterator[LabelledText | Rejection]:
        """A JSON list of tasks; `line` in a rejection is the task's number, from 1."""
        try:
            tasks = load_json(stream.read())
        except JsonRefused as error:
            yield Rejection(error.lineno, str(error))
            return
        if not isinstance(tasks, list):
            yield Rejection(1, "a Label Studio file is a JSON list of tasks")
            return
        yield from parse_items(enumerate(tasks, 1), self.validator(), self.parse, self.unit)


def _authors(annotation: dict[str, Any]) -> list[str]:
    """How `--completed-by` may name the annotation's author: its user id, and e-mail if given.

    Label Studio writes `completed_by` as the user's id, or as an object {"id", "email", …}.
    """
    author = annotation.get("completed_by")
    if isinstance(author, dict):
        return [str(author[key]) for key in ("id", "email") if author.get(key) is not None]
    return [] if author is None else [str(author)]
