"""Agreement counts only articles the annotators worked on (issue: trust first, part 3).

An article enters agreement when every compared annotator has a set for it, none of them
skipped it, and either all of them marked it done or at least one labelled something. Two empty
sets that nobody finished are not "perfect agreement": they are left out, and the report says
how many and why.
"""

from __future__ import annotations

import json

import pytest
from review_helpers.scripted import seeded_store

from annotator.cli import main
from annotator.model import AnnotationSet, Event, Span
from annotator.review.agreement import ArticleSets, exclusion_reason, measure_agreement
from annotator.review.loading import load_article_sets
from annotator.store import Store

PAIR = ("alice", "bob")


def _label_first_official(store: Store, article_id: str, annotator: str) -> None:
    text = store.article_text(article_id)
    start = text.index("马兴瑞") if "马兴瑞" in text else 0
    end = start + (3 if "马兴瑞" in text else 2)
    store.add_span(article_id, annotator, "OFFICIAL", start, end)


@pytest.fixture
def two_articles(tmp_path):
    """Article 1 labelled identically by alice and bob; article 2 opened by both, left empty."""
    path = tmp_path / "agree.db"
    with seeded_store(path) as store:
        first, second = store.article_ids()[:2]
        for name in PAIR:
            _label_first_official(store, first, name)
            store.set_status(second, name, "in_progress")  # opened, nothing labelled
    return path, first, second


def _agree_json(capsys, db, *options: str) -> dict:
    capsys.readouterr()
    assert main(["--db", str(db), "agree", "--annotators", ",".join(PAIR), "--json", *options]) == 0
    return json.loads(capsys.readouterr().out)


def test_an_article_nobody_labelled_is_left_out_and_said(capsys, two_articles):
    db, first, _ = two_articles
    data = _agree_json(capsys, db)
    assert data["articles"] == 1
    assert [row["id"] for row in data["per_article"]] == [first]
    assert data["excluded"] == {"untouched": 1}


def test_the_text_report_says_how_many_were_left_out(capsys, two_articles):
    db, _, _ = two_articles
    capsys.readouterr()
    assert main(["--db", str(db), "agree", "--annotators", ",".join(PAIR)]) == 0
    out = capsys.readouterr().out
    assert "left out: 1 nobody labelled and nobody finished" in out


def test_empty_sets_both_marked_done_do_count(capsys, two_articles):
    db, _, second = two_articles
    with Store.open(db) as store:
        for name in PAIR:
            store.set_status(second, name, "done")
    data = _agree_json(capsys, db)
    assert data["articles"] == 2
    assert "excluded" not in data or not data["excluded"].get("untouched")


def test_one_side_labelled_the_other_empty_counts_as_disagreement(capsys, two_articles):
    db, _, second = two_articles
    with Store.open(db) as store:
        _label_first_official(store, second, "alice")
    data = _agree_json(capsys, db)
    assert data["articles"] == 2
    assert data["spans"]["exact"]["_all"]["recall"] == pytest.approx(0.5)


def test_missing_and_skipped_sets_are_counted_by_reason(capsys, two_articles):
    db, _, _ = two_articles
    with Store.open(db) as store:
        third, fourth = store.article_ids()[2:4]
        _label_first_official(store, third, "alice")  # bob never opened it
        _label_first_official(store, fourth, "alice")
        _label_first_official(store, fourth, "bob")
        store.set_status(fourth, "bob", "skipped")
    data = _agree_json(capsys, db)
    assert data["articles"] == 1
    assert data["excluded"] == {"untouched": 1, "missing": 1, "skipped": 1}


def test_the_review_window_figures_follow_the_same_rule(two_articles):
    db, first, _ = two_articles
    with Store.open(db) as store:
        result = measure_agreement(load_article_sets(store, PAIR), PAIR)
    assert result.articles == 1
    assert result.pairs[0].articles == 1
    assert [s.article_id for s in result.pairs[0].per_article] == [first]


@pytest.mark.parametrize(
    ("statuses", "labelled", "reason"),
    [
        (("done", "done"), (False, False), None),
        (("done", "in_progress"), (False, False), "untouched"),
        (("todo", "todo"), (True, False), None),
        (("in_progress", "in_progress"), (False, False), "untouched"),
        (("done", "skipped"), (True, True), "skipped"),
        (("done", None), (True, False), "missing"),
    ],
)
def test_exclusion_reason(statuses, labelled, reason):
    text = "马兴瑞在乌鲁木齐"
    sets = {}
    for name, status, has_label in zip(PAIR, statuses, labelled, strict=True):
        if status is None:
            continue
        spans = (Span("a1", name, "OFFICIAL", 0, 3, "马兴瑞", id=1),) if has_label else ()
        sets[name] = AnnotationSet("a1", name, status=status, spans=spans)
    assert exclusion_reason(ArticleSets("a1", text, sets), PAIR) == reason


def test_records_alone_count_as_labelled():
    sets = {
        "alice": AnnotationSet(
            "a1", "alice", status="in_progress", events=(Event("a1", "alice", type="其他"),)
        ),
        "bob": AnnotationSet("a1", "bob", status="in_progress"),
    }
    assert exclusion_reason(ArticleSets("a1", "文本", sets), PAIR) is None


# `evaluate` scores against gold: with nothing to score it must refuse, not print 1.00.


def test_evaluate_refuses_an_empty_gold_file(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n", encoding="utf-8")
    with seeded_store(tmp_path / "e.db"):
        pass
    capsys.readouterr()
    assert main(["--db", str(tmp_path / "e.db"), "evaluate", "--gold", str(gold)]) == 2
    captured = capsys.readouterr()
    assert "holds no articles" in captured.err
    assert "1.00" not in captured.out


def test_evaluate_refuses_when_no_gold_article_is_in_the_database(tmp_path, capsys):
    from pathlib import Path

    seeds_gold = Path(__file__).parent / "data" / "gold" / "seeds.jsonl"
    with Store.open(tmp_path / "empty.db"):
        pass
    capsys.readouterr()
    assert main(["--db", str(tmp_path / "empty.db"), "evaluate", "--gold", str(seeds_gold)]) == 2
    captured = capsys.readouterr()
    assert "none of the 5 gold articles" in captured.err
    assert "1.00" not in captured.out
