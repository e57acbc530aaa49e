"""The search index keeps no positions (migration 3), so a page's database stays within a small
multiple of its text, while search finds what a scan of title and text finds."""

from __future__ import annotations

import random
import sqlite3

import pytest

from annotator.bench.long_pages import COMMON, SHAPES, database_bytes
from annotator.model import Article
from annotator.store import Store, codec
from annotator.store.migrations import MIGRATIONS, SEARCH_INDEX_CHARS


def _article(article_id: str, text: str, title: str | None = None) -> Article:
    return Article.plain(article_id, text, title=title)


ARTICLES = {
    "a" * 16: ("马兴瑞在乌鲁木齐会见楼阳生。Beijing Review 100% 完成_率", "新疆 News"),
    "b" * 16: ("马兴瑞在哈密考察。", "哈密"),
    "c" * 16: ("楼阳生出席\\座谈会，abc_d 会议", None),
}


def _scanned(query: str) -> list[str]:
    """The ids whose title or text hold `query` (ASCII case folded, as LIKE does)."""
    q = query.casefold() if query.isascii() else query
    found = []
    for article_id, (text, title) in sorted(ARTICLES.items()):
        haystacks = [text, title or ""]
        if query.isascii():
            haystacks = [h.casefold() for h in haystacks]
        if any(q in h for h in haystacks):
            found.append(article_id)
    return found


@pytest.mark.parametrize(
    "query",
    ["乌鲁木齐", "马兴瑞", "马兴", "哈密", "楼阳生出席", "NEWS", "news", "100%", "%", "_率",
     "abc_d", "\\座谈", "新疆 N", "不存在的词", "会见楼阳生。B"],
)  # fmt: skip
def test_search_finds_what_a_scan_finds(query: str) -> None:
    with Store.open(memory=True) as store:
        store.add_articles([_article(i, t, title) for i, (t, title) in ARTICLES.items()])
        assert store.article_ids(search=query) == _scanned(query)


def test_a_long_query_is_answered_by_the_index_not_a_scan() -> None:
    with Store.open(memory=True) as store:
        store.add_articles([_article("a" * 16, "马兴瑞在乌鲁木齐")])
        with store._reading() as conn:
            plan = conn.execute(
                "EXPLAIN QUERY PLAN SELECT rowid FROM articles_fts WHERE text LIKE '%乌鲁木%'"
            ).fetchall()
    assert any("INDEX 0:L" in row[-1] for row in plan), plan


def test_a_long_one_line_page_makes_a_database_under_three_times_its_text() -> None:
    rng = random.Random(7)
    text = "".join(rng.choice(COMMON) for _ in range(120_000))
    article = _article("d" * 16, text)
    stored = database_bytes(article, None) - database_bytes(None, None)
    assert stored < 3 * len(text.encode("utf-8")), stored / len(text.encode("utf-8"))


def test_a_text_too_long_for_the_index_is_still_found_anywhere_in_it() -> None:
    rng = random.Random(3)
    text = "".join(rng.choice(COMMON) for _ in range(SEARCH_INDEX_CHARS + 500)) + "乌鲁木齐"
    with Store.open(memory=True) as store:
        store.add_articles([_article("e" * 16, text), _article("f" * 16, "在乌鲁木齐")])
        assert store.article_ids(search="乌鲁木齐") == ["e" * 16, "f" * 16]
        assert store.article_ids(search=text[SEARCH_INDEX_CHARS - 3 : SEARCH_INDEX_CHARS + 3]) == [
            "e" * 16
        ]
        with store._reading() as conn:  # the index holds the short text only
            conn.execute(
                "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
            )


def test_a_database_of_the_previous_version_is_searched_after_its_migration(tmp_path) -> None:
    path = tmp_path / "v2.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for step in MIGRATIONS[:2]:
        step(conn)
    conn.execute("PRAGMA user_version = 2")
    for article_id, (text, title) in ARTICLES.items():
        row = codec.article_row(_article(article_id, text, title), "2026-01-01T00:00:00+00:00")
        conn.execute(
            f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
    conn.execute("COMMIT")
    conn.close()
    with Store.open(path) as store:
        assert store.article_ids(search="马兴瑞") == ["a" * 16, "b" * 16]
        assert store.article_ids(search="楼阳生出席") == ["c" * 16]


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["one line of 1 MB", "20k nested divs", "5k unclosed divs", "an official per line"]
)
def test_a_hostile_page_and_its_suggestions_make_a_database_under_three_times_its_text(name):
    """bench long-pages' shapes, at a quarter of their size: what the page adds to a database
    (article, search index, suggestions, their log) stays under 3x the page's text."""
    from annotator.cleaning import DEFAULT_MAX_BYTES, clean_page
    from annotator.suggest import suggest_article

    shape = next(s for s in SHAPES if s.name == name)
    data = shape.make(0.25, 0.25, random.Random(shape.name))
    article = clean_page(data, shape.source, max_bytes=DEFAULT_MAX_BYTES)
    stored = database_bytes(article, suggest_article(article)) - database_bytes(None, None)
    text_bytes = len(article.text.encode("utf-8"))
    assert stored < 3 * text_bytes, f"{stored / text_bytes:.1f}x the text"
