"""Character-per-line BIO, the usual input of Chinese NER: `字 B-OFFICIAL`, one per line.

- Entity labels only: boilerplate regions are not entities (use the `boilerplate` format).
- BIO cannot nest, so overlapping entity spans are resolved by keeping the shorter span first
  (an OFFICIAL inside an EVENT sentence keeps its tag; the EVENT span is dropped), ties by start.
- White-space characters (spaces, NBSP, U+3000, tabs) are not written: a token cannot be
  blank. A line break ends a sentence, and so does 。！？ — unless an entity runs across it.
- A blank line separates sentences. Each article starts with `-DOCSTART- <article id> O` and
  a blank line (readers of CoNLL-2003 take a line starting `-DOCSTART-` as a document break).
- `tab=True` writes what doccano's CoNLL importer reads: `字<TAB>B-OFFICIAL`, and no
  -DOCSTART- lines, since doccano makes every block between blank lines a text of its own.
- The format carries no offsets, so it is export-only; nor events and their modality (planned,
  hoped…): BIO has no place for them, and a comment line would be a token to CoNLL-2003 readers.
"""

from __future__ import annotations

from typing import Any

from annotator.formats.base import InvalidExportError, Record, Writer

SENTENCE_ENDS = frozenset("。！？!?")


def bio_entities(record: Record) -> list[tuple[int, int, str]]:
    """The entity spans BIO can carry: shortest first, each kept unless it overlaps a kept one
    (or is only white space)."""
    text = record["text"]
    taken = bytearray(len(text))
    kept = []
    for span in sorted(record["spans"], key=lambda s: (s["end"] - s["start"], s["start"])):
        start, end = span["start"], span["end"]
        if not any(taken[start:end]) and not text[start:end].isspace():
            taken[start:end] = b"\x01" * (end - start)
            kept.append((start, end, span["label"]))
    return sorted(kept)


def bio_sentences(record: Record) -> list[list[tuple[str, str]]]:
    """(character, tag) sentences of a record."""
    text = record["text"]
    tags = ["O"] * len(text)
    for start, end, label in bio_entities(record):
        first = next(i for i in range(start, end) if not text[i].isspace())
        tags[first] = f"B-{label}"  # white space before it is not written
        for i in range(first + 1, end):
            tags[i] = f"I-{label}"
    sentences: list[list[tuple[str, str]]] = [[]]
    for i, char in enumerate(text):
        inside = i + 1 < len(text) and tags[i + 1].startswith("I-")
        if char in "\r\n" and not inside:
            sentences.append([])
            continue
        if not char.isspace():
            sentences[-1].append((char, tags[i]))
        if char in SENTENCE_ENDS and not inside:
            sentences.append([])
    return [sentence for sentence in sentences if sentence]


DOCSTART = "-DOCSTART-"


def read_bio(chunk: str, separator: str = " ") -> list[tuple[str, str]]:
    """(label, characters) of every entity in a BIO chunk, in order; ValueError if malformed."""
    entities: list[tuple[str, str]] = []
    current: list[Any] | None = None
    for number, line in enumerate(chunk.split("\n"), 1):
        if not line:
            current = None
            continue
        char, _, tag = line.partition(separator)
        if len(char) != 1 or not tag or separator in tag:
            raise ValueError(f"line {number}: {line!r} is not `character{separator}TAG`")
        if tag.startswith("B-"):
            current = [tag[2:], char]
            entities.append(current)  # type: ignore[arg-type]
        elif tag.startswith("I-"):
            if current is None or current[0] != tag[2:]:
                raise ValueError(f"line {number}: {tag} does not continue an entity")
            current[1] += char
        elif tag == "O":
            current = None
        else:
            raise ValueError(f"line {number}: unknown tag {tag!r}")
    return [(label, chars) for label, chars in entities]


class ConllFormat(Writer):
    name = "conll"
    extension = ".conll"
    description = (
        "character-per-line BIO (entity labels only), blank line between sentences, "
        "-DOCSTART- <article id> before each article"
    )

    def __init__(self, *, tab: bool = False) -> None:
        self.separator_char = "\t" if tab else " "
        self.tab = tab

    def _docstart(self, record: Record) -> str:
        return "" if self.tab else f"{DOCSTART} {record['id']} O\n\n"

    def format_record(self, record: Record) -> str:
        sep = self.separator_char
        return self._docstart(record) + "".join(
            "".join(f"{char}{sep}{tag}\n" for char, tag in sentence) + "\n"
            for sentence in bio_sentences(record)
        )

    def verify(self, chunk: str, record: Record) -> None:
        text = record["text"]
        expected = [
            (label, "".join(c for c in text[start:end] if not c.isspace()))
            for start, end, label in bio_entities(record)
        ]
        docstart = self._docstart(record)
        if not chunk.startswith(docstart):
            raise InvalidExportError(
                "conll of {id}: no {DOCSTART} line", id=record['id'], DOCSTART=DOCSTART
            )
        try:
            found = read_bio(chunk[len(docstart) :], self.separator_char)
        except ValueError as error:
            raise InvalidExportError(
                "conll of {id}: {error}", id=record['id'], error=error
            ) from error
        if found != expected:
            raise InvalidExportError("conll of {id}: entities do not read back", id=record['id'])
