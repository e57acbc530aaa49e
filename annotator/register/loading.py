"""The register's side of the store: each article's best labels in, reviewers' decisions kept.

Best labels: gold's set, else a person's (done before unfinished, then the one with more
officials, then by name), else the suggestions (`auto`). A set nobody worked on (not done, no
official, no event) never hides a better one below it. Decisions are a list in the database's
settings, appended and undone in order, so a recomputation always re-applies them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import groupby

from annotator.model import AUTO, GOLD
from annotator.register.build import build_register
from annotator.register.entries import ArticleRecords, Decision, Register
from annotator.store import Store, StoreError
from annotator.store.bulk import SetRecords

DECISIONS_SETTING = "register_decisions"


def _worked(record: SetRecords) -> bool:
    return record.status == "done" or bool(record.officials or record.events)


def _rank(record: SetRecords) -> tuple:
    if record.annotator == GOLD:
        return (0,)
    if record.annotator == AUTO:
        return (2,)
    return (1, record.status != "done", -len(record.officials), record.annotator)


def best_records(store: Store, annotator: str | None = None) -> Iterator[ArticleRecords]:
    """One ArticleRecords per article that has usable labels: `annotator`'s own when given,
    else the best available (see the module's rule)."""
    heads = store.article_heads()
    for article_id, sets in groupby(store.iter_set_records(), lambda r: r.article_id):
        usable = [
            r
            for r in sets
            if (r.annotator == annotator if annotator else True)
            and r.status != "skipped"
            and _worked(r)
        ]
        if not usable:
            continue
        best = min(usable, key=_rank)
        title, published = heads.get(article_id, (None, None))
        yield ArticleRecords(
            article_id, title, published, best.annotator, best.officials, best.events
        )


def load_decisions(store: Store) -> list[Decision]:
    stored = store.get_setting(DECISIONS_SETTING)
    if not stored:
        return []
    try:
        return [Decision.from_json(item) for item in json.loads(stored)]
    except (ValueError, TypeError) as error:
        raise StoreError(
            "the register's stored decisions are damaged: {error}", error=error
        ) from None


def _save(store: Store, decisions: list[Decision]) -> None:
    text = json.dumps([d.as_json() for d in decisions], ensure_ascii=False)
    store.set_setting(DECISIONS_SETTING, text)


def add_decision(store: Store, decision: Decision) -> None:
    _save(store, [*load_decisions(store), decision])


def undo_decision(store: Store) -> Decision | None:
    """Take back the last decision; None when there is none."""
    decisions = load_decisions(store)
    if not decisions:
        return None
    _save(store, decisions[:-1])
    return decisions[-1]


def register_of(store: Store, annotator: str | None = None) -> Register:
    return build_register(best_records(store, annotator), load_decisions(store))
