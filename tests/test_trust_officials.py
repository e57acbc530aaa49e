"""Merging two officials of one set (the GUI offers it when a rename makes two share a name)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.model import Article, Event, Official, OffsetMap
from annotator.store import Store, StoreError
from annotator.store.official_merge import merged_official

TEXT = "记者马兴瑞报道。马书记会见了楼阳生。"
ARTICLE = "m" * 16


@pytest.fixture
def store():
    with Store.open(memory=True) as opened:
        opened.add_articles([Article(ARTICLE, "m.txt", TEXT, TEXT, OffsetMap.identity(len(TEXT)))])
        yield opened


def official(store: Store, annotator: str, name: str, **fields) -> Official:
    start = TEXT.index(name)
    store.add_span(ARTICLE, annotator, "OFFICIAL", start, start + len(name))
    (made,) = [o for o in store.get_annotation_set(ARTICLE, annotator).officials if o.name == name]
    return store.save_official(replace(made, **fields))


def test_merged_official_joins_in_order_without_repeats():
    target = Official(ARTICLE, "a", "马兴瑞", ("书记", "省长"), None, (1, 2), id=1)
    source = Official(ARTICLE, "a", "马书记", ("省长", "主任"), "省委", (2, 3), id=2)
    merged = merged_official(target, source)
    assert merged == replace(target, titles=("书记", "省长", "主任"), organization="省委", mentions=(1, 2, 3))
    assert merged_official(replace(target, organization="政府"), source).organization == "政府"


def test_merge_officials_is_one_undoable_command(store):
    ma = official(store, "alice", "马兴瑞", titles=("书记",))
    secretary = official(store, "alice", "马书记", titles=("书记", "省长"), organization="省委")
    lou = official(store, "alice", "楼阳生")
    store.save_event(Event(ARTICLE, "alice", "参观", participants=(secretary.id, lou.id, ma.id)))
    store.save_event(Event(ARTICLE, "alice", "其他", participants=(lou.id,)))
    before = store.get_annotation_set(ARTICLE, "alice")

    merged = store.merge_officials(secretary.id, ma.id)

    after = store.get_annotation_set(ARTICLE, "alice")
    assert merged in after.officials and secretary.id not in {o.id for o in after.officials}
    assert merged.mentions == (*ma.mentions, *secretary.mentions)
    assert (merged.titles, merged.organization) == (("书记", "省长"), "省委")
    assert [e.participants for e in after.events] == [(ma.id, lou.id), (lou.id,)]
    assert store.undo("alice", ARTICLE) is not None
    undone = store.get_annotation_set(ARTICLE, "alice")
    assert (undone.officials, undone.events) == (before.officials, before.events)


def test_merge_officials_refuses_one_official_or_two_sets(store):
    ma = official(store, "alice", "马兴瑞")
    bobs = official(store, "bob", "马兴瑞")
    before = store.get_annotation_set(ARTICLE, "alice")
    for source, target in ((ma.id, ma.id), (bobs.id, ma.id)):
        with pytest.raises(StoreError, match="not two of one set"):
            store.merge_officials(source, target)
    assert store.get_annotation_set(ARTICLE, "alice").officials == before.officials
