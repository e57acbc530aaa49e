"""Notes and unsure flags travel in native JSONL (export -> import -> export is the identity),
files without them still import, and no import or team merge drops a person's comment."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from annotator.formats.jsonl import JsonlFormat
from annotator.formats.pipeline import write_export
from annotator.formats.service import export_records, import_labels
from annotator.model import NOTE_MAX_CHARS, Article
from annotator.resources import read_text
from annotator.review.merge import merge_database
from annotator.store import Store

TEXT = "自治区党委书记马兴瑞在乌鲁木齐会见楼阳生。\n责编:张悦鑫"
AID = "a" * 16


def fresh(path: Path) -> Store:
    store = Store.open(path)
    store.add_articles([Article.plain(AID, TEXT)])
    return store


def labelled(path: Path) -> Store:
    """alice's set with a note and flag on the article, an entity span and a region span."""
    store = fresh(path)
    official = store.add_span(AID, "alice", "OFFICIAL", 7, 10)
    region = store.add_span(AID, "alice", "boilerplate/meta", 22, 28)
    store.add_span(AID, "alice", "PLACE", 11, 15)
    store.set_span_flags(official.id, note="马兴瑞: 全名", unsure=True)
    store.set_span_flags(region.id, unsure=True)
    store.set_article_flags(AID, "alice", note="第二段是编辑信息\n请复核", unsure=True)
    return store


def export(store: Store, annotator: str = "alice") -> str:
    out = io.StringIO()
    write_export(export_records(store, annotator), JsonlFormat(), out)
    return out.getvalue()


def test_jsonl_round_trip_keeps_notes_and_flags(tmp_path: Path) -> None:
    with labelled(tmp_path / "a.db") as source:
        first = export(source)
    record = json.loads(first)
    assert (record["note"], record["unsure"]) == ("第二段是编辑信息\n请复核", True)
    official, place = record["spans"]
    assert (official["note"], official["unsure"]) == ("马兴瑞: 全名", True)
    assert "note" not in place and "unsure" not in place  # only when set: old readers unchanged
    assert record["boilerplate"][0]["unsure"] is True
    with fresh(tmp_path / "b.db") as target:
        report = import_labels(target, JsonlFormat(), io.StringIO(first), "alice")
        assert report.refused == ()
        assert export(target) == first


def test_a_file_from_before_notes_imports_and_replace_keeps_notes(tmp_path: Path) -> None:
    with labelled(tmp_path / "a.db") as store:
        record = json.loads(export(store))
        for item in [record, *record["spans"], *record["boilerplate"]]:
            item.pop("note", None)
            item.pop("unsure", None)
        old_line = json.dumps(record, ensure_ascii=False)
        report = import_labels(store, JsonlFormat(), io.StringIO(old_line), "alice", replace=True)
        assert report.refused == ()
        aset = store.get_annotation_set(AID, "alice")
        assert (aset.note, aset.unsure) == ("第二段是编辑信息\n请复核", True)
        assert {s.label: s.note for s in aset.spans}["OFFICIAL"] == "马兴瑞: 全名"


def test_merging_a_line_adds_its_notes_to_the_set(tmp_path: Path) -> None:
    with labelled(tmp_path / "a.db") as source:
        line = export(source)
    with fresh(tmp_path / "b.db") as target:
        target.add_span(AID, "alice", "OFFICIAL", 7, 10)  # same labels, no notes
        target.add_span(AID, "alice", "PLACE", 11, 15)
        target.add_span(AID, "alice", "boilerplate/meta", 22, 28)
        target.set_article_flags(AID, "alice", note="我的备注")
        report = import_labels(target, JsonlFormat(), io.StringIO(line), "alice")
        assert report.articles[0].written
        aset = target.get_annotation_set(AID, "alice")
        assert aset.note == "我的备注\n第二段是编辑信息\n请复核"  # both, neither lost
        assert aset.unsure
        assert {s.label: s.unsure for s in aset.spans}["OFFICIAL"]


def test_bad_notes_in_a_file_reject_the_line(tmp_path: Path) -> None:
    with labelled(tmp_path / "a.db") as store:
        record = json.loads(export(store))
    record["spans"][0]["note"] = "x" * (NOTE_MAX_CHARS + 1)
    with fresh(tmp_path / "b.db") as target:
        report = import_labels(target, JsonlFormat(), io.StringIO(json.dumps(record)), "alice")
        assert len(report.refused) == 1
        assert not target.has_annotation_set(AID, "alice")


def test_schema_note_limit_is_the_stores() -> None:
    schema = json.loads(read_text("jsonl.schema.json"))
    assert schema["$defs"]["note"]["maxLength"] == NOTE_MAX_CHARS


def test_team_merge_takes_a_set_changed_only_by_a_note(tmp_path: Path) -> None:
    with labelled(tmp_path / "a.db") as source, fresh(tmp_path / "lead.db") as lead:
        merge_database(lead, source)
        source.set_article_flags(AID, "alice", note="后来补充的备注")
        report = merge_database(lead, source)
        assert report.sets_unchanged == 0
        assert lead.get_annotation_set(AID, "alice").note == "后来补充的备注"


@pytest.mark.parametrize("body_only", [False, True])
def test_every_jsonl_export_validates_with_notes(tmp_path: Path, body_only: bool) -> None:
    with labelled(tmp_path / "a.db") as store:
        out = io.StringIO()
        write_export(export_records(store, "alice"), JsonlFormat(), out, body_only=body_only)
    assert json.loads(out.getvalue())["note"]
