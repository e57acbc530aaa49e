"""What every command shares: opening the database, reporting errors as one clear line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotator.store import Store, StoreError
from annotator.suggest.lexicons import LexiconError


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """Options every command takes, before or after the command name."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="database file (default: annotator.db in the user data directory)",
    )
    parser.add_argument(
        "--annotator",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="whose labels to read or write",
    )


def open_store(args: argparse.Namespace, *, read_only: bool = False) -> Store:
    """`read_only` for a command that only reads: it then works on a database that cannot be
    written (a read-only disk or folder) and never changes the file."""
    return Store.open(Path(args.db) if args.db else None, read_only=read_only)


def annotator_name(args: argparse.Namespace, default: str | None = None) -> str:
    name = args.annotator or default
    if not name:
        raise UsageError("say whose labels with --annotator NAME")
    return name


class UsageError(Exception):
    """The command line asks for something that cannot be done; said in one line, exit 2."""


def run_reporting_errors(args: argparse.Namespace) -> int:
    """Run the command; a failure a person can act on becomes one line and an exit status."""
    try:
        return int(args.run(args) or 0)
    except (StoreError, UsageError, LexiconError) as error:  # a lexicon names its file
        print(f"annotator: {error}", file=sys.stderr)
        return 2 if isinstance(error, UsageError) else 1
    except OSError as error:  # a missing folder, no permission, a full disk: one line, no trace
        where = f"{error.filename}: " if error.filename else ""
        print(f"annotator: {where}{error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("annotator: interrupted; everything acknowledged so far is saved", file=sys.stderr)
        return 130
