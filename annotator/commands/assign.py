"""`annotator assign`: hand out the next batch of articles, one database per annotator."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.commands.common import UsageError, add_common_options, open_store
from annotator.teams.handout import hand_out, reassign


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "assign",
        help="hand out articles: one database per annotator, a share to two of them",
        description="Writes DIR/NAME.db for each annotator with their share of the next batch "
        "and its suggestions. --overlap of the batch goes to two annotators, spread over every "
        "pair, so `annotator agree` can measure each pair. The same seed gives the same plan; "
        "articles handed out before or done by someone are never handed out again. "
        "With --from A --to B: A's unfinished articles go to B.",
    )
    add_common_options(parser)
    parser.add_argument("--annotators", metavar="A,B,…", help="who gets articles")
    parser.add_argument("--overlap", type=float, default=0.2, help="share given to two (0.2)")
    parser.add_argument("--batch", type=int, default=200, help="articles per call (200)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--from", dest="source", metavar="A", help="reassign A's unfinished work")
    parser.add_argument("--to", dest="target", metavar="B", help="… to B")
    parser.add_argument("--out", required=True, type=Path, metavar="DIR")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if bool(args.source) != bool(args.target):
        raise UsageError("--from and --to go together")
    if args.batch < 1:
        raise UsageError(f"--batch takes a number of articles, not {args.batch}")
    with open_store(args) as store:
        try:
            if args.source:
                moved, path = reassign(store, args.source, args.target, args.out)
                print(f"{moved} unfinished articles of {args.source} added to {path}")
                return 0
            names = [n.strip() for n in (args.annotators or "").split(",") if n.strip()]
            if not names:
                raise UsageError("say who gets articles with --annotators A,B,…")
            handout = hand_out(
                store, names, args.out, overlap=args.overlap, size=args.batch, seed=args.seed
            )
        except ValueError as error:
            raise UsageError(str(error)) from None
    plan = handout.plan
    print(f"batch {plan.batch}: {len(plan.given)} articles, {handout.left} still to hand out")
    for name, path in handout.files.items():
        print(f"  {name}: {len(plan.of(name))} articles -> {path}")
    for (a, b), count in sorted(plan.overlap().items()):
        print(f"  overlap {a} & {b}: {count}")
    return 0
