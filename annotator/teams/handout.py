"""Hand out a corpus: one database per annotator, each holding its share of the articles with
their suggestions; the lead's database remembers what went to whom.

What went to whom lives in the lead's settings (`TEAM_SETTING`), so a second call hands out
the next batch, articles already handed out or done by someone are never handed out again, and
`progress` knows each pair's overlap. Each annotator's database names its own batch
(`BATCH_SETTING`), so the window can show how much of it is left.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from annotator.model import AUTO, AnnotationSet, check_person_name
from annotator.store import Store, StoreError
from annotator.store.foreign import checked_copy
from annotator.suggest.user_lexicons import lexicon_folder
from annotator.teams.plan import Plan, plan_batch
from annotator.temporaries import temporary_beside

TEAM_SETTING = "team_assignments"  # in the lead's database: {"batches": n, "given": {id: [names]}}
BATCH_SETTING = "assigned_articles"  # in an annotator's database: [ids], in hand-out order
_FILE_NAME = re.compile(r"[\w][\w.-]{0,63}")  # a name that is also a safe file name


@dataclass(frozen=True, slots=True)
class Handout:
    plan: Plan
    files: dict[str, Path]  # annotator -> database written
    left: int  # candidates still not handed out after this batch


def check_team_name(name: str) -> None:
    problem = check_person_name(name)
    if problem:
        raise ValueError(f"{name!r}: {problem}")
    if not _FILE_NAME.fullmatch(name) or name.startswith("."):
        raise ValueError(
            f"{name!r} names a database file here: use letters, digits, '_', '-' or '.'"
        )


def team_record(store: Store) -> dict:
    stored = store.get_setting(TEAM_SETTING)
    if not stored:
        return {"batches": 0, "given": {}}
    try:
        record = json.loads(stored)
        assert isinstance(record.get("given"), dict) and isinstance(record.get("batches"), int)
    except (ValueError, AssertionError, AttributeError):
        raise StoreError("the team record in {path} is damaged", path=store.path) from None
    return record


def _done_by_someone(store: Store) -> set[str]:
    return {r.article_id for r in store.iter_set_records() if r.status == "done"}


def hand_out(
    store: Store,
    annotators: Sequence[str],
    out: Path,
    *,
    overlap: float,
    size: int,
    seed: int,
) -> Handout:
    """Plan the next batch and write every annotator's database under `out`."""
    for name in annotators:
        check_team_name(name)
    _check_lexicons(store)
    record = team_record(store)
    taken = set(record["given"]) | _done_by_someone(store)
    candidates = [a for a in store.article_ids() if a not in taken]
    if not candidates:
        raise ValueError("every article is handed out or done already; nothing to hand out")
    plan = plan_batch(
        candidates,
        annotators,
        overlap=overlap,
        size=size,
        seed=seed,
        batch=record["batches"] + 1,
    )
    _hand_out_lexicons(store, [out / f"{name}.db" for name in annotators])
    files = {name: _write_share(store, name, plan.of(name), out) for name in annotators}
    record["batches"] += 1
    for article, names in plan.given.items():
        record["given"][article] = list(names)
    store.set_setting(TEAM_SETTING, json.dumps(record, ensure_ascii=False))
    return Handout(plan, files, len(candidates) - len(plan.given))


def reassign(store: Store, source: str, target: str, out: Path) -> tuple[int, Path]:
    """Give `source`'s unfinished articles (not done in out/<source>.db) to `target`."""
    check_team_name(target)
    _check_lexicons(store)
    record = team_record(store)
    theirs = [a for a, names in record["given"].items() if source in names]
    if not theirs:
        raise ValueError(f"nothing was handed out to {source}")
    done: set[str] = set()
    source_file = out / f"{source}.db"
    if source_file.exists():
        with returned_file(source_file, outcome="nothing was reassigned") as returned:
            done = {
                r.article_id
                for r in returned.iter_set_records()
                if r.annotator == source and r.status == "done"
            }
    moving = [a for a in theirs if a not in done]
    if not moving:
        raise ValueError(f"{source} finished every article handed out to them")
    _hand_out_lexicons(store, [out / f"{target}.db"])
    path = _write_share(store, target, moving, out)
    for article in moving:
        names = [target if n == source else n for n in record["given"][article]]
        record["given"][article] = list(dict.fromkeys(names))
    store.set_setting(TEAM_SETTING, json.dumps(record, ensure_ascii=False))
    return len(moving), path


@contextmanager
def returned_file(path: Path, *, outcome: str) -> Iterator[Store]:
    """A teammate's file, read through a checked private copy: it may be open in their window,
    and it is not ours to lock, migrate or trust. A refusal ends with `outcome`."""
    with checked_copy(path, outcome=outcome) as copy, Store.open(copy, read_only=True) as store:
        yield store


def _write_share(store: Store, annotator: str, article_ids: list[str], out: Path) -> Path:
    """Add the articles and their suggestions to out/<annotator>.db (made if new)."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{annotator}.db"
    if store.path is not None and path.resolve() == store.path.resolve():
        raise ValueError(f"{path} is the lead's database; choose another --out")
    with Store.open(path) as share:
        schema = store.get_setting("schema")
        if schema and share.count_articles() == 0:  # a new file: the lead's labels, not ours
            share.set_setting("schema", schema)
        # every handout brings the lead's guidelines: the whole team reads the same rules
        share.adopt_guidelines(store.guidelines(), by=f"handout from {store.path}")
        share.add_articles(store.get_article(a) for a in article_ids)
        for article_id in article_ids:
            suggestions = store.get_annotation_set(article_id, AUTO)
            if (suggestions.spans or suggestions.officials or suggestions.events) and not (
                share.has_annotation_set(article_id, AUTO)
            ):
                share.replace_annotation_set(
                    AnnotationSet(
                        article_id,
                        AUTO,
                        spans=suggestions.spans,
                        officials=suggestions.officials,
                        events=suggestions.events,
                    )
                )
        batch = json.loads(share.get_setting(BATCH_SETTING) or "[]")
        share.set_setting(BATCH_SETTING, json.dumps(list(dict.fromkeys(batch + article_ids))))
        _mark_suggestions_current(share, article_ids)
    return path


def _check_lexicons(store: Store) -> None:
    """The lead's lexicon folder must fit its schema before any file is handed out with it:
    LexiconError, naming the file, and nothing written."""
    from annotator.suggest.run import database_lexicons

    database_lexicons(store)


def _hand_out_lexicons(store: Store, databases: Sequence[Path]) -> None:
    """The lead's lexicon files beside every database about to be written (before their
    suggestions are fingerprinted, which depends on them), then each folder checked as it will be
    read there, a file only that folder has included: a bad one refuses before any database is
    written, so none gets articles the team record would not know of."""
    from annotator.suggest.user_lexicons import UserLexicons

    if store.path is None:
        return
    for database in databases:
        _copy_lexicons(lexicon_folder(store.path), lexicon_folder(database))
    for database in databases:
        UserLexicons.read(lexicon_folder(database), store.schema)


def _copy_lexicons(lead: Path, share: Path) -> None:
    """The lead's lexicon files beside a handed-out database, so the team's suggestions use the
    same words: each file written whole (a temporary renamed over it). A file only the share
    has is left alone (someone may have put it there); nothing is copied if the lead has none."""
    if not lead.is_dir():
        return
    share.mkdir(parents=True, exist_ok=True)
    for source in sorted(lead.iterdir()):
        if source.is_file() and not source.name.startswith("."):
            temporary = temporary_beside(share / source.name)
            try:
                shutil.copyfile(source, temporary)
                temporary.replace(share / source.name)
            finally:
                temporary.unlink(missing_ok=True)


def _mark_suggestions_current(share: Store, article_ids: list[str]) -> None:
    """The suggestions a person is handed are the ones to work with: record them as computed
    from this file's inputs, so `annotator suggest` in it recomputes only what changes later
    (not everything, against a corpus of one batch, where line statistics say less)."""
    from annotator.suggest.run import corpus_inputs

    inputs = corpus_inputs(share)
    share.save_suggestion_inputs(
        {
            article_id: inputs.fingerprint(
                share.get_article(article_id), frozenset(share.rejected(article_id))
            )
            for article_id in article_ids
            if share.has_annotation_set(article_id, AUTO)
        }
    )


def batch_progress(store: Store, annotator: str) -> tuple[int, int] | None:
    """(articles handed out in this database, still to do by `annotator`), or None for a
    database that `assign` did not write."""
    stored = store.get_setting(BATCH_SETTING)
    if not stored:
        return None
    try:
        batch = set(json.loads(stored))
    except (ValueError, TypeError):
        return None
    finished = set(store.article_ids(status="done", annotator=annotator))
    finished |= set(store.article_ids(status="skipped", annotator=annotator))
    return len(batch), len(batch - finished)
