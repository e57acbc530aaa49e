"""spaCy/Prodigy-style JSONL {"text", "spans": [{"start", "end", "label"}], "meta": {"id"}}.

Offsets are character (code point) offsets, as in Prodigy and spaCy's `Doc.char_span`. When
spaCy happens to be installed, `write_docbin` also writes a binary `.spacy` DocBin (each
character a token, the spans in `doc.spans["sc"]`, since labels may overlap); spaCy is never a
dependency of annotator.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from typing import Any, BinaryIO

from annotator.formats.base import FormatError, Record
from annotator.formats.record import labelled_spans
from annotator.formats.span_list import FileSpan, SpanListFormat

_OFFSET = {"type": "integer"}


class SpacyFormat(SpanListFormat):
    name = "spacy"
    extension = ".jsonl"
    description = 'spaCy/Prodigy JSONL {"text", "spans": [{"start", "end", "label"}]}'
    item_schema = {
        "type": "object",
        "required": ["text"],
        "properties": {
            "text": {"type": "string"},
            "meta": {"type": "object"},
            "spans": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["start", "end", "label"],
                    "properties": {
                        "start": _OFFSET,
                        "end": _OFFSET,
                        "label": {"type": "string", "minLength": 1},
                        "text": {"type": "string"},
                    },
                },
            },
        },
    }

    def to_item(self, record: Record) -> dict[str, Any]:
        return {
            "text": record["text"],
            "spans": [
                {"start": start, "end": end, "label": label}
                for start, end, label in labelled_spans(record)
            ],
            "meta": {"id": record["id"]},
        }

    def from_item(self, item: Any) -> tuple[str | None, str, list[FileSpan]]:
        article_id = item.get("meta", {}).get("id")
        spans = [(s["start"], s["end"], s["label"], s.get("text")) for s in item.get("spans", [])]
        return (article_id if isinstance(article_id, str) else None), item["text"], spans


def spacy_available() -> bool:
    return importlib.util.find_spec("spacy") is not None


def write_docbin(
    records: Iterable[Record], out: BinaryIO
) -> None:
    """Write a `.spacy` DocBin; raises FormatError when spaCy is not installed."""
    if not spacy_available():
        raise FormatError("writing .spacy needs spaCy installed (pip install spacy); use .jsonl")
    import spacy
    from spacy.tokens import Doc, DocBin

    vocab = spacy.blank("xx").vocab
    docbin = DocBin(store_user_data=True)
    for record in records:
        text = record["text"]
        doc = Doc(vocab, words=list(text), spaces=[False] * len(text))
        doc.user_data["id"] = record["id"]
        doc.spans["sc"] = [
            doc.char_span(start, end, label=label) for start, end, label in labelled_spans(record)
        ]
        docbin.add(doc)
    out.write(docbin.to_bytes())
