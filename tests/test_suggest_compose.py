"""The suggester interface: components that propose scored spans, one composer that resolves
overlaps by priority and score, and the score and source kept with each suggestion."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.model import AUTO, Article, Event
from annotator.resources import seeds_dir
from annotator.store import Store
from annotator.suggest.compose import (
    EventDraft,
    Kept,
    MentionDraft,
    Scored,
    SuggestContext,
    Suggestions,
    compose,
)
from annotator.suggest.gazetteer import Gazetteer
from annotator.suggest.lexicons import default_lexicons
from annotator.suggest.person_tagger import shipped_tagger
from annotator.suggest.suggesters import RULE_SCORES, default_suggesters

TEXT = "马兴瑞书记在乌鲁木齐会见张三。\n"


@dataclass(frozen=True, slots=True)
class Fixed:
    """A suggester that proposes what it is given."""

    name: str
    proposed: Suggestions

    def suggest(self, context: SuggestContext, kept: Kept) -> Suggestions:
        return self.proposed


@dataclass(frozen=True, slots=True)
class Reader:
    """A suggester that records what was kept before it."""

    name: str
    seen: list[Kept]

    def suggest(self, context: SuggestContext, kept: Kept) -> Suggestions:
        self.seen.append(kept)
        return Suggestions()


def context(text: str = TEXT) -> SuggestContext:
    return SuggestContext(Article.plain("a1", text), default_lexicons(), Gazetteer())


def official(start: int, end: int, source: str, score: float) -> MentionDraft:
    return MentionDraft(Scored("OFFICIAL", start, end, source, score), TEXT[start:end])


def keys(aset) -> set[tuple[str, int, int, str | None, float | None]]:
    return {(s.label, s.start, s.end, s.rule, s.score) for s in aset.spans}


def test_an_earlier_suggester_wins_an_overlap_of_one_label_whatever_the_scores() -> None:
    first = Fixed("rules", Suggestions(mentions=(official(0, 3, "rules", 0.5),)))
    second = Fixed("tagger", Suggestions(mentions=(official(0, 5, "tagger", 0.99),)))
    aset = compose(context(), [first, second])
    assert keys(aset) == {("OFFICIAL", 0, 3, "rules", 0.5)}
    assert [o.name for o in aset.officials] == ["马兴瑞"]


def test_within_one_suggester_the_higher_score_wins_then_the_longer() -> None:
    proposals = Suggestions(
        spans=(
            Scored("PLACE", 6, 10, "p", 0.4),
            Scored("PLACE", 7, 10, "p", 0.8),  # overlaps the one before: higher score
            Scored("DATE", 0, 2, "d", 0.5),
            Scored("DATE", 0, 3, "d", 0.5),  # the same score: the longer
        )
    )
    aset = compose(context(), [Fixed("one", proposals)])
    assert keys(aset) == {("PLACE", 7, 10, "p", 0.8), ("DATE", 0, 3, "d", 0.5)}


def test_different_labels_may_overlap_and_one_stretch_is_shared_not_doubled() -> None:
    sentence = Scored("EVENT", 0, 15, "trigger:会见", 0.7)
    meets = Event("a1", AUTO, "会见")
    drafts = (
        EventDraft(meets, sentence, participants_in=((0, 15),)),
        EventDraft(Event("a1", AUTO, "访问"), sentence, participants_in=((0, 15),)),
    )
    first = Fixed("officials", Suggestions(mentions=(official(0, 3, "rules", 0.9),)))
    aset = compose(context(), [first, Fixed("events", Suggestions(events=drafts))])
    assert keys(aset) == {("OFFICIAL", 0, 3, "rules", 0.9), ("EVENT", 0, 15, "trigger:会见", 0.7)}
    evidence = {e.evidence for e in aset.events}
    assert len(aset.events) == 2 and len(evidence) == 1
    assert all(e.participants == (aset.officials[0].id,) for e in aset.events)


def test_the_same_mention_from_two_suggesters_is_one_mention() -> None:
    first = Fixed("rules", Suggestions(mentions=(official(0, 3, "rules", 0.9),)))
    second = Fixed("tagger", Suggestions(mentions=(official(0, 3, "tagger", 0.7),)))
    aset = compose(context(), [first, second])
    assert keys(aset) == {("OFFICIAL", 0, 3, "rules", 0.9)}
    assert aset.officials[0].mentions == (aset.spans[0].id,)


def test_a_rejected_suggestion_still_holds_its_place_against_a_later_one() -> None:
    first = Fixed("rules", Suggestions(mentions=(official(0, 3, "rules", 0.9),)))
    second = Fixed("tagger", Suggestions(mentions=(official(1, 4, "tagger", 0.9),)))
    aset = compose(context(), [first, second], rejected={("OFFICIAL", 0, 3, "马兴瑞")})
    assert aset.spans == () and aset.officials == ()


def test_later_suggesters_read_what_was_kept_before_them() -> None:
    seen: list[Kept] = []
    first = Fixed(
        "rules",
        Suggestions(mentions=(official(0, 3, "rules", 0.9),), names=("张三",)),
    )
    compose(context(), [first, Reader("links", seen)])
    assert [m.name for m in seen[0].mentions] == ["马兴瑞"]
    assert seen[0].names == {"马兴瑞", "张三"}


def test_a_score_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        Scored("OFFICIAL", 0, 3, "rules", 1.5)


def seed_articles() -> list[Article]:
    from annotator.cleaning import clean_page

    return [clean_page(p.read_bytes(), p.name) for p in sorted(seeds_dir().glob("*.txt"))]


def test_every_suggestion_on_the_seeds_has_a_source_and_a_score() -> None:
    from annotator.suggest import suggest_article

    sources = set()
    for article in seed_articles():
        for span in suggest_article(article).spans:
            assert span.rule and span.score is not None and 0.0 <= span.score <= 1.0
            sources.add(span.rule.split(":")[0])
    assert {"boilerplate", "title-chain", "tagger", "date", "trigger", "place"} <= sources


def test_a_tagger_official_is_scored_by_the_tagger_and_a_rule_by_its_prior() -> None:
    from annotator.suggest import suggest_article

    tagger = shipped_tagger()
    assert tagger is not None
    tagged = 0
    for article in seed_articles():
        for span in suggest_article(article).spans:
            if span.rule == "tagger":
                line_start = article.text.rfind("\n", 0, span.start) + 1
                line = article.text[line_start : article.text.find("\n", span.end)]
                scores = {
                    (n.start + line_start, n.end + line_start): n.score for n in tagger.names(line)
                }
                assert span.score == pytest.approx(scores[(span.start, span.end)], abs=1e-4)
                tagged += 1
            elif span.label == "OFFICIAL":
                assert span.score == RULE_SCORES[span.rule]
    assert tagged  # 习近平总书记: the tagger's find on the seeds


def test_without_the_tagger_suggester_its_officials_are_not_offered() -> None:
    from annotator.suggest import suggest_article

    article = seed_articles()[0]
    rules_only = suggest_article(article, suggesters=default_suggesters(with_tagger=False))
    assert rules_only == suggest_article(article, tagger=None)
    assert not any(s.rule == "tagger" for s in rules_only.spans)


def test_the_score_is_stored_and_read_back(tmp_path) -> None:
    from annotator.suggest import suggest_article

    article = seed_articles()[0]
    draft = suggest_article(article)
    with Store.open(tmp_path / "a.db") as store:
        store.add_articles([article])
        store.replace_annotation_set(draft)
        stored = store.get_annotation_set(article.id, AUTO)
    expect = sorted((s.label, s.start, s.end, s.rule, s.score) for s in draft.spans)
    assert sorted((s.label, s.start, s.end, s.rule, s.score) for s in stored.spans) == expect


def test_native_jsonl_and_label_studio_carry_each_suggestions_source_and_score() -> None:
    import json

    from annotator.formats.label_studio import LabelStudioFormat
    from annotator.formats.record import to_record
    from annotator.formats.validate import check_record
    from annotator.suggest import suggest_article

    article = seed_articles()[0]
    draft = suggest_article(article)
    record = to_record(article, draft)
    check_record(record)  # the schema holds the new fields
    by_key = {(s.start, s.end, s.label): s for s in draft.spans}
    for item in record["spans"]:
        span = by_key[(item["start"], item["end"], item["label"])]
        assert (item["source"], item["score"]) == (span.rule, span.score)
    assert all("source" in b and 0 <= b["score"] <= 1 for b in record["boilerplate"])

    task = json.loads(LabelStudioFormat().format_article([record]))
    (prediction,) = task["predictions"]
    scores = [r["score"] for r in prediction["result"]]
    assert len(scores) == len(draft.spans)
    assert prediction["score"] == pytest.approx(sum(scores) / len(scores), abs=1e-4)
    assert min(scores) < max(scores)  # each result its own span's score, not one for all


def test_a_persons_spans_export_without_source_or_score() -> None:
    from dataclasses import replace

    from annotator.formats.record import to_record
    from annotator.suggest import suggest_article

    article = seed_articles()[0]
    mine = replace(suggest_article(article), annotator="alice")
    mine = replace(mine, spans=tuple(replace(s, rule=None, score=None) for s in mine.spans))
    record = to_record(article, mine)
    assert not any("source" in s or "score" in s for s in record["spans"] + record["boilerplate"])


def test_a_score_outside_zero_to_one_in_a_jsonl_file_is_refused() -> None:
    from annotator.formats.record import to_record
    from annotator.formats.validate import record_validator
    from annotator.suggest import suggest_article

    article = seed_articles()[0]
    record = to_record(article, suggest_article(article))
    record["spans"][0]["score"] = 1.5
    assert not record_validator().is_valid(record)


@pytest.mark.parametrize("score", [1.5, -0.1, float("nan")])
def test_the_store_refuses_a_suggestion_scored_outside_zero_to_one(tmp_path, score) -> None:
    from dataclasses import replace

    from annotator.store.errors import StoreError
    from annotator.suggest import suggest_article

    article = seed_articles()[0]
    draft = suggest_article(article)
    bad = replace(draft, spans=(replace(draft.spans[0], score=score), *draft.spans[1:]))
    with Store.open(tmp_path / "a.db") as store:
        store.add_articles([article])
        with pytest.raises(StoreError, match="score"):
            store.replace_annotation_set(bad)
        assert store.get_annotation_set(article.id, AUTO).spans == ()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["DATE", "PLACE"]),
            st.integers(0, 40),
            st.integers(1, 8),
            st.sampled_from([0.2, 0.5, 0.9]),
        ),
        max_size=40,
    )
)
def test_the_composer_keeps_what_a_plain_scan_of_every_pair_would(proposed) -> None:
    """Overlaps are found by bisection over the kept stretches; a scan of every kept pair
    must agree on any proposal."""
    spans = tuple(Scored(label, s, s + n, "p", score) for label, s, n, score in proposed)
    text = "一" * 60
    aset = compose(context(text), [Fixed("one", Suggestions(spans=spans))])
    kept: list[Scored] = []
    for span in sorted(spans, key=lambda s: (-s.score, -(s.end - s.start), s.start)):
        if span.key in {k.key for k in kept} or not any(
            k.label == span.label and k.start < span.end and span.start < k.end for k in kept
        ):
            kept.append(span)
    assert {(s.label, s.start, s.end) for s in aset.spans} == {k.key for k in kept}
