"""Turn a hand-written gold spec into a native-JSONL gold record on the cleaned text.

The judgement lives in the spec, written by a person reading the page; this module only finds
the strings the spec names and turns them into offsets. It never runs the suggestion rules.

A spec is a dict:
  regions    [(kind, first-line marker, last-line marker | None | END)], top to bottom; a
             marker is a piece of the line, "2=…" the second line holding the rest, a number
             the whole line. Lines outside every region are body.
  officials  {name: (titles in order, organization or None, [other mention forms: 周省长])}
             every occurrence of the name (and of the other forms) in prose lines is a mention.
  chains     ["title、title|name"]: every occurrence of "title、titlename" in prose lines gives
             one TITLE span per title.
  dates      date expressions; every occurrence in prose lines is a DATE span (longest first).
  events     [(type, date, place, evidence marker, [participants])]: the EVENT span is the
             sentence (ended by 。!?) of prose holding the marker, the PLACE span the place's
             first occurrence in that sentence ("南下[高雄]": the one in that context). An optional 6th item is the end date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from annotator.cleaning import clean_page
from annotator.model import Article
from annotator.suggest.evaluate import line_bounds  # line splitting only, no rule

END = "$END"  # a region that runs to the last line of the page
# Officials, titles, dates and events are read in the article's prose: body lines, captions,
# repeated paragraphs, meta lines; not menus, related lists, widgets or footers.
PROSE_KINDS = {None, "caption", "meta"}
_SENTENCE = re.compile(r"[^。!?！？\n]+[。!?！？]?")


def find_line(text: str, lines: list[tuple[int, int]], marker: str, after: int) -> int:
    """Index of the line holding `marker`, from line `after` on; "2=…" is the second line from
    the top that holds the rest: the later copy of a repeated line. A number must be the line."""
    exact = re.match(r"^(\d)=(.*)$", marker)
    seen = 0
    for index in range(0 if exact else after, len(lines)):
        start, end = lines[index]
        line = text[start:end]
        if exact:
            seen += exact.group(2) in line
            if seen == int(exact.group(1)) and index >= after:
                return index
        elif marker == line if marker.isdigit() else marker in line:
            return index
    raise SystemExit(f"marker {marker!r} not found after line {after}")


class _Spans:
    def __init__(self, text: str) -> None:
        self.text = text
        self.items: list[tuple[int, int, str]] = []

    def add(self, start: int, end: int, label: str) -> int:
        key = (start, end, label)
        if key not in self.items:
            self.items.append(key)
        return self.items.index(key) + 1

    def records(self) -> list[dict]:
        return [
            {"id": i, "start": s, "end": e, "label": label, "text": self.text[s:e]}
            for i, (s, e, label) in enumerate(self.items, start=1)
        ]


def _occurrences(text: str, prose: list[tuple[int, int]], needle: str) -> list[tuple[int, int]]:
    found = []
    for start, end in prose:
        for match in re.finditer(re.escape(needle), text[start:end]):
            found.append((start + match.start(), start + match.end()))
    return found


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or e <= start for s, e in taken)


def build_record(article: Article, spec: dict) -> dict:
    text, lines = article.text, line_bounds(article.text)
    kinds: list[str | None] = [None] * len(lines)
    cursor, regions = 0, []
    for kind, first, last in spec["regions"]:
        begin = find_line(text, lines, first, cursor)
        finish = (
            begin
            if last is None
            else len(lines) - 1
            if last == END
            else find_line(text, lines, last, begin)
        )
        for index in range(begin, finish + 1):
            kinds[index] = kind
        regions.append({"start": lines[begin][0], "end": lines[finish][1], "kind": kind})
        cursor = finish + 1
    prose = [bounds for bounds, kind in zip(lines, kinds, strict=True) if kind in PROSE_KINDS]
    spans = _Spans(text)
    officials = []
    taken: list[tuple[int, int]] = []
    for name, (titles, organization, *other) in spec.get("officials", {}).items():
        mentions = []
        for form in sorted([name, *(other[0] if other else [])], key=len, reverse=True):
            for start, end in _occurrences(text, prose, form):
                if _free(taken, start, end):
                    taken.append((start, end))
                    mentions.append(spans.add(start, end, "OFFICIAL"))
        if not mentions:
            raise SystemExit(f"{article.source}: official {name} is never named in prose")
        officials.append(
            {
                "name": name,
                "titles": list(titles),
                "organization": organization,
                "mentions": sorted(mentions),
            }
        )
    for chain in spec.get("chains", ()):
        titles, name = chain.split("|")
        found = _occurrences(text, prose, titles + name)
        if not found:
            raise SystemExit(f"{article.source}: title chain {chain!r} not found in prose")
        for start, _end in found:
            for title in titles.split("、"):
                spans.add(start, start + len(title), "TITLE")
                start += len(title) + 1
    dates_taken: list[tuple[int, int]] = []
    for date in sorted(spec.get("dates", ()), key=len, reverse=True):
        found = _occurrences(text, prose, date)
        if not found:
            raise SystemExit(f"{article.source}: date {date!r} not found in prose")
        for start, end in found:
            if _free(dates_taken, start, end):
                dates_taken.append((start, end))
                spans.add(start, end, "DATE")
    events = [_event(text, prose, spans, event, article.source) for event in spec.get("events", ())]
    return {
        "id": article.id,
        "annotator": "gold",
        "status": "done",
        "text": text,
        "meta": {
            "title": article.title,
            "published": article.published,
            "outlet": article.outlet,
            "source": article.source,
            "script": article.script,
        },
        "spans": sorted(spans.records(), key=lambda s: (s["start"], s["end"], s["label"])),
        "officials": officials,
        "events": events,
        "boilerplate": regions,
    }


def _event(
    text: str, prose: list[tuple[int, int]], spans: _Spans, event: tuple, source: str
) -> dict:
    event_type, date, place, marker, participants, *rest = event
    for start, end in prose:
        for match in _SENTENCE.finditer(text, start, end):
            sentence = match.group().strip()
            if marker not in sentence:
                continue
            s_start = match.start() + match.group().index(sentence)
            evidence = spans.add(s_start, s_start + len(sentence), "EVENT")
            if place is not None:
                # "南下[高雄]": the place where that context holds it, not its first occurrence
                context = place.replace("[", "").replace("]", "")
                place = place[place.find("[") + 1 : place.find("]")] if "[" in place else place
                if context not in sentence:
                    raise SystemExit(
                        f"{source}: place {context!r} not in the sentence of {marker!r}"
                    )
                p_start = s_start + sentence.index(context) + context.find(place)
                spans.add(p_start, p_start + len(place), "PLACE")
            return {
                "type": event_type,
                "date": date,
                "end_date": rest[0] if rest else None,
                "place": place,
                "participants": list(participants),
                "evidence": evidence,
            }
    raise SystemExit(f"{source}: event marker {marker!r} not found in prose")


def write_gold(pages: Iterable[tuple[Path, dict]], out: Path) -> None:
    """Clean each page, build its record from its spec, and write them all to `out`."""
    records = [build_record(clean_page(path.read_bytes(), path.name), spec) for path, spec in pages]
    out.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    print(f"wrote {len(records)} records to {out}")
