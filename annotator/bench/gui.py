"""`annotator bench gui`: how fast the window opens, switches article and commits a label.

Runs offscreen on a synthetic database (seed lines recombined; cached in the temp dir, keyed by
the article count). The heaviest articles carry 500 spans each. Figures are printed, never
asserted. Targets: window < 1.5 s, switch < 50 ms, label < 10 ms at the 95th percentile.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from collections.abc import Iterator
from pathlib import Path

from annotator.bench.cached import cached_database
from annotator.model import AnnotationSet, Article, OffsetMap, Span, article_id_for

BENCH_ANNOTATOR = "bench"
HEAVY_ARTICLES = 20
HEAVY_SPANS = 500
BATCH = 5000


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gui", help="window launch, article switch and label latency")
    parser.add_argument("--articles", type=int, default=100_000, help="synthetic articles (100000)")
    parser.add_argument("--labels", type=int, default=200, help="label key presses to time (200)")
    parser.set_defaults(run=run)


def seed_lines() -> list[str]:
    from annotator.importing import clean_file
    from annotator.resources import seeds_dir

    lines: list[str] = []
    for path in sorted(seeds_dir().glob("*.txt")):
        for article in clean_file(path, max_bytes=10_000_000):
            lines += [line for line in article.text.split("\n") if len(line) > 4]
    return lines


def synthetic_articles(count: int, lines: list[str]) -> Iterator[Article]:
    rng = random.Random(20240904)
    for n in range(count):
        size = 90 if n < HEAVY_ARTICLES else rng.randint(6, 14)
        text = "\n".join(rng.choice(lines) for _ in range(size))
        yield Article(
            id=article_id_for(f"{n}:{text}".encode()),
            source=f"bench/{n:06d}.txt",
            raw_text=text,
            text=text,
            offset_map=OffsetMap.identity(len(text)),
            title=text.split("\n", 1)[0][:40],
            outlet="合成",
            published=f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}",
        )


def heavy_set(article: Article) -> AnnotationSet:
    """500 three-character spans spread over the article."""
    step = len(article.text) // HEAVY_SPANS
    labels = ("OFFICIAL", "TITLE", "ORG", "PLACE", "DATE", "EVENT")
    spans = []
    for n in range(HEAVY_SPANS):
        start = n * step
        spans.append(
            Span(
                article.id,
                BENCH_ANNOTATOR,
                labels[n % 6],
                start,
                start + 3,
                article.text[start : start + 3],
                id=n + 1,
            )
        )
    return AnnotationSet(article.id, BENCH_ANNOTATOR, spans=tuple(spans))


def build_database(count: int) -> Path:
    from annotator.store import Store

    def build(path: Path) -> None:
        with Store.open(path) as store:
            batch: list[Article] = []
            heavy: list[Article] = []
            for article in synthetic_articles(count, seed_lines()):
                batch.append(article)
                if len(heavy) < HEAVY_ARTICLES:
                    heavy.append(article)
                if len(batch) >= BATCH:
                    store.add_articles(batch)
                    batch.clear()
            store.add_articles(batch)
            for article in heavy:
                store.replace_annotation_set(heavy_set(article))

    return cached_database(f"annotator-bench-gui-{count}", build)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    db = build_database(args.articles)
    started = time.perf_counter()  # launch time includes loading Qt, as a user's launch does
    started_cpu = time.process_time()
    from annotator.gui.bench import measure_window

    measure_window(
        db,
        started=started,
        started_cpu=started_cpu,
        annotator=BENCH_ANNOTATOR,
        heavy_articles=HEAVY_ARTICLES,
        heavy_spans=HEAVY_SPANS,
        labels=args.labels,
    )
    return 0
