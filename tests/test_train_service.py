"""services.training, the tagger's training that `annotator train` and the window share: a bad
lexicon folder refuses before anything is written, a cancel leaves the model as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_person_tagger import new_outlet_db, write_pku_corpus

from annotator.cli import main
from annotator.services.training import TrainingCancelled, train_tagger
from annotator.store import Store
from annotator.suggest.lexicons import LexiconError
from annotator.suggest.tagger_training import (
    database_model_path,
    lines_with_names,
    read_corpus,
    train,
)
from annotator.suggest.user_lexicons import lexicon_folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_pku_corpus(tmp_path_factory.mktemp("corpus") / "tiny.txt", seed=7)


def files_beside(db: Path) -> set[str]:
    return {p.name for p in db.parent.iterdir()} - {db.name}


def test_train_refuses_a_bad_lexicon_folder_before_writing_any_model(tmp_path, corpus, capsys):
    db = new_outlet_db(tmp_path / "news.db", count=6)
    folder = lexicon_folder(db)
    folder.mkdir()
    (folder / "titels.txt").write_text("联络员\n", encoding="utf-8")  # a misspelt file name
    before = files_beside(db)
    code = main(["--db", str(db), "train", "--corpus", str(corpus), "--iterations", "5"])
    err = capsys.readouterr().err
    assert code == 1 and "titels.txt: not a lexicon of ours" in err and "Traceback" not in err
    assert files_beside(db) == before  # neither model nor any partial file


def test_the_service_refuses_it_too(tmp_path, corpus):
    db = new_outlet_db(tmp_path / "news.db", count=6)
    lexicon_folder(db).mkdir()
    (lexicon_folder(db) / "titles.txt").write_bytes("联络员\n".encode("gbk"))
    with Store.open(db) as store, pytest.raises(LexiconError, match="not UTF-8"):
        train_tagger(store, corpus=corpus, iterations=5)
    assert not database_model_path_of(db).exists()


def database_model_path_of(db: Path) -> Path:
    with Store.open(db) as store:
        return database_model_path(store)


def test_a_cancel_while_training_stops_the_child_and_leaves_the_model_as_it_was(tmp_path, corpus):
    db = new_outlet_db(tmp_path / "news.db", count=6)
    model = database_model_path_of(db)
    train(read_corpus(corpus)[:100], model, max_iterations=3)
    old = model.read_bytes()
    seen: list[tuple[str, int, int]] = []

    def cancelled() -> bool:  # asked while the child trains: stop after its 2nd iteration
        return sum(step == "training" for step, _d, _t in seen) >= 2

    with Store.open(db) as store, pytest.raises(TrainingCancelled):
        train_tagger(
            store,
            corpus=corpus,
            iterations=200,
            progress=lambda *told: seen.append(told),
            cancelled=cancelled,
        )
    assert ("training", 1, 200) in seen and ("training", 200, 200) not in seen
    assert model.read_bytes() == old
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".new", ".partial"))]


def test_a_finished_run_replaces_the_model_and_scores_before_and_after(tmp_path, corpus):
    db = new_outlet_db(tmp_path / "news.db", count=6)
    model = database_model_path_of(db)
    train(read_corpus(corpus)[:50], model, max_iterations=2)  # a weak model in use before
    with Store.open(db) as store:
        done = train_tagger(store, corpus=corpus, iterations=30)
    assert done.model == model and done.database_sentences == 6
    assert done.corpus_sentences >= len(read_corpus(corpus, "train"))
    assert done.before["dev"].gold == done.after["dev"].gold > 0
    assert done.after["dev"].f1 > done.before["dev"].f1  # the old one was measured, not the new
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".new", ".partial"))]


class Known:
    """A model in use that knows the given names wherever they are written."""

    def __init__(self, *names: str) -> None:
        self.known = names

    def names(self, text: str) -> list:
        from annotator.suggest.person_tagger import TaggedName

        found = []
        for name in self.known:
            at = text.find(name)
            if at >= 0:
                found.append(TaggedName(at, at + len(name), name, 0.9))
        return found


def taught(text: str, labelled: list[str], known: Known | None = None) -> list[tuple[str, list]]:
    names = [(text.index(n), text.index(n) + len(n)) for n in labelled]
    return [
        (s.text, [s.text[a:b] for a, b in s.names])
        for s in lines_with_names([(text, names)], known)  # type: ignore[arg-type]
    ]


def test_a_labelled_official_teaches_its_clause_not_the_other_persons_of_its_line():
    # alice labels officials only: 毕加索, a person but no official, must not become "no name"
    text = "国务院总理李鹏会见了客人，画家毕加索的作品也在展出。\n下一行"
    assert taught(text, ["李鹏"]) == [("国务院总理李鹏会见了客人，", ["李鹏"])]


def test_a_clause_where_the_model_sees_an_unlabelled_name_is_left_out():
    text = "外交部长唐家璇和作家王蒙出席，江泽民主席讲话。"
    assert taught(text, ["唐家璇", "江泽民"], Known("唐家璇", "王蒙", "江泽民")) == [
        ("江泽民主席讲话。", ["江泽民"])
    ]
    # a name the model finds overlapping a label (a wrong boundary) does not leave it out
    assert taught("张和平被任命为部长。", ["张和平"], Known("张和平被")) == [
        ("张和平被任命为部长。", ["张和平"])
    ]


def test_names_written_apart_in_a_list_are_clauses_of_their_own():
    text = "马兴瑞 楼阳生 何忠友参加有关活动"
    assert taught(text, ["马兴瑞"], Known("马兴瑞", "楼阳生", "何忠友")) == [("马兴瑞 ", ["马兴瑞"])]


def test_the_event_classifier_trains_in_a_child_and_a_cancel_leaves_it_as_it_was(tmp_path, corpus):
    from annotator.resources import resource_path
    from annotator.services.training import train_event_classifier
    from annotator.suggest.event_classifier import MODEL_FILE, database_classifier_path

    db = new_outlet_db(tmp_path / "news.db", count=6)
    model = database_classifier_path(db)
    model.write_bytes(resource_path(*MODEL_FILE).read_bytes())
    old = model.read_bytes()
    with Store.open(db) as store, pytest.raises(TrainingCancelled):
        train_event_classifier(store, corpus=corpus, cancelled=lambda: True)
    assert model.read_bytes() == old
    with Store.open(db) as store:
        done = train_event_classifier(store, corpus=corpus)
    assert done.model == model and model.read_bytes() != old and done.sentences > 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".new", ".partial"))]
