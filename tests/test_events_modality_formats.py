"""An event's modality in the span formats that hold no event records: doccano (a key of the
line, which doccano keeps as the example's metadata), spaCy/Prodigy JSONL (`meta`) and the spaCy
DocBin (`Doc.user_data`). Our importers of these formats make no events, so the modalities they
read are counted as left out, never dropped unseen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_events_modality import AID, _db, _run
from test_formats_example import TEXT, example_article

from annotator.store import Store

# the example event (a 座谈会 in 乌鲁木齐) and its evidence span 座谈会
EVIDENCE = TEXT.index("座谈会"), TEXT.index("座谈会") + 3


def exported(db: Path, out: Path, *args: str) -> list[dict]:
    assert _run(db, "export", "--annotator", "alice", *args, "--out", str(out)) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def line_of(items: list[dict]) -> dict:
    (item,) = [i for i in items if i["text"] == TEXT]
    return item


@pytest.mark.parametrize("relations", [(), ("--relations",)])
def test_doccano_writes_each_events_modality_on_its_evidence_span(
    tmp_path: Path, relations: tuple[str, ...]
) -> None:
    planned = exported(_db(tmp_path / "a.db"), tmp_path / "a.jsonl", "--format", "doccano",
                       *relations)  # fmt: skip
    assert line_of(planned)["event_modality"] == [
        {"start_offset": EVIDENCE[0], "end_offset": EVIDENCE[1], "type": "座谈会/会议",
         "modality": "planned"}
    ]  # fmt: skip
    happened = exported(_db(tmp_path / "b.db", modality=None), tmp_path / "b.jsonl",
                        "--format", "doccano", *relations)  # fmt: skip
    assert "event_modality" not in line_of(happened)  # it happened: nothing to say


def test_spacy_jsonl_writes_each_events_modality_in_its_meta(tmp_path: Path) -> None:
    items = exported(_db(tmp_path / "a.db"), tmp_path / "a.jsonl", "--format", "spacy")
    assert line_of(items)["meta"] == {
        "id": AID,
        "event_modality": [
            {"start": EVIDENCE[0], "end": EVIDENCE[1], "type": "座谈会/会议", "modality": "planned"}
        ],
    }


@pytest.mark.parametrize(
    ("fmt", "kind"), [("doccano", "doccano event modality tag"), ("spacy", "spacy event modality tag")]
)
def test_an_imported_modality_is_counted_as_left_out(
    tmp_path: Path, capsys, fmt: str, kind: str
) -> None:
    path = tmp_path / "a.jsonl"
    exported(_db(tmp_path / "a.db"), path, "--format", fmt)
    target = tmp_path / "b.db"
    with Store.open(target) as store:
        store.add_articles([example_article()])
    capsys.readouterr()
    assert _run(target, "import-labels", "--format", fmt, "--annotator", "carol", str(path)) == 0
    assert f"left out 1 {kind}" in capsys.readouterr().out
    with Store.open(target) as store:  # the spans came in; no event to hold the modality
        aset = store.get_annotation_set(AID, "carol")
        assert aset.spans and not aset.events


def test_a_doccano_modality_of_another_shape_is_refused(tmp_path: Path, capsys) -> None:
    path = tmp_path / "a.jsonl"
    (item,) = [line_of(exported(_db(tmp_path / "a.db"), path, "--format", "doccano"))]
    item["event_modality"] = [{"start_offset": 0, "end_offset": 3, "modality": "maybe"}]
    path.write_text(json.dumps(item, ensure_ascii=False) + "\n", encoding="utf-8")
    target = tmp_path / "b.db"
    with Store.open(target) as store:
        store.add_articles([example_article()])
    assert _run(target, "import-labels", "--format", "doccano", "--annotator", "carol", str(path))
    assert "maybe" in capsys.readouterr().err
    with Store.open(target) as store:
        assert not store.get_annotation_set(AID, "carol").spans


def test_spacys_own_docbin_loader_reads_the_modality_from_user_data(tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    out = tmp_path / "a.spacy"
    assert _run(_db(tmp_path / "a.db"), "export", "--format", "spacy", "--annotator", "alice",
                "--out", str(out)) == 0  # fmt: skip
    (doc,) = [d for d in DocBin().from_disk(out).get_docs(spacy.blank("zh").vocab)
              if d.text == TEXT]  # fmt: skip
    (modality,) = doc.user_data["event_modality"]
    assert modality == {
        "start": EVIDENCE[0], "end": EVIDENCE[1], "type": "座谈会/会议", "modality": "planned"
    }  # fmt: skip
    assert doc.char_span(modality["start"], modality["end"]).text == "座谈会"
