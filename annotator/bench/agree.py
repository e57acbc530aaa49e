"""`annotator bench agree`: time the agreement over a synthetic corpus (10,000 articles × 3)."""

from __future__ import annotations

import argparse
import random
import time

from annotator.model import ENTITY_LABELS, REGION_LABELS, AnnotationSet, Span
from annotator.review.agreement import ArticleSets, measure_agreement

ANNOTATORS = ("ann1", "ann2", "ann3")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("agree", help="time `annotator agree` on a synthetic corpus")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--length", type=int, default=1500, help="characters per article")
    parser.add_argument("--seed", type=int, default=0)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    corpus = synthetic_corpus(args.articles, args.length, random.Random(args.seed))
    built = time.perf_counter()
    result = measure_agreement(corpus, ANNOTATORS)
    measured = time.perf_counter()
    spans = sum(len(s.spans) for article in corpus for s in article.sets.values())
    print(
        f"corpus: {result.articles} articles × {len(ANNOTATORS)} annotators, "
        f"{args.length} characters each, {spans} spans (built in {built - started:.1f} s)"
    )
    print(f"agreement (3 pairs + alpha of all three): {measured - built:.2f} s")
    print(
        f"alpha entities {result.alpha['entities']:.3f}, boilerplate {result.alpha['boilerplate']:.3f}"
    )
    return 0


def synthetic_corpus(articles: int, length: int, rng: random.Random) -> list[ArticleSets]:
    """News-like density: ~1 entity per 40 characters, a few boilerplate regions; each
    annotator keeps ~85% of a shared truth, shifts some edges and adds a little of their own."""
    text = "字" * length
    corpus = []
    for number in range(articles):
        article_id = f"{number:016x}"
        truth = _spans(rng, length, ENTITY_LABELS, length // 40, 2, 8)
        truth += _spans(rng, length, REGION_LABELS, 4, 20, 120)
        sets = {}
        for name in ANNOTATORS:
            mine = []
            for label, start, end in truth:
                if rng.random() < 0.85:
                    end = min(length, max(start + 1, end + rng.choice((-1, 0, 0, 0, 1))))
                    mine.append((label, start, end))
            mine += _spans(rng, length, ENTITY_LABELS, 2, 2, 8)
            spans = tuple(Span(article_id, name, label, s, e, text[s:e]) for label, s, e in mine)
            sets[name] = AnnotationSet(article_id, name, status="done", spans=spans)
        corpus.append(ArticleSets(article_id, text, sets))
    return corpus


def _spans(rng: random.Random, length: int, labels, count: int, shortest: int, longest: int):
    out = []
    for _ in range(count):
        start = rng.randrange(length - shortest)
        out.append((rng.choice(labels), start, min(length, start + rng.randint(shortest, longest))))
    return out
