"""`suggest_corpus`: recompute the `auto` set of many articles over a store, never touching a
human's labels. The store is a duck-typed parameter: suggest must not import annotator.store.

Suggestions are computed in worker processes when `jobs` > 1 (annotator.pool) and written by
this process, in input order, so the result is the same for any number of jobs. Each set is
saved with the fingerprint of its inputs (annotator.suggest.inputs); `only_changed` skips the
articles whose fingerprint is the one saved with their current set.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from annotator.model import AUTO, AnnotationSet, Article, ArticleText
from annotator.pool import ordered_map, write_while_waiting
from annotator.suggest.article import suggest_article
from annotator.suggest.boilerplate import CueMemo
from annotator.suggest.corpus import CorpusStats
from annotator.suggest.event_classifier import classifier_at, database_classifier_path
from annotator.suggest.gazetteer import Gazetteer
from annotator.suggest.inputs import SuggestionInputs
from annotator.suggest.lexicons import Lexicons
from annotator.suggest.person_tagger import database_tagger_path, tagger_at
from annotator.suggest.tagged_officials import CorpusOfficials
from annotator.suggest.user_lexicons import UserLexicons, lexicon_folder, rules_lexicons

Progress = Callable[[int, int], None]  # (done, total)
Rejected = Collection[tuple[str, int, int, str]]
# Sets written per transaction: one sync to disk per batch, not per article; an interruption
# loses at most the batch being filled (recomputed next time).
WRITE_BATCH = 50
MIN_ARTICLES_PER_JOB = 4  # fewer per worker: starting workers costs more than it saves


class ArticleSource(Protocol):
    def get_article(self, article_id: str) -> Article: ...


class SuggestionStore(Protocol):
    """The part of `annotator.store.Store` that suggestions need."""

    # a picklable opener of the same database, read-only (None: in memory)
    def article_reader(self) -> Callable[[], ArticleSource] | None: ...

    def iter_article_texts(self) -> Iterator[ArticleText]: ...
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
    def replace_suggestions(
        self, drafts: Sequence[AnnotationSet], fingerprints: dict[str, str]
    ) -> None: ...


def people_but_the_machine(names: Iterable[str]) -> list[str]:
    """Everyone but the machine (the reviewer's `gold` set is human judgement too): suggestions
    must not teach themselves."""
    return [n for n in names if n != AUTO]


def learn_gazetteer(store: SuggestionStore) -> Gazetteer:
    def pairs() -> Iterator[tuple[Article, AnnotationSet]]:
        for annotator in people_but_the_machine(store.annotators()):
            for aset in store.iter_annotation_sets(annotator):
                if aset.spans or aset.officials:
                    yield store.get_article(aset.article_id), aset

    return Gazetteer.from_annotations(pairs())


def own_tagger_model(store: SuggestionStore) -> Path | None:
    """The database's own name-tagger model (`annotator train` writes it beside the database),
    or None: the shipped one."""
    return _own_model(store, database_tagger_path)


def own_events_model(store: SuggestionStore) -> Path | None:
    """The database's own event classifier (`annotator train` writes it beside the database),
    or None: the shipped one."""
    return _own_model(store, database_classifier_path)


def _own_model(store: SuggestionStore, beside: Callable[[Path], Path]) -> Path | None:
    path = getattr(store, "path", None)
    if path is None:
        return None
    model = beside(Path(path))
    return model if model.is_file() else None


def database_lexicons(store: SuggestionStore) -> UserLexicons | None:
    """The database's own lexicons (`<database>.lexicons/` beside it), checked against its
    label schema: LexiconError, in one line, for a file that does not fit. None: in memory."""
    path = getattr(store, "path", None)
    if path is None:
        return None
    return UserLexicons.read(lexicon_folder(Path(path)), getattr(store, "schema", None))


def corpus_inputs(store: SuggestionStore, lexicons: Lexicons | None = None) -> SuggestionInputs:
    """Corpus line statistics, the gazetteer over the whole store (people's labels, and the
    officials the name tagger finds in two articles or more), and the shared inputs. The
    lexicons are `lexicons` when given, else the bundled ones with the database's own merged
    over them."""
    user = database_lexicons(store) if lexicons is None else None
    rules = lexicons or rules_lexicons(user)
    model = own_tagger_model(store)
    tagger = tagger_at(str(model) if model else None)
    # each text's finds are kept in the store: the CRF reads a text once, not every run
    officials = CorpusOfficials.cached(tagger, rules, store) if tagger else None

    # one pass over the corpus serves both, reading texts only: each article is decoded whole
    # once, by the job that suggests for it
    def scanned() -> Iterator[ArticleText]:
        for article in store.iter_article_texts():
            if officials is not None:
                officials.add(article)
            yield article

    corpus = CorpusStats.from_articles(scanned())
    gazetteer = learn_gazetteer(store)
    if officials is not None:
        officials.save(store)
        gazetteer = gazetteer.with_officials(officials.found())
    return SuggestionInputs.of(
        schema=store.get_setting("schema"),
        corpus=corpus,
        gazetteer=gazetteer,
        lexicons=lexicons,
        tagger_model=model,
        events_model=own_events_model(store),
        user_lexicons=user,
    )


# An article (or its id, for a worker that reads it itself), its rejections, the fingerprint
# saved with its current set (None: none saved).
Job = tuple[Article | str, Rejected, str | None]
# The new set (None: the saved one is up to date), the article id, the input fingerprint.
Done = tuple[AnnotationSet | None, str, str]


def _suggester(
    inputs: SuggestionInputs,
    lexicons: Lexicons | None,
    reader: Callable[[], ArticleSource] | None = None,
) -> Callable[[Job], Done]:
    """What a worker applies to each article (built once per worker: see annotator.pool). The
    fingerprint is computed here too, off the writer, which has the store to itself; with a
    `reader`, so is reading and decoding the article."""
    if lexicons is None:  # the bundled ones and the database's own, merged once per worker
        lexicons = rules_lexicons(inputs.user_lexicons)
    # opened in the process that reads, on its first article: with fork this function is built
    # in the writer, and an SQLite connection must not cross a fork
    sources: dict[int, ArticleSource] = {}
    cue_memo = CueMemo()

    def read(article_id: str) -> Article:
        assert reader is not None, "an article id comes only to a worker with a reader"
        here = os.getpid()
        if here not in sources:
            sources.clear()
            sources[here] = reader()
        return sources[here].get_article(article_id)

    def suggest(job: Job) -> Done:
        wanted, rejected, saved = job
        article = wanted if isinstance(wanted, Article) else read(wanted)
        fingerprint = inputs.fingerprint(article, rejected)
        if fingerprint == saved:
            return None, article.id, fingerprint
        draft = suggest_article(
            article,
            corpus=inputs.corpus,
            gazetteer=inputs.gazetteer,
            rejected=rejected,
            lexicons=lexicons,
            tagger=tagger_at(inputs.tagger_model),
            event_classifier=classifier_at(inputs.events_model, lexicons),
            cue_memo=cue_memo,
        )
        return draft, article.id, fingerprint

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
    # workers read their articles themselves: decoding and pickling one cost the writer, the
    # one process that cannot be parallel, about 2 ms an article
    reader = store.article_reader() if jobs > 1 else None

    def jobs_to_do() -> Iterator[Job]:
        for article_id in ids:
            article = article_id if reader is not None else store.get_article(article_id)
            yield article, frozenset(store.rejected(article_id)), saved.get(article_id)

    recomputed = 0
    drafts: list[AnnotationSet] = []
    fingerprints: dict[str, str] = {}

    def write() -> None:
        nonlocal recomputed
        if drafts:
            store.replace_suggestions(drafts, fingerprints)
            recomputed += len(drafts)
            drafts.clear()
            fingerprints.clear()

    results = ordered_map(
        _suggester,
        (inputs, lexicons, reader),
        jobs_to_do(),
        jobs=jobs,
        start_method=start_method,
        idle=write_while_waiting(lambda: len(drafts), write),
    )
    for done, (draft, article_id, fingerprint) in enumerate(results, start=1):
        if draft is not None:
            drafts.append(draft)
            fingerprints[article_id] = fingerprint
        if len(drafts) >= WRITE_BATCH or done == len(ids):
            write()
        if progress is not None:
            progress(done, len(ids))
    write()
    return recomputed
