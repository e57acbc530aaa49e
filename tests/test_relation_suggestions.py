"""Suggestions fill the links, and accepting suggestions brings the links along into a
person's set, as span ids of that set."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.model import Article
from annotator.store import Store
from annotator.store.validation import content_problems
from annotator.suggest.article import suggest_article

TEXT = "9月2日，自治区党委书记马兴瑞在乌鲁木齐会见了省长楼阳生。"
ARTICLE = "sug0000000000001"


@pytest.fixture
def auto_db(tmp_path):
    path = tmp_path / "s.db"
    article = Article.plain(ARTICLE, TEXT)
    with Store.open(path) as store:
        store.add_articles([article])
        store.replace_annotation_set(suggest_article(article, tagger=None))
    return path


def texts(aset, ids) -> list[str]:
    spans = aset.span_by_id()
    return [spans[i].text for i in ids if i is not None]


def test_suggestions_link_titles_place_date_and_participants():
    auto = suggest_article(Article.plain(ARTICLE, TEXT), tagger=None)
    ma = next(o for o in auto.officials if o.name == "马兴瑞")
    assert texts(auto, ma.title_spans) == ["自治区党委书记"]
    (event,) = auto.events
    assert texts(auto, [event.place_span, event.date_span]) == ["乌鲁木齐", "9月2日"]
    assert sorted(texts(auto, event.participant_spans)) == ["楼阳生", "马兴瑞"]


def accept(store: Store, *texts_and_labels: tuple[str, str]) -> None:
    auto = store.get_annotation_set(ARTICLE, "auto")
    for text, label in texts_and_labels:
        span = next(s for s in auto.spans if s.text == text and s.label == label)
        store.accept_suggestion(span.id, "alice")


def test_an_accepted_event_links_only_spans_of_the_persons_set(auto_db):
    with Store.open(auto_db) as store:
        accept(store, ("马兴瑞", "OFFICIAL"))
        (sentence,) = [
            s for s in store.get_annotation_set(ARTICLE, "auto").spans if s.label == "EVENT"
        ]
        accept(store, (sentence.text, "EVENT"))
        alice = store.get_annotation_set(ARTICLE, "alice")
    (event,) = alice.events
    assert texts(alice, event.participant_spans) == ["马兴瑞"]  # 楼阳生 is not accepted
    assert event.place_span is None and event.date_span is None
    with sqlite3.connect(auto_db) as conn:
        assert content_problems(conn) == []


def test_accepting_a_linked_span_later_links_it_in_the_persons_records(auto_db):
    with Store.open(auto_db) as store:
        (sentence,) = [
            s for s in store.get_annotation_set(ARTICLE, "auto").spans if s.label == "EVENT"
        ]
        accept(store, ("马兴瑞", "OFFICIAL"), (sentence.text, "EVENT"))
        accept(store, ("自治区党委书记", "TITLE"), ("乌鲁木齐", "PLACE"), ("楼阳生", "OFFICIAL"))
        alice = store.get_annotation_set(ARTICLE, "alice")
        ma = next(o for o in alice.officials if o.name == "马兴瑞")
        assert texts(alice, ma.title_spans) == ["自治区党委书记"]
        (event,) = alice.events
        assert texts(alice, [event.place_span]) == ["乌鲁木齐"]
        assert sorted(texts(alice, event.participant_spans)) == ["楼阳生", "马兴瑞"]
        store.undo("alice", ARTICLE)  # the last acceptance, 楼阳生, and its link go together
        (event,) = store.get_annotation_set(ARTICLE, "alice").events
        assert texts(store.get_annotation_set(ARTICLE, "alice"), event.participant_spans) == [
            "马兴瑞"
        ]


def test_an_official_accepted_after_its_title_links_it(auto_db):
    with Store.open(auto_db) as store:
        accept(store, ("自治区党委书记", "TITLE"), ("马兴瑞", "OFFICIAL"))
        alice = store.get_annotation_set(ARTICLE, "alice")
    (ma,) = [o for o in alice.officials if o.name == "马兴瑞"]
    assert texts(alice, ma.title_spans) == ["自治区党委书记"]
