"""Teams: hand out a corpus with a measured overlap, follow progress, merge back, agree."""

from __future__ import annotations

import json
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
from review_helpers.scripted import seeded_store

from annotator.bench.gui import seed_lines, synthetic_articles
from annotator.cli import main
from annotator.model import AUTO, AnnotationSet
from annotator.store import Store
from annotator.store.backup import backup_database
from annotator.suggest.run import suggest_corpus
from annotator.teams.handout import TEAM_SETTING
from annotator.teams.plan import plan_batch

TEAM = ("amy", "bo", "cai")


@pytest.fixture(scope="module")
def template_db(tmp_path_factory):
    """The seeds plus 200 generated articles, with suggestions: built once per module."""
    path = tmp_path_factory.mktemp("lead") / "lead.db"
    with seeded_store(path) as store:
        store.add_articles(synthetic_articles(200, seed_lines()))
        suggest_corpus(store)
        assert store.count_articles() == 205
    return path


@pytest.fixture
def lead_db(template_db, tmp_path):
    """A fresh copy of the template for one test (closed: SQLite's backup makes the copy)."""
    return backup_database(template_db, tmp_path / "lead.db")


def assign(capsys, db, out, *extra: str) -> str:
    capsys.readouterr()
    code = main(
        [
            "--db",
            str(db),
            "assign",
            "--annotators",
            ",".join(TEAM),
            "--out",
            str(out),
            "--seed",
            "3",
            *extra,
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def given(db) -> dict[str, list[str]]:
    with Store.open(db) as store:
        return json.loads(store.get_setting(TEAM_SETTING))["given"]


def test_every_article_handed_out_about_a_fifth_to_two_over_every_pair(lead_db, tmp_path, capsys):
    assign(capsys, lead_db, tmp_path / "team", "--batch", "500", "--overlap", "0.2")
    plan = given(lead_db)
    assert len(plan) == 205  # every article to at least one annotator
    doubled = [tuple(names) for names in plan.values() if len(names) == 2]
    assert len(doubled) == round(0.2 * 205)
    pairs = Counter(doubled)
    assert set(pairs) == set(combinations(TEAM, 2))  # spread over all three pairs
    assert max(pairs.values()) - min(pairs.values()) <= 1
    load = Counter(n for names in plan.values() for n in names)
    assert max(load.values()) - min(load.values()) <= 1
    for name in TEAM:  # each file holds exactly its share, with its suggestions
        with Store.open(tmp_path / "team" / f"{name}.db") as share:
            mine = sorted(a for a, names in plan.items() if name in names)
            assert sorted(share.article_ids()) == mine
            assert all(
                share.has_annotation_set(a, AUTO)
                for a in mine[:5]
                if share.get_annotation_set(a, AUTO)
            )


def test_the_same_seed_gives_the_same_plan_and_the_next_call_the_next_batch(
    lead_db, tmp_path, capsys
):
    ids = [f"{n:04d}" for n in range(50)]
    one = plan_batch(ids, TEAM, overlap=0.2, size=20, seed=9)
    assert one == plan_batch(list(reversed(ids)), TEAM, overlap=0.2, size=20, seed=9)
    out = assign(capsys, lead_db, tmp_path / "team", "--batch", "100")
    assert "batch 1: 100 articles, 105 still to hand out" in out
    first = set(given(lead_db))
    out = assign(capsys, lead_db, tmp_path / "team", "--batch", "100")
    assert "batch 2: 100 articles, 5 still to hand out" in out
    second = set(given(lead_db)) - first
    assert len(second) == 100 and not first & second


def test_articles_done_by_someone_are_not_handed_out(lead_db, tmp_path, capsys):
    with Store.open(lead_db) as store:
        done = store.article_ids()[:10]
        for article_id in done:
            store.set_status(article_id, "lead", "done")
    assign(capsys, lead_db, tmp_path / "team", "--batch", "500")
    assert not set(done) & set(given(lead_db))


@pytest.mark.parametrize("bad", ["auto", "gold", "../x", "a/b"])
def test_reserved_or_unsafe_names_are_refused(lead_db, tmp_path, capsys, bad):
    capsys.readouterr()
    code = main(
        [
            "--db",
            str(lead_db),
            "assign",
            "--annotators",
            f"amy,{bad}",
            "--out",
            str(tmp_path / "team"),
        ]
    )
    assert code == 2
    assert not (tmp_path / "team").exists()  # refused before anything was written
    assert "annotator:" in capsys.readouterr().err


def label_share(path, name: str, *, sloppy: bool) -> None:
    """Label the first 人 or 新疆 of each article as PLACE; a sloppy annotator skips a third."""
    with Store.open(path) as store:
        for n, article_id in enumerate(store.article_ids()):
            text = store.article_text(article_id)
            word = next((w for w in ("新疆", "四川", "河南", "天津") if w in text), None)
            if word and not (sloppy and n % 3 == 0):
                start = text.index(word)
                store.add_span(article_id, name, "PLACE", start, start + len(word))
            store.set_status(article_id, name, "done")


def test_progress_then_merge_back_and_agree_per_pair(lead_db, tmp_path, capsys):
    team = tmp_path / "team"
    assign(capsys, lead_db, team, "--batch", "500", "--overlap", "0.2")
    label_share(team / "amy.db", "amy", sloppy=False)
    label_share(team / "bo.db", "bo", sloppy=False)
    # cai has done nothing yet
    capsys.readouterr()
    assert main(["progress", str(team), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    files = {f["annotator"]: f for f in report["annotators"]}
    plan = given(lead_db)
    for name in TEAM:
        assert files[name]["assigned"] == sum(name in names for names in plan.values())
    assert files["amy"]["done"] == files["amy"]["assigned"] and files["cai"]["done"] == 0
    pairs = {tuple(p["annotators"]): p for p in report["pairs"]}
    assert pairs[("amy", "bo")]["span_f1"] == 1.0
    assert pairs[("amy", "cai")]["compared"] < pairs[("amy", "cai")]["overlap"] or (
        pairs[("amy", "cai")]["span_f1"] is not None
    )
    label_share(team / "cai.db", "cai", sloppy=True)
    files = [str(team / f"{n}.db") for n in TEAM]
    assert main(["--db", str(lead_db), "merge", *files]) == 0
    for a, b in combinations(TEAM, 2):
        capsys.readouterr()
        assert main(["--db", str(lead_db), "agree", "--annotators", f"{a},{b}", "--json"]) == 0
        figures = json.loads(capsys.readouterr().out)
        overlap = sum(set(names) == {a, b} for names in plan.values())
        assert figures["articles"] == overlap
        expect_perfect = "cai" not in (a, b)
        assert (figures["spans"]["exact"]["_all"]["f1"] == 1.0) is expect_perfect


def test_reassign_unfinished_work(lead_db, tmp_path, capsys):
    team = tmp_path / "team"
    assign(capsys, lead_db, team, "--batch", "60", "--overlap", "0")
    with Store.open(team / "bo.db") as store:
        first = store.article_ids()[0]
        store.set_status(first, "bo", "done")
        total = store.count_articles()
    capsys.readouterr()
    assert (
        main(["--db", str(lead_db), "assign", "--from", "bo", "--to", "dee", "--out", str(team)])
        == 0
    )
    assert f"{total - 1} unfinished articles of bo" in capsys.readouterr().out
    with Store.open(team / "dee.db") as store:
        assert store.count_articles() == total - 1 and not store.has_article(first)
    plan = given(lead_db)
    assert plan[first] == ["bo"] and sum("dee" in n for n in plan.values()) == total - 1


def suggestions_of(db: Path) -> dict[str, AnnotationSet]:
    with Store.open(db) as store:
        return {a: store.get_annotation_set(a, AUTO) for a in store.article_ids()}


def assert_suggest_keeps_them(capsys, db: Path) -> None:
    """`suggest` in `db` finds every suggestion current: none recomputed, none changed."""
    before = suggestions_of(db)
    capsys.readouterr()
    assert main(["--db", str(db), "suggest"]) == 0
    assert "recomputed for 0 of" in capsys.readouterr().err
    assert suggestions_of(db) == before


def test_suggest_in_a_handed_out_file_keeps_the_suggestions_it_came_with(lead_db, tmp_path, capsys):
    team = tmp_path / "team"
    assign(capsys, lead_db, team, "--batch", "30", "--overlap", "0")
    assert_suggest_keeps_them(capsys, team / "amy.db")
