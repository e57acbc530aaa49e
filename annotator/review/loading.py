"""Read what the agreement measures from the store."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.model import AUTO, GOLD, AnnotationSet
from annotator.review.agreement import ArticleSets
from annotator.store import Store


def human_annotators(store: Store) -> list[str]:
    """Everyone with a set except the machine (`auto`) and the reviewer (`gold`)."""
    return [name for name in store.annotators() if name not in (AUTO, GOLD)]


def load_article_sets(store: Store, annotators: Sequence[str]) -> list[ArticleSets]:
    """Articles any of `annotators` has a set for, with those sets, in article id order.

    Articles only some of them opened are included so the agreement can count them as left out
    (`exclusion_reason`) rather than lose them without a word."""
    sets: dict[str, dict[str, AnnotationSet]] = {}
    for name in annotators:
        for aset in store.iter_annotation_sets(name):
            sets.setdefault(aset.article_id, {})[name] = aset
    return [
        ArticleSets(article_id, store.article_text(article_id), by_annotator)
        for article_id, by_annotator in sorted(sets.items())
    ]
