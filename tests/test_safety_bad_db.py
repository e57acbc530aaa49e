"""Bad databases: each refusal is one of the store's errors with a clear message, and the data on
disk is left exactly as it was (file bytes compared before and after)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from safety_helpers.bulk_import import article
from safety_helpers.corpus import build_database
from safety_helpers.read_only import immutable, run_quiet

from annotator.store import (
    CorruptDatabase,
    DiskFull,
    FutureDatabase,
    ReadOnlyDatabase,
    Store,
    StoreError,
)
from annotator.store.migrations import LATEST_VERSION

HELPERS = Path(__file__).parent / "safety_helpers"
SEED_ARTICLES = 3


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def good_db(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "annotator.db"
    article_id = build_database(path)[0]
    with Store.open(path) as store:
        store.add_span(article_id, "alice", "OFFICIAL", 10, 13)
    return path


def assert_refused_untouched(path: Path, error: type[StoreError], match: str) -> None:
    before = folder_bytes(path.parent)
    with pytest.raises(error, match=match):
        Store.open(path).close()
    assert folder_bytes(path.parent) == before  # not changed, no -wal or -shm left beside it


@pytest.mark.parametrize(
    "content",
    [
        b"just some notes\n",
        b"these are my notes, not a database\n" * 100,  # longer than a header and a page
        b"<html><body>\xe6\x96\xb0\xe9\x97\xbb</body></html>",
        b"\x89PNG\r\n\x1a\n" + bytes(200),
        b'{"id": "x", "annotator": "alice"}\n',
        b"SQLite format 2\x00" + bytes(100),
        b"PK\x03\x04" + os.urandom(300),
    ],
    ids=["text", "long-text", "html", "png", "jsonl", "sqlite2", "zip"],
)
def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path, content):
    path = tmp_path / "annotator.db"
    path.write_bytes(content)
    assert_refused_untouched(path, CorruptDatabase, "is not an SQLite database")


@pytest.mark.parametrize("keep", [16, 60, 100, 4096, 0.5, -4096], ids=str)
def test_a_truncated_database_is_refused_untouched(good_db, keep):
    data = good_db.read_bytes()
    cut = int(len(data) * keep) if isinstance(keep, float) else keep % len(data)
    good_db.write_bytes(data[:cut])
    assert_refused_untouched(good_db, CorruptDatabase, "truncated")


def test_damaged_pages_are_reported_as_corrupt_never_as_raw_sqlite_errors(good_db):
    data = bytearray(good_db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[3 * page : 5 * page] = os.urandom(2 * page)  # two pages of table data replaced by noise
    good_db.write_bytes(bytes(data))
    before = folder_bytes(good_db.parent)
    try:
        with Store.open(good_db) as store:
            assert store.integrity_problems() != []
            for _ in store.iter_articles():
                pass
    except CorruptDatabase as error:
        assert "damaged" in str(error) and "left untouched" in str(error)
    assert folder_bytes(good_db.parent)["annotator.db"] == before["annotator.db"]


@pytest.mark.parametrize("ahead", [1, 99 - LATEST_VERSION], ids=["next", "far"])
def test_a_database_from_a_newer_version_is_refused_untouched(good_db, ahead):
    conn = sqlite3.connect(good_db)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + ahead}")
    conn.close()
    assert_refused_untouched(good_db, FutureDatabase, "newer annotator.*not changed")


# -- read-only files and folders (root ignores permission bits, so use chattr or a ro mount) -----


@contextmanager
def read_only_mount(folder: Path) -> Iterator[Path]:
    """A read-only bind mount of `folder`, if this process may mount."""
    target = folder.parent / "read-only-view"
    target.mkdir()
    if not run_quiet("mount", "--bind", str(folder), str(target)):
        pytest.skip("mount is not permitted here")
    try:
        if not run_quiet("mount", "-o", "remount,bind,ro", str(target)):
            pytest.skip("read-only remount is not permitted here")
        yield target
    finally:
        run_quiet("umount", str(target)) or run_quiet("umount", "-l", str(target))


def test_a_read_only_file_can_be_read_and_refuses_writes_clearly(good_db):
    before = good_db.read_bytes()
    with immutable(good_db), Store.open(good_db) as store:
        article_id = store.article_ids()[0]
        assert len(store.get_annotation_set(article_id, "alice").spans) == 1
        with pytest.raises(ReadOnlyDatabase, match="cannot be written"):
            store.add_span(article_id, "alice", "PLACE", 20, 24)
        with pytest.raises(ReadOnlyDatabase, match="cannot be written"):
            store.set_status(article_id, "alice", "done")
    assert good_db.read_bytes() == before


def test_a_read_only_folder_is_refused_clearly_and_untouched(good_db):
    with immutable(good_db.parent):
        assert_refused_untouched(good_db, ReadOnlyDatabase, "cannot be written")


@pytest.mark.parametrize("name", ["annotator.db", "new.db"])
def test_a_read_only_mount_is_refused_clearly_and_untouched(good_db, name):
    before = folder_bytes(good_db.parent)
    with (
        read_only_mount(good_db.parent) as view,
        pytest.raises(ReadOnlyDatabase, match="cannot be written"),
    ):
        Store.open(view / name)
    assert folder_bytes(good_db.parent) == before


# -- a full disk ----------------------------------------------------------------------------------


def stored_bulk_articles(path: Path) -> list[str]:
    with Store.open(path) as store:
        assert store.integrity_problems() == []
        return [a for a in store.article_ids() if store.get_article(a).source.startswith("bulk/")]


@pytest.mark.parametrize("per_batch", [1, 7, 25])
def test_a_file_size_limit_refuses_the_batch_and_keeps_the_rest(good_db, per_batch):
    limit = good_db.stat().st_size + 400_000
    result = subprocess.run(
        [sys.executable, str(HELPERS / "fill_disk.py"), str(good_db), str(limit), str(per_batch)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    *stored, refusal = result.stdout.splitlines()
    assert refusal.startswith("refused DiskFull:") and "not saved" in refusal, refusal
    assert stored == [f"ok {n}" for n in range(1, len(stored) + 1)]
    expected = {article(n).id for n in range(len(stored) * per_batch)}
    assert (
        set(stored_bulk_articles(good_db)) == expected
    )  # every batch acknowledged, no part of the refused one


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "small-disk"
    folder.mkdir()
    if not run_quiet("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)):
        pytest.skip("mounting a small tmpfs is not permitted here")
    try:
        yield folder
    finally:
        run_quiet("umount", str(folder)) or run_quiet("umount", "-l", str(folder))


def test_a_full_disk_refuses_the_edit_and_keeps_the_rest(small_disk):
    path = small_disk / "annotator.db"
    article_id = build_database(path)[0]
    acknowledged = []
    with Store.open(path) as store:
        with pytest.raises(DiskFull, match="disk is full.*not saved"):
            for n in range(10_000):
                store.add_articles([article(n)])
                acknowledged.append(article(n).id)
        with pytest.raises(DiskFull):
            for start in range(0, 1000, 3):
                store.add_span(article_id, "alice", "PLACE", start, start + 2)
                acknowledged.append(start)
    with Store.open(path) as store:
        spans = {s.start for s in store.get_annotation_set(article_id, "alice").spans}
    assert set(stored_bulk_articles(path)) == {a for a in acknowledged if isinstance(a, str)}
    assert spans == {a for a in acknowledged if isinstance(a, int)}
    assert run_quiet("mount", "-o", "remount,size=8m", str(small_disk))  # space freed: goes on
    with Store.open(path) as store:
        store.add_articles([article(99_999)])
        assert store.has_article(article(99_999).id)
