"""OpenCC's t2s, the same output many times faster.

opencc-python-reimplemented (our reference; the C++ `opencc` package cannot be installed beside
it) spends a Traditional page's milliseconds trying every substring length at every position.
Its result is fully determined by three rules, which this module follows with cheaper means:

1. The text is cut at OpenCC's sentence separators; separators are kept as they are.
2. In each piece, phrases (TSPhrases) are chosen longest first, leftmost among equals, and the
   search goes on in the parts left and right of each choice (never across it).
3. Every character outside a chosen phrase is mapped by TSCharacters; for an entry with several
   values, the first one.

No phrase holds a separator (OpenCC's rule for its dictionaries, checked when the tables load),
so rule 2 over the whole text gives the same choices as piece by piece: choosing greedily in
the order (longest, leftmost) and skipping candidates that overlap a choice is the same
recursion. Candidates are found by a regular expression of the phrases' first characters, and
rule 3 is one `str.translate` that leaves separators alone. Both read OpenCC's own dictionary
files, so the output follows whatever version is installed; a test compares the two on every
page we have and on generated text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from opencc import OpenCC

from annotator.cleaning.plane0 import has_astral, plane_0_table

# OpenCC's separators (opencc.py, from OpenCC's PhraseExtract.cpp), in the same order.
_SEPARATORS = re.compile(
    r"(\s+|-|,|\.|\?|!|\*|　|，|。|、|；|：|？|！|…|“|”|‘|’|『|』|「|」|﹁|﹂|—|－|（|）|《|》|〈|〉"
    r"|～|．|／|＼|︒|︑|︔|︓|︿|﹀|︹|︺|︙|︐|［|﹇|］|﹈|︕|︖|︰|︳|︴|︽|︾|︵|︶|｛|︷|｝|︸|﹃|﹄|【"
    r"|︻|】|︼)"
)


@dataclass(frozen=True, slots=True)
class _Tables:
    phrases: dict[str, str]
    lengths_by_first: dict[str, tuple[int, ...]]  # first character -> phrase lengths, longest first
    phrase_starts: re.Pattern[str]  # any first character of a phrase
    characters: dict[int, str]  # for str.translate; separators left out (OpenCC keeps them)
    # the same as a list indexed by code point, for text without astral characters (see
    # `_convert`); each character not in `characters` maps to itself
    plane_0: list[int | str]
    whole_text: bool  # OpenCC's rules hold for these dictionaries (else: the reference)


def _entries(name: str) -> dict[str, str]:
    text = resources.files("opencc").joinpath("dictionary", name).read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        key, value = line.strip().split("\t")
        table[key] = value.split(" ")[0]  # several values: OpenCC takes the first
    return table


@cache
def _tables() -> _Tables:
    phrases = _entries("TSPhrases.txt")
    characters = _entries("TSCharacters.txt")
    by_first: dict[str, set[int]] = {}
    for key in phrases:
        by_first.setdefault(key[0], set()).add(len(key))
    single = {k: v for k, v in characters.items() if len(k) == 1 and not _SEPARATORS.fullmatch(k)}
    clean = not any(_SEPARATORS.search(k) for k in phrases) and all(len(k) == 1 for k in characters)
    starts = "".join(sorted(by_first))
    translated = {ord(k): v for k, v in single.items()}
    return _Tables(
        phrases=phrases,
        lengths_by_first={c: tuple(sorted(ls, reverse=True)) for c, ls in by_first.items()},
        phrase_starts=re.compile(f"[{re.escape(starts)}]" if starts else "(?!)"),
        characters=translated,
        plane_0=plane_0_table(translated),
        whole_text=clean,
    )


def _chosen_phrases(text: str, tables: _Tables) -> list[tuple[int, int]]:
    """Rule 2: (start, length) of the phrases OpenCC would choose, in text order."""
    candidates = []
    size = len(text)
    for found in tables.phrase_starts.finditer(text):
        start = found.start()
        for length in tables.lengths_by_first[found.group()]:
            # a slice past the end is cut short: it may be a shorter phrase, which is found at
            # its own length, never at this one (it would outrank longer phrases before it)
            if start + length <= size and text[start : start + length] in tables.phrases:
                candidates.append((start, length))
    if not candidates:
        return []
    candidates.sort(key=lambda m: (-m[1], m[0]))
    taken = bytearray(len(text))
    chosen = []
    for start, length in candidates:
        if not any(taken[start : start + length]):
            taken[start : start + length] = b"\x01" * length
            chosen.append((start, length))
    chosen.sort()
    return chosen


def _convert(text: str, tables: _Tables) -> str:
    # Rule 3 by str.translate, which looks every character up in its table: in a list indexed
    # by code point twice as fast as in a dict. The list covers plane 0 (an astral character
    # would be out of its range, and so left as it is): text holding one uses the dict.
    table = tables.characters if has_astral(text) else tables.plane_0
    chosen = _chosen_phrases(text, tables)
    if not chosen:
        return text.translate(table)
    out, at = [], 0
    for start, length in chosen:
        out.append(text[at:start].translate(table))
        out.append(tables.phrases[text[start : start + length]])
        at = start + length
    out.append(text[at:].translate(table))
    return "".join(out)


def t2s(text: str) -> str:
    """Traditional to Simplified, exactly as `OpenCC("t2s").convert(text)`."""
    tables = _tables()
    if tables.whole_text:
        return _convert(text, tables)
    return _reference().convert(text)  # dictionaries that break OpenCC's rule: the slow way


@cache
def _reference() -> OpenCC:
    return OpenCC("t2s")
