"""The reviewer's path end to end: two annotators label the seeds differently in their own
databases, the reviewer merges both, and `annotator agree` reports numbers that match the
references (scikit-learn, krippendorff, plain set arithmetic on what the annotators meant)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from review_helpers.references import per_character, reference_alpha
from review_helpers.scripted import ANNOTATORS, intended_spans, label_seeds, seeded_store
from sklearn.metrics import cohen_kappa_score

from annotator.cli import main
from annotator.model import AUTO, GOLD
from annotator.review.agreement import measure_agreement
from annotator.review.loading import human_annotators, load_article_sets
from annotator.store import Store


@pytest.fixture(scope="module")
def reviewer_db(tmp_path_factory) -> Path:
    """alice.db and bob.db, each labelled by one annotator, merged into an empty reviewer.db."""
    folder = tmp_path_factory.mktemp("review")
    for name in ANNOTATORS:
        with seeded_store(folder / f"{name}.db") as store:
            label_seeds(store, name)
    reviewer = folder / "reviewer.db"
    assert (
        main(["--db", str(reviewer), "merge", str(folder / "alice.db"), str(folder / "bob.db")])
        == 0
    )
    return reviewer


def agree_json(capsys, db: Path, *options: str) -> dict:
    capsys.readouterr()
    assert main(["--db", str(db), "agree", "--json", *options]) == 0
    return json.loads(capsys.readouterr().out)


def test_only_articles_both_labelled_take_part(capsys, reviewer_db):
    data = agree_json(capsys, reviewer_db)
    with Store.open(reviewer_db) as store:
        assert store.count_articles() == 5
    assert data["annotators"] == ["alice", "bob"]
    assert data["articles"] == 4  # bob never opened the last seed
    assert len(data["per_article"]) == 4


def test_span_scores_match_what_the_annotators_meant(capsys, reviewer_db):
    data = agree_json(capsys, reviewer_db)
    with Store.open(reviewer_db) as store:
        ids = store.article_ids()[:-1]
        texts = [store.article_text(i) for i in ids]
    meant = {
        name: [{(i, *s) for s in intended_spans(t, name, i)} for i, t in enumerate(texts)]
        for name in ANNOTATORS
    }
    alice = set().union(*meant["alice"])
    bob = set().union(*meant["bob"])
    for label in {s[1] for s in alice | bob}:
        a = {s for s in alice if s[1] == label}
        b = {s for s in bob if s[1] == label}
        scores = data["spans"]["exact"][label]
        assert (scores["support_a"], scores["support_b"]) == (len(a), len(b))
        assert scores["recall"] == pytest.approx(len(a & b) / len(a))
    assert data["spans"]["exact"]["_all"]["f1"] == pytest.approx(
        2 * len(alice & bob) / (len(alice) + len(bob))
    )
    # bob's dates run on over 上午/下午: never exact, always overlapping
    assert data["spans"]["exact"]["DATE"]["f1"] < 1.0
    assert data["spans"]["overlap"]["DATE"]["f1"] == 1.0
    worst = data["per_article"][0]
    per_article = {
        ids[i]: 2
        * len(meant["alice"][i] & meant["bob"][i])
        / (len(meant["alice"][i]) + len(meant["bob"][i]))
        for i in range(len(ids))
    }
    assert worst["f1"] == pytest.approx(min(per_article.values()))
    assert [row["f1"] for row in data["per_article"]] == pytest.approx(sorted(per_article.values()))


@pytest.mark.parametrize("group", ["entities", "boilerplate"])
def test_character_scores_match_the_references(capsys, reviewer_db, group):
    data = agree_json(capsys, reviewer_db)
    with Store.open(reviewer_db) as store:
        corpus = load_article_sets(store, list(ANNOTATORS))
    alice, bob = per_character(corpus, ANNOTATORS, group)
    assert data["kappa"][group] == pytest.approx(cohen_kappa_score(alice, bob))
    assert data["alpha"][group] == pytest.approx(reference_alpha([alice, bob]))


def test_record_scores(capsys, reviewer_db):
    data = agree_json(capsys, reviewer_db)
    with Store.open(reviewer_db) as store:
        ids = store.article_ids()[:-1]
        names = {
            who: {(i, o.name) for i in ids for o in store.get_annotation_set(i, who).officials}
            for who in ANNOTATORS
        }
    assert names["alice"] > names["bob"]  # bob left 陈敏尔 out
    assert data["officials"] == pytest.approx(
        {
            "precision": 1.0,
            "recall": len(names["bob"]) / len(names["alice"]),
            "f1": 2 * len(names["bob"]) / (len(names["alice"]) + len(names["bob"])),
        }
    )
    assert data["events"]["recall"] == pytest.approx(3 / 4)  # bob's first event is elsewhere


def test_machine_and_reviewer_sets_are_not_annotators(tmp_path, capsys):
    db = tmp_path / "x.db"
    with seeded_store(db) as store:
        article_id = store.article_ids()[0]
        for name in ("alice", "bob", AUTO, GOLD):
            store.add_span(article_id, name, "PLACE", 0, 2)
        assert human_annotators(store) == ["alice", "bob"]
    assert agree_json(capsys, db)["annotators"] == ["alice", "bob"]
    assert agree_json(capsys, db, "--annotators", "gold,alice")["annotators"] == ["gold", "alice"]


def test_three_annotators_give_pairs_and_one_alpha(tmp_path, capsys):
    db = tmp_path / "three.db"
    with seeded_store(db) as store:
        label_seeds(store, "alice")
        label_seeds(store, "bob")
        for article_id in store.article_ids():
            for span in store.get_annotation_set(article_id, "alice").spans[::2]:
                store.add_span(article_id, "carol", span.label, span.start, span.end)
        corpus = load_article_sets(store, ["alice", "bob", "carol"])
    data = agree_json(capsys, db, "--annotators", "alice,bob,carol")
    assert data["articles"] == 4
    assert [p["annotators"] for p in data["pairs"]] == [
        ["alice", "bob"],
        ["alice", "carol"],
        ["bob", "carol"],
    ]
    assert data["alpha"]["entities"] == pytest.approx(
        reference_alpha(per_character(corpus, ["alice", "bob", "carol"], "entities"))
    )
    assert data["pairs"][0] == measure_agreement(corpus, ["alice", "bob"]).pairs[0].as_json()


def test_text_report_lists_labels_and_worst_articles(capsys, reviewer_db):
    capsys.readouterr()
    assert main(["--db", str(reviewer_db), "agree", "--worst", "2"]) == 0
    out = capsys.readouterr().out
    assert "alice (reference) vs bob" in out
    for label in ("OFFICIAL", "PLACE", "DATE", "boilerplate/navigation", "_all"):
        assert f"\n{label} " in out
    assert "worst articles (span F1, exact; 2 of 4)" in out


@pytest.mark.parametrize(
    ("annotators", "message"),
    [
        ("alice", "two or more distinct annotators"),
        ("alice,alice", "two or more distinct annotators"),
        ("alice,nobody", "no annotation sets by nobody"),
    ],
)
def test_agree_refuses_bad_annotator_lists(tmp_path, capsys, annotators, message):
    db = tmp_path / "x.db"
    with seeded_store(db) as store:
        store.add_span(store.article_ids()[0], "alice", "PLACE", 0, 2)
    assert main(["--db", str(db), "agree", "--annotators", annotators]) == 2
    assert message in capsys.readouterr().err


def test_agree_refuses_a_negative_worst_count(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "x.db"), "agree", "--worst", "-1"]) == 2
    assert "--worst takes a count of articles, not -1" in capsys.readouterr().err


def test_agree_needs_two_annotators_in_the_database(tmp_path, capsys):
    db = tmp_path / "x.db"
    with seeded_store(db) as store:
        store.add_span(store.article_ids()[0], "alice", "PLACE", 0, 2)
    assert main(["--db", str(db), "agree"]) == 2
    assert "two or more distinct annotators; got ['alice']" in capsys.readouterr().err
