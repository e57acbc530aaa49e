"""The links between spans that a native record holds, for formats that carry relations.

An official links the TITLE spans and the ORG span naming its posts (`title_spans`,
`organization_span`), an event the PLACE, DATE and OFFICIAL spans of its parts (`place_span`,
`date_span`, `participant_spans`). Each relation runs from an anchor span:
- `title`, `organization`: an official's first mention -> its TITLE / ORG span;
- `participant`, `place`, `date`: an event's evidence span -> its OFFICIAL / PLACE / DATE span.
A record without stored links of a kind (made before links existed, or by hand without them)
falls back to the links its free text implies: a link is written only where the text names a
span of the right label exactly (white space ignored, as a title across a line break
`自治区\n党委书记` is `自治区党委书记`), the nearest such span when several do, and a
participant's span is its official's first mention. What the text does not name gets no link.
`record_relations` gives them all as span-to-span relations (doccano, Label Studio);
`official_relations` and `event_parts` apart, for a format that hangs an event's links on the
event itself (brat's E line arguments).
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


class _Links:
    """The links of one record: stored ones, or where a kind has none, those its text implies."""

    def __init__(self, record: Record) -> None:
        self.record = record
        self.spans = {s["id"]: s for s in record["spans"]}
        self.first_mention: dict[str, Mapping[str, Any]] = {}
        for official in record["officials"]:
            if official["mentions"]:
                self.first_mention.setdefault(official["name"], self.spans[official["mentions"][0]])

    def named(self, label: str, text: str | None, anchor: Mapping[str, Any]) -> Key | None:
        if not text or not _bare(text):
            return None
        wanted = _bare(text)
        same = (
            s for s in self.record["spans"] if s["label"] == label and _bare(s["text"]) == wanted
        )
        return _nearest(same, anchor)

    def stored(self, item: Mapping[str, Any], field: str) -> list[Key] | None:
        """The spans a link field names; None when the record holds no link there."""
        value = item.get(field)
        ids = value if isinstance(value, list) else [] if value is None else [value]
        return [_key(self.spans[i]) for i in ids if i in self.spans] or None

    def official(self, official: Mapping[str, Any]) -> list[Relation]:
        if not official["mentions"]:
            return []
        anchor = self.spans[official["mentions"][0]]
        titles = self.stored(official, "title_spans")
        if titles is None:
            titles = [t for t in (self.named("TITLE", x, anchor) for x in official["titles"]) if t]
        organization = self.stored(official, "organization_span")
        if organization is None:
            found = self.named("ORG", official["organization"], anchor)
            organization = [found] if found else []
        return [(_key(anchor), target, "title") for target in titles] + [
            (_key(anchor), target, "organization") for target in organization
        ]

    def event(self, event: Mapping[str, Any]) -> list[tuple[Key, str]]:
        if event["evidence"] is None:
            return []
        evidence = self.spans[event["evidence"]]
        participants = self.stored(event, "participant_spans")
        if participants is None:
            participants = [
                _key(self.first_mention[name])
                for name in event["participants"]
                if name in self.first_mention
            ]
        parts = [(target, "participant") for target in participants]
        for label, kind, text in (
            ("PLACE", "place", event["place"]),
            ("DATE", "date", event["date"]),
        ):
            targets = self.stored(event, f"{kind}_span")
            if targets is None:
                found = self.named(label, text, evidence)
                targets = [found] if found else []
            parts += [(target, kind) for target in targets]
        return list(dict.fromkeys(parts))


def official_relations(record: Record) -> list[Relation]:
    """The `title` and `organization` links of the record's officials, each once."""
    links = _Links(record)
    return list(dict.fromkeys(r for o in record["officials"] for r in links.official(o)))


def event_parts(record: Record) -> list[list[tuple[Key, str]]]:
    """Per event of the record, in its order: (target span, kind) of each of its `participant`,
    `place` and `date` links; none for an event without evidence (nothing anchors them)."""
    links = _Links(record)
    return [links.event(event) for event in record["events"]]


def record_relations(record: Record) -> list[Relation]:
    """Every link `record` holds (or, without stored links of a kind, implies), each once, in a
    stable order; an event's links run from its evidence span."""
    spans = {s["id"]: s for s in record["spans"]}
    relations = official_relations(record)
    for event, parts in zip(record["events"], event_parts(record), strict=True):
        relations += [(_key(spans[event["evidence"]]), target, kind) for target, kind in parts]
    return list(dict.fromkeys(relations))
