"""The machine's suggestions as a person meets them: recompute them (`annotator suggest`, the
window's Recompute), see which are pending, accept, reject, offer one again elsewhere.

What is pending and where a label may be offered again are worked out here, from the sets
alone; the window's editor makes each decision one undo step, in the person's language.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from annotator.model import AnnotationSet, Article, Span
from annotator.store import Store

Progress = Callable[[int, int], None]  # (done, total)
RejectedKey = tuple[str, int, int, str]  # (label, start, end, text), as `Store.rejected` gives


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


def match_ranges(text: str, needle: str) -> list[tuple[int, int]]:
    """Every non-overlapping occurrence of `needle` in `text`, in order."""
    from annotator.suggest.strings import occurrences  # here: `annotator.suggest` is the engine

    return [(at, at + len(needle)) for at in occurrences(needle, text)]


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


def same_string_places(
    article: Article,
    span: Span,
    mine: AnnotationSet,
    auto: AnnotationSet,
    rejected: Collection[RejectedKey],
) -> list[tuple[str, int, int]]:
    """Where `span`'s label may be offered again, as (label, start, end): the other
    occurrences of its text in `article` that no entity span of mine overlaps, not rejected and
    not pending already. Empty for a region: regions are marked line by line, not offered."""
    if span.is_region:
        return []
    text = article.text
    entities = mine.entity_spans()
    pending = {(s.label, s.start, s.end) for s in pending_suggestions(mine, auto, rejected)}
    return [
        (span.label, start, end)
        for start, end in match_ranges(text, span.text)
        if not any(s.start < end and start < s.end for s in entities)
        and (span.label, start, end) not in pending
        and (span.label, start, end, text[start:end]) not in rejected
    ]
