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
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
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
    # five: on a shared 2-core machine a neighbour's work slows some rounds by half, and the
    # median of five rounds' ratios is far steadier than that of three
    parser.add_argument(
        "--rounds", type=int, default=5, help="rounds: each side's best speed, each ratio's median"
    )
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


@dataclass(frozen=True, slots=True)
class Timing:
    wall: float  # seconds on the clock
    cpu: float  # CPU seconds of this process and of the worker processes it waited for


def _cpu_now() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # workers, once reaped
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(work: Callable[[], object]) -> Timing:
    wall, cpu = time.perf_counter(), _cpu_now()
    work()
    return Timing(time.perf_counter() - wall, _cpu_now() - cpu)


def import_pages(folder: Path, jobs: int) -> tuple[Timing, int, int]:
    """The whole `annotator import` work into a fresh database (what its `run` does: import
    in batches, its workers tagging officials too, then the suggestions), timed; articles
    stored; database bytes."""
    from annotator.importing import import_paths, officials_finds_spec
    from annotator.store import Store
    from annotator.suggest.run import suggest_corpus

    with tempfile.TemporaryDirectory() as where:
        db = Path(where) / "bench.db"

        def work() -> None:
            with Store.open(db) as store:
                ids: list[str] = []
                finds = officials_finds_spec(store)  # as `annotator import` does to suggest
                import_paths(
                    store,
                    [folder],
                    on_imported=ids.extend,
                    jobs=jobs,
                    start_method="fork",
                    finds=finds,
                )
                suggest_corpus(store, article_ids=ids, jobs=jobs, start_method="fork")

        timing = _timed(work)
        with Store.open(db) as store:
            count = store.count_articles()
        size = sum(p.stat().st_size for p in Path(where).iterdir())
    return timing, count, size


def extract_pages(files: list[Path]) -> Timing:
    import trafilatura

    def work() -> None:
        for path in files:
            trafilatura.extract(path.read_bytes().decode("utf-8", "replace"))

    return _timed(work)


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


def _spread(ratios: list[float]) -> str:
    return f"{statistics.median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f})"


def _best(timings: list[Timing]) -> Timing:
    return Timing(min(t.wall for t in timings), min(t.cpu for t in timings))


def run(args: argparse.Namespace) -> int:
    if not args.source.is_dir():
        print(f"skipped: {args.source} is missing")
        return 0
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        print("skipped: trafilatura is not installed (pip install -e '.[dev]')")
        return 0
    rounds = max(args.rounds, 1)
    print(f"real-import: {args.pages} real HTML pages, {rounds} rounds (load: 1-minute average)")
    with tempfile.TemporaryDirectory() as where:
        folder = Path(where)
        files = write_pages(args.source, folder, args.pages)
        theirs, ones, manies, spares = [], [], [], []
        # interleaved: each side sees the machine the others saw; each round printed with the
        # load, as other processes on the machine change the figures
        for number in range(1, rounds + 1):
            theirs.append(extract_pages(files))
            one, count, size = import_pages(folder, 1)
            ones.append(one)
            manies.append(import_pages(folder, args.jobs)[0])
            # what the machine gave N processes just then: a neighbour on the host takes a
            # share of the second core that varies from round to round (a loop gained 1.2x-1.9x)
            spares.append(cpu_parallelism(args.jobs))
            print(
                f"  round {number}: annotator / trafilatura {theirs[-1].wall / one.wall:.2f}x "
                f"({theirs[-1].cpu / one.cpu:.2f}x in CPU time), --jobs {args.jobs} / one "
                f"process {one.wall / manies[-1].wall:.2f}x, a pure-CPU loop "
                f"{spares[-1]:.2f}x (load {os.getloadavg()[0]:.2f})"
            )
    them, one, many = _best(theirs), _best(ones), _best(manies)
    pages = len(files)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"best of {rounds} ({count} articles stored):")
    for name, timing in (
        ("trafilatura extract, one process", them),
        ("annotator clean+suggest+store, 1 process", one),
        (f"annotator clean+suggest+store, --jobs {args.jobs}", many),
    ):
        print(
            f"  {name}: {pages / timing.wall:7.1f} pages/s ({timing.wall:.2f} s; "
            f"{timing.cpu:.2f} CPU s)"
        )
    # Each ratio is taken within a round, whose sides ran one after the other, and summed up by
    # the median of the rounds: this machine's speed drifts by a third over minutes, so a ratio
    # of each side's best pairs moments apart and read 2.6x and 1.6x three minutes apart.
    versus = [t.wall / o.wall for t, o in zip(theirs, ones, strict=True)]
    versus_cpu = [t.cpu / o.cpu for t, o in zip(theirs, ones, strict=True)]
    parallel = [o.wall / m.wall for o, m in zip(ones, manies, strict=True)]
    print(f"ratios within each round, median of {rounds} (lowest-highest):")
    print(
        f"  annotator / trafilatura, one process: {_spread(versus)} on the clock, "
        f"{_spread(versus_cpu)} in CPU time (target >= 2x)"
    )
    print(f"  --jobs {args.jobs} / one process: {_spread(parallel)} (target >= 1.7x on 2 cores)")
    print(f"  a pure-CPU loop in {args.jobs} processes / one, same rounds: {_spread(spares)}")
    print(f"  database: {size / max(count, 1):,.0f} bytes per article")
    print(f"  load average (1, 5, 15 min): {load}; cores: {os.cpu_count()}")
    return 0
