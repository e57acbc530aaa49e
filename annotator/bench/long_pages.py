"""`annotator bench long-pages`: seconds to clean and suggest pages built to be slow, and the
database each one makes.

The pages are synthetic and deterministic, each built to defeat one shortcut of the rules:
distinct lines of rare characters and of common ones (the near-duplicate index), thousands of
lines that each name a different official (the known-name lookups), prose on one line of 1 MB
and 4.9 MB (every rule reads the whole line), names and verbs with no punctuation at all (the
attendee and name rules read back to a clause break), and HTML nested 20,000 deep, 5,000
unclosed <div> and unclosed <font> (the tag path of every line, the walk to every ancestor).
They once took minutes to hours each, or made databases of hundreds of megabytes; an import
must never stall on one page, and its database grows with the page's text.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotator.cleaning import DEFAULT_MAX_BYTES
from annotator.model import AnnotationSet, Article

# the 300 most common characters of the seeds' prose would do; any fixed common set will
COMMON = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下"
    "过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都"
    "两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重"
    "新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想"
)
RARE = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 3000))
NESTED_DEPTH = 20_000
UNCLOSED_DIVS = 5_000
UNCLOSED_FONT_BYTES = 330_000


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "long-pages", help="seconds and database bytes of pages built to be slow, up to 5 MB"
    )
    parser.add_argument("--mb", type=float, default=4.5, help="size of each many-line page in MB")
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="scale of the one-line and HTML pages (1: 1 MB and 4.9 MB lines, 20,000 deep)",
    )
    parser.set_defaults(run=run)


@dataclass(frozen=True, slots=True)
class Shape:
    name: str
    source: str  # the file name the page is cleaned as (.txt or .html)
    make: Callable[[float, float, random.Random], bytes]  # (mb, scale, rng) -> page


def run(args: argparse.Namespace) -> int:
    print(
        f"long pages: many-line pages of ~{args.mb} MB, the others at scale {args.scale} "
        f"(import limit {DEFAULT_MAX_BYTES / 1e6:.0f} MB)"
    )
    empty = database_bytes(None, None)
    print(f"(database figures: what a page adds to an empty database of {empty / 1e3:.0f} KB)")
    for shape in SHAPES:
        data = shape.make(args.mb, args.scale, random.Random(shape.name))
        print(_measure(shape, data, empty))
    return 0


def _measure(shape: Shape, data: bytes, empty: int) -> str:
    from annotator.cleaning import clean_page
    from annotator.suggest import suggest_article

    started = time.perf_counter()
    article = clean_page(data, shape.source, max_bytes=max(len(data) * 2, DEFAULT_MAX_BYTES))
    cleaned = time.perf_counter() - started
    started = time.perf_counter()
    suggestions = suggest_article(article)
    suggested = time.perf_counter() - started
    stored = database_bytes(article, suggestions) - empty
    text_bytes = max(len(article.text.encode("utf-8")), 1)
    return (
        f"  {shape.name:<24} {len(data) / 1e6:4.1f} MB, {article.text.count(chr(10)) + 1:6d} "
        f"lines: clean {cleaned:5.1f} s, suggest {suggested:5.1f} s, "
        f"total {cleaned + suggested:5.1f} s; database +{stored / 1e6:5.1f} MB = "
        f"{stored / text_bytes:4.1f}x text, {stored / len(data):4.1f}x page "
        f"({len(suggestions.officials)} officials, {len(suggestions.spans)} spans)"
    )


def database_bytes(article: Article | None, suggestions: AnnotationSet | None) -> int:
    """Bytes on disk of a fresh database holding the article and its suggestions (nothing when
    None), as an import leaves it (closed: the write-ahead log folded in)."""
    from annotator.store import Store  # the benchmark, not the cleaner, needs the store

    with tempfile.TemporaryDirectory() as folder:
        with Store.open(Path(folder) / "bench.db") as store:
            if article is not None:
                store.add_articles([article])
            if suggestions is not None:
                store.replace_annotation_set(suggestions)
        return sum(f.stat().st_size for f in Path(folder).iterdir() if f.is_file())


# --- many lines ---------------------------------------------------------------------------------


def _distinct_lines(alphabet: str) -> Callable[[random.Random], str]:
    return lambda rng: "".join(rng.choice(alphabet) for _ in range(rng.randint(40, 80))) + "。"


def _official_per_line(rng: random.Random) -> str:
    name = "".join(rng.choice(COMMON) for _ in range(3))
    return f"省委书记{name}参加活动。" + "".join(rng.choice(COMMON) for _ in range(60)) + "。"


def _lines(make: Callable[[random.Random], str]) -> Callable[[float, float, random.Random], bytes]:
    def page(mb: float, _scale: float, rng: random.Random) -> bytes:
        return _joined(make, "\n", int(mb * 1_000_000), rng)

    return page


def _joined(make: Callable[[random.Random], str], sep: str, size: int, rng: random.Random) -> bytes:
    pieces: list[str] = []
    total = 0
    while total < size:
        pieces.append(make(rng))
        total += len(pieces[-1].encode("utf-8")) + len(sep)
    return sep.join(pieces).encode("utf-8")


# --- one line -----------------------------------------------------------------------------------


def _prose_line(mb: float) -> Callable[[float, float, random.Random], bytes]:
    """Seed paragraphs (Simplified) one after another with no line break: one line of `mb`."""

    def page(_mb: float, scale: float, rng: random.Random) -> bytes:
        from annotator.bench.import_pages import _seed_paragraphs

        paragraphs = _seed_paragraphs()[False]
        return _joined(lambda r: r.choice(paragraphs), "", int(mb * scale * 1_000_000), rng)

    return page


def _unpunctuated(rng: random.Random) -> str:
    """A title, a name and an attendance verb, run on with no clause break anywhere."""
    name = "".join(rng.choice(COMMON) for _ in range(2))
    return f"省委书记王{name}出席" + "".join(rng.choice(COMMON) for _ in range(20))


def _unpunctuated_line(_mb: float, scale: float, rng: random.Random) -> bytes:
    return _joined(_unpunctuated, "", int(1_000_000 * scale), rng)


# --- hostile HTML -------------------------------------------------------------------------------


def nested_divs(depth: int) -> bytes:
    """Every <div> holds a line of text and the next <div> (430 KB at 20,000 deep)."""
    opened = "".join(f"<div>第{i}段" for i in range(depth))
    return f"<html><body>{opened}{'</div>' * depth}</body></html>".encode()


def unclosed_divs(count: int) -> bytes:
    return ("<html><body>" + "".join(f"<div>第{i}段" for i in range(count))).encode()


def unclosed_fonts(size: int) -> bytes:
    """Paragraphs that each open a <font> never closed: every line one element deeper."""
    parts = ["<html><body>"]
    total = 0
    while total < size:
        parts.append(f"<p><font color=red>第{len(parts)}段文字,省委书记王伟中出席。")
        total += len(parts[-1].encode("utf-8"))
    return "".join(parts).encode("utf-8")


SHAPES: tuple[Shape, ...] = (
    Shape("rare characters", "rare.txt", _lines(_distinct_lines(RARE))),
    Shape("common characters", "common.txt", _lines(_distinct_lines(COMMON))),
    Shape("an official per line", "officials.txt", _lines(_official_per_line)),
    Shape("one line of 1 MB", "one-line-1.txt", _prose_line(1.0)),
    Shape("one line of 4.9 MB", "one-line-4.9.txt", _prose_line(4.9)),
    Shape("one unpunctuated line", "unpunctuated.txt", _unpunctuated_line),
    Shape("20k nested divs", "nested.html", lambda _mb, s, _r: nested_divs(int(NESTED_DEPTH * s))),
    Shape(
        "5k unclosed divs", "divs.html", lambda _mb, s, _r: unclosed_divs(int(UNCLOSED_DIVS * s))
    ),
    Shape(
        "unclosed fonts",
        "fonts.html",
        lambda _mb, s, _r: unclosed_fonts(int(UNCLOSED_FONT_BYTES * s)),
    ),
)
