"""A database's own lexicons: the folder `<database>.lexicons/` beside the database file
(`news.db` -> `news.lexicons/`), merged over the bundled `resources/lexicons/`.

A file there is named after the bundled file it extends (titles.txt, event_triggers.txt …) and
written the same way: one entry a line, `#` comments, TAB between two columns. Its entries are
added to the bundled ones; in a two-column file an entry replaces the bundled entry of the same
first column (会见 TAB 其他 retypes the trigger 会见). Every file is checked against the
database's label schema before anything is suggested: a file of an unknown name, an event type
or modality the schema does not have, words for a label the schema lacks, a line without its
TAB, or bytes that are not UTF-8 refuse the whole folder with one line naming the file (and
the line). Files starting with "." and README files are left alone.

`UserLexicons.entries_in` is what one article's suggestion fingerprint holds of them: the
entries written in its text (an entry matches only where its characters occur, in ASCII or
full width), so an added word recomputes the articles that hold it, not the whole corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from annotator.model import EVENT_TYPES, LabelSchema, LexiconKind
from annotator.suggest.lexicons import (
    MODALITY_KINDS,
    LexiconError,
    Lexicons,
    default_lexicons,
    parse_entries,
    parse_pairs,
    schema_kinds,
    second_column_problem,
    shaped,
)

FOLDER_SUFFIX = ".lexicons"
# a full-width form of each ASCII mark: the event rules match either (see events._WIDE)
_WIDE = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}


def rules_lexicons(user: UserLexicons | None) -> Lexicons:
    """The lexicons the rules read: the bundled ones with a database's own (`user`) merged over."""
    return user.merged_over(default_lexicons()) if user else default_lexicons()


def lexicon_folder(database: Path) -> Path:
    """Where a database's own lexicons are: `<folder>/<stem>.lexicons/` beside it."""
    return database.with_name(database.stem + FOLDER_SUFFIX)


@dataclass(frozen=True, slots=True)
class UserLexicons:
    """The entries of a user lexicon folder, checked: (file stem, entry, second column or "")."""

    folder: Path
    entries: tuple[tuple[str, str, str], ...] = ()

    @classmethod
    def read(cls, folder: Path, schema: LabelSchema | None = None) -> UserLexicons:
        """The checked entries of `folder` (none when it does not exist); LexiconError, naming
        the file, for anything the bundled files or the schema do not allow."""
        if not folder.is_dir():
            if folder.exists():
                raise LexiconError(
                    "{folder}: a lexicon folder is expected here, not a file", folder=str(folder)
                )
            return cls(folder)
        kinds = {kind.stem: kind for kind in (schema.lexicons if schema else schema_kinds())}
        found: list[tuple[str, str, str]] = []
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.name.upper().startswith("README"):
                continue
            kind = kinds.get(path.stem) if path.suffix == ".txt" and path.is_file() else None
            if kind is None:
                raise LexiconError(
                    "{path}: not a lexicon of ours; a database's lexicon folder holds files "
                    "named like the bundled ones: {files}",
                    path=str(path),
                    files=", ".join(f"{k}.txt" for k in kinds),
                )
            found += [(path.stem, key, value) for key, value in _read(path, kind, schema)]
        return cls(folder, tuple(found))

    def merged_over(self, bundled: Lexicons) -> Lexicons:
        """`bundled` with these entries added (a pair replacing the bundled one of its key)."""
        if not self.entries:
            return bundled
        changes: dict[str, object] = {}
        for kind in bundled.kinds:
            mine = [(key, value) for s, key, value in self.entries if s == kind.stem]
            if not mine:
                continue
            old = bundled.entries(kind.stem)
            if kind.pairs:
                changes[kind.stem] = _merged_pairs(old, mine)
            else:
                words = (*old, *(key for key, _ in mine))
                changes[kind.stem] = shaped(kind, tuple(dict.fromkeys(words)))
        return bundled.with_entries(changes)

    def entries_in(self, text: str) -> list[tuple[str, str, str]]:
        """The entries whose word occurs in `text`: the only ones that can change what is
        suggested there (every rule matches a lexicon word where its characters are)."""
        folded = text.casefold()
        return [
            entry
            for entry in self.entries
            if entry[1].casefold() in folded or entry[1].translate(_WIDE).casefold() in folded
        ]


def _read(path: Path, kind: LexiconKind, schema: LabelSchema | None) -> list[tuple[str, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise LexiconError("{path}: not UTF-8 text", path=str(path)) from None
    if kind.pairs:
        pairs = list(parse_pairs(text, source=str(path)))
    else:
        pairs = [(entry, "") for entry in parse_entries(text)]
    if not pairs:
        return []
    if schema is not None and schema.get(kind.label) is None:
        raise LexiconError(
            "{path}: its words suggest {label}, a label this database's schema does not have",
            path=str(path),
            label=kind.label,
        )
    event_types = schema.event_types if schema is not None else EVENT_TYPES
    for number, line in enumerate(text.splitlines(), start=1):
        columns = line.split("\t")
        if not kind.pairs or len(columns) != 2 or line.lstrip().startswith("#"):
            continue
        first, second = columns[0].strip(), columns[1].strip()
        if not second_column_problem(kind, first, second, event_types):
            continue
        where = {"path": str(path), "number": number, "first": first, "second": second}
        if kind.second == "modality":
            raise LexiconError(
                "{path}:{number}: {first!r} has modality kind {second!r}, which this database "
                "does not know; one of: {allowed}",
                **where,
                allowed=", ".join(MODALITY_KINDS),
            )
        raise LexiconError(
            "{path}:{number}: {first!r} has event type {second!r}, which this database does "
            "not know; one of: {allowed}",
            **where,
            allowed=", ".join(event_types),
        )
    return pairs


def _merged_pairs(
    bundled: tuple[tuple[str, str], ...], mine: list[tuple[str, str]]
) -> tuple[tuple[str, str], ...]:
    """The bundled pairs with the user's value for a key both hold, then the user's new ones."""
    theirs: dict[str, str] = {}
    for key, value in mine:
        theirs.setdefault(key, value)  # the first line of a key wins, as in the bundled files
    merged = [(key, theirs.pop(key, value)) for key, value in bundled]
    return (*merged, *theirs.items())
