"""Lexicon kinds come from the label schema (`[[lexicons]]`), not from one field per file
(issue 17): a stored schema from before them reads the bundled kinds, a damaged entry is named
by the database's validation, and a database's own lexicon folder is checked against its kinds."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from annotator.resources import default_schema, default_schema_text, parse_schema
from annotator.store import Store
from annotator.store.validation import content_problems
from annotator.suggest.lexicons import LexiconError, default_lexicons
from annotator.suggest.user_lexicons import UserLexicons

LEXICONS_TABLE = re.compile(r"^\[\[lexicons\]\]\n(?:[a-z_]+ = .*\n)*", re.MULTILINE)


def without_lexicon_kinds(text: str) -> str:
    return LEXICONS_TABLE.sub("", text)


def test_a_schema_stored_before_lexicon_kinds_reads_the_bundled_ones() -> None:
    old = without_lexicon_kinds(default_schema_text())
    assert "[[lexicons]]" not in old and "[[labels]]" in old
    assert parse_schema(old).lexicons == default_schema().lexicons != ()


def test_the_kinds_load_in_the_order_the_schema_declares_them() -> None:
    lexicons = default_lexicons()
    assert [kind.stem for kind in lexicons.kinds] == [k.stem for k in default_schema().lexicons]
    assert [stem for stem, _ in lexicons.values] == [k.stem for k in lexicons.kinds]


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (('label = "boilerplate/spam"', 'label = "SPAM"'), "lexicon spam: label 'SPAM'"),
        (('file = "surnames"', 'file = "../surnames"'), "a lexicon file named '../surnames'"),
        (('shape = "set"', 'shape = "bag"'), "lexicon surnames: shape 'bag'"),
        (('second = "modality"', 'second = "mood"'), "lexicon event_modality: second column"),
    ],
    ids=["unknown label", "path in a file name", "unknown shape", "unknown second column"],
)
def test_a_damaged_lexicon_kind_in_a_stored_schema_is_named(
    tmp_path: Path, change: tuple[str, str], named: str
) -> None:
    path = tmp_path / "a.db"
    Store.open(path).close()
    text = default_schema_text()
    assert change[0] in text
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(
            "UPDATE settings SET value = ? WHERE key = 'schema'", (text.replace(*change, 1),)
        )
        problems = content_problems(conn)
    finally:
        conn.close()
    assert any(named in problem for problem in problems), problems


def test_a_user_file_is_checked_against_the_kinds_of_the_database_schema(tmp_path: Path) -> None:
    folder = tmp_path / "news.lexicons"
    folder.mkdir()
    (folder / "spam.txt").write_text("博彩\n", encoding="utf-8")
    schema = default_schema()
    assert UserLexicons.read(folder, schema).entries == (("spam", "博彩", ""),)
    fewer = parse_schema(
        default_schema_text().replace('[[lexicons]]\nfile = "spam"', '[[lexicons]]\nfile = "spam2"')
    )
    with pytest.raises(LexiconError, match=r"spam\.txt: not a lexicon of ours.*spam2\.txt"):
        UserLexicons.read(folder, fewer)


@pytest.mark.parametrize("stem", ["kinds", "values", "entries", "load"])
def test_a_kind_named_like_what_lexicons_already_have_is_refused(tmp_path: Path, stem: str) -> None:
    from annotator.model import LexiconKind
    from annotator.suggest.lexicons import Lexicons

    (tmp_path / f"{stem}.txt").write_text("一\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=f"cannot be named '{stem}'"):
        Lexicons.load(tmp_path, (LexiconKind(stem, "OFFICIAL"),))


def test_lexicons_keep_their_hash_but_never_carry_it_to_another_process() -> None:
    import pickle

    lexicons = default_lexicons()
    same = lexicons.with_entries({})
    assert same is not lexicons and hash(same) == hash(lexicons) and same == lexicons
    assert lexicons.__dict__["_hash"] == hash(lexicons)  # worked out once, then kept
    copy = pickle.loads(pickle.dumps(lexicons))
    assert "_hash" not in copy.__dict__  # a string's hash is not the same in a worker
    assert copy == lexicons and hash(copy) == hash(lexicons) and copy.titles == lexicons.titles
    other = lexicons.with_entries({"titles": lexicons.titles[1:]})
    assert other != lexicons
