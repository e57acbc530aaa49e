"""The reviewer's edits into `gold`, all through the Store API. No Qt: the window calls these.

Each decision is one store command (`edit_spans`), so one undo takes it back whole, and the
store keeps officials in step (an OFFICIAL span joins or creates the official of its name;
removing the last mention removes a bare official). The spans a decision leaves out are recorded
as rejected by `gold`: that is how "gold holds nothing here, on purpose" outlives the session
(and a suggestion at the same place is not offered again). Records are taken from one
annotator as a whole with `replace_annotation_set`: officials and events are copied, their
mentions and evidence re-pointed at gold's spans with the same (label, start, end), their
participants at the copied officials.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from annotator.model import GOLD, AnnotationSet, Article
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
from annotator.store import Store


@dataclass(frozen=True, slots=True)
class ArticleState:
    """One article as the review window shows it."""

    article: Article
    sets: tuple[AnnotationSet | None, ...]  # per annotator, in lane order
    gold: AnnotationSet
    review: ArticleReview
    verdicts: tuple[Verdict, ...]

    @property
    def open_count(self) -> int:
        return sum(1 for v in self.verdicts if v.open)


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
        decided = {span_key(s) for s in gold.spans}
        decided |= {key[:3] for key in self.store.rejected(article_id, GOLD)}
        verdicts = tuple(
            verdict(d, gold.spans, review.agreed, settled=done or d.keys() <= decided)
            for d in review.disagreements
        )
        return ArticleState(self.store.get_article(article_id), sets, gold, review, verdicts)

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
        """Copy every span all annotators agree on into gold; returns how many were new."""
        present = {span_key(s) for s in state.gold.spans}
        new = sorted(state.review.agreed - present, key=lambda k: (k[1], k[2], k[0]))
        if new:
            self.store.edit_spans(
                state.article.id, GOLD, f"accept {len(new)} agreed span(s)", add=new
            )
        if not new and not self.store.has_annotation_set(state.article.id, GOLD):
            self.store.set_status(state.article.id, GOLD, "in_progress")
        return len(new)

    def take_records(self, state: ArticleState, lane: int) -> AnnotationSet:
        """Gold's officials and events become annotator `lane`'s, on gold's spans."""
        source = state.sets[lane]
        if source is None:
            raise ValueError(f"{self.annotators[lane]} has no annotation set on this article")
        gold = self.store.get_annotation_set(state.article.id, GOLD)
        gold_ids = {span_key(s): s.id for s in gold.spans}
        source_keys = {s.id: span_key(s) for s in source.spans}

        def on_gold(span_id: int | None) -> int | None:
            return gold_ids.get(source_keys.get(span_id))  # type: ignore[arg-type]

        draft_ids = {o.id: -(n + 1) for n, o in enumerate(source.officials)}
        officials = tuple(
            replace(
                o,
                annotator=GOLD,
                id=draft_ids[o.id],
                mentions=tuple(m for m in map(on_gold, o.mentions) if m is not None),
            )
            for o in source.officials
        )
        events = tuple(
            replace(
                e,
                annotator=GOLD,
                id=None,
                participants=tuple(draft_ids[p] for p in e.participants if p in draft_ids),
                evidence=on_gold(e.evidence),
            )
            for e in source.events
        )
        status = "in_progress" if gold.status == "todo" else gold.status
        return self.store.replace_annotation_set(
            replace(gold, officials=officials, events=events, status=status)
        )

    def mark_done(self, article_id: str) -> None:
        self.store.set_status(article_id, GOLD, "done")

    def adjudicated(self) -> int:
        return len(self.store.article_ids(status="done", annotator=GOLD))
