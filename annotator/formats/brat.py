"""brat standoff: a folder of `<article id>.txt` + `<article id>.ann` and an `annotation.conf`.

- Every span is a text-bound annotation `T`; labels `boilerplate/<kind>` become
  `boilerplate_<kind>` (brat type names cannot hold "/"). A span across line breaks is written
  as discontinuous fragments (`T1	EVENT 0 5;6 10	…`), the usual brat way, because brat
  draws one fragment per line; line breaks at a span's edges are not part of any fragment.
- An official is an `Official` event whose trigger sits on its first mention, with one
  `Mention` argument per mention; name, titles and organization go into an AnnotatorNotes line
  as JSON. An official without mentions has nothing to anchor it and is left out.
- An event is an `Event` event triggered on its evidence span, with `Evidence` and `Participant`
  (the Official events) arguments, its type as the `EventType` attribute, and date, end date
  and place as JSON in AnnotatorNotes. An event without evidence is left out.
- An event's links to the spans of its parts (`formats.relations.event_parts`) are more
  arguments of its E line, brat's native form: `Participant` also takes OFFICIAL spans,
  `Place` a PLACE span, `Date` a DATE span, repeated roles numbered (`Participant:E1
  Participant2:T4`). An official's links (titles, organization) are relation lines
  `R1	title Arg1:T1 Arg2:T5` from its first mention, as an Official event has no argument an
  annotator edits them on. No link is written both ways; annotation.conf declares both.
- Offsets are code points, as brat (Python) counts them; the .txt is the article text exactly.
- File names come from article ids (checked by model.check_article_id), never titles; without
  --annotator each annotator gets a sub-folder (brat finds annotation.conf in a parent folder)
  named by `folder_name`: the name with unsafe characters percent-encoded, so two annotators
  never share a folder and `urllib.parse.unquote(folder) == annotator`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from annotator.formats.base import InvalidExportError, Record
from annotator.formats.record import labelled_spans
from annotator.formats.relations import Key, event_parts, official_relations
from annotator.model import EVENT_MODALITIES, LabelSchema, check_article_id

_LINE_BREAKS = re.compile(r"[^\r\n]+")


UNLABELLED = "unlabelled"  # the folder of articles nobody labelled (annotator null)
CONF = "annotation.conf"
# Escaped wherever they occur: "%" itself (so escaping is reversible), path separators, and what
# Windows refuses in a name; control characters too (see _unsafe).
_ESCAPED = frozenset('%/\\:*?"<>|')
# Names that mean something else (ours, or a Windows device whatever the extension): escaped
# in their first character.
_TAKEN = frozenset([UNLABELLED, CONF])
_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{d}{n}" for d in ("com", "lpt") for n in range(10)]
)


def folder_name(annotator: str | None) -> str:
    """The sub-folder of an annotator's files: one folder per name, never a path elsewhere."""
    if annotator is None:
        return UNLABELLED
    if not annotator:
        raise InvalidExportError("an annotator with an empty name has no folder name")
    chars = [_escape(c) if _unsafe(c) else c for c in annotator]
    if (
        annotator[0] == "."
        or annotator.casefold() in _TAKEN
        or annotator.split(".")[0].casefold() in _DEVICES
    ):
        chars[0] = _escape(annotator[0])  # hidden, `..`, or a name taken by something else
    if annotator[-1] in ". ":
        chars[-1] = _escape(annotator[-1])  # Windows drops a trailing dot or space
    return "".join(chars)


def folder_key(name: str) -> str:
    """Two folder names a case-insensitive, normalizing disk (macOS, Windows) takes as one."""
    return unicodedata.normalize("NFC", name).casefold()


def file_stem(record: Record) -> str:
    """The article id as the name of its .txt/.ann files; refused unless a plain name."""
    try:
        check_article_id(record["id"])
    except ValueError as error:
        raise InvalidExportError("{error}: not written as a brat file name", error=error) from None
    return record["id"]


def _unsafe(char: str) -> bool:
    return char in _ESCAPED or unicodedata.category(char) == "Cc"


def _escape(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))


def brat_type(label: str) -> str:
    return label.replace("/", "_")


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The line-break-free pieces of text[start:end]."""
    return [(start + m.start(), start + m.end()) for m in _LINE_BREAKS.finditer(text[start:end])]


def _bound(tid: str, kind: str, text: str, frags: list[tuple[int, int]]) -> str:
    offsets = ";".join(f"{s} {e}" for s, e in frags)
    return f"{tid}\t{kind} {offsets}\t{' '.join(text[s:e] for s, e in frags)}\n"


def _notes(target: str, number: int, payload: dict[str, object]) -> str:
    return f"#{number}\tAnnotatorNotes {target}\t{json.dumps(payload, ensure_ascii=False)}\n"


def annotation_conf(schema: LabelSchema) -> str:
    entities = "\n".join(brat_type(label.name) for label in schema.labels)
    mention_types = "|".join(label.name for label in schema.entity_labels())
    return (
        "# Generated by annotator from its label schema.\n"
        f"[entities]\n{entities}\n\n"
        "[relations]\n"
        f"{_relation_types(schema)}"
        "<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>\n\n"
        "[events]\n"
        f"Official\tMention*:{mention_types}\n"
        f"Event\tEvidence?:{mention_types}, {_part_roles(schema)}\n\n"
        "[attributes]\n"
        f"EventType\tArg:Event, Value:{'|'.join(schema.event_types)}\n"
        f"Modality\tArg:Event, Value:{'|'.join(EVENT_MODALITIES)}\n"
    )


# The official links of `formats.relations` as brat relation types: (kind, Arg1 type, Arg2 type).
_RELATION_ARGS = (("title", "OFFICIAL", "TITLE"), ("organization", "OFFICIAL", "ORG"))
# The event links of `formats.relations` as E line roles: kind -> (role, the span's label, mark).
_PART_ROLES = {"participant": ("Participant", "OFFICIAL", "*"), "place": ("Place", "PLACE", "?"),
               "date": ("Date", "DATE", "?")}  # fmt: skip


def _relation_types(schema: LabelSchema) -> str:
    """The relation types whose labels the schema has (brat's verifier checks them)."""
    names = [label.name for label in schema.entity_labels()]
    return "".join(
        f"{kind}\tArg1:{source}, Arg2:{target}\n"
        for kind, source, target in _RELATION_ARGS
        if {source, target} <= set(names)
    )


def _part_roles(schema: LabelSchema) -> str:
    """The Event roles of its parts; Participant takes Official events, and OFFICIAL spans when
    the schema has the label (brat's verifier checks every argument's type)."""
    names = {label.name for label in schema.entity_labels()}
    roles = {role: [label] if label in names else [] for role, label, _ in _PART_ROLES.values()}
    roles["Participant"].insert(0, "Official")
    marks = {role: mark for role, _, mark in _PART_ROLES.values()}
    return ", ".join(f"{r}{marks[r]}:{'|'.join(types)}" for r, types in roles.items() if types)


def standoff(record: Record) -> str:
    """The .ann file of a record."""
    text = record["text"]
    lines: list[str] = []
    numbers = {"T": 0, "E": 0, "A": 0, "R": 0, "#": 0}

    def next_id(kind: str) -> str:
        numbers[kind] += 1
        return f"{kind}{numbers[kind]}"

    by_span_id: dict[int, str] = {}
    by_key: dict[tuple[int, int, str], str] = {}  # T id of each span written
    local_of = {(s["start"], s["end"], s["label"]): s["id"] for s in record["spans"]}
    for start, end, label in labelled_spans(record):
        frags = fragments(text, start, end)
        if not frags:
            continue  # only line breaks: nothing brat could show
        tid = next_id("T")
        lines.append(_bound(tid, brat_type(label), text, frags))
        by_key[(start, end, label)] = tid
        if (start, end, label) in local_of:
            by_span_id[local_of[(start, end, label)]] = tid
    for source, target, kind in official_relations(record):
        if source in by_key and target in by_key:
            lines.append(f"{next_id('R')}\t{kind} Arg1:{by_key[source]} Arg2:{by_key[target]}\n")
    span_of = {s["id"]: s for s in record["spans"]}
    official_event: dict[str, str] = {}
    for official in record["officials"]:
        mentions = [m for m in official["mentions"] if m in by_span_id]
        if not mentions:
            continue
        first = span_of[mentions[0]]
        trigger, eid = next_id("T"), next_id("E")
        lines.append(
            _bound(trigger, "Official", text, fragments(text, first["start"], first["end"]))
        )
        args = "".join(_arg("Mention", n, by_span_id[m]) for n, m in enumerate(mentions))
        lines.append(f"{eid}\tOfficial:{trigger}{args}\n")
        details = {k: official[k] for k in ("name", "titles", "organization")}
        lines.append(_notes(eid, numbers["#"] + 1, details))
        numbers["#"] += 1
        official_event.setdefault(official["name"], eid)
    for event, parts in zip(record["events"], event_parts(record), strict=True):
        if event["evidence"] not in by_span_id:
            continue
        evidence = span_of[event["evidence"]]
        trigger, eid = next_id("T"), next_id("E")
        lines.append(
            _bound(trigger, "Event", text, fragments(text, evidence["start"], evidence["end"]))
        )
        participants = [official_event[p] for p in event["participants"] if p in official_event]
        args = _arg("Evidence", 0, by_span_id[event["evidence"]])
        args += "".join(_arg("Participant", n, e) for n, e in enumerate(participants))
        args += _part_args(parts, by_key, len(participants))
        lines.append(f"{eid}\tEvent:{trigger}{args}\n")
        lines.append(f"{next_id('A')}\tEventType {eid} {event['type']}\n")
        if event.get("modality"):  # none: it happened, brat's unset attribute
            lines.append(f"{next_id('A')}\tModality {eid} {event['modality']}\n")
        details = {k: event[k] for k in ("date", "end_date", "place")}
        lines.append(_notes(eid, numbers["#"] + 1, details))
        numbers["#"] += 1
    return "".join(lines)


def _arg(role: str, index: int, target: str) -> str:
    """brat numbers repeated roles: Mention, Mention2, Mention3…"""
    return f" {role}{index + 1 if index else ''}:{target}"


def _part_args(parts: list[tuple[Key, str]], by_key: dict[Key, str], participants: int) -> str:
    """The arguments of an event's part links written (a span with no T line has none);
    `participants` Participant arguments (its Official events) come first."""
    counts = {"Participant": participants}
    args = ""
    for target, kind in parts:
        if target in by_key:
            role = _PART_ROLES[kind][0]
            args += _arg(role, counts.get(role, 0), by_key[target])
            counts[role] = counts.get(role, 0) + 1
    return args


def text_bound(ann: str) -> Iterator[tuple[str, list[tuple[int, int]], str]]:
    """(type, fragments, stated text) of every T line of an .ann file; ValueError if malformed."""
    for number, line in enumerate(ann.split("\n"), 1):
        if not line.startswith("T"):
            continue
        try:
            _, kind_offsets, stated = line.split("\t")
            kind, offsets = kind_offsets.split(" ", 1)
            frags = [tuple(map(int, part.split(" "))) for part in offsets.split(";")]
        except ValueError as error:
            raise ValueError(f"line {number}: {line!r} is not a text-bound annotation") from error
        yield kind, frags, stated  # type: ignore[misc]


def verify_standoff(txt: str, ann: str, record: Record) -> None:
    """Re-read an .ann: every fragment's text is the .txt slice, and the spans are the record's."""
    if txt != record["text"]:
        raise InvalidExportError("brat .txt of {id} is not the article text", id=record['id'])
    found = []
    try:
        for kind, frags, stated in text_bound(ann):
            if stated != " ".join(txt[s:e] for s, e in frags) or any(
                "\n" in txt[s:e] or "\r" in txt[s:e] or not 0 <= s < e <= len(txt) for s, e in frags
            ):
                raise ValueError(f"{kind} {frags}: text {stated!r} is not the .txt slice")
            if kind not in ("Official", "Event"):
                found.append((kind, frags))
    except ValueError as error:
        raise InvalidExportError(
            "brat .ann of {id}: {error}", id=record['id'], error=error
        ) from error
    expected = [
        (brat_type(label), fragments(txt, start, end))
        for start, end, label in labelled_spans(record)
        if fragments(txt, start, end)
    ]
    if found != expected:
        raise InvalidExportError("brat .ann of {id}: spans do not read back", id=record['id'])
    if _relation_lines(ann) != _expected_relations(txt, record):
        raise InvalidExportError("brat .ann of {id}: relations do not read back", id=record['id'])


def _relation_lines(ann: str) -> list[tuple[str, Any, Any]]:
    """(kind, from, to) of the R lines and of the part arguments of the Event E lines (from:
    the Evidence), each span as its T line's (type, fragments)."""
    bound = {
        line.split("\t", 1)[0]: (kind, frags)
        for line, (kind, frags, _) in zip(
            (line for line in ann.split("\n") if line.startswith("T")), text_bound(ann), strict=True
        )
    }
    kind_of = {role: kind for kind, (role, _, _) in _PART_ROLES.items()}
    found = []
    for line in ann.split("\n"):
        if line.startswith("R"):
            kind, first, second = line.split("\t")[1].split(" ")
            found.append((kind, bound[first.split(":")[1]], bound[second.split(":")[1]]))
    for line in ann.split("\n"):
        if line.startswith("E") and line.split("\t")[1].startswith("Event:"):
            args = [arg.split(":", 1) for arg in line.split("\t")[1].split(" ")[1:]]
            evidence = bound[dict(args)["Evidence"]]
            found += [
                (kind_of[role.rstrip("0123456789")], evidence, bound[target])
                for role, target in args
                if target in bound and role != "Evidence"
            ]
    return found


def _expected_relations(txt: str, record: Record) -> list[tuple[str, Any, Any]]:
    def bound(key: Key) -> tuple[str, list[tuple[int, int]]]:
        return brat_type(key[2]), fragments(txt, key[0], key[1])

    found = [
        (kind, bound(source), bound(target))
        for source, target, kind in official_relations(record)
        if bound(source)[1] and bound(target)[1]
    ]
    spans = {s["id"]: s for s in record["spans"]}
    for event, parts in zip(record["events"], event_parts(record), strict=True):
        evidence = spans.get(event["evidence"])
        if evidence is not None and fragments(txt, evidence["start"], evidence["end"]):
            source = bound((evidence["start"], evidence["end"], evidence["label"]))
            found += [(kind, source, bound(target)) for target, kind in parts if bound(target)[1]]
    return found
