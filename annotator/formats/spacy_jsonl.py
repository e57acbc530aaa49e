"""spaCy/Prodigy-style JSONL {"text", "spans": [{"start", "end", "label"}], "meta": {"id"}}.

Offsets are character (code point) offsets, as in Prodigy and spaCy's `Doc.char_span`. Read are
the three shapes peers write:
- ours and Prodigy's: `spans` a list; a Prodigy line whose `answer` is `reject` or `ignore`
  holds no labels and is skipped (only `accept`, or no answer, is imported);
- spaCy's `Doc.to_json()`: `ents` a list, `spans` an object of span groups ({"sc": [...]});
  every entity and every group's span is read, each (start, end, label) once.
An event's modality (planned, hoped…) is written as `meta.event_modality` (the DocBin: the same
list in `doc.user_data`), each item naming the event by its evidence span and type
(`formats.event_modality`); read back, it is counted as left out (no event travels).
When spaCy happens to be installed, `write_docbin` also writes a binary `.spacy` DocBin, each
character a token (what spaCy's Chinese `char` segmenter makes): `doc.ents` holds the entities
that do not overlap, resolved as the CoNLL export does (what NER trains on), and every span is
in a named span group, entities in `sc` (spancat's default key) and boilerplate regions, as
`boilerplate/<kind>`, in `boilerplate`. resources/spacy/ner.cfg trains on it. spaCy is never
a dependency of annotator.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO, TextIO

from annotator.formats import event_modality
from annotator.formats.base import (
    FormatError,
    LabelledText,
    Record,
    RefusedLine,
    SkipItem,
    by_author,
)
from annotator.formats.conll import bio_entities
from annotator.formats.json_items import load_line
from annotator.formats.record import labelled_spans
from annotator.formats.span_list import FileSpan, SpanListFormat
from annotator.model import is_region_label

_OFFSET = {"type": "integer"}
_SPAN = {
    "type": "object",
    "required": ["start", "end", "label"],
    "properties": {
        "start": _OFFSET,
        "end": _OFFSET,
        "label": {"type": "string", "minLength": 1},
        "text": {"type": "string"},
    },
}
_SPANS = {"type": "array", "items": _SPAN}
ENTITY_GROUP = "sc"  # the DocBin's span group of entities: spancat's default spans_key
REGION_GROUP = "boilerplate"  # and of boilerplate regions, kept apart from the entities
ANSWERS_TAKEN = ("accept",)
ANSWERS_SKIPPED = ("reject", "ignore")


class SpacyFormat(SpanListFormat):
    name = "spacy"
    extension = ".jsonl"
    description = (
        'spaCy/Prodigy JSONL {"text", "spans": [{"start", "end", "label"}]}; reads spaCy '
        "Doc.to_json() (ents, span groups) and Prodigy answers"
    )
    item_schema = {
        "type": "object",
        "required": ["text"],
        "properties": {
            "text": {"type": "string"},
            "meta": {
                "type": "object",
                "properties": {event_modality.KEY: event_modality.item_schema()},
            },
            "answer": {"enum": [*ANSWERS_TAKEN, *ANSWERS_SKIPPED]},
            "ents": _SPANS,
            "spans": {
                "oneOf": [
                    _SPANS,  # ours, Prodigy's
                    {"type": "object", "additionalProperties": _SPANS},  # Doc.to_json groups
                ]
            },
        },
    }

    lines_add_up = True  # Prodigy's binary recipes write one line per decision on a span

    def __init__(self, completed_by: str | None = None) -> None:
        self.completed_by = completed_by  # read only the lines of this Prodigy annotator

    def author_of(self, item: Any) -> str | None:
        """Prodigy's `_annotator_id` (or `_session_id`): which annotator made the line."""
        for key in ("_annotator_id", "_session_id"):
            if isinstance(item.get(key), str):
                return item[key]
        return None

    def read(self, stream: TextIO) -> Iterator[LabelledText | RefusedLine]:
        return by_author(super().read(stream), self.completed_by)

    def to_item(self, record: Record) -> dict[str, Any]:
        meta: dict[str, Any] = {"id": record["id"]}
        if modalities := event_modality.event_modalities(record):
            meta[event_modality.KEY] = modalities
        return {
            "text": record["text"],
            "spans": [
                {"start": start, "end": end, "label": label}
                for start, end, label in labelled_spans(record)
            ],
            "meta": meta,
        }

    def left_out(self, item: Any) -> tuple[tuple[str, int], ...]:
        return event_modality.left_out(item.get("meta", {}).get(event_modality.KEY), self.name)

    def verify(self, chunk: str, record: Record) -> None:
        item = load_line(chunk)
        self.verify_item(item, record)
        event_modality.check_read_back(item["meta"].get(event_modality.KEY, []), record, self.name)

    def from_item(self, item: Any) -> tuple[str | None, str, list[FileSpan]]:
        answer = item.get("answer")
        if answer in ANSWERS_SKIPPED:
            raise SkipItem(f"Prodigy answer {answer!r}: not labels to import")
        article_id = item.get("meta", {}).get("id")
        stated = [*item.get("ents", []), *_flatten(item.get("spans", []))]
        spans = [(s["start"], s["end"], s["label"], s.get("text")) for s in stated]
        if "ents" in item:  # Doc.to_json(): an entity is often in a span group too; once
            spans = list({span[:3]: span for span in spans}.values())
        return (article_id if isinstance(article_id, str) else None), item["text"], spans


def _flatten(spans: list[Any] | dict[str, list[Any]]) -> list[Any]:
    """A list of spans as is; spaCy's span groups {"sc": [...], ...} as one list."""
    if isinstance(spans, dict):
        return [span for group in spans.values() for span in group]
    return spans


def spacy_available() -> bool:
    return importlib.util.find_spec("spacy") is not None


def write_docbin(records: Iterable[Record], out: BinaryIO) -> None:
    """Write a `.spacy` DocBin; raises FormatError when spaCy is not installed."""
    if not spacy_available():
        raise FormatError("writing .spacy needs spaCy installed (pip install spacy); use .jsonl")
    import spacy
    from spacy.tokens import Doc, DocBin

    vocab = spacy.blank("zh").vocab
    docbin = DocBin(store_user_data=True)
    for record in records:
        text = record["text"]
        doc = Doc(vocab, words=list(text), spaces=[False] * len(text))
        doc.user_data["id"] = record["id"]
        if modalities := event_modality.event_modalities(record):
            doc.user_data[event_modality.KEY] = modalities
        spans = labelled_spans(record)
        doc.ents = [doc.char_span(s, e, label=label) for s, e, label in bio_entities(record)]
        for group, in_group in ((ENTITY_GROUP, False), (REGION_GROUP, True)):
            doc.spans[group] = [
                doc.char_span(s, e, label=label)
                for s, e, label in spans
                if is_region_label(label) == in_group
            ]
        docbin.add(doc)
    out.write(docbin.to_bytes())
