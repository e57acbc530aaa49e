"""The reviewer's edits into `gold`, all through the Store API. No Qt: the window calls these.

Each decision is one store command (`edit_spans`, `edit_records`), so one undo takes it back
whole, and the store keeps officials in step (an OFFICIAL span joins or creates the official of
its name; removing the last mention removes a bare official). The spans a decision leaves out
are recorded as rejected by `gold`: that is how "gold holds nothing here, on purpose" outlives
the session (and a suggestion at the same place is not offered again). Officials and events are
decided record by record (`RecordSlot`): gold takes one annotator's version, an edited one, or
none, and stores the fingerprints of the versions it decided on.

An article is adjudicated (`mark_done`) only when nothing is open: no span disagreement, no
agreed span gold lacks, no official or event gold has not decided (`open_disagreements`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.messages import Message
from annotator.model import GOLD, AnnotationSet, Article, OfficialDraft
from annotator.review.agreement import ArticleSets, PairAgreement, measure_agreement
from annotator.review.disagreements import (
    ArticleReview,
    Disagreement,
    SpanKey,
    Verdict,
    edit_to,
    review_article,
    span_key,
    verdict,
)
from annotator.review.loading import human_annotators
from annotator.review.record_disagreements import (
    EVENT,
    OFFICIAL,
    Draft,
    RecordReview,
    gold_fingerprint,
    review_records,
)
from annotator.review.wording import counted, noun_for
from annotator.store import Store

MAX_LANES = 9  # keys 1..9


def check_annotators(store: Store, annotators: Sequence[str] | None) -> list[str]:
    """The annotators to review (every human one by default); a clear error for bad choices."""
    chosen = list(annotators) if annotators else human_annotators(store)
    unknown = sorted(set(chosen) - set(store.annotators()))
    if unknown:
        raise ValueError(Message("no annotation sets by {names}", names=", ".join(unknown)))
    if len(chosen) < 2 or len(set(chosen)) != len(chosen):
        raise ValueError(
            Message(
                "reviewing needs two or more distinct annotators; got {chosen}",
                chosen=chosen or "none",
            )
        )
    if len(chosen) > MAX_LANES:
        raise ValueError(
            Message(
                "at most {most} annotators at once (keys 1–9); got {count}",
                most=MAX_LANES,
                count=len(chosen),
            )
        )
    return chosen


class AdjudicationOpen(ValueError):
    """Marking an article adjudicated while something in it is still open."""


@dataclass(frozen=True, slots=True)
class ArticleState:
    """One article as the review window shows it."""

    article: Article
    sets: tuple[AnnotationSet | None, ...]  # per annotator, in lane order
    gold: AnnotationSet
    review: ArticleReview
    verdicts: tuple[Verdict, ...]
    records: RecordReview
    rejected: frozenset[SpanKey] = frozenset()  # what gold rejected on the article

    @property
    def open_count(self) -> int:
        """Open span disagreements (records: `open_disagreements`)."""
        return sum(1 for v in self.verdicts if v.open)


@dataclass(frozen=True, slots=True)
class OpenDisagreements:
    """What keeps an article from being adjudicated."""

    spans: tuple[int, ...]  # indices of open span disagreements
    agreed_spans: tuple[SpanKey, ...]  # spans every annotator has, neither in gold nor rejected
    officials: tuple[int, ...]  # indices of open record slots
    events: tuple[int, ...]

    @property
    def total(self) -> int:
        return len(self.spans) + len(self.agreed_spans) + len(self.officials) + len(self.events)

    def describe(self) -> str:
        """E.g. '1 span and 2 event disagreements still open; 1 agreed span not in gold yet'."""
        kinds = [
            f"{n} {what}"
            for n, what in (
                (len(self.spans), "span"),
                (len(self.officials), "official"),
                (len(self.events), "event"),
            )
            if n
        ]
        parts = []
        if kinds:
            listed = " and ".join([", ".join(kinds[:-1]), kinds[-1]] if len(kinds) > 1 else kinds)
            disagreements = len(self.spans) + len(self.officials) + len(self.events)
            parts.append(f"{listed} {noun_for(disagreements, 'disagreement')} still open")
        if self.agreed_spans:
            agreed = counted(len(self.agreed_spans), "agreed span")
            parts.append(f"{agreed} not in gold yet (Shift+A)")
        return "; ".join(parts) or "nothing still open"


def open_disagreements(state: ArticleState) -> OpenDisagreements:
    """Every open disagreement of the article between the annotators and gold: spans the
    annotators disagree on, agreed spans gold lacks, officials and events gold has not decided.
    A gold marked done has settled its spans (as `verdict` reads it); records stay open until
    decided, because sets adjudicated before records were reviewed lack them."""
    done = state.gold.status == "done"
    held = {span_key(s) for s in state.gold.spans}
    missing = () if done else tuple(sorted(state.review.agreed - held - state.rejected))
    return OpenDisagreements(
        spans=tuple(i for i, v in enumerate(state.verdicts) if v.open),
        agreed_spans=missing,
        officials=state.records.open(OFFICIAL),
        events=state.records.open(EVENT),
    )


class Adjudicator:
    def __init__(self, store: Store, annotators: Sequence[str]) -> None:
        self.store = store
        self.annotators = tuple(annotators)

    # -- reading ------------------------------------------------------------------------------

    def load(self, article_id: str) -> ArticleState:
        sets = tuple(
            self.store.get_annotation_set(article_id, name)
            if self.store.has_annotation_set(article_id, name)
            else None
            for name in self.annotators
        )
        review = review_article(sets)
        gold = self.store.get_annotation_set(article_id, GOLD)
        done = gold.status == "done"
        rejected = frozenset(key[:3] for key in self.store.rejected(article_id, GOLD))
        decided = {span_key(s) for s in gold.spans} | rejected
        verdicts = tuple(
            verdict(d, gold.spans, review.agreed, settled=done or d.keys() <= decided)
            for d in review.disagreements
        )
        records = review_records(sets, gold, self.store.record_decisions(article_id, GOLD))
        return ArticleState(
            self.store.get_article(article_id), sets, gold, review, verdicts, records, rejected
        )

    def open_disagreements(self, article_id: str) -> OpenDisagreements:
        return open_disagreements(self.load(article_id))

    def article_agreement(self, state: ArticleState) -> PairAgreement | None:
        """The first pair's figures on this article alone; None unless every annotator has a set."""
        if len(self.annotators) < 2 or any(s is None for s in state.sets):
            return None
        sets = dict(zip(self.annotators, state.sets, strict=True))
        article = ArticleSets(state.article.id, state.article.text, sets)  # type: ignore[arg-type]
        return measure_agreement([article], self.annotators).pairs[0]

    # -- edits --------------------------------------------------------------------------------

    def take_version(self, state: ArticleState, index: int, lane: int) -> None:
        """Gold holds annotator `lane`'s version of disagreement `index`."""
        d = state.review.disagreements[index]
        self._apply(state, d, d.versions[lane], f"take {self.annotators[lane]}'s version")

    def set_span(self, state: ArticleState, index: int, label: str, start: int, end: int) -> None:
        """Gold holds one span of the reviewer's own in disagreement `index`."""
        d = state.review.disagreements[index]
        version = frozenset({(label, start, end)})
        self._apply(state, d, version, f"set {label} {start}–{end}")

    def _apply(
        self, state: ArticleState, d: Disagreement, version: frozenset[SpanKey], what: str
    ) -> None:
        """Gold holds `version` in `d`, and rejects what the other versions proposed."""
        edit = edit_to(d, version, state.gold.spans, state.review.agreed)
        self.store.edit_spans(
            state.article.id,
            GOLD,
            f"adjudicate: {what}",
            add=edit.add,
            delete=[s.id for s in edit.delete if s.id is not None],
            reject=sorted(d.keys() - version),
        )

    def accept_agreed(self, state: ArticleState) -> int:
        """Copy every span all annotators agree on into gold, with the officials and events
        they agree on, as one command; returns how many spans were new."""
        present = {span_key(s) for s in state.gold.spans}
        new = sorted(state.review.agreed - present, key=lambda k: (k[1], k[2], k[0]))
        records = [
            (i, slot.versions[0])
            for i, (slot, v) in enumerate(
                zip(state.records.slots, state.records.verdicts, strict=True)
            )
            if slot.agreed and v.open
        ]
        if new or records:
            agreed = counted(len(new), "agreed span")
            what = f"accept {agreed} and {counted(len(records), 'agreed record')}"
            self._decide_records(state, records, what, add_spans=new)
        elif not self.store.has_annotation_set(state.article.id, GOLD):
            self.store.set_status(state.article.id, GOLD, "in_progress")
        return len(new)

    # -- records ------------------------------------------------------------------------------

    def take_record(self, state: ArticleState, slot: int, lane: int) -> None:
        """Gold holds annotator `lane`'s version of record `slot` (none, where they have none)."""
        self._check_lane(state, lane)
        version = state.records.slots[slot].versions[lane]
        self._decide_records(state, [(slot, version)], f"take {self.annotators[lane]}'s record")

    def edit_record(self, state: ArticleState, slot: int, draft: Draft) -> None:
        """Gold holds the reviewer's own version of record `slot`."""
        kind = state.records.slots[slot].kind
        if (kind == OFFICIAL) != isinstance(draft, OfficialDraft):
            raise ValueError(f"record {slot + 1} is an {kind}, not what the edit gives")
        self._decide_records(state, [(slot, draft)], f"edit {kind}")

    def reject_record(self, state: ArticleState, slot: int) -> None:
        """Gold holds none of the versions of record `slot`."""
        kind = state.records.slots[slot].kind
        self._decide_records(state, [(slot, None)], f"no {kind}")

    def take_records(self, state: ArticleState, lane: int) -> AnnotationSet:
        """Gold's officials and events become annotator `lane`'s, on gold's spans: that
        annotator's version of every record, as one command."""
        self._check_lane(state, lane)
        decisions = [(i, slot.versions[lane]) for i, slot in enumerate(state.records.slots)]
        self._decide_records(state, decisions, f"take {self.annotators[lane]}'s records")
        return self.store.get_annotation_set(state.article.id, GOLD)

    def _check_lane(self, state: ArticleState, lane: int) -> None:
        if state.sets[lane] is None:
            raise ValueError(f"{self.annotators[lane]} has no annotation set on this article")

    def _decide_records(
        self,
        state: ArticleState,
        decisions: Sequence[tuple[int, Draft | None]],
        what: str,
        *,
        add_spans: Sequence[SpanKey] = (),
    ) -> None:
        """One command: each slot gets its draft (None: no record), and gold records that it
        decided on every version there."""
        delete_officials: list[int] = []
        delete_events: list[int] = []
        officials: list[tuple[int | None, Draft]] = []
        events: list[Draft] = []
        decide: set[tuple[str, str]] = set()
        taken_names = {o.name.strip() for o in state.gold.officials}
        for index, draft in decisions:
            slot, held = state.records.slots[index], state.records.verdicts[index].gold
            if slot.kind == OFFICIAL:
                if draft is None and held is not None:
                    delete_officials.append(held.id)
                elif draft is not None:
                    if held is None and draft.name in taken_names:  # type: ignore[union-attr]
                        raise ValueError(
                            f"gold already holds another official named {draft.name!r}: "  # type: ignore[union-attr]
                            "two officials of one name are not kept apart; edit that one, "
                            "or choose none here"
                        )
                    # in place of gold's record, so gold's events keep naming it
                    officials.append((held.id if held else None, draft))
            else:
                if held is not None:
                    delete_events.append(held.id)
                if draft is not None:
                    events.append(draft)
            decide |= slot.decisions()
            if draft is not None:
                decide.add(gold_fingerprint(draft))
        self.store.edit_records(
            state.article.id,
            GOLD,
            f"adjudicate: {what}",
            add_spans=add_spans,
            delete_officials=delete_officials,
            delete_events=delete_events,
            officials=officials,  # type: ignore[arg-type]
            events=events,  # type: ignore[arg-type]
            decide=decide,
        )

    def mark_done(self, article_id: str) -> None:
        """Gold is adjudicated on the article; refused while anything there is open."""
        still_open = self.open_disagreements(article_id)
        if still_open.total:
            raise AdjudicationOpen(f"not adjudicated: {still_open.describe()}")
        self.store.set_status(article_id, GOLD, "done")

    def adjudicated(self) -> int:
        return len(self.store.article_ids(status="done", annotator=GOLD))
