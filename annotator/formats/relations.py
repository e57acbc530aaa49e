"""The links between spans that a native record implies, for formats that carry relations.

Officials' titles and organization, and events' place, are free text in our data model, not
span ids; a link is written only where the text names a span of the right label exactly
(white space ignored, as a title across a line break `自治区\\n党委书记` is `自治区党委书记`),
the nearest such span when several do. What the text does not name gets no link:
- `title`: an official's first mention -> a TITLE span of each of its titles;
- `organization`: the first mention -> an ORG span of its organization;
- `participant`: an event's evidence span -> the first mention of each participant;
- `place` / `date`: the evidence span -> a PLACE / DATE span with that text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from annotator.formats.base import Record

RELATION_KINDS = ("title", "organization", "participant", "place", "date")
Key = tuple[int, int, str]  # a span as (start, end, label)
Relation = tuple[Key, Key, str]  # (from, to, type)


def _bare(text: str) -> str:
    return "".join(text.split())


def _nearest(spans: Iterable[Mapping[str, Any]], anchor: Mapping[str, Any]) -> Key | None:
    best = min(spans, key=lambda s: (abs(s["start"] - anchor["start"]), s["start"]), default=None)
    return None if best is None else (best["start"], best["end"], best["label"])


def _key(span: Mapping[str, Any]) -> Key:
    return span["start"], span["end"], span["label"]


def record_relations(record: Record) -> list[Relation]:
    """Every link `record` implies, each once, in a stable order."""
    spans = {s["id"]: s for s in record["spans"]}

    def named(label: str, text: str | None, anchor: Mapping[str, Any]) -> Key | None:
        if not text or not _bare(text):
            return None
        wanted = _bare(text)
        same = (s for s in record["spans"] if s["label"] == label and _bare(s["text"]) == wanted)
        return _nearest(same, anchor)

    relations: list[Relation] = []
    first_mention: dict[str, Mapping[str, Any]] = {}
    for official in record["officials"]:
        if not official["mentions"]:
            continue
        anchor = spans[official["mentions"][0]]
        first_mention.setdefault(official["name"], anchor)
        for title in official["titles"]:
            if (target := named("TITLE", title, anchor)) is not None:
                relations.append((_key(anchor), target, "title"))
        if (target := named("ORG", official["organization"], anchor)) is not None:
            relations.append((_key(anchor), target, "organization"))
    for event in record["events"]:
        if event["evidence"] is None:
            continue
        evidence = spans[event["evidence"]]
        for name in event["participants"]:
            if name in first_mention:
                relations.append((_key(evidence), _key(first_mention[name]), "participant"))
        for label, kind, text in (
            ("PLACE", "place", event["place"]),
            ("DATE", "date", event["date"]),
        ):
            if (target := named(label, text, evidence)) is not None:
                relations.append((_key(evidence), target, kind))
    return list(dict.fromkeys(relations))
