"""One pure validation module (store/checks.py): a whole set is held to what a single edit is
(issue 17: replace_annotation_set repeated _check_mentions and _check_event, and missed some)."""

from __future__ import annotations

import pytest

from annotator.model import AnnotationSet, Article, Event, Official, Span
from annotator.store import SpanRejected, Store, StoreError

TEXT = "省委书记张三在会上讲话。"


@pytest.fixture
def store():
    with Store.open(memory=True) as store:
        store.add_articles([Article.plain("a1", TEXT)])
        yield store


def a_set(**changes) -> AnnotationSet:
    name = Span("a1", "alice", "OFFICIAL", 4, 6, "张三", id=-1)
    official = Official("a1", "alice", "张三", ("省委书记",), mentions=(-1,), id=-2)
    fields = {"spans": (name,), "officials": (official,), "events": ()}
    fields.update(changes)
    return AnnotationSet("a1", "alice", **fields)


def test_a_whole_set_and_a_single_edit_refuse_an_official_without_a_name(store) -> None:
    nameless = Official("a1", "alice", " ", (), mentions=(-1,), id=-2)
    with pytest.raises(StoreError, match="needs a name"):
        store.replace_annotation_set(a_set(officials=(nameless,)))
    saved = store.replace_annotation_set(a_set())
    with pytest.raises(StoreError, match="needs a name"):
        store.save_official(Official("a1", "alice", "", (), mentions=(saved.spans[0].id,)))
    assert store.get_annotation_set("a1", "alice") == saved


def test_a_whole_set_and_a_single_edit_refuse_an_unknown_modality(store) -> None:
    event = Event("a1", "alice", type=store.schema.event_types[0], modality="perhaps", id=-3)
    with pytest.raises(StoreError, match="perhaps"):
        store.replace_annotation_set(a_set(events=(event,)))
    with pytest.raises(StoreError, match="perhaps"):
        store.save_event(Event("a1", "alice", type=store.schema.event_types[0], modality="perhaps"))
    assert not store.has_annotation_set("a1", "alice")


def test_a_mention_outside_the_set_is_named_alike_in_both_paths(store) -> None:
    stray = Official("a1", "alice", "张三", (), mentions=(-9,), id=-2)
    with pytest.raises(SpanRejected, match=r"mentions spans \[-9\] not in its set"):
        store.replace_annotation_set(a_set(officials=(stray,)))
    store.replace_annotation_set(a_set())
    with pytest.raises(SpanRejected, match=r"mentions spans \[999\] not in its set"):
        store.save_official(Official("a1", "alice", "张三", (), mentions=(999,)))
