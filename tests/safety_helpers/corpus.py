"""A small, fixed corpus for the safety tests: seed texts as articles, plus `auto` suggestions.

Built from the seed texts directly (identity offset map) so the safety tests do not depend on the
cleaner; what they exercise is the store.
"""

from __future__ import annotations

import random
from pathlib import Path

from annotator.model import (
    AUTO,
    AnnotationSet,
    Article,
    Event,
    Official,
    OffsetMap,
    Span,
    article_id_for,
)
from annotator.resources import seeds_dir
from annotator.store import Store

TEXT_CHARS = 1200  # enough text for hundreds of distinct spans, small enough to snapshot often


def seed_articles(count: int = 3) -> list[Article]:
    articles = []
    for path in sorted(seeds_dir().glob("*.txt"))[:count]:
        text = path.read_text(encoding="utf-8")[:TEXT_CHARS]
        articles.append(
            Article(
                id=article_id_for(text.encode("utf-8")),
                source=path.name,
                raw_text=text,
                text=text,
                offset_map=OffsetMap.identity(len(text)),
                title=path.stem,
            )
        )
    return articles


def suggestion_set(article: Article, seed: int) -> AnnotationSet:
    """`auto` spans (draft ids 1..n), one official per OFFICIAL span, one event with evidence."""
    rng = random.Random(seed)
    labels = ("OFFICIAL", "TITLE", "ORG", "PLACE", "boilerplate/share", "EVENT")
    spans = []
    for draft_id in range(1, 13):
        start = rng.randrange(0, len(article.text) - 8)
        while article.text[start].isspace():  # entity spans of white space only are refused
            start = rng.randrange(0, len(article.text) - 8)
        end = start + rng.randint(2, 7)
        label = labels[draft_id % len(labels)]
        spans.append(
            Span(article.id, AUTO, label, start, end, article.text[start:end], id=draft_id)
        )
    officials = tuple(
        Official(article.id, AUTO, name=s.text, titles=("书记",), mentions=(s.id,), id=n)
        for n, s in enumerate((s for s in spans if s.label == "OFFICIAL"), start=1)
    )
    event_span = next(s for s in spans if s.label == "EVENT")
    events = (
        Event(
            article.id,
            AUTO,
            "座谈会/会议",
            date="2024-09-02",
            place="乌鲁木齐",
            participants=tuple(o.id for o in officials),
            evidence=event_span.id,
            id=1,
        ),
    )
    return AnnotationSet(article.id, AUTO, spans=tuple(spans), officials=officials, events=events)


def build_database(path: Path, *, articles: int = 3) -> list[str]:
    """A database with seed articles and suggestions; returns the article ids."""
    corpus = seed_articles(articles)
    with Store.open(path) as store:
        store.add_articles(corpus)
        for n, article in enumerate(corpus):
            store.replace_annotation_set(suggestion_set(article, seed=n))
    return [a.id for a in corpus]
