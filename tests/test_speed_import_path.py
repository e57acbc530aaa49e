"""The import's faster write path (issue 13): workers hand the writer encoded rows, inserted by
one prepared statement. It must store exactly what `add_articles` stored before, count the same,
and search the same."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.cleaning import clean_page
from annotator.model import Article
from annotator.resources import seeds_dir
from annotator.store import Store, StoreError, bulk, codec


@pytest.fixture(scope="module")
def seed_articles() -> list[Article]:
    paths = sorted(p for p in seeds_dir().iterdir() if p.suffix in (".txt", ".html"))
    return [clean_page(p.read_bytes(), p.name) for p in paths]


def test_the_encoded_row_holds_every_column_of_the_row_codec_writes(
    seed_articles: list[Article],
) -> None:
    for article in seed_articles:
        row = codec.article_row(article, "2026-01-01T00:00:00")
        encoded = bulk.encode_article(article)
        assert dict(zip(bulk._ARTICLE_COLUMNS, encoded.values, strict=True)) == {
            k: v for k, v in row.items() if k != "imported_at"
        }


def test_encoded_articles_read_back_whole_and_count_as_before(seed_articles: list[Article]) -> None:
    first, rest = seed_articles[:3], seed_articles[3:]
    with Store.open(memory=True) as store:
        assert store.add_articles(first) == (3, 0)
        encoded = [bulk.encode_article(a) for a in [*rest, rest[0], *first]]  # a page twice
        assert store.add_encoded_articles(encoded) == (len(rest), len(first) + 1)
        assert store.add_encoded_articles([]) == (0, 0)
        for article in seed_articles:
            assert store.get_article(article.id) == article
        word = seed_articles[-1].text.strip()[:4]
        assert seed_articles[-1].id in store.article_ids(search=word)  # the index was filled


def test_one_illegal_id_refuses_the_encoded_batch(seed_articles: list[Article]) -> None:
    bad = bulk.encode_article(replace(seed_articles[0], id="../x"))
    with Store.open(memory=True) as store:
        with pytest.raises(StoreError):
            store.add_encoded_articles([bulk.encode_article(seed_articles[1]), bad])
        assert store.count_articles() == 0
