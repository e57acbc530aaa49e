"""Word lists that drive the rules, read from `resources/lexicons/` so a user extends them without
code (one entry a line, `#` comments, TAB between columns). Which files there are, what label each
suggests and its shape are declared in the label schema (`[[lexicons]]` in resources/schema.toml),
not here: a new list needs a file and an entry there."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from annotator.messages import Explained, Message
from annotator.model import EVENT_TYPES, LexiconKind
from annotator.resources import default_schema, resource_path

# what a modality cue says about the triggers it governs (resources/lexicons/event_modality.txt)
MODALITY_KINDS = ("future", "hope", "habitual", "generic", "condolence", "negated", "reference")


class LexiconError(Explained, ValueError):
    """A lexicon file cannot be used; the message names the file and line."""


def parse_entries(text: str) -> tuple[str, ...]:
    """Entries in file order, duplicates dropped; a line starting with `#` is a comment."""
    entries = (line.strip() for line in text.splitlines())
    return tuple(dict.fromkeys(e for e in entries if e and not e.startswith("#")))


def parse_pairs(text: str, *, source: str = "<lexicon>") -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != 2 or not columns[0].strip() or not columns[1].strip():
            raise LexiconError(
                "{source}:{number}: expected two columns separated by a TAB",
                source=source,
                number=number,
            )
        pairs.append((columns[0].strip(), columns[1].strip()))
    return tuple(pairs)


@dataclass(frozen=True)
class Lexicons:
    """The entries of every lexicon kind the label schema declares, read by the rules as
    `lexicons.<file stem>` (`lexicons.titles`): a tuple of words, a frozenset, or a tuple of
    (word, second column) pairs, as the kind's shape says. Hashable, so caches key on it."""

    kinds: tuple[LexiconKind, ...]
    values: tuple[tuple[str, object], ...]  # (stem, entries) in `kinds` order

    def __post_init__(self) -> None:
        # each kind an instance attribute: the rules read them in their inner loops, where a
        # __getattr__ call per read cost a sixth of the suggestion time
        for stem, entries in self.values:
            if hasattr(type(self), stem) or stem in self.__dict__:
                raise LexiconError("a lexicon kind cannot be named {stem!r}", stem=stem)
            self.__dict__[stem] = entries

    def __hash__(self) -> int:
        # worked out once: caches key on the lexicons per article and per sentence, and the
        # hash of every list of every kind cost more than the lookup it served
        known = self.__dict__.get("_hash")
        if known is None:
            known = self.__dict__["_hash"] = hash((self.kinds, self.values))
        return known

    def __getstate__(self) -> dict[str, Any]:
        # a string's hash differs from process to process: a worker works its own out
        return {key: value for key, value in self.__dict__.items() if key != "_hash"}

    def __getattr__(self, name: str) -> Any:  # only reached for a kind the schema lacks
        if name.startswith("_"):
            raise AttributeError(name)
        raise AttributeError(f"no lexicon kind {name!r} in the label schema")

    def entries(self, stem: str) -> Any:
        return getattr(self, stem)

    def with_entries(self, changes: Mapping[str, object]) -> Lexicons:
        """These lexicons with the entries of some kinds replaced."""
        return Lexicons(self.kinds, tuple((k, changes.get(k, v)) for k, v in self.values))

    @classmethod
    def load(
        cls, directory: Path | None = None, kinds: tuple[LexiconKind, ...] | None = None
    ) -> Lexicons:
        """Every file of `kinds` (default: those the bundled label schema declares) in
        `directory` (default: the bundled lexicons); LexiconError, naming the file (and line),
        for a missing or bad one."""
        folder = directory if directory is not None else resource_path("lexicons")
        kinds = kinds if kinds is not None else schema_kinds()
        values: list[tuple[str, object]] = []
        for kind in kinds:
            path = folder / f"{kind.stem}.txt"
            if not path.is_file():
                raise LexiconError("lexicon {path} is missing", path=str(path))
            text = path.read_text(encoding="utf-8")
            if kind.pairs:
                found = parse_pairs(text, source=str(path))
                for first, second in found:
                    if problem := second_column_problem(kind, first, second, EVENT_TYPES):
                        raise LexiconError("{path}: {problem}", path=str(path), problem=problem)
                values.append((kind.stem, found))
            else:
                values.append((kind.stem, shaped(kind, parse_entries(text))))
        return cls(tuple(kinds), tuple(values))


def schema_kinds() -> tuple[LexiconKind, ...]:
    """The lexicon kinds of the bundled label schema (resources/schema.toml, `[[lexicons]]`)."""
    return default_schema().lexicons


def shaped(kind: LexiconKind, words: tuple[str, ...]) -> tuple[str, ...] | frozenset[str]:
    """One-column entries as the rules want them: a set, longest first, or in file order."""
    if kind.shape == "set":
        return frozenset(words)
    return _longest_first(words) if kind.longest_first else words


def second_column_problem(
    kind: LexiconKind, first: str, second: str, event_types: tuple[str, ...]
) -> str | None:
    """Why a two-column entry's second column is not one its kind allows, or None."""
    if kind.second == "event_type" and second not in event_types:
        return Message(
            "trigger {first!r} has unknown event type {second!r}", first=first, second=second
        )
    if kind.second == "modality" and second not in MODALITY_KINDS:
        return Message(
            "cue {first!r} has unknown kind {second!r}; expected one of {kinds}",
            first=first,
            second=second,
            kinds=", ".join(MODALITY_KINDS),
        )
    return None


def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    """Alternations try entries in order; longest first makes 副书记 win over 书记."""
    return tuple(sorted(words, key=len, reverse=True))


def contains_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` holds one of `words`: one regex scan instead of a scan per word."""
    return words_pattern(words).search(text) is not None


@functools.lru_cache(maxsize=64)
def words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `words`, the longest first (参加有关活动 before 参加); never matches when empty."""
    if not words:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile("|".join(re.escape(w) for w in _longest_first(words)))


@cache
def default_lexicons() -> Lexicons:
    return Lexicons.load()
