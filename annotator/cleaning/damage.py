"""Flag stretches of the cleaned text where the page lost characters. Nothing is repaired.

- `lost`: a `?` that stands for a lost character. It is told from a real question mark
  (`能否取代配速员?`) by the orphan pinyin reading that followed it on the page (see pinyin.py).
  Garbage the same accident left right after it (`天津?嵺`取得`, `当?刂攸c产`) and a
  neighbouring lost `?` (`日??`, `当?貎?势`) join the same stretch.
- `suspect`: a bare `?` between two CJK characters with no orphan reading after it, in a
  clause with no interrogative word. Chinese text writes questions with `？`, and a clause that
  asks (`…是什么因素决定的?日前`) names what it asks about; one that does not (`新疆日?报`) most
  likely lost a character. Flagged for a person to look at, since nothing proves it.
- `replacement`: U+FFFD, from the page itself or from bytes that did not decode.
- `mojibake`: UTF-8 read as Latin-1/cp1252 (`ä¸­å›½`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from annotator.cleaning.chars import HAN
from annotator.model import Damage

# Up to two stray characters ending in an ASCII letter or backtick wedged before a CJK character.
_GARBAGE_AFTER_LOST = re.compile(rf"[{HAN}]{{0,2}}[`A-Za-z](?=[{HAN}])")
_MERGE_GAP = 1  # a lost stretch this close to the next one is one stretch (`?貎?`)
_NO_MERGE_GAP = re.compile(r"[\s.,;:!?。，；：！？、)）]")
# the `?` first, the character before it then: a look-behind first ran at every character
_BARE_QUESTION = re.compile(rf"\?(?<=[{HAN}]\?)(?=[{HAN}])")
_CLAUSE_START = re.compile(r"[\n。!?！？；;,，:：、“”\"]")
_INTERROGATIVE = re.compile(
    "吗|呢|什么|怎|为何|如何|何时|何地|何处|何种|哪|谁|几|多少|是否|能否|可否|是不是|有没有|难道|岂"
)
_REPLACEMENT = re.compile("\ufffd+")
_UTF8_CONTINUATION = (
    "\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
# the lookahead names the characters a match starts with, so the scan passes over the rest in
# C without entering the repeated group at each one (0.12 -> 0.05 ms a seed page)
_MOJIBAKE = re.compile(
    r"(?=[\u00c2-\u00ef])"
    rf"(?:[\u00c2-\u00df][{_UTF8_CONTINUATION}]|[\u00e0-\u00ef][{_UTF8_CONTINUATION}]{{2}}){{2,}}"
)


def find_damage(text: str, lost_marks: Iterable[int] = ()) -> tuple[Damage, ...]:
    """Damage spans of `text`, sorted; `lost_marks` are positions of `?` known to be lost."""
    lost = _merge_lost(text, [_lost_stretch(text, pos) for pos in sorted(lost_marks)])
    found = [Damage(start, end, "lost") for start, end in lost]
    found += [
        Damage(pos, pos + 1, "suspect")
        for pos in _unexplained_question_marks(text)
        if not any(start <= pos < end for start, end in lost)
    ]
    if "\ufffd" in text:  # a str search, far faster than the regex over a page without one
        found += [Damage(*m.span(), "replacement") for m in _REPLACEMENT.finditer(text)]
    found += [Damage(*m.span(), "mojibake") for m in _MOJIBAKE.finditer(text)]
    return tuple(sorted(found, key=lambda d: (d.start, d.end)))


def _unexplained_question_marks(text: str) -> Iterable[int]:
    """Positions of bare `?` between CJK characters that end no question."""
    for mark in _BARE_QUESTION.finditer(text):
        pos = mark.start()
        clause_start = max(
            (m.end() for m in _CLAUSE_START.finditer(text, max(0, pos - 80), pos)), default=0
        )
        if not _INTERROGATIVE.search(text, max(clause_start, pos - 80), pos):
            yield pos


def _lost_stretch(text: str, pos: int) -> tuple[int, int]:
    garbage = _GARBAGE_AFTER_LOST.match(text, pos + 1)
    return pos, garbage.end() if garbage else pos + 1


def _merge_lost(text: str, stretches: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in stretches:
        if merged:
            previous_start, previous_end = merged[-1]
            gap = text[previous_end:start]
            if len(gap) <= _MERGE_GAP and not _NO_MERGE_GAP.search(gap):
                merged[-1] = (previous_start, max(previous_end, end))
                continue
        merged.append((start, end))
    return merged
