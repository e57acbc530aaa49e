"""CueMemo decides each distinct line of a run once (issue 13): the verdicts must be those of
deciding every line afresh, and a memo must never answer for other lexicons, another corpus or
another outlet."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from test_cleaning_support import REAL_PAGES, SEED_NAMES, seed_bytes

from annotator.bench.real_import import copy_page
from annotator.cleaning import clean_page
from annotator.model import Article, Block
from annotator.resources import resource_path
from annotator.store.block_codec import non_blank_lines
from annotator.suggest.boilerplate import CueMemo, classify_lines
from annotator.suggest.corpus import CorpusStats
from annotator.suggest.gazetteer import Gazetteer
from annotator.suggest.lexicons import Lexicons, default_lexicons
from annotator.suggest.lines import article_lines

NAV = "首页 新闻 体育 财经 娱乐"
BODY = "今天上午,省委书记张三在省会主持召开座谈会,听取各地关于经济工作的情况汇报并讲话。"


def pages_three_times() -> list[Article]:
    """The real pages and the seeds, each also as two copies whose paragraphs differ and
    whose furniture repeats, as an outlet's pages do."""
    originals = [(p.name, p.read_bytes()) for p in REAL_PAGES]
    originals += [(name, seed_bytes(name)) for name in SEED_NAMES]
    return [
        clean_page(copy_page(data, copy), f"{copy}_{name}")
        for copy in range(3)
        for name, data in originals
    ]


def kinds(
    article: Article,
    lexicons: Lexicons,
    corpus: CorpusStats | None,
    memo: CueMemo | None,
    gazetteer: Gazetteer | None = None,
) -> list[tuple[str, str | None, str]]:
    verdicts = classify_lines(
        article,
        article_lines(article),
        lexicons=lexicons,
        corpus=corpus,
        gazetteer=gazetteer,
        memo=memo,
    )
    return [(v.line.text, v.kind, v.rule) for v in verdicts]


def test_one_memo_for_a_run_gives_the_verdicts_of_none() -> None:
    articles = pages_three_times()
    corpus = CorpusStats.from_articles(articles)
    lexicons = default_lexicons()
    memo = CueMemo()
    with_memo = [kinds(a, lexicons, corpus, memo) for a in articles]
    assert with_memo == [kinds(a, lexicons, corpus, None) for a in articles]
    # the pages do repeat lines, so the memo was asked again for lines it had decided
    rules = [rule for verdicts in with_memo for _, _, rule in verdicts]
    assert "corpus-repeat" in rules


def test_a_memo_starts_afresh_for_other_lexicons(tmp_path: Path) -> None:
    article = Article.plain("a1", f"{BODY}\n前一篇:市长调研\n")
    memo = CueMemo()
    assert ("前一篇:市长调研", "navigation", "pager") not in kinds(
        article, default_lexicons(), None, memo
    )
    folder = tmp_path / "lexicons"
    shutil.copytree(resource_path("lexicons"), folder)
    with open(folder / "pager.txt", "a", encoding="utf-8") as out:
        out.write("前一篇\n")
    more = Lexicons.load(folder)
    assert ("前一篇:市长调研", "navigation", "pager") in kinds(article, more, None, memo)


def test_a_memo_starts_afresh_for_another_corpus_or_gazetteer() -> None:
    article = Article.plain("a1", f"{BODY}\n{NAV}\n{BODY}再次")
    memo = CueMemo()
    before = kinds(article, default_lexicons(), None, memo)
    lexicons = default_lexicons()
    repeated = [replace(article, id=f"a{n}") for n in range(5)]
    assert kinds(article, lexicons, CorpusStats.from_articles(repeated), memo) != before
    gazetteer = Gazetteer(boilerplate={NAV: "footer"})
    assert (NAV, "footer", "gazetteer") in kinds(article, lexicons, None, memo, gazetteer)


def test_a_line_repeated_in_one_outlet_is_not_furniture_in_another() -> None:
    text = f"{BODY}\n{NAV}\n{BODY}再次"
    ours = [Article.plain(f"a{n}", text, outlet="甲报") for n in range(5)]
    theirs = Article.plain("b1", text, outlet="乙报")
    corpus = CorpusStats.from_articles([*ours, theirs])
    memo = CueMemo()
    lexicons = default_lexicons()
    assert (NAV, "navigation", "corpus-repeat") in kinds(ours[0], lexicons, corpus, memo)
    assert kinds(theirs, lexicons, corpus, memo) == kinds(theirs, lexicons, corpus, None)
    assert (NAV, "navigation", "corpus-repeat") not in kinds(theirs, lexicons, corpus, memo)


def test_a_full_memo_is_emptied_and_still_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(CueMemo, "LIMIT", 2)
    articles = pages_three_times()[:6]
    lexicons = default_lexicons()
    memo = CueMemo()
    assert [kinds(a, lexicons, None, memo) for a in articles] == [
        kinds(a, lexicons, None, None) for a in articles
    ]


@pytest.mark.parametrize(
    "layout",
    [{"link_density": 0.9}, {"in_list": True}, {"tag_path": "html/body/footer/div"}],
    ids=["link-density", "in-list", "tag-path"],
)
def test_the_same_words_in_another_layout_are_decided_again(layout: dict[str, object]) -> None:
    short = "看点 热议"
    text = f"{BODY}\n{short}"
    lines = non_blank_lines(text)
    plain = Article.plain("a1", text, blocks=tuple(Block(s, e) for s, e in lines))
    laid_out = replace(plain, id="a2", blocks=(Block(*lines[0]), Block(*lines[1], **layout)))
    lexicons = default_lexicons()
    memo = CueMemo()
    assert kinds(plain, lexicons, None, memo) == kinds(plain, lexicons, None, None)
    assert kinds(laid_out, lexicons, None, memo) == kinds(laid_out, lexicons, None, None)
    assert kinds(laid_out, lexicons, None, None) != kinds(plain, lexicons, None, None)


def test_long_lines_are_decided_but_not_held() -> None:
    long_line = "长" * (CueMemo.LONGEST + 1)
    article = Article.plain("a1", f"{BODY}\n{long_line}\n{NAV}")
    memo = CueMemo()
    assert kinds(article, default_lexicons(), None, memo) == kinds(
        article, default_lexicons(), None, None
    )
    assert len(memo) == 2  # the body line and the menu, not the long line
