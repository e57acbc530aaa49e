"""One event per real event of a story, from the event sentences `events.find_events` found in
its paragraphs: sentences of one type and day, a day inside a span of days, the stay a summing
-up paragraph recaps (在疆期间…), a vague lead (…会议近日闭幕) and its dated account."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from annotator.suggest.dates import DateMention
from annotator.suggest.events import EventMention

# an event's own name (第九次全国对口支援新疆工作会议) that two sentences must share to be
# read as one event; shorter runs (两省区召开座谈会) are no name
_NAME_MIN = 8


def merge_events(
    events: Sequence[tuple[int, EventMention]], paragraph_of: Callable[[int], int]
) -> list[tuple[int, EventMention]]:
    """(paragraph, event) pairs -> one event per real event and the paragraph of its evidence
    (`paragraph_of` an offset), told by its first sentence, with the first place any of them
    names:
    - one per (type, date; a date whose year is unknown by its month and day), and a day inside
      a span of days told of that type (3月9日至11日…考察; 3月11日…考察) is that span's event;
    - an undated event that shares its name with a dated one (第九次…会议近日闭幕; 9月19日至21日,
      第九次…会议召开) is that one, told vaguely: it adds no place;
    - in a paragraph that sums up a stay (在疆期间…), events of the recap's type are the stay,
      another joins the one of its type at the same place (参观自治区博物馆 again), else it is
      its own (代表团与哈密市召开座谈会: not the one of 乌鲁木齐);
    - one told on a day the text does not fix (近日, 日前) is its own;
    - any other undated event joins the first of its type told before it, else the others of
      its paragraph."""
    accounts = _accounts(events)
    kept: dict[_Key, tuple[int, EventMention]] = {}
    key_of: dict[int, _Key] = {}
    recap_keys: dict[tuple[int, str], _Key] = {}
    for index, (paragraph, event) in enumerate(events):
        if index in accounts:
            continue
        key = key_of[index] = _key(paragraph, event, kept, recap_keys)
        if event.recap:
            recap_keys[(paragraph, event.type)] = key
        _join(kept, key, paragraph, event, paragraph_of, with_place=True)
    for index, account in accounts.items():
        paragraph, event = events[index]
        _join(kept, key_of[account], paragraph, event, paragraph_of, with_place=False)
    return list(kept.values())


_Key = tuple[str, str | None, int]


def _key(
    paragraph: int,
    event: EventMention,
    kept: dict[_Key, tuple[int, EventMention]],
    recap_keys: dict[tuple[int, str], _Key],
) -> _Key:
    date = (event.date.date or event.date.day) if event.date else None
    same_type = [(k, e) for k, (_p, e) in kept.items() if k[0] == event.type]
    if date is not None:
        inside = (k for k, e in same_type if _inside(event.date, e.date))
        return next(inside, (event.type, date, -1))
    own = (event.type, None, paragraph)
    if event.vague:
        return own
    if event.summed:
        if (paragraph, event.type) in recap_keys:
            return recap_keys[(paragraph, event.type)]
        at = event.place.text if event.place else None
        return next((k for k, e in same_type if at and e.place and e.place.text == at), own)
    return next((k for k, _e in same_type), own)


def _inside(day: DateMention | None, span: DateMention | None) -> bool:
    """Whether `day` falls in the span of days `span` tells (3月11日 in 3月9日至11日); by
    month and day on a page without a year."""
    if day is None or span is None:
        return False
    if day.date and span.date and span.end_date:
        return span.date <= day.date <= span.end_date
    if day.date or span.date or not (day.day and span.day and span.end_day):
        return False
    return span.day <= day.day <= span.end_day


def _accounts(events: Sequence[tuple[int, EventMention]]) -> dict[int, int]:
    """Undated events (近日…闭幕) -> the dated event of the same type and name that tells them."""
    dated: dict[tuple[str, str], int] = {}
    for index, (_paragraph, event) in enumerate(events):
        if event.date is not None and len(event.name) >= _NAME_MIN:
            dated.setdefault((event.type, event.name), index)
    return {
        index: dated[(event.type, event.name)]
        for index, (_paragraph, event) in enumerate(events)
        if event.date is None and not event.summed and (event.type, event.name) in dated
    }


def _join(
    kept: dict[_Key, tuple[int, EventMention]],
    key: _Key,
    paragraph: int,
    event: EventMention,
    paragraph_of: Callable[[int], int],
    *,
    with_place: bool,
) -> None:
    found = event.found_at or (event.sentence_start, event.sentence_end)
    told = (paragraph, *found)
    first = kept.get(key)
    if first is None:
        if event.found_at is None:
            kept[key] = (paragraph, event)
        else:  # told elsewhere (a stay recapped): its evidence's paragraph, and where found
            kept[key] = (paragraph_of(event.sentence_start), replace(event, joined=(told,)))
        return
    place = first[1].place or (event.place if with_place else None)
    kept[key] = (first[0], replace(first[1], place=place, joined=(*first[1].joined, told)))
