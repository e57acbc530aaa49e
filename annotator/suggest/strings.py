"""Plain string searches the rules share (str.find is far cheaper than a regex per word)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence


def occurrences(word: str, text: str) -> Iterator[int]:
    """Start of each occurrence of `word` in `text`, left to right, not overlapping."""
    if not word:
        return
    position = text.find(word)
    while position >= 0:
        yield position
        position = text.find(word, position + len(word))


# Up to this many characters searched (words × text), one str.find per word is fastest; past it
# one pass over the text: a search of a 5 MB line per known name (thousands) took minutes.
_DIRECT_SEARCH = 20_000_000


def occurrences_of_each(words: Sequence[str], text: str) -> Iterator[tuple[str, list[int]]]:
    """(word, list(occurrences(word, text))) for each word of `words` that occurs in `text`, in
    the order of `words`, in time near linear in the text however many words there are."""
    if len(words) * len(text) <= _DIRECT_SEARCH:
        for word in words:
            if word and word in text:
                yield word, list(occurrences(word, text))
        return
    starts = _all_starts(words, text)
    for word in words:
        found = starts.get(word)
        if not found:
            continue
        kept: list[int] = []
        for position in found:  # occurrences() resumes after each one: drop overlapping ones
            if not kept or position >= kept[-1] + len(word):
                kept.append(position)
        yield word, kept


def _all_starts(words: Sequence[str], text: str) -> dict[str, list[int]]:
    """Every start of every word in `text`, overlapping ones too, in one pass: at each character
    that opens a word, one set lookup per word length (not a test of every word that opens
    with it: a page's officials may share one surname)."""
    unique = {word for word in words if word}
    lengths = sorted({len(word) for word in unique})
    starts: dict[str, list[int]] = {}
    openers = re.compile("[" + "".join(re.escape(c) for c in {w[0] for w in unique}) + "]")
    for match in openers.finditer(text):
        position = match.start()
        for length in lengths:
            piece = text[position : position + length]
            if piece in unique and len(piece) == length:
                starts.setdefault(piece, []).append(position)
    return starts
