"""What a database's labels teach the name tagger beyond its weights: people who label a surname
alone (江 in 江主席, MSRA's and the 1998 corpus's convention) get one-character names from the
model `annotator train` writes; the shipped model and a database that labels whole names keep
the suggestions' convention (马书记 spans its title too)."""

from __future__ import annotations

import random
import re
import shutil
from functools import partial
from pathlib import Path

import pytest

from annotator.model import AnnotationSet, Article, Span
from annotator.resources import resource_path
from annotator.store import Store
from annotator.suggest.lexicons import default_lexicons
from annotator.suggest.officials import is_credit
from annotator.suggest.person_tagger import (
    MODEL_FILE,
    PersonTagger,
    TaggedName,
    settings_path,
    write_settings,
)
from annotator.suggest.tagged_officials import tagged_officials
from annotator.suggest.tagger_training import Sentence, taught_min_length
from annotator.suggest.taken import Taken

SENTENCE = "演讲结束后，江主席亲自点名请听众提问。"


def test_a_model_gives_one_character_names_only_when_its_settings_say_so(tmp_path):
    shipped = PersonTagger(resource_path(*MODEL_FILE))
    assert "江" not in [n.text for n in shipped.names(SENTENCE)]
    model = tmp_path / "own.crfsuite"
    shutil.copyfile(resource_path(*MODEL_FILE), model)
    write_settings(model, 1)
    own = PersonTagger(model)
    assert own.min_length == 1 and "江" in [n.text for n in own.names(SENTENCE)]
    assert own.digest != shipped.digest  # kept finds of the one are not the other's
    write_settings(model, 2)
    assert not settings_path(model).exists() and PersonTagger(model).digest == shipped.digest


@pytest.mark.parametrize("content", ['{"min_name_length": 0}', "not json", '{"other": 1}'])
def test_a_damaged_settings_file_is_named_not_guessed(tmp_path, content):
    model = tmp_path / "own.crfsuite"
    shutil.copyfile(resource_path(*MODEL_FILE), model)
    settings_path(model).write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match="own.crfsuite.json"):
        PersonTagger(model)


class OneName:
    def __init__(self, name: str, min_length: int) -> None:
        self.name, self.min_length = name, min_length

    def names(self, text: str, *, only: re.Pattern[str] | None = None) -> list[TaggedName]:
        start = text.index(self.name)
        return [TaggedName(start, start + len(self.name), self.name, 0.99)]


@pytest.mark.parametrize(("min_length", "expected"), [(1, {"江": ("主席",)}), (2, {})])
def test_a_one_character_name_before_a_title_is_an_official_when_the_model_gives_it(
    min_length, expected
):
    lexicons = default_lexicons()
    found = tagged_officials(
        SENTENCE,
        OneName("江", min_length),  # type: ignore[arg-type]
        lexicons,
        Taken(len(SENTENCE)),
        is_credit=partial(is_credit, lexicons=lexicons),
    )
    assert {m.name: tuple(t.text for t in m.titles) for m in found} == expected


def test_surnames_labelled_alone_are_a_convention_only_when_people_keep_to_it():
    def sentences(single: int, whole: int) -> list[Sentence]:
        return [Sentence("江主席出席", ((0, 1),))] * single + [
            Sentence("江泽民主席出席", ((0, 3),))
        ] * whole

    assert taught_min_length(sentences(3, 20)) == 1
    assert taught_min_length(sentences(2, 5)) == 2  # two slips are no convention
    assert taught_min_length(sentences(3, 100)) == 2  # nor 3 of 103
    assert taught_min_length([]) == 2


def tiny_corpus(path: Path) -> Path:
    rng = random.Random(3)
    lines = []
    for _ in range(300):
        surname, given = rng.choice("王李张刘陈"), rng.choice("伟芳敏静强磊") + rng.choice("军洋勇")
        lines.append(f"国务院/nt  总理/n  {surname}/nr  {given}/nr  会见/v  代表团/n  。/w")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("alone", "min_length"), [(True, 1), (False, 2)])
def test_train_writes_the_convention_its_database_teaches(tmp_path, alone, min_length):
    from annotator.services.training import train_tagger

    db = tmp_path / "outlet.db"
    with Store.open(db) as store:
        for n in range(6):
            text = f"第{n}期\n江泽民主席会见了代表团，江主席说，欢迎。"
            article = Article.plain(f"a{n}", text)
            store.add_articles([article])
            start = text.rindex("江主席") if alone else text.index("江泽民")
            name = text[start : start + (1 if alone else 3)]
            span = Span(article.id, "alice", "OFFICIAL", start, start + len(name), name, 1)
            store.replace_annotation_set(AnnotationSet(article.id, "alice", spans=(span,)))
        done = train_tagger(store, corpus=tiny_corpus(tmp_path / "c.txt"), iterations=5)
    assert done.min_name_length == min_length
    assert PersonTagger(done.model).min_length == min_length
    assert settings_path(done.model).is_file() == alone
    assert not list(tmp_path.glob("*.new*"))  # nothing half-written left behind


def test_the_suggestions_fingerprint_holds_the_models_settings(tmp_path):
    from annotator.suggest.corpus import CorpusStats
    from annotator.suggest.gazetteer import Gazetteer
    from annotator.suggest.inputs import SuggestionInputs

    model = tmp_path / "own.crfsuite"
    shutil.copyfile(resource_path(*MODEL_FILE), model)

    def shared() -> str:
        corpus, gazetteer = CorpusStats.from_articles([]), Gazetteer.from_annotations([])
        return SuggestionInputs.of(
            schema=None, corpus=corpus, gazetteer=gazetteer, tagger_model=model
        ).shared

    default = shared()
    write_settings(model, 1)  # same model bytes, other names: suggestions must be redone
    assert shared() != default


def test_cross_validation_scores_each_fold_as_train_would_leave_its_model(tmp_path):
    from annotator.suggest.tagger_training import cross_validate, read_corpus

    base = read_corpus(tiny_corpus(tmp_path / "c.txt"))
    labelled = [Sentence(f"第{n}次会谈后，江主席说，欢迎各位。", ((6, 7),)) for n in range(12)]
    folds = cross_validate(base, labelled, 2, tmp_path, max_iterations=15)
    assert sum(f.before.true_positive for f in folds) == 0  # the base model gives no 江
    assert sum(f.after.true_positive for f in folds) >= len(labelled) // 2  # was 0
