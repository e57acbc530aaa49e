"""Write a file so that readers see the old one or the whole new one, never half.

The new content goes to a temporary name in the same folder (same file system), is fsynced, and
is moved over the target with os.replace; on any error the temporary is removed and the target
is untouched. The result gets the permissions a plain write would give it (the target's own
when it exists, else what the umask allows): tempfile makes its files for the owner alone, and
an export a training job running as another user cannot read is no export.

Temporaries are named by annotator.temporaries, so a later write to the same target can tell
the leftovers of a killed writer (its process is gone) from a writer still at work, and remove
them. Errors name the target, never the temporary. Folders: see owned_folder.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from annotator.temporaries import remove_stale_temporaries, temp_prefix


@contextmanager
def atomic_file(path: Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """Yield a stream that becomes `path` on success: UTF-8 text with newlines written as
    given, or bytes. Errors name `path`, never the temporary."""
    path = Path(path)
    require_folder(path.parent)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder; name a file to write", str(path))
    remove_stale_temporaries(path.parent, path.name)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path.name), suffix=".tmp")
    os.chmod(temp_name, mode_for(path, 0o666))
    text_options = {} if binary else {"encoding": "utf-8", "newline": ""}
    try:
        with named_errors(path, Path(temp_name)):
            with open(fd, "wb" if binary else "w", **text_options) as stream:
                yield stream
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


@contextmanager
def named_errors(target: Path, temporary: Path) -> Iterator[None]:
    """An OSError about `temporary` (or about no file: a full disk) is reported as being about
    `target`, the path the person chose: `.out.jsonl.4711.x8fh.tmp` names nothing they know."""
    try:
        yield
    except OSError as error:
        if error.errno is None or not _about(error, temporary):
            raise
        raise type(error)(error.errno, error.strerror, str(target)) from None


def _about(error: OSError, temporary: Path) -> bool:
    names = [n for n in (error.filename, error.filename2) if n is not None]
    inside = str(temporary) + os.sep
    return not names or any(str(n) == str(temporary) or str(n).startswith(inside) for n in names)


def mode_for(target: Path, full: int) -> int:
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


def fsync_folder(folder: Path) -> None:
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


def require_folder(folder: Path) -> None:
    """Name the missing folder, not the temporary file that could not be made in it."""
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder to write into", str(folder))
