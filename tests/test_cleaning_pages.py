"""clean_page end to end: the seeds, real HTML pages, other encodings, and bad input."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cleaning_support import REAL_PAGES, SEED_NAMES, same_character, seed_bytes, seed_path, t2s

from annotator.cleaning import (
    CLEANER_VERSION,
    DEFAULT_MAX_BYTES,
    BinaryData,
    CleaningError,
    EmptyPage,
    TooLarge,
    clean_page,
)
from annotator.cleaning.chars import TONED_SYLLABLE
from annotator.model import article_id_for

TONED = re.compile(TONED_SYLLABLE + r"[)）]")


def _clean_seed(name: str):
    return clean_page(seed_bytes(name), seed_path(name).name)


@pytest.fixture(scope="module")
def articles():
    seeds = {name: _clean_seed(name) for name in SEED_NAMES}
    real = {path.name: clean_page(path.read_bytes(), path.name) for path in REAL_PAGES}
    return seeds | real


ALL_PAGES = list(SEED_NAMES) + [path.name for path in REAL_PAGES]


# --- seeds ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title", "published", "outlet", "script"),
    [
        (
            "000",
            "河南省党政代表团来疆对接对口援疆和交流合作工作",
            "2024-09-04",
            "石榴云/新疆日报",
            "simplified",
        ),
        (
            "001",
            "携手绘“疆”来丨河南省援疆工作前方指挥部总指挥卢希望:山河相望 豫哈情深",
            "2023-10-11",
            "人民网新疆频道",
            "simplified",
        ),
        ("002", "天津市党政代表团来疆考察对接对口支援工作", None, None, "traditional"),
        ("003", "新疆党政代表团赴四川省学习考察", "2024-04-08", "天山网-新疆日报", "simplified"),
        ("004", "新疆维吾尔自治区党政代表团来粤考察交流", "2022-05-11", "本网", "traditional"),
    ],
)
def test_seed_metadata(articles, name, title, published, outlet, script):
    article = articles[name]
    assert (article.title, article.published, article.outlet, article.script) == (
        title,
        published,
        outlet,
        script,
    )
    assert article.id == article_id_for(seed_bytes(name))
    assert article.cleaner_version == CLEANER_VERSION
    assert article.raw_text == seed_path(name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["002", "004"])
def test_traditional_seeds_end_simplified_without_readings(articles, name):
    article = articles[name]
    assert t2s().convert(article.text) == article.text
    assert not TONED.search(article.text)
    assert TONED.search(article.raw_text)


def test_seed_002_first_line_is_the_bare_title(articles):
    assert len(articles["002"].raw_text.split("\n")[0]) == 36
    assert articles["002"].text.split("\n")[0] == "天津市党政代表团来疆考察对接对口支援工作"


def test_seed_002_lost_characters_are_flagged(articles):
    article = articles["002"]
    flagged = [article.text[d.start : d.end] for d in article.damage if d.kind == "lost"]
    assert flagged.count("??") == 5  # 新疆日?qǐng)?bào): 报 and its reading lost, five times
    assert "?嵺`" in flagged and "?貎?" in flagged
    assert "?" not in re.sub(r"\?", "", "".join(flagged))
    # every ? left in the text is inside a flagged stretch
    covered = {i for d in article.damage for i in range(d.start, d.end)}
    assert {m.start() for m in re.finditer(r"\?", article.text)} <= covered
    # the raw stretch behind the first one is the damaged `?qǐng)?`
    first = next(d for d in article.damage if article.text[d.start : d.end] == "??")
    raw_start, raw_end = article.original_span(first.start, first.end)
    assert article.raw_text[raw_start:raw_end] == "?qǐng)?"


def test_seed_000_question_marks_are_not_damage(articles):
    article = articles["000"]
    assert "能否取代配速员?" in article.text
    assert article.damage == ()


def test_seed_001_bullets_stay_list_markers(articles):
    lines = articles["001"].text.split("\n")
    assert "• 援疆新闻" in lines
    assert "艾尔肯·吐尼亚孜" in articles["000"].text


def test_text_dump_blocks_record_indent(articles):
    article = articles["000"]
    by_text = {article.text[b.start : b.end]: b for b in article.blocks}
    assert by_text["来源:石榴云/新疆日报2024-09-04 21:37"].indent == 0
    assert (
        by_text["马兴瑞 楼阳生 艾尔肯·吐尼亚孜 祖木热提·吾布力 何忠友 张柱参加有关活动"].indent == 2
    )


# --- offset map: every cleaned character stands on its raw character ------------------------


@pytest.mark.parametrize("name", ALL_PAGES)
def test_every_character_maps_back_to_its_raw_character(articles, name):
    article = articles[name]
    to_raw = article.offset_map.to_raw
    raw = article.raw_text
    assert article.offset_map.text_length == len(article.text)
    assert article.offset_map.raw_length == len(raw)
    mismatches = [
        (p, char, raw[to_raw(p)])
        for p, char in enumerate(article.text)
        if not same_character(char, raw[to_raw(p)])
    ]
    assert mismatches == []


@pytest.mark.parametrize("name", ALL_PAGES)
def test_lines_and_random_spans_map_back(articles, name):
    article = articles[name]
    rng = random.Random(name)
    spans = [(b.start, b.end) for b in article.blocks]
    spans += [tuple(sorted(rng.sample(range(len(article.text) + 1), 2))) for _ in range(50)]
    for start, end in spans:
        raw_start, raw_end = article.original_span(start, end)
        raw_slice = article.raw_text[raw_start:raw_end]
        # the raw slice is the cleaned text up to readings, white space, dots and script
        cleaned_again = (
            clean_page(raw_slice.encode() or b" ", "x.txt", kind="text")
            if raw_slice.strip()
            else None
        )
        expected = article.text[start:end]
        if cleaned_again is None:
            assert not expected.strip()
        else:
            assert _comparable(cleaned_again.text) == _comparable(expected)


def _comparable(text: str) -> str:
    return t2s().convert(re.sub(r"\s+", "", text))


@pytest.mark.parametrize("name", ALL_PAGES)
def test_blocks_cover_the_non_empty_lines(articles, name):
    article = articles[name]
    lines = [line for line in article.text.split("\n") if line]
    assert [article.text[b.start : b.end] for b in article.blocks] == lines


# --- real pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", REAL_PAGES, ids=lambda p: p.name)
def test_real_pages_clean_with_title_and_body(articles, path):
    article = articles[path.name]
    assert article.title and len(article.title) >= 6
    assert len(article.text) > 500
    assert "<script" not in article.text and "function(" not in article.text
    assert any(b.tag_path.startswith("html/body") for b in article.blocks)
    assert any(b.link_density > 0.5 for b in article.blocks)  # navigation survives, marked


def test_real_page_layout_marks_lists_and_headings(articles):
    article = articles["qq_2.html"]
    assert any(b.in_list for b in article.blocks)
    assert any(b.heading and article.title in article.text[b.start : b.end] for b in article.blocks)


# --- other encodings give the same article text --------------------------------------------


def _encodable(text: str, encoding: str) -> str:
    """`text` without the characters `encoding` cannot hold (U+FFFD, pinyin letters...)."""
    return "".join(char for char in text if _fits(char, encoding))


def _fits(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize(
    ("name", "encoding"), [("000", "gbk"), ("003", "gbk"), ("002", "big5"), ("004", "big5")]
)
def test_gbk_and_big5_copies_clean_like_utf8(name, encoding):
    text = _encodable(seed_path(name).read_text(encoding="utf-8"), encoding)
    assert len(text) > 0.8 * len(seed_path(name).read_text(encoding="utf-8"))
    as_utf8 = clean_page(text.encode("utf-8"), "page.txt")
    other = clean_page(text.encode(encoding, errors="strict"), "page.txt")
    assert other.raw_text == as_utf8.raw_text
    assert other.text == as_utf8.text
    assert (other.title, other.published, other.outlet) == (
        as_utf8.title,
        as_utf8.published,
        as_utf8.outlet,
    )


def test_html_page_in_gbk_with_meta_charset():
    body = "<p>河南省党政代表团来疆对接对口援疆和交流合作工作,朱镕基同志出席。</p>" * 3
    page = f'<html><head><meta charset="gb2312"><title>援疆工作会议</title></head><body>{body}</body></html>'
    article = clean_page(page.encode("gbk"), "page.html")
    assert "朱镕基" in article.text and article.damage == ()


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "source", "error", "message"),
    [
        (b"", "empty.txt", EmptyPage, "empty file"),
        (b"  \n\t\r\n  ", "blank.txt", EmptyPage, "only white space"),
        ("\u3000\xa0\n".encode(), "blank.txt", EmptyPage, "only white space"),
        (b"<html><body><script>x()</script></body></html>", "a.html", EmptyPage, "no visible text"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
            "photo.html",
            BinaryData,
            r"binary data \(PNG image\), not a text or HTML page",
        ),
        (b"%PDF-1.4\n%\xe2\xe3", "doc.html", BinaryData, "PDF document"),
    ],
)
def test_bad_input_has_a_specific_error(data, source, error, message):
    with pytest.raises(error, match=message):
        clean_page(data, source)


def test_size_limit():
    page = "新闻正文。\n".encode() * 100
    with pytest.raises(TooLarge, match="above the limit of 100 bytes"):
        clean_page(page, "big.txt", max_bytes=100)
    assert clean_page(page, "big.txt", max_bytes=len(page)).text
    assert DEFAULT_MAX_BYTES >= 1024 * 1024


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><p>新疆日报记者报道新疆党政代表团<div>未闭合",
        "<html><body><p>新疆日报记者报道<b>新疆党政代表团</p>",
        "<p>新疆日报记者报道新疆党政代表团",
        "<html><body>" + "<div>" * 3000 + "新疆日报记者报道" + "</div>" * 10,
        "<html><body><p>新疆日报记者报道新疆党政代表团</p><!-- 未闭合注释",
    ],
)
def test_malformed_and_truncated_html(markup):
    article = clean_page(markup.encode(), "broken.html")
    assert "新疆日报记者报道" in article.text


def test_kind_overrides_sniffing():
    page = b"<html><body><p>\xe6\x96\xb0\xe9\x97\xbb</p></body></html>"
    assert clean_page(page, "page.txt").text == "新闻"
    assert clean_page(page, "page.html", kind="text").text == page.decode()


def test_given_title_and_url_win():
    article = clean_page(
        seed_bytes("000"), "000.txt", title="给定标题", url="https://example.org/a"
    )
    assert article.title == "给定标题" and article.url == "https://example.org/a"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from(["x.txt", "x.html", "x"]))
def test_random_bytes_raise_nothing_but_cleaning_error(data, source):
    try:
        article = clean_page(data, source)
    except CleaningError as error:
        assert str(error)
    else:
        assert article.offset_map.text_length == len(article.text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from("<>/ap!-\n\t 新闻(tuán)?·•\xa0&;#"), max_size=300))
def test_random_markup_raises_nothing_but_cleaning_error(text):
    try:
        article = clean_page(text.encode(), "x.html")
    except CleaningError as error:
        assert str(error)
    else:
        for p, char in enumerate(article.text):
            assert same_character(char, article.raw_text[article.offset_map.to_raw(p)])
