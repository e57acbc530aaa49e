"""`suggest_corpus`: recompute the `auto` set of many articles over a store, never touching a
human's labels. The store is a duck-typed parameter: suggest must not import annotator.store.

Suggestions are computed in worker processes when `jobs` > 1 (annotator.pool) and written by
this process, in input order, so the result is the same for any number of jobs. Each set is
saved with the fingerprint of its inputs (annotator.suggest.inputs); `only_changed` skips the
articles whose fingerprint is the one saved with their current set.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Protocol

from annotator.model import AUTO, AnnotationSet, Article
from annotator.pool import ordered_map
from annotator.suggest.article import suggest_article
from annotator.suggest.corpus import CorpusStats
from annotator.suggest.gazetteer import Gazetteer
from annotator.suggest.inputs import SuggestionInputs
from annotator.suggest.lexicons import Lexicons

Progress = Callable[[int, int], None]  # (done, total)
Rejected = Collection[tuple[str, int, int, str]]
FINGERPRINT_BATCH = 200
MIN_ARTICLES_PER_JOB = 4  # fewer per worker: starting workers costs more than it saves  # fingerprints saved per transaction


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
    def get_setting(self, key: str) -> str | None: ...
    def suggestion_inputs(self) -> dict[str, str]: ...
    def save_suggestion_inputs(self, fingerprints: dict[str, str]) -> None: ...


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


def corpus_inputs(store: SuggestionStore, lexicons: Lexicons | None = None) -> SuggestionInputs:
    """Corpus line statistics and the gazetteer over the whole store, and the shared inputs."""
    return SuggestionInputs.of(
        schema=store.get_setting("schema"),
        corpus=CorpusStats.from_articles(store.iter_articles()),
        gazetteer=learn_gazetteer(store),
        lexicons=lexicons,
    )


Job = tuple[Article, Rejected, str]  # an article, its rejections, its input fingerprint


def _suggester(
    corpus: CorpusStats, gazetteer: Gazetteer, lexicons: Lexicons | None
) -> Callable[[Job], tuple[AnnotationSet, str]]:
    """What a worker applies to each article (built once per worker: see annotator.pool)."""

    def suggest(job: Job) -> tuple[AnnotationSet, str]:
        article, rejected, fingerprint = job
        draft = suggest_article(
            article, corpus=corpus, gazetteer=gazetteer, rejected=rejected, lexicons=lexicons
        )
        return draft, fingerprint

    return suggest


def suggest_corpus(
    store: SuggestionStore,
    *,
    article_ids: Sequence[str] | None = None,
    progress: Progress | None = None,
    lexicons: Lexicons | None = None,
    only_changed: bool = False,
    jobs: int = 1,
    start_method: str | None = None,
) -> int:
    """Replace the `auto` set of each article (all when `article_ids` is None); with
    `only_changed`, only of those whose inputs changed since their set was computed. Corpus line
    statistics and the gazetteer are computed once, over the whole store. Returns how many
    articles got new suggestions."""
    inputs = corpus_inputs(store, lexicons)
    ids = list(article_ids) if article_ids is not None else store.article_ids()
    saved = store.suggestion_inputs() if only_changed else {}
    jobs = min(jobs, max(1, len(ids) // MIN_ARTICLES_PER_JOB))
    done = 0

    def jobs_to_do() -> Iterator[Job]:
        nonlocal done
        for article_id in ids:
            article = store.get_article(article_id)
            rejected = store.rejected(article_id)
            fingerprint = inputs.fingerprint(article, rejected)
            if saved.get(article_id) == fingerprint:
                done += 1  # up to date: nothing to compute
                if progress is not None:
                    progress(done, len(ids))
                continue
            yield article, frozenset(rejected), fingerprint

    make = (_suggester, (inputs.corpus, inputs.gazetteer, lexicons))
    recomputed = 0
    fingerprints: dict[str, str] = {}
    try:
        for draft, fingerprint in ordered_map(
            *make, jobs_to_do(), jobs=jobs, start_method=start_method
        ):
            store.replace_annotation_set(draft)
            fingerprints[draft.article_id] = fingerprint
            recomputed += 1
            done += 1
            if len(fingerprints) >= FINGERPRINT_BATCH:
                store.save_suggestion_inputs(fingerprints)
                fingerprints.clear()
            if progress is not None:
                progress(done, len(ids))
    finally:  # interrupted: the sets written so far keep their fingerprints too
        if fingerprints:
            store.save_suggestion_inputs(fingerprints)
    return recomputed
