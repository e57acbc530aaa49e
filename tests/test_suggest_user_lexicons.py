"""A database's own lexicons (`<database>.lexicons/`), merged over the bundled ones: read by
`annotator suggest`, checked against the database's label schema, and in each article's
suggestion fingerprint only as far as the article holds their words."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.model import AUTO, Article
from annotator.resources import default_schema_text
from annotator.store import Store
from annotator.suggest.lexicons import LexiconError, default_lexicons
from annotator.suggest.run import suggest_corpus
from annotator.suggest.user_lexicons import UserLexicons, lexicon_folder

# 联络员 is no title of the bundled lexicon: 李四明 is an official only once a user adds it
WITH_WORD = Article.plain("has-word", "首席联络员李四明出席了植树活动。\n")
WITHOUT_WORD = Article.plain("no-word", "自治区党委书记马兴瑞参加了会议。\n")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "news.db"
    with Store.open(path) as store:
        store.add_articles([WITH_WORD, WITHOUT_WORD])
        suggest_corpus(store)
    return path


def write(db: Path, name: str, text: str) -> Path:
    folder = lexicon_folder(db)
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def officials(store: Store, article: Article) -> set[str]:
    return {o.name for o in store.get_annotation_set(article.id, AUTO).officials}


def test_the_folder_sits_beside_the_database(tmp_path: Path) -> None:
    assert lexicon_folder(tmp_path / "news.db") == tmp_path / "news.lexicons"


def test_a_users_title_word_is_read_by_suggest_and_recomputes_only_the_articles_holding_it(
    db: Path,
) -> None:
    with Store.open(db) as store:
        assert "李四明" not in officials(store, WITH_WORD)
        before = store.get_annotation_set(WITHOUT_WORD.id, AUTO)
        write(db, "titles.txt", "# our outlet's posts\n联络员\n")
        assert suggest_corpus(store, only_changed=True) == 1
        assert "李四明" in officials(store, WITH_WORD)
        assert store.get_annotation_set(WITHOUT_WORD.id, AUTO) == before  # not recomputed
        assert suggest_corpus(store, only_changed=True) == 0  # nothing changed since
        lexicon_folder(db).joinpath("titles.txt").unlink()  # taken back: that article again
        assert suggest_corpus(store, only_changed=True) == 1
        assert "李四明" not in officials(store, WITH_WORD)


def test_an_entry_of_a_pair_file_replaces_the_bundled_one_of_its_key(tmp_path: Path) -> None:
    bundled = default_lexicons()
    assert ("出席", "出席/典礼/颁奖") in bundled.event_weak_triggers
    folder = tmp_path / "x.lexicons"
    folder.mkdir()
    (folder / "event_weak_triggers.txt").write_text("出席\t其他\n植树\t其他\n", encoding="utf-8")
    merged = UserLexicons.read(folder).merged_over(bundled)
    assert ("出席", "其他") in merged.event_weak_triggers
    assert ("出席", "出席/典礼/颁奖") not in merged.event_weak_triggers
    assert merged.event_weak_triggers[-1] == ("植树", "其他")
    assert len(merged.event_weak_triggers) == len(bundled.event_weak_triggers) + 1


def test_words_are_added_and_kept_longest_first_where_the_rules_need_it(tmp_path: Path) -> None:
    folder = tmp_path / "x.lexicons"
    folder.mkdir()
    (folder / "titles.txt").write_text("联络员\n首席联络员\n", encoding="utf-8")
    (folder / "surnames.txt").write_text("佘\n", encoding="utf-8")
    merged = UserLexicons.read(folder).merged_over(default_lexicons())
    lengths = [len(t) for t in merged.titles]
    assert lengths == sorted(lengths, reverse=True) and "首席联络员" in merged.titles
    assert "佘" in merged.surnames


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("tittles.txt", "联络员\n", "tittles.txt: not a lexicon of ours"),
        ("titles.csv", "联络员\n", "titles.csv: not a lexicon of ours"),
        ("event_triggers.txt", "植树\t植树节\n", "event_triggers.txt:1: '植树' has event type"),
        ("event_triggers.txt", "# c\n植树 其他\n", "event_triggers.txt:2: expected two columns"),
        ("event_modality.txt", "将要\tsoon\n", "event_modality.txt:1: '将要' has modality kind"),
        ("titles.txt", "联络员\n".encode("gbk"), "titles.txt: not UTF-8 text"),
    ],
)
def test_a_file_that_does_not_fit_refuses_suggest_in_one_line_and_changes_nothing(
    db: Path, capsys, name: str, text: str | bytes, message: str
) -> None:
    folder = lexicon_folder(db)
    folder.mkdir()
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    (folder / name).write_bytes(data)
    with Store.open(db) as store:
        before = {a: store.get_annotation_set(a, AUTO) for a in store.article_ids()}
    assert main(["--db", str(db), "suggest", "--all"]) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1 and "Traceback" not in err
    with Store.open(db) as store:
        assert {a: store.get_annotation_set(a, AUTO) for a in store.article_ids()} == before


def test_event_types_are_checked_against_the_databases_own_schema(tmp_path: Path) -> None:
    text = default_schema_text()
    close = text.index("]", text.index("event_types"))
    path = tmp_path / "trees.db"
    with Store.open(path) as store:
        store.set_setting("schema", text[:close] + '"植树",' + text[close:])
    write(path, "event_triggers.txt", "植树\t植树\n")
    with Store.open(path) as store:
        store.add_articles([WITH_WORD])
        suggest_corpus(store)
        (event,) = store.get_annotation_set(WITH_WORD.id, AUTO).events
        assert event.type == "植树"  # a type of this database, with triggers of its own
    with Store.open(tmp_path / "plain.db") as store:  # the default schema has no such type
        write(tmp_path / "plain.db", "event_triggers.txt", "植树\t植树\n")
        with pytest.raises(LexiconError, match="which this database does not know"):
            suggest_corpus(store)


def test_words_for_a_label_the_schema_lacks_are_refused(tmp_path: Path) -> None:
    text = default_schema_text()
    start = text.index('name = "boilerplate/spam"')
    block_start = text.rindex("[[labels]]", 0, start)
    block_end = text.find("[[labels]]", start)
    path = tmp_path / "nospam.db"
    with Store.open(path) as store:
        store.set_setting("schema", text[:block_start] + text[block_end:])
    write(path, "spam.txt", "博彩\n")
    with Store.open(path) as store, pytest.raises(LexiconError, match="boilerplate/spam"):
        suggest_corpus(store)


def test_readme_and_hidden_files_are_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "x.lexicons"
    folder.mkdir()
    (folder / "README.md").write_text("notes", encoding="utf-8")
    (folder / ".titles.txt.swp").write_bytes(b"\x00\xff")
    assert UserLexicons.read(folder).entries == ()


def test_only_the_entries_an_article_holds_enter_its_fingerprint(tmp_path: Path) -> None:
    folder = tmp_path / "x.lexicons"
    folder.mkdir()
    (folder / "titles.txt").write_text("联络员\nABC\n", encoding="utf-8")
    user = UserLexicons.read(folder)
    assert user.entries_in(WITH_WORD.text) == [("titles", "联络员", "")]
    assert user.entries_in(WITHOUT_WORD.text) == []
    assert user.entries_in("ＡＢＣ主任") == [("titles", "ABC", "")]  # full width matches too


def test_an_import_that_would_suggest_refuses_a_bad_lexicon_folder_before_storing_a_page(
    tmp_path: Path, capsys
) -> None:
    db = tmp_path / "news.db"
    page = tmp_path / "page.txt"
    page.write_text(WITH_WORD.text, encoding="utf-8")
    write(db, "titels.txt", "联络员\n")
    assert main(["--db", str(db), "import", str(page)]) == 1
    assert "titels.txt: not a lexicon of ours" in capsys.readouterr().err
    with Store.open(db) as store:
        assert store.article_ids() == []
