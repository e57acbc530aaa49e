"""`annotator backup [PATH]`: a consistent copy of the database, safe while the window is open."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.commands.common import add_common_options
from annotator.store import default_db_path
from annotator.store.backup import BACKUP_FOLDER, backup_database


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "backup",
        help="copy the database (safe while the annotator window is open)",
        description="Copy the database with SQLite's online backup API: one consistent snapshot, "
        "even while another program is labelling. Without PATH the copy goes to a timestamped "
        f"file in the {BACKUP_FOLDER}/ folder beside the database.",
    )
    add_common_options(parser)
    parser.add_argument("path", nargs="?", metavar="PATH", help="where to write the backup")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    db = Path(args.db) if args.db else default_db_path()
    written = backup_database(db, Path(args.path) if args.path else None)
    print(f"backed up {db} to {written}")
    return 0
