"""Every set of an annotator read a few hundred at a time, not four queries per set (issue 17:
read every set of a corpus in one query instead of one per article)."""

from __future__ import annotations

import pytest

from annotator.model import AUTO, AnnotationSet, Article, Event
from annotator.store import Store, bulk

TEXT = "省委书记张三在会上讲话。市长李四出席。"


@pytest.fixture
def store():
    with Store.open(memory=True) as store:
        store.add_articles([Article.plain(f"a{n}", TEXT) for n in range(7)])
        for n in (0, 2, 3, 5, 6):
            store.add_span(f"a{n}", "alice", "OFFICIAL", 4, 6)
            if n % 2:
                span = store.add_span(f"a{n}", "alice", "OFFICIAL", 12, 14)
                kind = store.schema.event_types[0]
                store.save_event(Event(f"a{n}", "alice", type=kind, evidence=span.id))
        store.set_status("a2", "alice", "done")
        store.add_span("a1", "bob", "OFFICIAL", 4, 6)
        yield store


def test_the_sets_read_together_are_the_sets_read_one_by_one(store, monkeypatch) -> None:
    monkeypatch.setattr(bulk, "IN_CHUNK", 2)  # several chunks, one of them short
    one_by_one = [
        store.get_annotation_set(i, "alice")
        for i in store.article_ids()
        if store.has_annotation_set(i, "alice")
    ]
    assert len(one_by_one) == 5 and any(s.officials for s in one_by_one)
    assert any(s.events for s in one_by_one) and any(s.status == "done" for s in one_by_one)
    assert list(store.iter_annotation_sets("alice")) == one_by_one
    assert [s.article_id for s in store.iter_annotation_sets("bob")] == ["a1"]


def test_reading_every_set_asks_a_few_queries_not_a_few_per_set(store) -> None:
    selects: list[str] = []
    store._conn.set_trace_callback(selects.append)
    sets = list(store.iter_annotation_sets("alice"))
    store._conn.set_trace_callback(None)
    assert len(sets) == 5
    reads = [sql for sql in selects if sql.lstrip().upper().startswith("SELECT")]
    assert len(reads) <= 5  # the ids, then one query per table for the chunk


def one_by_one_export(store: Store, annotator: str | None, suggestions: bool) -> list:
    """What formats.service.export_sets gave when it read each set on its own."""
    humans = [name for name in store.annotators() if name != AUTO]
    pairs = []
    for article in store.iter_articles():
        if annotator is not None:
            pairs.append((article, store.get_annotation_set(article.id, annotator)))
        else:
            sets = [
                store.get_annotation_set(article.id, name)
                for name in humans
                if store.has_annotation_set(article.id, name)
            ]
            pairs += [(article, s) for s in sets or [AnnotationSet(article.id, "")]]
        if suggestions and annotator != AUTO and store.has_annotation_set(article.id, AUTO):
            pairs.append((article, store.get_annotation_set(article.id, AUTO)))
    return pairs


@pytest.mark.parametrize(
    ("annotator", "suggestions"), [(None, False), (None, True), ("alice", True), ("carol", False)]
)
def test_an_export_reads_the_sets_it_always_read(store, monkeypatch, annotator, suggestions) -> None:
    from annotator.formats import service

    store.add_suggestions("a4", "same-string", [("OFFICIAL", 4, 6)])
    monkeypatch.setattr(service, "CHUNK", 3)
    monkeypatch.setattr(bulk, "IN_CHUNK", 2)
    got = list(service.export_sets(store, annotator, suggestions=suggestions))
    assert got == one_by_one_export(store, annotator, suggestions)


def test_an_export_asks_a_few_queries_per_chunk_not_a_few_per_set(store) -> None:
    from annotator.formats.service import export_sets

    selects: list[str] = []
    store._conn.set_trace_callback(selects.append)
    pairs = list(export_sets(store, None))
    store._conn.set_trace_callback(None)
    reads = [sql for sql in selects if sql.lstrip().upper().startswith("SELECT")]
    assert len(pairs) == 7
    # the annotators, the ids, one article each, and one query per table per annotator
    assert len(reads) <= 2 + 7 + 2 * 4
