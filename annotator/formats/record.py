"""(Article, AnnotationSet) <-> the native record of DESIGN.md; pure, no I/O.

Span ids in a record are numbered 1..n after sorting by (start, end, label), so the same labels
export the same bytes from any database, and export -> import -> export is the identity. `spans`
holds entity spans only (what NER training reads); region spans are in `boilerplate`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from annotator.formats.base import InvalidExportError, LabelledText, Record, draft_span
from annotator.model import (
    AnnotationSet,
    Article,
    Event,
    Official,
    Span,
    check_span_text,
    is_region_label,
    region_kind,
    region_label,
)


def _span_order(span: Span) -> tuple[int, int, str]:
    return span.start, span.end, span.label


def _check_stored(article: Article, span: Span) -> None:
    problem = check_span_text(article.text, span.start, span.end, span.text)
    if problem:
        raise InvalidExportError(f"article {article.id}, span {span.id} ({span.label}): {problem}")


def to_record(article: Article, aset: AnnotationSet, *, original: bool = False) -> Record:
    """The native record; a set with a blank annotator (an article nobody labelled) gives null.

    Raises InvalidExportError when a stored span's text does not match the article text.
    """
    for span in aset.spans:
        _check_stored(article, span)
    entities = sorted(aset.entity_spans(), key=_span_order)
    local_id = {span.id: n for n, span in enumerate(entities, 1) if span.id is not None}
    official_name = {o.id: o.name for o in aset.officials if o.id is not None}
    record: Record = {
        "id": article.id,
        "annotator": aset.annotator or None,
        "status": aset.status,
        "text": article.text,
        "meta": {
            "title": article.title,
            "published": article.published,
            "outlet": article.outlet,
            "source": article.source,
            "script": article.script,
            "damage": [[d.start, d.end] for d in article.damage],
        },
        "spans": [
            {"id": n, "start": s.start, "end": s.end, "label": s.label, "text": s.text}
            for n, s in enumerate(entities, 1)
        ],
        "officials": [
            {
                "name": o.name,
                "titles": list(o.titles),
                "organization": o.organization,
                "mentions": [local_id[m] for m in o.mentions if m in local_id],
            }
            for o in aset.officials
        ],
        "events": [
            {
                "type": e.type,
                "date": e.date,
                "end_date": e.end_date,
                "place": e.place,
                "participants": [official_name[p] for p in e.participants if p in official_name],
                # evidence on a region span has no id in the record: exported as null
                "evidence": local_id.get(e.evidence) if e.evidence is not None else None,
                "modality": e.modality,
            }
            for e in aset.events
        ],
        "boilerplate": [
            {"start": s.start, "end": s.end, "kind": region_kind(s.label)}
            for s in sorted(aset.region_spans(), key=_span_order)
        ],
    }
    if original:
        record["original"] = {
            "text": article.raw_text,
            "spans": [_original_span(article, n, s) for n, s in enumerate(entities, 1)],
        }
    return record


def _original_span(article: Article, local: int, span: Span) -> dict[str, int]:
    start, end = article.offset_map.span_to_raw(span.start, span.end)
    return {"id": local, "start": start, "end": end}


def labelled_spans(record: Mapping[str, Any]) -> list[tuple[int, int, str]]:
    """Every span of a record as (start, end, label), regions as `boilerplate/<kind>`, sorted."""
    spans = [(s["start"], s["end"], s["label"]) for s in record["spans"]]
    spans += [(b["start"], b["end"], region_label(b["kind"])) for b in record["boilerplate"]]
    return sorted(spans)


def spans_from_triples(
    text: str, triples: Iterable[tuple[int, int, str]], first_id: int = 1
) -> tuple[Span, ...]:
    """Draft spans numbered from `first_id`; offsets must already be checked against `text`."""
    return tuple(
        draft_span(start, end, label, text[start:end], n)
        for n, (start, end, label) in enumerate(triples, first_id)
    )


def from_record(record: Mapping[str, Any], line: int) -> LabelledText:
    """A (schema-valid) native record -> labelled text with draft ids.

    Raises ValueError naming the problem when offsets, span texts or references do not hold.
    """
    text: str = record["text"]
    spans: list[Span] = []
    for item in record["spans"]:
        _require_span(text, item["start"], item["end"], item["text"])
        if is_region_label(item["label"]):
            raise ValueError(
                f"span {item['id']}: region label {item['label']!r} belongs in boilerplate"
            )
        spans.append(
            draft_span(item["start"], item["end"], item["label"], item["text"], item["id"])
        )
    ids = [s.id for s in spans]
    if len(set(ids)) != len(ids):
        raise ValueError("span ids repeat")
    for item in record["boilerplate"]:
        _require_span(text, item["start"], item["end"])
    regions = spans_from_triples(
        text,
        ((b["start"], b["end"], region_label(b["kind"])) for b in record["boilerplate"]),
        first_id=max(ids, default=0) + 1,
    )
    officials = tuple(_official(item, n, set(ids)) for n, item in enumerate(record["officials"], 1))
    by_name = {}
    for official in officials:
        by_name.setdefault(official.name, official.id)  # a repeated name means its first record
    events = tuple(_event(item, by_name, set(ids)) for item in record["events"])
    return LabelledText(
        line=line,
        text=text,
        article_id=record["id"],
        spans=(*spans, *regions),
        officials=officials,
        events=events,
        status=record["status"],
        author=record["annotator"],
    )


def _require_span(text: str, start: int, end: int, expected: str | None = None) -> None:
    problem = check_span_text(text, start, end, expected)
    if problem:
        raise ValueError(problem)


def _official(item: Mapping[str, Any], draft_id: int, span_ids: set[int]) -> Official:
    unknown = [m for m in item["mentions"] if m not in span_ids]
    if unknown:
        raise ValueError(f"official {item['name']!r} mentions unknown span ids {unknown}")
    return Official(
        article_id="",
        annotator="",
        name=item["name"],
        titles=tuple(item["titles"]),
        organization=item["organization"],
        mentions=tuple(item["mentions"]),
        id=draft_id,
    )


def _event(item: Mapping[str, Any], by_name: Mapping[str, int | None], span_ids: set[int]) -> Event:
    unknown: Sequence[str] = [p for p in item["participants"] if p not in by_name]
    if unknown:
        raise ValueError(
            f"event {item['type']!r}: participants {unknown} are not officials of this line"
        )
    if item["evidence"] is not None and item["evidence"] not in span_ids:
        raise ValueError(f"event {item['type']!r}: evidence {item['evidence']} is not a span id")
    return Event(
        article_id="",
        annotator="",
        type=item["type"],
        date=item["date"],
        end_date=item["end_date"],
        place=item["place"],
        participants=tuple(by_name[p] for p in item["participants"]),  # type: ignore[misc]
        evidence=item["evidence"],
        modality=item.get("modality"),  # absent in files written before it: it happened
    )
