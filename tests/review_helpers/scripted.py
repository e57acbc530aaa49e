"""Two annotators who label the seeds by simple rules, differently, through the Store API.

`alice` and `bob` find the same things with regular expressions, then disagree on purpose:
bob stretches dates over a following 上午/下午 (an overlap but not an exact match), calls 新疆
an ORG where alice calls it a PLACE, skips ORG spans on every other article, never records
陈敏尔 as an official, places the first event elsewhere, marks no share bar, and never opens the last article.
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.importing import import_paths
from annotator.model import Event
from annotator.resources import seeds_dir
from annotator.store import Store

NAMES = ("陈敏尔", "艾尔肯", "黄强", "施小琳", "王伟中", "孟凡利", "彭鹏", "卢希望", "何忠友")
PATTERNS = {
    "OFFICIAL": "|".join(NAMES),
    "PLACE": "新疆|河南|天津|四川|广东|乌鲁木齐|喀什|哈密|和田",
    "ORG": "党政代表团",
    "DATE": r"\d{1,2}月\d{1,2}日",
}
ANNOTATORS = ("alice", "bob")


def seeded_store(path: Path | None = None) -> Store:
    store = Store.open(path) if path else Store.open(memory=True)
    result = import_paths(store, [seeds_dir()])
    assert result.failed == 0, result.failures
    return store


def intended_spans(text: str, annotator: str, position: int) -> list[tuple[str, int, int]]:
    """What `annotator` labels in the article at `position` of the list, as (label, start, end)."""
    spans = []
    for label, pattern in PATTERNS.items():
        if annotator == "bob" and label == "ORG" and position % 2:
            continue
        for match in re.finditer(pattern, text):
            start, end = match.span()
            if annotator == "bob" and label == "DATE" and text[end : end + 2] in ("上午", "下午"):
                end += 2
            if annotator == "bob" and match.group() == "新疆":
                spans.append(("ORG", start, end))
                continue
            spans.append((label, start, end))
    first_line = text.split("\n", 1)[0]
    if first_line:
        spans.append(("boilerplate/navigation", 0, len(first_line)))
    if annotator == "alice":
        for match in re.finditer(r"[^\n]*(?:分享|朋友圈)[^\n]*", text):
            if match.start() > len(first_line):
                spans.append(("boilerplate/share", *match.span()))
    return spans


def label_seeds(store: Store, annotator: str) -> None:
    """Label every article but the last as `annotator` would, with officials and an event."""
    ids = store.article_ids()
    for position, article_id in enumerate(ids[:-1] if annotator == "bob" else ids):
        text = store.article_text(article_id)
        for label, start, end in intended_spans(text, annotator, position):
            store.add_span(article_id, annotator, label, start, end)  # OFFICIAL: record too
        official_ids = []
        for official in store.get_annotation_set(article_id, annotator).officials:
            if annotator == "bob" and official.name == "陈敏尔":
                store.delete_official(official.id)  # bob does not record this official
            else:
                official_ids.append(official.id)
        place = "乌鲁木齐" if annotator == "alice" or position else "新疆"
        store.save_event(
            Event(article_id, annotator, "考察调研", place=place, participants=tuple(official_ids))
        )
        store.set_status(article_id, annotator, "done")
