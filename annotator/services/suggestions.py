"""The machine's suggestions as a person meets them: recompute them (`annotator suggest`, the
window's Recompute), see which are pending, accept, reject, offer one again elsewhere.

The window's editor runs each decision as one undo step: a decision is checked here first
(`NothingToDo` says why it cannot apply) and handed back as its description and the store call
that makes it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from annotator.model import AnnotationSet, Article, Span
from annotator.store import Store

SAME_STRING = "same-string"  # the rule name of suggestions offered by `offer_same_string`

T = TypeVar("T")
Progress = Callable[[int, int], None]  # (done, total)
RejectedKey = tuple[str, int, int, str]  # (label, start, end, text), as `Store.rejected` gives


class NothingToDo(Exception):
    """An action that cannot apply here (empty selection, no suggestion under the cursor...);
    its message is shown to the person as it is."""


@dataclass(frozen=True, slots=True)
class Decision(Generic[T]):
    """A checked edit: what to call it (the undo step's name) and the store call making it."""

    description: str
    apply: Callable[[], T]


def recompute_suggestions(
    store: Store,
    *,
    article_ids: Sequence[str] | None = None,
    only_changed: bool = False,
    jobs: int = 1,
    start_method: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Replace the `auto` set of the articles (all when `article_ids` is None; with
    `only_changed`, those whose inputs changed); no person's labels are touched. Returns how
    many articles got new suggestions."""
    from annotator.suggest.run import suggest_corpus  # the engine loads only when needed

    return suggest_corpus(
        store,
        article_ids=article_ids,
        only_changed=only_changed,
        progress=progress,
        jobs=jobs,
        start_method=start_method,
    )


def require_one_line(span_text: str) -> None:
    """Entity labels name one thing inside a line: a span across a paragraph break would pull
    a boilerplate line into a name. Region labels are whole lines and may span several."""
    if "\n" in span_text:
        raise NothingToDo(
            "a label cannot cross a line break: select within one line "
            "(B then a kind marks whole lines as boilerplate)"
        )


def match_ranges(text: str, needle: str) -> list[tuple[int, int]]:
    """Every non-overlapping occurrence of `needle` in `text`, in order."""
    found: list[tuple[int, int]] = []
    if not needle:
        return found
    at = text.find(needle)
    while at >= 0:
        found.append((at, at + len(needle)))
        at = text.find(needle, at + len(needle))
    return found


def pending_suggestions(
    mine: AnnotationSet, auto: AnnotationSet, rejected: Collection[RejectedKey]
) -> list[Span]:
    """`auto` spans neither accepted (a span of mine came from it or has its label and
    offsets) nor rejected, in text order."""
    accepted = {s.origin for s in mine.spans if s.origin is not None}
    taken = {(s.label, s.start, s.end) for s in mine.spans}
    return [
        s
        for s in auto.spans
        if s.id not in accepted
        and (s.label, s.start, s.end) not in taken
        and (s.label, s.start, s.end, s.text) not in rejected
    ]


def accepting(store: Store, annotator: str, suggestions: Sequence[Span]) -> Decision[list[Span]]:
    """Accept `suggestions` into `annotator`'s set (copies that keep their origin)."""
    for suggestion in suggestions:
        if not suggestion.is_region:
            require_one_line(suggestion.text)
    ids = [s.id for s in suggestions if s.id is not None]
    if not ids:
        raise NothingToDo("no pending suggestion there")
    first = suggestions[0]
    what = f"accept {first.label} {first.text!r}" if len(ids) == 1 else (
        f"accept {len(ids)} suggestions"
    )
    return Decision(what, lambda: store.accept_suggestions(ids, annotator))


def rejecting(store: Store, annotator: str, suggestion: Span) -> Decision[None]:
    """Reject `suggestion` for `annotator`: it is not offered again on this text."""
    span_id = suggestion.id
    if span_id is None:
        raise NothingToDo("no pending suggestion there")
    return Decision(
        f"reject {suggestion.label} {suggestion.text!r}",
        lambda: store.reject_suggestion(span_id, annotator),
    )


def offer_same_string(
    store: Store,
    article: Article,
    span: Span,
    mine: AnnotationSet,
    auto: AnnotationSet,
    rejected: Collection[RejectedKey],
) -> list[Span]:
    """Offer `span`'s label, as `auto` suggestions of rule "same-string", at the other
    occurrences of its text in `article`: those no span of mine overlaps, not rejected and not
    pending already. Suggestions, not labels: each is accepted or rejected."""
    if span.is_region:
        raise NothingToDo("boilerplate regions are marked line by line, not offered")
    text = article.text
    entities = mine.entity_spans()
    pending = {(s.label, s.start, s.end) for s in pending_suggestions(mine, auto, rejected)}
    places = [
        (span.label, start, end)
        for start, end in match_ranges(text, span.text)
        if not any(s.start < end and start < s.end for s in entities)
        and (span.label, start, end) not in pending
        and (span.label, start, end, text[start:end]) not in rejected
    ]
    if not places:
        raise NothingToDo(f"no other occurrence of {span.text!r} left to offer in this article")
    return store.add_suggestions(article.id, SAME_STRING, places)
