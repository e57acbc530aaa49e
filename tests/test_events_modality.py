"""An event's modality: None says it happened; a closed list (model.EVENT_MODALITIES) says what
the sentence tells instead. Stored, checked, exported and imported; old files still import."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from test_formats_example import example_article, example_set

from annotator.cli import main
from annotator.model import EVENT_MODALITIES, Event, EventDraft
from annotator.resources import read_text
from annotator.review.record_disagreements import fingerprint
from annotator.store import Store, StoreError
from annotator.store.validation import content_problems

AID = example_article().id


def _db(path: Path, *, modality: str | None = "planned") -> Path:
    with Store.open(path) as store:
        store.add_articles([example_article()])
        aset = example_set()
        store.replace_annotation_set(
            replace(aset, events=tuple(replace(e, modality=modality) for e in aset.events))
        )
    return path


def test_the_store_keeps_an_events_modality(tmp_path: Path) -> None:
    with Store.open(_db(tmp_path / "a.db")) as store:
        (event,) = store.get_annotation_set(AID, "alice").events
        assert event.modality == "planned"
        saved = store.save_event(replace(event, modality="habitual"))
        assert store.get_annotation_set(AID, "alice").events == (saved,)
        assert saved.modality == "habitual"


def test_an_unknown_modality_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    with Store.open(_db(tmp_path / "a.db")) as store:
        before = store.get_annotation_set(AID, "alice")
        with pytest.raises(
            StoreError, match=r"unknown event modality 'maybe'; expected one of planned"
        ):
            store.save_event(replace(before.events[0], modality="maybe"))
        with pytest.raises(StoreError, match="unknown event modality 'maybe'"):
            store.save_event(Event(AID, "alice", "会见", modality="maybe"))
        with pytest.raises(StoreError, match="unknown event modality"):
            store.edit_records(AID, "alice", "edit", events=[EventDraft("会见", modality="maybe")])
        assert store.get_annotation_set(AID, "alice") == before


def test_a_stored_unknown_modality_is_named_as_damage(tmp_path: Path) -> None:
    path = _db(tmp_path / "a.db")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE events SET modality = 'maybe'")
    conn.close()
    conn = sqlite3.connect(path)
    problems = content_problems(conn)
    conn.close()
    assert any("events" in p and "unknown event modality 'maybe'" in p for p in problems)


def _run(db: Path, *args: str) -> int:
    return main(["--db", str(db), *args])


def test_jsonl_export_carries_modality_and_imports_it_back(tmp_path: Path, capsys) -> None:
    source = _db(tmp_path / "a.db")
    assert _run(source, "export", "--annotator", "alice") == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert [e["modality"] for e in json.loads(line)["events"]] == ["planned"]
    path = tmp_path / "one.jsonl"
    path.write_text(line, encoding="utf-8")
    target = tmp_path / "b.db"
    with Store.open(target) as store:
        store.add_articles([example_article()])
    assert (
        _run(target, "import-labels", "--format", "jsonl", "--annotator", "carol", str(path)) == 0
    )
    with Store.open(target) as store:
        assert [e.modality for e in store.get_annotation_set(AID, "carol").events] == ["planned"]


def test_a_jsonl_line_written_before_modality_still_imports(tmp_path: Path, capsys) -> None:
    assert _run(_db(tmp_path / "a.db", modality=None), "export", "--annotator", "alice") == 0
    record = json.loads(capsys.readouterr().out)
    for event in record["events"]:
        del event["modality"]
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "b.db"
    with Store.open(target) as store:
        store.add_articles([example_article()])
    assert (
        _run(target, "import-labels", "--format", "jsonl", "--annotator", "carol", str(path)) == 0
    )
    with Store.open(target) as store:
        (event,) = store.get_annotation_set(AID, "carol").events
    assert event.modality is None


def test_a_jsonl_line_with_an_unknown_modality_is_rejected(tmp_path: Path, capsys) -> None:
    assert _run(_db(tmp_path / "a.db"), "export", "--annotator", "alice") == 0
    record = json.loads(capsys.readouterr().out)
    record["events"][0]["modality"] = "maybe"
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    target = tmp_path / "b.db"
    with Store.open(target) as store:
        store.add_articles([example_article()])
    _run(target, "import-labels", "--format", "jsonl", "--annotator", "carol", str(path))
    assert "modality: 'maybe' is not one of" in capsys.readouterr().err
    with Store.open(target) as store:
        assert store.get_annotation_set(AID, "carol").events == ()


def test_the_jsonl_schema_lists_the_modalities_of_the_model() -> None:
    schema = json.loads(read_text("jsonl.schema.json"))
    listed = schema["properties"]["events"]["items"]["properties"]["modality"]["enum"]
    assert listed == [None, *EVENT_MODALITIES]


def test_a_draft_without_modality_keeps_the_fingerprint_decisions_stored() -> None:
    """Decisions stored before the field hold fingerprints without it: they must still match."""
    draft = EventDraft("会见", "2024-07-08", None, "北京", ("马兴瑞",), None)
    assert "modality" not in fingerprint(draft)[1]
    assert fingerprint(replace(draft, modality="planned")) != fingerprint(draft)


def test_brat_carries_modality_as_an_attribute_and_reads_it_back(tmp_path: Path, capsys) -> None:
    out = tmp_path / "brat"
    assert _run(_db(tmp_path / "a.db"), "export", "--format", "brat", "--annotator", "alice",
                "--out", str(out)) == 0  # fmt: skip
    ann = (out / f"{AID}.ann").read_text(encoding="utf-8")
    assert any(line.split("\t")[1].startswith("Modality E") and line.endswith(" planned")
               for line in ann.splitlines() if line.startswith("A"))  # fmt: skip
    assert "Modality\tArg:Event" in (out / "annotation.conf").read_text(encoding="utf-8")
    target = tmp_path / "b.db"
    with Store.open(target) as store:
        store.add_articles([example_article()])
    capsys.readouterr()
    assert _run(target, "import-labels", "--format", "brat", "--annotator", "carol", str(out)) == 0
    assert "left out" not in capsys.readouterr().out  # the attribute was used, not dropped
    with Store.open(target) as store:
        assert [e.modality for e in store.get_annotation_set(AID, "carol").events] == ["planned"]


def test_label_studio_relations_carry_modality_as_a_region_choice(tmp_path: Path) -> None:
    out = tmp_path / "ls"
    assert _run(_db(tmp_path / "a.db"), "export", "--format", "label-studio", "--relations",
                "--annotator", "alice", "--out", str(out)) == 0  # fmt: skip
    (task,) = json.loads((out / "tasks.json").read_text(encoding="utf-8"))
    results = task["annotations"][0]["result"]
    (choice,) = [r for r in results if r["type"] == "choices"]
    region = next(r for r in results if r["type"] == "labels" and r["id"] == choice["id"])
    assert choice["value"]["choices"] == ["planned"]
    assert region["value"]["text"] == choice["value"]["text"] == "座谈会"  # the evidence span
    config = (out / "config.xml").read_text(encoding="utf-8")
    assert all(f'<Choice value="{m}"/>' in config for m in EVENT_MODALITIES)


def test_an_event_with_a_modality_is_no_event_that_happened_to_agreement_or_evaluate(
    tmp_path: Path, capsys
) -> None:
    from annotator.review.records import event_keys
    from annotator.suggest.evaluate import Report, read_gold

    happened = example_set()
    planned = replace(
        happened, events=tuple(replace(e, modality="planned") for e in happened.events)
    )
    assert event_keys(planned) == ()
    assert event_keys(happened) == (("座谈会/会议", "2024-07-08", "乌鲁木齐"),)
    assert _run(_db(tmp_path / "a.db"), "export", "--annotator", "alice") == 0
    gold_file = tmp_path / "gold.jsonl"
    gold_file.write_text(capsys.readouterr().out, encoding="utf-8")
    (gold,) = read_gold(gold_file)
    assert gold.events == ()  # the gold's planned meeting is nothing a suggestion must find
    report = Report()
    report.add(gold, planned)
    assert report.events.support_a == report.events.support_b == 0


def test_a_planned_visit_dates_no_sighting_in_the_register_and_says_it_was_planned() -> None:
    from annotator.model import Official
    from annotator.register import ArticleRecords
    from annotator.register.sightings import read_article

    official = Official("a", "x", "马兴瑞", ("自治区党委书记",), None, (), 1)
    visited = Event("a", "x", "访问", "2024-05-06", participants=(1,))
    planned = Event("a", "x", "访问", "2024-01-01", participants=(1,), modality="planned")
    records = ArticleRecords("a", "标题", None, "x", (official,), (planned, visited))
    (sighting,), _flags = read_article(records)
    assert sighting.date == "2024-05-06"  # the day he was seen, not the day of the plan
    assert [e.get("modality") for e in sighting.events] == ["planned", None]
