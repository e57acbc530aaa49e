"""Word boundaries in Chinese text: what a double-click selects and where a selection snaps.

Chinese has no spaces, so Qt's own word boundaries take a whole run of characters. Words come
from rjieba (the jieba-rs segmenter, dictionary built in: ~0.15 s to load, once, on the first
double-click), cut one line at a time; a name the window already knows (a label, a pending
suggestion, which includes the name tagger's) wins over the segmenter's cut, since the
segmenter splits unknown names (马兴瑞 -> 马 兴 瑞 without its HMM). Pure functions over the
store's string, in code points: Qt positions never come here (see gui/offsets.py). A module of
its own, outside annotator.suggest: importing that package loads the suggestion engine, which
the window does not need to open.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

Range = tuple[int, int]


@lru_cache(maxsize=256)
def _line_words(line: str) -> tuple[Range, ...]:
    import rjieba  # loaded on first use: the window opens without the dictionary

    return tuple((start, end) for _word, start, end in rjieba.tokenize(line))


def line_of(text: str, pos: int) -> Range:
    """(start, end) of the line holding code point `pos`, its line break excluded."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _name_at(pos: int, names: Sequence[Range]) -> Range | None:
    """The shortest known name covering code point `pos`."""
    covering = [n for n in names if n[0] <= pos < n[1]]
    return min(covering, key=lambda n: n[1] - n[0]) if covering else None


def word_at(text: str, pos: int, names: Sequence[Range] = ()) -> Range:
    """The word (or known name) holding code point `pos`; empty at a line break or past the
    end. `names` are (start, end) ranges of names in `text` that override the segmenter."""
    if not 0 <= pos < len(text) or text[pos] == "\n":
        return pos, pos
    name = _name_at(pos, names)
    if name is not None:
        return name
    line_start, line_end = line_of(text, pos)
    for start, end in _line_words(text[line_start:line_end]):
        if line_start + start <= pos < line_start + end:
            return line_start + start, line_start + end
    return pos, pos + 1  # the segmenter covers every character; never reached in practice


def snap_to_words(text: str, start: int, end: int, names: Sequence[Range] = ()) -> Range:
    """`text[start:end]` widened so that it neither starts nor ends inside a word or a known
    name. An empty selection stays empty; a line break is never crossed by the widening."""
    start, end = sorted((start, end))
    if start == end:
        return start, end
    first = word_at(text, start, names)
    last = word_at(text, end - 1, names)
    new_start = first[0] if first[0] < first[1] else start
    new_end = last[1] if last[0] < last[1] else end
    return min(new_start, start), max(new_end, end)
