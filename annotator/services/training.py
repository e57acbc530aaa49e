"""Retrain the person-name tagger on the base corpus plus this database's labels, then give the
articles nobody has touched suggestions from it: `annotator train` and the window's
Suggestions ▸ Train the name tagger….

The CRF trains in a child process: crfsuite holds the GIL for its whole run, which would freeze
a window for minutes, and a child can be stopped at once. It writes a file beside the model,
measured and then renamed over it, so the model suggestions read is never half-written and a
cancelled or failed run leaves it as it was.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.store import Store

if TYPE_CHECKING:
    from annotator.suggest.event_classifier import LabelledSentence
    from annotator.suggest.event_training import EventScores, LabelledArticle
    from annotator.suggest.lexicons import Lexicons
    from annotator.suggest.person_tagger import PersonTagger
    from annotator.suggest.tagger_training import Scores, Sentence

# (step, done, total); steps: "reading", "training" (iterations), "measuring", "events",
# "suggesting"
Progress = Callable[[str, int, int], None]
Cancelled = Callable[[], bool]
_POLL_SECONDS = 0.1


class TrainingCancelled(Exception):
    """The person cancelled: no model was written, nothing in the database changed."""


@dataclass(frozen=True, slots=True)
class TaggerTrained:
    """What a training run did. `before` scores the model suggestions used until now (None when
    there was none), `after` the new one, both on the corpus's held-out splits asked for."""

    model: Path
    corpus_sentences: int
    database_sentences: int
    seconds: float
    after: dict[str, Scores]
    before: dict[str, Scores] = field(default_factory=dict)
    min_name_length: int = 2  # 1: people label surnames alone (江|主席), the model gives them


def train_tagger(
    store: Store | None,
    *,
    corpus: Path | None = None,
    out: Path | None = None,
    iterations: int = 60,
    splits: Sequence[str] = ("dev",),
    start_method: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> TaggerTrained:
    """Train on the base corpus's train split (and its title-after variants) plus, when `store`
    is given, the OFFICIAL lines people labelled in it; write `out` (default: beside the
    database, or the shipped model when `store` is None) and score it on `splits`.

    Refuses before anything is written: no corpus (FileNotFoundError), a database lexicon folder
    that does not fit its schema (LexiconError). A process that runs threads (the window) must
    pass start_method="forkserver". `cancelled()` is asked while training: True stops the child
    and raises TrainingCancelled."""
    from annotator.resources import resource_path
    from annotator.suggest.person_tagger import (
        MODEL_FILE,
        move_settings,
        settings_path,
        write_settings,
    )
    from annotator.suggest.run import database_lexicons, own_tagger_model
    from annotator.suggest.tagged_officials import official_title_words
    from annotator.suggest.tagger_training import (
        base_corpus_path,
        base_training_sentences,
        database_model_path,
        database_sentences,
        taught_min_length,
    )

    tell = progress or (lambda _step, _done, _total: None)
    path = base_corpus_path(corpus)
    if store is not None:
        database_lexicons(store)  # the rules the new model will serve must load: check first
        target = out or database_model_path(store)
        current = own_tagger_model(store)
    else:
        target = out or resource_path(*MODEL_FILE)
        current = None
    current = current or resource_path(*MODEL_FILE)
    tell("reading", 0, 1)
    base = base_training_sentences(path, official_title_words())
    # the clauses of people's labels, less those where the model in use sees an unlabelled name
    added = list(database_sentences(store, _tagger(current))) if store is not None else []
    tell("reading", 1, 1)
    _check(cancelled)
    min_length = taught_min_length(added)
    started = time.perf_counter()
    fresh = target.with_name(target.name + ".new")
    try:
        _train_in_child(
            _tagger_child,
            ([*base, *added], fresh, iterations),
            fresh,
            "training",
            tell,
            cancelled,
            start_method,
        )
        seconds = time.perf_counter() - started
        write_settings(fresh, min_length)  # measured as suggestions will read it
        before = _measure(current, path, splits, tell) if current.is_file() else {}
        after = _measure(fresh, path, splits, tell)
        _check(cancelled)  # the last moment a cancel leaves everything as it was
        fresh.replace(target)  # the one step that changes what suggestions read
        move_settings(fresh, target)
    finally:
        fresh.unlink(missing_ok=True)
        settings_path(fresh).unlink(missing_ok=True)
    return TaggerTrained(target, len(base), len(added), seconds, after, before, min_length)


@dataclass(frozen=True, slots=True)
class EventsTrained:
    """What training the event classifier did; the scores are on the articles it learned from
    (None without any: `evaluate --cross-validate K` scores unseen ones)."""

    model: Path
    sentences: int
    articles: int
    seconds: float
    before: EventScores | None = None
    after: EventScores | None = None


def train_event_classifier(
    store: Store | None,
    *,
    corpus: Path,
    out: Path | None = None,
    start_method: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> EventsTrained:
    """The event classifier: the corpus's train split labelled by the rules (as this database's
    suggestions run them: its own lexicons merged over the bundled ones), plus the events people
    labelled in `store` (gold first, never `auto`); None: the shipped model from the corpus
    alone. Trained in a child process, measured, then renamed over `out` (default: beside the
    database, or the shipped model)."""
    from annotator.resources import resource_path
    from annotator.suggest.event_classifier import (
        MODEL_FILE,
        EventClassifier,
        classifier_at,
        database_classifier_path,
    )
    from annotator.suggest.event_training import (
        base_sentences,
        database_sentences,
        labelled_articles,
        score_events,
    )
    from annotator.suggest.run import database_lexicons
    from annotator.suggest.user_lexicons import rules_lexicons

    tell = progress or (lambda _step, _done, _total: None)
    tell("events", 0, 0)
    # the rules as this database's suggestions run them (the bundled ones without a database)
    lexicons = rules_lexicons(database_lexicons(store) if store is not None else None)
    articles: list[LabelledArticle] = []
    if store is None:
        target = out or resource_path(*MODEL_FILE)
    else:
        if store.path is None:
            raise ValueError("an in-memory database has no folder for its event classifier")
        articles = labelled_articles(store, lexicons)
        target = out or database_classifier_path(store.path)
    base = base_sentences(corpus, lexicons)
    _check(cancelled)
    before = score_events(articles, lexicons, classifier_at(None, lexicons)) if articles else None
    started = time.perf_counter()
    fresh = target.with_name(target.name + ".new")
    try:
        _train_in_child(
            _events_child,
            (base, articles, fresh, lexicons),
            fresh,
            "events",
            tell,
            cancelled,
            start_method,
        )
        seconds = time.perf_counter() - started
        after = score_events(articles, lexicons, EventClassifier(fresh, lexicons)) if articles else None
        _check(cancelled)
        fresh.replace(target)
    finally:
        fresh.unlink(missing_ok=True)
    count = len(base) + sum(1 for _ in database_sentences(articles))  # as train_events counts
    return EventsTrained(target, count, len(articles), seconds, before, after)


def recompute_untouched(
    store: Store,
    *,
    jobs: int = 1,
    start_method: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Suggestions from the new model for every article nobody has touched (no person's set
    begun, done or labelled); a person's work is never touched, and their articles keep the
    suggestions they saw. Returns how many articles got new suggestions."""
    from annotator.model import AUTO
    from annotator.services.suggestions import recompute_suggestions

    touched = {  # one pass over people's sets: anything done, begun or labelled
        aset.article_id
        for name in store.annotators()
        if name != AUTO
        for aset in store.iter_annotation_sets(name)
        if aset.status != "todo" or aset.spans or aset.officials or aset.events
    }
    untouched = [a for a in store.article_ids() if a not in touched]
    tell = progress or (lambda _step, _done, _total: None)
    return recompute_suggestions(
        store,
        article_ids=untouched,
        jobs=jobs,
        start_method=start_method,
        progress=lambda done, total: tell("suggesting", done, total),
    )


def _tagger(model: Path) -> PersonTagger | None:
    from annotator.suggest.person_tagger import PersonTagger

    return PersonTagger(model) if model.is_file() else None


def _check(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise TrainingCancelled("training cancelled: the model was not changed")


def _measure(model: Path, corpus: Path, splits: Sequence[str], tell: Progress) -> dict[str, Scores]:
    from annotator.suggest.person_tagger import PersonTagger
    from annotator.suggest.tagger_training import read_corpus, score

    tagger = PersonTagger(model)
    found = {}
    for done, split in enumerate(splits):
        tell("measuring", done, len(splits))
        found[split] = score(tagger, read_corpus(corpus, split))
    return found


def _train_in_child(
    target: Callable[..., None],
    args: tuple,
    model: Path,
    step: str,
    tell: Progress,
    cancelled: Cancelled | None,
    start_method: str | None,
) -> None:
    """`target(*args, sender)` in a child process, each iteration it sends told as progress of
    `step`; a cancel ends the child (its partial file is removed here)."""
    context = multiprocessing.get_context(start_method)
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=target, args=(*args, sender), name=f"annotator-{step}")
    child.start()
    sender.close()  # the child's end only: EOF here when it exits
    failure: str | None = None
    said_done = False  # the child told its end: let it exit, never terminate it then
    try:
        while not said_done:
            _check(cancelled)
            if not receiver.poll(_POLL_SECONDS):
                continue
            try:
                kind, *values = receiver.recv()
            except EOFError:  # the child ended without a word: killed
                break
            if kind == "iteration":
                tell(step, *values)
            else:
                said_done = True
                failure = values[0] if kind == "failed" else None
    finally:
        if not said_done and child.is_alive():
            child.terminate()
        child.join()
        receiver.close()
        if child.exitcode != 0 or failure is not None:
            model.with_name(model.name + ".partial").unlink(missing_ok=True)
    if failure is not None or child.exitcode != 0:
        raise RuntimeError(failure or f"training stopped (exit code {child.exitcode})")


def _told(sender: Connection, work: Callable[[], object]) -> None:
    """Run `work` in the child and tell the parent how it ended."""
    try:
        work()
    except Exception as error:  # told to the parent, which raises it in its own process
        sender.send(("failed", f"{type(error).__name__}: {error}"))
    else:
        sender.send(("done",))
    finally:
        sender.close()


def _tagger_child(
    sentences: list[Sentence], model: Path, iterations: int, sender: Connection
) -> None:
    from annotator.suggest.tagger_training import train

    _told(
        sender,
        lambda: train(
            sentences,
            model,
            max_iterations=iterations,
            on_iteration=lambda done, total: sender.send(("iteration", done, total)),
        ),
    )


def _events_child(
    base: list[LabelledSentence],
    articles: list[LabelledArticle],
    model: Path,
    lexicons: Lexicons,
    sender: Connection,
) -> None:
    from annotator.suggest.event_training import train_events

    _told(sender, lambda: train_events(base, articles, model, lexicons))
