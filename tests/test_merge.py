"""`annotator merge`: copy other databases in, newest edit wins, every difference reported."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from review_helpers.scripted import label_seeds, seeded_store

from annotator.cli import main
from annotator.model import AUTO, AnnotationSet, Event, Official, OffsetMap, Span
from annotator.review.merge import merge_database
from annotator.store import Store

OLD = "2024-01-01T00:00:00+00:00"
NEW = "2025-06-01T12:00:00+00:00"


def snapshot(store: Store) -> dict:
    """Everything a merge may change, written without database ids (they differ per file)."""
    state = {"articles": {a.id: a.text for a in store.iter_articles()}}
    for name in store.annotators():
        for aset in store.iter_annotation_sets(name):
            spans = aset.span_by_id()
            key = {i: (s.label, s.start, s.end, s.text) for i, s in spans.items()}
            officials = {o.id: o.name for o in aset.officials}
            state[aset.article_id, name] = (
                aset.status,
                aset.updated_at,
                sorted(key.values()),
                sorted(
                    (o.name, o.titles, sorted(key[m] for m in o.mentions)) for o in aset.officials
                ),
                sorted(
                    (e.type, e.place, sorted(officials[p] for p in e.participants))
                    for e in aset.events
                ),
            )
    return state


def one_set(store: Store, article_id: str, spans, *, updated_at: str, who: str = "alice"):
    """Store `who`'s set of `spans` as last edited at `updated_at`; OFFICIAL spans get records."""
    text = store.article_text(article_id)
    aset = AnnotationSet(
        article_id,
        who,
        status="done",
        spans=tuple(
            Span(article_id, who, label, s, e, text[s:e], id=n)
            for n, (label, s, e) in enumerate(spans)
        ),
        officials=tuple(
            Official(article_id, who, text[s:e], mentions=(n,), id=n)
            for n, (label, s, e) in enumerate(spans)
            if label == "OFFICIAL"
        ),
        updated_at=updated_at,
    )
    return store.replace_annotation_set(aset, keep_updated_at=True)


@pytest.fixture(scope="module")
def alice_db(tmp_path_factory) -> Path:
    """alice's labelled seeds; the tests only read it (as the database merged in)."""
    path = tmp_path_factory.mktemp("merge") / "alice.db"
    with seeded_store(path) as store:
        label_seeds(store, "alice")
    return path


def test_merge_into_an_empty_database_copies_everything(tmp_path, alice_db):
    with Store.open(tmp_path / "reviewer.db") as target, Store.open(alice_db) as source:
        report = merge_database(target, source)
        assert snapshot(target) == snapshot(source)
    assert (report.articles_added, report.sets_added, report.sets_unchanged) == (5, 5, 0)
    assert report.conflicts == report.failures == ()


def test_merging_the_same_file_twice_changes_nothing(tmp_path, alice_db):
    with Store.open(tmp_path / "reviewer.db") as target, Store.open(alice_db) as source:
        merge_database(target, source)
        before = snapshot(target)
        again = merge_database(target, source)
        assert snapshot(target) == before
    assert (again.articles_added, again.sets_added, again.sets_unchanged) == (0, 0, 5)
    assert not again.changed
    assert again.conflicts == again.failures == ()


def test_sets_of_other_annotators_are_kept_beside_ours(tmp_path, alice_db):
    bob_db = tmp_path / "bob.db"
    with seeded_store(bob_db) as bob:
        label_seeds(bob, "bob")
    with Store.open(bob_db) as target, Store.open(alice_db) as source:
        bob_before = {k: v for k, v in snapshot(target).items() if "bob" in k}
        report = merge_database(target, source)
        after = snapshot(target)
        alice = {k: v for k, v in snapshot(source).items() if "alice" in k}
    assert report.articles_added == 0
    assert report.sets_added == 5
    assert {k: v for k, v in after.items() if "bob" in k} == bob_before
    assert {k: v for k, v in after.items() if "alice" in k} == alice


@pytest.mark.parametrize(
    ("ours_at", "theirs_at", "kept"),
    [(OLD, NEW, "theirs"), (NEW, OLD, "ours"), (NEW, NEW, "ours")],
)
def test_differing_sets_newest_wins_and_every_case_is_reported(tmp_path, ours_at, theirs_at, kept):
    with (
        seeded_store(tmp_path / "ours.db") as target,
        seeded_store(tmp_path / "theirs.db") as source,
    ):
        article_id = target.article_ids()[0]
        other_id = target.article_ids()[1]
        ours = one_set(target, article_id, [("PLACE", 0, 2)], updated_at=ours_at)
        theirs = one_set(source, article_id, [("ORG", 0, 4), ("DATE", 5, 7)], updated_at=theirs_at)
        one_set(target, other_id, [("PLACE", 1, 3)], updated_at=OLD)
        one_set(source, other_id, [("PLACE", 1, 3)], updated_at=NEW)  # same content: no conflict
        report = merge_database(target, source)
        merged = target.get_annotation_set(article_id, "alice")
    winner = theirs if kept == "theirs" else ours
    assert [(s.label, s.start, s.end) for s in merged.spans] == [
        (s.label, s.start, s.end) for s in winner.spans
    ]
    assert merged.updated_at == winner.updated_at
    assert report.sets_unchanged == 1
    assert report.sets_replaced == (kept == "theirs")
    (conflict,) = report.conflicts
    assert (conflict.article_id, conflict.annotator, conflict.kept) == (article_id, "alice", kept)
    assert (conflict.ours_updated_at, conflict.theirs_updated_at) == (ours_at, theirs_at)
    assert (conflict.ours_spans, conflict.theirs_spans) == (1, 2)


def _skip(store: Store, aset: AnnotationSet) -> None:
    store.set_status(aset.article_id, "alice", "skipped")


def _give_title(store: Store, aset: AnnotationSet) -> None:
    store.save_official(replace(aset.officials[0], titles=("自治区党委书记",)))


def _add_event(store: Store, aset: AnnotationSet) -> None:
    store.save_event(Event(aset.article_id, "alice", "参观", place="哈密"))


@pytest.mark.parametrize("edit", [_skip, _give_title, _add_event])
def test_a_difference_in_status_or_records_alone_counts(tmp_path, edit):
    with (
        seeded_store(tmp_path / "ours.db") as target,
        seeded_store(tmp_path / "theirs.db") as source,
    ):
        article_id = target.article_ids()[0]
        one_set(target, article_id, [("OFFICIAL", 0, 2)], updated_at=OLD)
        theirs = one_set(source, article_id, [("OFFICIAL", 0, 2)], updated_at=OLD)
        edit(source, theirs)  # now newer
        report = merge_database(target, source)
        assert snapshot(target) == snapshot(source)
    assert [c.kept for c in report.conflicts] == ["theirs"]


def test_accepted_suggestions_point_at_the_same_suggestion_here(tmp_path):
    with (
        seeded_store(tmp_path / "ours.db") as target,
        seeded_store(tmp_path / "theirs.db") as source,
    ):
        article_id = source.article_ids()[0]
        # the same suggestions, made in a different order, so their ids differ
        for start in (0, 4, 8):
            source.add_span(article_id, AUTO, "PLACE", start, start + 2)
        for start in (8, 4, 0):
            target.add_span(article_id, AUTO, "PLACE", start, start + 2)
        suggestion = source.get_annotation_set(article_id, AUTO).spans[0]
        source.accept_suggestion(suggestion.id, "alice")
        report = merge_database(target, source)
        (accepted,) = target.get_annotation_set(article_id, "alice").spans
        local = {s.id: s for s in target.get_annotation_set(article_id, AUTO).spans}
    assert report.sets_unchanged == 1  # the auto sets say the same
    assert (local[accepted.origin].start, local[accepted.origin].end) == (0, 2)


def test_rejected_suggestions_stay_rejected_after_a_merge(tmp_path):
    with (
        seeded_store(tmp_path / "ours.db") as target,
        seeded_store(tmp_path / "theirs.db") as source,
    ):
        article_id = source.article_ids()[0]
        for store in (source, target):
            for start in (0, 4):
                store.add_span(article_id, AUTO, "PLACE", start, start + 2)
        theirs = source.get_annotation_set(article_id, AUTO).spans
        source.reject_suggestion(theirs[0].id, "alice")
        ours = target.get_annotation_set(article_id, AUTO).spans
        target.reject_suggestion(ours[1].id, "alice")
        first = merge_database(target, source)
        again = merge_database(target, source)
        rejected = target.rejected(article_id, "alice")
    assert (first.rejections_added, again.rejections_added) == (1, 0)
    assert first.changed and not again.changed
    assert {(label, start, end) for label, start, end, _ in rejected} == {
        ("PLACE", 0, 2),
        ("PLACE", 4, 6),
    }


def test_a_rejection_that_does_not_fit_our_text_is_refused_and_reported(tmp_path, alice_db):
    with Store.open(alice_db) as alice:
        first = next(alice.iter_articles())
    changed = "另" + first.text[1:-1]  # another cleaner version: shifted text
    with Store.open(tmp_path / "theirs.db") as source, Store.open(tmp_path / "ours.db") as target:
        source.add_articles([first])
        target.add_articles(
            [replace(first, text=changed, offset_map=OffsetMap.identity(len(changed)))]
        )
        suggestion = source.add_span(first.id, AUTO, "PLACE", 0, 2)
        source.reject_suggestion(suggestion.id, "alice")
        report = merge_database(target, source)
        assert target.rejected(first.id, "alice") == set()
    assert report.rejections_added == 0
    assert [
        (f.annotator, f.reason.split(":")[0]) for f in report.failures if f.annotator == "alice"
    ] == [("alice", "rejections")]


def test_a_set_that_does_not_fit_our_text_is_refused_and_reported(tmp_path, alice_db, capsys):
    reviewer = tmp_path / "reviewer.db"
    with Store.open(alice_db) as source, Store.open(reviewer) as target:
        first = next(source.iter_articles())
        changed = "另" + first.text[1:-1]  # another cleaner version: shifted text
        target.add_articles(
            [replace(first, text=changed, offset_map=OffsetMap.identity(len(changed)))]
        )
    capsys.readouterr()
    assert main(["--db", str(reviewer), "merge", str(alice_db)]) == 1
    out = capsys.readouterr().out
    assert "4 articles added, 4 sets added" in out
    assert "1 refused" in out
    assert f"refused: {first.id} alice: " in out
    with Store.open(reviewer) as target:
        assert not target.has_annotation_set(first.id, "alice")


def test_merge_command_reports_each_file(tmp_path, alice_db, capsys):
    reviewer = tmp_path / "reviewer.db"
    capsys.readouterr()
    assert main(["--db", str(reviewer), "merge", str(alice_db), str(alice_db)]) == 0
    first, second = capsys.readouterr().out.strip().split("\n")
    assert first.endswith(
        "5 articles added, 5 sets added, 0 replaced by newer ones, 0 unchanged, 0 differed, "
        "0 rejections added, 0 refused"
    )
    assert second.endswith(
        "0 articles added, 0 sets added, 0 replaced by newer ones, 5 unchanged, 0 differed, "
        "0 rejections added, 0 refused"
    )


def test_merge_command_json_is_one_object_per_file(tmp_path, alice_db, capsys):
    import json

    reviewer = tmp_path / "reviewer.db"
    capsys.readouterr()
    assert main(["--db", str(reviewer), "merge", "--json", str(alice_db), str(alice_db)]) == 0
    first, second = map(json.loads, capsys.readouterr().out.strip().split("\n"))
    assert (first["articles_added"], first["sets_added"], first["sets_replaced"]) == (5, 5, 0)
    assert (second["sets_unchanged"], second["conflicts"], second["failures"]) == (5, [], [])
    assert first["source"] == str(alice_db)


@pytest.mark.parametrize(
    ("other", "message"),
    [
        ("missing.db", "missing.db: no such database file"),
        ("me.db", "is the database being merged into"),
    ],
)
def test_merge_command_refuses_bad_files(tmp_path, capsys, other, message):
    me = tmp_path / "me.db"
    Store.open(me).close()
    assert main(["--db", str(me), "merge", str(tmp_path / other)]) == 2
    assert message in capsys.readouterr().err
