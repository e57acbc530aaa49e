"""(Article, AnnotationSet) <-> the native record of DESIGN.md; pure, no I/O.

Span ids in a record are numbered 1..n after sorting by (start, end, label), so the same labels
export the same bytes from any database, and export -> import -> export is the identity. `spans`
holds entity spans only (what NER training reads); region spans are in `boilerplate`.
"""

from __future__ import annotations

import dataclasses
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
    clean_note,
    is_region_label,
    link_problem,
    region_kind,
    region_label,
)


def _span_order(span: Span) -> tuple[int, int, str]:
    return span.start, span.end, span.label


def _check_stored(article: Article, span: Span) -> None:
    problem = check_span_text(article.text, span.start, span.end, span.text)
    if problem:
        raise InvalidExportError(
            "article {article_id}, span {span_id} ({label}): {problem}",
            article_id=article.id, span_id=span.id, label=span.label, problem=problem
        )


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
            {
                "id": n,
                "start": s.start,
                "end": s.end,
                "label": s.label,
                "text": s.text,
                **flags(s),
                **suggested(s),
            }
            for n, s in enumerate(entities, 1)
        ],
        "officials": [
            {
                "name": o.name,
                "titles": list(o.titles),
                "organization": o.organization,
                "mentions": [local_id[m] for m in o.mentions if m in local_id],
                **_links(o, local_id),
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
                **_links(e, local_id),
            }
            for e in aset.events
        ],
        "boilerplate": [
            {
                "start": s.start,
                "end": s.end,
                "kind": region_kind(s.label),
                **flags(s),
                **suggested(s),
            }
            for s in sorted(aset.region_spans(), key=_span_order)
        ],
    }
    record.update(flags(aset))
    if original:
        record["original"] = {
            "text": article.raw_text,
            "spans": [_original_span(article, n, s) for n, s in enumerate(entities, 1)],
        }
    return record


# The link fields of records (see model.LINK_LABELS), by record kind: span ids in a record.
OFFICIAL_LINKS = ("title_spans", "organization_span")
EVENT_LINKS = ("place_span", "date_span", "participant_spans")


def _links(record: Official | Event, local_id: Mapping[int, int]) -> dict[str, Any]:
    """The record's links as local span ids (a link to a span the record lacks is left out)."""
    links: dict[str, Any] = {}
    for name in OFFICIAL_LINKS if isinstance(record, Official) else EVENT_LINKS:
        value = getattr(record, name)
        if isinstance(value, tuple):
            links[name] = [local_id[i] for i in value if i in local_id]
        else:
            links[name] = local_id.get(value) if value is not None else None
    return links


def keep_links(item: dict[str, Any], kept: set[int]) -> None:
    """Drop, in place, the links of a record's official or event to spans not `kept`."""
    for name in (*OFFICIAL_LINKS, *EVENT_LINKS):
        value = item.get(name)
        if isinstance(value, list):
            item[name] = [i for i in value if i in kept]
        elif value is not None and value not in kept:
            item[name] = None


def flags(item: Span | AnnotationSet) -> dict[str, Any]:
    """A span's or set's note and unsure flag as record fields, each only when set: a record
    without them reads as no note, not unsure (and files written before them still import)."""
    found: dict[str, Any] = {}
    if item.note:
        found["note"] = item.note
    if item.unsure:
        found["unsure"] = True
    return found


def suggested(span: Span) -> dict[str, Any]:
    """A suggestion's `source` (the suggester, or its rule that fired) and `score` (its
    confidence in [0, 1]) as record fields, each only when known: a person's span has neither,
    so records of people's labels are as they were."""
    found: dict[str, Any] = {}
    if span.rule is not None:
        found["source"] = span.rule
    if span.score is not None:
        found["score"] = span.score
    return found


def read_flags(item: Mapping[str, Any]) -> dict[str, Any]:
    """`note` and `unsure` of a record, a span or a boilerplate item, as stored (a blank note
    is none); ValueError, naming the problem, for a note the store would refuse."""
    return {"note": clean_note(item.get("note")), "unsure": bool(item.get("unsure", False))}


def with_flags(span: Span, item: Mapping[str, Any]) -> Span:
    return dataclasses.replace(span, **read_flags(item))


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
            with_flags(
                draft_span(item["start"], item["end"], item["label"], item["text"], item["id"]),
                item,
            )
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
    labels = {s.id: s.label for s in spans}
    officials = tuple(_official(item, n, labels) for n, item in enumerate(record["officials"], 1))
    by_name = {}
    for official in officials:
        by_name.setdefault(official.name, official.id)  # a repeated name means its first record
    events = tuple(_event(item, by_name, labels) for item in record["events"])
    return LabelledText(
        line=line,
        text=text,
        article_id=record["id"],
        spans=(
            *spans,
            *(with_flags(r, item) for r, item in zip(regions, record["boilerplate"], strict=True)),
        ),
        officials=officials,
        events=events,
        status=record["status"],
        **read_flags(record),
        author=record["annotator"],
    )


def _require_span(text: str, start: int, end: int, expected: str | None = None) -> None:
    problem = check_span_text(text, start, end, expected)
    if problem:
        raise ValueError(problem)


def _official(item: Mapping[str, Any], draft_id: int, labels: Mapping[int | None, str]) -> Official:
    unknown = [m for m in item["mentions"] if m not in labels]
    if unknown:
        raise ValueError(f"official {item['name']!r} mentions unknown span ids {unknown}")
    official = Official(
        article_id="",
        annotator="",
        name=item["name"],
        titles=tuple(item["titles"]),
        organization=item["organization"],
        mentions=tuple(item["mentions"]),
        id=draft_id,
        # absent in files written before the links: none
        title_spans=tuple(item.get("title_spans") or ()),
        organization_span=item.get("organization_span"),
    )
    if problem := link_problem(official, labels):
        raise ValueError(f"official {item['name']!r}: {problem}")
    return official


def _event(
    item: Mapping[str, Any], by_name: Mapping[str, int | None], labels: Mapping[int | None, str]
) -> Event:
    unknown: Sequence[str] = [p for p in item["participants"] if p not in by_name]
    if unknown:
        raise ValueError(
            f"event {item['type']!r}: participants {unknown} are not officials of this line"
        )
    if item["evidence"] is not None and item["evidence"] not in labels:
        raise ValueError(f"event {item['type']!r}: evidence {item['evidence']} is not a span id")
    event = Event(
        article_id="",
        annotator="",
        type=item["type"],
        date=item["date"],
        end_date=item["end_date"],
        place=item["place"],
        participants=tuple(by_name[p] for p in item["participants"]),  # type: ignore[misc]
        evidence=item["evidence"],
        modality=item.get("modality"),  # absent in files written before it: it happened
        place_span=item.get("place_span"),  # the links: absent in files written before them
        date_span=item.get("date_span"),
        participant_spans=tuple(item.get("participant_spans") or ()),
    )
    if problem := link_problem(event, labels):
        raise ValueError(f"event {item['type']!r}: {problem}")
    return event
