"""The stored links travel: exports write them as relations (doccano `relations`, Label Studio
`relation` results, brat `R` lines and `E` arguments, native JSONL fields), imports of those forms fill them, and
a round trip keeps them where the format can carry the record."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from test_relation_links import (
    ARTICLE,
    EXPECTED,
    TEXT,
    draft_set,
    linked_texts,
    official_links,
)

from annotator.cli import main
from annotator.formats.record import to_record
from annotator.formats.relations import record_relations
from annotator.model import AnnotationSet, Article
from annotator.store import Store


@pytest.fixture
def linked_db(tmp_path: Path) -> Path:
    db = tmp_path / "linked.db"
    with Store.open(db) as store:
        store.add_articles([Article.plain(ARTICLE, TEXT)])
        store.replace_annotation_set(draft_set())
    return db


def fresh_db(tmp_path: Path) -> Path:
    db = tmp_path / "fresh.db"
    with Store.open(db) as store:
        store.add_articles([Article.plain(ARTICLE, TEXT)])
    return db


def export(db: Path, fmt: str, out: Path, *extra: str) -> Path:
    args = ["--db", str(db), "export", "--format", fmt, "--annotator", "alice", *extra]
    assert main([*args, "--out", str(out)]) == 0
    return out


def import_back(db: Path, fmt: str, path: Path, *extra: str) -> AnnotationSet:
    args = ["--db", str(db), "import-labels", "--format", fmt, "--annotator", "a", *extra]
    assert main([*args, str(path)]) == 0
    with Store.open(db, read_only=True) as store:
        return store.get_annotation_set(ARTICLE, "a")


def test_jsonl_round_trip_keeps_every_link(linked_db, tmp_path):
    path = export(linked_db, "jsonl", tmp_path / "out.jsonl")
    assert linked_texts(import_back(fresh_db(tmp_path), "jsonl", path)) == EXPECTED


def test_brat_round_trip_keeps_every_link(linked_db, tmp_path, capsys):
    """Officials' links as R lines; events' as E arguments (tests/test_brat_event_args.py)."""
    folder = export(linked_db, "brat", tmp_path / "brat")
    ann = (folder / f"{ARTICLE}.ann").read_text(encoding="utf-8")
    kinds = sorted(line.split("\t")[1].split(" ")[0] for line in ann.splitlines() if line[0] == "R")
    assert kinds == ["organization", "title", "title"]
    assert "title\tArg1:OFFICIAL, Arg2:TITLE" in (folder / "annotation.conf").read_text("utf-8")
    aset = import_back(fresh_db(tmp_path), "brat", folder)
    assert "left out" not in capsys.readouterr().out
    assert linked_texts(aset) == EXPECTED


@pytest.mark.parametrize(
    ("fmt", "target", "extra", "unit"),
    [
        ("doccano", "rel.jsonl", (), "doccano"),
        ("label-studio", "ls", ("--relations",), "label-studio"),
    ],
)
def test_span_formats_keep_official_links_and_count_event_ones(
    linked_db, tmp_path, capsys, fmt, target, extra, unit
):
    extra = ("--relations", *extra) if fmt == "doccano" else extra
    out = export(linked_db, fmt, tmp_path / target, *extra)
    path = out / "tasks.json" if out.is_dir() else out
    capsys.readouterr()
    aset = import_back(fresh_db(tmp_path), fmt, path)
    assert f"left out 4 {unit} event relations" in capsys.readouterr().out
    assert official_links(aset) == EXPECTED[:3]
    assert aset.events == ()  # an event's type does not travel in these formats


def test_span_format_relations_join_the_officials_already_in_the_set(linked_db, tmp_path):
    """Re-importing an export into the set it came from adds nothing and loses nothing."""
    path = export(linked_db, "doccano", tmp_path / "rel.jsonl", "--relations")
    with Store.open(linked_db, read_only=True) as store:
        before = store.get_annotation_set(ARTICLE, "alice")
    args = ["--db", str(linked_db), "import-labels", "--format", "doccano", "--annotator", "alice"]
    assert main([*args, str(path)]) == 0
    with Store.open(linked_db, read_only=True) as store:
        after = store.get_annotation_set(ARTICLE, "alice")
    assert (after.officials, after.events) == (before.officials, before.events)


def test_stored_links_win_over_what_the_free_text_implies():
    """The official's title text names 省长, its stored link 党委书记: the link is exported."""
    aset = draft_set()
    ma = replace(aset.officials[0], titles=("省长",))
    record = to_record(
        Article.plain(ARTICLE, TEXT), replace(aset, officials=(ma, *aset.officials[1:]))
    )
    titles = [
        TEXT[target[0] : target[1]]
        for source, target, kind in record_relations(record)
        if kind == "title" and TEXT[source[0] : source[1]] == "马兴瑞"
    ]
    assert titles == ["党委书记"]
    unlinked = replace(ma, title_spans=())
    record = to_record(
        Article.plain(ARTICLE, TEXT), replace(aset, officials=(unlinked, *aset.officials[1:]))
    )
    titles = [
        TEXT[target[0] : target[1]]
        for source, target, kind in record_relations(record)
        if kind == "title" and TEXT[source[0] : source[1]] == "马兴瑞"
    ]
    assert titles == ["省长"]  # no stored link: the free text still finds its span


def test_a_relation_to_a_span_of_the_wrong_label_refuses_the_line(tmp_path, capsys):
    start = TEXT.index("马兴瑞")
    place = TEXT.index("乌鲁木齐")
    item = {
        "id": ARTICLE,
        "text": TEXT,
        "entities": [
            {"id": 1, "label": "OFFICIAL", "start_offset": start, "end_offset": start + 3},
            {"id": 2, "label": "PLACE", "start_offset": place, "end_offset": place + 4},
        ],
        "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "title"}],
    }
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(item, ensure_ascii=False) + "\n", encoding="utf-8")
    db = fresh_db(tmp_path)
    args = ["--db", str(db), "import-labels", "--format", "doccano", "--annotator", "a"]
    assert main([*args, str(path)]) == 1
    assert "a PLACE span, not TITLE" in capsys.readouterr().err
    with Store.open(db, read_only=True) as store:
        assert not store.has_annotation_set(ARTICLE, "a")
