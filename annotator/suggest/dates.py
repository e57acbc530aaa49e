"""Date expressions (9月2日, 7月8日至10日, 8日下午, 当天下午) and their ISO dates.

The year comes from the article's `published` date; the month of a bare day (8日) from the last
date mentioned before it, else from `published`. Without a year the ISO date is None.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_PART_OF_DAY = r"(?:上午|下午|晚上|晚间|傍晚|早上|中午|凌晨)?"
DATE_EXPRESSION = re.compile(
    rf"(?:(?P<year>\d{{4}})年)?(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})日"
    rf"(?:(?:至|到|—|-|~)(?:(?P<end_month>\d{{1,2}})月)?(?P<end_day>\d{{1,2}})日)?{_PART_OF_DAY}"
    rf"|(?<![\d月年])(?P<bare_day>\d{{1,2}})日(?:(?:至|到)(?P<bare_end>\d{{1,2}})日)?{_PART_OF_DAY}"
    rf"|(?P<same_day>当天|当日){_PART_OF_DAY}"
)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    date: str | None
    end_date: str | None


@dataclass(frozen=True, slots=True)
class DateContext:
    """What a bare day or 当天 is read against: the article's year and the last date seen."""

    year: int | None
    month: int | None
    last: str | None = None

    @classmethod
    def for_published(cls, published: str | None) -> DateContext:
        if published and re.match(r"^\d{4}-\d{2}", published):
            return cls(int(published[:4]), int(published[5:7]))
        return cls(None, None)


def _iso(year: int | None, month: int | None, day: int | None) -> str | None:
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(
    text: str, context: DateContext, offset: int = 0
) -> tuple[list[DateMention], DateContext]:
    """Dates in `text` (positions shifted by `offset`), and the context after reading them."""
    mentions: list[DateMention] = []
    for match in DATE_EXPRESSION.finditer(text):
        groups = match.groupdict()
        if groups["same_day"]:
            date, end_date = context.last, None
        else:
            year = int(groups["year"]) if groups["year"] else context.year
            month = int(groups["month"]) if groups["month"] else context.month
            day = int(groups["day"] or groups["bare_day"])
            end_day = groups["end_day"] or groups["bare_end"]
            end_month = int(groups["end_month"]) if groups["end_month"] else month
            date = _iso(year, month, day)
            end_date = _iso(year, end_month, int(end_day)) if end_day else None
            context = DateContext(context.year, month, date or context.last)
        start, end = match.span()
        mentions.append(DateMention(start + offset, end + offset, match.group(), date, end_date))
    return mentions, context
