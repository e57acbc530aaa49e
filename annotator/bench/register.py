"""`annotator bench register`: build the officials register of a synthetic corpus.

Two figures: the register built from records already in memory (the pure part, at 100,000
articles by default), and the same read from a database through the store's bulk scans (a
smaller database, built once into the temp folder and kept: building it is not what we time).
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from collections.abc import Iterator
from pathlib import Path

from annotator.bench.cached import cached_database
from annotator.model import AnnotationSet, Event, Official
from annotator.register import ArticleRecords, build_register

PROVINCES = ("河南", "四川", "广东", "天津", "新疆", "浙江", "山东", "湖北", "云南", "甘肃")
POSTS = ("省委书记", "省长", "省委副书记", "副省长", "省政协主席", "省人大常委会主任")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华兴瑞"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("register", help="build the officials register")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--store-articles", type=int, default=10_000)
    parser.add_argument("--officials", type=int, default=8, help="per article")
    parser.add_argument("--seed", type=int, default=7)
    parser.set_defaults(run=run)


def synthetic_records(count: int, per_article: int, seed: int) -> Iterator[ArticleRecords]:
    """Articles over ten years; each post of each province has one holder per two-year term
    (deputy posts several), so the register finds persons with careers, not noise."""
    rng = random.Random(seed)
    holders: dict[tuple[int, str], list[tuple[str, str]]] = {}
    for term in range(5):
        for province in PROVINCES:
            for post in POSTS:
                for _ in range(3 if "副" in post else 1):
                    name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
                    holders.setdefault((term, province), []).append((name, province + post))
    for number in range(count):
        year = 2015 + number * 10 // count
        published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        province = rng.choice(PROVINCES)
        present = rng.sample(holders[((year - 2015) // 2, province)], per_article)
        officials = tuple(
            Official("", "auto", name, (post,), None, (), i + 1)
            for i, (name, post) in enumerate(present)
        )
        events = (Event("", "auto", "座谈会/会议", published, None, province, (1, 2), None, 1),)
        yield ArticleRecords(
            f"{number:016x}", f"{province}报道{number}", published, "auto", officials, events
        )


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _database(count: int, per_article: int, seed: int) -> Path:
    from annotator.bench.gui import seed_lines, synthetic_articles
    from annotator.store import Store

    def build(path: Path) -> None:
        articles = list(synthetic_articles(count, seed_lines()))
        with Store.open(path) as store:
            store.add_articles(articles)
            records = synthetic_records(count, per_article, seed)
            for article, found in zip(articles, records, strict=True):
                officials = tuple(
                    Official(article.id, "auto", o.name, o.titles, None, (), o.id)
                    for o in found.officials
                )
                store.replace_annotation_set(AnnotationSet(article.id, "auto", officials=officials))

    return cached_database(f"annotator-bench-register-{count}-{per_article}", build)


def run(args: argparse.Namespace) -> int:
    from annotator.register.loading import register_of
    from annotator.store import Store

    records = list(synthetic_records(args.articles, args.officials, args.seed))
    started, cpu = time.perf_counter(), time.process_time()
    result = build_register(records)
    built, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"register, in memory: {args.articles:,} articles × {args.officials} officials -> "
        f"{len(result.persons):,} persons, {len(result.flags):,} flags in {built:.2f} s "
        f"({cpu:.2f} s CPU; {args.articles / built:,.0f} articles/s); "
        f"peak RSS {_peak_mib():.0f} MiB"
    )
    path = _database(args.store_articles, args.officials, args.seed)
    with Store.open(path, read_only=True) as store:
        started, cpu = time.perf_counter(), time.process_time()
        from_store = register_of(store)
        loaded, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"register, from the database: {args.store_articles:,} articles -> "
        f"{len(from_store.persons):,} persons in {loaded:.2f} s ({cpu:.2f} s CPU; "
        f"{args.store_articles / loaded:,.0f} articles/s, store read included)"
    )
    return 0
