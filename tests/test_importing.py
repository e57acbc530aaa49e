"""`annotator import`: walking folders, refusing bad files with reasons, idempotence."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.importing import import_paths
from annotator.resources import seeds_dir
from annotator.store import Store

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    (folder / "nested").mkdir(parents=True)
    for seed in sorted(seeds_dir().iterdir())[:2]:
        shutil.copy(seed, folder / seed.name)
    shutil.copy(sorted(seeds_dir().iterdir())[2], folder / "nested" / "page.txt")
    (folder / "notes.md").write_text("not a page: skipped when walking a folder")
    return folder


def test_folder_import_is_recursive_and_idempotent(pages: Path) -> None:
    with Store.open(memory=True) as store:
        first = import_paths(store, [pages])
        assert (first.imported, first.already_present, first.failed) == (3, 0, 0)
        again = import_paths(store, [pages])
        assert (again.imported, again.already_present, again.failed) == (0, 3, 0)
        assert store.count_articles() == 3


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\t\n", "only white space"),
        ("image.html", PNG, "PNG"),
        ("lines.jsonl", b'{"text": "\xe6\xad\xa3\xe6\x96\x87"}\nnot json\n', "line 2: not JSON"),
        ("fields.jsonl", b'{"url": "http://example.invalid"}\n', "line 1: needs a string"),
    ],
)
def test_bad_file_is_reported_and_the_rest_imported(
    pages: Path, name: str, content: bytes, reason: str
) -> None:
    (pages / name).write_bytes(content)
    with Store.open(memory=True) as store:
        result = import_paths(store, [pages])
        assert result.imported == 3
        [(path, message)] = result.failures
        assert Path(path).name == name
        assert reason in message
        assert store.count_articles() == 3


def test_jsonl_file_is_all_or_nothing(tmp_path: Path) -> None:
    good = {"text": "河南省党政代表团来疆考察\n马兴瑞参加活动", "url": "http://example.invalid/1"}
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n" + json.dumps({"text": ""}) + "\n")
    with Store.open(memory=True) as store:
        result = import_paths(store, [path])
        assert result.imported == 0
        assert "page 2" in result.failures[0][1]
        path.write_text(json.dumps(good, ensure_ascii=False) + "\n")
        assert import_paths(store, [path]).imported == 1
        article = store.get_article(store.article_ids()[0])
        assert article.source == "http://example.invalid/1"
        assert article.url == "http://example.invalid/1"


def test_size_limit_is_configurable(pages: Path) -> None:
    with Store.open(memory=True) as store:
        result = import_paths(store, [pages], max_bytes=6000)
        refused = {Path(p).name for p, r in result.failures if "above the limit" in r}
        assert refused and result.imported == 3 - len(refused)


def test_missing_path_is_reported(tmp_path: Path) -> None:
    with Store.open(memory=True) as store:
        result = import_paths(store, [tmp_path / "nowhere"])
        assert result.failures == ((str(tmp_path / "nowhere"), "no such file or folder"),)


def test_cli_import_prints_counts_and_fails_when_a_file_failed(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "cli.db")
    assert main(["--db", db, "import", "--no-suggest", str(pages)]) == 0
    assert capsys.readouterr().out.strip() == "imported 3, already present 0, failed 0"
    (pages / "image.html").write_bytes(PNG)
    assert main(["import", "--db", db, "--no-suggest", str(pages)]) == 1
    captured = capsys.readouterr()
    assert captured.out.strip() == "imported 0, already present 3, failed 1"
    assert "image.html" in captured.err and "PNG" in captured.err


def test_unreadable_paths_are_reported_and_the_rest_imported(pages: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # would block a naive reader forever
    dangling = pages / "gone.txt"
    dangling.symlink_to(tmp_path / "deleted.txt")
    with Store.open(memory=True) as store:
        result = import_paths(store, [pages, fifo])
        reasons = {Path(p).name: r for p, r in result.failures}
        assert set(reasons) == {"pipe.txt", "gone.txt"}
        assert reasons["pipe.txt"].startswith("not a regular file (a FIFO)")
        assert "cannot read" in reasons["gone.txt"]
        assert result.imported == 3
