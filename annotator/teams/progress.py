"""How far each annotator's database is, and how well each pair agrees on its overlap so far."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from annotator.review.agreement import ALL, ArticleSets, measure_agreement
from annotator.store import Store, StoreError
from annotator.teams.handout import BATCH_SETTING, returned_file


@dataclass(frozen=True, slots=True)
class FileProgress:
    annotator: str
    path: Path
    assigned: int
    done: int
    in_progress: int
    todo: int
    skipped: int
    seconds: float
    labels: int

    def as_json(self) -> dict[str, Any]:
        return {
            "annotator": self.annotator,
            "file": str(self.path),
            "assigned": self.assigned,
            "done": self.done,
            "in_progress": self.in_progress,
            "todo": self.todo,
            "skipped": self.skipped,
            "seconds": round(self.seconds, 1),
            "labels": self.labels,
        }


@dataclass(frozen=True, slots=True)
class PairProgress:
    annotators: tuple[str, str]
    overlap: int  # articles handed out to both
    compared: int  # of those, the ones the agreement counts (both worked on them)
    span_f1: float | None
    kappa: float | None  # entities, per character

    def as_json(self) -> dict[str, Any]:
        return {
            "annotators": list(self.annotators),
            "overlap": self.overlap,
            "compared": self.compared,
            "span_f1": self.span_f1,
            "kappa": self.kappa,
        }


@dataclass(frozen=True, slots=True)
class TeamProgress:
    files: tuple[FileProgress, ...]
    pairs: tuple[PairProgress, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        return {
            "annotators": [f.as_json() for f in self.files],
            "pairs": [p.as_json() for p in self.pairs],
        }


def database_files(paths: Sequence[Path]) -> list[Path]:
    """The databases named, a folder standing for every `*.db` in it."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(path.glob("*.db"))
        elif path.is_file():
            found.append(path)
        else:
            raise StoreError("{path} is neither a database file nor a folder", path=path)
    if not found:
        raise StoreError("no annotator databases (*.db) found in " + ", ".join(map(str, paths)))
    return found


def _assigned(store: Store) -> list[str]:
    try:
        ids = json.loads(store.get_setting(BATCH_SETTING) or "[]")
    except ValueError:
        raise StoreError(
            "{path}: its list of handed-out articles is damaged", path=store.path
        ) from None
    return [i for i in ids if isinstance(i, str)]


def _file_progress(path: Path, store: Store) -> tuple[FileProgress, list[str]]:
    annotator = path.stem
    assigned = _assigned(store) or store.article_ids()
    sets = {a: store.get_annotation_set(a, annotator) for a in assigned if store.has_article(a)}
    statuses = [s.status for s in sets.values()]
    return (
        FileProgress(
            annotator,
            path,
            len(assigned),
            statuses.count("done"),
            statuses.count("in_progress"),
            statuses.count("todo"),
            statuses.count("skipped"),
            sum(s.seconds for s in sets.values()),
            sum(len(s.spans) for s in sets.values()),
        ),
        assigned,
    )


def team_progress(paths: Sequence[Path]) -> TeamProgress:
    progress = []
    assigned: dict[str, set[str]] = {}
    with ExitStack() as stack:  # each file copied and checked once, not once per pair
        stores: dict[str, Store] = {}
        for path in database_files(paths):
            store = stack.enter_context(returned_file(path, outcome="its progress was not read"))
            found, ids = _file_progress(path, store)
            progress.append(found)
            assigned[found.annotator] = set(ids)
            stores[found.annotator] = store
        pairs = []
        for a, b in combinations(sorted(stores), 2):
            shared = sorted(assigned[a] & assigned[b])
            if shared:
                pairs.append(_pair(a, b, stores, shared))
    return TeamProgress(tuple(progress), tuple(pairs))


def _pair(a: str, b: str, stores: Mapping[str, Store], shared: list[str]) -> PairProgress:
    """How `a` and `b` agree on the articles both were handed, each read in their own file."""
    corpus = []
    for article_id in shared:
        sets = {
            name: stores[name].get_annotation_set(article_id, name)
            for name in (a, b)
            if stores[name].has_annotation_set(article_id, name)
        }
        corpus.append(ArticleSets(article_id, stores[a].article_text(article_id), sets))
    result = measure_agreement(corpus, (a, b))
    pair = result.pairs[0]
    return PairProgress(
        (a, b), len(shared), result.articles, pair.exact[ALL].f1, pair.kappa["entities"]
    )
