"""Argparse types for counts, so every command that takes one (`--jobs`, `--max-bytes`) refuses
the same bad values with the same message."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def positive(what: str) -> Callable[[str], int]:
    """An argparse type: a whole number above 0, else a usage error naming `what` and the text
    given. 0 or less would start no worker, or refuse every page (a negative read size reads
    all); silently taking 1 or the default instead would hide the mistake."""

    def parse(text: str) -> int:
        try:
            count = int(text)
        except ValueError:
            count = 0
        if count < 1:
            raise argparse.ArgumentTypeError(f"expected {what} above 0, not {text!r}")
        return count

    return parse
