"""Date expressions (9月2日, 7月8日至10日, 8日下午, 当天下午, 今天, 昨天) and their ISO dates.

The year comes from the article's `published` date; the month of a bare day (8日) from the last
date mentioned before it, else from `published`. 今天/昨天 count from the dateline's day
(本报北京９月２９日讯, 新华社…３月１５日电), else from the publication day. Without a year the ISO
date is None: the DATE span still marks the month and day in the text, but no year is guessed
(an ISO date needs one, and the window edits dates as ISO dates).
Full-width digits (２０２４年５月２３日) are digits to `re` and `int`: read like ASCII ones.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

# what joins the first and last day of a span: 至, 到, and the dashes and tildes news writes,
# ASCII, full-width (－ ～) or typographic (— –)
_SPAN_MARK = "至|到|[-~\uff0d\uff5e\u2014\u2013]"
_PART_OF_DAY = r"(?:上午|下午|晚上|晚间|傍晚|早上|中午|凌晨)?"
# days counted from "today": the dateline's day, else the publication day
_RELATIVE_DAYS = {
    "今天": 0,
    "今日": 0,
    "今晨": 0,
    "今晚": 0,
    "昨天": -1,
    "昨日": -1,
    "昨晚": -1,
    "前天": -2,
    "明天": 1,
    "明日": 1,
}
# what every expression below opens with (a digit, 当, a relative word's first character): a
# lookahead for it lets the scan pass over the other characters without trying each branch
_OPENERS = rf"[\d当{''.join(sorted({word[0] for word in _RELATIVE_DAYS}))}]"
DATE_EXPRESSION = re.compile(
    rf"(?={_OPENERS})(?:"
    rf"(?:(?P<year>\d{{4}})年)?(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})日"
    rf"(?:(?:{_SPAN_MARK})(?:(?P<end_month>\d{{1,2}})月)?(?P<end_day>\d{{1,2}})日)?{_PART_OF_DAY}"
    rf"(?P<dateline>\s*(?:电|讯))?"
    rf"|(?<![\d月年])(?P<bare_day>\d{{1,2}})日(?:(?:{_SPAN_MARK})(?P<bare_end>\d{{1,2}})日)?{_PART_OF_DAY}"
    rf"|(?P<same_day>当天|当日){_PART_OF_DAY}"
    rf"|(?P<relative>{'|'.join(_RELATIVE_DAYS)}){_PART_OF_DAY}"
    ")"
)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    date: str | None
    end_date: str | None
    # "MM-DD" when the text fixes month and day, the year perhaps not: two events of one type on
    # 7月8日 and 7月9日 of a page without a year are still two
    day: str | None = None
    end_day: str | None = None  # the same for the last day of a span (7月8日至10日 -> "07-10")


@dataclass(frozen=True, slots=True)
class DateContext:
    """What a bare day, 当天 or 今天 is read against: the article's year, the last date seen,
    and "today" (the dateline's day, else the publication day)."""

    year: int | None
    month: int | None
    last: str | None = None
    today: str | None = None
    published: str | None = None

    @classmethod
    def for_published(cls, published: str | None) -> DateContext:
        if published and re.match(r"^\d{4}-\d{2}", published):
            day = published[:10] if _iso_day(published[:10]) else None
            return cls(int(published[:4]), int(published[5:7]), today=day, published=day)
        return cls(None, None)


def _iso_day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _shifted(day: str | None, days: int) -> str | None:
    start = _iso_day(day) if day else None
    return (start + dt.timedelta(days=days)).isoformat() if start else None


def _dateline_day(month: int, day: int, context: DateContext) -> str | None:
    """A dateline is written on or before the publication day: 12月31日电 published on
    2025-01-02 is of 2024. No publication day: no year."""
    published = _iso_day(context.published) if context.published else None
    if published is None:
        return None
    date = _iso(published.year, month, day)
    if date is not None and date > published.isoformat():
        date = _iso(published.year - 1, month, day)
    return date


def find_dates(
    text: str, context: DateContext, offset: int = 0
) -> tuple[list[DateMention], DateContext]:
    """Dates in `text` (positions shifted by `offset`), and the context after reading them."""
    mentions: list[DateMention] = []
    for match in DATE_EXPRESSION.finditer(text):
        groups = match.groupdict()
        end_date = day_key = end_key = None
        if groups["same_day"]:
            date = context.last
        elif groups["relative"]:
            date = _shifted(context.today, _RELATIVE_DAYS[groups["relative"]])
            context = replace(context, last=date or context.last)
        else:
            month = int(groups["month"]) if groups["month"] else context.month
            day = int(groups["day"] or groups["bare_day"])
            if groups["dateline"] and not groups["year"] and not groups["end_day"]:
                assert month is not None
                date = _dateline_day(month, day, context)
                year = int(date[:4]) if date else context.year  # the story's year
                context = replace(context, year=year, today=date)
            else:
                year = int(groups["year"]) if groups["year"] else context.year
                end_day = groups["end_day"] or groups["bare_end"]
                end_month = int(groups["end_month"]) if groups["end_month"] else month
                date = _iso(year, month, day)
                end_date = _iso(year, end_month, int(end_day)) if end_day else None
                if end_day and end_month is not None:
                    end_key = f"{end_month:02d}-{int(end_day):02d}"
            context = replace(context, month=month, last=date or context.last)
            if month is not None:
                day_key = f"{month:02d}-{day:02d}"
        start, end = match.span()
        if groups["dateline"]:  # the span is the date, not the 电/讯 after it
            end = match.start("dateline")
        day_key = date[5:] if date else day_key
        end_key = end_date[5:] if end_date else end_key
        mentions.append(
            DateMention(
                start + offset, end + offset, text[start:end], date, end_date, day_key, end_key
            )
        )
    return mentions, context
