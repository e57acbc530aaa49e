"""Each cleaning step alone: offsets, decode, HTML, white space, pinyin, middle dot, script,
damage, metadata."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from opencc import OpenCC
from test_cleaning_support import seed_text

from annotator.cleaning.damage import find_damage
from annotator.cleaning.decode import canonical_codec, decode_page, refuse_binary
from annotator.cleaning.errors import BinaryData, UndecodablePage
from annotator.cleaning.html import dump_html
from annotator.cleaning.metadata import (
    html_title,
    iso_date,
    outlet_from_text,
    published_from_text,
    title_from_text,
)
from annotator.cleaning.middle_dot import unify_middle_dots
from annotator.cleaning.offsets import rewrite
from annotator.cleaning.pinyin import remove_pinyin
from annotator.cleaning.script import detect_script, to_simplified
from annotator.cleaning.whitespace import indent_of, normalize_whitespace
from annotator.model import OffsetMap

# --- offsets -------------------------------------------------------------------------------


def _positions_map(draw_list: list[bool]) -> OffsetMap:
    """A map that keeps the characters flagged True of a text as long as the list."""
    kept = [i for i, keep in enumerate(draw_list) if keep]
    return OffsetMap.from_positions(kept, len(draw_list))


@given(st.lists(st.booleans(), min_size=1, max_size=60), st.data())
def test_then_composes_like_mapping_each_character(first_keep, data):
    earlier = _positions_map(first_keep)
    second_keep = data.draw(
        st.lists(st.booleans(), min_size=earlier.text_length, max_size=earlier.text_length)
    )
    later = _positions_map(second_keep)
    by_character = OffsetMap.from_positions(
        [earlier.to_raw(later.to_raw(p)) for p in range(later.text_length)], earlier.raw_length
    )
    assert later.then(earlier) == by_character


@pytest.mark.parametrize(
    ("text", "pattern", "expected"),
    [
        ("abcdef", "cd", "abef"),
        ("xxabc", "^xx", "abc"),
        ("abcxx", "xx$", "abc"),
        ("aXbXc", "X", "abc"),
        ("abc", "Z", "abc"),
    ],
)
def test_rewrite_deletions_map_to_the_kept_characters(text, pattern, expected):
    new_text, offsets = rewrite(text, re.compile(pattern), lambda m: ())
    assert new_text == expected
    assert [text[offsets.to_raw(i)] for i in range(len(new_text))] == list(new_text)
    assert offsets.raw_length == len(text)


# --- decode --------------------------------------------------------------------------------

SAMPLE = "新疆維吾爾自治區黨政代表團來粵考察交流,共商對口支援。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8"),
        (b"\xff\xfe" + SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("utf-8"), "utf-8"),
    ],
)
def test_decode_by_bom_and_utf8(data, encoding):
    decoded = decode_page(data, look_for_meta=False)
    assert decoded.text == SAMPLE
    assert decoded.encoding == encoding


@pytest.mark.parametrize("label", ["gb2312", "GBK", "gb18030"])
def test_meta_charset_gbk_family_reads_as_gb18030(label):
    # 镕 is in GBK but not GB2312: pages labelled gb2312 still hold it
    page = f'<html><head><meta charset="{label}"></head><body><p>朱镕基 {SAMPLE}</p></body></html>'
    decoded = decode_page(page.encode("gbk"), look_for_meta=True)
    assert decoded.encoding == "gb18030"
    assert "朱镕基" in decoded.text


def test_http_equiv_big5_reads_as_big5hkscs():
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5">'
        f"</head><body><p>{SAMPLE}</p></body></html>"
    )
    decoded = decode_page(page.encode("big5"), look_for_meta=True)
    assert decoded.encoding == "big5hkscs"
    assert SAMPLE in decoded.text


def test_lying_meta_charset_falls_back_to_detection():
    page = f'<html><head><meta charset="big5"></head><body><p>{SAMPLE}</p></body></html>'
    assert SAMPLE in decode_page(page.encode("utf-8"), look_for_meta=True).text


def test_undecodable_bytes_become_replacement_characters():
    data = "新疆日报记者报道".encode() + b"\xff" + "今天".encode()
    decoded = decode_page(data, look_for_meta=False)
    assert "\ufffd" in decoded.text or decoded.encoding != "utf-8"


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("GB2312", "gb18030"),
        ("x-gbk", "gb18030"),
        ("big5", "big5hkscs"),
        ("cp950", "big5hkscs"),
        ("UTF-8", "utf-8"),
        ("no-such-charset", None),
    ],
)
def test_canonical_codec(label, codec):
    assert canonical_codec(label) == codec


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"PK\x03\x04\x14\x00", "ZIP archive"),
        (b"\x1f\x8b\x08\x00", "gzip archive"),
        (b"<html>\x00\x00\x00", "NUL bytes"),
    ],
)
def test_binary_files_are_refused_by_name(data, what):
    with pytest.raises(BinaryData, match=what):
        refuse_binary(data)


def test_mostly_control_characters_is_binary():
    with pytest.raises(BinaryData, match="control characters"):
        decode_page(bytes(range(1, 9)) * 100, look_for_meta=False)


def test_bytes_no_encoding_fits_are_refused():
    with pytest.raises(UndecodablePage, match="no text encoding fits"):
        decode_page(bytes(range(128, 256)) * 10, look_for_meta=False)


# --- HTML ----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><title>团结奋进_新疆日报</title>
<meta property="og:title" content="团结奋进">
<script>var hidden = "脚本";</script><style>p{color:red}</style></head>
<body><!-- 注释 -->
<nav><ul><li><a href="/">首页</a></li><li><a href="/n">新闻</a></li></ul></nav>
<h1>团结奋进</h1>
<div class="content"><p>第一段&nbsp;文字,含<a href="#">链接</a>。</p>
<p>第二段
换行</p>line<br>after break<noscript>无脚本</noscript><iframe>框架</iframe>
<svg><text>矢量</text></svg><template><p>模板</p></template>
</div></body></html>"""


def test_html_dump_lines_and_hidden_content():
    dump = dump_html(PAGE)
    assert dump.text.split("\n") == [
        "首页",
        "新闻",
        "团结奋进",
        "第一段\xa0文字,含链接。",
        "第二段 换行",
        "line",
        "after break",
    ]
    assert not any(word in dump.text for word in ("脚本", "注释", "无脚本", "框架", "矢量", "模板"))


def test_html_layout_evidence():
    dump = dump_html(PAGE)
    by_text = dict(zip(dump.text.split("\n"), dump.layouts, strict=True))
    assert by_text["首页"].tag_path == "html/body/nav/ul/li"
    assert by_text["首页"].in_list and by_text["首页"].link_density == 1.0
    assert by_text["团结奋进"].heading and not by_text["团结奋进"].in_list
    assert by_text["第一段\xa0文字,含链接。"].link_density == pytest.approx(2 / 11, abs=0.01)
    assert by_text["第一段\xa0文字,含链接。"].tag_path == "html/body/div/p"
    assert dump.meta["og:title"] == "团结奋进"
    assert dump.h1 == "团结奋进" and dump.title_tag == "团结奋进_新疆日报"


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><p>未闭合<div>段落",
        "<p>片段</p><p>",
        "<<<>>>文本<//p>",
        "<div><b>粗体</div></b>",
    ],
)
def test_malformed_html_still_dumps_its_text(markup):
    dump = dump_html(markup)
    assert re.sub(r"[^\u4e00-\u9fff]", "", dump.text)


# --- white space ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  缩进\n  行", "缩进\n行"),
        ("尾随  \n下一行\t", "尾随\n下一行"),
        ("甲\xa0乙\u3000丙\t丁", "甲 乙 丙 丁"),
        ("甲   乙", "甲 乙"),
        ("一\n\n\n\n二", "一\n\n二"),
        ("一\n \xa0 \n\u3000\n二", "一\n\n二"),
        ("一\r\n二\r三", "一\n二\n三"),
        ("\n\n开头\n\n", "开头"),
        ("零\u200b宽", "零宽"),
        ("  • 援疆新闻", "• 援疆新闻"),
    ],
)
def test_normalize_whitespace(raw, clean):
    text, offsets = normalize_whitespace(raw)
    assert text == clean
    assert text.count("\n") <= raw.count("\n") + raw.count("\r")  # never merges lines
    for pos, char in enumerate(text):
        source = raw[offsets.to_raw(pos)]
        assert (
            source == char
            or (char == " " and source.isspace())
            or (char == "\n" and source in "\r\n")
        )


@pytest.mark.parametrize(
    ("line", "indent"), [("  正文", 2), ("\xa0\u3000正文", 2), ("正文", 0), ("", 0)]
)
def test_indent_of(line, indent):
    assert indent_of(line) == indent


# --- pinyin --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("代表團(tuán)來疆", "代表團來疆"),
        ("自治區(qū)", "自治區"),
        ("對(duì)接對(duì)口", "對接對口"),
        ("推動(dòng)", "推動"),
        ("關（guān）於", "關於"),
        ("(記者 王興瑞報道)", "(記者 王興瑞報道)"),
        ("年份(2024)", "年份(2024)"),
        ("微信(wechat)", "微信(wechat)"),
        ("AB(tuán)", "AB(tuán)"),
    ],
)
def test_remove_pinyin(raw, clean):
    text, offsets, lost = remove_pinyin(raw)
    assert text == clean
    assert lost == ()
    assert [raw[offsets.to_raw(i)] for i in range(len(text))] == list(text)


def test_orphan_reading_after_lost_character_is_dropped_and_reported():
    text, _, lost = remove_pinyin("新疆日?qǐng)?bào)記者")
    assert text == "新疆日??記者"
    assert [text[p] for p in lost] == ["?", "?"] and lost == (3, 4)


def test_seed_002_first_line_loses_its_readings():
    first_line = seed_text("002").split("\n")[0]
    assert len(first_line) == 36
    assert len(remove_pinyin(first_line)[0]) == 20


# --- middle dot ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("艾爾肯‧吐尼亞孜", "艾爾肯·吐尼亞孜"),
        ("艾尔肯•吐尼亚孜", "艾尔肯·吐尼亚孜"),
        ("祖木热提・吾布力", "祖木热提·吾布力"),
        ("祖木热提･吾布力", "祖木热提·吾布力"),
        ("艾尔肯·吐尼亚孜", "艾尔肯·吐尼亚孜"),
        ("  • 援疆新闻", "  • 援疆新闻"),
        ("•援疆新闻", "•援疆新闻"),
        ("A•B", "A•B"),
    ],
)
def test_unify_middle_dots(raw, clean):
    assert unify_middle_dots(raw) == clean
    assert len(unify_middle_dots(raw)) == len(raw)


# --- script --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("新疆維吾爾自治區黨政代表團來粵考察交流", "traditional"),
        ("新疆维吾尔自治区党政代表团来粤考察交流", "simplified"),
        ("Hello world 2024", "simplified"),
        ("", "simplified"),
        # one Traditional name in a long Simplified story is still a Simplified page
        ("新疆维吾尔自治区党政代表团来粤考察交流" * 5 + "馬", "simplified"),
    ],
)
def test_detect_script(text, script):
    assert detect_script(text) == script


def test_to_simplified_matches_opencc_and_keeps_length():
    t2s = OpenCC("t2s")
    for name in ("002", "004"):
        text = seed_text(name)
        assert to_simplified(text) == t2s.convert(text)
        assert len(to_simplified(text)) == len(text)


@pytest.mark.parametrize("text", ["鰊魚", "乾隆皇帝", "頭髮", "𠀀字😀"])
def test_to_simplified_never_changes_length(text):
    assert len(to_simplified(text)) == len(text)


# --- damage --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lost", "expected"),
    [
        ("新疆日??记者", (3, 4), [("??", "lost")]),
        ("围绕当?貎?势特色", (3, 5), [("?貎?", "lost")]),
        ("天津?嵺`取得新成就", (2,), [("?嵺`", "lost")]),
        ("推动当?刂攸c产业", (3,), [("?刂攸c", "lost")]),
        ("能否取代配速员?", (), []),
        ("潜力巨大\ufffd\ufffd", (), [("\ufffd\ufffd", "replacement")]),
        ("中国 ä¸­å›½ 新闻", (), [("ä¸­å›½", "mojibake")]),
        ("Café résumé", (), []),
        ("是?不是?", (1, 4), [("?", "lost"), ("?", "lost")]),
        ("石榴云/新疆日?报记者", (), [("?", "suspect")]),
        ("这是由什么因素决定的?日前,", (), []),
        ("尼帕病毒是一种新出现病毒吗?它有哪些特点?为何", (), []),
        ("他问:是否可行?我说可行。第二句日?报", (), [("?", "suspect")]),
        ("围绕当?貎?势特色", (3, 5), [("?貎?", "lost")]),
        ("Is it?好", (), []),
    ],
)
def test_find_damage(text, lost, expected):
    found = find_damage(text, lost)
    assert [(text[d.start : d.end], d.kind) for d in found] == expected


# --- metadata ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "date"),
    [
        (["来源:石榴云/新疆日报2024-09-04 21:37"], "2024-09-04"),
        (["导航", "2023年10月11日 11:02:36"], "2023-10-11"),
        (["时间 : 2022-05-11 08:38:27 来源 : 本网"], "2022-05-11"),
        (["来源: 日期:2024-04-08 10:04 点击:[次]"], "2024-04-08"),
        (["7月8日,天津市党政代表团来疆"], None),
        (["日期:2024-02-30"], None),
        (["2019年,全国经济增长了很多很多很多很多很多很多很多很多很多很多很多很多很多很多。"], None),
    ],
)
def test_published_from_text(lines, date):
    assert published_from_text(lines) == date


@pytest.mark.parametrize(
    ("lines", "outlet"),
    [
        (["来源:石榴云/新疆日报2024-09-04 21:37"], "石榴云/新疆日报"),
        (["来源: 人民网新疆频道 编辑:"], "人民网新疆频道"),
        (["时间 : 2022-05-11 08:38:27 来源 : 本网"], "本网"),
        (["来源: 日期:2024-04-08 10:04"], None),
        (["天山网-新疆日报讯(记者王兴瑞报道)新疆党政代表团"], "天山网-新疆日报"),
        (["石榴云/新疆日??讯(记者 王兴瑞报道)"], None),
    ],
)
def test_outlet_from_text(lines, outlet):
    assert outlet_from_text(lines) == outlet


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (
            [
                "点击右上角微信好友",
                "请使用浏览器分享功能进行分享",
                "首页> 要闻 > 正文",
                "援疆干部讲述边疆故事",
                "正文第一句,很长,很长,很长。",
            ],
            "援疆干部讲述边疆故事",
        ),
        (
            [
                "无障碍 登录 注册",
                "新疆党政代表团赴四川省学习考察",
                "来源: 日期:2024-04-08",
                "新疆党政代表团赴四川省学习考察",
            ],
            "新疆党政代表团赴四川省学习考察",
        ),
        (["• 援疆新闻", "2023年10月11日 11:02:36"], None),
    ],
)
def test_title_from_text(lines, title):
    assert title_from_text(lines) == title


@pytest.mark.parametrize(
    ("og", "h1", "tag", "title"),
    [
        (
            "男孩因不想上补习班 写",
            '男孩因不想上补习班 写"救命"纸团',
            '男孩因不想上补习班 写"救命"纸团_网易新闻',
            '男孩因不想上补习班 写"救命"纸团',
        ),
        (
            "最强中国芯本月商用",
            "新闻中心",
            "最强中国芯本月商用|中国芯_新浪新闻",
            "最强中国芯本月商用",
        ),
        (
            None,
            None,
            "疫情防控常态化下的新经济之路_宁波频道_凤凰网",
            "疫情防控常态化下的新经济之路",
        ),
        (None, None, None, None),
    ],
)
def test_html_title(og, h1, tag, title):
    assert html_title(og, h1, tag) == title


@pytest.mark.parametrize(
    ("text", "date"),
    [("2019-09-07T10:00:00+08:00", "2019-09-07"), ("2019/9/7", "2019-09-07"), ("明天", None)],
)
def test_iso_date(text, date):
    assert iso_date(text) == date
