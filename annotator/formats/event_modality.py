"""An event's modality (planned, hoped…: model.EVENT_MODALITIES; none when it happened) in span
formats that hold no event records: doccano and spaCy/Prodigy JSONL write a list beside the
spans, each item naming the event by its evidence span and type. doccano keeps a key of a line
it does not know as the example's metadata and writes it back on export; Prodigy keeps `meta`;
a spaCy DocBin keeps `Doc.user_data`. Our importers of these formats make no events, so what
they read here is counted as left out, never dropped unseen. BIO (CoNLL) has no place for it.
"""

from __future__ import annotations

from typing import Any

from annotator.formats.base import InvalidExportError, Record
from annotator.model import EVENT_MODALITIES

KEY = "event_modality"


def event_modalities(record: Record, start: str = "start", end: str = "end") -> list[dict]:
    """{start, end, type, modality} of each event of `record` that has a modality and an
    evidence span, in the record's event order; `start` and `end` name the offset keys
    (doccano's are start_offset and end_offset)."""
    spans = {s["id"]: s for s in record["spans"]}
    found = []
    for event in record["events"]:
        span = spans.get(event["evidence"]) if event.get("modality") else None
        if span is not None:
            found.append(
                {
                    start: span["start"],
                    end: span["end"],
                    "type": event["type"],
                    "modality": event["modality"],
                }
            )
    return found


def check_read_back(
    items: Any, record: Record, format_name: str, start: str = "start", end: str = "end"
) -> None:
    """InvalidExportError unless `items`, the list a written item holds (absent: []), is the
    record's own."""
    if items != event_modalities(record, start, end):
        raise InvalidExportError(
            "{name} item of {id}: {error}",
            name=format_name,
            id=record["id"],
            error="its event modalities do not read back",
        )


def item_schema(start: str = "start", end: str = "end") -> dict[str, Any]:
    """The JSON Schema of the list, so a file's own list of another shape is refused by name."""
    return {
        "type": "array",
        "items": {
            "type": "object",
            "required": [start, end, "modality"],
            "properties": {
                start: {"type": "integer"},
                end: {"type": "integer"},
                "type": {"type": "string"},
                "modality": {"enum": list(EVENT_MODALITIES)},
            },
        },
    }


def left_out(items: Any, format_name: str) -> tuple[tuple[str, int], ...]:
    """The modalities of a read item, counted as left out (no event of ours to hold them)."""
    count = len(items) if isinstance(items, list) else 0
    return ((f"{format_name} event modality tag", count),) if count else ()
