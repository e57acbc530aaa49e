"""The example article and labels behind the golden files in tests/data/formats/ (no tests)."""

from __future__ import annotations

from annotator.model import AnnotationSet, Article, Damage, Event, Official, OffsetMap, Span

# Astral characters (😀 𠀀), a combining mark, CRLF, NBSP and a span across a line break.
RAW = "分享到：微信\n马兴瑞(mǎ)在乌鲁木齐召开座谈会。😀𠀀e\u0301\r\n自治区\n党委书记\u00a0讲话\n责任编辑：张三"
TEXT = RAW.replace("(mǎ)", "")


def example_article() -> Article:
    cut = RAW.index("(mǎ)")
    positions = [*range(cut), *range(cut + 4, len(RAW))]
    return Article(
        id="e5a1c0ffee000001",
        source="example.txt",
        raw_text=RAW,
        text=TEXT,
        offset_map=OffsetMap.from_positions(positions, len(RAW)),
        title="示例",
        published="2024-07-08",
        outlet="新疆日报",
        damage=(Damage(TEXT.index("😀"), TEXT.index("😀") + 1),),
    )


def _span(label: str, fragment: str, span_id: int, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(fragment, start + 1)
    return Span("e5a1c0ffee000001", "alice", label, start, start + len(fragment), fragment, span_id)


def example_set() -> AnnotationSet:
    spans = (
        _span("OFFICIAL", "马兴瑞", 101),
        _span("PLACE", "乌鲁木齐", 102),
        _span("EVENT", "马兴瑞在乌鲁木齐召开座谈会。", 103),
        _span("EVENT", "座谈会", 104),
        _span("TITLE", "自治区\n党委书记", 105),
        _span("OFFICIAL", "𠀀e\u0301", 106),
        _span("boilerplate/share", "分享到：微信", 107),
        _span("boilerplate/footer", "责任编辑：张三", 108),
    )
    official = Official(
        "e5a1c0ffee000001", "alice", "马兴瑞", ("自治区党委书记",), "自治区党委", (101,), id=7
    )
    event = Event(
        "e5a1c0ffee000001", "alice", "座谈会/会议", "2024-07-08", None, "乌鲁木齐", (7,), 104
    )
    return AnnotationSet("e5a1c0ffee000001", "alice", "done", 12.5, spans, (official,), (event,))


PLAIN = "天津市党政代表团来疆考察。"


def plain_article() -> Article:
    """A second, unlabelled article."""
    return Article("b0b0b0b0b0b0b0b0", "plain.txt", PLAIN, PLAIN, OffsetMap.identity(len(PLAIN)))
