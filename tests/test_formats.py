"""Formats without a database: golden files, checks, body-only, readers' bad input, properties."""

from __future__ import annotations

import copy
import io
import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_formats_example import RAW, TEXT, example_article, example_set

from annotator.formats.atomic import atomic_file
from annotator.formats.base import InvalidExportError, LabelledText, RefusedLine
from annotator.formats.body_only import body_only, cut_ranges
from annotator.formats.brat import standoff, verify_standoff
from annotator.formats.conll import read_bio
from annotator.formats.owned_folder import MANIFEST, export_folder
from annotator.formats.pipeline import write_brat, write_export
from annotator.formats.record import from_record, labelled_spans, to_record
from annotator.formats.registry import READERS, WRITERS, reader_for, writer_for
from annotator.formats.validate import check_record, fast_validator, record_validator
from annotator.model import AnnotationSet, Article, OffsetMap, Span
from annotator.resources import default_schema

GOLDEN = Path(__file__).parent / "data" / "formats"


def example_record(original: bool = False) -> dict:
    return to_record(example_article(), example_set(), original=original)


def export_text(name: str, records: list[dict], **options: bool) -> str:
    out = io.StringIO()
    write_export(records, writer_for(name), out, **options)
    return out.getvalue()


def read_all(name: str, content: str) -> list[LabelledText | RefusedLine]:
    return list(reader_for(name).read(io.StringIO(content)))


# --- golden files -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_export_matches_golden_file(name: str) -> None:
    golden = GOLDEN / f"example.{name}{WRITERS[name].extension}"
    record = example_record(original=name == "jsonl")
    assert export_text(name, [record]) == golden.read_text(encoding="utf-8")


def test_body_only_export_matches_golden_file() -> None:
    golden = GOLDEN / "example.body-only.jsonl"
    assert export_text("jsonl", [example_record()], body_only=True) == golden.read_text("utf-8")


def test_brat_export_matches_golden_folder(tmp_path: Path) -> None:
    write_brat([example_record()], tmp_path, default_schema(), by_annotator=False)
    for golden in (GOLDEN / "example.brat").iterdir():
        assert (tmp_path / golden.name).read_bytes() == golden.read_bytes(), golden.name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (GOLDEN / "example.brat").iterdir()
    )


# --- the record -------------------------------------------------------------------------------


def test_record_is_schema_valid_and_spans_slice_the_text() -> None:
    record = example_record(original=True)
    check_record(record)
    for span in record["spans"]:
        assert TEXT[span["start"] : span["end"]] == span["text"]


def test_original_spans_land_on_the_same_characters_of_the_raw_text() -> None:
    record = example_record(original=True)
    by_id = {s["id"]: s for s in record["spans"]}
    for span in record["original"]["spans"]:
        raw = RAW[span["start"] : span["end"]].replace("(mǎ)", "")
        assert raw == by_id[span["id"]]["text"]


def test_span_ids_do_not_depend_on_database_ids() -> None:
    aset = example_set()
    renumbered = AnnotationSet(
        aset.article_id,
        aset.annotator,
        aset.status,
        spans=tuple(
            Span(s.article_id, s.annotator, s.label, s.start, s.end, s.text, id=900 - s.id)
            for s in reversed(aset.spans)
        ),
    )
    plain = AnnotationSet(aset.article_id, aset.annotator, aset.status, spans=aset.spans)
    article = example_article()
    assert to_record(article, renumbered) == to_record(article, plain)


def test_export_refuses_a_stored_span_whose_text_does_not_match() -> None:
    aset = example_set()
    bad = Span(aset.article_id, "alice", "ORG", 0, 3, "不对的", id=1)
    with pytest.raises(InvalidExportError, match="does not match"):
        to_record(example_article(), AnnotationSet(aset.article_id, "alice", spans=(bad,)))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r.update(status="finished"), "status"),
        (lambda r: r["spans"][0].update(start="7"), "start"),
        (lambda r: r["spans"][0].update(text="王"), "does not match"),
        (lambda r: r["spans"][0].update(end=10_000), "outside"),
        (lambda r: r["meta"].update(published="July 8"), "published"),
        (lambda r: r.pop("officials"), "officials"),
        (lambda r: r["spans"][0].update(label="boilerplate/share"), "label"),
    ],
)
def test_check_record_names_what_is_wrong(mutate, message: str) -> None:
    record = example_record()
    mutate(record)
    with pytest.raises(InvalidExportError, match=message):
        check_record(record)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.text(max_size=3),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=6), inner, max_size=2)
    ),
    max_leaves=4,
)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_fast_and_reference_schema_validators_agree(data) -> None:
    """Exports trust jsonschema-rs's yes/no; it must say what the reference `jsonschema` says,
    on valid records and on records with one field replaced by any JSON value."""
    record = example_record()
    paths = [
        ("status",),
        ("annotator",),
        ("meta", "published"),
        ("meta", "damage"),
        ("spans", 0, "start"),
        ("spans", 0, "label"),
        ("officials", 0, "mentions"),
        ("events",),
        ("boilerplate",),
        ("id",),
    ]
    *parents, leaf = data.draw(st.sampled_from(paths))
    target = record
    for key in parents:
        target = target[key]
    if isinstance(target, dict) or (isinstance(target, list) and leaf < len(target)):
        target[leaf] = data.draw(_JSON_VALUES)
    assert fast_validator().is_valid(record) == record_validator().is_valid(record)


# --- body only --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "regions", "cuts"),
    [
        ("nav\nbody", [(0, 3)], [(0, 4)]),  # a whole line takes its line break
        ("nav\r\nbody", [(0, 3)], [(0, 5)]),
        ("body nav\nx", [(5, 8)], [(5, 8)]),  # not at a line start: the line break stays
        ("abcdef", [(0, 2), (1, 4)], [(0, 4)]),  # overlapping regions merge
        ("ab\ncd", [(0, 2), (3, 5)], [(0, 5)]),  # touching cuts merge
    ],
)
def test_cut_ranges(text: str, regions: list, cuts: list) -> None:
    assert cut_ranges(text, regions) == cuts


def test_body_only_drops_spans_touching_a_cut_and_their_references() -> None:
    record = example_record()
    record["boilerplate"].append({"start": 7, "end": 10, "kind": "caption"})  # over 马兴瑞
    cut = body_only(record)
    assert [s["text"] for s in cut["spans"]] == [
        "乌鲁木齐",
        "座谈会",
        "𠀀e\u0301",
        "自治区\n党委书记",
    ]
    assert cut["officials"][0]["mentions"] == []
    assert cut["events"][0]["evidence"] is not None  # 座谈会 is kept
    check_record(cut)


def test_body_only_clips_damage() -> None:
    record = example_record()
    record["meta"]["damage"] = [[4, 9]]  # half in the share region (0..6 + line break)
    assert body_only(record)["meta"]["damage"] == [[0, 2]]


# --- every writer re-reads what it wrote -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "tamper"),
    [
        ("jsonl", lambda c: c.replace('"start":11', '"start":12')),
        ("doccano", lambda c: c.replace("[11,15,", "[12,15,")),
        ("spacy", lambda c: c.replace('"start":11', '"start":12')),
        ("label-studio", lambda c: c.replace('"text": "乌鲁木齐"', '"text": "乌鲁木"')),
        ("conll", lambda c: c.replace("鲁 I-PLACE", "鲁 O")),
        ("boilerplate", lambda c: c.replace('"text":"自治区"', '"text":"自治"')),
    ],
)
def test_verify_catches_a_chunk_that_does_not_read_back(name: str, tamper) -> None:
    record = example_record()
    writer = writer_for(name)
    chunk = writer.format_record(record)
    writer.verify(chunk, record)
    tampered = tamper(chunk)
    assert tampered != chunk
    with pytest.raises(InvalidExportError):
        writer.verify(tampered, record)


def test_brat_verify_catches_moved_fragment() -> None:
    record = example_record()
    ann = standoff(record)
    verify_standoff(TEXT, ann, record)
    with pytest.raises(InvalidExportError, match="slice"):
        verify_standoff(TEXT, ann.replace("PLACE 11 15", "PLACE 12 16"), record)


def test_conll_reader_rejects_orphan_inside_tag() -> None:
    with pytest.raises(ValueError, match="does not continue"):
        read_bio("马 O\n兴 I-OFFICIAL\n")


# --- readers: round trip and bad input --------------------------------------------------------


@pytest.mark.parametrize("name", sorted(READERS))
def test_reader_gets_back_every_span(name: str) -> None:
    record = example_record()
    (item,) = read_all(name, export_text(name, [record]))
    assert isinstance(item, LabelledText)
    assert item.article_id == record["id"] and item.text == record["text"]
    assert sorted((s.start, s.end, s.label) for s in item.spans) == labelled_spans(record)


def test_jsonl_reader_keeps_records_and_status() -> None:
    record = example_record()
    (item,) = read_all("jsonl", export_text("jsonl", [record]))
    aset = item.to_set(record["id"], "alice", status="todo")
    assert aset.status == "done"
    assert to_record(example_article(), aset) == record


def _doccano(text: str, spans: list) -> str:
    return json.dumps({"text": text, "label": spans}, ensure_ascii=False)


BAD_LINES = [
    ("jsonl", "{not json", "not JSON"),
    ("jsonl", json.dumps({"id": "x"}), "required"),
    ("doccano", _doccano("马兴瑞", [[0, 9, "OFFICIAL"]]), "outside the text"),
    ("doccano", _doccano("马兴瑞", [[2, 1, "OFFICIAL"]]), "outside the text"),
    ("doccano", _doccano("马兴瑞", [["0", 3, "OFFICIAL"]]), "is not of type 'integer'"),
    ("doccano", json.dumps({"text": 5, "label": []}), "text: 5 is not of type 'string'"),
    ("doccano", "[1, 2]", "is not of type 'object'"),
    ("spacy", json.dumps({"text": "马兴瑞", "spans": [{"start": 0, "end": 2}]}), "'label'"),
    (
        "spacy",
        json.dumps(
            {"text": "马兴瑞", "spans": [{"start": 0, "end": 2, "label": "O", "text": "兴瑞"}]}
        ),
        "does not match",
    ),
]


@pytest.mark.parametrize(("name", "line", "reason"), BAD_LINES)
def test_bad_line_is_rejected_with_its_number_and_reason(name: str, line: str, reason: str) -> None:
    good = _doccano("好", []) if name == "doccano" else export_text(name, [example_record()])
    items = read_all(name, good.strip() + "\n\n" + line + "\n")
    assert isinstance(items[0], LabelledText)
    (rejection,) = [i for i in items if isinstance(i, RefusedLine)]
    assert rejection.line == 3
    assert reason in rejection.reason


def test_jsonl_reader_rejects_a_span_text_mismatch() -> None:
    record = example_record()
    record["spans"][0]["text"] = "王"
    (rejection,) = read_all("jsonl", json.dumps(record, ensure_ascii=False))
    assert "does not match" in rejection.reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [("{", "not JSON"), ('{"data": 1}', "list of tasks"), ('[{"data": {}}]', "'text'")],
)
def test_label_studio_bad_files(content: str, reason: str) -> None:
    (rejection,) = read_all("label-studio", content)
    assert reason in rejection.reason


def test_jsonl_reader_rejects_dangling_references() -> None:
    record = example_record()
    record["officials"][0]["mentions"] = [99]
    with pytest.raises(ValueError, match="unknown span ids"):
        from_record(record, 1)
    record = example_record()
    record["events"][0]["participants"] = ["陈敏尔"]
    with pytest.raises(ValueError, match="not officials"):
        from_record(record, 1)


# --- atomic writing ---------------------------------------------------------------------------


def test_atomic_file_leaves_the_old_file_on_error(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_file(target) as out:
        out.write("half")
        raise RuntimeError
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
    with atomic_file(target) as out:
        out.write("new\r\n")
    assert target.read_bytes() == b"new\r\n"


def test_export_folder_replaces_its_own_files_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "brat"
    with export_folder(target) as folder:
        (folder / "stale.ann").write_text("x", encoding="utf-8")
    with pytest.raises(RuntimeError), export_folder(target) as folder:
        (folder / "a.txt").write_text("half", encoding="utf-8")
        raise RuntimeError
    assert sorted(p.name for p in target.iterdir()) == [MANIFEST, "stale.ann"]
    with export_folder(target) as folder:
        (folder / "sub").mkdir()
        (folder / "sub" / "a.txt").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in target.rglob("*")) == [MANIFEST, "a.txt", "sub"]
    assert [p.name for p in tmp_path.iterdir()] == ["brat"]


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def test_atomic_writes_get_the_permissions_a_plain_write_would(tmp_path: Path, umask_027) -> None:
    """tempfile makes files for their owner alone; an export must be readable as usual."""
    new_file, new_folder = tmp_path / "new.jsonl", tmp_path / "brat"
    with atomic_file(new_file) as out:
        out.write("x")
    with export_folder(new_folder) as folder:
        (folder / "a.txt").write_text("x", encoding="utf-8")
    assert stat.S_IMODE(new_file.stat().st_mode) == 0o640  # 0o666 less the umask
    assert stat.S_IMODE(new_folder.stat().st_mode) == 0o750
    kept = tmp_path / "kept.jsonl"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o604)
    with atomic_file(kept) as out:
        out.write("new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604  # an existing file keeps its own


# --- property: random texts and spans survive every format -----------------------------------

CHARS = st.sampled_from(
    list("马兴瑞新疆日报ab 1。\n\r\u3000\u00a0") + ["\r\n", "𠀀", "😀", "e\u0301", "👍🏽"]
)
LABELS = st.sampled_from(["OFFICIAL", "PLACE", "EVENT", "boilerplate/share", "boilerplate/footer"])


@st.composite
def articles_with_labels(draw) -> tuple[Article, AnnotationSet]:
    text = "".join(draw(st.lists(CHARS, min_size=1, max_size=40)))
    spans = []
    for n in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        spans.append(Span("p", "bob", draw(LABELS), start, end, text[start:end], id=n + 1))
    article = Article("p", "p.txt", text, text, OffsetMap.identity(len(text)))
    return article, AnnotationSet("p", "bob", "in_progress", spans=tuple(spans))


@settings(max_examples=60, deadline=None)
@given(articles_with_labels())
def test_property_every_format_carries_random_spans(pair) -> None:
    article, aset = pair
    record = to_record(article, aset)
    expected = labelled_spans(record)
    for name in WRITERS:  # each export verifies itself; importable ones must read back
        content = export_text(name, [record])
        if name in READERS:
            (item,) = read_all(name, content)
            assert sorted((s.start, s.end, s.label) for s in item.spans) == expected
            assert item.text == article.text
    (item,) = read_all("jsonl", export_text("jsonl", [record]))
    assert to_record(article, item.to_set("p", "bob", status="todo")) == record
    verify_standoff(article.text, standoff(record), record)
    check_record(body_only(copy.deepcopy(record)))
