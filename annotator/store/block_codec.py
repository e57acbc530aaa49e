"""The `blocks` column: the layout evidence of every line, stored in a size that follows the text.

The cleaner makes one block per non-blank line, so a block's start and end are the line's and
need not be stored: the column holds runs of lines with the same evidence,
`{"paths": [tag path, …], "runs": [[lines, path index, link density, in list, heading,
indent], …]}`. A page of 20,000 one-word lines nested 20,000 deep stored 1.6 MB of blocks for
150 kB of text this way before; it stores one run now. Blocks that are not one per non-blank
line (an older cleaner, an article made by hand) are stored as the explicit list
`[[start, end, path, density, in_list, heading, indent], …]`, which is also what databases
written before hold; both forms are read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from annotator.model import Block

# a whole line (between newlines) with a character that is not white space: greedy on both
# sides, so a match starts where its line starts and ends where it ends. `\S` is the complement
# of what str.strip() removes (both ask Unicode's white space), so these are the lines whose
# strip() is not empty.
_NON_BLANK_LINE = re.compile(r"[^\n]*\S[^\n]*")


def non_blank_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of `text` holding more than white space (found in C: every
    article's blocks are checked against them when written and read). Part of the stored
    format: never change what counts as blank here."""
    return [found.span() for found in _NON_BLANK_LINE.finditer(text)]


def encode_blocks(blocks: Sequence[Block], text: str) -> Any:
    """The JSON value of the column for `blocks` of `text`."""
    if [(b.start, b.end) for b in blocks] != non_blank_lines(text):
        return [
            [b.start, b.end, b.tag_path, b.link_density, int(b.in_list), int(b.heading), b.indent]
            for b in blocks
        ]
    paths: dict[str, int] = {}
    runs: list[list[Any]] = []
    for b in blocks:
        evidence = [
            paths.setdefault(b.tag_path, len(paths)),
            b.link_density,
            int(b.in_list),
            int(b.heading),
            b.indent,
        ]
        if runs and runs[-1][1:] == evidence:
            runs[-1][0] += 1
        else:
            runs.append([1, *evidence])
    return {"paths": list(paths), "runs": runs}


def decode_blocks(data: Any, text: str) -> tuple[Block, ...]:
    """The blocks of a column value; ValueError for one annotator never writes."""
    if isinstance(data, list):
        return tuple(_explicit(item) for item in data)
    if not isinstance(data, dict) or set(data) != {"paths", "runs"}:
        raise ValueError("blocks are a list or {paths, runs}")
    paths, runs = data["paths"], data["runs"]
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise ValueError("block paths are texts")
    lines = iter(non_blank_lines(text))
    found = []
    for run in runs if isinstance(runs, list) else [None]:
        if not isinstance(run, list) or len(run) != 6:
            raise ValueError("a run of blocks has six fields")
        count, path, density, in_list, heading, indent = run
        _check_ints([count, path, in_list, heading, indent])
        if count < 1 or not 0 <= path < len(paths) or not _is_number(density):
            raise ValueError("a run of blocks names no line or no path")
        for _ in range(count):
            start, end = next(lines, (None, None))
            if start is None or end is None:
                raise ValueError("runs of blocks cover more lines than the text has")
            found.append(
                Block(start, end, paths[path], density, bool(in_list), bool(heading), indent)
            )
    if next(lines, None) is not None:
        raise ValueError("runs of blocks cover fewer lines than the text has")
    return tuple(found)


def _explicit(item: Any) -> Block:
    if not isinstance(item, list) or len(item) != 7:
        raise ValueError("a block has seven fields")
    start, end, path, density, in_list, heading, indent = item
    _check_ints([start, end, in_list, heading, indent])
    if not isinstance(path, str) or not _is_number(density):
        raise ValueError("a block's tag path is text, its link density a number")
    return Block(start, end, path, density, bool(in_list), bool(heading), indent)


def _check_ints(values: list[Any]) -> None:
    if set(map(type, values)) != {int}:  # in C: asked of every run of every article read
        raise ValueError("expected integers")


def _is_number(value: Any) -> bool:
    return type(value) in (int, float)
