"""doccano's sequence-labelling JSONL: {"id", "text", "label": [[start, end, "LABEL"], …]}.

doccano counts offsets in code points, as we do. Region spans are exported as labels
`boilerplate/<kind>` beside the entity labels, so a doccano project gets everything.
"""

from __future__ import annotations

from typing import Any

from annotator.formats.base import Record
from annotator.formats.record import labelled_spans
from annotator.formats.span_list import FileSpan, SpanListFormat

_OFFSET = {"type": "integer"}


class DoccanoFormat(SpanListFormat):
    name = "doccano"
    extension = ".jsonl"
    description = 'doccano JSONL {"text", "label": [[start, end, "LABEL"]]}'
    item_schema = {
        "type": "object",
        "required": ["text", "label"],
        "properties": {
            "id": {"type": ["string", "integer"]},
            "text": {"type": "string"},
            "label": {
                "type": "array",
                "items": {
                    "type": "array",
                    "prefixItems": [_OFFSET, _OFFSET, {"type": "string", "minLength": 1}],
                    "minItems": 3,
                    "maxItems": 3,
                },
            },
        },
    }

    def to_item(self, record: Record) -> dict[str, Any]:
        return {
            "id": record["id"],
            "text": record["text"],
            "label": [list(span) for span in labelled_spans(record)],
        }

    def from_item(self, item: Any) -> tuple[str | None, str, list[FileSpan]]:
        article_id = item.get("id")
        spans = [(start, end, label, None) for start, end, label in item["label"]]
        return (article_id if isinstance(article_id, str) else None), item["text"], spans
