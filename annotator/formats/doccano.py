"""doccano's sequence-labelling JSONL: {"id", "text", "label": [[start, end, "LABEL"], …]}.

- Region spans are exported as labels `boilerplate/<kind>` beside the entity labels, so a
  doccano project gets everything. Spans overlap (an OFFICIAL inside an EVENT sentence): a
  doccano project keeps them only with "Allow overlapping spans" ticked in its settings; without
  it doccano's importer silently keeps the first of each overlapping run.
- `relations=True` writes the form of a doccano relation-extraction project: {"id", "text",
  "entities": [{"id", "label", "start_offset", "end_offset"}], "relations": [{"id", "from_id",
  "to_id", "type"}]}, the relations those of `formats.relations` (officials to their titles and
  organization, events to their participants, place and date, where the text names them).
- An event's modality (planned, hoped…) as `event_modality`: [{"start_offset", "end_offset" of
  its evidence span, "type", "modality"}] (`formats.event_modality`); doccano keeps a key it
  does not know as the example's metadata. Read back: counted as left out (no event travels).
- Read: both forms, `label` items as [start, end, label] or {"start_offset", "end_offset",
  "label"}. Relations of our kinds become links (`formats.relation_import`): `title` and
  `organization` those of officials; `participant`, `place` and `date` need an event, which a
  doccano line cannot hold, so they are counted as left out. A relation of another kind refuses
  the line (dropping it unseen would lose work) unless `without_relations`, which imports the
  entities alone and counts every relation as left out. `id` is doccano's own number and is
  ignored (the text finds the article). doccano counts offsets in code points, as we do.
"""

from __future__ import annotations

from typing import Any

from annotator.formats import event_modality
from annotator.formats.base import InvalidExportError, Record
from annotator.formats.json_items import load_line
from annotator.formats.record import labelled_spans
from annotator.formats.relation_import import is_ours
from annotator.formats.relations import RELATION_KINDS, record_relations
from annotator.formats.span_list import FileRelation, FileSpan, SpanListFormat

_OFFSET = {"type": "integer"}
_LABEL = {"type": "string", "minLength": 1}
_ENTITY = {
    "type": "object",
    "required": ["start_offset", "end_offset", "label"],
    "properties": {"start_offset": _OFFSET, "end_offset": _OFFSET, "label": _LABEL},
}
_RELATION = {
    "type": "object",
    "required": ["from_id", "to_id", "type"],
    "properties": {"from_id": _OFFSET, "to_id": _OFFSET, "type": _LABEL},
}
RELATION_KIND = "doccano relation"  # how a relation left out is counted
_OFFSETS = ("start_offset", "end_offset")  # doccano's names of a span's ends


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
                    "oneOf": [
                        {
                            "type": "array",
                            "prefixItems": [_OFFSET, _OFFSET, _LABEL],
                            "minItems": 3,
                            "maxItems": 3,
                        },
                        _ENTITY,
                    ]
                },
            },
            "entities": {"type": "array", "items": _ENTITY},
            "relations": {"type": "array", "items": _RELATION},
            event_modality.KEY: event_modality.item_schema(*_OFFSETS),
        },
    }

    def __init__(self, *, relations: bool = False, without_relations: bool = False) -> None:
        self.relations = relations  # write the relation project's form
        self.without_relations = without_relations  # read: count relations as left out

    def to_item(self, record: Record) -> dict[str, Any]:
        item = self._spans_item(record)
        if modalities := event_modality.event_modalities(record, *_OFFSETS):
            item[event_modality.KEY] = modalities  # doccano keeps it as the example's meta
        return item

    def _spans_item(self, record: Record) -> dict[str, Any]:
        spans = labelled_spans(record)
        if not self.relations:
            return {"id": record["id"], "text": record["text"], "label": [list(s) for s in spans]}
        entity_id = {span: n for n, span in enumerate(spans, 1)}
        return {
            "id": record["id"],
            "text": record["text"],
            "entities": [
                {"id": n, "label": label, "start_offset": start, "end_offset": end}
                for (start, end, label), n in entity_id.items()
            ],
            "relations": [
                {"id": n, "from_id": entity_id[source], "to_id": entity_id[target], "type": kind}
                for n, (source, target, kind) in enumerate(record_relations(record), 1)
            ],
        }

    def from_item(self, item: Any) -> tuple[str | None, str, list[FileSpan]]:
        if "label" not in item and "entities" not in item:
            raise ValueError("a doccano line holds its spans in 'label' (or 'entities')")
        foreign = sorted({r["type"] for r in item.get("relations", []) if not is_ours(r["type"])})
        if foreign and not self.without_relations:
            raise ValueError(
                f"doccano relations of types {', '.join(map(repr, foreign))}: annotator has"
                f" only {', '.join(RELATION_KINDS)}; --without-relations imports the entities"
                " alone and counts the relations"
            )
        entity_ids = [e["id"] for e in item.get("entities", []) if "id" in e]
        unknown = [
            r for r in item.get("relations", []) if {r["from_id"], r["to_id"]} - set(entity_ids)
        ]
        if unknown:
            raise ValueError(f"relation {unknown[0]} links an entity id this line does not have")
        article_id = item.get("id")
        spans = [_span(label) for label in item.get("label", [])]
        spans += [_span(e) for e in item.get("entities", [])]
        return (article_id if isinstance(article_id, str) else None), item["text"], spans

    def left_out(self, item: Any) -> tuple[tuple[str, int], ...]:
        count = len(item.get("relations", [])) if self.without_relations else 0
        relations = ((RELATION_KIND, count),) if count else ()
        return relations + event_modality.left_out(item.get(event_modality.KEY), self.name)

    def relations_of(self, item: Any) -> list[FileRelation]:
        return [] if self.without_relations else _relations(item)

    def verify(self, chunk: str, record: Record) -> None:
        item = load_line(chunk)
        self.verify_item(item, record)
        modalities = item.get(event_modality.KEY, [])
        event_modality.check_read_back(modalities, record, self.name, *_OFFSETS)
        if self.relations and _relations(item) != record_relations(record):
            raise InvalidExportError("doccano relations of {id} do not read back", id=record["id"])


def _relations(item: Any) -> list[FileRelation]:
    """The line's relations, each end the (start, end, label) of the entity it names."""
    key = {
        e["id"]: (e["start_offset"], e["end_offset"], e["label"])
        for e in item.get("entities", [])
        if "id" in e
    }
    return [(key[r["from_id"]], key[r["to_id"]], r["type"]) for r in item.get("relations", [])]


def _span(label: list[Any] | dict[str, Any]) -> FileSpan:
    """A `label` item, [start, end, label] or an entity object, as a file span."""
    if isinstance(label, dict):
        return label["start_offset"], label["end_offset"], label["label"], None
    start, end, name = label
    return start, end, name, None
