"""`annotator progress DIR/*.db`: each annotator's done/in progress/todo, time, labels, and each
pair's agreement on its overlap so far."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from annotator.commands.common import add_common_options
from annotator.teams.progress import team_progress


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "progress", help="how far each annotator's database is (files from `annotator assign`)"
    )
    add_common_options(parser)  # accepted like everywhere; the files named are what is read
    parser.add_argument("paths", nargs="+", type=Path, metavar="DB|DIR")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def run(args: argparse.Namespace) -> int:
    result = team_progress(args.paths)
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return 0
    print(
        f"{'annotator':<16}{'assigned':>9}{'done':>7}{'doing':>7}{'todo':>7}{'skip':>6}"
        f"{'hours':>7}{'labels':>8}"
    )
    for f in result.files:
        print(
            f"{f.annotator:<16}{f.assigned:>9}{f.done:>7}{f.in_progress:>7}{f.todo:>7}"
            f"{f.skipped:>6}{f.seconds / 3600:>7.1f}{f.labels:>8}"
        )
    for p in result.pairs:
        print(
            f"overlap {p.annotators[0]} & {p.annotators[1]}: {p.overlap} articles, "
            f"{p.compared} compared so far; span F1 {_number(p.span_f1)}, "
            f"kappa {_number(p.kappa)}"
        )
    return 0
