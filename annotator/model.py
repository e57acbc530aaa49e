"""Domain types shared by every layer: frozen dataclasses, no I/O, no Qt.

Offsets are Python code points into `Article.text`, end exclusive (see DESIGN.md). Only
`annotator.gui.offsets` converts them to Qt's UTF-16 positions.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from annotator.frozen import quick_init
from annotator.messages import Message

Script = Literal["simplified", "traditional"]
Status = Literal["todo", "in_progress", "done", "skipped"]
DamageKind = Literal["lost", "suspect", "replacement", "mojibake"]

STATUSES: tuple[Status, ...] = ("todo", "in_progress", "done", "skipped")
ENTITY_LABELS: tuple[str, ...] = ("OFFICIAL", "TITLE", "ORG", "PLACE", "DATE", "EVENT")
BOILERPLATE_KINDS: tuple[str, ...] = (
    "navigation",
    "breadcrumb",
    "share",
    "related",
    "widget",
    "footer",
    "caption",
    "meta",
    "ad",
    "spam",
    "duplicate",
)
BOILERPLATE_PREFIX = "boilerplate/"
REGION_LABELS: tuple[str, ...] = tuple(BOILERPLATE_PREFIX + k for k in BOILERPLATE_KINDS)
# Event types of official news. The names are stored in every database's events, so a type is
# never renamed: 座谈会/会议, 考察调研 and 慰问 keep the names of the first release (their display
# names are in resources/schema.toml) and new types are added. A database whose stored schema
# holds LEGACY_EVENT_TYPES and none of the new ones is read with EVENT_TYPES added (its own
# additions kept after them): its records stay valid and suggestions of new types fit it.
EVENT_TYPES: tuple[str, ...] = (
    "座谈会/会议", "会见", "会谈", "访问", "考察调研", "签约",
    "出席/典礼/颁奖", "宴会/招待会", "慰问", "参观", "捐赠", "其他",
)  # fmt: skip
LEGACY_EVENT_TYPES: tuple[str, ...] = ("座谈会/会议", "考察调研", "参观", "签约", "慰问", "捐赠", "其他")
# Whether an event happened: None (the default) says it happened or is happening; otherwise one
# of these says what the sentence tells instead. A closed list: exports, imports and the window
# read it from here. Suggestions carry none of them (they skip such sentences, issue 20); people
# set one to keep, say, a planned visit as a record.
EVENT_MODALITIES: tuple[str, ...] = (
    "planned", "hoped", "habitual", "negated", "generic", "condolence", "title",
)  # fmt: skip


def check_modality(modality: object) -> str | None:
    """Why `modality` cannot be an event's modality, or None when it can."""
    if modality is None or modality in EVENT_MODALITIES:
        return None
    return Message(
        "unknown event modality {modality!r}; expected one of {allowed} or none",
        modality=modality,
        allowed=", ".join(EVENT_MODALITIES),
    )

AUTO = "auto"  # the machine annotator whose set holds the suggestions
# The rule of `auto` spans offered where a labelled string recurs, on a person's request: a
# replacement of the machine's set carries those still pending (annotator.store.offers).
SAME_STRING = "same-string"
GOLD = "gold"  # the set a reviewer adjudicates
RESERVED_NAMES = {
    AUTO: Message("the machine's suggestions"),
    GOLD: Message("the adjudicated set"),
}


def check_person_name(name: str) -> str | None:
    """Why `name` cannot be a person's annotator name, or None when it can.

    `auto` and `gold` belong to the machine and to adjudication: a person writing under them
    would mix their labels into the suggestions or the gold standard. Case and surrounding blanks
    do not make a different name here ("Gold" would read as gold in every table).
    """
    folded = name.strip().casefold()
    if not folded:
        return Message("a name cannot be blank")
    if folded in RESERVED_NAMES:
        return Message(
            "{name!r} is reserved for {use}; choose another name",
            name=folded,
            use=RESERVED_NAMES[folded],
        )
    return None


def article_id_for(raw_bytes: bytes) -> str:
    """Same page bytes -> same article id, on every machine."""
    return hashlib.sha256(raw_bytes).hexdigest()[:16]


# An id names the article's files in a brat export, so it must be a plain file name everywhere:
# lower-case letters, digits, "_" and "-", starting with a letter or digit (no "." or ".."; no
# separator; no case-only twins on case-insensitive disks) and not a Windows device name.
# article_id_for makes 16 hex digits; hand-made ids ("a1", "half-noisy") stay legal.
_ARTICLE_ID = re.compile(r"[0-9a-z][0-9a-z_-]{0,63}")
_DEVICE_NAMES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{d}{n}" for d in ("com", "lpt") for n in range(10)]
)


def check_article_id(article_id: object) -> None:
    """Raise ValueError, naming the id, unless it is a legal article id (see _ARTICLE_ID)."""
    if not isinstance(article_id, str) or not _ARTICLE_ID.fullmatch(article_id):
        raise ValueError(
            Message(
                "article id {article_id!r} is not 1-64 lower-case letters, digits, '_' or '-'",
                article_id=article_id,
            )
        )
    if article_id in _DEVICE_NAMES:
        raise ValueError(
            Message("article id {article_id!r} is a reserved device name", article_id=article_id)
        )


def is_region_label(label: str) -> bool:
    return label.startswith(BOILERPLATE_PREFIX)


def region_label(kind: str) -> str:
    return BOILERPLATE_PREFIX + kind


def region_kind(label: str) -> str:
    """`boilerplate/share` -> `share`."""
    return label[len(BOILERPLATE_PREFIX) :]


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps positions of a cleaned text back to the text it was made from.

    Stored as anchors `(text_pos, raw_pos)`, sorted by text_pos, starting at (0, r0): between two
    anchors both positions advance together; where cleaning deleted characters the raw position
    jumps. `text_length` maps to `raw_length`. A 10 kB page with a few dozen edits keeps a few
    dozen anchors instead of 10,000 integers.
    """

    anchors: tuple[tuple[int, int], ...]
    text_length: int
    raw_length: int

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(((0, 0),), length, length)

    @classmethod
    def from_positions(cls, positions: Sequence[int], raw_length: int) -> OffsetMap:
        """Build from one raw position per text character (`len(positions) == len(text)`)."""
        anchors: list[tuple[int, int]] = []
        previous: int | None = None
        for text_pos, raw_pos in enumerate(positions):
            if previous is None or raw_pos != previous + 1:
                anchors.append((text_pos, raw_pos))
            previous = raw_pos
        if not anchors:
            anchors.append((0, 0))
        return cls(tuple(anchors), len(positions), raw_length)

    def to_raw(self, pos: int) -> int:
        """Raw position of text position `pos` (0 <= pos <= text_length)."""
        if not 0 <= pos <= self.text_length:
            raise ValueError(f"position {pos} outside text of length {self.text_length}")
        if pos == self.text_length:
            return self.raw_length
        index = bisect.bisect_right(self.anchors, (pos, float("inf"))) - 1
        text_pos, raw_pos = self.anchors[index]
        return raw_pos + (pos - text_pos)

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span holding text[start:end]: from the first character's source to just past
        the last one's, so text dropped after the last character (a pinyin reading) stays out."""
        if start >= end:
            raw = self.to_raw(start)
            return raw, raw
        return self.to_raw(start), self.to_raw(end - 1) + 1

    def then(self, earlier: OffsetMap) -> OffsetMap:
        """Compose: `self` maps text -> mid, `earlier` maps mid -> raw; result maps text -> raw.

        Walks anchors, not characters: the cost grows with the edits made, not the page length.
        """
        mids = [mid for mid, _ in earlier.anchors]
        builder = OffsetMapBuilder()
        bounds = [text_pos for text_pos, _ in self.anchors[1:]] + [self.text_length]
        for (text_pos, mid), segment_end in zip(self.anchors, bounds, strict=True):
            length = segment_end - text_pos
            index = bisect.bisect_right(mids, mid) - 1
            done = 0
            while done < length:
                here = mid + done
                while index + 1 < len(mids) and mids[index + 1] <= here:
                    index += 1
                anchor_mid, anchor_raw = earlier.anchors[index]
                limit = mids[index + 1] if index + 1 < len(mids) else earlier.text_length
                step = min(length - done, max(limit - here, 1))
                builder.run(text_pos + done, anchor_raw + here - anchor_mid, step)
                done += step
        return builder.build(self.text_length, earlier.raw_length)

    def to_json(self) -> list[list[int]]:
        return [[t, r] for t, r in self.anchors] + [[self.text_length, self.raw_length]]

    @classmethod
    def from_json(cls, data: Sequence[Sequence[int]]) -> OffsetMap:
        *anchors, (text_length, raw_length) = data
        return cls(tuple((int(t), int(r)) for t, r in anchors), int(text_length), int(raw_length))


class OffsetMapBuilder:
    """Collects runs `(text_pos, raw_pos, length)` into OffsetMap anchors, merging a run that
    continues the previous one exactly, as `OffsetMap.from_positions` would."""

    def __init__(self) -> None:
        self.anchors: list[tuple[int, int]] = []
        self._next_raw = -1

    def run(self, text_pos: int, raw_pos: int, length: int) -> None:
        if length <= 0:
            return
        if raw_pos != self._next_raw:
            self.anchors.append((text_pos, raw_pos))
        self._next_raw = raw_pos + length

    def build(self, text_length: int, raw_length: int) -> OffsetMap:
        return OffsetMap(tuple(self.anchors) or ((0, 0),), text_length, raw_length)


@dataclass(frozen=True, slots=True)
class Damage:
    """A span of cleaned text where the page lost characters; flagged, never repaired."""

    start: int
    end: int
    kind: DamageKind = "lost"


@quick_init
@dataclass(frozen=True, slots=True)
class Block:
    """One line of the cleaned text with the layout evidence a boilerplate classifier needs.

    `start`/`end` cover the line in `Article.text` without its newline. HTML pages fill the
    tag-derived fields; text dumps leave them at their defaults.
    """

    start: int
    end: int
    tag_path: str = ""
    link_density: float = 0.0
    in_list: bool = False
    heading: bool = False
    indent: int = 0  # leading white space in the raw line (text dumps)

    def __reduce__(self) -> tuple[type[Block], tuple[object, ...]]:
        """Pickled as its field values, rebuilt by __init__: a third of the default cost, and
        `import --jobs` sends every line's block between processes (hundreds per article)."""
        return type(self), tuple(getattr(self, name) for name in self.__slots__)


@dataclass(frozen=True, slots=True)
class ArticleText:
    """What a pass over the whole corpus reads of an article (its id, outlet and text), without
    decoding its offset map and blocks: the cleaner makes one block per non-empty line, so the
    lines are the text's own (`blocks` empty, as `suggest.lines` reads it)."""

    id: str
    outlet: str | None
    text: str
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    source: str
    raw_text: str
    text: str
    offset_map: OffsetMap
    title: str | None = None
    published: str | None = None  # ISO date, or None when the page does not say
    outlet: str | None = None
    script: Script = "simplified"
    damage: tuple[Damage, ...] = ()
    blocks: tuple[Block, ...] = ()
    cleaner_version: str = ""
    url: str | None = None

    @classmethod
    def plain(cls, article_id: str, text: str, *, source: str | None = None, **fields: Any) -> Article:
        """An article whose page was this very text, unchanged by cleaning (tests, benches)."""
        return cls(
            id=article_id,
            source=source or f"{article_id}.txt",
            raw_text=text,
            text=text,
            offset_map=OffsetMap.identity(len(text)),
            **fields,
        )

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offset_map.span_to_raw(start, end)


@quick_init
@dataclass(frozen=True, slots=True)
class Span:
    """A labelled stretch of `Article.text`. `id` is None until the store assigns one."""

    article_id: str
    annotator: str
    label: str
    start: int
    end: int
    text: str
    id: int | None = None
    origin: int | None = None  # the `auto` suggestion this span was accepted from
    rule: str | None = None  # for suggestions: which rule proposed it
    note: str | None = None  # the annotator's comment on this span (see check_note)
    unsure: bool = False  # the annotator flagged this span as doubtful
    score: float | None = None  # for suggestions: the suggester's confidence in [0, 1]

    @property
    def is_region(self) -> bool:
        return is_region_label(self.label)


@dataclass(frozen=True, slots=True)
class Official:
    article_id: str
    annotator: str
    name: str
    titles: tuple[str, ...] = ()
    organization: str | None = None
    mentions: tuple[int, ...] = ()  # span ids
    id: int | None = None
    # links to the spans naming its posts (span ids of its set): TITLE spans, an ORG span
    title_spans: tuple[int, ...] = ()
    organization_span: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    article_id: str
    annotator: str
    type: str
    date: str | None = None
    end_date: str | None = None
    place: str | None = None
    participants: tuple[int, ...] = ()  # official ids
    evidence: int | None = None  # span id
    id: int | None = None
    modality: str | None = None  # None: it happened; else one of EVENT_MODALITIES
    # links to the spans of its parts (span ids of its set): PLACE, DATE, OFFICIAL spans
    place_span: int | None = None
    date_span: int | None = None
    participant_spans: tuple[int, ...] = ()


SpanKey = tuple[str, int, int]  # (label, start, end): a span as any set would hold it


@dataclass(frozen=True, slots=True)
class OfficialDraft:
    """An official without ids: mentions as span keys, so records of two sets compare, and one
    set's record can be written into another (the review's "take alice's official")."""

    name: str
    titles: tuple[str, ...] = ()
    organization: str | None = None
    mentions: tuple[SpanKey, ...] = ()  # sorted
    title_spans: tuple[SpanKey, ...] = ()  # in the record's order
    organization_span: SpanKey | None = None


@dataclass(frozen=True, slots=True)
class EventDraft:
    """An event without ids: participants by official name (sorted), evidence as a span key."""

    type: str
    date: str | None = None
    end_date: str | None = None
    place: str | None = None
    participants: tuple[str, ...] = ()
    evidence: SpanKey | None = None
    modality: str | None = None
    place_span: SpanKey | None = None
    date_span: SpanKey | None = None
    participant_spans: tuple[SpanKey, ...] = ()  # sorted


# The label a span must carry to be linked in each link field of a record (span ids, like
# `mentions` and `evidence`): the relations that can be trained on.
LINK_LABELS: dict[str, str] = {
    "title_spans": "TITLE",
    "organization_span": "ORG",
    "place_span": "PLACE",
    "date_span": "DATE",
    "participant_spans": "OFFICIAL",
}


def linked_spans(record: Official | Event) -> list[tuple[str, int]]:
    """(link field, span id) of every link of an official or event, in field order."""
    found: list[tuple[str, int]] = []
    for name in LINK_LABELS:
        value = getattr(record, name, None)
        ids = value if isinstance(value, tuple) else () if value is None else (value,)
        found += [(name, span_id) for span_id in ids]
    return found


def relinked(record: Official | Event, new_id: Callable[[int], int | None]) -> dict[str, Any]:
    """The record's link fields with each span id `new_id` of it (`dataclasses.replace`
    arguments): drafts given real ids, spans renumbered. A link to None is dropped."""
    changes: dict[str, Any] = {}
    for name in LINK_LABELS:
        value = getattr(record, name, None)
        if isinstance(value, tuple):
            changes[name] = tuple(dict.fromkeys(n for n in map(new_id, value) if n is not None))
        elif value is not None:
            changes[name] = new_id(value)
    return changes


def link_problem(record: Official | Event, labels: Mapping[int | None, str]) -> str | None:
    """Why the record's links cannot stand in a set whose spans have `labels` (span id ->
    label), or None when each links a span of the set with the right label."""
    for name, span_id in linked_spans(record):
        label = labels.get(span_id)
        if label is None:
            return Message(
                "{name} links span {span_id}, which is not in the set", name=name, span_id=span_id
            )
        if label != LINK_LABELS[name]:
            return Message(
                "{name} links span {span_id}, a {label} span, not {wanted}",
                name=name,
                span_id=span_id,
                label=label,
                wanted=LINK_LABELS[name],
            )
    return None


@dataclass(frozen=True, slots=True)
class AnnotationSet:
    """All spans and records of one annotator on one article.

    In a draft (from suggestions or an import) ids are local numbers that only need to be unique
    within the set; `Store.replace_annotation_set` gives them real ids and rewrites the
    references (mentions, participants, evidence) to match.
    """

    article_id: str
    annotator: str
    status: Status = "todo"
    seconds: float = 0.0
    spans: tuple[Span, ...] = ()
    officials: tuple[Official, ...] = ()
    events: tuple[Event, ...] = ()
    updated_at: str | None = None
    note: str | None = None  # the annotator's comment on the whole article
    unsure: bool = False  # the annotator flagged their set of this article as doubtful

    def entity_spans(self) -> tuple[Span, ...]:
        return tuple(s for s in self.spans if not s.is_region)

    def region_spans(self) -> tuple[Span, ...]:
        return tuple(s for s in self.spans if s.is_region)

    def span_by_id(self) -> dict[int, Span]:
        return {s.id: s for s in self.spans if s.id is not None}


# (language, name shown) pairs, e.g. (("zh", "官员"), ("en", "official")): the schema's
# `names = { zh = …, en = … }` tables; a language missing shows the stored name
DisplayNames = tuple[tuple[str, str], ...]


def display_name(names: DisplayNames, language: str, fallback: str) -> str:
    """The name for `language` ("zh", "en"; a locale such as "zh_CN" counts as "zh")."""
    base = language.split("_")[0]
    return next((name for lang, name in names if lang == base), fallback)


@dataclass(frozen=True, slots=True)
class LabelDef:
    name: str
    group: Literal["entity", "region"]
    color: str  # "#rrggbb"
    key: str  # the shortcut key, one character
    description: str = ""
    display: DisplayNames = ()  # the name shown per interface language
    guide: DisplayNames = ()  # the guidelines' definition per interface language
    examples: tuple[LabelExample, ...] = ()

    def shown(self, language: str) -> str:
        return display_name(self.display, language, self.name)


@dataclass(frozen=True, slots=True)
class LabelExample:
    """A guidelines example: a stretch of text with the labelled part in 【】, and a note per
    interface language on why."""

    text: str
    notes: DisplayNames = ()


LEXICON_SHAPES = ("words", "set", "pairs")
# what the second column of a two-column lexicon holds: an event type of the schema, or a
# modality cue kind (suggest/lexicons.MODALITY_KINDS)
LEXICON_SECONDS = ("event_type", "modality")


@dataclass(frozen=True, slots=True)
class LexiconKind:
    """One lexicon file the suggestion rules read (`resources/lexicons/<stem>.txt`), as the label
    schema declares it: the label its words suggest, its shape (`words` in file order, a `set`,
    or two-column `pairs`), whether the rules try longer words first, and for pairs what the
    second column must be."""

    stem: str
    label: str
    shape: str = "words"
    longest_first: bool = False
    second: str = ""

    @property
    def pairs(self) -> bool:
        return self.shape == "pairs"


@dataclass(frozen=True, slots=True)
class LabelSchema:
    labels: tuple[LabelDef, ...]
    event_types: tuple[str, ...] = EVENT_TYPES
    event_type_names: tuple[tuple[str, DisplayNames], ...] = ()  # (stored type, its names)
    lexicons: tuple[LexiconKind, ...] = ()  # the lexicon files the rules read, in load order

    def event_type_shown(self, event_type: str, language: str) -> str:
        names = dict(self.event_type_names).get(event_type, ())
        return display_name(names, language, event_type)

    def names(self) -> tuple[str, ...]:
        return tuple(label.name for label in self.labels)

    def get(self, name: str) -> LabelDef | None:
        return next((label for label in self.labels if label.name == name), None)

    def entity_labels(self) -> tuple[LabelDef, ...]:
        return tuple(label for label in self.labels if label.group == "entity")

    def region_labels(self) -> tuple[LabelDef, ...]:
        return tuple(label for label in self.labels if label.group == "region")


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the article list: what the list shows, nothing more."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    status: Status
    label_count: int
    unsure: bool = False  # the set, or one of its spans, is flagged unsure
    has_note: bool = False  # the set, or one of its spans, carries a note


@dataclass(frozen=True, slots=True)
class ImportResult:
    imported: int = 0
    already_present: int = 0
    failures: tuple[tuple[str, str], ...] = field(default=())  # (path, reason)

    @property
    def failed(self) -> int:
        return len(self.failures)


NOTE_MAX_CHARS = 4000  # a comment, not a document: longer text belongs in the guidelines


def clean_note(note: object) -> str | None:
    """A note as stored: text with its surrounding blanks removed, None when blank. ValueError,
    in one line, for what is not text or is longer than NOTE_MAX_CHARS."""
    if note is None:
        return None
    if not isinstance(note, str):
        raise ValueError(Message("a note is text, not {kind}", kind=type(note).__name__))
    note = note.strip()
    if len(note) > NOTE_MAX_CHARS:
        raise ValueError(
            Message(
                "a note holds at most {most} characters, this one {length}",
                most=NOTE_MAX_CHARS,
                length=len(note),
            )
        )
    if "\x00" in note:
        raise ValueError("a note cannot hold a NUL character")
    return note or None


def check_span_text(text: str, start: int, end: int, expected: str | None = None) -> str | None:
    """Why a span cannot stand on `text`, or None when it can. Shared by store and formats."""
    if not (isinstance(start, int) and isinstance(end, int)):
        return Message("offsets must be integers, got {start!r}..{end!r}", start=start, end=end)
    if start < 0 or end > len(text) or start >= end:
        return Message(
            "offsets {start}..{end} fall outside the text (length {length}) or are empty",
            start=start,
            end=end,
            length=len(text),
        )
    if expected is not None and text[start:end] != expected:
        return Message(
            "span text {expected!r} does not match the text at {start}..{end} ({found!r})",
            expected=expected,
            start=start,
            end=end,
            found=text[start:end],
        )
    return None
