"""doccano's sequence-labelling JSONL: {"id", "text", "label": [[start, end, "LABEL"], …]}.

Also read: the export of a doccano project with relations, {"text", "entities": [{"label",
"start_offset", "end_offset"}], "relations": [...]}; a line with relations is refused (we have
no relation labels, and dropping them unseen would lose work). `id` is doccano's own number
and is ignored (the text finds the article). doccano counts offsets in code points, as we do. Region spans are exported as labels
`boilerplate/<kind>` beside the entity labels, so a doccano project gets everything.
"""

from __future__ import annotations

from typing import Any

from annotator.formats.base import Record
from annotator.formats.record import labelled_spans
from annotator.formats.span_list import FileSpan, SpanListFormat

_OFFSET = {"type": "integer"}
_LABEL = {"type": "string", "minLength": 1}


class DoccanoFormat(SpanListFormat):
    name = "doccano"
    extension = ".jsonl"
    description = 'doccano JSONL {"text", "label": [[start, end, "LABEL"]]}'
    item_schema = {
        "type": "object",
        "required": ["text"],
        "properties": {
            "id": {"type": ["string", "integer"]},
            "text": {"type": "string"},
            "label": {
                "type": "array",
                "items": {
                    "type": "array",
                    "prefixItems": [_OFFSET, _OFFSET, _LABEL],
                    "minItems": 3,
                    "maxItems": 3,
                },
            },
            "entities": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["start_offset", "end_offset", "label"],
                    "properties": {"start_offset": _OFFSET, "end_offset": _OFFSET, "label": _LABEL},
                },
            },
            "relations": {"type": "array"},
        },
    }

    def to_item(self, record: Record) -> dict[str, Any]:
        return {
            "id": record["id"],
            "text": record["text"],
            "label": [list(span) for span in labelled_spans(record)],
        }

    def from_item(self, item: Any) -> tuple[str | None, str, list[FileSpan]]:
        if "label" not in item and "entities" not in item:
            raise ValueError("a doccano line holds its spans in 'label' (or 'entities')")
        if item.get("relations"):
            raise ValueError(
                f"{len(item['relations'])} doccano relations: annotator has no relation labels;"
                " remove them from the file to import the entities alone"
            )
        article_id = item.get("id")
        spans = [(start, end, label, None) for start, end, label in item.get("label", [])]
        spans += [
            (e["start_offset"], e["end_offset"], e["label"], None) for e in item.get("entities", [])
        ]
        return (article_id if isinstance(article_id, str) else None), item["text"], spans
