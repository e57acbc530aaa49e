"""A character-level person-name tagger (a CRF through python-crfsuite): finds names the rules
do not know, with a score per name.

Features per character: the character and its neighbours (±2) with their bigrams, whether it
is a known surname, whether a title word (国务院总理, 总书记) ends just before it or starts just
after it, and its kind (Han, digit, Latin, punctuation, middle dot). Labels are B / I / O per
character. The model file ships in `resources/models/` and is rebuilt by `annotator train`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import pycrfsuite

from annotator.cleaning.chars import is_han
from annotator.resources import read_text, resource_path
from annotator.suggest.lexicons import Lexicons, default_lexicons, parse_entries

MODEL_FILE = ("models", "person.crfsuite")
# A name of one character is a surname standing for the person (江 in 江主席). The suggestions'
# convention spans it with its title (马书记, see officials.surname_title_mentions), so a model
# gives names of two characters or more, unless the people whose labels trained it labelled
# surnames alone: then its settings file (`settings_path`) says so.
MIN_NAME_LENGTH = 2
MEMO_PIECES = 20_000  # sentences whose names a tagger remembers (~10 MB)
MAX_CHUNK = 200  # characters per CRF call: a long line is cut at sentence ends (linear time)
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
_DOTS = "·•‧・"
_WORD = re.compile(r"[^\s\u3000]+")


@dataclass(frozen=True, slots=True)
class TaggedName:
    start: int
    end: int
    text: str
    score: float  # mean marginal probability of the name's labels


def _kind(char: str) -> str:
    if char in _DOTS:
        return "dot"
    if is_han(char):
        return "han"
    if char.isdigit():
        return "digit"
    if char.isascii() and char.isalpha():
        return "latin"
    return "space" if char.isspace() else "punct"


_kind_of = cache(_kind)  # a character's kind never changes; a page has a few hundred distinct


@dataclass(frozen=True, slots=True)
class FeatureWords:
    surnames: frozenset[str]
    titles: frozenset[str]
    title_lengths_by_first: dict[str, tuple[int, ...]]  # first character -> lengths
    title_starts: re.Pattern[str]  # any first character of a title word


@cache
def feature_words() -> FeatureWords:
    lexicons: Lexicons = default_lexicons()
    contexts = parse_entries(read_text("lexicons", "person_contexts.txt"))
    titles = frozenset(t for t in (*lexicons.titles, *contexts) if len(t) >= 2)
    by_first: dict[str, set[int]] = {}
    for title in titles:
        by_first.setdefault(title[0], set()).add(len(title))
    return FeatureWords(
        surnames=frozenset(lexicons.surnames),
        titles=titles,
        title_lengths_by_first={c: tuple(sorted(ls)) for c, ls in by_first.items()},
        title_starts=re.compile("[" + "".join(re.escape(c) for c in sorted(by_first)) + "]"),
    )


def features(text: str) -> list[list[str]]:
    """The feature strings of every character of `text` (one chunk). Hot: a few microseconds
    a character, so title words are looked for only where one can start, each character's
    kind is worked out once, and the rows are built column by column from shifted copies of
    the text (one comprehension, not a loop of appends per character)."""
    words = feature_words()
    padded = "\x02\x02" + text + "\x03\x03"
    kinds = [_kind_of(char) for char in padded]
    n = len(text)
    after_title = bytearray(n + 1)  # a title word ends right before position i
    before_title = bytearray(n + 2)  # a title word starts at position i
    titles, lengths_by_first = words.titles, words.title_lengths_by_first
    for found in words.title_starts.finditer(text):
        start = found.start()
        for length in lengths_by_first[found.group()]:
            if start + length <= n and text[start : start + length] in titles:
                before_title[start] = 1
                after_title[start + length] = 1
    rows = [
        [
            "c=" + c,
            "p1=" + p1,
            "p2=" + p2,
            "n1=" + n1,
            "n2=" + n2,
            "p1c=" + p1 + c,
            "cn1=" + c + n1,
            "p2p1=" + p2 + p1,
            "n1n2=" + n1 + n2,
            "k=" + kind,
            "kp=" + kind_before + kind + kind_after,
        ]
        for p2, p1, c, n1, n2, kind_before, kind, kind_after in zip(
            padded,
            padded[1:],
            text,
            padded[3:],
            padded[4:],
            kinds[1:],
            kinds[2:],
            kinds[3:],
            strict=False,  # the shifted copies run past the text's end: it sets the length
        )
    ]
    surnames = words.surnames
    for i, row in enumerate(rows):  # the rarer features, in this order after the others
        c = text[i]
        if c in surnames:
            row.append("surname")
        if padded[i + 1] + c in surnames:
            row.append("surname2")
        if after_title[i]:
            row.append("after_title")
        if before_title[i + 1]:
            row.append("title_next")
    return rows


def chunks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) of `text`: lines, and long lines cut after sentence ends, never longer
    than MAX_CHUNK (a name cut by a hard cut is lost; sentences are rarely that long)."""
    offset = 0
    for line in text.split("\n"):
        start = 0
        for piece in _SENTENCE_END.split(line):
            while len(piece) > MAX_CHUNK:
                yield offset + start, piece[:MAX_CHUNK]
                start += MAX_CHUNK
                piece = piece[MAX_CHUNK:]
            if piece.strip():
                yield offset + start, piece
            start += len(piece)
        offset += len(line) + 1


Learned = tuple[str, tuple[TaggedName, ...]]  # a sentence and its names (offsets in it)


class PersonTagger:
    """Load once (`PersonTagger.load()`), then `names(text)`."""

    def __init__(self, model: Path, *, memo_pieces: int = MEMO_PIECES) -> None:
        self.model = model
        data = model.read_bytes()
        settings = settings_path(model)
        written = settings.read_bytes() if settings.is_file() else b""
        self.min_length = _min_length(written, settings)
        # what the loaded model is, by content (its settings too: they change what it finds)
        self.digest = hashlib.sha256(data + written).hexdigest()
        self._tagger = pycrfsuite.Tagger()
        # the very bytes digested, even if the file changes; CRFsuite reads them in place,
        # without a copy, so they are held as long as the tagger
        self._model_bytes = data
        self._tagger.open_inmemory(self._model_bytes)
        # piece -> its names (offsets in the piece): the corpus pass and the suggestions ask
        # for the same sentences. Kept-first, not least-recently-used: both passes walk the
        # corpus in order, which an LRU smaller than the corpus would miss every time.
        self._memo: dict[str, tuple[TaggedName, ...]] = {}
        self._memo_pieces = memo_pieces
        # what was remembered since `learned()` last asked: a worker process hands it to the
        # process that forks the next workers (at most memo_pieces entries, ever)
        self._learned: list[Learned] = []

    @classmethod
    def load(cls, model: Path | None = None) -> PersonTagger | None:
        """The shipped model (or `model`); None when there is no model file."""
        path = model or resource_path(*MODEL_FILE)
        return cls(path) if path.is_file() else None

    def names(self, text: str, *, only: re.Pattern[str] | None = None) -> list[TaggedName]:
        """The persons in `text`; with `only`, in the sentences where it matches (the CRF's
        cost is in the sentences it reads)."""
        found = []
        for offset, piece in chunks(text):
            if only is not None and not only.search(piece):
                continue
            names = self._memo.get(piece)
            if names is None:
                names = tuple(self._spans(piece, 0, self._tagger.tag(features(piece))))
                if len(self._memo) < self._memo_pieces:
                    self._memo[piece] = names
                    self._learned.append((piece, names))
            found += [TaggedName(offset + n.start, offset + n.end, n.text, n.score) for n in names]
        return found

    def learned(self) -> list[Learned]:
        """The sentences tagged (and remembered) since the last call, with their names."""
        learned, self._learned = self._learned, []
        return learned

    def remember(self, learned: Iterable[Learned]) -> None:
        """Take what another process's tagger of the same model `learned()`: `import --jobs`
        tags officials in its cleaning workers, and the suggestion workers, forked from the
        writer later, then find those sentences done."""
        for piece, names in learned:
            if len(self._memo) >= self._memo_pieces:
                break
            self._memo.setdefault(piece, names)

    def _spans(self, piece: str, offset: int, labels: Sequence[str]) -> list[TaggedName]:
        spans = []
        i = 0
        while i < len(labels):
            if labels[i] != "B":
                i += 1
                continue
            end = i + 1
            while end < len(labels) and labels[end] == "I":
                end += 1
            score = sum(self._tagger.marginal(labels[k], k) for k in range(i, end)) / (end - i)
            # The corpus has no spaces, so a run may cross one: no name holds a space.
            for part in _WORD.finditer(piece, i, end):
                if part.end() - part.start() >= self.min_length:
                    spans.append(
                        TaggedName(
                            offset + part.start(),
                            offset + part.end(),
                            part.group(),
                            round(score, 4),
                        )
                    )
            i = end
        return spans


def settings_path(model: Path) -> Path:
    """The settings `annotator train` writes beside a model it trained (person.crfsuite.json)."""
    return model.with_name(model.name + ".json")


def write_settings(model: Path, min_length: int) -> None:
    """Say beside `model` how short a name it gives; the default leaves no file at all."""
    settings = settings_path(model)
    if min_length == MIN_NAME_LENGTH:
        settings.unlink(missing_ok=True)
        return
    partial = settings.with_name(settings.name + ".partial")
    partial.write_text(json.dumps({"min_name_length": min_length}) + "\n", encoding="utf-8")
    partial.replace(settings)


def move_settings(source: Path, target: Path) -> None:
    """`source` model's settings become `target`'s (none: `target` keeps none either)."""
    if settings_path(source).is_file():
        settings_path(source).replace(settings_path(target))
    else:
        settings_path(target).unlink(missing_ok=True)


def _min_length(written: bytes, settings: Path) -> int:
    if not written:
        return MIN_NAME_LENGTH
    try:
        value = json.loads(written.decode("utf-8"))["min_name_length"]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise ValueError(f"{settings}: not a name tagger's settings file") from None
    if value not in (1, MIN_NAME_LENGTH):
        raise ValueError(f"{settings}: min_name_length must be 1 or 2, not {value!r}")
    return value


def bio_labels(length: int, names: Sequence[tuple[int, int]]) -> list[str]:
    labels = ["O"] * length
    for start, end in names:
        labels[start] = "B"
        for k in range(start + 1, end):
            labels[k] = "I"
    return labels


@cache
def shipped_tagger() -> PersonTagger | None:
    """The model that ships, loaded once per process; None if it is missing."""
    return PersonTagger.load()


def tagger_at(model: str | None) -> PersonTagger | None:
    """The tagger of a model file (a database's own), loaded once per process and version of
    the file: `annotator train` rewrites it in place, and a window that trained must not go on
    suggesting with the model it loaded before. None: the shipped one."""
    if not model:
        return shipped_tagger()
    status = os.stat(model)
    return _tagger_of(model, status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=4)
def _tagger_of(model: str, _mtime_ns: int, _size: int) -> PersonTagger:
    return PersonTagger(Path(model))


def database_tagger_path(database: Path) -> Path:
    """Where `annotator train` puts a database's own name-tagger model: beside the database."""
    return database.with_name(database.stem + ".person.crfsuite")
