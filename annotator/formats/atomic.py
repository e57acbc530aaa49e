"""Write a file or a folder so that readers see the old one or the whole new one, never half.

The new content goes to a temporary name in the same folder (same file system), is fsynced, and
is moved over the target with os.replace; on any error the temporary is removed and the target
is untouched. The result gets the permissions a plain write would give it (the target's own
when it exists, else what the umask allows): tempfile makes its files for the owner alone, and
an export a training job running as another user cannot read is no export.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_file(path: Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """Yield a stream that becomes `path` on success: UTF-8 text with newlines written as
    given, or bytes."""
    path = Path(path)
    _require_folder(path.parent)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.chmod(temp_name, _mode_for(path, 0o666))
    text_options = {} if binary else {"encoding": "utf-8", "newline": ""}
    try:
        with open(fd, "wb" if binary else "w", **text_options) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


@contextmanager
def atomic_folder(path: Path) -> Iterator[Path]:
    """Yield an empty temporary folder that replaces the folder `path` on success.

    Files written into it should be closed by the caller; they are fsynced here. An existing
    `path` is moved aside first and deleted only after the new folder is in place.
    """
    path = Path(path)
    _require_folder(path.parent)
    if path.exists() and not path.is_dir():
        raise FileExistsError(f"{path} exists and is not a folder")
    temp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    os.chmod(temp, _mode_for(path, 0o777))
    try:
        yield temp
        for child in sorted(temp.rglob("*"), reverse=True):  # files before their folders
            if child.is_dir():
                _fsync_folder(child)
            else:
                with open(child, "rb") as stream:
                    os.fsync(stream.fileno())
        _fsync_folder(temp)
        old = None
        if path.exists():
            old = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".old"))
            os.replace(path, old / path.name)
        os.replace(temp, path)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    _fsync_folder(path.parent)


def _mode_for(target: Path, full: int) -> int:
    """The target's permissions when it exists, else `full` less the process's umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return full & ~_umask()


def _umask() -> int:
    # Linux tells the umask without changing it; elsewhere set and restore it at once
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _require_folder(folder: Path) -> None:
    """Name the missing folder, not the temporary file that could not be made in it."""
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder to write into", str(folder))
