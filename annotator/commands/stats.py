"""`annotator stats`: what the database holds."""

from __future__ import annotations

import argparse
import json

from annotator.commands.common import add_common_options, open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("stats", help="articles by script and outlet, labels, status")
    add_common_options(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with open_store(args, read_only=True) as store:
        stats = store.stats()
        where = store.path
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    print(f"database: {where}")
    print(f"articles: {stats['articles']}")
    for heading, key in (("by script", "by_script"), ("by outlet", "by_outlet")):
        print(f"{heading}:")
        for name, count in stats[key].items():
            print(f"  {count:6d}  {name}")
    print("labels per annotator:")
    for name, count in stats["labels_per_annotator"].items():
        states = ", ".join(f"{k} {v}" for k, v in sorted(stats["status"].get(name, {}).items()))
        print(f"  {count:6d}  {name}" + (f"  ({states})" if states else ""))
    return 0
