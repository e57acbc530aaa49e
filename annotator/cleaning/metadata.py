"""Title, publication date and outlet, from an HTML page's own tags or the visible patterns of
the cleaned text (`来源:石榴云/新疆日报2024-09-04 21:37`, `时间 : 2022-05-11 08:38:27`).

A date is reported only when the page gives its year: `7月8日` alone gives None, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from annotator.cleaning.chars import HAN

HEADER_LINES = 40  # metadata sits above the story: look no further
_DATE = r"(?P<year>(?:19|20)\d\d)\s*[-/.年]\s*(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})(?!\d)"
_LABELLED_DATE = re.compile(
    rf"(?:来源|日期|时间|发布|发表|更新|published|date)[^\n]{{0,40}}?{_DATE}", re.I
)
_LEADING_DATE = re.compile(rf"^\s*{_DATE}")
_ANY_DATE = re.compile(_DATE)
_SHORT_DATE_LINE = 40  # a line that starts with a date is a dateline only if this short
_OUTLET_AFTER_LABEL = re.compile(
    rf"来源\s*[:：]\s*(?P<outlet>[^\s\d:：|,，()（）【】\[\]]{{2,30}})(?![:：{HAN}])"
)
_OUTLET_BEFORE_XUN = re.compile(r"^(?P<outlet>[^\s(（)）,，:：]{2,20}?)讯[(（]")
_DAMAGED = re.compile("[?\ufffd]")
_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "og:release_date",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "publishtime",
    "publish-date",
    "dc.date.issued",
    "dc.date",
    "sailthru.date",
    "weibo: article:create_at",
    "time:datetime",
)
_OUTLET_META = ("og:site_name", "application-name", "og:article:author")
_TITLE_SEPARATOR = r"\s*(?:_|\||-{1,2}| - |——)\s*"
_TITLE_SUFFIX = re.compile(rf"^(?P<head>.{{8,}}?){_TITLE_SEPARATOR}(?P<site>.{{2,60}})$")
_TITLE_MIN, _TITLE_MAX = 6, 80
_SENTENCE_PUNCTUATION = re.compile(r"[。;；>＞»|]|[,，].*[,，].*[,，]")
_UI_WORDS = re.compile(
    r"点击|分享|登录|注册|浏览器|微信|首页|位置|打印|字体|正在阅读|收藏|评论|扫一扫|无障碍|"
    r"^来源|^日期|^时间|^编辑|^责任编辑|^作者"
)


def iso_date(text: str) -> str | None:
    """The first complete, valid date in `text` as YYYY-MM-DD."""
    for match in _ANY_DATE.finditer(text):
        date = _valid(match)
        if date:
            return date
    return None


def _valid(match: re.Match[str]) -> str | None:
    try:
        date = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None
    return date.isoformat()


def published_from_text(lines: Sequence[str]) -> str | None:
    header = lines[:HEADER_LINES]
    for line in header:
        for match in _LABELLED_DATE.finditer(line):
            date = _valid(match)
            if date:
                return date
    for line in header:
        match = _LEADING_DATE.match(line)
        if match and len(line) <= _SHORT_DATE_LINE:
            date = _valid(match)
            if date:
                return date
    return None


def outlet_from_text(lines: Sequence[str]) -> str | None:
    """From a `来源:` label anywhere (dumps put it above or below the story), else from the
    `X讯(记者 …)` opening of the story."""
    for pattern, searched in (
        (_OUTLET_AFTER_LABEL, lines),
        (_OUTLET_BEFORE_XUN, lines[:HEADER_LINES]),
    ):
        for line in searched:
            match = pattern.search(line)
            if match and not _DAMAGED.search(match["outlet"]):
                return match["outlet"]
    return None


def title_from_text(lines: Sequence[str]) -> str | None:
    """The first headline-like line near the top, preferring one the page repeats (dumps often
    hold the headline twice: in the page title and above the story)."""
    header = [line.strip() for line in lines[:HEADER_LINES]]
    candidates = [line for line in header if _headline_like(line)]
    if not candidates:
        return None
    body = "\n".join(lines)
    repeated = [line for line in candidates if body.count(line) >= 2]
    return (repeated or candidates)[0]


def _headline_like(line: str) -> bool:
    if not _TITLE_MIN <= len(line) <= _TITLE_MAX or line[0] in "•·-*>[【":
        return False
    if _SENTENCE_PUNCTUATION.search(line) or _UI_WORDS.search(line) or _DAMAGED.search(line):
        return False
    cjk = len(re.findall(f"[{HAN}]", line))
    return cjk >= 0.5 * len(line) and not _ANY_DATE.search(line)


def published_from_meta(meta: Mapping[str, str]) -> str | None:
    for key in _PUBLISHED_META:
        if key in meta:
            date = iso_date(meta[key])
            if date:
                return date
    return None


def outlet_from_meta(meta: Mapping[str, str]) -> str | None:
    return next((meta[key] for key in _OUTLET_META if meta.get(key)), None)


def html_title(og_title: str | None, h1: str | None, title_tag: str | None) -> str | None:
    """The best of og:title, <h1> and <title>: the longest of og:title and <h1> that the <title>
    confirms (sites truncate og:title and put section names in <h1>), else <title> without its
    site suffix."""
    confirmed = [
        c for c in (h1, og_title) if c and len(c) >= 4 and (not title_tag or c in title_tag)
    ]
    if confirmed:
        return max(confirmed, key=len)
    if title_tag:
        match = _TITLE_SUFFIX.match(title_tag)
        return match["head"] if match else title_tag
    return h1 or og_title


def site_from_title_tag(title_tag: str | None) -> str | None:
    """The last part of `标题_频道_网站`."""
    match = _TITLE_SUFFIX.match(title_tag or "")
    return re.split(_TITLE_SEPARATOR, match["site"])[-1].strip() or None if match else None
