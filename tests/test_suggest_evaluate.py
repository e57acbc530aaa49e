"""Suggestion metrics, the seed gold targets, and `suggest_corpus` over a store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cleaning import clean_page
from annotator.model import AUTO, AnnotationSet, Span
from annotator.resources import seeds_dir
from annotator.scoring import MatchCounts, multiset_matches, set_matches
from annotator.store import Store
from annotator.suggest import suggest_article
from annotator.suggest.evaluate import (
    Agreement,
    Counts,
    GoldArticle,
    GoldError,
    GoldOfficial,
    Report,
    boilerplate_lines,
    line_bounds,
    line_counts,
    official_agreement,
    read_gold,
    span_counts,
)
from annotator.suggest.run import suggest_corpus

DATA = Path(__file__).parent / "data"
SEEDS_GOLD = DATA / "gold" / "seeds.jsonl"
REAL_PAGES = Path("/work/shared/real-pages/gne")
REPORTER_NAMES = {"王兴瑞", "张磊", "崔志坚", "韩亮", "张悦鑫"}


@pytest.fixture(scope="module")
def seed_articles():
    return {
        a.id: a
        for a in (clean_page(p.read_bytes(), p.name) for p in sorted(seeds_dir().glob("*.txt")))
    }


@pytest.mark.parametrize(
    ("gold", "predicted", "overlap", "expected"),
    [
        ([("A", 0, 3)], [("A", 0, 3)], False, MatchCounts(1, 1, 1)),
        ([("A", 0, 3)], [("A", 1, 3)], False, MatchCounts(0, 1, 1)),
        ([("A", 0, 3)], [("A", 1, 3)], True, MatchCounts(1, 1, 1)),
        ([("A", 0, 3)], [("B", 0, 3)], True, MatchCounts(0, 1, 0)),
        # one prediction over two gold spans finds one of them (one-to-one), not both
        ([("A", 0, 3), ("A", 5, 8)], [("A", 2, 6)], True, MatchCounts(1, 2, 1)),
        ([("A", 0, 3), ("A", 0, 3)], [("A", 0, 3)], False, MatchCounts(1, 2, 1)),
    ],
)
def test_span_counts_exact_and_overlap(gold, predicted, overlap, expected) -> None:
    assert span_counts(gold, predicted, overlap=overlap)["A"] == expected


def test_counts_precision_recall_f1() -> None:
    counts = Counts(tp=3, fp=1, fn=3)
    assert (counts.precision, counts.recall) == (0.75, 0.5)
    assert counts.f1 == pytest.approx(0.6)
    # nothing predicted, nothing in the gold: no figure, not a perfect one
    assert (Counts(fn=2).precision, Counts(fp=2).recall, Counts(tn=3).f1) == (None, None, None)


def test_line_counts_keep_true_negatives_and_invert_to_body() -> None:
    counts = line_counts([True, True, False, False, False], [True, False, True, False, False])
    assert counts == Counts(tp=1, fp=1, fn=1, tn=2)
    assert counts.inverse == Counts(tp=2, fp=1, fn=1, tn=1)
    assert (counts + counts).tn == 4


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ([("慰问", "2024-01-02", None)], [("慰问", "2024-01-02", None)], MatchCounts(1, 1, 1)),
        ([("慰问", "2024-01-02", None)], [("慰问", "2024-01-03", None)], MatchCounts(0, 1, 1)),
        ([("a", None, None)] * 2, [("a", None, None)], MatchCounts(1, 2, 1)),
        ([("a", None, None)], [("a", None, None)] * 3, MatchCounts(1, 1, 3)),
    ],
)
def test_events_are_matched_as_a_multiset_of_tuples(gold, predicted, expected) -> None:
    assert multiset_matches(gold, predicted) == expected


def test_titles_and_organization_are_compared_only_for_names_found() -> None:
    gold = [
        GoldOfficial("马兴瑞", ("自治区党委书记", "第一政委"), "自治区党委"),
        GoldOfficial("楼阳生", ("河南省委书记",), "河南省委"),
        GoldOfficial("张柱", (), None),
    ]
    predicted = {"马兴瑞": (("自治区党委书记",), "自治区党委"), "张柱": ((), None)}
    titles, organizations = official_agreement(gold, predicted)
    assert (titles, organizations) == (Agreement(1, 2), Agreement(2, 2))
    assert titles.accuracy == 0.5
    assert Agreement().accuracy is None  # nothing compared: no figure


@pytest.mark.parametrize(
    ("regions", "expected"),
    [
        ([(0, 4)], [True, False]),
        ([(0, 2)], [False, False]),
        ([(0, 3)], [True, False]),
        ([(6, 10)], [False, True]),
    ],
)
def test_a_line_is_boilerplate_when_most_of_its_characters_are(regions, expected) -> None:
    assert boilerplate_lines("abcd\n  efgh\n\n", regions) == expected


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "not JSON"),
        ('{"id": "x"}', "needs string fields"),
        (
            '{"id": "x", "text": "abc", "spans": [{"label": "A", "start": 0, "end": 9}]}',
            "outside the text",
        ),
        (
            '{"id": "x", "text": "abc", "spans": [{"label": "A", "start": 0, "end": 2, "text": "zz"}]}',
            "says 'zz'",
        ),
        ('{"id": "x", "text": "abc", "boilerplate": [{"start": 0}]}', "malformed"),
    ],
)
def test_bad_gold_is_refused_with_line_number(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n" + line + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=rf"gold.jsonl:2: .*{message}"):
        read_gold(path)


def test_seed_gold_matches_the_cleaner(seed_articles) -> None:
    gold = read_gold(SEEDS_GOLD)
    assert {g.id for g in gold} == set(seed_articles)
    assert all(seed_articles[g.id].text == g.text for g in gold)


@pytest.mark.parametrize(("folder", "pages"), [("heldout", 4), ("blind", 2)])
def test_heldout_gold_matches_the_cleaner(folder: str, pages: int) -> None:
    from annotator.bench.suggest import heldout_pages

    texts = {a.id: a.text for a in heldout_pages(DATA / "suggest" / folder).values()}
    gold = read_gold(DATA / "suggest" / folder / "gold.jsonl")
    assert len(gold) == pages
    assert all(texts[g.id] == g.text for g in gold)
    assert all(g.events and g.officials for g in gold)


@pytest.mark.skipif(not REAL_PAGES.is_dir(), reason="real pages are not on this machine")
def test_real_page_gold_still_matches_the_cleaner() -> None:
    from annotator.bench.suggest import GOLD, real_gold_lines

    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len({r["source"].split("_")[0] for r in records}) >= 10
    for record in records:
        page = clean_page((REAL_PAGES / record["source"]).read_bytes(), record["source"])
        lines = real_gold_lines(page.text, record)
        assert 0 < lines.count(False) < len(lines)


def _report(gold_path: Path, articles) -> Report:
    report = Report()
    for gold in read_gold(gold_path):
        report.add(gold, suggest_article(articles[gold.id]))
    return report


def test_seed_targets_officials_and_boilerplate(seed_articles) -> None:
    report = _report(SEEDS_GOLD, seed_articles)
    assert report.officials.recall >= 0.95
    assert report.officials.precision >= 0.90
    assert report.boilerplate.f1 >= 0.95


def test_no_reporter_is_suggested_as_an_official(seed_articles) -> None:
    for article in seed_articles.values():
        aset = suggest_article(article)
        assert not {o.name for o in aset.officials} & REPORTER_NAMES


def test_report_formats_only_labels_in_the_gold() -> None:
    text = "马兴瑞书记出席。\n"
    gold = GoldArticle("a", text, (("OFFICIAL", 0, 3),), (GoldOfficial("马兴瑞", ("书记",)),))
    spans = (
        Span("a", AUTO, "OFFICIAL", 0, 3, "马兴瑞", id=1),
        Span("a", AUTO, "TITLE", 3, 5, "书记", id=2),
    )
    report = Report()
    report.add(gold, AnnotationSet("a", AUTO, spans=spans))
    scored, _, unscored = report.format().partition("not in the gold")
    assert "OFFICIAL" in scored and "TITLE" not in scored
    assert "TITLE" in unscored


def test_seed_gold_scores_every_entity_label_events_and_official_records(seed_articles) -> None:
    gold = read_gold(SEEDS_GOLD)
    labels = {label for g in gold for label, _s, _e in g.spans}
    assert {"OFFICIAL", "TITLE", "DATE", "PLACE", "EVENT"} <= labels
    assert sum(len(g.events) for g in gold) >= 15
    assert sum(bool(o.titles) for g in gold for o in g.officials) >= 20
    report = _report(SEEDS_GOLD, seed_articles)
    for label in ("OFFICIAL", "TITLE", "DATE", "PLACE", "EVENT"):
        counts = report.by_label_exact[label]
        assert counts.support_a > 0
    assert report.official_titles.total > 0 and report.events.support_a > 0


def test_suggest_corpus_replaces_auto_and_keeps_human_labels(seed_articles) -> None:
    with Store.open(memory=True) as store:
        store.add_articles(seed_articles.values())
        article = next(iter(seed_articles.values()))
        start = article.text.index("马兴瑞")
        store.add_span(article.id, "alice", "OFFICIAL", start, start + 3)
        human_before = store.get_annotation_set(article.id, "alice")
        assert suggest_corpus(store) == len(seed_articles)
        first = store.get_annotation_set(article.id, AUTO)
        assert first.officials and first.region_spans()
        suggest_corpus(store, article_ids=[article.id])
        assert len(store.get_annotation_set(article.id, AUTO).spans) == len(first.spans)
        assert store.get_annotation_set(article.id, "alice").spans == human_before.spans


def test_rejected_suggestion_stays_away_after_recomputing(seed_articles) -> None:
    with Store.open(memory=True) as store:
        store.add_articles(seed_articles.values())
        article_id = next(iter(seed_articles))
        suggest_corpus(store, article_ids=[article_id])
        span = next(
            s for s in store.get_annotation_set(article_id, AUTO).spans if s.label == "OFFICIAL"
        )
        store.reject_suggestion(span.id, "alice")
        suggest_corpus(store, article_ids=[article_id])
        again = store.get_annotation_set(article_id, AUTO).spans
        assert (span.label, span.start, span.end) not in {(s.label, s.start, s.end) for s in again}


OTHERS = json.loads((DATA / "suggest" / "others_gold.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(OTHERS))
def test_pages_of_unseen_outlets_keep_the_rules_honest(name: str) -> None:
    """Hand-written pages in the style of other sites: body lines named in the gold by their
    beginnings, officials by name, plus people who must not be suggested."""
    from annotator.model import Article, OffsetMap

    spec = OTHERS[name]
    text = (DATA / "suggest" / name).read_text(encoding="utf-8")
    page = Article(
        name, name, text, text, OffsetMap.identity(len(text)), published=spec["published"]
    )
    aset = suggest_article(page)
    gold = [not any(text[s:e].startswith(b) for b in spec["body"]) for s, e in line_bounds(text)]
    predicted = boilerplate_lines(text, [(s.start, s.end) for s in aset.region_spans()])
    assert line_counts(gold, predicted).f1 >= 0.9
    found = {o.name for o in aset.officials}
    assert set_matches(spec["officials"], found).recall >= 0.75
    assert not found & set(spec["not_officials"])
