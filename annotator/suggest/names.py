"""Is this a person's name, and where does the name that starts here end?

Chinese names are a surname from the lexicon plus one or two characters; transliterated names are
runs joined by a middle dot (U+00B7, which cleaning makes of every dot variant). Names already
known (elsewhere in the article, or from the gazetteer) win over the heuristics.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from annotator.cleaning.chars import HAN, is_han
from annotator.suggest.lexicons import Lexicons

DOT = "\u00b7"
_TRANSLITERATED = re.compile(rf"[{HAN}]{{2,6}}(?:{DOT}[{HAN}]{{1,8}})+")
_HAN_RUN = re.compile(rf"[{HAN}{DOT}]+")
MAX_TRANSLITERATED_PART = 8
MAX_HAN_NAME = 4  # 普布顿珠; 欧阳晓峰
MAX_FIRST_PART = 6  # 阿布杜热西提; longer runs before the dot have swallowed a title or verb
# name_at reads this much of a run of Han characters: without a dot, a longer run is no name
# (matching the whole run per title made a line of Han characters alone quadratic)
RUN_WINDOW = 64
# and a run with a dot in that window no further than this: a transliterated name is judged on
# these characters (reading every run to its end made "省长艾尔肯·" × 20,000 take minutes)
DOTTED_RUN_LIMIT = 256
# a token of names written together longer than this is prose, not a list (segmenting is 20
# steps a character, and an attendee clause is read again for every verb in it)
MAX_RUN_TOGETHER = 60


@dataclass(frozen=True, slots=True)
class NameRules:
    """The lexicons a name decision needs, plus the names already known for this article."""

    lexicons: Lexicons
    known: tuple[str, ...] = ()  # longest first
    # the same names for lookups: a long page knows thousands, and a scan of the tuple per
    # character (or of every name sharing a surname) made name finding quadratic; a known
    # name at a position is one set lookup per name length instead
    known_set: frozenset[str] = field(default=frozenset(), compare=False)
    known_lengths: tuple[int, ...] = field(default=(), compare=False)  # longest first
    run_window: int = field(default=0, compare=False)  # see _run_at; set from the lexicons
    # what no name holds (see is_name), looked up once here: is_name is called per candidate
    stops_inside: re.Pattern[str] | None = field(default=None, compare=False)
    title_inside: re.Pattern[str] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if not self.run_window:
            stops = self.lexicons.name_stops
            window = max(RUN_WINDOW, MAX_FIRST_PART + 2, *(len(stop) + 1 for stop in stops))
            object.__setattr__(self, "run_window", window)
        if self.stops_inside is None:
            object.__setattr__(self, "stops_inside", _inner_stops(self.lexicons.name_stops))
        if self.title_inside is None:
            object.__setattr__(self, "title_inside", _any_title(self.lexicons.titles))

    def with_known(self, names: Collection[str]) -> NameRules:
        merged = set(self.known) | {n for n in names if len(n) >= 2}
        ordered = tuple(sorted(merged, key=lambda n: (-len(n), n)))
        return NameRules(
            self.lexicons,
            ordered,
            frozenset(ordered),
            tuple(sorted({len(name) for name in ordered}, reverse=True)),
            self.run_window,
            self.stops_inside,
            self.title_inside,
        )

    def known_at(self, text: str, position: int) -> str | None:
        """The longest known name starting at `position` (the first of `known` that does)."""
        for length in self.known_lengths:
            if (
                position + length <= len(text)
                and text[position : position + length] in self.known_set
            ):
                return text[position : position + length]
        return None

    def known_suffix(self, text: str) -> str | None:
        """The longest known name `text` ends with, shorter than `text` itself (副省长刘海燕 ->
        刘海燕): one lookup per name length, not a test of every known name."""
        for length in self.known_lengths:
            if length < len(text) and text[-length:] in self.known_set:
                return text[-length:]
        return None

    def is_name(self, text: str) -> bool:
        if text in self.known_set:
            return True
        if self._holds_stop_word(text) or self._holds_title(text):
            return False
        if DOT in text:
            parts = text.split(DOT)
            return (
                _TRANSLITERATED.fullmatch(text) is not None
                and all(1 <= len(p) <= MAX_TRANSLITERATED_PART for p in parts)
                and not self._starts_with_stop(text)
            )
        if not 2 <= len(text) <= MAX_HAN_NAME:  # what the tests below ask, before a scan
            return False
        if not all(is_han(c) for c in text) or self._starts_with_stop(text):
            return False
        surnames = self.lexicons.surnames
        if text[:2] in surnames and 3 <= len(text) <= MAX_HAN_NAME:
            return True
        return text[:1] in surnames and 2 <= len(text) <= MAX_HAN_NAME

    def _holds_stop_word(self, text: str) -> bool:
        """A stop word of two characters or more inside `text` (董建华昨天, 穆青以及) ends the
        name before it: what holds one is a name and the sentence going on, not a name. One
        character stops are left to name_at: 和, 同, 向 … are also given names' characters."""
        inside = self.stops_inside
        return inside is not None and inside.search(text, 1) is not None

    def _holds_title(self, text: str) -> bool:
        """江主席, 全国人大常委会副: a surname or an organization with a title word is no name."""
        title = self.title_inside
        return title is not None and title.search(text) is not None

    def _starts_with_stop(self, text: str) -> bool:
        return text.startswith(self.lexicons.name_stops)  # a tuple: one call, not one per stop

    def name_at(self, text: str, position: int) -> str | None:
        """The name starting at `position`, ended by punctuation, a stop word or the 3-character
        limit; None when what starts there is not a name."""
        known = self.known_at(text, position)
        if known is not None:
            return known
        run = self._run_at(text, position)
        if run is None:
            return None
        if self._starts_with_stop(run):
            return None
        # A name is closed by punctuation or a stop word within four characters; a longer open
        # run (习近平总书记关于新疆…) is a sentence going on, not a name.
        head = run.split(DOT, 1)[0]
        cut = self._stop_position(head[: MAX_HAN_NAME + 1], 2)
        if cut is None and DOT in run:
            return self._transliterated_prefix(run)
        if cut is None and len(run) > MAX_HAN_NAME:
            return None
        candidate = run[:cut] if cut is not None else run
        return candidate if self.is_name(candidate) else None

    def _run_at(self, text: str, position: int) -> str | None:
        """The run of Han characters and dots at `position`, read no further than RUN_WINDOW
        when that cannot change name_at's answer: a run that long with no dot in the window is
        neither a Chinese name nor a transliterated one (its first part is too long). With a
        dot in the window, read on to DOTTED_RUN_LIMIT: a later dot can make a part too long."""
        window = self.run_window
        run_match = _HAN_RUN.match(text, position, position + window)
        if run_match is None:
            return None
        run = run_match.group()
        if len(run) == window and DOT in run:
            limit = max(window, DOTTED_RUN_LIMIT)
            run_match = _HAN_RUN.match(text, position, position + limit)
            assert run_match is not None
            run = run_match.group()
        return run

    def _stop_position(self, run: str, start: int) -> int | None:
        stops = self.lexicons.name_stops
        for index in range(start, len(run)):
            if run.startswith(stops, index):  # not run[index:]: a copy per index is quadratic
                return index
        return None

    def _transliterated_prefix(self, run: str) -> str | None:
        parts = run.split(DOT)
        if len(parts[0]) > MAX_FIRST_PART:
            return None
        last = parts[-1]
        cut = self._stop_position(last, 1)
        parts[-1] = last[:cut] if cut is not None else last[:MAX_TRANSLITERATED_PART]
        candidate = DOT.join(parts)
        return candidate if self.is_name(candidate) else None

    def segment(self, run: str) -> list[str] | None:
        """Split names written together (李希王伟中艾尔肯·吐尼亚孜孟凡利), preferring known names,
        then three-character names; None when the run cannot be read as names only."""
        if len(run) > MAX_RUN_TOGETHER:
            return None
        best: list[tuple[float, list[str]] | None] = [None] * (len(run) + 1)
        best[0] = (0.0, [])
        for start in range(len(run)):
            if best[start] is None:
                continue
            cost, names = best[start]  # type: ignore[misc]
            for end in range(start + 2, min(len(run), start + 20) + 1):
                piece = run[start:end]
                piece_cost = self._piece_cost(piece)
                if piece_cost is None:
                    continue
                total = cost + piece_cost
                if best[end] is None or total < best[end][0]:  # type: ignore[index]
                    best[end] = (total, [*names, piece])
        final = best[len(run)]
        return final[1] if final is not None else None

    def _piece_cost(self, piece: str) -> float | None:
        if piece in self.known_set:
            return 0.0
        if not self.is_name(piece):
            return None
        return {3: 1.0, 2: 1.3, 4: 1.5}.get(len(piece), 1.0)


@functools.lru_cache(maxsize=8)  # built once per lexicon, not once per candidate
def _inner_stops(stops: tuple[str, ...]) -> re.Pattern[str] | None:
    words = [stop for stop in stops if len(stop) >= 2]
    return re.compile("|".join(re.escape(w) for w in words)) if words else None


@functools.lru_cache(maxsize=8)
def _any_title(titles: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile("|".join(re.escape(t) for t in titles)) if titles else None


def names_in_list(rules: NameRules, tokens: Sequence[str]) -> list[str] | None:
    """Every token a name (or names run together); None when any token is something else. A
    token holding a title word (全国人大常委会副委员长铁木尔·达瓦买提) is a title phrase, not
    names written together: the title rule reads it."""
    names: list[str] = []
    for token in tokens:
        token = token.strip()
        if not token:
            continue
        if rules.is_name(token):
            names.append(token)
            continue
        if rules._holds_title(token):
            return None
        pieces = rules.segment(token)
        if pieces is None:
            return None
        names.extend(pieces)
    return names or None
