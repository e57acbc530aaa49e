"""`annotator agree`: how well the annotators agree, per label and per article."""

from __future__ import annotations

import argparse
import json

from annotator.commands.common import UsageError, add_common_options, open_store
from annotator.review.agreement import (
    GROUPS,
    CorpusAgreement,
    PairAgreement,
    measure_agreement,
)
from annotator.review.loading import human_annotators, load_article_sets
from annotator.scoring import MatchCounts, figure


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "agree", help="agreement between annotators: spans, characters, officials, events"
    )
    add_common_options(parser)
    parser.add_argument(
        "--annotators",
        metavar="A,B,…",
        help="whom to compare, the first being the reference (default: every human annotator)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--worst", type=int, default=20, metavar="N", help="articles listed per pair (default 20)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.worst < 0:
        raise UsageError(f"--worst takes a count of articles, not {args.worst}")
    with open_store(args, read_only=True) as store:
        if args.annotators:
            annotators = [name.strip() for name in args.annotators.split(",") if name.strip()]
            unknown = sorted(set(annotators) - set(store.annotators()))
            if unknown:
                raise UsageError(f"no annotation sets by {', '.join(unknown)} in {store.path}")
        else:
            annotators = human_annotators(store)
        if len(annotators) < 2 or len(set(annotators)) != len(annotators):
            raise UsageError(
                f"agreement needs two or more distinct annotators; got {annotators or 'none'}"
            )
        result = measure_agreement(load_article_sets(store, annotators), annotators)
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        print(format_corpus(result, worst=args.worst))
    return 0


def format_corpus(result: CorpusAgreement, *, worst: int) -> str:
    lines = [
        f"annotators: {', '.join(result.annotators)}; articles compared: {result.articles}",
        *([f"left out: {result.excluded_summary()}"] if result.excluded else []),
    ]
    if len(result.pairs) > 1:
        lines.append(
            "Krippendorff's alpha, all annotators: "
            + ", ".join(f"{g} {figure(result.alpha[g])}" for g in GROUPS)
        )
    for pair in result.pairs:
        lines += ["", *format_pair(pair, worst=worst)]
    return "\n".join(lines)


def format_pair(pair: PairAgreement, *, worst: int) -> list[str]:
    a, b = pair.annotators
    lines = [
        f"== {a} (reference) vs {b}",
        f"{'label':<24} {'exact P':>7} {'R':>5} {'F1':>5}  {'overlap P':>9} {'R':>5} {'F1':>5}"
        f"  {'n ' + a:>8} {'n ' + b:>8}",
    ]
    for label, exact in pair.exact.items():
        overlap = pair.overlap[label]
        lines.append(
            f"{label:<24} {_scores(exact)}  {figure(overlap.precision):>9} "
            f"{figure(overlap.recall):>5} {figure(overlap.f1):>5}"
            f"  {exact.support_a:>8} {exact.support_b:>8}"
        )
    lines.append(
        "characters: "
        + "; ".join(
            f"{g} kappa {figure(pair.kappa[g])} alpha {figure(pair.alpha[g])}" for g in GROUPS
        )
    )
    lines.append(f"officials (names):        {_scores(pair.officials)}")
    lines.append(f"events (type,date,place): {_scores(pair.events)}")
    shown = pair.per_article[:worst]
    if shown:
        lines.append(f"worst articles (span F1, exact; {len(shown)} of {len(pair.per_article)}):")
        lines += [
            f"  {figure(s.f1):>5}  {s.article_id}  ({s.spans.disagreements} unmatched spans)"
            for s in shown
        ]
    return lines


def _scores(counts: MatchCounts) -> str:
    return f"{figure(counts.precision):>7} {figure(counts.recall):>5} {figure(counts.f1):>5}"
