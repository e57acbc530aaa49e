"""`annotator evaluate --gold FILE.jsonl [--annotator auto]`: score one annotator's labels (by
default the suggestions) against a gold native-JSONL file."""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from annotator.commands.common import UsageError, add_common_options, open_store
from annotator.commands.counts import positive
from annotator.model import AUTO
from annotator.scoring import figure


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evaluate", help="precision / recall / F1 of suggestions (or anyone's labels) against gold"
    )
    add_common_options(parser)
    parser.add_argument("--gold", type=Path, metavar="FILE.jsonl")
    parser.add_argument(
        "--cross-validate",
        type=int,
        metavar="K",
        help="the name tagger on this database's own OFFICIAL labels, then the event "
        "classifier on its labelled events: K folds, each scored by the base model and by one "
        "trained on the base corpus plus the other folds (events: about a minute a fold)",
    )
    parser.add_argument(
        "--only",
        choices=("names", "events"),
        help="with --cross-validate: only the name tagger, or only the events",
    )
    parser.add_argument("--corpus", type=Path, help="with --cross-validate: the base corpus file")
    parser.add_argument(
        "--iterations",
        type=positive("a number of training passes"),
        default=60,
        help=argparse.SUPPRESS,
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from annotator.suggest.evaluate import GoldError, Report, read_gold

    if args.cross_validate is not None:
        return _cross_validate(args)
    if args.gold is None:
        raise UsageError("say what to score against: --gold FILE.jsonl, or --cross-validate K")

    if not args.gold.is_file():
        raise UsageError(f"gold file {args.gold} does not exist")
    try:
        gold = read_gold(args.gold)
    except GoldError as error:
        raise UsageError(str(error)) from None
    if not gold:
        raise UsageError(f"gold file {args.gold} holds no articles; there is nothing to score")
    annotator = args.annotator or AUTO
    report = Report()
    problems: list[str] = []
    with open_store(args, read_only=True) as store:
        for article in gold:
            if not store.has_article(article.id):
                problems.append(f"{article.id}: not in the database")
                continue
            if store.get_article(article.id).text != article.text:
                problems.append(
                    f"{article.id}: text differs from the database's (another cleaner?)"
                )
                continue
            report.add(article, store.get_annotation_set(article.id, annotator))
    if report.articles == 0:  # a score over nothing would read as perfect
        raise UsageError(
            f"none of the {len(gold)} gold articles could be scored ("
            + "; ".join(problems[:3])
            + ("; …" if len(problems) > 3 else "")
            + ")"
        )
    print(f"{annotator} against {args.gold}")
    print(report.format())
    for problem in problems:
        print(f"skipped {problem}")
    return 1 if problems else 0


def _cross_validate(args: argparse.Namespace) -> int:
    from annotator.suggest.tagger_training import base_corpus_path

    try:
        corpus = base_corpus_path(args.corpus)
    except FileNotFoundError as error:
        raise UsageError(str(error)) from None
    if args.only != "events":
        _cross_validate_names(args, corpus)
    if args.only != "names":
        _cross_validate_events(args, corpus)
    return 0


def _cross_validate_events(args: argparse.Namespace, corpus: Path) -> None:
    from annotator.commands.train import events_line
    from annotator.suggest.event_classifier import classifier_at
    from annotator.suggest.event_training import (
        base_sentences,
        cross_validate_events,
        labelled_articles,
        total_events,
    )
    from annotator.suggest.lexicons import default_lexicons

    lexicons = default_lexicons()
    with open_store(args, read_only=True) as store:
        articles = labelled_articles(store, lexicons)
    if len(articles) < args.cross_validate and args.only is None:
        # the names were asked for too and scored: no events is no failure of theirs
        print(
            f"event classifier: not cross-validated, {len(articles)} articles with labelled "
            f"events cannot make {args.cross_validate} folds"
        )
        return
    base = base_sentences(corpus, lexicons)
    folds = _in_scratch_folder(
        lambda folder: cross_validate_events(
            base, articles, args.cross_validate, folder, lexicons, classifier_at(None, lexicons)
        )
    )
    print(
        f"event classifier, {args.cross_validate}-fold cross-validation on {len(articles)} "
        "articles with labelled events (detection of event sentences; tuples: type, date, place)"
    )
    rows = [(f"fold {f.fold} ({f.articles} articles)", f.before, f.after) for f in folds]
    for name, before, after in _with_total(rows, total_events):
        print(f"  {name:<22} before {events_line(before)}")
        print(f"  {'':<22} after  {events_line(after)}")


def _cross_validate_names(args: argparse.Namespace, corpus: Path) -> None:
    from annotator.suggest.tagged_officials import official_title_words
    from annotator.suggest.tagger_training import (
        base_training_sentences,
        cross_validate,
        database_sentences,
        total,
    )

    with open_store(args, read_only=True) as store:
        labelled = list(database_sentences(store))
    base = base_training_sentences(corpus, official_title_words())
    folds = _in_scratch_folder(
        lambda folder: cross_validate(
            base, labelled, args.cross_validate, folder, max_iterations=args.iterations
        )
    )
    print(
        f"name tagger, {args.cross_validate}-fold cross-validation on {len(labelled)} "
        "labelled lines of this database"
    )
    rows = [(f"fold {f.fold} ({f.sentences} lines)", f.before, f.after) for f in folds]
    for name, before, after in _with_total(rows, total):
        print(
            f"  {name:<22} before P {figure(before.precision)} R {figure(before.recall)} "
            f"F1 {figure(before.f1)}   after P {figure(after.precision)} R {figure(after.recall)} "
            f"F1 {figure(after.f1)}"
        )


F = TypeVar("F")
S = TypeVar("S")


def _in_scratch_folder(run: Callable[[Path], F]) -> F:
    """Run the folds with their models in a folder that is gone afterwards; a fold count the
    labels cannot make is the user's to change, so a usage error."""
    with tempfile.TemporaryDirectory(prefix="annotator-cv-") as folder:
        try:
            return run(Path(folder))
        except ValueError as error:
            raise UsageError(str(error)) from None


def _with_total(
    rows: list[tuple[str, S, S]], total: Callable[[Iterable[S]], S]
) -> list[tuple[str, S, S]]:
    """The folds' (name, before, after) rows, then one with the scores summed over all."""
    return [*rows, ("all", total(r[1] for r in rows), total(r[2] for r in rows))]
