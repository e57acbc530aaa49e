"""A progress line on stderr for long commands: done/total, items per second and the time left."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

QUIET_BELOW = 50  # items: fewer, and no terminal to redraw on, draw nothing
EVERY_SECONDS = 0.5  # redraw at most this often (a line per item would cost more than the item)


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"


class ProgressLine:
    """Call with (done, total); redrawn in place, finished with a newline when done == total."""

    def __init__(
        self,
        what: str,
        unit: str,
        *,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.what, self.unit = what, unit
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.started = clock()
        self.drawn_at: float | None = None
        self.open = False  # a line was drawn and not yet ended

    def __call__(self, done: int, total: int) -> None:
        if total < QUIET_BELOW and not self.stream.isatty():
            return  # a log of a small run needs no progress
        now = self.clock()
        if done < total and self.drawn_at is not None and now - self.drawn_at < EVERY_SECONDS:
            return
        self.drawn_at = now
        elapsed = max(now - self.started, 1e-9)
        rate = done / elapsed
        left = f", {_clock((total - done) / rate)} left" if 0 < done < total else ""
        print(
            f"\r{self.what} {done}/{total}, {rate:.1f} {self.unit}/s{left}   ",
            end="",
            file=self.stream,
            flush=True,
        )
        self.open = done < total
        if not self.open:
            print(file=self.stream)

    def end(self) -> None:
        """End a line cut short (an interruption), so the next message starts on its own."""
        if self.open:
            print(file=self.stream)
            self.open = False
