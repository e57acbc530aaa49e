"""Tell Traditional from Simplified pages and convert Traditional ones with OpenCC's t2s
(through `t2s`, which gives OpenCC's output at a fraction of its cost).

Detection reads OpenCC's own character table (TSCharacters): the share of CJK characters that
t2s would change. That costs microseconds per page, where running t2s on every page would cost
milliseconds, so only pages detected as Traditional pay for the conversion.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib import resources

from annotator.cleaning.chars import HAN, is_han
from annotator.cleaning.plane0 import has_astral, plane_0_table
from annotator.cleaning.t2s import t2s
from annotator.model import Script

TRADITIONAL_SHARE = 0.05  # of CJK characters; Simplified pages score ~0, Traditional ones 0.15+
_HAN = re.compile(f"[{HAN}]+")


@cache
def traditional_characters() -> frozenset[str]:
    """Single characters that t2s changes."""
    table = resources.files("opencc").joinpath("dictionary", "TSCharacters.txt")
    chars = set()
    for line in table.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if len(key) == 1 and values.split(" ")[0] != key:
            chars.add(key)
    return frozenset(chars)


def detect_script(text: str) -> Script:
    """Counted in C. First whether any character of the text is one t2s changes (a set
    question: most Simplified pages have none, and stop there). Then, for text without astral
    characters (nearly all), those characters are deleted by one str.translate with a list
    indexed by code point, and the Han ones by a regex: what each removes is its count (a
    Counter of the text cost half as much again, a regex class of OpenCC's ~2,700 characters
    ten times as much). Text with an astral character, out of the list's range: every
    character's count at once."""
    traditional_chars = traditional_characters()
    if traditional_chars.isdisjoint(text):
        return "simplified"
    if not has_astral(text):
        traditional = len(text) - len(text.translate(_deleting_traditional()))
        cjk = len(text) - len(_HAN.sub("", text))
    else:
        counts = Counter(text)
        traditional = sum(n for char, n in counts.items() if char in traditional_chars)
        cjk = sum(n for char, n in counts.items() if is_han(char))
    return "traditional" if traditional >= TRADITIONAL_SHARE * cjk else "simplified"


@cache
def _deleting_traditional() -> list[int | None]:
    """A str.translate table of plane 0: None (delete) for each character t2s changes, the
    character itself for every other."""
    return plane_0_table(dict.fromkeys(map(ord, traditional_characters())))


def to_simplified(text: str) -> str:
    """t2s, keeping the length in code points so offsets stay valid.

    t2s has never been seen to change a length, but if some phrase ever does, that line is
    converted character by character instead, and a character whose conversion would change the
    length is kept as it is.
    """
    converted = t2s(text)
    if len(converted) == len(text):
        return converted
    return "\n".join(_line_to_simplified(line) for line in text.split("\n"))


def _line_to_simplified(line: str) -> str:
    converted = t2s(line)
    if len(converted) == len(line):
        return converted
    return "".join(c if len(c := t2s(char)) == 1 else char for char in line)
