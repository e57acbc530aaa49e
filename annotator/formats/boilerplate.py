"""Per-line JSONL for training a boilerplate classifier:
{"id", "line", "start", "end", "text", "label": "body" | kind}.

A line is labelled with the region kind that covers most of its non-blank characters, if that
is more than half of them; otherwise "body". Blank lines are left out. `start`/`end` locate the
line in the article text (code points, line break excluded). Export-only.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator

from annotator.formats.base import InvalidExportError, Record, Writer
from annotator.formats.json_items import dump_line

BODY = "body"


def lines_of(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line of `text`, without its "\\n" or "\\r\\n"."""
    start = 0
    while start <= len(text):
        newline = text.find("\n", start)
        end = len(text) if newline < 0 else newline
        yield start, end - 1 if end > start and text[end - 1] == "\r" else end
        if newline < 0:
            return
        start = newline + 1


def line_label(text: str, start: int, end: int, regions: list[tuple[int, int, str]]) -> str:
    coverage: Counter[str] = Counter()
    for r_start, r_end, kind in regions:
        for i in range(max(start, r_start), min(end, r_end)):
            if not text[i].isspace():
                coverage[kind] += 1
    visible = sum(1 for c in text[start:end] if not c.isspace())
    if coverage:
        kind, count = coverage.most_common(1)[0]
        if count * 2 > visible:
            return kind
    return BODY


class BoilerplateFormat(Writer):
    name = "boilerplate"
    extension = ".jsonl"
    description = 'per-line JSONL {"text", "label": "body"|kind} for a boilerplate classifier'

    def format_record(self, record: Record) -> str:
        text = record["text"]
        regions = [(b["start"], b["end"], b["kind"]) for b in record["boilerplate"]]
        items = (
            {
                "id": record["id"],
                "line": number,
                "start": start,
                "end": end,
                "text": text[start:end],
                "label": line_label(text, start, end, regions),
            }
            for number, (start, end) in enumerate(lines_of(text), 1)
            if text[start:end].strip()
        )
        return "".join(dump_line(item) for item in items)

    def verify(self, chunk: str, record: Record) -> None:
        text = record["text"]
        kinds = {b["kind"] for b in record["boilerplate"]} | {BODY}
        for line in filter(None, chunk.split("\n")):  # not splitlines: U+2028 is text
            item = json.loads(line)
            if text[item["start"] : item["end"]] != item["text"] or item["label"] not in kinds:
                raise InvalidExportError(
                    "boilerplate line {line} of {id}", line=item['line'], id=record['id']
                )
