"""Label Studio's JSON task list: one task per article, each person's labels one annotation.

Each task: {"id", "data": {"text", "article_id"}, "annotations": [{"completed_by": NAME,
"result": [{"id", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start",
"end", "text", "labels"}}]}, …], "predictions": [{"model_version", "score", "result"}]}. The
task id numbers the tasks of one export from 1 (Label Studio and its converter require one);
`completed_by` is our annotator name (Label Studio keeps it when it knows no such user id, and
`--completed-by NAME` reads it back); the suggestions (`auto`) are the task's one prediction,
each result with the suggestion's own `score` and the prediction's `score` their mean (null
when no span has one). `labelling_config` writes the XML labelling
config of a schema's labels that `--out DIR` puts beside `tasks.json`. With relations, an
event's modality (planned, hoped…) is a per-region `modality` choice on its evidence span.
Label Studio counts offsets in code points since its fix for astral characters (older versions
counted UTF-16 units, which put every span after an emoji off by one); we write code points.

On import, results of other types are not spans: a `relation` of our kinds becomes a link
(`formats.relation_import`; one of an event is counted as left out: a task holds no events), one
of another kind refuses the task unless `without_relations` (then every relation is counted as
left out, as `choices` and the like always are).
A task gives one person's labels: its one annotation that was not cancelled
(`was_cancelled`), or, with `completed_by`, the one of that user (id or e-mail). A task with
several such annotations is refused with their authors, so nobody's labels are taken for
another's. `predictions` are a model's guesses and never become a person's labels: a task with
only predictions, or only cancelled annotations, is skipped and said so.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any, TextIO
from xml.sax.saxutils import quoteattr

from annotator.formats.base import InvalidExportError, LabelledText, Record, RefusedLine, SkipItem
from annotator.formats.json_items import load_line, parse_items
from annotator.formats.record import labelled_spans
from annotator.formats.relation_import import is_ours
from annotator.formats.relations import RELATION_KINDS, record_relations
from annotator.formats.span_list import FileRelation, FileSpan, SpanListFormat
from annotator.model import AUTO, EVENT_MODALITIES, LabelSchema, region_label
from annotator.safe_json import JsonRefused, load_json

MODEL_VERSION = "annotator-suggest"  # the predictions' `model_version`: our rule suggestions

_OFFSET = {"type": "integer"}
_SPAN_RESULT = {
    "type": "object",
    "required": ["value"],
    "properties": {
        "type": {"const": "labels"},
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
        },
    },
}
# a result of another type (relation, choices, textarea, …): not a span, counted as left out
_OTHER_RESULT = {
    "type": "object",
    "required": ["type"],
    "properties": {"type": {"type": "string", "not": {"const": "labels"}}},
}
_RESULTS = {"type": "array", "items": {"anyOf": [_SPAN_RESULT, _OTHER_RESULT]}}
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
    per_article = True  # one task per article, its people's annotations side by side
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

    def __init__(
        self,
        completed_by: str | None = None,
        *,
        without_relations: bool = False,
        relations: bool = False,
    ) -> None:
        self.completed_by = completed_by
        self.without_relations = without_relations  # count relation results as left out
        self.relations = relations  # write each record's relations as `relation` results
        self.tasks = 0  # tasks written so far: the next task's id is one more

    def to_item(self, record: Record) -> dict[str, Any]:
        """One record alone as a task (without a task id): what `verify_item` re-reads."""
        return {
            "data": {"text": record["text"], "article_id": record["id"]},
            "annotations": [{"result": _result(record)}],
        }

    def format_record(self, record: Record) -> str:
        return self.format_article([record])

    def format_article(self, records: list[Record]) -> str:
        self.tasks += 1
        first = records[0]
        annotations = [
            {"completed_by": r["annotator"], "result": _result(r, self.relations)}
            for r in records
            if r["annotator"] not in (None, AUTO)
        ]
        predictions = [
            {"model_version": MODEL_VERSION, "score": _mean_score(r), "result": _result(r)}
            for r in records
            if r["annotator"] == AUTO
        ]
        task: dict[str, Any] = {
            "id": self.tasks,
            "data": {"text": first["text"], "article_id": first["id"]},
            "annotations": annotations,
        }
        if predictions:
            task["predictions"] = predictions
        return json.dumps(task, ensure_ascii=False)

    def verify(self, chunk: str, record: Record) -> None:
        self.verify_article(chunk, [record])

    def verify_article(self, chunk: str, records: list[Record]) -> None:
        """Each record's spans are exactly the spans of its own annotation (or prediction)."""
        task = load_line(chunk)
        for record in records:
            author = record["annotator"]
            if author is None:
                source = [] if task["annotations"] else [{"result": []}]
            elif author == AUTO:
                source = task.get("predictions", [])
            else:
                source = [a for a in task["annotations"] if a["completed_by"] == author]
            if len(source) != 1:
                raise InvalidExportError(
                    "label-studio task of {id}: {count} annotations of {author!r}",
                    id=record['id'], count=len(source), author=author
                )
            self.verify_item({"data": task["data"], "annotations": source}, record)
            if (
                self.relations
                and author is not None
                and _relations_of(source[0]) != (record_relations(record) if author != AUTO else [])
            ):
                raise InvalidExportError(
                    "label-studio relations of {id} do not read back", id=record['id']
                )

    def from_item(self, item: Any) -> tuple[str | None, str, list[FileSpan]]:
        chosen = self._annotation(item)
        foreign = [r for r in chosen.get("result", []) if _is_relation(r) and not _kind(r)]
        if foreign and not self.without_relations:
            raise ValueError(
                f"{len(foreign)} Label Studio relations without a label of ours"
                f" ({', '.join(RELATION_KINDS)}); --without-relations imports the spans alone"
                " and counts the relations"
            )
        spans: list[FileSpan] = [
            (v["start"], v["end"], label, v.get("text"))
            for result in chosen.get("result", [])
            if _is_span(result)
            for v in [result["value"]]
            for label in v["labels"]
        ]
        return item["data"].get("article_id"), item["data"]["text"], spans

    def left_out(self, item: Any) -> tuple[tuple[str, int], ...]:
        kinds = Counter(
            "Label Studio relation" if _is_relation(r) else f"Label Studio {r['type']} result"
            for r in self._annotation(item).get("result", [])
            if not _is_span(r) and (self.without_relations or not _is_relation(r))
        )
        return tuple(sorted(kinds.items()))

    def relations_of(self, item: Any) -> list[FileRelation]:
        if self.without_relations:
            return []
        results = self._annotation(item).get("result", [])
        key = _span_keys(results)
        found = []
        for result in results:
            if _is_relation(result) and (kind := _kind(result)):
                ends = (result.get("from_id"), result.get("to_id"))
                if not all(isinstance(e, str | int) and e in key for e in ends):
                    raise ValueError(f"a {kind} relation links a region this annotation lacks")
                found.append((key[ends[0]], key[ends[1]], kind))
        return found

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

    def read(self, stream: TextIO) -> Iterator[LabelledText | RefusedLine]:
        """A JSON list of tasks; `line` in a rejection is the task's number, from 1."""
        try:
            tasks = load_json(stream.read())
        except JsonRefused as error:
            yield RefusedLine(error.lineno, str(error))
            return
        if not isinstance(tasks, list):
            yield RefusedLine(1, "a Label Studio file is a JSON list of tasks")
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


def _result(record: Record, relations: bool = False) -> list[dict[str, Any]]:
    """A record's spans as Label Studio `labels` results, and with `relations` the links of
    `formats.relations` between them as `relation` results."""
    text = record["text"]
    spans = labelled_spans(record)
    result_id = {span: f"s{n}" for n, span in enumerate(spans, 1)}
    scores = _span_scores(record)
    results: list[dict[str, Any]] = [
        {
            "id": result_id[(start, end, label)],
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
            **({"score": scores[(start, end, label)]} if (start, end, label) in scores else {}),
        }
        for start, end, label in spans
    ]
    if relations:
        results += [
            {
                "from_id": result_id[source],
                "to_id": result_id[target],
                "type": "relation",
                "direction": "right",
                "labels": [kind],
            }
            for source, target, kind in record_relations(record)
        ]
        results += _modalities(record, result_id)
    return results


def _span_scores(record: Record) -> dict[tuple[int, int, str], float]:
    """(start, end, label) -> the suggestion's score, for the spans of the record that have one."""
    scores = {
        (s["start"], s["end"], s["label"]): s["score"] for s in record["spans"] if "score" in s
    }
    for item in record["boilerplate"]:
        if "score" in item:
            scores[(item["start"], item["end"], region_label(item["kind"]))] = item["score"]
    return scores


def _mean_score(record: Record) -> float | None:
    """The prediction's overall score (Label Studio sorts tasks by it): the mean of its spans'
    scores, None when none has one."""
    scores = list(_span_scores(record).values())
    return round(sum(scores) / len(scores), 4) if scores else None


def _modalities(record: Record, result_id: dict[tuple[int, int, str], str]) -> list[dict[str, Any]]:
    """An event's modality as a per-region `choices` result on its evidence span (the region
    id of that span), one per span: Label Studio holds one choice set per region."""
    spans = {s["id"]: s for s in record["spans"]}
    found: dict[str, dict[str, Any]] = {}
    for event in record["events"]:
        span = spans.get(event["evidence"]) if event.get("modality") else None
        if span is None:
            continue
        region = result_id[(span["start"], span["end"], span["label"])]
        found.setdefault(
            region,
            {
                "id": region,
                "from_name": "modality",
                "to_name": "text",
                "type": "choices",
                "value": {
                    "start": span["start"],
                    "end": span["end"],
                    "text": span["text"],
                    "choices": [event["modality"]],
                },
            },
        )
    return list(found.values())


def labelling_config(schema: LabelSchema) -> str:
    """The XML labelling config of `schema`: every label (entities, then the boilerplate
    regions as `boilerplate/<kind>`) under the `label` control the tasks' results name, and
    the relation kinds of `formats.relations`."""
    labels = "".join(
        f"    <Label value={quoteattr(label.name)} background={quoteattr(label.color)}/>\n"
        for label in (*schema.entity_labels(), *schema.region_labels())
    )
    relations = "".join(f"    <Relation value={quoteattr(kind)}/>\n" for kind in RELATION_KINDS)
    modalities = "".join(f"    <Choice value={quoteattr(m)}/>\n" for m in EVENT_MODALITIES)
    return (
        "<View>\n"
        f"  <Relations>\n{relations}  </Relations>\n"
        '  <Labels name="label" toName="text">\n'
        f"{labels}"
        "  </Labels>\n"
        '  <Text name="text" value="$text"/>\n'
        '  <Choices name="modality" toName="text" perRegion="true" showInline="true">\n'
        f"{modalities}"
        "  </Choices>\n"
        "</View>\n"
    )


def _is_span(result: dict[str, Any]) -> bool:
    return result.get("type", "labels") == "labels"


def _is_relation(result: dict[str, Any]) -> bool:
    return result.get("type") == "relation"


def _kind(relation: dict[str, Any]) -> str | None:
    """The relation kind of ours a `relation` result is labelled with, or None."""
    labels = relation.get("labels")
    if not isinstance(labels, list):
        return None
    kinds = [k for k in labels if isinstance(k, str) and is_ours(k)]
    return kinds[0] if len(kinds) == 1 else None


def _span_keys(results: list[dict[str, Any]]) -> dict[Any, tuple[int, int, str]]:
    """Region id -> (start, end, label) of the `labels` results (a region's first label)."""
    return {
        r["id"]: (r["value"]["start"], r["value"]["end"], r["value"]["labels"][0])
        for r in results
        if _is_span(r) and "id" in r
    }


def _relations_of(annotation: dict[str, Any]) -> list[tuple[Any, Any, str]]:
    """The relation results of an annotation as (from span, to span, kind), spans as
    (start, end, label)."""
    span = _span_keys(annotation["result"])
    return [
        (span[r["from_id"]], span[r["to_id"]], r["labels"][0])
        for r in annotation["result"]
        if _is_relation(r)
    ]
