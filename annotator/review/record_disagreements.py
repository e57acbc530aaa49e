"""Where annotators disagree on the records of one article (officials and events), and what
`gold` holds there. No Qt, no store.

Records are compared as drafts (`OfficialDraft`, `EventDraft`): mentions and evidence as span
keys, participants by name, so versions from different sets compare. Officials are matched by
name. Events are matched by type and evidence, else by type and date, else by type when neither
evidence nor date tells them apart; each set's record joins at most one `RecordSlot`.

Like the span disagreements, the slots depend on the annotators' sets only; gold's records are
placed into them by the same matching (a gold record that fits none is a slot of its own).
A slot is decided when gold has decided on every version in it (each decision stores the
versions' fingerprints, as span decisions store rejections), or when all annotators have the
same version and gold holds it. A slot the annotators agree on is still open while gold does
not hold it: an article is not adjudicated while gold lacks a record everyone made, or holds it
without the titles they gave.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, replace

from annotator.model import (
    LINK_LABELS,
    AnnotationSet,
    Event,
    EventDraft,
    Official,
    OfficialDraft,
    Span,
    SpanKey,
)

OFFICIAL, EVENT = "official", "event"
Draft = OfficialDraft | EventDraft
Decision = tuple[str, str]  # (kind, fingerprint)


def _key(span: Span) -> SpanKey:
    return (span.label, span.start, span.end)


def official_draft(official: Official, spans: Mapping[int, Span]) -> OfficialDraft:
    return OfficialDraft(
        official.name.strip(),
        tuple(official.titles),
        official.organization or None,
        tuple(sorted(_key(spans[m]) for m in official.mentions if m in spans)),
        title_spans=tuple(_key(spans[t]) for t in official.title_spans if t in spans),
        organization_span=_span_key(spans, official.organization_span),
    )


def _span_key(spans: Mapping[int, Span], span_id: int | None) -> SpanKey | None:
    span = spans.get(span_id) if span_id is not None else None
    return _key(span) if span else None


def event_draft(event: Event, names: Mapping[int, str], spans: Mapping[int, Span]) -> EventDraft:
    evidence = spans.get(event.evidence) if event.evidence is not None else None
    return EventDraft(
        event.type,
        event.date or None,
        event.end_date or None,
        event.place or None,
        tuple(sorted(names[p] for p in event.participants if p in names)),
        _key(evidence) if evidence else None,
        event.modality or None,
        place_span=_span_key(spans, event.place_span),
        date_span=_span_key(spans, event.date_span),
        participant_spans=tuple(
            sorted(_key(spans[p]) for p in event.participant_spans if p in spans)
        ),
    )


def set_drafts(aset: AnnotationSet) -> tuple[list[tuple[int, Draft]], list[tuple[int, Draft]]]:
    """(record id, draft) of the set's officials and of its events."""
    spans = aset.span_by_id()
    names = {o.id: o.name.strip() for o in aset.officials if o.id is not None}
    officials = [(o.id or 0, official_draft(o, spans)) for o in aset.officials]
    events = [(e.id or 0, event_draft(e, names, spans)) for e in aset.events]
    return officials, events


# Draft fields added after decisions were first stored: left out of a fingerprint while empty,
# so a decision stored before them still matches its version.
_LATER_FIELDS = (
    "modality", "title_spans", "organization_span", "place_span", "date_span", "participant_spans"
)  # fmt: skip


def fingerprint(draft: Draft) -> Decision:
    """What a decision on this version stores: its kind and its content, canonically."""
    kind = OFFICIAL if isinstance(draft, OfficialDraft) else EVENT
    content = asdict(draft)
    for name in _LATER_FIELDS:
        if content.get(name, 0) in (None, ()):
            del content[name]
    return kind, json.dumps(content, ensure_ascii=False, sort_keys=True)


def substance(draft: Draft) -> Draft:
    """The record without its links to spans (mentions, evidence): what stays when gold's span
    decisions come and go, and what a decision on gold's own record is about."""
    if isinstance(draft, OfficialDraft):
        return replace(draft, mentions=(), title_spans=(), organization_span=None)
    return replace(draft, evidence=None, place_span=None, date_span=None, participant_spans=())


def gold_fingerprint(draft: Draft) -> Decision:
    """What a decision stores about the record it wrote into gold (its substance, marked as
    gold's, so it never equals a version's fingerprint)."""
    kind, content = fingerprint(substance(draft))
    return kind, "gold:" + content


@dataclass(frozen=True, slots=True)
class RecordWords:
    """The words of `describe`'s line, English by default; a window passes its own language's
    (the line is core's, the language the window's)."""

    mentions: str = "{count} mentions"
    no_date: str = "no date"
    no_place: str = "no place"
    evidence: str = "evidence"
    linked_one: str = "{count} linked span"
    linked_many: str = "{count} linked spans"
    event_type: Callable[[str], str] = str  # an event type's display name
    modality: Callable[[str], str] = str  # a modality's display name


ENGLISH_WORDS = RecordWords()


def describe(draft: Draft, words: RecordWords = ENGLISH_WORDS) -> str:
    """One line for a person: the record without its span offsets."""
    if isinstance(draft, OfficialDraft):
        parts = [draft.name, "、".join(draft.titles), draft.organization or ""]
        links = f", {linked}" if (linked := _linked(draft, words)) else ""
        mentions = words.mentions.format(count=len(draft.mentions))
        return " · ".join(p for p in parts if p) + f" ({mentions}{links})"
    dates = draft.date or words.no_date
    if draft.end_date:
        dates += f"–{draft.end_date}"
    parts = [words.event_type(draft.type), dates, draft.place or words.no_place]
    parts += ["、".join(draft.participants), words.modality(draft.modality or "")]
    parts += [words.evidence if draft.evidence else "", _linked(draft, words)]
    return " · ".join(p for p in parts if p)


def _linked(draft: Draft, words: RecordWords) -> str:
    """How many spans the version links ("2 linked spans"; "" for none): two versions that
    differ in their links alone differ on the line too."""
    count = 0
    for name in LINK_LABELS:
        value = getattr(draft, name, None)
        count += len(value) if isinstance(value, tuple) else value is not None
    if not count:
        return ""
    return (words.linked_one if count == 1 else words.linked_many).format(count=count)


@dataclass(frozen=True, slots=True)
class RecordSlot:
    """One official or event, with each annotator's version (None: that annotator lacks it)."""

    kind: str
    versions: tuple[Draft | None, ...]  # per annotator, in lane order

    def first(self) -> Draft | None:
        return next((v for v in self.versions if v is not None), None)

    @property
    def agreed(self) -> bool:
        first = self.versions[0] if self.versions else None
        return first is not None and all(v == first for v in self.versions)

    def decisions(self) -> frozenset[Decision]:
        return frozenset(fingerprint(v) for v in self.versions if v is not None)


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: int
    draft: Draft


@dataclass(frozen=True, slots=True)
class RecordVerdict:
    """What gold holds in one slot, the lanes whose version that is (as far as gold's spans and
    officials reach), and whether gold has decided the slot."""

    gold: GoldRecord | None
    annotators: tuple[int, ...]  # lanes whose version gold holds, span links aside
    decided: bool

    @property
    def open(self) -> bool:
        return not self.decided

    @property
    def edited(self) -> bool:
        return self.decided and self.gold is not None and not self.annotators


@dataclass(frozen=True, slots=True)
class RecordReview:
    slots: tuple[RecordSlot, ...]  # officials first, then events
    verdicts: tuple[RecordVerdict, ...]

    def open(self, kind: str) -> tuple[int, ...]:
        return tuple(
            i
            for i, (s, v) in enumerate(zip(self.slots, self.verdicts, strict=True))
            if s.kind == kind and v.open
        )


# -- matching ---------------------------------------------------------------------------------

Cluster = dict[int, Draft]  # lane -> that lane's draft
Tier = Callable[[Draft, Sequence[Draft]], bool]


def _by_evidence(a: Draft, members: Sequence[Draft]) -> bool:
    assert isinstance(a, EventDraft)
    return a.evidence is not None and any(
        m.type == a.type and m.evidence == a.evidence  # type: ignore[union-attr]
        for m in members
    )


def _by_date(a: Draft, members: Sequence[Draft]) -> bool:
    assert isinstance(a, EventDraft)
    return a.date is not None and any(m.type == a.type and m.date == a.date for m in members)  # type: ignore[union-attr]


def _compatible(a: Draft, members: Sequence[Draft]) -> bool:
    """Same type, and neither evidence nor date says they are two events."""
    assert isinstance(a, EventDraft)

    def fits(m: EventDraft) -> bool:
        return (
            m.type == a.type
            and (m.evidence is None or a.evidence is None or m.evidence == a.evidence)
            and (m.date is None or a.date is None or m.date == a.date)
        )

    return all(fits(m) for m in members)  # type: ignore[arg-type]


def _by_name(a: Draft, members: Sequence[Draft]) -> bool:
    return any(m.name == a.name for m in members)  # type: ignore[union-attr]


def _place(
    clusters: list[Cluster], lane: int, drafts: Sequence[Draft], tiers: Sequence[Tier]
) -> list[int]:
    """Put each of one lane's drafts into the first cluster without that lane that the first
    tier possible accepts; the rest start clusters of their own. Returns each draft's cluster."""
    where: list[int | None] = [None] * len(drafts)
    for tier in tiers:
        for n, draft in enumerate(drafts):
            if where[n] is not None:
                continue
            for c, cluster in enumerate(clusters):
                if lane not in cluster and cluster and tier(draft, list(cluster.values())):
                    cluster[lane] = draft
                    where[n] = c
                    break
    for n, draft in enumerate(drafts):
        if where[n] is None:
            clusters.append({lane: draft})
            where[n] = len(clusters) - 1
    return [w for w in where if w is not None]


def _equal_on_gold(spans: Collection[SpanKey], names: Collection[str]) -> Tier:
    """For gold's records: a version gold holds as far as its spans and officials reach."""

    def tier(a: Draft, members: Sequence[Draft]) -> bool:
        return any(on_gold(m, spans, names) == a for m in members)

    return tier


def on_gold(draft: Draft, spans: Collection[SpanKey], names: Collection[str]) -> Draft:
    """The version as gold can hold it: only the spans and officials gold has."""
    if isinstance(draft, OfficialDraft):
        return replace(
            draft,
            mentions=tuple(k for k in draft.mentions if k in spans),
            title_spans=tuple(k for k in draft.title_spans if k in spans),
            organization_span=draft.organization_span if draft.organization_span in spans else None,
        )
    return replace(
        draft,
        participants=tuple(n for n in draft.participants if n in names),
        evidence=draft.evidence if draft.evidence in spans else None,
        place_span=draft.place_span if draft.place_span in spans else None,
        date_span=draft.date_span if draft.date_span in spans else None,
        participant_spans=tuple(k for k in draft.participant_spans if k in spans),
    )


def _sort_key(slot: RecordSlot, gold: GoldRecord | None) -> tuple:
    """Officials by their first mention in the text, then events by evidence and date."""
    drafts = [v for v in (*slot.versions, gold.draft if gold else None) if v is not None]
    first = drafts[0]
    if isinstance(first, OfficialDraft):
        starts = [k[1] for d in drafts for k in d.mentions]  # type: ignore[union-attr]
        return (0, min(starts, default=math.inf), first.name, "")
    assert isinstance(first, EventDraft)
    return (1, first.evidence[1] if first.evidence else math.inf, first.date or "", first.type)


def review_records(
    sets: Sequence[AnnotationSet | None], gold: AnnotationSet, decided: Collection[Decision]
) -> RecordReview:
    """The record slots of the annotators' sets (lane order), with what gold holds in each."""
    lanes = len(sets)
    drafts = [set_drafts(s) if s is not None else ([], []) for s in sets]
    gold_officials, gold_events = set_drafts(gold)
    gold_spans = {_key(s) for s in gold.spans}
    gold_names = {d.name for _, d in gold_officials}  # type: ignore[union-attr]
    placed: list[tuple[RecordSlot, GoldRecord | None]] = []
    for kind, part, tiers in (
        (OFFICIAL, 0, [_by_name]),
        (EVENT, 1, [_by_evidence, _by_date, _compatible]),
    ):
        clusters: list[Cluster] = []
        for lane in range(lanes):
            _place(clusters, lane, [d for _, d in drafts[lane][part]], tiers)
        known = len(clusters)
        own = gold_officials if part == 0 else gold_events
        where = _place(
            clusters, lanes, [d for _, d in own], [_equal_on_gold(gold_spans, gold_names), *tiers]
        )
        holds = {
            c: GoldRecord(record_id, draft)
            for (record_id, draft), c in zip(own, where, strict=True)
        }
        for c, cluster in enumerate(clusters):
            # clusters from `known` on hold gold's own records, which no annotator has
            versions = tuple(cluster.get(lane) if c < known else None for lane in range(lanes))
            placed.append((RecordSlot(kind, versions), holds.get(c)))
    placed.sort(key=lambda pair: _sort_key(*pair))
    decided_set = frozenset(decided)
    verdicts = []
    for slot, held in placed:
        if held is None:
            lanes_held = tuple(i for i, v in enumerate(slot.versions) if v is None)
        else:
            lanes_held = tuple(
                i
                for i, v in enumerate(slot.versions)
                if v is not None
                and substance(on_gold(v, gold_spans, gold_names)) == substance(held.draft)
            )
        # Gold decided every version here, and holds one of them or a record a decision wrote
        # (a bare official the store made for a later OFFICIAL span is neither).
        settled = slot.decisions() <= decided_set and (
            held is None or bool(lanes_held) or gold_fingerprint(held.draft) in decided_set
        )
        settled = settled or (slot.agreed and held is not None and bool(lanes_held))
        verdicts.append(RecordVerdict(held, lanes_held, settled))
    return RecordReview(tuple(s for s, _ in placed), tuple(verdicts))
