"""The register written out: JSON lines (one person a line) and CSV (one row per person × post)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from annotator.register.entries import Register

CSV_COLUMNS = (
    "person",
    "name",
    "title",
    "organization",
    "first_seen",
    "last_seen",
    "articles",
    "flags",
)


def json_lines(register: Register) -> Iterator[str]:
    for person in register.persons:
        yield json.dumps(person.as_json(), ensure_ascii=False) + "\n"


def csv_text(register: Register) -> Iterator[str]:
    """Rows a spreadsheet opens as is: article ids joined by spaces, flags by kind."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for person in register.persons:
        flags = " ".join(sorted({f.kind for f in person.flags}))
        for post in person.posts:
            writer.writerow(
                (
                    person.id,
                    person.name,
                    post.title,
                    post.organization or "",
                    post.first_seen or "",
                    post.last_seen or "",
                    " ".join(post.articles),
                    flags,
                )
            )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
