"""Pending "label every occurrence" offers (`auto` spans of rule same-string, made on a person's
request) survive whatever replaces the machine's set: `annotator suggest`, the recompute after
training or an import, a set written whole (a merge, a handout). Offers accepted, rejected, or
that the new set holds itself are not carried."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.model import AUTO, SAME_STRING, AnnotationSet, Article, Span
from annotator.services.suggestions import pending_suggestions, recompute_suggestions
from annotator.store import Store

# No name, place or title the suggestions' rules know: whatever they find, not these offers.
TEXT = "小明的狗叫旺财。旺财很乖，旺财爱吃骨头。"
ARTICLE = "offer000000000001"
WORD = "旺财"


def places() -> list[int]:
    return [i for i in range(len(TEXT)) if TEXT.startswith(WORD, i)]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "a.db"
    with Store.open(path) as store:
        store.add_articles([Article.plain(ARTICLE, TEXT)])
        # the window's `O` on a labelled 旺财: offered at its other places
        store.add_span(ARTICLE, "alice", "ORG", places()[0], places()[0] + 2)
        store.add_suggestions(ARTICLE, SAME_STRING, [("ORG", at, at + 2) for at in places()[1:]])
    return path


def offered(store: Store, annotator: str = "alice") -> list[int]:
    mine = store.get_annotation_set(ARTICLE, annotator)
    auto = store.get_annotation_set(ARTICLE, AUTO)
    pending = pending_suggestions(mine, auto, store.rejected(ARTICLE, annotator))
    return [s.start for s in pending if s.rule == SAME_STRING and s.label == "ORG"]


def same_string_spans(store: Store) -> list[tuple[str, int, int]]:
    auto = store.get_annotation_set(ARTICLE, AUTO)
    return sorted((s.label, s.start, s.end) for s in auto.spans if s.rule == SAME_STRING)


def test_a_pending_offer_is_still_pending_after_a_recompute(db):
    with Store.open(db) as store:
        assert offered(store) == places()[1:]
        assert recompute_suggestions(store) == 1  # the machine's set was replaced
        assert offered(store) == places()[1:]


def test_annotator_suggest_all_keeps_the_offers(db):
    assert main(["--db", str(db), "suggest", "--all"]) == 0
    with Store.open(db, read_only=True) as store:
        assert offered(store) == places()[1:]


def test_offers_accepted_or_rejected_are_not_carried(db):
    with Store.open(db) as store:
        second, third = (
            s for s in store.get_annotation_set(ARTICLE, AUTO).spans if s.rule == SAME_STRING
        )
        store.reject_suggestion(second.id, "alice")
        store.accept_suggestion(third.id, "bob")
        recompute_suggestions(store)
        assert same_string_spans(store) == []
        assert offered(store, "carol") == []


def test_a_set_written_whole_keeps_the_offers_unless_it_holds_the_span(db):
    """A merge or handout writes the machine's set with replace_annotation_set: the same rule."""
    with Store.open(db) as store:
        store.replace_annotation_set(AnnotationSet(ARTICLE, AUTO))
        assert offered(store) == places()[1:]
        at = places()[1]
        own = Span(ARTICLE, AUTO, "ORG", at, at + 2, WORD, id=1, rule="gazetteer", score=0.5)
        store.replace_annotation_set(AnnotationSet(ARTICLE, AUTO, spans=(own,)))
        auto = store.get_annotation_set(ARTICLE, AUTO).spans
        assert sorted((s.start, s.rule) for s in auto) == [
            (at, "gazetteer"),  # the new set's own span wins: no second span at that place
            (places()[2], SAME_STRING),
        ]


def test_a_carried_official_offer_is_a_mention_of_an_official_as_when_offered(tmp_path):
    text = "马兴瑞说，马兴瑞讲。"
    with Store.open(tmp_path / "b.db") as store:
        store.add_articles([Article.plain(ARTICLE, text)])
        store.add_suggestions(ARTICLE, SAME_STRING, [("OFFICIAL", 5, 8)])
        before = store.get_annotation_set(ARTICLE, AUTO)
        store.replace_annotation_set(AnnotationSet(ARTICLE, AUTO))
        after = store.get_annotation_set(ARTICLE, AUTO)
        (span,) = after.spans
        (official,) = after.officials
        assert official.mentions == (span.id,)
        assert [o.name for o in after.officials] == [o.name for o in before.officials]


def test_a_merge_that_takes_the_other_databases_suggestions_keeps_the_offers(db, tmp_path):
    from annotator.review.merge import merge_database

    share = tmp_path / "share.db"
    with Store.open(share) as other:
        other.add_articles([Article.plain(ARTICLE, TEXT)])
        dog = Span(ARTICLE, AUTO, "PLACE", 0, 2, TEXT[:2], id=1, rule="gazetteer")
        other.replace_annotation_set(
            AnnotationSet(ARTICLE, AUTO, spans=(dog,), updated_at="2999-01-01T00:00:00+00:00"),
            keep_updated_at=True,
        )
    with Store.open(db) as store, Store.open(share, read_only=True) as other:
        report = merge_database(store, other)
        assert [c.kept for c in report.conflicts] == ["theirs"]
        assert offered(store) == places()[1:]
        assert (0, "gazetteer") in {
            (s.start, s.rule) for s in store.get_annotation_set(ARTICLE, AUTO).spans
        }
