"""Issue 5's "done when", end to end: alice and bob label the seeds differently, each in their own
database; the reviewer merges both, sees figures that match the references (scikit-learn, the
krippendorff package, set arithmetic on what the annotators meant), settles every disagreement
with the window's keys, and exports a gold JSONL that validates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from review_helpers.references import per_character, reference_alpha
from review_helpers.scripted import ANNOTATORS, intended_spans, label_seeds, seeded_store
from sklearn.metrics import cohen_kappa_score

from annotator.cli import main
from annotator.formats.validate import check_record
from annotator.gui.review_figures import number
from annotator.gui.review_window import ReviewWindow
from annotator.model import GOLD
from annotator.review.agreement import ALL, measure_agreement
from annotator.review.disagreements import span_key
from annotator.review.loading import load_article_sets
from annotator.review.merge import merge_database
from annotator.store import Store

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def reviewer_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("review_done")
    reviewer = folder / "reviewer.db"
    with Store.open(reviewer) as target:
        for name in ANNOTATORS:
            with seeded_store(folder / f"{name}.db") as store:
                label_seeds(store, name)
                report = merge_database(target, store)
            assert not report.failures and not report.conflicts
    return reviewer


@pytest.fixture
def window(qtbot, reviewer_db):
    w = ReviewWindow(Store.open(reviewer_db), owns_store=True)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.corpus_measured, timeout=20000):  # measured on a worker thread
        w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return w


def meant(store: Store) -> dict[str, list[set]]:
    """What each annotator meant to label, per article in list order (bob skips the last)."""
    ids = store.article_ids()
    texts = [store.article_text(i) for i in ids]
    return {
        name: [
            {(ids[i], *s) for s in intended_spans(t, name, i)}
            if name == "alice" or i < len(ids) - 1
            else set()
            for i, t in enumerate(texts)
        ]
        for name in ANNOTATORS
    }


def f1(a: set, b: set) -> float:
    return 2 * len(a & b) / (len(a) + len(b))


def test_the_window_shows_the_right_numbers(window, reviewer_db):
    result = window.corpus
    with Store.open(reviewer_db) as store:
        corpus = load_article_sets(store, list(ANNOTATORS))
        intended = meant(store)
        ids = store.article_ids()
    # the review core's figures, measured again here
    assert result.as_json() == measure_agreement(corpus, ANNOTATORS).as_json()
    pair = window.figures_corpus.pair
    assert pair is result.pairs[0] and result.articles == 4
    # independent references
    for group in ("entities", "boilerplate"):
        alice, bob = per_character(corpus, ANNOTATORS, group)
        assert pair.kappa[group] == pytest.approx(cohen_kappa_score(alice, bob))
        assert pair.alpha[group] == pytest.approx(reference_alpha([alice, bob]))
        shown = window.figures_corpus.numbers.text()
        assert f"κ {number(cohen_kappa_score(alice, bob))}" in shown
    alice_all, bob_all = (set().union(*intended[n][:-1]) for n in ANNOTATORS)
    assert pair.exact[ALL].f1 == pytest.approx(f1(alice_all, bob_all))
    assert f"exact {number(f1(alice_all, bob_all))}" in window.figures_corpus.numbers.text()
    names = {
        n: {
            (a.article_id, o.name)
            for a in corpus
            if set(ANNOTATORS) <= set(a.sets)  # articles both opened
            for o in a.sets[n].officials
        }
        for n in ANNOTATORS
    }
    assert pair.officials.f1 == pytest.approx(f1(names["alice"], names["bob"]))
    # the list: worst article first, the one bob never opened last
    per_article = {ids[i]: f1(intended["alice"][i], intended["bob"][i]) for i in range(4)}
    listed = window.list_model.ids()
    assert listed[-1] == ids[-1]
    assert [per_article[i] for i in listed[:-1]] == sorted(per_article.values())
    # the open article is the worst one, with its own figures
    assert window.state.article.id == listed[0]
    position = ids.index(listed[0])
    expected = f1(intended["alice"][position], intended["bob"][position])
    assert window.figures_article.pair.exact[ALL].f1 == pytest.approx(expected)
    assert window.figures_article.bars.rows  # per-label bars painted from the same pair


def settle_article(qtbot, window, *, records_from: int, edit_first: bool) -> set:
    """Accept the agreed spans, then settle each disagreement with keys, alternating 1 and 2
    (E with a span of the reviewer's own on the first one if asked), then take one annotator's
    records; returns gold's expected (label, start, end) set."""
    state = window.state
    expected = set(state.review.agreed)
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    for turn in range(len(state.review.disagreements)):
        index = window.current
        d = state.review.disagreements[index]
        assert window.state.verdicts[index].open
        if edit_first and turn == 0:
            qtbot.keyClick(window, Qt.Key.Key_E)
            dialog = window.edit_dialog
            # the span's first character, selected as a keyboard user does
            cursor = dialog.text_view.textCursor()
            cursor.setPosition(cursor.selectionStart())
            dialog.text_view.setTextCursor(cursor)
            qtbot.keyClick(dialog.text_view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
            expected.add(dialog.span())
            qtbot.keyClick(dialog, Qt.Key.Key_Return)
        else:
            lane = turn % 2 if state.sets[1] is not None else 0
            qtbot.keyClick(window, Qt.Key.Key_1 + lane)
            expected |= d.versions[lane]
    assert window.state.open_count == 0
    # all officials and events of one annotator: Ctrl+Shift+N (Ctrl+N takes one record)
    qtbot.keyClick(
        window,
        Qt.Key.Key_1 + records_from,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    return expected


def test_the_reviewer_settles_everything_and_exports_valid_gold(
    qtbot, window, reviewer_db, tmp_path
):
    expected: dict[str, set] = {}
    records: dict[str, int] = {}
    for round_ in range(5):
        article_id = window.state.article.id
        assert article_id not in expected
        lane = round_ % 2 if window.state.sets[1] is not None else 0
        expected[article_id] = settle_article(
            qtbot, window, records_from=lane, edit_first=round_ == 0
        )
        records[article_id] = lane
        gold = window.store.get_annotation_set(article_id, GOLD)
        assert {span_key(s) for s in gold.spans} == expected[article_id]
        qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert window.store.get_annotation_set(article_id, GOLD).status == "done"
    assert "5 of 5" in window.progress_label.text()
    window.close()

    out = tmp_path / "gold.jsonl"
    assert main(["--db", str(reviewer_db), "export", "--annotator", "gold", "--out", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in lines) == sorted(expected)
    with Store.open(reviewer_db) as store:
        for record in lines:
            check_record(record)  # the formats package's validator: JSON Schema and span texts
            assert record["annotator"] == GOLD and record["status"] == "done"
            spans = {(s["label"], s["start"], s["end"]) for s in record["spans"]}
            regions = {
                ("boilerplate/" + r["kind"], r["start"], r["end"]) for r in record["boilerplate"]
            }
            assert spans | regions == expected[record["id"]]
            source = store.get_annotation_set(record["id"], ANNOTATORS[records[record["id"]]])
            assert sorted(o["name"] for o in record["officials"]) == sorted(
                o.name for o in source.officials
            )
            assert len(record["events"]) == len(source.events)
            # the records as the annotator made them: titles, places, participants by name
            names = {o.id: o.name for o in source.officials}
            assert sorted((o["name"], o["titles"]) for o in record["officials"]) == sorted(
                (o.name, list(o.titles)) for o in source.officials
            )
            assert sorted(
                (e["type"], e["place"], sorted(e["participants"])) for e in record["events"]
            ) == sorted(
                (e.type, e.place, sorted(names[p] for p in e.participants)) for e in source.events
            )
