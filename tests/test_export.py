"""`annotator export` over a real database: which sets, which options, atomic --out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_formats_example import example_article, example_set, plain_article

from annotator.cli import main
from annotator.model import AUTO, AnnotationSet, Span
from annotator.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "labels.db"
    with Store.open(path) as store:
        store.add_articles([example_article(), plain_article()])
        store.replace_annotation_set(example_set())
        span = Span(example_article().id, AUTO, "PLACE", 11, 15, "乌鲁木齐", id=1)
        store.replace_annotation_set(AnnotationSet(example_article().id, AUTO, spans=(span,)))
    return path


def export(db: Path, capsys, *args: str) -> list[dict]:
    assert main(["--db", str(db), "export", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_with_an_annotator_every_article_once(db: Path, capsys) -> None:
    records = export(db, capsys, "--annotator", "alice")
    assert [(r["id"], r["annotator"], r["status"]) for r in records] == [
        (example_article().id, "alice", "done"),
        (plain_article().id, "alice", "todo"),
    ]
    assert len(records[0]["spans"]) == 6 and records[1]["spans"] == []


def test_without_an_annotator_every_human_set_and_unlabelled_articles_once(
    db: Path, capsys
) -> None:
    records = export(db, capsys)
    assert [(r["id"], r["annotator"]) for r in records] == [
        (example_article().id, "alice"),  # not `auto`: suggestions are not labels
        (plain_article().id, None),
    ]


def test_gold_annotator(db: Path, capsys) -> None:
    with Store.open(db) as store:
        store.set_status(plain_article().id, "gold", "done")
    records = export(db, capsys, "--annotator", "gold")
    assert [(r["annotator"], r["status"]) for r in records] == [("gold", "todo"), ("gold", "done")]


@pytest.mark.parametrize("name", ["alcie", "gold"])
def test_an_annotator_with_no_set_at_all_is_refused(db: Path, capsys, name: str) -> None:
    """A typo (or gold before any adjudication) would export every article unlabelled."""
    out = db.parent / "out.jsonl"
    assert main(["--db", str(db), "export", "--annotator", name, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"no annotation set of {name!r}" in err and "alice" in err
    assert not out.exists()


def test_an_export_to_a_file_says_how_many_records_went_where(db: Path, capsys) -> None:
    out = db.parent / "out.jsonl"
    assert main(["--db", str(db), "export", "--annotator", "alice", "--out", str(out)]) == 0
    assert f"exported 2 records to {out}" in capsys.readouterr().err


def test_original_and_body_only(db: Path, capsys) -> None:
    (record, _) = export(db, capsys, "--annotator", "alice", "--original", "--body-only")
    assert record["meta"]["body_only"] is True
    assert not record["text"].startswith("分享到")
    assert {s["id"] for s in record["original"]["spans"]} == {s["id"] for s in record["spans"]}


def test_out_is_written_whole(db: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "labels.jsonl"
    out.write_text("old\n", encoding="utf-8")
    assert main(["--db", str(db), "export", "--annotator", "alice", "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["labels.db", "labels.jsonl"]


def test_brat_folder(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    assert main(["--db", str(db), "export", "--format", "brat", "--out", str(out)]) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.*")) == [
        ".annotator-export",  # the manifest: what a later export may replace
        "alice/e5a1c0ffee000001.ann",
        "alice/e5a1c0ffee000001.txt",
        "annotation.conf",
        "unlabelled/b0b0b0b0b0b0b0b0.ann",
        "unlabelled/b0b0b0b0b0b0b0b0.txt",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "doccano", "--original"], "--original is only for --format jsonl"),
        (["--format", "boilerplate", "--body-only"], "--body-only would cut out everything"),
        (["--format", "brat"], "brat writes a folder"),
    ],
)
def test_impossible_options_are_refused(db: Path, capsys, args: list, message: str) -> None:
    assert main(["--db", str(db), "export", *args]) == 2
    assert message in capsys.readouterr().err


def test_corrupt_span_stops_the_export_and_leaves_out_untouched(
    db: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    import annotator.formats.service as service

    def tampered(*args, **kwargs):
        for article, _ in real(*args, **kwargs):
            bad = Span(article.id, "alice", "ORG", 0, 2, "错了", id=1)
            yield article, AnnotationSet(article.id, "alice", spans=(bad,))

    real = service.export_sets
    monkeypatch.setattr(service, "export_sets", tampered)
    out = tmp_path / "labels.jsonl"
    assert main(["--db", str(db), "export", "--annotator", "alice", "--out", str(out)]) == 1
    assert "does not match" in capsys.readouterr().err
    assert not out.exists()


def test_spacy_docbin_carries_every_span(db: Path, tmp_path: Path, capsys) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    from annotator.formats.record import labelled_spans

    records = {r["id"]: r for r in export(db, capsys, "--annotator", "alice")}
    out = tmp_path / "train.spacy"
    assert (
        main(
            [
                "--db",
                str(db),
                "export",
                "--annotator",
                "alice",
                "--format",
                "spacy",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("xx").vocab))
    assert sorted(doc.user_data["id"] for doc in docs) == sorted(records)
    for doc in docs:
        record = records[doc.user_data["id"]]
        assert doc.text == record["text"]
        # entities in `sc`, boilerplate regions in a group of their own (issue 12)
        groups = [*doc.spans["sc"], *doc.spans["boilerplate"]]
        spans = sorted((s.start_char, s.end_char, s.label_) for s in groups)
        assert spans == sorted(labelled_spans(record))


def test_spacy_docbin_without_spacy_is_refused_cleanly(
    db: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    import annotator.formats.spacy_jsonl as spacy_jsonl

    monkeypatch.setattr(spacy_jsonl, "spacy_available", lambda: False)
    out = tmp_path / "train.spacy"
    assert main(["--db", str(db), "export", "--format", "spacy", "--out", str(out)]) == 1
    assert "needs spaCy installed" in capsys.readouterr().err
    assert not out.exists()


def test_export_into_a_missing_folder_names_the_folder(db: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "missing" / "labels.jsonl"
    assert main(["--db", str(db), "export", "--out", str(out)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"annotator: {out.parent}: no such folder to write into"
    )
