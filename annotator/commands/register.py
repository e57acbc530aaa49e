"""`annotator register …`: the officials of the whole corpus, their posts over time, the
contradictions; reviewers' merge/split decisions."""

from __future__ import annotations

import argparse
import sys

from annotator.commands.common import UsageError, add_common_options, open_store
from annotator.register import Decision, Register
from annotator.register.loading import add_decision, register_of, undo_decision
from annotator.register.output import csv_text, json_lines


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "register",
        help="officials across the corpus: posts with dates, contradictions, merge/split",
        description="Built from every article's best labels: gold, else a person's, else the "
        "suggestions (or only --annotator NAME's). Merge and split decisions are stored in the "
        "database and re-applied whenever the register is built.",
    )
    add_common_options(parser)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="persons and flags, as text")
    show.add_argument("names", nargs="*", metavar="NAME", help="only these persons")
    show.add_argument("--flags", action="store_true", help="only the flags")
    export = actions.add_parser("export", help="one JSON line per person (or --csv of posts)")
    export.add_argument("--csv", action="store_true", help="one row per person × post")
    for op, what in (("merge", "are one person"), ("split", "are a person of their own")):
        decide = actions.add_parser(op, help=f"say that these sightings {what}")
        decide.add_argument(
            "mentions", nargs="+", metavar="ARTICLE:NAME", help="an article id and a name in it"
        )
    actions.add_parser("undo", help="take back the last merge or split")
    for sub in (show, export):
        add_common_options(sub)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.action in ("merge", "split"):
        return _decide(args)
    if args.action == "undo":
        with open_store(args) as store:
            taken = undo_decision(store)
        print(f"took back: {taken.op} {_mentions(taken)}" if taken else "no decision to take back")
        return 0
    with open_store(args, read_only=True) as store:
        if args.annotator and args.annotator not in store.annotators():
            raise UsageError(f"no annotation sets by {args.annotator} in {store.path}")
        result = register_of(store, args.annotator)
    if args.action == "export":
        sys.stdout.writelines(csv_text(result) if args.csv else json_lines(result))
    else:
        print(_show(result, set(args.names), flags_only=args.flags))
    return 0


def _decide(args: argparse.Namespace) -> int:
    from annotator.register.places import name_key

    mentions = []
    for text in args.mentions:
        article_id, sep, name = text.partition(":")
        if not sep or not article_id or not name:
            raise UsageError(f"name a sighting as ARTICLE:NAME, not {text!r}")
        mentions.append((article_id, name_key(name)))
    if args.action == "merge" and len(mentions) < 2:
        raise UsageError("a merge names two sightings or more")
    decision = Decision(args.action, tuple(mentions))
    with open_store(args) as store:
        known = {s.mention for p in register_of(store).persons for s in p.sightings}
        unknown = [f"{a}:{n}" for a, n in mentions if (a, n) not in known]
        if unknown:
            raise UsageError(f"no such sighting in the register: {', '.join(unknown)}")
        add_decision(store, decision)
    print(f"stored: {args.action} {_mentions(decision)}")
    return 0


def _mentions(decision: Decision) -> str:
    return " ".join(f"{a}:{n}" for a, n in decision.mentions)


def _show(result: Register, names: set[str], *, flags_only: bool) -> str:
    from annotator.register.places import name_key

    keys = {name_key(n) for n in names}
    lines = [
        f"{len(result.persons)} persons from {result.articles} articles; {len(result.flags)} flags"
    ]
    if not flags_only:
        for person in result.persons:
            if keys and person.id.split("#")[0] not in keys:
                continue
            also = f" (also {'、'.join(person.variants)})" if person.variants else ""
            lines.append(f"{person.id}{also}: {len(person.articles)} articles")
            for post in person.posts:
                seen = f"{post.first_seen or '?'} … {post.last_seen or '?'}"
                lines.append(f"  {post.title:<24} {seen}  ({len(post.articles)} articles)")
    for flag in result.flags:
        if keys and not keys & {p.split("#")[0] for p in flag.persons}:
            continue
        lines.append(f"! {flag.kind}: {flag.message}  [{' '.join(flag.articles)}]")
    return "\n".join(lines)
