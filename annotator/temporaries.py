"""Temporary files beside their target, named so that a later run can clean up after a killed one.

A temporary is `.<target name>.<pid>.<random>.tmp` in the target's folder (same file system, so
the final rename is atomic). A writer killed mid-write (SIGKILL, power cut) cannot remove its
own; the next writer into the folder removes those whose process no longer runs, and leaves the
ones of a writer still at work alone.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from pathlib import Path

STAGING_MARKER = ".annotator-staging"  # first file of a staging folder: it is ours to remove


def temp_prefix(name: str) -> str:
    """`.<name>.<pid>.`: the pid tells a later run whether the writer is still alive."""
    return f".{name}.{os.getpid()}."


def temporary_beside(target: Path) -> Path:
    """A fresh temporary name for a file that will become `target` (not created here)."""
    return target.with_name(f"{temp_prefix(target.name)}{secrets.token_hex(6)}.tmp")


def remove_stale_temporaries(folder: Path, name: str | None = None) -> None:
    """Remove what writers of `folder/name` (of any file in `folder` when `name` is None) left
    when they were killed: temporaries of a process that no longer runs. Folders only when they
    still carry the staging marker a writer puts in first (or are empty)."""
    target = re.escape(name) if name is not None else r".+"
    pattern = re.compile(rf"\.{target}\.(\d+)\.[A-Za-z0-9_]+\.tmp")
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or _alive(int(match.group(1))):
            continue
        stale = Path(entry.path)
        if entry.is_symlink() or not entry.is_dir():
            stale.unlink(missing_ok=True)
        elif not any(stale.iterdir()):
            stale.rmdir()
        elif (stale / STAGING_MARKER).is_file():
            shutil.rmtree(stale, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or cannot tell: leave its files alone
    return True
