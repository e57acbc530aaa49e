"""The files that make up a database, which no writer (export, backup) may replace.

SQLite keeps a database in up to four files: the main file, `-wal`, `-shm` and `-journal`. An
export written over `-wal` is reported as success and then deleted (or worse, replayed) by
SQLite; one written over the main file replaces every label with JSONL. A path is compared after
resolving symlinks and `..`, by device and inode when it exists (a hard link is the same file),
and by case-folded name beside the database (case-insensitive disks).
"""

from __future__ import annotations

import os
from pathlib import Path

from annotator.store.errors import StoreError

SIDECAR_SUFFIXES = ("", "-wal", "-shm", "-journal")


def database_files(db: Path) -> tuple[Path, ...]:
    """The main file and every sidecar SQLite may make beside it, resolved."""
    main = Path(db).resolve()
    return tuple(main.with_name(main.name + suffix) for suffix in SIDECAR_SUFFIXES)


def is_database_file(target: Path, db: Path) -> bool:
    """Whether writing `target` would replace the database `db` or one of its sidecars."""
    resolved = Path(target).resolve()
    for member in database_files(db):
        if resolved == member or _same_existing(resolved, member):
            return True
        if _same_folder(resolved.parent, member.parent) and (
            resolved.name.casefold() == member.name.casefold()
        ):
            return True
    return False


def refuse_database_target(target: Path, db: Path | None, writer: str) -> None:
    """StoreError unless `target` is safe from the point of view of database `db`."""
    if db is not None and is_database_file(target, db):
        raise StoreError(
            "{target} is the database {db} or one of its -wal/-shm/-journal files; {writer} "
            "must go elsewhere", target=target, db=db, writer=writer
        )


def database_inside(folder: Path, db: Path | None) -> Path | None:
    """The database file when it lies somewhere under `folder` (its sidecars lie beside it)."""
    if db is None:
        return None
    main = Path(db).resolve()
    root = Path(folder).resolve()
    return main if root in main.parents or _same_folder(root, main.parent) else None


def _same_existing(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _same_folder(a: Path, b: Path) -> bool:
    return a == b or _same_existing(a, b)
