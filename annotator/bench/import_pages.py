"""`annotator bench import`: how fast pages become stored articles (cleaning + Store.add_articles).

The corpus is synthetic and deterministic: seed paragraphs recombined into new pages, as text
dumps and as HTML, Simplified (seeds 000, 001, 003) and Traditional (seeds 002, 004 kept as they
are, pinyin readings and all). Pages are generated lazily and stored in batches into a fresh
temporary database, so memory stays flat in N.
"""

from __future__ import annotations

import argparse
import html
import random
import resource
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.cleaning import clean_page
from annotator.cleaning.script import to_simplified
from annotator.resources import seeds_dir

SIMPLIFIED_SEEDS = ("000", "001", "003")
TRADITIONAL_SEEDS = ("002", "004")
TRADITIONAL_EVERY = 3  # one page in three is Traditional
SAME_PAGE_SAMPLE = 100  # Traditional pages also timed as their Simplified twin
SAME_PAGE_REPEATS = 5  # cleanings per timing of a page and its twin
MIN_PARAGRAPH = 20  # characters: shorter seed lines are navigation, not paragraphs


@dataclass(frozen=True, slots=True)
class Page:
    data: bytes
    source: str
    traditional: bool


@dataclass(slots=True)
class Figures:
    pages: int = 0
    traditional: int = 0
    clean_seconds: float = 0.0
    traditional_clean_seconds: float = 0.0
    store_seconds: float = 0.0
    inserted: int = 0
    database_bytes: int = 0  # the database file and its WAL after the last batch
    opencc_sample: list[str] = field(default_factory=list)  # raw texts, to time t2s alone
    # (Traditional page, the same page converted to Simplified) cleaning seconds, side by side
    same_page: list[tuple[float, float]] = field(default_factory=list)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("import", help="pages/s of cleaning + storing, peak memory")
    parser.add_argument("--articles", type=int, default=2000, metavar="N", help="pages per kind")
    parser.add_argument("--kind", choices=("text", "html", "both"), default="both")
    parser.add_argument("--batch", type=int, default=200, help="articles per store transaction")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    kinds = ("text", "html") if args.kind == "both" else (args.kind,)
    paragraphs = _seed_paragraphs()
    print(f"import benchmark: {args.articles} synthetic pages per kind, batches of {args.batch}")
    for kind in kinds:
        figures = _measure(_pages(kind, args.articles, paragraphs), args.batch)
        _report(kind, figures)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of the process): {peak_mib:.0f} MiB")
    return 0


def _measure(pages: Iterator[Page], batch_size: int) -> Figures:
    from annotator.store import Store  # the benchmark, not the cleaner, needs the store

    figures = Figures()
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "bench.db") as store:
        batch = []
        for page in pages:
            started = time.perf_counter()
            article = clean_page(page.data, page.source)
            seconds = time.perf_counter() - started
            figures.pages += 1
            figures.clean_seconds += seconds
            if page.traditional:
                figures.traditional += 1
                figures.traditional_clean_seconds += seconds
                if len(figures.opencc_sample) < 50:
                    figures.opencc_sample.append(article.raw_text)
                if len(figures.same_page) < SAME_PAGE_SAMPLE:
                    figures.same_page.append(_same_page_seconds(page))
            batch.append(article)
            if len(batch) >= batch_size:
                _store(store, batch, figures)
        _store(store, batch, figures)
        figures.database_bytes = sum(p.stat().st_size for p in Path(folder).iterdir())
    return figures


def _same_page_seconds(page: Page) -> tuple[float, float]:
    """CPU seconds of cleaning a Traditional page and the very same page in Simplified: best of
    three rounds of SAME_PAGE_REPEATS cleanings each, alternated, so both see the same machine.
    CPU time, not the clock: a page takes a millisecond or two, less than the slice another
    process on a busy machine takes from us."""
    simplified = to_simplified(page.data.decode("utf-8")).encode("utf-8")
    best = [float("inf"), float("inf")]
    for _ in range(3):
        for which, data in enumerate((page.data, simplified)):
            started = time.process_time()
            for _ in range(SAME_PAGE_REPEATS):
                clean_page(data, page.source)
            best[which] = min(best[which], (time.process_time() - started) / SAME_PAGE_REPEATS)
    return best[0], best[1]


def _store(store, batch: list, figures: Figures) -> None:
    started = time.perf_counter()
    inserted, _ = store.add_articles(batch)
    figures.store_seconds += time.perf_counter() - started
    figures.inserted += inserted
    batch.clear()


def _report(kind: str, f: Figures) -> None:
    total = f.clean_seconds + f.store_seconds
    simplified = f.pages - f.traditional
    simplified_seconds = f.clean_seconds - f.traditional_clean_seconds
    started = time.perf_counter()
    for text in f.opencc_sample:
        to_simplified(text)
    opencc_ms = (time.perf_counter() - started) / max(len(f.opencc_sample), 1) * 1000
    print(
        f"{kind:>4}: {f.pages / total:7.1f} pages/s clean+store "
        f"({f.pages / f.clean_seconds:.1f}/s cleaning alone, {f.pages / f.store_seconds:.0f}/s storing); "
        f"{f.inserted} stored, {f.database_bytes / max(f.inserted, 1):,.0f} database bytes "
        "per article"
    )
    print(
        f"      per page: Simplified {simplified_seconds / max(simplified, 1) * 1000:.2f} ms, "
        f"Traditional {f.traditional_clean_seconds / max(f.traditional, 1) * 1000:.2f} ms "
        f"(of which t2s ~{opencc_ms:.2f} ms)"
    )
    if f.same_page:
        traditional = sum(t for t, _ in f.same_page) / len(f.same_page) * 1000
        simplified = sum(s for _, s in f.same_page) / len(f.same_page) * 1000
        print(
            f"      the same {len(f.same_page)} pages: Traditional {traditional:.2f} ms, "
            f"converted to Simplified first {simplified:.2f} ms (CPU time): "
            f"{traditional / simplified:.2f}x (target <= 1.5x)"
        )


def _seed_paragraphs() -> dict[bool, list[str]]:
    """Traditional? -> seed lines long enough to be paragraphs, as the seeds wrote them."""
    folder = seeds_dir()
    pools: dict[bool, list[str]] = {False: [], True: []}
    for traditional, names in ((False, SIMPLIFIED_SEEDS), (True, TRADITIONAL_SEEDS)):
        for name in names:
            text = next(folder.glob(f"{name}_*.txt")).read_text(encoding="utf-8")
            pools[traditional] += [
                line.strip() for line in text.split("\n") if len(line.strip()) >= MIN_PARAGRAPH
            ]
    return pools


def _pages(kind: str, count: int, pools: dict[bool, list[str]]) -> Iterator[Page]:
    rng = random.Random(f"bench-import-{kind}")
    for number in range(count):
        traditional = number % TRADITIONAL_EVERY == TRADITIONAL_EVERY - 1
        pool = pools[traditional]
        title = rng.choice(pool)[:30]
        body = rng.sample(pool, k=min(len(pool), rng.randint(6, 14)))
        stamp = f"来源:新疆日报 2024-{1 + number % 12:02d}-{1 + number % 28:02d} 第{number}期"
        if kind == "text":
            data = "\n\n".join([title, stamp, *("  " + p for p in body)]).encode("utf-8")
            yield Page(data, f"bench/{number:06d}.txt", traditional)
        else:
            yield Page(
                _html_page(title, stamp, body).encode("utf-8"),
                f"bench/{number:06d}.html",
                traditional,
            )


def _html_page(title: str, stamp: str, body: list[str]) -> str:
    e = html.escape
    paragraphs = "\n".join(f"<p>{e(p)}</p>" for p in body)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(title)}_新疆日报</title>
<meta property="og:title" content="{e(title)}"><meta property="og:site_name" content="新疆日报">
<script>window.stats = {{"page": 1}};</script><style>p {{ margin: 0 }}</style></head>
<body><nav><ul><li><a href="/">首页</a></li><li><a href="/news">要闻</a></li>
<li><a href="/local">地方频道</a></li></ul></nav>
<div class="article"><h1>{e(title)}</h1><div class="meta">{e(stamp)}</div>
{paragraphs}
<div class="share">分享到:<a href="#">微信</a> <a href="#">微博</a></div></div>
<footer><p>版权所有 新疆日报社</p><!-- footer --></footer></body></html>"""
