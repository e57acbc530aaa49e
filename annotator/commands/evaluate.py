"""`annotator evaluate --gold FILE.jsonl [--annotator auto]`: score one annotator's labels (by
default the suggestions) against a gold native-JSONL file."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.commands.common import UsageError, add_common_options, open_store
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
        help="the name tagger on this database's own OFFICIAL labels: K folds, each scored by "
        "the base model and by one trained on the base corpus plus the other folds",
    )
    parser.add_argument("--corpus", type=Path, help="with --cross-validate: the base corpus file")
    parser.add_argument("--iterations", type=int, default=60, help=argparse.SUPPRESS)
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
    import tempfile

    from annotator.suggest.tagged_officials import official_title_words
    from annotator.suggest.tagger_training import (
        base_corpus_path,
        base_training_sentences,
        cross_validate,
        database_sentences,
        total,
    )

    try:
        corpus = base_corpus_path(args.corpus)
    except FileNotFoundError as error:
        raise UsageError(str(error)) from None
    with open_store(args, read_only=True) as store:
        labelled = list(database_sentences(store))
    base = base_training_sentences(corpus, official_title_words())
    with tempfile.TemporaryDirectory(prefix="annotator-cv-") as folder:
        try:
            folds = cross_validate(
                base,
                labelled,
                args.cross_validate,
                Path(folder),
                max_iterations=args.iterations,
            )
        except ValueError as error:
            raise UsageError(str(error)) from None
    print(
        f"name tagger, {args.cross_validate}-fold cross-validation on {len(labelled)} "
        "labelled lines of this database"
    )
    rows = [(f"fold {f.fold} ({f.sentences} lines)", f.before, f.after) for f in folds]
    rows.append(("all", total(f.before for f in folds), total(f.after for f in folds)))
    for name, before, after in rows:
        print(
            f"  {name:<22} before P {figure(before.precision)} R {figure(before.recall)} "
            f"F1 {figure(before.f1)}   after P {figure(after.precision)} R {figure(after.recall)} "
            f"F1 {figure(after.f1)}"
        )
    return 0
