"""The faster forms of cleaning and suggesting (issue 13) give exactly what the plain forms
gave: each fast path is held against a simple reference written here, on the pages we have
and on generated text. Speed itself is measured in `annotator bench`, never here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.cleaning.chars import HAN
from annotator.cleaning.script import TRADITIONAL_SHARE, detect_script, traditional_characters
from annotator.resources import seeds_dir

REAL_PAGES = Path(__file__).resolve().parents[2] / "shared" / "real-pages"


def reference_script(text: str) -> str:
    """The definition: the share of Han characters that t2s changes, counted one by one."""
    changed = traditional_characters()
    traditional = sum(1 for char in text if char in changed)
    han = len(re.findall(f"[{HAN}]", text))
    return "traditional" if traditional and traditional >= TRADITIONAL_SHARE * han else "simplified"


def page_texts() -> list[str]:
    paths = sorted(seeds_dir().iterdir()) + sorted(REAL_PAGES.rglob("*.html"))
    return [p.read_bytes().decode("utf-8", "replace") for p in paths if p.is_file()]


def test_detect_script_on_every_page_we_have() -> None:
    texts = page_texts()
    assert {detect_script(t) for t in texts} == {"simplified", "traditional"}  # both kinds seen
    assert [detect_script(t) for t in texts] == [reference_script(t) for t in texts]


# a few Traditional characters, Simplified ones, an astral Han character, Latin and space
_ALPHABET = "國們說這个们说这中文\U00020000𪚥 aZ\n。"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_detect_script_on_any_mix(text: str) -> None:
    assert detect_script(text) == reference_script(text)


@pytest.mark.parametrize("share", [0.04, 0.05, 0.06])
def test_detect_script_at_the_threshold(share: float) -> None:
    han = 1000
    traditional = round(share * han)
    text = "國" * traditional + "中" * (han - traditional)
    assert detect_script(text) == reference_script(text)


def test_the_near_duplicate_index_refuses_a_line_it_was_not_given() -> None:
    """Its shortcut (a line whose rarest tokens are its own is never indexed) holds only for
    the lines whose tokens it counted: any other line is refused, not answered wrongly."""
    from annotator.suggest.boilerplate import _NearIndex

    given_lines = [
        "新疆维吾尔自治区党委书记马兴瑞在乌鲁木齐调研",
        "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸",
    ]
    index = _NearIndex(given_lines)
    for line in given_lines:
        assert not index.has_near(line)
        index.add(line)
    with pytest.raises(ValueError, match="not given"):
        index.has_near("新疆维吾尔自治区党委书记马兴瑞在喀什地区调研")


def test_a_block_crosses_to_a_worker_process_whole() -> None:
    """Block pickles as its field values (a cheaper form): every field, in order, comes back."""
    import dataclasses
    import pickle

    from annotator.model import Block

    values = {"start": 3, "end": 9, "tag_path": "html/body/p", "link_density": 0.25}
    values |= {"in_list": True, "heading": True, "indent": 4}
    assert set(values) == {f.name for f in dataclasses.fields(Block)}  # a new field: add it here
    block = Block(**values)
    back = pickle.loads(pickle.dumps(block, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == block and type(back) is Block
    assert all(getattr(back, name) == value for name, value in values.items())


def test_the_fingerprint_reads_every_block_field(tmp_path) -> None:
    """Blocks enter an article's input fingerprint field by field (not by repr): a change of
    any field changes it; the same article read back from the store keeps it."""
    import dataclasses

    from annotator.cleaning import clean_page
    from annotator.store import Store
    from annotator.suggest.corpus import CorpusStats
    from annotator.suggest.gazetteer import Gazetteer
    from annotator.suggest.inputs import SuggestionInputs

    page = next(p for p in sorted(REAL_PAGES.rglob("*.html"))) if REAL_PAGES.is_dir() else None
    path = page or next(p for p in sorted(seeds_dir().iterdir()) if p.suffix == ".html")
    article = clean_page(path.read_bytes(), path.name)
    inputs = SuggestionInputs.of(schema=None, corpus=CorpusStats(), gazetteer=Gazetteer())
    with Store.open(tmp_path / "f.db") as store:
        store.add_articles([article])
        stored = store.get_article(article.id)
    assert inputs.fingerprint(stored, ()) == inputs.fingerprint(article, ())
    first = article.blocks[0]
    changes = {"tag_path": "x", "link_density": 0.5, "in_list": True, "heading": True}
    changes |= {"indent": 9, "start": first.start + 1, "end": first.end + 1}
    assert set(changes) == {f.name for f in dataclasses.fields(first)}
    for name, value in changes.items():
        blocks = (dataclasses.replace(first, **{name: value}), *article.blocks[1:])
        other = dataclasses.replace(article, blocks=blocks)
        assert inputs.fingerprint(other, ()) != inputs.fingerprint(article, ()), name


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["html", "body", "div", "nav", "p", "Footer", "li"]), max_size=14))
def test_a_short_tag_path_renders_as_the_general_rule_does(names: list[str]) -> None:
    from annotator.cleaning.tag_path import HEAD, TAIL, TagPath

    path = TagPath()
    for name in names:
        path = path.child(name)
    assert path.render() == path._render_cut()
    if len(names) <= HEAD + TAIL:
        assert path.render() == "/".join(names)


def test_line_keys_are_the_keys_of_the_article_lines() -> None:
    from annotator.cleaning import clean_page
    from annotator.model import Article
    from annotator.suggest.lines import article_lines, line_keys

    paths = [p for p in sorted(seeds_dir().iterdir()) if p.suffix in (".txt", ".html")]
    paths += sorted(REAL_PAGES.rglob("*.html"))[:10]
    articles = [clean_page(p.read_bytes(), p.name) for p in paths]
    articles.append(Article.plain("plain", " a  b \n\n\t\n 国务院  总理 \r\nc"))  # no blocks
    for article in articles:
        assert line_keys(article) == [line.key for line in article_lines(article)]


def test_the_pair_check_lets_every_near_pair_through() -> None:
    """The cheap check that spares most articles the token index never hides a near copy: a
    paragraph with one character changed is still found, an exact copy too, and distinct
    paragraphs skip the tokens."""
    from annotator.suggest.boilerplate import _near, _NearIndex, _some_pair_may_be_near, _tokens

    paragraph = "自治区党委书记马兴瑞在乌鲁木齐市调研时强调要坚定不移推进高质量发展工作"
    near = paragraph.replace("坚定", "坚决")
    other = "今年以来全区各地各部门认真贯彻落实党中央决策部署经济运行稳中向好态势明显"
    assert _near(paragraph, frozenset(_tokens(paragraph)), near, frozenset(_tokens(near)))
    assert _some_pair_may_be_near([paragraph, near, other])
    assert not _some_pair_may_be_near([paragraph, other])
    index = _NearIndex([paragraph, other, near])
    for text in (paragraph, other):
        assert not index.has_near(text)
        index.add(text)
    assert index.has_near(near) and index.has_near(paragraph)


_WHITESPACE_ALPHABET = " \t\n\r\u3000\xa0\u200b\ufeff中a"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_WHITESPACE_ALPHABET, max_size=30))
def test_lone_line_breaks_left_unmatched_change_nothing(text: str) -> None:
    """normalize_whitespace skips a lone "\\n" between two non-space characters (it would be
    replaced by itself): the same text and offset map as with every break matched."""
    import re

    from annotator.cleaning import whitespace

    fast = whitespace.normalize_whitespace(text)
    every_break = re.compile(
        whitespace._WHITESPACE.pattern.replace(f"(?!{whitespace._LONE_BREAK})", "")
    )
    assert every_break.pattern != whitespace._WHITESPACE.pattern
    original = whitespace._WHITESPACE
    whitespace._WHITESPACE = every_break
    try:
        slow = whitespace.normalize_whitespace(text)
    finally:
        whitespace._WHITESPACE = original
    assert fast[0] == slow[0] and fast[1] == slow[1]
