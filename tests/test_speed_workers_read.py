"""With --jobs, suggestion workers read and decode their articles themselves (issue 13): the
writer, the one process that cannot run in parallel, only hands out ids and writes. Same result
as one process; each worker opens its own read-only connection, never the writer's across a
fork."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.cleaning import clean_page
from annotator.resources import seeds_dir
from annotator.store import Store
from annotator.suggest.run import suggest_corpus


def stored(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            'SELECT article_id, label, start, "end", rule, score FROM spans '
            "WHERE annotator = 'auto' ORDER BY article_id, start, \"end\", label"
        ).fetchall()


@pytest.fixture
def corpus() -> list:
    pages = sorted(p for p in seeds_dir().iterdir() if p.suffix == ".txt")
    articles = [clean_page(p.read_bytes(), p.name) for p in pages]
    # distinct copies, so two workers get several articles each
    return articles + [
        clean_page(p.read_bytes() + f"\n第{n}份。".encode(), f"{n}-{p.name}")
        for n in range(3)
        for p in pages
    ]


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_workers_read_their_own_articles_and_store_what_one_process_stores(
    tmp_path: Path, corpus: list, monkeypatch: pytest.MonkeyPatch, start_method: str
) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    for db in (one, two):
        with Store.open(db) as store:
            store.add_articles(corpus)
    with Store.open(one) as store:
        assert suggest_corpus(store, jobs=1) == len(corpus)
    read_by_writer: list[str] = []
    original = Store.get_article

    def counted(self: Store, article_id: str):  # noqa: ANN202 - the method it wraps
        read_by_writer.append(article_id)
        return original(self, article_id)

    monkeypatch.setattr(Store, "get_article", counted)  # a worker process keeps its own copy
    with Store.open(two) as store:
        assert suggest_corpus(store, jobs=2, start_method=start_method) == len(corpus)
    if start_method == "fork":  # a forked worker inherits the patch: its calls are not seen here
        assert read_by_writer == []
    assert stored(two) == stored(one) != []


def test_a_database_in_memory_hands_its_workers_whole_articles(corpus: list) -> None:
    with Store.open(memory=True) as store:
        store.add_articles(corpus)
        assert store.article_reader() is None
        assert suggest_corpus(store, jobs=2, start_method="fork") == len(corpus)
