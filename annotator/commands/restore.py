"""`annotator restore BACKUP`: put a backup in place of the database, keeping the current one."""

from __future__ import annotations

import argparse
from pathlib import Path

from annotator.commands.common import add_common_options
from annotator.store import default_db_path
from annotator.store.backup import BACKUP_FOLDER, restore_database


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "restore",
        help="replace the database with a backup (the current one is kept)",
        description="Replace the database with BACKUP. The backup is read with its -wal (the "
        "last commits of a copied live database) and checked first: an annotator database, "
        "undamaged, not from a newer annotator, every row readable; the current database is "
        f"copied into the {BACKUP_FOLDER}/ folder beside it before it is replaced. Close every "
        "annotator window using the database first: restore refuses while it is open.",
    )
    add_common_options(parser)
    parser.add_argument("backup", metavar="BACKUP", help="the backup file to restore")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    db = Path(args.db) if args.db else default_db_path()
    kept = restore_database(Path(args.backup), db)
    print(f"restored {args.backup} into {db}")
    if kept is not None:
        print(f"the database as it was is kept at {kept}")
    return 0
