"""`annotator bench long-pages`: seconds to clean and suggest pages near the 5 MB limit.

The pages are synthetic and deterministic, each built to defeat one shortcut of the rules:
distinct lines of rare characters and of common ones (the near-duplicate index), and thousands
of lines that each name a different official (the known-name lookups). They once took minutes
to hours each; an import must never stall on one page.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

from annotator.cleaning import DEFAULT_MAX_BYTES

# the 300 most common characters of the seeds' prose would do; any fixed common set will
COMMON = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下"
    "过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都"
    "两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重"
    "新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想"
)
RARE = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 3000))


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "long-pages", help="seconds to clean and suggest pages built to be slow, near 5 MB"
    )
    parser.add_argument("--mb", type=float, default=4.5, help="size of each page in MB")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from annotator.cleaning import clean_page
    from annotator.suggest import suggest_article

    size = int(args.mb * 1_000_000)
    print(f"long pages of ~{args.mb} MB (import limit {DEFAULT_MAX_BYTES / 1e6:.0f} MB)")
    for name, make in PAGES.items():
        data = _page(make, size, random.Random(name))
        started = time.perf_counter()
        article = clean_page(data, f"{name}.txt", max_bytes=max(size * 2, DEFAULT_MAX_BYTES))
        cleaned = time.perf_counter() - started
        started = time.perf_counter()
        suggestions = suggest_article(article)
        suggested = time.perf_counter() - started
        print(
            f"  {name:<24} {len(data) / 1e6:4.1f} MB, {article.text.count(chr(10)) + 1:6d} lines: "
            f"clean {cleaned:5.1f} s, suggest {suggested:5.1f} s "
            f"({len(suggestions.officials)} officials, {len(suggestions.spans)} spans)"
        )
    return 0


def _distinct_lines(alphabet: str) -> Callable[[random.Random], str]:
    return lambda rng: "".join(rng.choice(alphabet) for _ in range(rng.randint(40, 80))) + "。"


def _official_per_line(rng: random.Random) -> str:
    name = "".join(rng.choice(COMMON) for _ in range(3))
    return f"省委书记{name}参加活动。" + "".join(rng.choice(COMMON) for _ in range(60)) + "。"


PAGES: dict[str, Callable[[random.Random], str]] = {
    "rare characters": _distinct_lines(RARE),
    "common characters": _distinct_lines(COMMON),
    "an official per line": _official_per_line,
}


def _page(make: Callable[[random.Random], str], size: int, rng: random.Random) -> bytes:
    lines: list[str] = []
    total = 0
    while total < size:
        lines.append(make(rng))
        total += len(lines[-1].encode("utf-8")) + 1
    return "\n".join(lines).encode("utf-8")
