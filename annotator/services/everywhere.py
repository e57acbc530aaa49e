"""Offer a label at every occurrence of its string in every article (the window's second `O`),
as INCEpTION's and Prodigy's pattern matching do.

What is offered are `auto` suggestions of rule "same-string", never labels in a person's set:
each is accepted or rejected like any other suggestion, and a recompute of the machine's set
keeps those still pending (annotator.store.offers). Per article the rules are those of
`offer_same_string` (no place a span of the annotator overlaps, none rejected, none pending
already); each article's suggestions are one transaction, so an interrupted run keeps the
articles done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from annotator.messages import Explained
from annotator.model import AUTO, SAME_STRING, LabelSchema, Span, is_region_label
from annotator.services.suggestions import same_string_places
from annotator.store import Store

Progress = Callable[[int, int], None]  # (articles looked at, articles holding the string)


class OfferRefused(Explained, ValueError):
    """The label cannot be offered at that string; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class OfferedEverywhere:
    label: str
    text: str
    looked_at: int  # articles whose text or title holds the string
    articles: int  # articles that got at least one new suggestion
    places: int  # suggestions added in all


def check_offer(schema: LabelSchema, label: str, text: str) -> None:
    """OfferRefused unless `label` can be offered at `text`'s places (said before a window
    starts the work in the background)."""
    if is_region_label(label):
        raise OfferRefused("boilerplate regions are marked line by line, not offered")
    if not text.strip() or "\n" in text:
        raise OfferRefused("only a string within one line can be offered in every article")
    if schema.get(label) is None:
        raise OfferRefused("no label {label!r} in this database's schema", label=label)


def offer_in_every_article(
    store: Store,
    annotator: str,
    label: str,
    text: str,
    *,
    progress: Progress | None = None,
) -> OfferedEverywhere:
    """Offer `label` at every occurrence of `text` in every article, for `annotator` to accept
    or reject. OfferRefused for a boilerplate label or a string that is empty or crosses a line
    break. A KeyboardInterrupt raised by `progress` (a cancel) stops after the articles done."""
    check_offer(store.schema, label, text)
    offered = Span(article_id="", annotator=annotator, label=label, start=0, end=len(text), text=text)
    ids = store.article_ids(search=text)  # narrowed by the search index; titles match too
    articles = places = 0
    for done, article_id in enumerate(ids, start=1):
        article = store.get_article(article_id)
        places_here = same_string_places(
            article,
            offered,
            store.get_annotation_set(article_id, annotator),
            store.get_annotation_set(article_id, AUTO),
            store.rejected(article_id, annotator),
        )  # none: only in the title, or every place labelled or decided already
        added = store.add_suggestions(article_id, SAME_STRING, places_here) if places_here else []
        articles += bool(added)
        places += len(added)
        if progress is not None:
            progress(done, len(ids))
    return OfferedEverywhere(label, text, len(ids), articles, places)
