"""Label every occurrence: a label offered at its string's places in every article, as
suggestions (annotator.services.everywhere, Qt-free)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.model import AUTO, Article, OffsetMap, article_id_for
from annotator.services.everywhere import OfferRefused, offer_in_every_article
from annotator.services.suggestions import pending_suggestions
from annotator.store import Store

TEXTS = (
    "马兴瑞会见客人。马兴瑞说。",
    "记者报道：马兴瑞出席会议。",
    "楼阳生出席会议。",  # not there
    "自治区党委书记马兴瑞\n马兴瑞讲话。",
)


def article(text: str, n: int) -> Article:
    return Article(
        id=article_id_for(text.encode("utf-8")),
        source=f"{n:03}.txt",
        raw_text=text,
        text=text,
        offset_map=OffsetMap.identity(len(text)),
        title=f"第{n}篇",
    )


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "a.db") as store:
        store.add_articles(article(text, n) for n, text in enumerate(TEXTS))
        yield store


def ids_by_text(store: Store) -> dict[str, str]:
    return {store.article_text(i): i for i in store.article_ids()}


def offered(store: Store, article_id: str, annotator: str = "alice") -> list[tuple[str, int]]:
    mine = store.get_annotation_set(article_id, annotator)
    auto = store.get_annotation_set(article_id, AUTO)
    pending = pending_suggestions(mine, auto, store.rejected(article_id, annotator))
    return [(s.label, s.start) for s in pending if s.rule == "same-string"]


def places(text: str, needle: str = "马兴瑞") -> list[int]:
    return [i for i in range(len(text)) if text.startswith(needle, i)]


def test_every_place_in_every_article_is_offered_as_a_suggestion_not_a_label(store):
    ids = ids_by_text(store)
    first = ids[TEXTS[0]]
    store.add_span(first, "alice", "OFFICIAL", 0, 3)  # the label the person made
    result = offer_in_every_article(store, "alice", "OFFICIAL", "马兴瑞")
    for text, article_id in ids.items():
        expected = places(text)[1:] if article_id == first else places(text)
        assert offered(store, article_id) == [("OFFICIAL", at) for at in expected], text
        assert store.get_annotation_set(article_id, "bob").spans == ()
    assert [s.start for s in store.get_annotation_set(first, "alice").spans] == [0]
    assert (result.looked_at, result.articles, result.places) == (3, 3, 4)


def test_places_rejected_or_labelled_otherwise_are_not_offered_and_a_rerun_adds_nothing(store):
    ids = ids_by_text(store)
    second, fourth = ids[TEXTS[1]], ids[TEXTS[3]]
    store.add_span(second, "alice", "ORG", 5, 8)  # the person labelled it otherwise
    offer_in_every_article(store, "alice", "OFFICIAL", "马兴瑞")
    first_place = next(
        s for s in store.get_annotation_set(fourth, AUTO).spans if s.start == places(TEXTS[3])[0]
    )
    store.reject_suggestion(first_place.id, "alice")
    assert offered(store, second) == []
    again = offer_in_every_article(store, "alice", "OFFICIAL", "马兴瑞")
    assert (again.articles, again.places) == (0, 0)
    assert offered(store, fourth) == [("OFFICIAL", places(TEXTS[3])[1])]


@pytest.mark.parametrize(
    ("label", "text", "reason"),
    [
        ("BOILERPLATE_NAV", "马兴瑞", "boilerplate"),
        ("OFFICIAL", "书记马兴瑞\n马兴瑞", "one line"),
        ("OFFICIAL", "  ", "one line"),
        ("NO_SUCH_LABEL", "马兴瑞", "no label"),
    ],
)
def test_a_request_that_cannot_apply_is_refused_and_changes_nothing(store, label, text, reason):
    if label.startswith("BOILERPLATE"):
        label = store.schema.region_labels()[0].name
    with pytest.raises(OfferRefused, match=reason):
        offer_in_every_article(store, "alice", label, text)
    assert all(store.get_annotation_set(i, AUTO).spans == () for i in store.article_ids())


def test_a_cancel_keeps_the_articles_already_done(store):
    def cancel_after_first(done: int, total: int) -> None:
        if done == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        offer_in_every_article(store, "alice", "OFFICIAL", "马兴瑞", progress=cancel_after_first)
    with_suggestions = [i for i in store.article_ids() if store.get_annotation_set(i, AUTO).spans]
    assert len(with_suggestions) == 1
