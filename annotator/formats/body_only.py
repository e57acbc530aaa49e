"""`--body-only`: cut the boilerplate regions out of a record's text and re-base every span.

Rules (also in the README of the export command):
- a region that starts a line also takes the line break right after it, so cutting whole-line
  regions leaves no blank lines behind;
- a span that touches a cut region, even partly, is dropped: its label was drawn on text a
  training set will not see, and clipping would invent a span nobody drew. Officials lose the
  dropped mentions; an event whose evidence was dropped keeps null evidence;
- damage ranges are clipped to the kept text (they flag lost characters, they are not labels).
"""

from __future__ import annotations

import bisect
import copy
from collections.abc import Sequence

from annotator.formats.base import Record
from annotator.formats.record import keep_links


def cut_ranges(text: str, regions: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sorted, merged ranges to remove from `text` for these regions."""
    widened = []
    for start, end in sorted(regions):
        if start == 0 or text[start - 1] == "\n":
            if text.startswith("\r\n", end):
                end += 2
            elif text.startswith(("\n", "\r"), end):
                end += 1
        widened.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in widened:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class _Rebase:
    """Old text position -> position in the text with `cuts` removed."""

    def __init__(self, cuts: Sequence[tuple[int, int]]) -> None:
        self.cuts = cuts
        self.starts = [start for start, _ in cuts]
        self.removed_before = [0]  # characters removed by cuts[:i]
        for start, end in cuts:
            self.removed_before.append(self.removed_before[-1] + end - start)

    def position(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos) - 1  # the last cut starting at or before pos
        if i < 0:
            return pos
        start, end = self.cuts[i]
        return start - self.removed_before[i] if pos < end else pos - self.removed_before[i + 1]

    def touches_cut(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1  # the last cut starting before end
        return i >= 0 and self.cuts[i][1] > start


def body_only(record: Record) -> Record:
    """A copy of a native record with its boilerplate regions cut out (see the module rules)."""
    text = record["text"]
    cuts = cut_ranges(text, [(b["start"], b["end"]) for b in record["boilerplate"]])
    rebase = _Rebase(cuts)
    out = copy.deepcopy(record)
    kept_text, previous = [], 0
    for start, end in cuts:
        kept_text.append(text[previous:start])
        previous = end
    kept_text.append(text[previous:])
    out["text"] = "".join(kept_text)
    out["spans"] = [
        {**s, "start": rebase.position(s["start"]), "end": rebase.position(s["end"])}
        for s in record["spans"]
        if not rebase.touches_cut(s["start"], s["end"])
    ]
    kept = {s["id"] for s in out["spans"]}
    for official in out["officials"]:
        official["mentions"] = [m for m in official["mentions"] if m in kept]
        keep_links(official, kept)
    for event in out["events"]:
        if event["evidence"] not in kept:
            event["evidence"] = None
        keep_links(event, kept)
    out["boilerplate"] = []
    damage = ([rebase.position(s), rebase.position(e)] for s, e in record["meta"]["damage"])
    out["meta"]["damage"] = [[s, e] for s, e in damage if s < e]
    out["meta"]["body_only"] = True
    if "original" in out:
        out["original"]["spans"] = [s for s in out["original"]["spans"] if s["id"] in kept]
    return out
