"""The allocator keeps freed memory for the next page (annotator.allocator): what one page's
cleaning holds (many blocks, its strings and tree) is freed before the next, and the next reuses
that memory instead of faulting it in again. Counted in page faults, which the kernel counts
exactly, never in time."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.allocator import is_glibc, keep_freed_memory

pytestmark = pytest.mark.skipif(not is_glibc(), reason="mallopt's thresholds are glibc's")

BLOCK = 2048  # bytes: above Python's own small-object allocator, so from malloc
BLOCKS = 2048  # 4 MB in all: a large page's strings and tree are of this order
ROUNDS = 30
PAGES_HELD = BLOCK * BLOCKS // resource.getpagesize()  # what one round touches


def page_faults_of_buffers(count: int = ROUNDS) -> int:
    """Page faults while `count` times BLOCKS blocks are made (zeroed: every page touched), held
    together and then freed, as a page's cleaning does."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(count):
        held = [bytearray(BLOCK) for _ in range(BLOCKS)]
        del held
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


_CHILD = """
import contextlib, io, sys
from annotator.allocator import keep_freed_memory
from annotator.cli import main
from test_allocator import page_faults_of_buffers
if sys.argv[1] == "kept":
    assert keep_freed_memory()
elif sys.argv[1] == "command":  # what `annotator --help` set up
    with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):
        main(["--help"])
page_faults_of_buffers(1)  # the first round faults in either case
print(page_faults_of_buffers())
"""


def _faults_in_a_new_process(mode: str) -> int:
    here = str(Path(__file__).parent)  # this module, for the child to import
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, mode],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": here},
    )
    return int(done.stdout.split()[-1])


def test_freed_memory_is_reused_instead_of_faulted_in_again() -> None:
    returned = _faults_in_a_new_process("default")
    kept = _faults_in_a_new_process("kept")
    # by default glibc trims the freed top of its heap each round, and every round faults again
    assert returned >= ROUNDS * PAGES_HELD // 2
    assert kept < PAGES_HELD  # less than one round's pages in all thirty rounds


def test_every_command_keeps_freed_memory() -> None:
    assert _faults_in_a_new_process("command") < PAGES_HELD


def test_the_thresholds_can_be_set_again() -> None:
    """The command line sets them on start and a worker that is not forked sets them again."""
    assert keep_freed_memory()
    assert keep_freed_memory()


def _faults_of_buffers_in_worker(_: object):  # noqa: ANN202 - a worker's function factory
    def faults(_item: int) -> int:
        page_faults_of_buffers(1)
        return page_faults_of_buffers()

    return faults


@pytest.mark.slow
def test_workers_that_are_not_forked_keep_freed_memory_too() -> None:
    """A spawned worker (the window's import) starts with glibc's defaults: pool sets them."""
    from annotator.pool import ordered_map

    faults = list(
        ordered_map(_faults_of_buffers_in_worker, (None,), range(4), jobs=2, start_method="spawn")
    )
    assert len(faults) == 4
    assert max(faults) < PAGES_HELD
