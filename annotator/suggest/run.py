"""`suggest_corpus`: recompute the `auto` set of many articles over a store, never touching a
human's labels. The store is a duck-typed parameter: suggest must not import annotator.store."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol

from annotator.model import AUTO, AnnotationSet, Article
from annotator.suggest.article import suggest_article
from annotator.suggest.corpus import CorpusStats
from annotator.suggest.gazetteer import Gazetteer
from annotator.suggest.lexicons import Lexicons

Progress = Callable[[int, int], None]  # (done, total)


class SuggestionStore(Protocol):
    """The part of `annotator.store.Store` that suggestions need."""

    def iter_articles(self) -> Iterator[Article]: ...
    def get_article(self, article_id: str) -> Article: ...
    def article_ids(self) -> list[str]: ...
    def annotators(self) -> list[str]: ...
    def iter_annotation_sets(self, annotator: str) -> Iterator[AnnotationSet]: ...
    def has_annotation_set(self, article_id: str, annotator: str) -> bool: ...
    def rejected(
        self, article_id: str, annotator: str | None = None
    ) -> set[tuple[str, int, int, str]]: ...
    def replace_annotation_set(self, aset: AnnotationSet) -> AnnotationSet: ...


def human_annotators(names: Iterable[str]) -> list[str]:
    """Everyone but the machine (the reviewer's `gold` set is human judgement too): suggestions
    must not teach themselves."""
    return [n for n in names if n != AUTO]


def learn_gazetteer(store: SuggestionStore) -> Gazetteer:
    def pairs() -> Iterator[tuple[Article, AnnotationSet]]:
        for annotator in human_annotators(store.annotators()):
            for aset in store.iter_annotation_sets(annotator):
                if aset.spans or aset.officials:
                    yield store.get_article(aset.article_id), aset

    return Gazetteer.from_annotations(pairs())


def suggest_corpus(
    store: SuggestionStore,
    *,
    article_ids: Sequence[str] | None = None,
    progress: Progress | None = None,
    lexicons: Lexicons | None = None,
) -> int:
    """Replace the `auto` set of each article (all when `article_ids` is None). Corpus line
    statistics and the gazetteer are computed once, over the whole store. Returns how many
    articles got new suggestions."""
    corpus = CorpusStats.from_articles(store.iter_articles())
    gazetteer = learn_gazetteer(store)
    ids = list(article_ids) if article_ids is not None else store.article_ids()
    for done, article_id in enumerate(ids, start=1):
        article = store.get_article(article_id)
        draft = suggest_article(
            article,
            corpus=corpus,
            gazetteer=gazetteer,
            rejected=store.rejected(article_id),
            lexicons=lexicons,
        )
        store.replace_annotation_set(draft)
        if progress is not None:
            progress(done, len(ids))
    return len(ids)
