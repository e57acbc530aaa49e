"""`import-labels` never silently empties a person's labels (issue 10 §2), reads every peer's real
shape (spaCy `Doc.to_json()`, Prodigy answers, Label Studio annotations), survives hostile JSON
(issue 18), and refuses the reserved names `auto` and `gold` for a person (issue 10 §4)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_formats_example import PLAIN, TEXT, example_article, example_set, plain_article

from annotator.cli import main
from annotator.formats.registry import reader_for
from annotator.formats.service import import_labels
from annotator.model import AUTO, GOLD, check_person_name
from annotator.safe_json import MAX_DEPTH
from annotator.store import Store

PLAIN_ID = plain_article().id
EXAMPLE_ID = example_article().id
DEEP = "[" * 100_000  # unclosed: orjson and json both give up somewhere inside
DEEP_CLOSED = "[" * 900 + "]" * 900  # parses, but repr/validation of it recurses


def new_db(path: Path) -> Path:
    with Store.open(path) as store:
        store.add_articles([example_article(), plain_article()])
    return path


def run(db: Path, *args: str) -> int:
    return main(["--db", str(db), *args])


def spans_of(db: Path, article_id: str, annotator: str) -> set[tuple[int, int, str]]:
    with Store.open(db) as store:
        return {
            (s.start, s.end, s.label) for s in store.get_annotation_set(article_id, annotator).spans
        }


def write_lines(path: Path, items: list) -> Path:
    lines = [
        item if isinstance(item, str) else json.dumps(item, ensure_ascii=False) for item in items
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def doccano(text: str, spans: list, **extra) -> dict:
    return {"text": text, "label": spans, **extra}


def labelled_db(tmp_path: Path, spans: list | None = None) -> Path:
    """A database where `a` labelled PLAIN through a doccano import."""
    db = new_db(tmp_path / "a.db")
    first = write_lines(tmp_path / "first.jsonl", [doccano(PLAIN, spans or [[0, 3, "PLACE"]])])
    assert run(db, "import-labels", "--format", "doccano", "--annotator", "a", str(first)) == 0
    return db


def spacy_doc_json(text: str, ents: list, groups: dict[str, list] | None = None) -> dict:
    """A real spaCy `Doc.to_json()`: the peer's shape, not our guess of it."""
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("zh")
    doc = nlp(text)
    doc.ents = [doc.char_span(s, e, label=label) for s, e, label in ents]
    for name, spans in (groups or {}).items():
        doc.spans[name] = [doc.char_span(s, e, label=label) for s, e, label in spans]
    return doc.to_json()


# -- §2: a line without readable labels never empties a set -------------------------------------


def test_spacy_doc_to_json_ents_and_span_groups_are_read(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "a.db")
    item = spacy_doc_json(PLAIN, [(0, 3, "PLACE")], {"sc": [(3, 8, "ORG"), (0, 3, "PLACE")]})
    assert "ents" in item and isinstance(item["spans"], dict)  # the shape we must read
    path = write_lines(tmp_path / "doc.jsonl", [item])
    assert run(db, "import-labels", "--format", "spacy", "--annotator", "a", str(path)) == 0
    assert spans_of(db, PLAIN_ID, "a") == {(0, 3, "PLACE"), (3, 8, "ORG")}
    assert "+2 spans" in capsys.readouterr().out


def test_spacy_ents_only_do_not_wipe_a_doccano_import(tmp_path: Path, capsys) -> None:
    """The issue's reproduction: doccano labels, then a spaCy `ents` file for the same person."""
    db = labelled_db(tmp_path, [[0, 3, "PLACE"], [3, 8, "ORG"]])
    capsys.readouterr()
    path = write_lines(tmp_path / "doc.jsonl", [spacy_doc_json(PLAIN, [(3, 8, "ORG")])])
    assert run(db, "import-labels", "--format", "spacy", "--annotator", "a", str(path)) == 0
    assert spans_of(db, PLAIN_ID, "a") == {(0, 3, "PLACE"), (3, 8, "ORG")}
    assert "(+0 spans, -0, 2 kept)" in capsys.readouterr().out


def test_a_line_without_labels_keeps_the_set_and_says_so(tmp_path: Path, capsys) -> None:
    db = labelled_db(tmp_path)
    capsys.readouterr()
    path = write_lines(tmp_path / "empty.jsonl", [spacy_doc_json(PLAIN, [])])
    assert run(db, "import-labels", "--format", "spacy", "--annotator", "a", str(path)) == 0
    assert spans_of(db, PLAIN_ID, "a") == {(0, 3, "PLACE")}
    out = capsys.readouterr().out
    assert "(+0 spans, -0, 1 kept)" in out and "1 line carried no labels" in out


def test_replace_never_empties_a_set_with_a_line_without_labels(tmp_path: Path, capsys) -> None:
    db = labelled_db(tmp_path)
    capsys.readouterr()
    path = write_lines(tmp_path / "empty.jsonl", [doccano(PLAIN, [])])
    args = ("import-labels", "--format", "doccano", "--annotator", "a", "--replace", str(path))
    assert run(db, *args) == 1
    err = capsys.readouterr().err
    assert "line 1: " in err and "no labels" in err and "1 span" in err
    assert spans_of(db, PLAIN_ID, "a") == {(0, 3, "PLACE")}


def test_merge_is_the_default_and_counts_spans(tmp_path: Path, capsys) -> None:
    db = labelled_db(tmp_path)
    capsys.readouterr()
    path = write_lines(tmp_path / "more.jsonl", [doccano(PLAIN, [[0, 3, "PLACE"], [3, 8, "ORG"]])])
    assert run(db, "import-labels", "--format", "doccano", "--annotator", "a", str(path)) == 0
    assert spans_of(db, PLAIN_ID, "a") == {(0, 3, "PLACE"), (3, 8, "ORG")}
    assert capsys.readouterr().out.strip() == (
        "imported 1 article (+1 spans, -0, 1 kept), rejected 0 lines"
    )


def test_replace_takes_the_file_and_counts_what_went(tmp_path: Path, capsys) -> None:
    db = labelled_db(tmp_path)
    capsys.readouterr()
    path = write_lines(tmp_path / "other.jsonl", [doccano(PLAIN, [[3, 8, "ORG"]])])
    args = ("import-labels", "--format", "doccano", "--annotator", "a", "--replace", str(path))
    assert run(db, *args) == 0
    assert spans_of(db, PLAIN_ID, "a") == {(3, 8, "ORG")}
    assert "(+1 spans, -1, 0 kept)" in capsys.readouterr().out


def test_dry_run_prints_each_article_and_writes_nothing(tmp_path: Path, capsys) -> None:
    db = labelled_db(tmp_path)
    capsys.readouterr()
    with Store.open(db) as store:
        before = (
            store.get_annotation_set(PLAIN_ID, "a"),
            store.has_annotation_set(EXAMPLE_ID, "a"),
        )
    lines = [doccano(PLAIN, [[3, 8, "ORG"]]), doccano(TEXT, [[0, 2, "ORG"]], id=EXAMPLE_ID)]
    path = write_lines(tmp_path / "other.jsonl", lines)
    for mode in ((), ("--replace",)):
        args = ("import-labels", "--format", "doccano", "--annotator", "a", "--dry-run", *mode)
        assert run(db, *args, str(path)) == 0
        out = capsys.readouterr().out.splitlines()
        removed = "1" if mode else "0"
        assert f"{PLAIN_ID} (line 1): +1 -{removed} ={1 - int(removed)} spans" in out
        assert f"{EXAMPLE_ID} (line 2): +1 -0 =0 spans" in out
        assert out[-1].startswith("dry run, nothing written: would import 2 articles")
    with Store.open(db) as store:
        after = (store.get_annotation_set(PLAIN_ID, "a"), store.has_annotation_set(EXAMPLE_ID, "a"))
    assert after == before


def test_native_jsonl_merge_keeps_records_and_does_not_double_them(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "a.db")
    with Store.open(db) as store:
        store.replace_annotation_set(example_set())
        stamp = store.get_annotation_set(EXAMPLE_ID, "alice").updated_at
    out = tmp_path / "alice.jsonl"
    assert run(db, "export", "--annotator", "alice", "--out", str(out)) == 0
    capsys.readouterr()
    assert run(db, "import-labels", "--format", "jsonl", "--annotator", "alice", str(out)) == 0
    assert "(+0 spans, -0, 8 kept)" in capsys.readouterr().out
    with Store.open(db) as store:
        aset = store.get_annotation_set(EXAMPLE_ID, "alice")
    assert len(aset.officials) == 1 and len(aset.events) == 1
    assert aset.updated_at == stamp  # nothing new: nothing written


def test_native_jsonl_merge_refuses_a_conflicting_official(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "a.db")
    with Store.open(db) as store:
        store.replace_annotation_set(example_set())
    assert run(db, "export", "--annotator", "alice") == 0
    record = json.loads(capsys.readouterr().out.splitlines()[0])
    record["officials"][0]["titles"] = ["另一个职务"]
    path = write_lines(tmp_path / "x.jsonl", [record])
    assert run(db, "import-labels", "--format", "jsonl", "--annotator", "alice", str(path)) == 1
    err = capsys.readouterr().err
    assert "line 1: official '马兴瑞'" in err and "--replace" in err
    with Store.open(db) as store:
        (official,) = store.get_annotation_set(EXAMPLE_ID, "alice").officials
    assert official.titles == ("自治区党委书记",)


# -- Prodigy ---------------------------------------------------------------------------------------


def prodigy(answer: str | None, spans: list, text: str = PLAIN) -> dict:
    item = {
        "text": text,
        "_input_hash": 1,
        "_task_hash": 2,
        "tokens": [{"text": c, "start": n, "end": n + 1, "id": n} for n, c in enumerate(text)],
        "spans": [
            {"start": s, "end": e, "label": label, "token_start": s, "token_end": e - 1}
            for s, e, label in spans
        ],
        "_view_id": "ner_manual",
    }
    if answer is not None:
        item["answer"] = answer
    return item


def test_prodigy_rejected_and_ignored_answers_are_not_labels(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "a.db")
    lines = [
        prodigy("reject", [(0, 3, "PLACE")]),
        prodigy("ignore", [(0, 3, "ORG")], TEXT),
        prodigy("accept", [(3, 8, "ORG")]),
    ]
    path = write_lines(tmp_path / "prodigy.jsonl", lines)
    assert run(db, "import-labels", "--format", "spacy", "--annotator", "a", str(path)) == 0
    captured = capsys.readouterr()
    assert spans_of(db, PLAIN_ID, "a") == {(3, 8, "ORG")}
    with Store.open(db) as store:
        assert not store.has_annotation_set(EXAMPLE_ID, "a")
    assert "line 1: " in captured.err and "'reject'" in captured.err
    assert "line 2: " in captured.err and "'ignore'" in captured.err
    assert "skipped 2 lines" in captured.out


def test_prodigy_unknown_answer_is_rejected(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "a.db")
    path = write_lines(tmp_path / "prodigy.jsonl", [prodigy("maybe", [(0, 3, "PLACE")])])
    assert run(db, "import-labels", "--format", "spacy", "--annotator", "a", str(path)) == 1
    assert "line 1: " in capsys.readouterr().err
    assert spans_of(db, PLAIN_ID, "a") == set()


# -- Label Studio ---------------------------------------------------------------------------------


def ls_result(start: int, end: int, label: str, text: str = PLAIN) -> dict:
    return {
        "id": f"r{start}",
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "origin": "manual",
        "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
    }


def ls_annotation(results: list, user: int = 1, cancelled: bool = False) -> dict:
    return {
        "id": 10 + user,
        "completed_by": user,
        "result": results,
        "was_cancelled": cancelled,
        "ground_truth": False,
        "lead_time": 3.2,
    }


def ls_task(annotations: list, predictions: list | None = None, text: str = PLAIN) -> dict:
    return {
        "id": 1,
        "data": {"text": text},
        "annotations": annotations,
        "predictions": predictions or [],
        "meta": {},
    }


def import_ls(db: Path, tmp_path: Path, tasks: list, *extra: str) -> int:
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return run(
        db, "import-labels", "--format", "label-studio", "--annotator", "a", *extra, str(path)
    )


def test_label_studio_cancelled_annotation_is_not_taken(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "a.db")
    task = ls_task(
        [
            ls_annotation([ls_result(0, 3, "ORG")], 1, True),
            ls_annotation([ls_result(0, 3, "PLACE")], 2),
        ]
    )
    assert import_ls(db, tmp_path, [task]) == 0
    assert spans_of(db, PLAIN_ID, "a") == {(0, 3, "PLACE")}


def test_label_studio_only_cancelled_imports_nothing(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "a.db")
    assert (
        import_ls(db, tmp_path, [ls_task([ls_annotation([ls_result(0, 3, "ORG")], 1, True)])]) == 0
    )
    assert "task 1: " in capsys.readouterr().err
    with Store.open(db) as store:
        assert not store.has_annotation_set(PLAIN_ID, "a")


def test_label_studio_predictions_never_become_a_persons_labels(tmp_path: Path, capsys) -> None:
    db = labelled_db(tmp_path)
    capsys.readouterr()
    prediction = {"model_version": "v1", "score": 0.5, "result": [ls_result(3, 8, "ORG")]}
    tasks = [ls_task([], [prediction]), ls_task([], [prediction], TEXT)]
    assert import_ls(db, tmp_path, tasks) == 0
    captured = capsys.readouterr()
    assert "task 1: " in captured.err and "predictions" in captured.err
    assert spans_of(db, PLAIN_ID, "a") == {(0, 3, "PLACE")}
    with Store.open(db) as store:
        assert not store.has_annotation_set(EXAMPLE_ID, "a")
    assert "imported 0 articles" in captured.out


def test_label_studio_several_annotations_need_a_choice(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "a.db")
    task = ls_task(
        [ls_annotation([ls_result(0, 3, "ORG")], 1), ls_annotation([ls_result(0, 3, "PLACE")], 2)]
    )
    assert import_ls(db, tmp_path, [task]) == 1
    err = capsys.readouterr().err
    assert "task 1: " in err and "--completed-by" in err and "1, 2" in err
    assert spans_of(db, PLAIN_ID, "a") == set()
    assert import_ls(db, tmp_path, [task], "--completed-by", "2") == 0
    assert spans_of(db, PLAIN_ID, "a") == {(0, 3, "PLACE")}


def test_label_studio_completed_by_may_be_an_object_with_an_email(tmp_path: Path) -> None:
    db = new_db(tmp_path / "a.db")
    first, second = ls_annotation([ls_result(0, 3, "ORG")], 1), ls_annotation([], 2)
    first["completed_by"] = {"id": 1, "email": "li@example.org"}
    assert (
        import_ls(db, tmp_path, [ls_task([first, second])], "--completed-by", "li@example.org") == 0
    )
    assert spans_of(db, PLAIN_ID, "a") == {(0, 3, "ORG")}


def test_completed_by_is_only_for_label_studio(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "a.db")
    path = write_lines(tmp_path / "d.jsonl", [doccano(PLAIN, [[0, 3, "PLACE"]])])
    args = ("import-labels", "--format", "doccano", "--annotator", "a", "--completed-by", "1")
    assert run(db, *args, str(path)) == 2
    assert "--completed-by" in capsys.readouterr().err


# -- stdin, hostile JSON ---------------------------------------------------------------------------


def test_stdin_still_imports(tmp_path: Path, capsys, monkeypatch) -> None:
    db = new_db(tmp_path / "a.db")
    data = (json.dumps(doccano(PLAIN, [[0, 3, "PLACE"]]), ensure_ascii=False) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="latin-1"))
    assert run(db, "import-labels", "--format", "doccano", "--annotator", "a", "-") == 0
    assert spans_of(db, PLAIN_ID, "a") == {(0, 3, "PLACE")}  # read as UTF-8 whatever the locale


@pytest.mark.parametrize("deep", [DEEP, DEEP_CLOSED])
@pytest.mark.parametrize("fmt", ["jsonl", "doccano", "spacy"])
def test_deep_nesting_rejects_that_line_only(tmp_path: Path, capsys, fmt: str, deep: str) -> None:
    db = new_db(tmp_path / "a.db")
    good = {
        "jsonl": None,
        "doccano": doccano(PLAIN, [[0, 3, "PLACE"]]),
        "spacy": {"text": PLAIN, "spans": [{"start": 0, "end": 3, "label": "PLACE"}]},
    }[fmt]
    hostile = '{"text": "x", "label": ' + deep + "}" if deep is DEEP_CLOSED else deep
    path = write_lines(tmp_path / "in.jsonl", [hostile, *([good] if good else [])])
    assert run(db, "import-labels", "--format", fmt, "--annotator", "a", str(path)) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "line 1: " in err[0] and len(err[0]) < 300
    if good:
        assert spans_of(db, PLAIN_ID, "a") == {(0, 3, "PLACE")}


@pytest.mark.parametrize("deep", [DEEP, DEEP_CLOSED])
def test_deep_nesting_in_label_studio_refuses_the_file(tmp_path: Path, capsys, deep: str) -> None:
    db = new_db(tmp_path / "a.db")
    path = tmp_path / "tasks.json"
    path.write_text('[{"data": {"text": "x"}, "meta": ' + deep + "}]", encoding="utf-8")
    args = ("import-labels", "--format", "label-studio", "--annotator", "a", str(path))
    assert run(db, *args) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and len(err[0]) < 300


@pytest.mark.parametrize("deep", [DEEP, DEEP_CLOSED, '"\\ud800"'])
def test_evaluate_refuses_hostile_gold_in_one_line(tmp_path: Path, capsys, deep: str) -> None:
    db = new_db(tmp_path / "a.db")
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "x", "text": "y", "spans": ' + deep + "}\n", encoding="utf-8")
    assert run(db, "evaluate", "--gold", str(gold)) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "gold.jsonl:1" in err[0] and len(err[0]) < 300


def test_evaluate_refuses_a_gold_file_that_is_not_utf8(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "a.db")
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(b'{"id": "x", "text": "\xff"}\n')
    assert run(db, "evaluate", "--gold", str(gold)) == 2
    assert "UTF-8" in capsys.readouterr().err


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_line_separators_inside_a_json_string_are_text(tmp_path: Path, capsys, separator) -> None:
    """str.splitlines() would cut these lines; a JSON line ends at "\\n" only."""
    db = new_db(tmp_path / "a.db")
    item = doccano(PLAIN, [[0, 3, "PLACE"]], note=f"a{separator}b")
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(item, ensure_ascii=False) + "\n", encoding="utf-8")
    assert separator in path.read_text(encoding="utf-8")  # raw, not escaped
    assert run(db, "import-labels", "--format", "doccano", "--annotator", "a", str(path)) == 0
    assert spans_of(db, PLAIN_ID, "a") == {(0, 3, "PLACE")}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"id": PLAIN_ID, "text": PLAIN, "note": separator}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run(db, "evaluate", "--gold", str(gold)) == 0, capsys.readouterr().err


def test_a_lone_surrogate_rejects_its_line_only(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "a.db")
    bad = '{"text": "\\ud800", "label": [[0, 1, "ORG"]]}'
    path = write_lines(tmp_path / "in.jsonl", [bad, doccano(PLAIN, [[0, 3, "PLACE"]])])
    assert run(db, "import-labels", "--format", "doccano", "--annotator", "a", str(path)) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "line 1: " in err[0]
    assert spans_of(db, PLAIN_ID, "a") == {(0, 3, "PLACE")}


def test_a_lone_surrogate_in_a_label_studio_file_is_one_line(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "a.db")
    path = tmp_path / "tasks.json"
    path.write_text('[{"data": {"text": "\\udc00"}}]', encoding="utf-8")
    assert run(db, "import-labels", "--format", "label-studio", "--annotator", "a", str(path)) == 1
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_invalid_utf8_refuses_the_file_before_writing_anything(tmp_path: Path, capsys) -> None:
    """Not a half import: before, the lines above the bad bytes were written, then exit 2."""
    db = new_db(tmp_path / "a.db")
    good = json.dumps(doccano(PLAIN, [[0, 3, "PLACE"]]), ensure_ascii=False).encode()
    path = tmp_path / "in.jsonl"
    path.write_bytes(good + b"\n" * 3000 + b'{"text": "\xed\xa0\x80", "label": []}\n')
    assert run(db, "import-labels", "--format", "doccano", "--annotator", "a", str(path)) == 2
    err = capsys.readouterr().err
    assert "not UTF-8" in err and "line 3001" in err and "nothing imported" in err
    with Store.open(db) as store:
        assert not store.has_annotation_set(PLAIN_ID, "a")


# -- §4: reserved names ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", [AUTO, GOLD, "Auto", " gold ", "GOLD"])
def test_reserved_names_are_refused_by_the_core_rule(name: str) -> None:
    assert check_person_name(name)


@pytest.mark.parametrize("name", ["", "   "])
def test_blank_names_are_refused_by_the_core_rule(name: str) -> None:
    assert check_person_name(name)


@pytest.mark.parametrize("name", ["alice", "王芳", "autograph", "golden"])
def test_ordinary_names_pass(name: str) -> None:
    assert check_person_name(name) is None


@pytest.mark.parametrize("name", [AUTO, GOLD, "Gold"])
def test_import_labels_refuses_a_reserved_name(tmp_path: Path, capsys, name: str) -> None:
    db = new_db(tmp_path / "a.db")
    path = write_lines(tmp_path / "d.jsonl", [doccano(PLAIN, [[0, 3, "PLACE"]])])
    assert run(db, "import-labels", "--format", "doccano", "--annotator", name, str(path)) == 2
    err = capsys.readouterr().err
    assert "reserved" in err and len(err.splitlines()) == 1
    with Store.open(db) as store:
        assert store.annotators() == [] or name not in store.annotators()


def test_gold_is_imported_only_with_as_gold(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "a.db")
    path = write_lines(tmp_path / "d.jsonl", [doccano(PLAIN, [[0, 3, "PLACE"]])])
    assert run(db, "import-labels", "--format", "doccano", "--as-gold", str(path)) == 0
    assert spans_of(db, PLAIN_ID, GOLD) == {(0, 3, "PLACE")}
    args = ("import-labels", "--format", "doccano", "--annotator", GOLD, "--as-gold", str(path))
    assert run(db, *args) == 0
    args = ("import-labels", "--format", "doccano", "--annotator", "bob", "--as-gold", str(path))
    assert run(db, *args) == 2
    assert "--as-gold" in capsys.readouterr().err
    assert spans_of(db, PLAIN_ID, "bob") == set()


@pytest.mark.gui
@pytest.mark.parametrize("name", [AUTO, GOLD])
def test_the_window_refuses_a_reserved_name_on_the_command_line(
    tmp_path: Path, capsys, monkeypatch, name
):
    import annotator.gui.app as app

    def no_window(*args, **kwargs):  # fail, rather than hang in a window, if the check is gone
        raise AssertionError("the window was opened")

    monkeypatch.setattr(app, "run_window", no_window)
    db = new_db(tmp_path / "a.db")
    assert run(db, "--annotator", name, "gui") == 2
    assert "reserved" in capsys.readouterr().err


@pytest.mark.gui
def test_the_first_run_dialog_asks_again_for_a_reserved_name(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QInputDialog

    from annotator.gui.app import ANNOTATOR_KEY, app_settings, ask_annotator

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))

    answers = iter([("auto", True), (" Gold ", True), ("bob", True)])
    prompts: list[str] = []

    def get_text(parent, title, label, **kwargs):
        prompts.append(label)
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    settings = app_settings()
    settings.setValue(ANNOTATOR_KEY, "gold")  # remembered from before the rule: asked again
    assert ask_annotator(settings) == "bob"
    assert len(prompts) == 3
    assert "reserved" in prompts[1] and "reserved" in prompts[2]
    assert settings.value(ANNOTATOR_KEY) == "bob"


def test_native_jsonl_merge_adds_records_with_their_references(tmp_path: Path, capsys) -> None:
    """New spans, officials and events join the set, each pointing at the right span/official."""
    db = new_db(tmp_path / "a.db")
    with Store.open(db) as store:
        store.replace_annotation_set(example_set())
    assert run(db, "export", "--annotator", "alice") == 0
    record = json.loads(capsys.readouterr().out.splitlines()[0])
    start = TEXT.index("张三")
    (ma,) = [span for span in record["spans"] if span["text"] == "马兴瑞"]
    zhang = {"id": 99, "start": start, "end": start + 2, "label": "OFFICIAL", "text": "张三"}
    record.update(  # a partial file: one old span, one new span, official and event
        spans=[ma, zhang],
        boilerplate=[],
        officials=[
            {"name": "张三", "titles": [], "organization": None, "mentions": [99, ma["id"]]}
        ],
        events=[
            {
                "type": "慰问",
                "date": None,
                "end_date": None,
                "place": None,
                "participants": ["张三"],
                "evidence": 99,
            }
        ],
    )
    path = write_lines(tmp_path / "more.jsonl", [record])
    assert run(db, "import-labels", "--format", "jsonl", "--annotator", "alice", str(path)) == 0
    assert "(+1 spans, -0, 8 kept)" in capsys.readouterr().out
    with Store.open(db) as store:
        aset = store.get_annotation_set(EXAMPLE_ID, "alice")
    by_id, names = aset.span_by_id(), {o.id: o.name for o in aset.officials}
    assert len(aset.spans) == 9 and sorted(names.values()) == ["张三", "马兴瑞"]
    new_official = next(o for o in aset.officials if o.name == "张三")
    assert [by_id[m].text for m in new_official.mentions] == ["张三", "马兴瑞"]
    assert sorted(e.type for e in aset.events) == ["座谈会/会议", "慰问"]
    (new_event,) = [e for e in aset.events if e.type == "慰问"]
    assert [names[p] for p in new_event.participants] == ["张三"]
    assert by_id[new_event.evidence].text == "张三"
    assert aset.status == "done" and store_is_sound(db)  # merging keeps the set's status


def store_is_sound(db: Path) -> bool:
    with Store.open(db) as store:
        return store.integrity_problems() == []


def test_doccano_real_export_shape_is_read(tmp_path: Path) -> None:
    """doccano's sequence-labelling JSONL export: its own integer id, `label`, `Comments`."""
    db = new_db(tmp_path / "a.db")
    item = {"id": 17, "text": PLAIN, "label": [[0, 3, "PLACE"], [3, 8, "ORG"]], "Comments": []}
    path = write_lines(tmp_path / "doccano.jsonl", [item])
    assert run(db, "import-labels", "--format", "doccano", "--annotator", "a", str(path)) == 0
    assert spans_of(db, PLAIN_ID, "a") == {(0, 3, "PLACE"), (3, 8, "ORG")}


def test_help_documents_merge_replace_dry_run_and_as_gold(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["import-labels", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for option in ("--replace", "--dry-run", "--as-gold", "--completed-by", "merged"):
        assert option in text
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if "`annotator import-labels" in line)
    for option in ("--replace", "--dry-run", "--as-gold", "`auto`"):
        assert option in row


# -- fuzz: nesting, surrogates, separators in every reader ----------------------------------------


def _nested(depth: int, inner: str, kind: str) -> str:
    if kind == "list":
        return "[" * depth + inner + "]" * depth
    return '{"a":' * depth + inner + "}" * depth


@st.composite
def hostile_lines(draw: st.DrawFn) -> tuple[str, bool]:
    """(line, whether it may be imported): good lines of each shape, and hostile variants."""
    base = draw(
        st.sampled_from(
            [
                doccano(PLAIN, [[0, 3, "PLACE"]]),
                {"text": PLAIN, "spans": [{"start": 3, "end": 8, "label": "ORG"}]},
                {"data": {"text": PLAIN}, "annotations": [{"result": [ls_result(0, 3, "ORG")]}]},
            ]
        )
    )
    hostile = draw(st.sampled_from(["none", "deep", "surrogate", "separator", "deep-unclosed"]))
    text = json.dumps(base, ensure_ascii=False)
    if hostile == "deep":
        depth = draw(st.integers(MAX_DEPTH, 3000))
        kind = draw(st.sampled_from(["list", "dict"]))
        text = text[:-1] + ', "x": ' + _nested(depth, "1", kind) + "}"
    elif hostile == "deep-unclosed":
        text = "[" * draw(st.integers(1025, 200_000))
    elif hostile == "surrogate":
        surrogate = draw(st.sampled_from(["\\ud800", "\\udfff", "\\udc80x"]))
        text = text[:-1] + f', "x": "{surrogate}"' + "}"
    elif hostile == "separator":
        raw = draw(st.sampled_from(["\u2028", "\u2029", "\u0085", "\u2028\u0085"]))
        text = text[:-1] + f', "x": "a{raw}b"' + "}"
    return text, hostile in ("none", "separator")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(hostile_lines(), min_size=1, max_size=4))
def test_fuzz_hostile_json_is_refused_line_by_line(lines: list[tuple[str, bool]]) -> None:
    for format_name in ("doccano", "spacy", "jsonl", "label-studio"):
        with Store.open(memory=True) as store:
            store.add_articles([example_article(), plain_article()])
            if format_name == "label-studio":
                stream = io.StringIO("[" + ",".join(line for line, _ in lines) + "]")
            else:
                stream = io.StringIO("\n".join(line for line, _ in lines) + "\n")
            report = import_labels(store, reader_for(format_name), stream, "a")
            for rejection in (*report.refused, *report.skipped):
                assert rejection.reason.strip() and "\n" not in rejection.reason
                assert len(str(rejection)) < 300
            if format_name in ("doccano", "spacy"):
                for number, (_, acceptable) in enumerate(lines, 1):
                    taken = any(a.line == number for a in report.articles)
                    assert taken <= acceptable, (number, report)
            assert store.integrity_problems() == []


def test_native_jsonl_of_several_annotators_says_whose_and_lets_choose(
    tmp_path: Path, capsys
) -> None:
    """An export without --annotator holds everyone's records (gold too): taking whichever
    comes first as one person's labels, silently, is the Label Studio bug again."""
    db = new_db(tmp_path / "a.db")
    with Store.open(db) as store:
        store.replace_annotation_set(example_set())
        store.add_span(
            EXAMPLE_ID, "bob", "PLACE", TEXT.index("乌鲁木齐"), TEXT.index("乌鲁木齐") + 4
        )
    everyone = tmp_path / "all.jsonl"
    assert run(db, "export", "--out", str(everyone)) == 0
    capsys.readouterr()
    target = new_db(tmp_path / "b.db")
    args = ("import-labels", "--format", "jsonl", "--annotator", "carol")
    assert run(target, *args, str(everyone)) == 1
    err = capsys.readouterr().err
    assert "'alice'" in err and "'bob'" in err and "--completed-by" in err
    assert run(target, *args, "--replace", "--completed-by", "bob", str(everyone)) == 0
    start = TEXT.index("乌鲁木齐")
    assert spans_of(target, EXAMPLE_ID, "carol") == {(start, start + 4, "PLACE")}
    assert "not 'bob'" in capsys.readouterr().err


def test_native_records_of_the_machine_never_become_a_persons_labels(
    tmp_path: Path, capsys
) -> None:
    db = new_db(tmp_path / "a.db")
    with Store.open(db) as store:
        store.add_span(PLAIN_ID, AUTO, "PLACE", 0, 3)
    suggestions = tmp_path / "auto.jsonl"
    assert run(db, "export", "--annotator", AUTO, "--out", str(suggestions)) == 0
    capsys.readouterr()
    args = ("import-labels", "--format", "jsonl", "--annotator", "carol", str(suggestions))
    assert run(db, *args) == 0
    captured = capsys.readouterr()
    assert "suggestions" in captured.err and "imported 0 articles" in captured.out
    assert spans_of(db, PLAIN_ID, "carol") == set()


def test_replace_from_a_span_only_format_keeps_officials_and_events(tmp_path: Path, capsys) -> None:
    """doccano cannot hold officials or events: --replace from it would drop them unseen."""
    db = new_db(tmp_path / "a.db")
    with Store.open(db) as store:
        store.replace_annotation_set(example_set())
    path = write_lines(tmp_path / "d.jsonl", [doccano(TEXT, [[0, 2, "ORG"]], id=EXAMPLE_ID)])
    args = ("import-labels", "--format", "doccano", "--annotator", "alice", "--replace")
    assert run(db, *args, str(path)) == 1
    err = capsys.readouterr().err
    assert "1 official" in err and "1 event" in err and "jsonl" in err
    with Store.open(db) as store:
        aset = store.get_annotation_set(EXAMPLE_ID, "alice")
    assert len(aset.officials) == 1 and len(aset.events) == 1 and len(aset.spans) == 8


def test_summary_counts_records_when_they_change(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "a.db")
    with Store.open(db) as store:
        store.replace_annotation_set(example_set())
    out = tmp_path / "alice.jsonl"
    assert run(db, "export", "--annotator", "alice", "--out", str(out)) == 0
    target = new_db(tmp_path / "b.db")
    capsys.readouterr()
    assert run(target, "import-labels", "--format", "jsonl", "--annotator", "alice", str(out)) == 0
    assert "records (officials, events) +2 -0" in capsys.readouterr().out  # 1 of each


def test_merge_extends_an_official_with_new_mentions_and_keeps_ids_distinct() -> None:
    from dataclasses import replace

    from annotator.formats.label_merge import merged
    from annotator.model import Span

    existing = example_set()  # stored ids 101..108, official 7
    start = TEXT.index("张三")
    new_span = Span(EXAMPLE_ID, "alice", "OFFICIAL", start, start + 2, "张三", id=101)  # draft id
    old_span = replace(existing.spans[0], id=5)  # 马兴瑞 again, under another draft id
    official = replace(existing.officials[0], mentions=(5, 101), id=1)
    incoming = replace(existing, spans=(old_span, new_span), officials=(official,), events=())
    change = merged(existing, incoming)
    spans = change.result.span_by_id()
    assert len(spans) == len(change.result.spans) == 9  # ids stay distinct
    (result_official,) = change.result.officials
    assert [spans[m].text for m in result_official.mentions] == ["马兴瑞", "张三"]
    assert (change.added, change.kept, change.records_extended) == (1, 8, 1)
    assert change.result.events == existing.events


def test_doccano_relation_project_shape_is_read_and_relations_are_not_dropped_silently(
    tmp_path: Path, capsys
) -> None:
    """doccano's export of a project with relations: `entities` with *_offset, `relations`."""
    db = new_db(tmp_path / "a.db")
    entities = [
        {"id": 1, "label": "PLACE", "start_offset": 0, "end_offset": 3},
        {"id": 2, "label": "ORG", "start_offset": 3, "end_offset": 8},
    ]
    relation = {"id": 1, "from_id": 2, "to_id": 1, "type": "located_in"}
    lines = [
        {"id": 3, "text": PLAIN, "entities": entities, "relations": [], "Comments": []},
        {"id": 4, "text": TEXT, "entities": [], "relations": [relation], "Comments": []},
        {"id": 5, "text": TEXT},  # neither shape: said so, not read as "no labels"
    ]
    path = write_lines(tmp_path / "doccano.jsonl", lines)
    assert run(db, "import-labels", "--format", "doccano", "--annotator", "a", str(path)) == 1
    assert spans_of(db, PLAIN_ID, "a") == {(0, 3, "PLACE"), (3, 8, "ORG")}
    err = capsys.readouterr().err
    assert "line 2: " in err and "relations" in err
    assert "line 3: " in err and "'label'" in err


def prodigy_binary(answer: str, span: tuple[int, int, str], annotator: str | None) -> dict:
    """A `ner.teach`-style line: one suggested span per line, the annotator's decision on it."""
    item = prodigy(answer, [span])
    item["spans"][0].update(score=0.7, priority=0.7)
    if annotator is not None:
        item["_annotator_id"] = item["_session_id"] = annotator
    return item


def test_prodigy_binary_decisions_on_one_text_add_up(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "a.db")
    lines = [
        prodigy_binary("accept", (0, 3, "PLACE"), "ner-alice"),
        prodigy_binary("reject", (0, 3, "ORG"), "ner-alice"),
        prodigy_binary("accept", (3, 8, "ORG"), "ner-alice"),
    ]
    path = write_lines(tmp_path / "teach.jsonl", lines)
    args = ("import-labels", "--format", "spacy", "--annotator", "a")
    assert run(db, *args, "--dry-run", str(path)) == 0
    out = capsys.readouterr().out
    assert f"{PLAIN_ID} (line 1): +2 -0 =0 spans" in out
    assert "would import 1 article (+2 spans, -0, 0 kept)" in out
    assert run(db, *args, str(path)) == 0
    assert spans_of(db, PLAIN_ID, "a") == {(0, 3, "PLACE"), (3, 8, "ORG")}
    assert "imported 1 article (+2 spans, -0, 0 kept), rejected 0 lines, skipped 1 line" in (
        capsys.readouterr().out
    )
    assert run(db, *args, "--replace", str(path)) == 1  # replacing twice would lose line 1
    assert "--replace" in capsys.readouterr().err


def test_prodigy_lines_of_two_annotators_are_not_mixed(tmp_path: Path, capsys) -> None:
    db = new_db(tmp_path / "a.db")
    lines = [
        prodigy_binary("accept", (0, 3, "PLACE"), "ner-alice"),
        prodigy_binary("accept", (0, 3, "ORG"), "ner-bob"),
    ]
    path = write_lines(tmp_path / "teach.jsonl", lines)
    args = ("import-labels", "--format", "spacy", "--annotator", "a")
    assert run(db, *args, str(path)) == 1
    err = capsys.readouterr().err
    assert "'ner-alice'" in err and "'ner-bob'" in err and "--completed-by" in err
    assert run(db, *args, "--replace", "--completed-by", "ner-bob", str(path)) == 0
    assert spans_of(db, PLAIN_ID, "a") == {(0, 3, "ORG")}
