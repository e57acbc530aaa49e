"""`annotator bench real-import`: the whole import (read, clean, suggest, store) of real HTML pages,
in one process and with --jobs worker processes, against trafilatura's `extract` on the same
pages, all in one run so each ratio's two sides see the same machine.

The 42 real pages (/work/shared/real-pages/gne) are repeated to --pages with distinct bytes:
copy k > 0 carries a marker at the start of every <p> and in the <title>, so ids differ and the
body lines of a copy are its own (the corpus statistics would otherwise call a whole repeated
page furniture), while navigation outside <p> repeats across copies, as an outlet's does.
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from annotator.bench.suggest import PAGES

_P_OPEN = re.compile(rb"(<p(?:\s[^>]*)?>)", re.IGNORECASE)
_TITLE_OPEN = re.compile(rb"(<title[^>]*>)", re.IGNORECASE)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "real-import", help="real pages: clean+suggest+store, 1 and N processes, vs trafilatura"
    )
    parser.add_argument("--pages", type=int, default=126, help="pages (the 42 real ones repeated)")
    parser.add_argument("--source", type=Path, default=PAGES, help="folder of real HTML pages")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of the second run")
    parser.add_argument("--rounds", type=int, default=2, help="best of this many runs per side")
    parser.set_defaults(run=run)


def copy_page(data: bytes, copy: int) -> bytes:
    """The page as copy number `copy` (0: unchanged)."""
    if copy == 0:
        return data
    marker = f"〔{copy}〕".encode()
    data = _P_OPEN.sub(lambda m: m.group(1) + marker, data)
    data = _TITLE_OPEN.sub(lambda m: m.group(1) + marker, data, count=1)
    return data + f"\n<!-- copy {copy} -->\n".encode()


def write_pages(source: Path, folder: Path, count: int) -> list[Path]:
    originals = sorted(p for p in source.iterdir() if p.suffix == ".html")
    written = []
    for number in range(count):
        original = originals[number % len(originals)]
        path = folder / f"{number:04d}_{original.name}"
        path.write_bytes(copy_page(original.read_bytes(), number // len(originals)))
        written.append(path)
    return written


def import_seconds(folder: Path, jobs: int) -> tuple[float, int, int]:
    """Seconds of the whole `annotator import` work into a fresh database (what its `run`
    does: import in batches, then the suggestions), articles stored, database bytes."""
    from annotator.importing import import_paths, officials_finds_spec
    from annotator.store import Store
    from annotator.suggest.run import suggest_corpus

    with tempfile.TemporaryDirectory() as where:
        db = Path(where) / "bench.db"
        started = time.perf_counter()
        with Store.open(db) as store:
            ids: list[str] = []
            finds = officials_finds_spec(store)  # as `annotator import` does when it suggests
            import_paths(
                store,
                [folder],
                on_imported=ids.extend,
                jobs=jobs,
                start_method="fork",
                finds=finds,
            )
            suggest_corpus(store, article_ids=ids, jobs=jobs, start_method="fork")
            count = store.count_articles()
        seconds = time.perf_counter() - started
        size = sum(p.stat().st_size for p in Path(where).iterdir())
    return seconds, count, size


def extract_seconds(files: list[Path]) -> float:
    import trafilatura

    started = time.perf_counter()
    for path in files:
        trafilatura.extract(path.read_bytes().decode("utf-8", "replace"))
    return time.perf_counter() - started


def _spin(_: object) -> Callable[[int], int]:
    def spin(count: int) -> int:
        total = 0
        for number in range(count):
            total += number * number
        return total

    return spin


def cpu_parallelism(jobs: int, pieces: int = 8, size: int = 2_000_000) -> float:
    """How much faster `jobs` processes run a pure-CPU loop than one, now: what the machine
    (and whoever else is on it) leaves for --jobs to gain."""
    from annotator.pool import ordered_map

    seconds = []
    for count in (1, jobs):
        started = time.perf_counter()
        list(ordered_map(_spin, (None,), [size] * pieces, jobs=count, start_method="fork"))
        seconds.append(time.perf_counter() - started)
    return seconds[0] / seconds[1]


def _best(rounds: int, measure: Callable[[], float]) -> float:
    return min(measure() for _ in range(max(rounds, 1)))


def run(args: argparse.Namespace) -> int:
    if not args.source.is_dir():
        print(f"skipped: {args.source} is missing")
        return 0
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        print("skipped: trafilatura is not installed (pip install -e '.[dev]')")
        return 0
    with tempfile.TemporaryDirectory() as where:
        folder = Path(where)
        files = write_pages(args.source, folder, args.pages)
        theirs = _best(args.rounds, lambda: extract_seconds(files))
        one, count, size = min(import_seconds(folder, 1) for _ in range(max(args.rounds, 1)))
        many = _best(args.rounds, lambda: import_seconds(folder, args.jobs)[0])
        spare = cpu_parallelism(args.jobs)
    pages = len(files)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"real-import: {pages} real HTML pages ({count} articles stored), best of {args.rounds}")
    print(f"  trafilatura extract, one process: {pages / theirs:7.1f} pages/s ({theirs:.2f} s)")
    print(f"  annotator clean+suggest+store, 1 process: {pages / one:7.1f} pages/s ({one:.2f} s)")
    print(
        f"  annotator clean+suggest+store, --jobs {args.jobs}: {pages / many:7.1f} pages/s "
        f"({many:.2f} s)"
    )
    print(f"  annotator / trafilatura, one process: {theirs / one:.2f}x (target >= 2x)")
    print(f"  --jobs {args.jobs} / one process: {one / many:.2f}x (target >= 1.7x on 2 cores)")
    print(f"  a pure-CPU loop in {args.jobs} processes / one, just after: {spare:.2f}x")
    print(f"  database: {size / max(count, 1):,.0f} bytes per article")
    print(f"  load average (1, 5, 15 min): {load}; cores: {os.cpu_count()}")
    return 0
