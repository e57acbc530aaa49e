"""A folder an export owns: it replaces or removes only the files a previous export wrote there.

An export folder lists what it holds in `.annotator-export` (JSON, paths relative to the
folder). `export_folder` refuses a folder that holds anything else (the database, a thesis, a
symlink, a file added since), so an export never deletes or overwrites what it did not write.
The new files are written and checked in a staging folder first; a failed export changes
nothing. A new folder then appears whole with one rename; an existing one (`--out .` included)
is updated in place, file by file, each file whole, with the manifest listing the old and new
files until the last step, so a run killed mid-way leaves only files the next run may replace.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from annotator.formats.atomic import (
    atomic_file,
    fsync_folder,
    mode_for,
    named_errors,
    require_folder,
)
from annotator.formats.base import FormatError
from annotator.temporaries import STAGING_MARKER, remove_stale_temporaries, temp_prefix

MANIFEST = ".annotator-export"
_STAGING_NAME = "annotator-export"  # staging inside an existing folder: .annotator-export.<pid>…
_SHOWN = 3  # foreign entries named in a refusal


class FolderRefused(FormatError):
    """The folder holds something this export did not write; nothing was changed."""


@contextmanager
def export_folder(path: Path, *, database: Path | None = None) -> Iterator[Path]:
    """Yield an empty staging folder; on success its files become the export in `path`.

    `database` (when given) must not lie inside `path`. Raises FolderRefused before anything is
    written when `path` is not a folder this or an earlier export owns.
    """
    path = Path(path).resolve()  # `--out .` must name the folder, not an empty last part
    require_folder(path.parent)
    if path.exists() and not path.is_dir():
        raise FolderRefused("{path} exists and is not a folder", path=path)
    if database is not None and _holds(path, database):
        raise FolderRefused(
            "{path} holds the database {database}; export into a folder of its own",
            path=path, database=database
        )
    remove_stale_temporaries(path.parent, path.name)  # a killed export's new folder
    existed = path.is_dir()
    if existed:
        for name in (_STAGING_NAME, MANIFEST):  # a killed export's staging, its manifest's
            remove_stale_temporaries(path, name)
        old_files = owned_files(path)
        staging = _staging_folder(path, _STAGING_NAME)
    else:
        old_files = set()
        staging = _staging_folder(path.parent, path.name)
    try:
        (staging / STAGING_MARKER).touch()
        with named_errors(path, staging):
            yield staging
            new_files = _files_under(staging) - {STAGING_MARKER}
            _fsync_tree(staging)
            if existed:
                _replace_owned(path, staging, old_files, new_files)
            else:
                os.chmod(staging, mode_for(path, 0o777))
                with atomic_file(staging / MANIFEST) as stream:
                    stream.write(_manifest_text(new_files))
                (staging / STAGING_MARKER).unlink()  # kept until now: a killed run's is removable
                os.rename(staging, path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    fsync_folder(path.parent)


def _staging_folder(parent: Path, name: str) -> Path:
    return Path(tempfile.mkdtemp(dir=parent, prefix=temp_prefix(name), suffix=".tmp"))


def owned_files(folder: Path) -> set[str]:
    """The files the manifest of `folder` lists; FolderRefused if the folder holds anything
    else, or if the manifest is not one an export wrote."""
    listed = _read_manifest(folder)
    owned_dirs = {str(parent) for f in listed for parent in PurePosixPath(f).parents} - {"."}
    foreign = []
    for root, dirs, files in os.walk(folder):
        here = Path(root).relative_to(folder)
        for name in sorted(dirs) + sorted(files):
            rel = (here / name).as_posix()
            entry = Path(root) / name
            if entry.is_symlink():  # never written by an export: could point anywhere
                foreign.append(rel)
            elif entry.is_dir():
                if rel not in owned_dirs:
                    foreign.append(rel + "/")
            elif rel != MANIFEST and (rel not in listed or not entry.is_file()):
                foreign.append(rel)
        dirs[:] = [d for d in dirs if (here / d).as_posix() in owned_dirs]
    if foreign:
        more = len(foreign) - _SHOWN
        shown = ", ".join(foreign[:_SHOWN]) + (f" and {more} more" if more > 0 else "")
        raise FolderRefused(
            "{folder} holds files this export did not write ({shown}); an export only "
            "replaces its own files: choose a new or empty folder", folder=folder, shown=shown
        )
    return listed


def _read_manifest(folder: Path) -> set[str]:
    manifest = folder / MANIFEST
    if not manifest.exists() and not manifest.is_symlink():
        return set()
    problem = f"{manifest} is not a manifest an export wrote; choose a new or empty folder"
    if manifest.is_symlink() or not manifest.is_file():
        raise FolderRefused(problem)
    try:
        files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        raise FolderRefused(problem) from None
    if not isinstance(files, list) or not all(_confined(f) for f in files):
        raise FolderRefused(problem)
    return set(files)


def _confined(name: object) -> bool:
    """A relative path that stays inside the folder, spelt the one way _files_under spells it."""
    if not isinstance(name, str) or not name or "\\" in name or "\0" in name:
        return False
    parts = name.split("/")
    return all(p not in ("", ".", "..") for p in parts) and name != MANIFEST


def _holds(folder: Path, database: Path) -> bool:
    main = Path(database).resolve()
    return folder == main.parent or folder in main.parents


def _files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir()}


def _manifest_text(files: Iterable[str]) -> str:
    return json.dumps({"written by": "annotator export", "files": sorted(files)}, indent=1) + "\n"


def _replace_owned(path: Path, staging: Path, old: set[str], new: set[str]) -> None:
    with atomic_file(path / MANIFEST) as stream:  # a kill from here on leaves only listed files
        stream.write(_manifest_text(old | new))
    for rel in sorted(old - new):
        (path / rel).unlink(missing_ok=True)
    emptied = {p for rel in old - new for p in PurePosixPath(rel).parents} - {PurePosixPath(".")}
    for folder in sorted(emptied, key=_deepest_first):
        if (path / folder).is_dir() and not any((path / folder).iterdir()):
            (path / folder).rmdir()
    for rel in sorted(new):
        target = path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / rel, target)
    with atomic_file(path / MANIFEST) as stream:
        stream.write(_manifest_text(new))
    shutil.rmtree(staging)  # only its marker and emptied sub-folders are left
    for folder in {(path / rel).parent for rel in new}:
        fsync_folder(folder)


def _deepest_first(folder: PurePosixPath) -> int:
    return -len(folder.parts)


def _fsync_tree(folder: Path) -> None:
    for child in sorted(folder.rglob("*"), reverse=True):  # files before their folders
        if child.is_dir():
            fsync_folder(child)
        else:
            with open(child, "rb") as stream:
                os.fsync(stream.fileno())
    fsync_folder(folder)
