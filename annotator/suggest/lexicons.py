"""Word lists that drive the rules, read from `resources/lexicons/` so a user extends them without
code (one entry a line, `#` comments, TAB between columns)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from annotator.model import EVENT_TYPES
from annotator.resources import resource_path

# what a modality cue says about the triggers it governs (resources/lexicons/event_modality.txt)
MODALITY_KINDS = ("future", "hope", "habitual", "generic", "condolence", "negated", "reference")


class LexiconError(ValueError):
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
            raise LexiconError(f"{source}:{number}: expected two columns separated by a TAB")
        pairs.append((columns[0].strip(), columns[1].strip()))
    return tuple(pairs)


@dataclass(frozen=True, slots=True)
class Lexicons:
    titles: tuple[str, ...]
    organizations: tuple[str, ...]
    surnames: frozenset[str]
    name_stops: tuple[str, ...]
    credits: tuple[str, ...]
    share: tuple[str, ...]
    widget: tuple[str, ...]
    related: tuple[str, ...]
    comments: tuple[str, ...]
    legal: tuple[str, ...]
    meta: tuple[str, ...]
    navigation: tuple[str, ...]
    spam: tuple[str, ...]
    event_triggers: tuple[tuple[str, str], ...]
    # a trigger that names no type of its own (举行, 出席): counts only when no other does
    weak_event_triggers: tuple[tuple[str, str], ...] = ()
    # cue TAB kind (future, hope, …): the sentence does not report the event (see events.py)
    event_modality: tuple[tuple[str, str], ...] = ()
    # words naming an editor's credit when a colon follows (责任编辑:): the line is meta and
    # ends the body
    editor_credits: tuple[str, ...] = ()
    # a line starting with one (上一篇) is the pager between stories
    pager: tuple[str, ...] = ()
    # a word right after a name that makes it a credit, not an official (王伟 摄)
    credits_after: tuple[str, ...] = ()
    # a word closing a 、-list of names that makes it trusted without a known member (…等)
    enumeration_ends: tuple[str, ...] = ()

    @classmethod
    def load(cls, directory: Path | None = None) -> Lexicons:
        folder = directory if directory is not None else resource_path("lexicons")

        def entries(name: str) -> tuple[str, ...]:
            path = folder / f"{name}.txt"
            if not path.is_file():
                raise LexiconError(f"lexicon {path} is missing")
            return parse_entries(path.read_text(encoding="utf-8"))

        def pairs(name: str) -> tuple[tuple[str, str], ...]:
            path = folder / f"{name}.txt"
            if not path.is_file():
                raise LexiconError(f"lexicon {path} is missing")
            return parse_pairs(path.read_text(encoding="utf-8"), source=str(path))

        def typed_triggers(name: str) -> tuple[tuple[str, str], ...]:
            found = pairs(name)
            for trigger, event_type in found:
                if event_type not in EVENT_TYPES:
                    raise LexiconError(
                        f"{folder / name}.txt: trigger {trigger!r} has unknown event type "
                        f"{event_type!r}"
                    )
            return found

        modality = pairs("event_modality")
        for cue, kind in modality:
            if kind not in MODALITY_KINDS:
                raise LexiconError(
                    f"{folder / 'event_modality.txt'}: cue {cue!r} has unknown kind {kind!r}; "
                    f"expected one of {', '.join(MODALITY_KINDS)}"
                )
        return cls(
            titles=_longest_first(entries("titles")),
            organizations=_longest_first(entries("organizations")),
            surnames=frozenset(entries("surnames")),
            name_stops=_longest_first(entries("name_stops")),
            credits=_longest_first(entries("credits")),
            share=entries("share"),
            widget=entries("widget"),
            related=entries("related"),
            comments=entries("comments"),
            legal=entries("legal"),
            meta=entries("meta"),
            navigation=entries("navigation"),
            spam=entries("spam"),
            event_triggers=typed_triggers("event_triggers"),
            weak_event_triggers=typed_triggers("event_weak_triggers"),
            event_modality=modality,
            editor_credits=entries("editor_credits"),
            pager=entries("pager"),
            credits_after=entries("credits_after"),
            enumeration_ends=entries("enumeration_ends"),
        )


def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    """Alternations try entries in order; longest first makes 副书记 win over 书记."""
    return tuple(sorted(words, key=len, reverse=True))


def contains_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` holds one of `words`: one regex scan instead of a scan per word."""
    return _alternation(words).search(text) is not None


@functools.lru_cache(maxsize=64)
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    if not words:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile("|".join(re.escape(w) for w in _longest_first(words)))


@cache
def default_lexicons() -> Lexicons:
    return Lexicons.load()
