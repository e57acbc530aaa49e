"""The pass over the whole corpus before suggesting reads ids, outlets and texts only (issue 13:
each article was decoded whole twice per import). What it computes must be what the whole
articles give: the cleaner makes one block per non-empty line, so the line keys are the text's."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
import sys
from pathlib import Path

import pytest

from annotator.cleaning import clean_page
from annotator.resources import seeds_dir
from annotator.store import Store
from annotator.store.errors import CorruptDatabase
from annotator.suggest.corpus import CorpusStats
from annotator.suggest.lines import line_key, line_keys

REAL = Path(__file__).parent / "data" / "real"


def cleaned_pages() -> list:
    pages = [*sorted(seeds_dir().iterdir()), *sorted(REAL.iterdir())]
    return [clean_page(p.read_bytes(), p.name) for p in pages if p.suffix in (".txt", ".html")]


def test_the_line_keys_of_a_cleaned_page_are_those_of_its_text_alone() -> None:
    articles = cleaned_pages()
    assert any(a.blocks and a.blocks[0].tag_path for a in articles)  # HTML pages are in
    for article in articles:
        assert line_keys(article) == line_keys(dataclasses.replace(article, blocks=())), article.source


def test_texts_come_in_list_order_and_give_the_corpus_figures_whole_articles_give(
    tmp_path: Path,
) -> None:
    articles = cleaned_pages()
    with Store.open(tmp_path / "a.db") as store:
        store.add_articles(articles)
        texts = list(store.iter_article_texts())
        whole = list(store.iter_articles())
        assert [t.id for t in texts] == store.article_ids() == [a.id for a in whole]
        assert [(t.outlet, t.text) for t in texts] == [(a.outlet, a.text) for a in whole]
        assert CorpusStats.from_articles(texts) == CorpusStats.from_articles(whole)


def test_a_text_column_holding_a_blob_is_named_as_damage(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with Store.open(path) as store:
        store.add_articles(cleaned_pages()[:2])
    conn = sqlite3.connect(path)
    conn.execute("UPDATE articles SET text = x'e4b8ad' WHERE rowid = 1")
    conn.commit()
    conn.close()
    with Store.open(path) as store, pytest.raises(CorruptDatabase, match="column text"):
        list(store.iter_article_texts())


def test_a_line_key_joins_white_space_as_a_regex_would_for_every_code_point() -> None:
    """line_key relies on str.split() knowing the white space `\\s` knows: checked on each."""
    space = re.compile(r"\s+")
    for point in range(sys.maxunicode + 1):
        line = f"a{chr(point)}{chr(point)}b{chr(point)}c"
        assert line_key(line) == space.sub(" ", line), hex(point)
