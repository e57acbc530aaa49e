"""Issue 18, exports: an export never deletes, overwrites or writes outside what it owns.

Every test drives the CLI (`annotator.cli.main`) the way a person would.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_formats_example import example_article, example_set, plain_article

from annotator.cli import main
from annotator.formats.owned_folder import MANIFEST
from annotator.model import AnnotationSet, Span, article_id_for, check_article_id
from annotator.store import Store
from annotator.temporaries import STAGING_MARKER

SIDECARS = ("", "-wal", "-shm", "-journal")


def make_db(path: Path) -> Path:
    with Store.open(path) as store:
        store.add_articles([example_article(), plain_article()])
        store.replace_annotation_set(example_set())
    return path


def digest(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def tree(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def brat(db: Path, out: Path | str, *extra: str) -> int:
    return main(["--db", str(db), "export", "--format", "brat", *extra, "--out", str(out)])


# --- 1. an export never deletes what it did not write ------------------------------------------


def test_brat_export_into_a_project_folder_keeps_the_database_and_foreign_files(
    tmp_path: Path, capsys
) -> None:
    proj = tmp_path / "proj"
    proj.mkdir()
    db = make_db(proj / "work.db")
    (proj / "thesis").mkdir()
    (proj / "thesis" / "chapter1.txt").write_text("two years of work", encoding="utf-8")
    before = digest(db)
    assert brat(db, proj, "--annotator", "alice") != 0
    assert digest(db) == before
    assert (proj / "thesis" / "chapter1.txt").read_text(encoding="utf-8") == "two years of work"
    assert tree(proj) == {"work.db", "thesis", "thesis/chapter1.txt"}
    assert tree(tmp_path) == {"proj"} | {f"proj/{p}" for p in tree(proj)}  # no leftovers
    assert "work.db" in capsys.readouterr().err


def test_brat_export_refuses_a_folder_with_files_it_did_not_write(tmp_path: Path, capsys) -> None:
    db = make_db(tmp_path / "a.db")
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert brat(db, out) == 1
    assert tree(out) == {"notes.txt"}
    assert "notes.txt" in capsys.readouterr().err


def test_a_second_brat_export_replaces_only_the_files_the_first_wrote(tmp_path: Path) -> None:
    db = make_db(tmp_path / "a.db")
    out = tmp_path / "out"
    assert brat(db, out) == 0  # alice's set and one unlabelled article
    first = tree(out)
    assert MANIFEST in first and "alice" in first and "unlabelled" in first
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {p for p in first if (out / p).is_file()} - {MANIFEST}
    assert brat(db, out, "--annotator", "alice") == 0  # now flat: the old sub-folders go
    second = tree(out)
    assert not any(p.startswith(("alice", "unlabelled")) for p in second)
    assert f"{example_article().id}.ann" in second
    (out / "mine.txt").write_text("keep", encoding="utf-8")
    assert brat(db, out) == 1  # a file it did not write: refused, nothing changed
    assert tree(out) == second | {"mine.txt"}


def test_brat_export_into_an_empty_folder_and_into_the_current_folder(
    tmp_path: Path, monkeypatch
) -> None:
    db = make_db(tmp_path / "a.db")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert brat(db, empty) == 0
    assert (empty / "annotation.conf").is_file()
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert brat(db, ".") == 0  # was EBUSY, leaving a `..xxxx.old` folder behind
    assert brat(db, ".") == 0  # and again, over its own files
    assert (here / "annotation.conf").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.db", "empty", "here"]
    assert Path.cwd() == here


def test_stale_staging_of_a_killed_export_is_cleaned_up(tmp_path: Path) -> None:
    """SIGKILL mid-export leaves the staging folder; the next export to that place removes it."""
    db = make_db(tmp_path / "a.db")
    out = tmp_path / "out"
    assert brat(db, out) == 0
    dead = _dead_pid()
    inside = out / f"{MANIFEST}.{dead}.abc.tmp"
    beside = tmp_path / f".out.{dead}.abc.tmp"
    single = tmp_path / f".x.jsonl.{dead}.abc.tmp"
    for folder in (inside, beside):
        folder.mkdir()
        (folder / STAGING_MARKER).touch()
        (folder / "half.ann").write_text("T1", encoding="utf-8")
    single.write_text("half", encoding="utf-8")
    assert brat(db, out) == 0
    assert main(["--db", str(db), "export", "--out", str(tmp_path / "x.jsonl")]) == 0
    assert not inside.exists() and not beside.exists() and not single.exists()


def _dead_pid() -> int:
    pid = 4_000_000
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid += 1


# --- 2. no writer replaces the database or its sidecar files -----------------------------------

WRITERS = [
    ["export", "--format", "jsonl", "--out"],
    ["export", "--format", "spacy", "--out"],
    ["export", "--format", "brat", "--out"],
    ["backup"],
]


@pytest.mark.parametrize("suffix", SIDECARS)
@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: "-".join(w[:3]))
def test_no_writer_targets_the_database_or_its_sidecars(
    tmp_path: Path, capsys, writer: list[str], suffix: str
) -> None:
    db = make_db(tmp_path / "e.db")
    before = digest(db)
    target = tmp_path / f"e.db{suffix}"
    assert main(["--db", str(db), *writer, str(target)]) == 1
    assert digest(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.db"]
    assert "database" in capsys.readouterr().err


@pytest.mark.parametrize("writer", WRITERS, ids=lambda w: "-".join(w[:3]))
def test_no_writer_targets_a_hard_link_of_the_database(tmp_path: Path, writer: list[str]) -> None:
    db = make_db(tmp_path / "e.db")
    before = digest(db)
    name = "link.spacy" if "spacy" in writer else "link.jsonl"  # .spacy: the DocBin writer
    os.link(db, tmp_path / name)
    (tmp_path / "sym").symlink_to(db)
    for link in (tmp_path / name, tmp_path / "sym" if "spacy" not in writer else None):
        if link is not None:
            assert main(["--db", str(db), *writer, str(link)]) == 1
    assert digest(db) == before and digest(tmp_path / name) == before


def test_errors_name_the_output_not_a_temporary_file(tmp_path: Path, capsys) -> None:
    db = make_db(tmp_path / "a.db")
    folder = tmp_path / "taken"
    folder.mkdir()
    assert main(["--db", str(db), "export", "--out", str(folder)]) == 1
    err = capsys.readouterr().err
    assert str(folder) in err and ".tmp" not in err
    assert list(folder.iterdir()) == []


# --- 3. article ids cannot lead a writer out of --out ------------------------------------------

HOSTILE_IDS = ["../../../TRAV", "/tmp/x/TRAV", "..", ".", "a/b", "a\\b", "x\0y", "", ".hidden"]


@pytest.mark.parametrize(
    "good", [article_id_for(b"page"), example_article().id, "a1", "half-noisy", "0" * 64]
)
def test_legal_article_ids(good: str) -> None:
    check_article_id(good)


@pytest.mark.parametrize("bad", [*HOSTILE_IDS, "ABC", "a" * 65, "nul", "con", 7, None])
def test_illegal_article_ids(bad: object) -> None:
    with pytest.raises(ValueError, match="article id"):
        check_article_id(bad)


def _hostile_database(path: Path, article_id: str) -> Path:
    make_db(path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        for table in ("spans", "officials", "events", "annotation_sets"):
            conn.execute(f"DELETE FROM {table}")
        conn.execute("DELETE FROM articles WHERE id = ?", (example_article().id,))
        conn.execute("UPDATE articles SET id = ?", (article_id,))
    conn.close()
    return path


@pytest.mark.parametrize("hostile", ["../../../TRAV", "ABS"])
def test_merge_refuses_an_article_id_that_is_a_path(tmp_path: Path, capsys, hostile) -> None:
    hostile = str(tmp_path / "abs" / "TRAV") if hostile == "ABS" else hostile
    source = _hostile_database(tmp_path / "theirs.db", hostile)
    target = make_db(tmp_path / "ours.db")
    assert main(["--db", str(target), "merge", str(source)]) == 1
    assert "article id" in capsys.readouterr().err
    with Store.open(target) as store:
        assert not store.has_article(hostile)


@pytest.mark.parametrize("hostile", ["../../../TRAV", "ABS"])
def test_brat_export_of_a_hostile_database_writes_nothing_outside_out(
    tmp_path: Path, capsys, hostile
) -> None:
    """A database made elsewhere (opened directly with --db) still cannot steer the writer."""
    (tmp_path / "abs").mkdir()
    hostile = str(tmp_path / "abs" / "TRAV") if hostile == "ABS" else hostile
    work = tmp_path / "a" / "b" / "c"
    work.mkdir(parents=True)
    db = _hostile_database(work / "h.db", hostile)
    before = {p for p in tmp_path.rglob("*")}
    assert brat(db, work / "out") == 1
    assert {p for p in tmp_path.rglob("*")} == before
    assert "article id" in capsys.readouterr().err


# --- 4. every annotator gets a folder of their own ---------------------------------------------


def _with_annotators(path: Path, names: list[str]) -> Path:
    make_db(path)
    with Store.open(path) as store:
        for name in names:
            span = Span(example_article().id, name, "PLACE", 11, 15, "乌鲁木齐", id=1)
            store.replace_annotation_set(AnnotationSet(example_article().id, name, spans=(span,)))
    return path


def test_brat_folders_map_annotators_one_to_one(tmp_path: Path, capsys) -> None:
    names = ["x/y", "x_y", "x%2Fy", ".x", "%", "unlabelled", "a:b", "张三"]
    db = _with_annotators(tmp_path / "a.db", names)
    out = tmp_path / "out"
    assert brat(db, out) == 0
    reported = int(capsys.readouterr().err.split("exported ")[1].split()[0])
    pairs = [p for p in out.rglob("*.ann")]
    assert len(pairs) == reported == len(names) + 2  # + alice + the unlabelled plain article
    folders = {p.parent.relative_to(out).as_posix() for p in pairs}
    assert len(folders) == len(names) + 2
    assert {unquote(f) for f in folders} >= set(names) | {"alice"}


def test_brat_refuses_annotators_that_differ_only_in_case(tmp_path: Path, capsys) -> None:
    """`Alice/` and `alice/` are one folder on macOS and Windows disks."""
    db = _with_annotators(tmp_path / "a.db", ["Alice"])
    out = tmp_path / "out"
    assert brat(db, out) == 1
    assert "Alice" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    "args", [["--format", "jsonl"], ["--format", "conll"], ["--format", "boilerplate"]]
)
def test_every_format_refuses_an_illegal_article_id(tmp_path: Path, capsys, args) -> None:
    """Only brat makes file names of ids, but no format carries an id the store would refuse."""
    db = _hostile_database(tmp_path / "h.db", "../../../TRAV")
    out = tmp_path / "out.txt"
    assert main(["--db", str(db), "export", *args, "--out", str(out)]) == 1
    assert "article id" in capsys.readouterr().err
    assert not out.exists()
    docbin = tmp_path / "out.spacy"
    assert main(["--db", str(db), "export", "--format", "spacy", "--out", str(docbin)]) == 1
    assert not docbin.exists()


def test_brat_names_are_checked_again_where_files_are_made() -> None:
    """Defence in depth: the writer's own checks, should a record skip check_record."""
    from annotator.formats.base import InvalidExportError
    from annotator.formats.brat import file_stem

    for hostile in HOSTILE_IDS:
        with pytest.raises(InvalidExportError):
            file_stem({"id": hostile})


@given(st.text(min_size=1, max_size=12))
def test_brat_folder_names_are_plain_and_reversible(name: str) -> None:
    from annotator.formats.brat import folder_name

    folder = folder_name(name)
    assert unquote(folder) == name
    assert not folder.startswith(".") and not any(c in folder for c in '/\\:*?"<>|\0')
    assert folder.casefold() not in ("unlabelled", "annotation.conf")
    assert not folder.endswith((".", " "))


# --- killed or failing part-way --------------------------------------------------------------


def test_an_export_cut_short_while_replacing_leaves_only_files_the_next_one_replaces(
    tmp_path: Path, monkeypatch
) -> None:
    from annotator.formats import owned_folder

    db = make_db(tmp_path / "a.db")
    out = tmp_path / "out"
    assert brat(db, out) == 0  # sub-folders per annotator
    calls = []
    real_replace = os.replace

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 4:  # after the manifest and a couple of files
            raise OSError(5, "Input/output error", str(src))
        return real_replace(src, dst)

    monkeypatch.setattr(owned_folder.os, "replace", failing_replace)
    assert brat(db, out, "--annotator", "alice") == 1
    monkeypatch.setattr(owned_folder.os, "replace", real_replace)
    assert brat(db, out, "--annotator", "alice") == 0  # everything left there was listed as ours
    listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert tree(out) == set(listed) | {MANIFEST}
    assert sorted(listed) == sorted(
        ["annotation.conf"]
        + [f"{a.id}.{x}" for a in (example_article(), plain_article()) for x in ("ann", "txt")]
    )


def test_a_full_disk_is_reported_for_the_output_and_leaves_nothing(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    from annotator.formats import atomic

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    db = make_db(tmp_path / "a.db")
    monkeypatch.setattr(atomic.os, "fsync", full)
    out = tmp_path / "out.jsonl"
    assert main(["--db", str(db), "export", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{out}: No space left on device" in err and ".tmp" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.db"]


def test_a_docbin_export_is_checked_and_counted_like_every_format(tmp_path: Path, capsys) -> None:
    """The DocBin writer skipped the record checks and --body-only and reported `None`."""
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    db = make_db(tmp_path / "a.db")
    for extra in ([], ["--body-only"]):
        out = tmp_path / f"x{len(extra)}.spacy"
        assert (
            main(["--db", str(db), "export", "--format", "spacy", *extra, "--out", str(out)]) == 0
        )
        assert "exported 2 records" in capsys.readouterr().err
    vocab = spacy.blank("xx").vocab
    full, body = (
        list(DocBin().from_bytes((tmp_path / f"x{n}.spacy").read_bytes()).get_docs(vocab))
        for n in (0, 1)
    )
    assert len(body[0].text) < len(full[0].text)  # the boilerplate cut out
