"""Normalize white space without merging lines.

Tabs, NBSP, U+3000 and other wide spaces become plain spaces; runs of spaces inside a line become
one; indentation and trailing spaces go (a text dump's indent is kept in `Block.indent`); `\\r\\n`
and `\\r` become `\\n`; runs of blank lines become one blank line; zero-width characters go.
"""

from __future__ import annotations

import re

from annotator.cleaning.chars import ODD_SPACE
from annotator.cleaning.offsets import Pieces, rewrite
from annotator.model import OffsetMap

_SPACE = f" {ODD_SPACE}"
_INVISIBLE = "\u200b\u2060\ufeff"
# A lone "\n" between two characters that are not white space is left as it is, so it is not
# matched at all (the negative lookahead): most line breaks of a page are such, and each match
# costs a Python call that would give back the same "\n". The "\n" is asked first, the
# character before it then: asked first, the look-behind ran at every character of the text.
_LONE_BREAK = rf"\n(?<=[^{_SPACE}]\n)(?=[^{_SPACE}\r\n{_INVISIBLE}])"
# The first look-ahead names every character a match can start with: the search skips the
# others (nearly all of a page) without trying each branch at each of them, 4x faster.
_WHITESPACE = re.compile(
    rf"(?=[{_SPACE}\r\n{_INVISIBLE}])"
    rf"(?:(?!{_LONE_BREAK})"
    rf"(?P<breaks>[{_SPACE}]*(?:\r\n?|\n)(?:[{_SPACE}{_INVISIBLE}]*(?:\r\n?|\n))*[{_SPACE}]*)"
    rf"|(?P<spaces>[{_SPACE}]{{2,}}|[{ODD_SPACE}])"
    rf"|(?P<invisible>[{_INVISIBLE}]+))"
)
_BREAK = re.compile(r"\r\n?|\n")
_INDENT = re.compile(rf"[{_SPACE}]*")


def normalize_whitespace(text: str) -> tuple[str, OffsetMap]:
    end = len(text)

    def replace(match: re.Match[str]) -> Pieces:
        start, stop = match.span()
        if match.lastgroup == "breaks":
            if start == 0 or stop == end:
                return ()
            # keep one or two line breaks, each standing for a line break of the page
            breaks = list(_BREAK.finditer(match.group()))[:2]
            return tuple(("\n", b.end() - 1) for b in breaks)
        if match.lastgroup == "spaces" and start > 0 and stop < end:
            return ((" ", 0),)
        return ()

    return rewrite(text, _WHITESPACE, replace)


def indent_of(line: str) -> int:
    """Leading white space of a raw line, in characters."""
    match = _INDENT.match(line)
    return match.end() if match else 0
