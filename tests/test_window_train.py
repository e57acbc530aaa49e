"""Suggestions ▸ Train the name tagger… in the window: the CLI's training in the background
with progress, Cancel that leaves the model as it was, the untouched articles' suggestions
recomputed and a summary at the end."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from test_person_tagger import new_outlet_db, write_pku_corpus  # noqa: E402

from annotator.gui import training  # noqa: E402
from annotator.model import AUTO, Article  # noqa: E402
from annotator.store import Store  # noqa: E402
from annotator.suggest.run import suggest_corpus  # noqa: E402

pytestmark = pytest.mark.gui
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, db_path, open_window


def outlet(tmp_path: Path) -> tuple[Path, list[str]]:
    """12 articles alice labelled, 2 nobody touched; every article suggested once."""
    db = new_outlet_db(tmp_path / "outlet.db", count=12)
    with Store.open(db) as store:
        fresh = []
        for n in range(2):
            article = Article.plain(f"fresh{n}", f"第{n}期\n诸葛明涛主任表示，要加快推进建设。")
            store.add_articles([article])
            fresh.append(article.id)
        suggest_corpus(store)
    return db, fresh


def stamps(db: Path) -> dict[str, str]:
    with Store.open(db) as store:
        return {a: store.get_annotation_set(a, AUTO).updated_at for a in store.article_ids()}


def test_training_from_the_window_writes_the_model_and_recomputes_untouched_articles(
    qtbot, open_window, tmp_path, monkeypatch
):
    db, fresh = outlet(tmp_path)
    corpus = write_pku_corpus(tmp_path / "corpus.txt", seed=3, lines=300)
    monkeypatch.setattr(training, "base_corpus_or_ask", lambda _parent: corpus)
    before = stamps(db)
    window = open_window(path=db)
    run = window.train_tagger()  # the work's signals arrive only while the loop runs below
    with qtbot.waitSignal(run.ended, timeout=60_000) as ended:
        pass
    summary = ended.args[0]
    assert summary.ok and not summary.cancelled, summary.headline
    assert "12 lines of this database" in summary.headline
    assert "now: P" in summary.headline and "for 2 article(s)" in summary.headline
    assert "The event classifier learned from" in summary.headline
    assert (tmp_path / "outlet.person.crfsuite").is_file()
    assert (tmp_path / "outlet.events.crfsuite").is_file()  # as `annotator train` does
    after = stamps(db)
    assert {a for a in before if before[a] != after[a]} == set(fresh)  # alice's kept theirs
    assert run.summary_box is not None and run.summary_box.text() == summary.headline


def test_cancel_in_the_window_leaves_the_model_and_the_suggestions_as_they_were(
    qtbot, open_window, tmp_path, monkeypatch
):
    from annotator.suggest.tagger_training import read_corpus, train

    db, _fresh = outlet(tmp_path)
    corpus = write_pku_corpus(tmp_path / "corpus.txt", seed=3, lines=3000)
    model = tmp_path / "outlet.person.crfsuite"
    train(read_corpus(corpus)[:50], model, max_iterations=2)
    old = model.read_bytes()
    before = stamps(db)
    monkeypatch.setattr(training, "base_corpus_or_ask", lambda _parent: corpus)
    window = open_window(path=db)
    run = window.train_tagger()
    qtbot.waitUntil(lambda: run.dialog.value() >= 1 and "Training" in run.dialog.labelText(),
                    timeout=60_000)
    with qtbot.waitSignal(run.ended, timeout=60_000) as ended:
        run.dialog.canceled.emit()  # as the Cancel button does
    summary = ended.args[0]
    assert summary.cancelled and "as they were" in summary.headline
    assert model.read_bytes() == old and stamps(db) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".new", ".partial"))]


def test_cancel_while_the_events_train_keeps_the_new_tagger_and_the_old_classifier(
    qtbot, open_window, tmp_path, monkeypatch
):
    db, fresh = outlet(tmp_path)
    corpus = write_pku_corpus(tmp_path / "corpus.txt", seed=3, lines=300)
    events_model = tmp_path / "outlet.events.crfsuite"
    from annotator.resources import resource_path
    from annotator.suggest.event_classifier import MODEL_FILE

    events_model.write_bytes(resource_path(*MODEL_FILE).read_bytes())  # the one in use
    old = events_model.read_bytes()
    before = stamps(db)
    monkeypatch.setattr(training, "base_corpus_or_ask", lambda _parent: corpus)
    window = open_window(path=db)
    run = window.train_tagger()
    qtbot.waitUntil(lambda: "event" in run.dialog.labelText(), timeout=60_000)
    with qtbot.waitSignal(run.ended, timeout=60_000) as ended:
        run.dialog.canceled.emit()
    summary = ended.args[0]
    assert summary.ok and "event classifier was cancelled" in summary.headline
    assert events_model.read_bytes() == old
    assert (tmp_path / "outlet.person.crfsuite").is_file()
    after = stamps(db)
    assert {a for a in before if before[a] != after[a]} == set(fresh)  # they follow the tagger
