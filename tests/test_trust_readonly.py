"""Commands that only read work on a database that cannot be written (issue 18): a read-only
file, or a read-only folder where SQLite cannot create the `-wal`/`-shm` a WAL database needs.
Writing commands on it keep their clear refusal, and nothing on the read-only side changes.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from review_helpers.scripted import seeded_store
from safety_helpers.read_only import immutable

from annotator.cli import main
from annotator.store import ReadOnlyDatabase, Store
from annotator.store.backup import rotate_backups
from annotator.store.migrations import LATEST_VERSION, MIGRATIONS

GOLD = Path(__file__).parent / "data" / "gold" / "seeds.jsonl"
PAIR = ("alice", "bob")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The seed pages, the first labelled the same by alice and bob and marked done."""
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "work.db"
    with seeded_store(path) as store:
        first = store.article_ids()[0]
        text = store.article_text(first)
        start = next(i for i, ch in enumerate(text) if not ch.isspace())
        for name in PAIR:
            store.add_span(first, name, "PLACE", start, start + 2)
            store.set_status(first, name, "done")
    return path


def folder_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@contextmanager
def read_only(db: Path, where: str) -> Iterator[None]:
    """`file`: the database file cannot be written; `folder`: neither can its folder."""
    with ExitStack() as stack:
        stack.enter_context(immutable(db))
        if where == "folder":
            stack.enter_context(immutable(db.parent))
        yield


def check_stats(out: Path, stdout: str) -> None:
    assert json.loads(stdout)["articles"] == 5


def check_export(out: Path, stdout: str) -> None:
    records = [json.loads(line) for line in (out / "alice.jsonl").open(encoding="utf-8")]
    assert [r["spans"] != [] for r in records].count(True) == 1


def check_agree(out: Path, stdout: str) -> None:
    assert json.loads(stdout)["articles"] == 1


def check_evaluate(out: Path, stdout: str) -> None:
    assert "5" in stdout  # scored over the five seed articles


def check_backup(out: Path, stdout: str) -> None:
    with Store.open(out / "copy.db", read_only=True) as copy:
        assert copy.count_articles() == 5
        assert copy.get_annotation_set(copy.article_ids()[0], "alice").spans


# Each reading command: its arguments after `--db X` (given the output folder), and a check.
READING: dict[str, tuple[Callable[[Path], list[str]], Callable[[Path, str], None]]] = {
    "stats": (lambda out: ["stats", "--json"], check_stats),
    "export": (
        lambda out: ["export", "--annotator", "alice", "--out", str(out / "alice.jsonl")],
        check_export,
    ),
    "agree": (lambda out: ["agree", "--annotators", ",".join(PAIR), "--json"], check_agree),
    "evaluate": (lambda out: ["evaluate", "--gold", str(GOLD)], check_evaluate),
    "backup": (lambda out: ["backup", str(out / "copy.db")], check_backup),
}


@pytest.mark.parametrize("where", ["file", "folder"])
@pytest.mark.parametrize("command", list(READING))
def test_a_reading_command_works_on_a_read_only_database(db, tmp_path, capsys, command, where):
    arguments, check = READING[command]
    out = tmp_path / "out"
    out.mkdir()
    before = folder_files(db.parent)
    with read_only(db, where):
        status = main(["--db", str(db), *arguments(out)])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    check(out, captured.out)
    after = folder_files(db.parent)
    assert after["work.db"] == before["work.db"]
    if where == "folder":
        assert after == before  # no -wal or -shm could be, or was, left beside it


WRITING = {
    "import": lambda tmp: ["import", "--no-suggest", str(new_page(tmp))],
    "import-labels": lambda tmp: [
        "import-labels",
        *("--format", "jsonl", "--annotator", "carol"),
        str(labels(tmp)),
    ],
}


def new_page(tmp: Path) -> Path:
    path = tmp / "new-page.txt"
    path.write_text("记者报道：楼阳生在郑州参加座谈会。\n", encoding="utf-8")
    return path


def labels(tmp: Path) -> Path:
    """alice's labelled record, exported, as carol's."""
    exported = tmp / "alice.jsonl"
    assert main(["--db", str(tmp / "data" / "work.db"), "export", "--annotator", "alice",
                 "--out", str(exported)]) == 0  # fmt: skip
    record = next(r for r in map(json.loads, exported.open(encoding="utf-8")) if r["spans"])
    path = tmp / "carol.jsonl"
    path.write_text(json.dumps({**record, "annotator": "carol"}) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("where", ["file", "folder"])
@pytest.mark.parametrize("command", list(WRITING))
def test_a_writing_command_on_a_read_only_database_is_refused_clearly(
    db, tmp_path, capsys, command, where
):
    arguments = WRITING[command](tmp_path)
    capsys.readouterr()
    before = folder_files(db.parent)
    with read_only(db, where):
        status = main(["--db", str(db), *arguments])
    assert status == 1
    err = capsys.readouterr().err.strip()
    assert "cannot be written" in err and len(err.splitlines()) == 1, err
    assert folder_files(db.parent)["work.db"] == before["work.db"]


def test_a_read_only_store_refuses_every_write_and_says_so(db):
    with Store.open(db, read_only=True) as store:
        assert store.read_only
        article_id = store.article_ids()[0]
        with pytest.raises(ReadOnlyDatabase, match="cannot be written"):
            store.add_span(article_id, "alice", "ORG", 0, 2)
        with pytest.raises(ReadOnlyDatabase, match="cannot be written"):
            store.set_status(article_id, "alice", "skipped")
    with Store.open(db) as store:
        assert not store.read_only
        assert store.get_annotation_set(article_id, "alice").status == "done"


def test_reading_a_missing_database_creates_nothing(tmp_path, capsys):
    missing = tmp_path / "nothing-here" / "work.db"
    assert main(["--db", str(missing), "stats"]) == 1
    assert "no database" in capsys.readouterr().err
    assert not missing.parent.exists()


# -- a WAL left with changes in it (a crash) beside a read-only copy ------------------------------

CRASH_AFTER_WRITING = """
import os, sys
from annotator.store import Store
store = Store.open(sys.argv[1])
store.add_span(store.article_ids()[2], "carol", "PLACE", 0, 2)
os._exit(0)  # no close: the change stays in the -wal, not yet in the file
"""


@pytest.fixture
def crashed(db: Path) -> Path:
    done = subprocess.run([sys.executable, "-c", CRASH_AFTER_WRITING, str(db)], capture_output=True)
    assert done.returncode == 0, done.stderr
    wal = db.with_name(db.name + "-wal")
    assert wal.stat().st_size > 0
    return db


def carol_spans(db: Path) -> list[str]:
    with Store.open(db, read_only=True) as store:
        return [s.text for s in store.get_annotation_set(store.article_ids()[2], "carol").spans]


def test_a_read_only_copy_with_its_wal_is_read_with_the_changes_in_the_wal(crashed):
    sidecars = [crashed.with_name(crashed.name + s) for s in ("-wal", "-shm")]
    before = folder_files(crashed.parent)
    with ExitStack() as stack:
        for path in (crashed, *sidecars, crashed.parent):
            stack.enter_context(immutable(path))
        assert len(carol_spans(crashed)) == 1
    assert folder_files(crashed.parent) == before


def test_a_wal_that_cannot_be_read_in_a_read_only_folder_is_refused_not_skipped(crashed):
    crashed.with_name(crashed.name + "-shm").unlink()  # SQLite must rebuild it: it cannot here
    before = folder_files(crashed.parent)
    with (
        immutable(crashed),
        immutable(crashed.parent),
        pytest.raises(ReadOnlyDatabase, match="work.db-wal.*make the folder writable"),
    ):
        carol_spans(crashed)
    assert folder_files(crashed.parent) == before
    assert carol_spans(crashed)  # once the folder can be written, the change is there
    assert os.path.exists(crashed)


def test_a_uri_character_in_the_file_name_is_part_of_the_name(tmp_path):
    """SQLite is given `file:` URIs; `#`, `?` or `%` in the name must not cut it short."""
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "notes #1 ?draft% .db"
    with seeded_store(db) as store:
        made = rotate_backups(store)
        assert made is not None and rotate_backups(store) is None  # nothing changed since
    with immutable(db), immutable(folder), Store.open(db, read_only=True) as store:
        assert store.count_articles() == 5
    with Store.open(made, read_only=True) as copy:
        assert copy.count_articles() == 5
    assert sorted(p.name for p in folder.iterdir()) == ["backups", db.name]


def test_sqlite_reads_the_database_bytes_as_written(db):
    """The read-only opening reads the file through SQLite's locks (a plain connection still
    sees the same rows)."""
    with Store.open(db, read_only=True) as store:
        ids = store.article_ids()
    conn = sqlite3.connect(db)
    try:
        assert [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")] == sorted(ids)
    finally:
        conn.close()


# -- a database made by an older annotator ---------------------------------------------------------


@pytest.fixture
def older(tmp_path: Path) -> Path:
    """A database at schema version 1, as the first annotator made it."""
    if LATEST_VERSION < 2:
        pytest.skip("there is no older schema version yet")
    folder = tmp_path / "old"
    folder.mkdir()
    path = folder / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version=1")
    conn.close()
    return path


def test_a_reading_command_upgrades_an_older_database_it_may_write(older, capsys):
    assert main(["--db", str(older), "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 0
    conn = sqlite3.connect(older)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    finally:
        conn.close()


def test_an_older_database_that_cannot_be_written_is_refused_clearly(older, capsys):
    before = folder_files(older.parent)
    with immutable(older), immutable(older.parent):
        assert main(["--db", str(older), "stats"]) == 1
    err = capsys.readouterr().err
    assert "made by an older annotator and must be upgraded" in err and "cannot be written" in err
    assert folder_files(older.parent) == before
