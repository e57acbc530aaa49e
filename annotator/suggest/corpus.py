"""Line frequencies per outlet: a line that recurs in many articles of one outlet is furniture."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from annotator.model import Article, ArticleText
from annotator.suggest.lines import line_keys

MIN_ARTICLES = 3  # below this, a repeated line is as likely a shared quote as furniture
MIN_SHARE = 0.3  # of the outlet's articles


def outlet_key(article: Article | ArticleText) -> str:
    return article.outlet or ""


@dataclass(frozen=True, slots=True)
class CorpusStats:
    line_counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    article_counts: Counter[str] = field(default_factory=Counter)

    @classmethod
    def from_articles(cls, articles: Iterable[Article | ArticleText]) -> CorpusStats:
        line_counts: Counter[tuple[str, str]] = Counter()
        article_counts: Counter[str] = Counter()
        for article in articles:
            outlet = outlet_key(article)
            article_counts[outlet] += 1
            keys = set(line_keys(article))
            line_counts.update((outlet, key) for key in keys)
        return cls(line_counts, article_counts)

    def is_furniture(self, outlet: str, line_key: str) -> bool:
        count = self.line_counts.get((outlet, line_key), 0)
        total = self.article_counts.get(outlet, 0)
        return count >= MIN_ARTICLES and count >= MIN_SHARE * total
