"""`annotator bench export`: native JSONL export speed against a bare json.dumps loop.

The corpus is synthetic, deterministic and in memory: a pool of articles made of seed lines,
each with ~20 entity spans, a few boilerplate regions, officials and an event, cycled to N
articles under distinct ids. Measured (wall clock, one core), each line in articles/s and in MB/s of its own output:
- `bare json.dumps`: json.dumps(record, ensure_ascii=False) over the ready-made records — the
  practical limit the issue names;
- `bare orjson.dumps`: the same with the encoder the exporter uses (compact output);
- `write_export`: the records through the exporter as `annotator export` runs it
  (JSON Schema validation + span checks + formatting + re-reading each line);
- `to_record + write_export`: the same from (Article, AnnotationSet) pairs, i.e. including the
  record layer. The store's reading time is not included.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import time
from collections.abc import Callable, Iterator

import orjson

from annotator.formats.base import Record
from annotator.formats.jsonl import JsonlFormat
from annotator.formats.pipeline import write_export
from annotator.formats.record import to_record
from annotator.model import (
    AnnotationSet,
    Article,
    Event,
    Official,
    OffsetMap,
    Span,
    region_label,
)
from annotator.resources import seeds_dir

POOL = 200
LABELS = ("OFFICIAL", "TITLE", "ORG", "PLACE", "DATE", "EVENT")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("export", help="native JSONL export speed vs bare json.dumps")
    parser.add_argument("--articles", type=int, default=100_000, metavar="N")
    parser.set_defaults(run=run)


def _pool(rng: random.Random) -> list[tuple[Article, AnnotationSet]]:
    lines = [
        line.strip()
        for path in sorted(seeds_dir().glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    pool = []
    for n in range(POOL):
        text = "\n".join(rng.sample(lines, k=min(12, len(lines))))
        article = Article(f"{n:016x}", f"bench-{n}.txt", text, text, OffsetMap.identity(len(text)))
        spans = []
        for i in range(20):
            start = rng.randrange(len(text) - 8)
            end = start + rng.randint(2, 8)
            spans.append(
                Span(article.id, "bench", LABELS[i % 6], start, end, text[start:end], i + 1)
            )
        first_line = text.index("\n")
        spans.append(
            Span(article.id, "bench", region_label("share"), 0, first_line, text[:first_line], 99)
        )
        official = Official(article.id, "bench", "马兴瑞", ("书记",), None, (1, 7), id=1)
        event = Event(article.id, "bench", "座谈会/会议", "2024-07-08", None, "乌鲁木齐", (1,), 6)
        pool.append(
            (
                article,
                AnnotationSet(article.id, "bench", "done", 0, tuple(spans), (official,), (event,)),
            )
        )
    return pool


def _pairs(
    pool: list[tuple[Article, AnnotationSet]], count: int
) -> Iterator[tuple[Article, AnnotationSet]]:
    for n in range(count):
        article, aset = pool[n % len(pool)]
        yield article, aset  # same content, distinct records: the id is rewritten below


class _Sink(io.TextIOBase):
    """Counts and discards what is written: 100,000 articles would not fit in memory."""

    def __init__(self) -> None:
        super().__init__()
        self.bytes = 0

    def write(self, text: str) -> int:
        self.bytes += len(text.encode())
        return len(text)


def _timed(label: str, articles: int, work: Callable[[_Sink], object]) -> float:
    """Articles per second of `work`, printed beside the MB/s of what it wrote."""
    sink = _Sink()
    started = time.perf_counter()
    work(sink)
    seconds = time.perf_counter() - started
    print(
        f"{label:<26} {seconds:6.2f} s  {articles / seconds:9,.0f} articles/s  "
        f"{sink.bytes / 1e6 / seconds:6.1f} MB/s"
    )
    return articles / seconds


def run(args: argparse.Namespace) -> int:
    rng = random.Random(7)
    pool = _pool(rng)
    records: list[Record] = []
    for n, (article, aset) in enumerate(_pairs(pool, args.articles)):
        record = to_record(article, aset)
        record["id"] = f"{n:016x}"
        records.append(record)
    count = len(records)
    print(f"{count} articles")

    def bare(out: _Sink) -> None:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")

    def bare_orjson(out: _Sink) -> None:
        for record in records:
            out.write(orjson.dumps(record).decode() + "\n")

    def exporter(out: _Sink) -> None:
        write_export(records, JsonlFormat(), out)

    def from_pairs(out: _Sink) -> None:
        write_export((to_record(a, s) for a, s in _pairs(pool, count)), JsonlFormat(), out)

    limit = _timed("bare json.dumps", count, bare)
    fast = _timed("bare orjson.dumps", count, bare_orjson)
    full = _timed("write_export", count, exporter)
    _timed("to_record + write_export", count, from_pairs)
    print(
        "write_export (JSON Schema + span checks + read-back on every record) exports "
        f"{100 * full / limit:.0f} % as many articles/s as a bare json.dumps loop "
        f"({100 * full / fast:.0f} % of a bare orjson loop)"
    )
    return 0
