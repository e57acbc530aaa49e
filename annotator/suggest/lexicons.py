"""Word lists that drive the rules, read from `resources/lexicons/` so a user extends them without
code (one entry a line, `#` comments, TAB between columns)."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from annotator.model import EVENT_TYPES, region_label
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
    # a verb of speech before a comma or colon (强调:): a sentence's events are told before it
    speech_verbs: tuple[str, ...] = ()
    # what a person says or does right after a bare title (省长强调): the title is its holder
    title_only_after: tuple[str, ...] = ()

    @classmethod
    def load(cls, directory: Path | None = None) -> Lexicons:
        """Every file of KINDS in `directory` (default: the bundled lexicons), each read into
        its field; LexiconError, naming the file (and line), for a missing or bad one."""
        folder = directory if directory is not None else resource_path("lexicons")
        values: dict[str, object] = {}
        for stem, kind in KINDS.items():
            path = folder / f"{stem}.txt"
            if not path.is_file():
                raise LexiconError(f"lexicon {path} is missing")
            text = path.read_text(encoding="utf-8")
            if kind.pairs:
                found = parse_pairs(text, source=str(path))
                for first, second in found:
                    if problem := second_column_problem(stem, first, second):
                        raise LexiconError(f"{path}: {problem}")
                values[kind.field] = found
            else:
                words = parse_entries(text)
                values[kind.field] = (
                    frozenset(words)
                    if kind.as_set
                    else _longest_first(words)
                    if kind.longest_first
                    else words
                )
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Kind:
    """One lexicon file: its Lexicons field, whether it is two columns, how the rules want its
    words (a set, or longest first), and the schema label its words suggest."""

    field: str
    pairs: bool = False
    longest_first: bool = False
    as_set: bool = False
    label: str = "OFFICIAL"


# Every lexicon file (resources/lexicons/<stem>.txt, or a database's own folder, see
# user_lexicons.py) by stem, in the order Lexicons.load reads them.
KINDS: Mapping[str, Kind] = {
    "titles": Kind("titles", longest_first=True),
    "organizations": Kind("organizations", longest_first=True),
    "surnames": Kind("surnames", as_set=True),
    "name_stops": Kind("name_stops", longest_first=True),
    "credits": Kind("credits", longest_first=True),
    "share": Kind("share", label=region_label("share")),
    "widget": Kind("widget", label=region_label("widget")),
    "related": Kind("related", label=region_label("related")),
    "comments": Kind("comments", label=region_label("widget")),
    "legal": Kind("legal", label=region_label("footer")),
    "meta": Kind("meta", label=region_label("meta")),
    "navigation": Kind("navigation", label=region_label("breadcrumb")),
    "spam": Kind("spam", label=region_label("spam")),
    "editor_credits": Kind("editor_credits", label=region_label("meta")),
    "pager": Kind("pager", label=region_label("navigation")),
    "credits_after": Kind("credits_after"),
    "enumeration_ends": Kind("enumeration_ends"),
    "speech_verbs": Kind("speech_verbs", label="EVENT"),
    "title_only_after": Kind("title_only_after"),
    "event_triggers": Kind("event_triggers", pairs=True, label="EVENT"),
    "event_weak_triggers": Kind("weak_event_triggers", pairs=True, label="EVENT"),
    "event_modality": Kind("event_modality", pairs=True, label="EVENT"),
}


def second_column_problem(stem: str, first: str, second: str) -> str | None:
    """Why a two-column entry's second column is not one its file allows, or None."""
    if stem in ("event_triggers", "event_weak_triggers") and second not in EVENT_TYPES:
        return f"trigger {first!r} has unknown event type {second!r}"
    if stem == "event_modality" and second not in MODALITY_KINDS:
        return (
            f"cue {first!r} has unknown kind {second!r}; "
            f"expected one of {', '.join(MODALITY_KINDS)}"
        )
    return None


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
