"""Reading a brat folder back: `<id>.txt` + `<id>.ann` pairs, each pair one labelled text.

- A `T` line is a span: its type is the label (`boilerplate_<kind>` is `boilerplate/<kind>`
  again), its fragments must each be the .txt slice its text states. Fragments separated only
  by white space (our export splits a span at line breaks) are one span; a discontinuous span
  with other text between its fragments cannot be one span and refuses the file.
- `E`, `R`, `A`, `N` lines and AnnotatorNotes (`#`) are not imported: annotator stores no
  relations, and an E line's official or event cannot be rebuilt from brat alone. Each is
  counted as left out, and the `T` triggers of E lines are not spans.
- The file stem is the article id when it is one (it is in our export); otherwise the text
  finds the article. Files are read in name order and numbered from 1 in messages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from annotator.formats.base import LabelledText, Reader, Rejection
from annotator.formats.record import spans_from_triples
from annotator.model import check_article_id, region_label

_REGION_TYPE = "boilerplate_"  # how formats/brat.py spells `boilerplate/`
_LEFT_OUT = {"E": "brat E line", "R": "brat R line", "A": "brat A line", "N": "brat N line"}


class BratFolderReader(Reader):
    name = "brat"
    unit = "file"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def ann_files(self) -> list[Path]:
        """The .ann files of the folder, in name order; ValueError when there are none."""
        files = sorted(self.folder.glob("*.ann"))
        if not files:
            hint = (
                " (an export of several annotators has a sub-folder each: name one)"
                if any(self.folder.glob("*/*.ann"))
                else ""
            )
            raise ValueError(f"no .ann files in {self.folder}{hint}")
        return files

    def read(self, stream: TextIO | None = None) -> Iterator[LabelledText | Rejection]:
        """Every .txt/.ann pair of the folder (the stream is not used: brat is a folder)."""
        for number, ann in enumerate(self.ann_files(), 1):
            try:
                yield parse_pair(ann, number)
            except (OSError, UnicodeDecodeError, ValueError) as error:
                yield Rejection(number, f"{ann.name}: {error}", self.unit)


def _read(path: Path) -> str:
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return stream.read()


def parse_pair(ann_path: Path, number: int) -> LabelledText:
    text = _read(ann_path.with_suffix(".txt"))
    lines = [line for line in _read(ann_path).splitlines() if line.strip()]
    triggers = {_trigger(line) for line in lines if line.startswith("E")}
    left_out: Counter[str] = Counter()
    triples = []
    for line in lines:
        kind = line[0]
        if kind == "T":
            tid = line.split("\t", 1)[0]
            span = _text_bound(line, text)
            if tid not in triggers:
                triples.append(span)
        elif kind == "#":
            left_out["brat note"] += 1
        else:
            left_out[_LEFT_OUT.get(kind, f"brat {kind} line")] += 1
    stem = ann_path.stem
    try:
        check_article_id(stem)
        article_id: str | None = stem
    except ValueError:
        article_id = None
    return LabelledText(
        line=number,
        text=text,
        article_id=article_id,
        spans=spans_from_triples(text, sorted(set(triples))),
        left_out=tuple(sorted(left_out.items())),
    )


def _trigger(line: str) -> str:
    """The T id an E line is triggered on: `E1<TAB>Official:T5 Mention:T1` -> T5."""
    fields = line.split("\t")
    if len(fields) < 2 or ":" not in fields[1]:
        raise ValueError(f"{line!r} is not an event line")
    return fields[1].split(" ", 1)[0].split(":", 1)[1]


def _text_bound(line: str, text: str) -> tuple[int, int, str]:
    """(start, end, label) of a T line, checked against the text; ValueError naming it."""
    try:
        tid, kind_offsets, stated = line.split("\t")
        kind, offsets = kind_offsets.split(" ", 1)
        frags = [tuple(map(int, part.split())) for part in offsets.split(";")]
        if any(len(frag) != 2 for frag in frags):
            raise ValueError
    except ValueError:
        raise ValueError(f"{line!r} is not a text-bound annotation") from None
    if not all(0 <= s < e <= len(text) for s, e in frags):
        raise ValueError(f"{tid}: offsets {offsets} fall outside the text")
    if stated != " ".join(text[s:e] for s, e in frags):
        raise ValueError(f"{tid}: text {stated!r} is not the .txt at {offsets}")
    frags.sort()
    if any(text[a[1] : b[0]].strip() for a, b in zip(frags, frags[1:], strict=False)):
        raise ValueError(f"{tid}: a discontinuous span with text between its fragments")
    label = region_label(kind[len(_REGION_TYPE) :]) if kind.startswith(_REGION_TYPE) else kind
    return frags[0][0], frags[-1][1], label
