"""`ordered_map`: a function over many items in worker processes, results in input order, with a
bounded number of items in flight (memory stays flat however many items there are).

The caller (one writer) consumes results as they come and commits them in batches. With one
job nothing is spawned: the work runs in this process, lazily, item by item.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from annotator.allocator import keep_freed_memory

T = TypeVar("T")
R = TypeVar("R")

# Items per task sent to a worker. The pool's feeder and result threads in this process need
# the GIL for every task, and the writer holds it while it works (decoding, pickling, SQL): a
# thread waits up to the switch interval (5 ms) for it, so one item a task left workers idle.
CHUNK = 4
# Items a worker has queued. The writer pulls results (and so hands out work) only between its
# commits, and a commit of a batch of articles takes a few hundred milliseconds (the search
# index): a worker must have that much work queued or it idles. With two tasks each, the two
# workers of `import --jobs 2` were busy 85 % of their time on the real pages; with eight, 93 %.
# Still a constant, so memory stays flat however many items there are.
IN_FLIGHT_PER_JOB = 8 * CHUNK
# Items a caller should hold before it writes them while waiting (see write_while_waiting):
# fewer means a commit, and a sync to disk, for every task; with this many, the batch written
# alone after the workers are done is a few items, not a whole batch (65 ms of 1.6 s on the real
# pages' bench).
MIN_IDLE_BATCH = 8


def default_jobs() -> int:
    """The cores this process may run on (a container or taskset may allow fewer than exist)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# The function a worker process applies, set once per worker: built by the writer before
# forking (`_worker_use`: every worker inherits it, models and lexicons loaded once in all), or
# by each worker when it is not forked (`_worker_start`: its arguments, e.g. the corpus
# statistics, cross to each worker once, not with every item).
_worker_function: Callable[[Any], Any] | None = None


def _worker_use(function: Callable[[Any], Any]) -> None:
    global _worker_function  # one per worker process, never set in the writer
    # Ctrl+C reaches the whole process group: the writer decides what to keep and stops the
    # workers; a worker that died of it would only print a traceback per process.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_function = function


def _worker_start(make: Callable[..., Callable[[Any], Any]], args: tuple[Any, ...]) -> None:
    keep_freed_memory()  # a forked worker inherits the writer's settings; this one starts afresh
    _worker_use(make(*args))


def _apply(items: list[Any]) -> tuple[list[Any], BaseException | None]:
    """The function over one task's items, in order; stops at the first item that raises and
    returns what came before it with the exception (raised by the caller at that item)."""
    assert _worker_function is not None, "_worker_start did not run"
    results = []
    for item in items:
        try:
            results.append(_worker_function(item))
        except Exception as error:
            return results, error
    return results, None


def write_while_waiting(held: Callable[[], int], write: Callable[[], None]) -> Callable[[], None]:
    """An `idle` for ordered_map: `write` what the caller holds once it holds (`held`) at least
    MIN_IDLE_BATCH items, whenever it would otherwise wait for the workers."""

    def idle() -> None:
        if held() >= MIN_IDLE_BATCH:
            write()

    return idle


def _chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _outcome(
    future: Future[tuple[list[Any], BaseException | None]], idle: Callable[[], None] | None
) -> Iterator[Any]:
    if idle is not None and not future.done():
        idle()  # see ordered_map
    results, error = future.result()
    yield from results
    if error is not None:
        raise error


@contextmanager
def _frozen_heap(forking: bool) -> Iterator[None]:
    """While workers are forked: the objects this process holds are moved out of the
    collector's reach (gc.freeze, as Python's gc documentation advises before a fork), in the
    workers for good. A forked worker's collections would otherwise walk all of them, the models
    and lexicons included, writing to every page it shares with this process and so copying
    it: about 1 % of the instructions of `import --jobs 2`, and memory. This process gets them
    back at once: a freeze held while the workers run would outlive an abandoned map."""
    if not forking or gc.get_freeze_count():  # frozen by someone else: theirs to undo
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def ordered_map(
    make: Callable[..., Callable[[T], R]],
    args: tuple[Any, ...],
    items: Iterable[T],
    *,
    jobs: int,
    start_method: str | None = None,
    idle: Callable[[], None] | None = None,
) -> Iterator[R]:
    """`map(make(*args), items)` over `jobs` processes. Forked workers inherit the function
    `make(*args)` built here once; other workers build their own, so `make` must be module-level
    (it is pickled, with `args`, once per worker). An exception of the function is raised here,
    at its item. `start_method`: "fork" is fastest; a process that runs threads (the window) must
    not fork, and passes "forkserver" or "spawn". `idle` is called here, between two results,
    whenever the next one is not ready yet (never with one job): the caller's chance to write
    what it holds while the workers work, rather than all of it once they are done."""
    if jobs <= 1:
        yield from map(make(*args), items)
        return
    if start_method not in multiprocessing.get_all_start_methods():
        start_method = None  # e.g. no fork on Windows: the platform's default
    context = multiprocessing.get_context(start_method)
    start: tuple[Callable[..., None], tuple[Any, ...]] = (_worker_start, (make, args))
    forking = context.get_start_method() == "fork"
    if forking:  # a forked worker inherits it: nothing pickled
        start = (_worker_use, (make(*args),))
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=start[0], initargs=start[1]
    ) as pool:
        pending: deque[Future[Any]] = deque()
        try:
            for chunk in _chunked(items, CHUNK):
                with _frozen_heap(forking and not pending):  # the first submit forks them all
                    pending.append(pool.submit(_apply, chunk))
                if len(pending) * CHUNK >= jobs * IN_FLIGHT_PER_JOB:
                    yield from _outcome(pending.popleft(), idle)
            while pending:
                yield from _outcome(pending.popleft(), idle)
        finally:  # interrupted or abandoned: drop the queued work, do not wait for it
            for future in pending:
                future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
