"""Databases that come from elsewhere: merge sources and restored backups.

A file merged in or restored is read through SQLite from a private copy (its `-wal` included),
never written, never migrated, its triggers never run; it must be an annotator database whose
every row decodes, or it is refused in one line and nothing changes.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from review_helpers.scripted import label_seeds, seeded_store
from safety_helpers.corpus import build_database
from safety_helpers.log_replay import log_disagreements

from annotator.cli import main
from annotator.store import CorruptDatabase, DatabaseLocked, FutureDatabase, Store, StoreError
from annotator.store.backup import backup_database, restore_database
from annotator.store.foreign import checked_copy
from annotator.store.migrations import MIGRATIONS, schema_at

HELPERS = Path(__file__).parent / "safety_helpers"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """alice's labelled seeds (suggestions included) as one standalone file, as a backup is."""
    folder = tmp_path_factory.mktemp("template")
    with seeded_store(folder / "live.db") as store:
        label_seeds(store, "alice")
    return backup_database(folder / "live.db", folder / "alice.db")


@pytest.fixture
def source(tmp_path, template) -> Path:
    """A copy of the template alone in its own folder (so its folder can be compared)."""
    path = tmp_path / "theirs" / "alice.db"
    path.parent.mkdir()
    shutil.copyfile(template, path)
    return path


@pytest.fixture
def target(tmp_path) -> Path:
    path = tmp_path / "mine" / "me.db"
    Store.open(path).close()
    return path


def fingerprint(path: Path) -> tuple[str, list[str]]:
    """The file's bytes and what lies beside it: a merge source must keep both."""
    return hashlib.md5(path.read_bytes()).hexdigest(), sorted(p.name for p in path.parent.iterdir())


def content(path: Path) -> list:
    """Every row of every annotator table, read without the store (so nothing is written)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'articles_fts%' ORDER BY name"
            )
        ]
        return [(t, sorted(map(repr, conn.execute(f"SELECT * FROM {t}")))) for t in tables]
    finally:
        conn.close()


def spoil(path: Path, *statements: str) -> None:
    """Change a database by hand, as another program (or a person) could."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


# -- restore reads a backup's -wal ---------------------------------------------------------------


def test_restore_keeps_the_last_transaction_held_in_the_backups_wal(tmp_path, template):
    """A copy of a live database is its main file plus its `-wal`; the last commit lives there."""
    live = tmp_path / "live" / "work.db"
    live.parent.mkdir()
    shutil.copyfile(template, live)
    copy = tmp_path / "copy" / "work.db"
    copy.parent.mkdir()
    with Store.open(live) as store:
        article_id = store.article_ids()[0]
        store.set_status(article_id, "alice", "skipped")
        wal = live.with_name(live.name + "-wal")
        assert wal.stat().st_size > 0  # the commit is in the WAL, not yet in the main file
        shutil.copyfile(live, copy)
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    before = fingerprint(copy)
    db = tmp_path / "mine" / "restored.db"
    restore_database(copy, db)
    with Store.open(db) as store:
        assert store.get_annotation_set(article_id, "alice").status == "skipped"
    assert fingerprint(copy) == before  # the backup itself is only read


def test_a_source_another_program_is_writing_is_read_as_one_consistent_snapshot(tmp_path):
    """Copying a live file and its -wal races the writer: each copy is either a state the
    database was in between two commands, or refused as changing; never torn."""
    live = tmp_path / "live.db"
    build_database(live)
    worker = subprocess.Popen(
        [sys.executable, str(HELPERS / "edit_worker.py"), str(live), "alice", "7", "400"],
        stdout=subprocess.DEVNULL,
    )
    read = refused = 0
    try:
        while worker.poll() is None and read + refused < 12:
            try:
                with checked_copy(live, outcome="nothing was merged") as copy:
                    assert log_disagreements(str(copy)) == []  # not torn mid-command
                    read += 1
            except DatabaseLocked as error:
                assert "kept changing" in str(error)
                refused += 1
    finally:
        assert worker.wait(timeout=120) == 0
    assert read


# -- merge never writes its source ---------------------------------------------------------------


def test_merge_leaves_the_source_and_its_folder_exactly_as_they_were(source, target):
    before = fingerprint(source)
    assert main(["--db", str(target), "merge", str(source)]) == 0
    assert fingerprint(source) == before
    with Store.open(target) as store:
        assert store.count_articles() > 0 and "alice" in store.annotators()


def test_merge_refuses_a_foreign_sqlite_file_and_leaves_it_alone(tmp_path, target, capsys):
    foreign = tmp_path / "notes.db"
    spoil(foreign, "CREATE TABLE notes (x)", "INSERT INTO notes VALUES ('mine')")
    before, target_before = fingerprint(foreign), content(target)
    assert main(["--db", str(target), "merge", str(foreign)]) == 1
    err = capsys.readouterr().err
    assert "not an annotator database" in err and err.count("\n") == 1
    assert fingerprint(foreign) == before
    assert content(target) == target_before


def test_merge_never_runs_a_trigger_of_the_source(source, target, capsys):
    """A trigger that fires on any write of the source (here: the schema setting being filled
    in) must neither run nor let its effect reach the target."""
    spoil(
        source,
        "DELETE FROM settings WHERE key = 'schema'",
        "CREATE TRIGGER flag AFTER INSERT ON settings BEGIN "
        "UPDATE annotation_sets SET status = 'skipped'; END",
    )
    before = fingerprint(source)
    assert main(["--db", str(target), "merge", str(source)]) == 1
    assert "trigger flag" in capsys.readouterr().err
    assert fingerprint(source) == before
    with Store.open(target) as store:
        assert store.count_articles() == 0


def make_older(path: Path) -> None:
    """The file as the first schema version left it: what an older annotator sends. Built by
    the first step itself, then filled with the rows of `path` in that version's columns."""
    older = path.with_name(path.name + ".v1")
    conn = sqlite3.connect(older, isolation_level=None)
    try:
        conn.execute("BEGIN")
        MIGRATIONS[0](conn)
        conn.execute("PRAGMA user_version = 1")
        conn.execute("ATTACH DATABASE ? AS newer", (str(path),))
        tables = [
            name for kind, name, _, _ in schema_at(1)
            if kind == "table" and not name.startswith(("articles_fts", "sqlite_"))
        ]  # fmt: skip
        for table in tables:
            columns = ", ".join(
                f'"{row[1]}"' for row in conn.execute(f"PRAGMA main.table_info({table})")
            )
            conn.execute(
                f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM newer.{table}"
            )
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE newer")
    finally:
        conn.close()
    older.replace(path)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def test_a_file_from_an_older_annotator_is_merged_and_restored_and_left_as_it_was(
    source, target, tmp_path
):
    make_older(source)
    before = fingerprint(source)
    assert main(["--db", str(target), "merge", str(source)]) == 0
    with Store.open(target) as store:
        assert "alice" in store.annotators()
    restored = tmp_path / "mine" / "restored.db"
    restore_database(source, restored)
    with Store.open(restored) as store:
        assert store.count_articles() > 0
    assert fingerprint(source) == before


# -- hostile content is refused whole ------------------------------------------------------------

FIRST_ID = "(SELECT min(id) FROM articles)"
HOSTILE = {
    "updated_at not a time": ["UPDATE annotation_sets SET updated_at = 'yesterday'"],
    "naive updated_at": ["UPDATE annotation_sets SET updated_at = '2025-01-01T00:00:00'"],
    "schema not TOML": ["UPDATE settings SET value = '[[labels' WHERE key = 'schema'"],
    "schema without labels": ["UPDATE settings SET value = 'x = 1' WHERE key = 'schema'"],
    "schema label of wrong types": [
        'UPDATE settings SET value = \'[[labels]]\nname = 1\ngroup = "x"\ncolor = 5\n'
        "key = []' WHERE key = 'schema'"
    ],
    "schema event types not text": [
        "UPDATE settings SET value = 'event_types = [1]\n' || value WHERE key = 'schema'"
    ],
    "offset_map not JSON": [f"UPDATE articles SET offset_map = '[[0,' WHERE id = {FIRST_ID}"],
    "offset_map of another text": [
        f"UPDATE articles SET offset_map = '[[0,0],[3,3]]' WHERE id = {FIRST_ID}"
    ],
    "damage not a list": [f"UPDATE articles SET damage = '{{}}' WHERE id = {FIRST_ID}"],
    "text a blob": [f"UPDATE articles SET text = x'e4b8ad00ff' WHERE id = {FIRST_ID}"],
    "title not UTF-8": [
        f"UPDATE articles SET title = CAST(x'e4b8ff28' AS TEXT) WHERE id = {FIRST_ID}"
    ],
    "span text not UTF-8": ["UPDATE spans SET text = CAST(x'ff' AS TEXT) WHERE id = 1"],
    "span offsets past the text": ['UPDATE spans SET "end" = 1000000 WHERE id = 1'],
    "span start a word": ["UPDATE spans SET start = 'three' WHERE id = 1"],
    "status unknown": ["UPDATE annotation_sets SET status = 'bogus'"],
    "seconds a word": ["UPDATE annotation_sets SET seconds = 'long'"],
    "mentions not JSON": ["UPDATE officials SET mentions = '[1,'"],
    "titles not strings": ["UPDATE officials SET titles = '[1, 2]'"],
    "participants of another set": ["UPDATE events SET participants = '[999999]'"],
    "set of a missing article": ["UPDATE annotation_sets SET article_id = 'nowhere' WHERE id = 1"],
    "edit image not JSON": ["UPDATE edits SET after = '{' WHERE id = (SELECT max(id) FROM edits)"],
    "article id a path": [
        f"UPDATE {table} SET {column} = '../../../TRAV' WHERE {column} = {FIRST_ID}"
        for table, column in (
            ("spans", "article_id"),
            ("officials", "article_id"),
            ("events", "article_id"),
            ("annotation_sets", "article_id"),
            ("rejections", "article_id"),
            ("commands", "article_id"),
        )
    ]
    + [f"UPDATE articles SET id = '../../../TRAV' WHERE id = {FIRST_ID}"],
}


@pytest.mark.parametrize("statements", HOSTILE.values(), ids=HOSTILE.keys())
def test_merge_refuses_a_hostile_source_in_one_line_and_changes_nothing(
    source, target, capsys, statements
):
    spoil(source, *statements)
    before, target_before = fingerprint(source), content(target)
    assert main(["--db", str(target), "merge", str(source)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("annotator: ") and err.count("\n") == 1, err
    assert "row" in err or "setting" in err, err  # says where the bad value is
    assert fingerprint(source) == before
    assert content(target) == target_before


@pytest.mark.parametrize("statements", HOSTILE.values(), ids=HOSTILE.keys())
def test_restore_refuses_a_hostile_backup_and_changes_nothing(tmp_path, source, statements):
    spoil(source, *statements)
    db = tmp_path / "mine" / "work.db"
    db.parent.mkdir()
    Store.open(db).close()
    before = db.read_bytes()
    with pytest.raises(StoreError, match="nothing was restored"):
        restore_database(source, db)
    assert db.read_bytes() == before
    with Store.open(db) as store:  # and the database goes on working
        store.stats()


def test_a_restored_backup_searches_its_own_articles_whatever_its_search_index_held(
    tmp_path, source
):
    """The full-text index is SQLite's derived data, not checked row by row: restore rebuilds it
    from the articles, so a stale or emptied index in the backup cannot hide articles."""
    with Store.open(source) as store:
        article_id = store.article_ids()[0]
        word = store.article_text(article_id)[40:44]
        assert article_id in store.article_ids(search=word)
    spoil(source, "INSERT INTO articles_fts(articles_fts) VALUES ('delete-all')")
    db = tmp_path / "mine" / "work.db"
    restore_database(source, db)
    with Store.open(db) as store:
        assert article_id in store.article_ids(search=word)


def test_a_pipe_or_folder_given_as_merge_source_or_backup_is_refused_by_what_it_is(
    tmp_path, target, capsys
):
    pipe = tmp_path / "pipe.db"
    os.mkfifo(pipe)
    folder = tmp_path / "folder.db"
    folder.mkdir()
    for other in (pipe, folder):
        assert main(["--db", str(target), "merge", str(other)]) == 1
        assert "not a database file (a folder, a pipe or a device)" in capsys.readouterr().err
        with pytest.raises(StoreError, match="not a database file.*nothing was restored"):
            restore_database(other, target)


def test_a_private_copy_that_cannot_be_written_is_one_line_naming_no_temporary_file(
    source, target, capsys, monkeypatch
):
    def full_disk(src, dst, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(dst))

    monkeypatch.setattr(shutil, "copyfile", full_disk)
    assert main(["--db", str(target), "merge", str(source)]) == 1
    err = capsys.readouterr().err
    assert "No space left" in err and str(source) in err and "annotator-" not in err, err
    assert err.count("\n") == 1


# -- messages ------------------------------------------------------------------------------------


def test_a_foreign_sqlite_file_with_a_high_version_is_not_called_newer(tmp_path, capsys):
    foreign = tmp_path / "other.db"
    spoil(foreign, "CREATE TABLE notes (x)", "PRAGMA user_version = 7")
    before = fingerprint(foreign)
    with pytest.raises(StoreError, match="not an annotator database") as caught:
        Store.open(foreign)
    assert "newer" not in str(caught.value)
    assert fingerprint(foreign) == before
    assert main(["--db", str(foreign), "stats"]) == 1
    assert "not an annotator database" in capsys.readouterr().err


def test_an_annotator_database_from_a_newer_version_is_still_called_newer(tmp_path, template):
    newer = tmp_path / "newer.db"
    shutil.copyfile(template, newer)
    spoil(newer, "PRAGMA user_version = 7")
    with pytest.raises(FutureDatabase, match="newer annotator"):
        Store.open(newer)


def test_opening_a_foreign_sqlite_file_never_adds_our_tables_to_it(tmp_path):
    foreign = tmp_path / "notes.db"
    spoil(foreign, "CREATE TABLE notes (x)")
    before = fingerprint(foreign)
    with pytest.raises(StoreError, match="not an annotator database"):
        Store.open(foreign)
    assert fingerprint(foreign) == before


@pytest.mark.parametrize(
    ("statement", "read"),
    [
        (
            "UPDATE articles SET title = CAST(x'e4b8ff28' AS TEXT)",
            lambda store: store.get_article(store.article_ids()[0]),
        ),
        (
            "UPDATE spans SET text = CAST(x'ff28' AS TEXT)",
            lambda store: store.get_annotation_set(store.article_ids()[0], "alice"),
        ),
        (
            "UPDATE articles SET text = x'e4b8ad'",
            lambda store: store.get_article(store.article_ids()[0]),
        ),
    ],
    ids=["title not UTF-8", "span text not UTF-8", "text a blob"],
)
def test_a_garbled_text_column_is_reported_as_damage_not_dumped(source, statement, read):
    spoil(source, statement)
    with Store.open(source) as store, pytest.raises(CorruptDatabase, match="damaged") as caught:
        read(store)
    message = str(caught.value)
    assert "\\x" not in message and "\ufffd" not in message, message


@pytest.mark.parametrize(
    "value", ["[[labels", "x = 1", b"\x00\xff"], ids=["not TOML", "no labels", "blob"]
)
def test_a_database_whose_label_schema_cannot_be_read_is_reported_damaged(source, capsys, value):
    conn = sqlite3.connect(source)
    conn.execute("UPDATE settings SET value = ? WHERE key = 'schema'", (value,))
    conn.commit()
    conn.close()
    with pytest.raises(CorruptDatabase, match="damaged.*schema"):
        Store.open(source)
    assert main(["--db", str(source), "stats"]) == 1
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.parametrize("ours", ["2025-01-01T00:00:00", "yesterday"], ids=["naive", "not a time"])
def test_merge_into_a_database_holding_an_unreadable_time_reports_instead_of_crashing(
    source, tmp_path, capsys, ours
):
    """Times merged in before they were checked: the comparison cannot order them."""
    target = tmp_path / "mine" / "me.db"
    target.parent.mkdir()
    shutil.copyfile(source, target)
    spoil(
        target,
        "UPDATE annotation_sets SET status = 'skipped' WHERE annotator = 'alice'",
        f"UPDATE annotation_sets SET updated_at = '{ours}' WHERE annotator = 'alice'",
    )
    assert main(["--db", str(target), "merge", str(source)]) == 0
    out = capsys.readouterr().out
    assert "differed:" in out and ours in out


# -- fuzz: one bad value anywhere -----------------------------------------------------------------

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW_FUZZ = settings(FUZZ, max_examples=300)
FUZZ_TABLES = ("settings", "articles", "annotation_sets", "spans", "officials", "events",
               "rejections", "commands", "edits")  # fmt: skip


SHAPED_VALUES = ["yesterday", "2025-01-01T00:00:00", "2025-01-01T00:00:00+08:00", "[]", "{}",
                 "null", "[[0,0]]", "[[0,0],[0,0]]", "[1,", '["x"]', '[[1,2,"lost"]]', "[" * 3000,
                 "../x", "", "auto", "skipped", "x = 1", "[[labels]]\nname = 1"]  # fmt: skip


class NotUtf8(bytes):
    """Bytes stored as TEXT: what a damaged or hand-edited file can hold."""


BAD_VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    st.binary(max_size=12),
    st.text(max_size=20),
    st.binary(min_size=1, max_size=6).map(NotUtf8),
    st.sampled_from(SHAPED_VALUES),
)


@functools.cache
def fuzz_template() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="merge-fuzz-"))
    with seeded_store(folder / "live.db") as store:
        label_seeds(store, "alice")
    return backup_database(folder / "live.db", folder / "alice.db")


@st.composite
def hostile_sources(draw: st.DrawFn) -> tuple[str, str, int, object]:
    """(table, column, row offset, value): one value of one row replaced."""
    table = draw(st.sampled_from(FUZZ_TABLES))
    conn = sqlite3.connect(fuzz_template())
    try:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()
    return table, draw(st.sampled_from(columns)), draw(st.integers(0, 4)), draw(BAD_VALUES)


def spoiled_copy(folder: Path, table: str, column: str, offset: int, value: object) -> Path | None:
    """The template with one value replaced (None when SQLite's own constraints refuse it)."""
    path = folder / "theirs" / "alice.db"
    path.parent.mkdir()
    shutil.copyfile(fuzz_template(), path)
    cast = "CAST(? AS TEXT)" if isinstance(value, NotUtf8) else "?"
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(
            f'UPDATE {table} SET "{column}" = {cast} '
            f"WHERE rowid = (SELECT rowid FROM {table} ORDER BY rowid LIMIT 1 OFFSET ?)",
            (bytes(value) if isinstance(value, NotUtf8) else value, offset),
        )
    except sqlite3.IntegrityError:
        return None
    finally:
        conn.close()
    return path


def readable_everywhere(db: Path) -> None:
    """What later commands read: every article and every set of every annotator."""
    with Store.open(db) as store:
        store.stats()
        for article in store.iter_articles():
            article.original_span(0, len(article.text))
        for name in store.annotators():
            for aset in store.iter_annotation_sets(name):
                assert aset.updated_at is None or datetime.fromisoformat(aset.updated_at).tzinfo


def check_hostile_merge_and_restore(case: tuple[str, str, int, object]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = spoiled_copy(folder, *case)
        if source is None:
            return
        target = folder / "mine" / "me.db"
        target.parent.mkdir()
        Store.open(target).close()
        before, target_before = fingerprint(source), content(target)
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = main(["--db", str(target), "merge", str(source)])
        refused = err.getvalue()
        assert status in (0, 1) and refused.count("\n") <= 1, refused
        event("merge refused" if refused else "merged")
        if refused:
            assert content(target) == target_before
        readable_everywhere(target)
        assert fingerprint(source) == before
        restored = folder / "mine" / "restored.db"
        try:
            restore_database(source, restored)
        except StoreError:
            assert not restored.exists()
        else:
            readable_everywhere(restored)
        assert fingerprint(source) == before


@FUZZ
@given(hostile_sources())
def test_a_merge_source_with_one_bad_value_is_merged_or_refused_in_one_line(case):
    check_hostile_merge_and_restore(case)


@pytest.mark.slow
@SLOW_FUZZ
@given(hostile_sources())
def test_hostile_merge_sources_fuzzed_longer(case):
    check_hostile_merge_and_restore(case)
