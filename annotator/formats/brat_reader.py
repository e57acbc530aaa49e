"""Reading a brat folder back: `<id>.txt` + `<id>.ann` pairs, each pair one labelled text.

- A `T` line is a span: its type is the label (`boilerplate_<kind>` is `boilerplate/<kind>`
  again), its fragments must each be the .txt slice its text states. Fragments separated only
  by white space (our export splits a span at line breaks) are one span; a discontinuous span
  with other text between its fragments cannot be one span and refuses the file.
- The `E` lines our export writes come back: an `Official` event (its `Mention` arguments and
  the AnnotatorNotes JSON of name, titles, organization) is an official, an `Event` event (its
  `Evidence` and `Participant` arguments, `EventType` attribute, `Modality` attribute when it
  has one, notes of date, end date and place) an event. An `Event` line's span arguments are
  the event's links: `Participant` on an OFFICIAL span, `Place`, `Date` (at most one each:
  two refuse the file); one on something that is no span is counted as left out. `R` lines of
  our relation kinds (`formats.relations`) between two spans become the links of officials
  and events (`formats.relation_import`; an earlier export wrote an event's links so too).
  Other `E` and `R` lines, `N` and other `A` lines and notes are not imported: each is
  counted as left out. The `T` triggers of E lines are not spans.
- The file stem is the article id when it is one (it is in our export); otherwise the text
  finds the article. Files are read in name order and numbered from 1 in messages.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from annotator.formats.base import LabelledText, Reader, RefusedLine
from annotator.formats.record import spans_from_triples
from annotator.formats.relation_import import is_ours, linked
from annotator.model import Event, Official, check_article_id, region_label

_REGION_TYPE = "boilerplate_"  # how formats/brat.py spells `boilerplate/`
_LEFT_OUT = {"E": "brat E line", "R": "brat R line", "A": "brat A line", "N": "brat N line"}


class BratFolderReader(Reader):
    name = "brat"
    unit = "file"
    holds_records = True  # our export's officials and events come back from its E lines

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def ann_files(self) -> list[Path]:
        """The .ann files of the folder, in name order; ValueError when there are none."""
        files = sorted(self.folder.glob("*.ann"))
        if not files:
            hint = (
                " (an export of several annotators has a sub-folder each: name one)"
                if any(self.folder.glob("*/*.ann"))
                else ""
            )
            raise ValueError(f"no .ann files in {self.folder}{hint}")
        return files

    def read(self, stream: TextIO | None = None) -> Iterator[LabelledText | RefusedLine]:
        """Every .txt/.ann pair of the folder (the stream is not used: brat is a folder)."""
        for number, ann in enumerate(self.ann_files(), 1):
            try:
                yield parse_pair(ann, number)
            except (OSError, UnicodeDecodeError, ValueError) as error:
                yield RefusedLine(number, f"{ann.name}: {error}", self.unit)


def _read(path: Path) -> str:
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return stream.read()


@dataclass(frozen=True, slots=True)
class _EventLine:
    """`E1<TAB>Official:T5 Mention:T1 Mention2:T3` as (E1, Official, T5, [(Mention, T1), …])."""

    eid: str
    kind: str
    trigger: str
    args: tuple[tuple[str, str], ...]

    @classmethod
    def parse(cls, line: str) -> _EventLine:
        try:
            eid, rest = line.split("\t")[:2]
            parts = [tuple(part.split(":", 1)) for part in rest.split()]
            (kind, trigger), *args = parts
        except ValueError:
            raise ValueError(f"{line!r} is not an event line") from None
        roles = tuple((role.rstrip("0123456789"), target) for role, target in args)
        return cls(eid, kind, trigger, roles)

    def targets(self, role: str) -> list[str]:
        return [target for name, target in self.args if name == role]


class _Ann:
    """One .ann file sorted by line kind; `left_out` counts what is not taken."""

    def __init__(self, ann: str, text: str) -> None:
        self.spans: dict[str, tuple[int, int, str]] = {}
        self.events: list[_EventLine] = []
        self.attributes: dict[str, list[tuple[str, str]]] = {}  # E id -> (name, value)
        self.notes: dict[str, str] = {}  # annotated id -> its AnnotatorNotes
        self.relations: list[tuple[str, str, str]] = []  # ours: (kind, Arg1 id, Arg2 id)
        self.left_out: Counter[str] = Counter()
        bound: dict[str, tuple[int, int, str]] = {}
        for line in filter(str.strip, ann.splitlines()):
            kind = line[0]
            if kind == "T":
                bound[line.split("\t", 1)[0]] = _text_bound(line, text)
            elif kind == "E":
                self.events.append(_EventLine.parse(line))
            elif kind == "A" and len(fields := line.split("\t")) == 2:
                name, target, *value = fields[1].split(" ")
                self.attributes.setdefault(target, []).append((name, " ".join(value)))
            elif kind == "#" and len(fields := line.split("\t")) == 3:
                self.notes[fields[1].split(" ")[-1]] = fields[2]
            elif kind == "R" and (relation := _relation(line)) is not None:
                self.relations.append(relation)
            else:
                self.left_out[_LEFT_OUT.get(kind, f"brat {kind} line")] += 1
        triggers = {event.trigger for event in self.events}
        self.spans = {tid: span for tid, span in bound.items() if tid not in triggers}


def _details(notes: str | None, keys: tuple[str, ...]) -> dict[str, Any] | None:
    """The JSON object our export put in an AnnotatorNotes line, or None when it is not one."""
    try:
        payload = json.loads(notes) if notes is not None else None
    except ValueError:
        return None
    return payload if isinstance(payload, dict) and set(keys) <= set(payload) else None


def _records(ann: _Ann, span_id: dict[str, int]) -> tuple[tuple[Official, ...], tuple[Event, ...]]:
    """The officials and events of our export's E lines; every other line counted as left out."""
    officials: dict[str, Official] = {}
    events: list[Event] = []
    taken: set[str] = set()  # E ids whose attributes and notes were used
    for event in ann.events:
        mentions = [span_id[t] for t in event.targets("Mention") if t in span_id]
        details = _details(ann.notes.get(event.eid), ("name", "titles", "organization"))
        if event.kind == "Official" and details and isinstance(details["name"], str):
            officials[event.eid] = Official(
                "",
                "",
                name=details["name"],
                titles=tuple(str(t) for t in details["titles"] or ()),
                organization=details["organization"],
                mentions=tuple(mentions),
                id=len(officials) + 1,
            )
            taken.add(event.eid)
    for event in ann.events:
        details = _details(ann.notes.get(event.eid), ("date", "end_date", "place"))
        types = [value for name, value in ann.attributes.get(event.eid, []) if name == "EventType"]
        modality = [
            value for name, value in ann.attributes.get(event.eid, []) if name == "Modality"
        ]
        evidence = [span_id[t] for t in event.targets("Evidence") if t in span_id]
        if event.kind == "Event" and details and len(types) == 1 and len(modality) <= 1:
            participants = [officials[e].id for e in event.targets("Participant") if e in officials]
            parts = _parts(event, span_id, officials.keys())
            ann.left_out["brat E argument"] += parts.pop("not_taken")
            events.append(
                Event(
                    "",
                    "",
                    type=types[0],
                    date=details["date"],
                    end_date=details["end_date"],
                    place=details["place"],
                    participants=tuple(p for p in participants if p is not None),
                    evidence=evidence[0] if evidence else None,
                    modality=modality[0] if modality else None,  # an unknown one: refused
                    **parts,
                )
            )
            taken.add(event.eid)
    for event in ann.events:
        if event.eid not in taken:
            ann.left_out["brat E line"] += 1
    for target, attributes in ann.attributes.items():
        names = sorted(name for name, _ in attributes)
        used = target in taken and names in (["EventType"], ["EventType", "Modality"])
        ann.left_out["brat A line"] += 0 if used else len(attributes)
    ann.left_out["brat note"] += sum(target not in taken for target in ann.notes)
    return tuple(officials.values()), tuple(events)


def _parts(event: _EventLine, span_id: dict[str, int], officials: Iterable[str]) -> dict[str, Any]:
    """The link fields of an Event line's part arguments, and ("not_taken") how many name
    neither a span nor, for Participant, an Official event; ValueError for two places or dates."""
    targets = {role: event.targets(role) for role in ("Participant", "Place", "Date")}
    for role in ("Place", "Date"):
        if len(targets[role]) > 1:
            many = len(targets[role])
            raise ValueError(f"{event.eid}: {many} {role} arguments; an event has one")
    spans = {role: [span_id[t] for t in found if t in span_id] for role, found in targets.items()}
    taken = span_id.keys() | set(officials)
    return {
        "place_span": next(iter(spans["Place"]), None),
        "date_span": next(iter(spans["Date"]), None),
        "participant_spans": tuple(dict.fromkeys(spans["Participant"])),
        "not_taken": sum(t not in taken for t in targets["Participant"])
        + sum(t not in span_id for role in ("Place", "Date") for t in targets[role]),
    }


def parse_pair(ann_path: Path, number: int) -> LabelledText:
    text = _read(ann_path.with_suffix(".txt"))
    ann = _Ann(_read(ann_path), text)
    triples = sorted(set(ann.spans.values()))
    number_of = {span: n for n, span in enumerate(triples, 1)}
    span_id = {tid: number_of[span] for tid, span in ann.spans.items()}
    officials, events = _records(ann, span_id)
    relations = [
        (span_id[a], span_id[b], kind) for kind, a, b in ann.relations if {a, b} <= span_id.keys()
    ]
    ann.left_out["brat R line"] += len(ann.relations) - len(relations)
    found = linked(spans_from_triples(text, triples), officials, events, relations)
    officials, events = found.officials, found.events
    ann.left_out["brat R line"] += found.not_taken
    stem = ann_path.stem
    try:
        check_article_id(stem)
        article_id: str | None = stem
    except ValueError:
        article_id = None
    return LabelledText(
        line=number,
        text=text,
        article_id=article_id,
        spans=spans_from_triples(text, triples),
        officials=officials,
        events=events,
        left_out=tuple(sorted((kind, n) for kind, n in ann.left_out.items() if n)),
    )


def _relation(line: str) -> tuple[str, str, str] | None:
    """(kind, Arg1, Arg2) of an R line of ours between two T lines, else None."""
    fields = line.split("\t")
    parts = fields[1].split(" ") if len(fields) >= 2 else []
    if len(parts) != 3 or not is_ours(parts[0]):
        return None
    args = dict(part.split(":", 1) for part in parts[1:] if ":" in part)
    if set(args) != {"Arg1", "Arg2"} or not all(a.startswith("T") for a in args.values()):
        return None
    return parts[0], args["Arg1"], args["Arg2"]


def _text_bound(line: str, text: str) -> tuple[int, int, str]:
    """(start, end, label) of a T line, checked against the text; ValueError naming it."""
    try:
        tid, kind_offsets, stated = line.split("\t")
        kind, offsets = kind_offsets.split(" ", 1)
        frags = [tuple(map(int, part.split())) for part in offsets.split(";")]
        if any(len(frag) != 2 for frag in frags):
            raise ValueError
    except ValueError:
        raise ValueError(f"{line!r} is not a text-bound annotation") from None
    if not all(0 <= s < e <= len(text) for s, e in frags):
        raise ValueError(f"{tid}: offsets {offsets} fall outside the text")
    if stated != " ".join(text[s:e] for s, e in frags):
        raise ValueError(f"{tid}: text {stated!r} is not the .txt at {offsets}")
    frags.sort()
    if any(text[a[1] : b[0]].strip() for a, b in zip(frags, frags[1:], strict=False)):
        raise ValueError(f"{tid}: a discontinuous span with text between its fragments")
    label = region_label(kind[len(_REGION_TYPE) :]) if kind.startswith(_REGION_TYPE) else kind
    return frags[0][0], frags[-1][1], label
