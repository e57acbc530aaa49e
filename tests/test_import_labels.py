"""`annotator import-labels`: round trips through every importable format, and bad lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_formats_example import PLAIN, example_article, example_set, plain_article

from annotator.cli import main
from annotator.formats.registry import READERS, WRITERS
from annotator.store import Store


def new_db(path: Path, labelled: bool) -> Path:
    with Store.open(path) as store:
        store.add_articles([example_article(), plain_article()])
        if labelled:
            store.replace_annotation_set(example_set())
    return path


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), *args])


@pytest.mark.parametrize("name", sorted(READERS))
def test_export_import_export_is_identical(name: str, tmp_path: Path, capsys) -> None:
    source, target = new_db(tmp_path / "a.db", True), new_db(tmp_path / "b.db", False)
    first, second = tmp_path / f"first-{name}.out", tmp_path / f"second-{name}.out"
    assert run(source, "export", "--format", name, "--annotator", "alice", "--out", str(first)) == 0
    assert run(target, "import-labels", "--format", name, "--annotator", "alice", str(first)) == 0
    unit, aset = READERS[name].unit, example_set()
    spans = len(aset.spans)  # the plain article's line carries none
    records = len(aset.officials) + len(aset.events) if READERS[name].holds_records else 0
    records_note = f", records (officials, events) +{records} -0" if records else ""
    assert capsys.readouterr().out.strip() == (
        f"imported 2 articles (+{spans} spans, -0, 0 kept), rejected 0 {unit}s{records_note};"
        f" 1 {unit} carried no labels"
    )
    assert (
        run(target, "export", "--format", name, "--annotator", "alice", "--out", str(second)) == 0
    )
    assert second.read_bytes() == first.read_bytes()


def test_import_keeps_records_and_matches_by_text(tmp_path: Path, capsys) -> None:
    source, target = new_db(tmp_path / "a.db", True), new_db(tmp_path / "b.db", False)
    assert run(source, "export", "--annotator", "alice") == 0
    record = json.loads(capsys.readouterr().out.splitlines()[0])
    record["id"] = "0000000000000000"  # unknown id: found by its text
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert run(target, "import-labels", "--format", "jsonl", "--annotator", "carol", str(path)) == 0
    with Store.open(target) as store:
        aset = store.get_annotation_set(example_article().id, "carol")
    assert aset.status == "done"
    (official,) = aset.officials
    assert [s.text for s in aset.spans if s.id in official.mentions] == ["马兴瑞"]
    (event,) = aset.events
    assert event.participants == (official.id,)
    assert aset.span_by_id()[event.evidence].text == "座谈会"


def _doccano(text: str, spans: list, article_id: str | None = None) -> str:
    item = {"text": text, "label": spans}
    if article_id:
        item["id"] = article_id
    return json.dumps(item, ensure_ascii=False)


def test_bad_lines_are_rejected_and_the_rest_imported(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "b.db", False)
    text = example_article().text
    lines = [
        _doccano(PLAIN, [[0, 3, "PLACE"]]),  # good, matched by text
        _doccano("没有这篇文章", [[0, 2, "PLACE"]]),  # unknown article
        _doccano(text, [[7, 10, "PERSON"]], example_article().id),  # unknown label
        _doccano(text, [[7, 999, "OFFICIAL"]], example_article().id),  # impossible offsets
        "not json at all",
        _doccano(PLAIN, [[0, 3, "ORG"]]),  # second line for the same article
        json.dumps({"text": PLAIN, "label": "PLACE"}),  # wrong type
        _doccano("改过的文本", [], example_article().id),  # id known, text differs
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run(db, "import-labels", "--format", "doccano", "--annotator", "dan", str(path)) == 1
    captured = capsys.readouterr()
    assert captured.out.strip() == "imported 1 article (+1 spans, -0, 0 kept), rejected 7 lines"
    errors = captured.err.splitlines()
    expected = [
        (2, "unknown article"),
        (4, "outside the text"),
        (5, "not JSON"),
        (6, "already imported from line 1"),
        (7, "is not of type 'array'"),
        (8, "text differs from stored article"),
    ]
    assert len(errors) == len(expected) + 1
    for error, (line, reason) in zip(errors, expected, strict=False):
        assert f"line {line}: " in error and reason in error, error
    # unknown labels come last, once per label over the whole file (issue 12)
    assert "unknown label 'PERSON': 1 span on 1 line (line 3)" in errors[-1]
    with Store.open(db) as store:
        (span,) = store.get_annotation_set(plain_article().id, "dan").spans
        assert (span.label, span.text) == ("PLACE", "天津市")
        assert not store.has_annotation_set(example_article().id, "dan")


def test_span_text_mismatch_is_rejected(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "b.db", False)
    item = {"text": PLAIN, "spans": [{"start": 0, "end": 3, "label": "PLACE", "text": "北京市"}]}
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
    assert run(db, "import-labels", "--format", "spacy", "--annotator", "dan", str(path)) == 1
    assert "line 1: span 1 (PLACE): span text '北京市' does not match" in capsys.readouterr().err


def test_annotator_and_readable_file_are_required(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "b.db", False)
    assert run(db, "import-labels", "--format", "jsonl", str(tmp_path / "x.jsonl")) == 2
    assert "--annotator" in capsys.readouterr().err
    assert (
        run(db, "import-labels", "--format", "jsonl", "--annotator", "a", str(tmp_path / "none"))
        == 2
    )
    assert "cannot read" in capsys.readouterr().err


def test_only_some_formats_import() -> None:
    assert set(READERS) == {"jsonl", "doccano", "spacy", "label-studio"}
    assert set(READERS) < set(WRITERS)
