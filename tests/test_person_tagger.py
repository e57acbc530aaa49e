"""The person-name tagger: corpus reading, training, tagging, the model that ships."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.model import AnnotationSet, Span
from annotator.store import Store
from annotator.suggest.person_tagger import MODEL_FILE, PersonTagger, bio_labels, chunks
from annotator.suggest.tagger_training import (
    database_sentences,
    parse_pku_line,
    read_corpus,
    score,
    split_of,
    train,
)

SURNAMES = "王李张刘陈杨黄赵吴周"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超"
TITLES = ("省长", "总理", "部长", "书记", "主席")
VERBS = ("会见了代表团", "出席会议并讲话", "在北京考察", "主持召开座谈会")


def pku_line(rng: random.Random) -> str:
    """A corpus line in the PKU 1998 format: title, a two-token name, a verb phrase."""
    surname, given = rng.choice(SURNAMES), rng.choice(GIVEN) + rng.choice(GIVEN)
    return (
        f"国务院/nt  {rng.choice(TITLES)}/n  {surname}/nr  {given}/nr  {rng.choice(VERBS)}/v  。/w"
    )


def write_pku_corpus(path: Path, seed: int, lines: int = 600) -> Path:
    """`lines` generated corpus lines written to `path`, the same for the same seed."""
    rng = random.Random(seed)
    path.write_text("\n".join(pku_line(rng) for _ in range(lines)) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory) -> Path:
    return write_pku_corpus(tmp_path_factory.mktemp("corpus") / "tiny.txt", seed=5)


@pytest.fixture(scope="module")
def tiny_model(tiny_corpus, tmp_path_factory) -> Path:
    model = tmp_path_factory.mktemp("model") / "tiny.crfsuite"
    assert train(read_corpus(tiny_corpus), model, max_iterations=30) == 600
    return model


def test_a_corpus_line_gives_its_text_and_persons():
    sentence = parse_pku_line("中共中央/nt  总书记/n  、/w  国家/n  主席/n  江/nr  泽民/nr")
    assert sentence.text == "中共中央总书记、国家主席江泽民"
    assert [sentence.text[s:e] for s, e in sentence.names] == ["江泽民"]
    foreign = parse_pku_line("美国/ns  总统/n  克林顿/nr  和/c  叶利钦/nr  会谈/v")
    assert [foreign.text[s:e] for s, e in foreign.names] == ["克林顿", "叶利钦"]
    assert parse_pku_line("   ") is None


def test_the_split_is_fixed_per_sentence_and_about_80_10_10(tiny_corpus):
    sentences = read_corpus(tiny_corpus)
    assert all(split_of(s.text) == split_of(s.text) for s in sentences[:50])
    texts = [f"句子{n}" for n in range(5000)]
    shares = {
        split: sum(split_of(t) == split for t in texts) / 5000 for split in ("train", "dev", "test")
    }
    assert 0.77 < shares["train"] < 0.83 and 0.08 < shares["test"] < 0.12


def test_a_trained_tagger_finds_unseen_names_after_a_title(tiny_model):
    tagger = PersonTagger(tiny_model)
    found = tagger.names("国务院总理杨涛明会见了代表团。")
    assert [n.text for n in found] == ["杨涛明"]
    assert 0.5 < found[0].score <= 1.0
    assert tagger.names("代表团在北京考察。") == []


def test_offsets_run_over_lines_and_long_lines(tiny_model):
    tagger = PersonTagger(tiny_model)
    text = "标题\n" + "国务院部长赵洋勇出席会议并讲话。" * 30
    names = tagger.names(text)
    assert len(names) >= 25
    assert all(text[n.start : n.end] == n.text for n in names)
    assert all(len(piece) <= 200 for _, piece in chunks(text))


def test_scores_count_exact_spans(tiny_model, tiny_corpus):
    result = score(PersonTagger(tiny_model), read_corpus(tiny_corpus)[:50])
    assert result.gold == 50
    assert result.recall is not None and result.recall > 0.9


def test_bio_labels():
    assert bio_labels(6, [(1, 3), (4, 6)]) == ["O", "B", "I", "O", "B", "I"]


def test_training_reads_gold_first_then_people_never_auto(tmp_path):
    from review_helpers.scripted import seeded_store

    with seeded_store(tmp_path / "t.db") as store:
        article_id = store.article_ids()[0]
        text = store.article_text(article_id)
        start = text.index("马兴瑞")

        def official(annotator: str, at: int, length: int = 3) -> AnnotationSet:
            span = Span(
                article_id, annotator, "OFFICIAL", at, at + length, text[at : at + length], 1
            )
            return AnnotationSet(article_id, annotator, spans=(span,))

        store.replace_annotation_set(official("auto", start, 2))
        store.replace_annotation_set(official("alice", start))
        only_people = list(database_sentences(store))
        assert [s.text[a:b] for s in only_people for a, b in s.names] == ["马兴瑞"]
        store.replace_annotation_set(official("gold", start + 1, 2))
        with_gold = list(database_sentences(store))
        assert [s.text[a:b] for s in with_gold for a, b in s.names] == ["兴瑞"]


def test_the_train_command_writes_a_model_and_reports(tiny_corpus, tmp_path, capsys):
    out = tmp_path / "m.crfsuite"
    db = tmp_path / "x.db"
    with Store.open(db):
        pass
    code = main(
        [
            "--db",
            str(db),
            "train",
            "--corpus",
            str(tiny_corpus),
            "--out",
            str(out),
            "--iterations",
            "10",
        ]
    )
    assert code == 0 and out.is_file()
    assert "dev: persons P" in capsys.readouterr().out


def test_the_train_command_without_a_corpus_says_what_to_install(tmp_path, capsys):
    code = main(["--db", str(tmp_path / "x.db"), "train", "--corpus", str(tmp_path / "none.txt")])
    assert code == 2
    assert "no corpus file" in capsys.readouterr().err


def test_the_shipped_model_finds_officials_after_and_before_titles():
    from annotator.resources import resource_path

    tagger = PersonTagger.load()
    assert tagger is not None, f"the model {resource_path(*MODEL_FILE)} should ship"
    names = {n.text for n in tagger.names("国务院总理李鹏今天会见了外交部长唐家璇。")}
    assert {"李鹏", "唐家璇"} <= names
    assert {n.text for n in tagger.names("习近平总书记在北京考察。")} == {"习近平"}


def test_no_name_crosses_a_space():
    tagger = PersonTagger.load()
    names = [
        n.text for n in tagger.names("马兴瑞 艾尔肯·吐尼亚孜 祖木热提·吾布力 何忠友参加有关活动")
    ]
    assert all(" " not in n for n in names)
    assert {"艾尔肯·吐尼亚孜", "何忠友"} <= set(names)


# -- officials from the tagger ---------------------------------------------------------------


def tagged(text: str) -> dict[str, tuple[str, ...]]:
    from functools import partial

    from annotator.suggest.lexicons import default_lexicons
    from annotator.suggest.officials import is_credit
    from annotator.suggest.tagged_officials import tagged_officials
    from annotator.suggest.taken import Taken

    lexicons = default_lexicons()
    found = tagged_officials(
        text,
        PersonTagger.load(),
        lexicons,
        Taken(len(text)),
        is_credit=partial(is_credit, lexicons=lexicons),
    )
    assert all(text[m.start : m.end] == m.name for m in found)
    return {m.name: tuple(t.text for t in m.titles) for m in found}


def test_a_person_after_a_title_is_an_official_with_that_title():
    assert tagged("国务院总理李鹏今天会见了外交部长唐家璇。") == {
        "李鹏": ("国务院总理",),
        "唐家璇": ("外交部长",),
    }
    assert tagged("美国总统克林顿抵达北京。") == {"克林顿": ("美国总统",)}


def test_a_person_before_a_title_is_an_official_too():
    assert tagged("马兴瑞说,习近平总书记高度重视西部大开发。").get("习近平") == ("总书记",)


def test_no_title_beside_a_name_or_a_reporter_credit_gives_no_official():
    assert tagged("张和平被任命后前往上海。") == {}
    assert "王兴瑞" not in tagged("新华社记者王兴瑞报道:省长黄强出席会议。")


def test_names_the_tagger_finds_in_two_articles_are_known_to_all():
    from annotator.model import Article
    from annotator.suggest.lexicons import default_lexicons
    from annotator.suggest.tagged_officials import corpus_officials

    def article(n: int, text: str) -> Article:
        return Article.plain(f"a{n}", text)

    texts = [
        "马兴瑞说,习近平总书记高度重视西部大开发。",
        "新疆牢记习近平总书记嘱托。",
        "国务院总理李鹏今天会见了代表团。",
    ]
    found = corpus_officials(
        [article(n, t) for n, t in enumerate(texts)], PersonTagger.load(), default_lexicons()
    )
    assert found.get("习近平") == ("总书记",)
    assert "李鹏" not in found  # one article only: not spread over the corpus


@pytest.mark.parametrize("seed", ["000", "001", "003"])
def test_a_traditional_copy_gives_the_same_officials(seed):
    from opencc import OpenCC

    from annotator.cleaning import clean_page
    from annotator.resources import seeds_dir
    from annotator.suggest.article import suggest_article

    path = next(seeds_dir().glob(f"{seed}_*.txt"))
    simplified = path.read_text(encoding="utf-8")
    traditional = OpenCC("s2t").convert(simplified)
    assert traditional != simplified
    names = []
    for text in (simplified, traditional):
        article = clean_page(text.encode("utf-8"), path.name)
        names.append(sorted(o.name for o in suggest_article(article).officials))
    assert names[0] == names[1] and names[0]


def new_outlet_db(path: Path, count: int = 60) -> Path:
    """A database whose articles name people in a way the tiny base corpus never shows
    (NAME表示…), each OFFICIAL labelled by alice."""
    from annotator.model import Article

    rng = random.Random(11)
    with Store.open(path) as store:
        for n in range(count):
            name = rng.choice("欧司诸葛") + rng.choice(GIVEN) + rng.choice(GIVEN)
            text = f"第{n}期简报\n{name}表示，要加快推进重点项目建设。"
            article = Article.plain(f"outlet{n:03d}", text)
            store.add_articles([article])
            start = text.index(name)
            span = Span(article.id, "alice", "OFFICIAL", start, start + len(name), name, 1)
            store.replace_annotation_set(AnnotationSet(article.id, "alice", spans=(span,)))
    return path


def test_cross_validation_shows_what_the_databases_labels_add(tiny_corpus, tmp_path, capsys):
    db = new_outlet_db(tmp_path / "outlet.db")
    code = main(
        [
            "--db",
            str(db),
            "evaluate",
            "--cross-validate",
            "3",
            "--corpus",
            str(tiny_corpus),
            "--iterations",
            "25",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    overall = next(line for line in out.splitlines() if line.strip().startswith("all"))
    before = float(overall.split("before")[1].split("R ")[1].split()[0].replace("–", "0"))
    after = float(overall.split("after")[1].split("R ")[1].split()[0])
    assert after > before + 0.3  # the outlet's own labels teach what the corpus could not


def test_cross_validation_refuses_too_few_labels(tiny_corpus, tmp_path, capsys):
    db = tmp_path / "empty.db"
    with Store.open(db):
        pass
    code = main(
        ["--db", str(db), "evaluate", "--cross-validate", "3", "--corpus", str(tiny_corpus)]
    )
    assert code == 2 and "cannot make 3 folds" in capsys.readouterr().err


def test_train_recomputes_the_suggestions_of_untouched_articles_only(tiny_corpus, tmp_path, capsys):
    from annotator.model import Article
    from annotator.suggest.run import suggest_corpus

    db = new_outlet_db(tmp_path / "loop.db", count=12)
    with Store.open(db) as store:
        fresh = []
        for n in range(3):
            text = f"第{100 + n}期简报\n诸葛明涛主任表示，要加快推进重点项目建设。"
            article = Article.plain(f"fresh{n}", text)
            store.add_articles([article])
            fresh.append(article.id)
        suggest_corpus(store)
        before = {a: store.get_annotation_set(a, "auto").updated_at for a in store.article_ids()}
    code = main(["--db", str(db), "train", "--corpus", str(tiny_corpus), "--iterations", "10"])
    assert code == 0
    assert "for 3 article(s) nobody has touched" in capsys.readouterr().out
    assert (tmp_path / "loop.person.crfsuite").is_file()
    with Store.open(db) as store:
        after = {a: store.get_annotation_set(a, "auto").updated_at for a in store.article_ids()}
    changed = {a for a in before if before[a] != after[a]}
    assert changed == set(fresh)  # alice's articles keep the suggestions she saw
