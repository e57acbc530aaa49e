"""Benchmark databases built once into the temp folder and kept: building one is not what a
benchmark times, and a second run should not pay for it again."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def cached_database(name: str, build: Callable[[Path], None]) -> Path:
    """`<temp>/<name>.db`, made by `build(path)` unless a finished one is there (a `.ready`
    marker beside it says the build ran to its end; a half-built file is made again)."""
    path = Path(tempfile.gettempdir()) / f"{name}.db"
    ready = path.with_suffix(".ready")
    if path.exists() and ready.exists():
        return path
    for stale in (path, ready):
        stale.unlink(missing_ok=True)
    started = time.perf_counter()
    build(path)
    ready.write_text("ok")
    print(f"built {path} in {time.perf_counter() - started:.1f} s")
    return path
