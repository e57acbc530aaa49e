"""Sentence-level event detection on the held-out sentences of tests/data/suggest/events_heldout.jsonl
(written before the rules were changed; see events_heldout_README.md). Run this file as a script
to print the figures: `python tests/test_events_heldout.py [dev|test]`."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from annotator.suggest.dates import DateContext
from annotator.suggest.events import find_events
from annotator.suggest.lexicons import default_lexicons

HELDOUT = Path(__file__).parent / "data" / "suggest" / "events_heldout.jsonl"


@dataclass(frozen=True, slots=True)
class Figures:
    tp: int
    fp: int
    fn: int
    typed_right: int
    dated_right: int
    dated: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.typed_right / self.tp if self.tp else 0.0

    def format(self) -> str:
        return (
            f"P {self.precision:.2f} R {self.recall:.2f} F1 {self.f1:.2f}  "
            f"type {self.type_accuracy:.2f} of {self.tp}  date {self.dated_right}/{self.dated}"
        )


def rows(split: str) -> list[dict]:
    lines = HELDOUT.read_text(encoding="utf-8").splitlines()
    return [r for r in map(json.loads, lines) if r["split"] == split]


def score(split: str) -> Figures:
    tp = fp = fn = typed = dated_right = dated = 0
    for row in rows(split):
        context = DateContext.for_published(row["published"])
        events, _dates, _context = find_events(row["text"], 0, context, default_lexicons())
        if events and row["event"]:
            tp += 1
            typed += events[0].type == row["type"]
            found = events[0].date.date if events[0].date else None
            dated += 1
            dated_right += found == row["date"]
        fp += bool(events) and not row["event"]
        fn += not events and row["event"]
    return Figures(tp, fp, fn, typed, dated_right, dated)


def test_heldout_file_is_balanced_as_its_readme_says() -> None:
    for split in ("dev", "test"):
        split_rows = rows(split)
        assert len(split_rows) == 20
        assert sum(not r["event"] for r in split_rows) == 6


if __name__ == "__main__":
    for name in sys.argv[1:] or ["dev"]:
        print(f"{name:5}", score(name).format())
