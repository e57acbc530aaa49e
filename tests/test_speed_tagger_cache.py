"""The name tagger's corpus pass reads each text once (issue 13: it reran the CRF over the
whole corpus on every import and suggest), and a model rewritten in place is the one used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotator.model import Article
from annotator.resources import resource_path
from annotator.store import Store
from annotator.suggest import person_tagger
from annotator.suggest.lexicons import default_lexicons
from annotator.suggest.person_tagger import MODEL_FILE, PersonTagger, shipped_tagger, tagger_at
from annotator.suggest.run import corpus_inputs
from annotator.suggest.tagged_officials import CACHE_FAMILY, CorpusOfficials, cache_prefix

TEXTS = [
    "国务院总理李鹏会见了代表团。\n外交部长唐家璇出席会议。",
    "国务院总理李鹏在北京考察。\n习近平总书记作出重要指示。",
    "习近平总书记主持召开座谈会。\n美国总统克林顿访问北京。",
    "没有官员的一段文字。",
]


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "t.db") as opened:
        opened.add_articles([Article.plain(f"a{n}", text) for n, text in enumerate(TEXTS)])
        yield opened


class CountingTagger(PersonTagger):
    """The shipped model, counting the CRF's calls (its memo off, so each text is tagged)."""

    def __init__(self) -> None:
        super().__init__(resource_path(*MODEL_FILE), memo_pieces=0)
        self.calls = 0

    def names(self, text, *, only=None):
        self.calls += 1
        return super().names(text, only=only)


def test_a_second_corpus_pass_runs_no_crf_and_finds_the_same(store, monkeypatch) -> None:
    counting = CountingTagger()
    monkeypatch.setattr("annotator.suggest.run.tagger_at", lambda model: counting)
    first = corpus_inputs(store)
    assert counting.calls > 0
    counting.calls = 0
    second = corpus_inputs(store)
    assert counting.calls == 0  # every text's finds were kept
    assert dict(second.gazetteer.officials) == dict(first.gazetteer.officials)
    assert "李鹏" in first.gazetteer.officials  # the pass found something to keep


def test_kept_finds_give_what_tagging_gives(store) -> None:
    tagger, lexicons = shipped_tagger(), default_lexicons()
    assert tagger is not None
    fresh = CorpusOfficials(tagger, lexicons)
    kept = CorpusOfficials.cached(tagger, lexicons, store)
    for article in store.iter_articles():
        fresh.add(article)
        kept.add(article)
    kept.save(store)
    again = CorpusOfficials.cached(tagger, lexicons, store)
    for article in store.iter_articles():
        again.add(article)
    assert not again.new
    assert fresh.found() == kept.found() == again.found() and fresh.found()


def test_finds_of_another_model_are_not_read_and_are_dropped(store, tmp_path) -> None:
    lexicons = default_lexicons()
    shipped = shipped_tagger()
    assert shipped is not None
    stale = CACHE_FAMILY + "0" * 64 + ":"
    store.save_cached_values(stale, {"x": '[["李鹏", ["总理"]]]'}, family=CACHE_FAMILY)
    assert cache_prefix(shipped, lexicons) != stale
    officials = CorpusOfficials.cached(shipped, lexicons, store)
    for article in store.iter_articles():
        officials.add(article)
    assert len(officials.new) == len(TEXTS)  # nothing read from the other model's finds
    officials.save(store)
    assert store.cached_values(stale) == {}
    assert len(store.cached_values(cache_prefix(shipped, lexicons))) == len(TEXTS)


def test_a_read_only_store_is_read_but_not_written(store, tmp_path) -> None:
    path = store.path
    store.close()
    with Store.open(path, read_only=True) as readonly:
        corpus_inputs(readonly)  # no write attempted
        assert readonly.cached_values(CACHE_FAMILY) == {}


def test_a_model_rewritten_in_place_is_loaded_again(tmp_path, monkeypatch) -> None:
    from annotator.suggest.tagger_training import Sentence, train

    model = tmp_path / "own.crfsuite"
    shutil.copyfile(resource_path(*MODEL_FILE), model)
    before = tagger_at(str(model))
    assert before is not None and before.digest == PersonTagger(model).digest
    sentences = [Sentence("总理李鹏会见代表团。", ((2, 4),))] * 20
    train(sentences, model, max_iterations=5)  # `annotator train` writes the same path
    after = tagger_at(str(model))
    assert after is not None and after.digest != before.digest
    assert after.digest == PersonTagger(model).digest
    assert person_tagger.tagger_at(str(model)) is after  # loaded once per version


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_import_leaves_the_corpus_pass_no_text_to_tag(tmp_path, monkeypatch, jobs) -> None:
    from annotator.importing import import_paths, officials_finds_spec

    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(8):  # two jobs need four files each
        (folder / f"{n}.txt").write_text(f"第{n}期\n{TEXTS[n % len(TEXTS)]}", encoding="utf-8")
    with Store.open(tmp_path / "i.db") as store:
        spec = officials_finds_spec(store)
        import_paths(store, [folder], finds=spec, jobs=jobs, start_method="fork")
        counting = CountingTagger()
        monkeypatch.setattr("annotator.suggest.run.tagger_at", lambda model: counting)
        inputs = corpus_inputs(store)
        assert counting.calls == 0  # the workers tagged every text already
        assert "李鹏" in inputs.gazetteer.officials


class CountingCrf:
    """Stands in for the pycrfsuite tagger inside a PersonTagger, counting what it tags."""

    def __init__(self, inner) -> None:
        self.inner, self.tagged = inner, 0

    def tag(self, features):
        self.tagged += 1
        return self.inner.tag(features)

    def marginal(self, label, position):
        return self.inner.marginal(label, position)


def test_what_import_workers_tagged_is_not_tagged_again_here(tmp_path) -> None:
    """`import --jobs` forks the suggestion workers from the writer later: the sentences the
    cleaning workers tagged are handed to the writer's tagger, so those workers find them."""
    from functools import partial

    from annotator.importing import import_paths
    from annotator.suggest.officials import is_credit
    from annotator.suggest.tagged_officials import FindsSpec, tagged_officials
    from annotator.suggest.taken import Taken

    model = tmp_path / "own.crfsuite"  # a tagger of its own: no other test's sentences in it
    shutil.copyfile(resource_path(*MODEL_FILE), model)
    lexicons = default_lexicons()
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(8):
        (folder / f"{n}.txt").write_text(f"第{n}期\n{TEXTS[n % len(TEXTS)]}", encoding="utf-8")
    with Store.open(tmp_path / "w.db") as store:
        spec = FindsSpec(str(model), lexicons)
        import_paths(store, [folder], finds=spec, jobs=2, start_method="fork")
        articles = list(store.iter_articles())
    tagger = tagger_at(str(model))
    assert tagger is not None
    counting = CountingCrf(tagger._tagger)
    tagger._tagger = counting
    credit = partial(is_credit, lexicons=lexicons)
    found = [
        mention.name
        for article in articles
        for line in article.text.split("\n")
        for mention in tagged_officials(line, tagger, lexicons, Taken(len(line)), is_credit=credit)
    ]
    assert "李鹏" in found
    assert counting.tagged == 0
