"""Making a file or folder read-only for a test, also when the tests run as root (which ignores
permission bits): `chattr +i` where the file system allows it."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def run_quiet(*command: str) -> bool:
    return subprocess.run(command, capture_output=True).returncode == 0


@contextmanager
def immutable(path: Path) -> Iterator[None]:
    """`path` cannot be written, even by root: `chattr +i`, else (not root) permission bits."""
    if run_quiet("chattr", "+i", str(path)):
        try:
            yield
        finally:
            run_quiet("chattr", "-i", str(path))
    elif os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
    else:
        pytest.skip("running as root on a file system without chattr: cannot make it read-only")
