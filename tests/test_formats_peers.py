"""Issue 12: other tools' own loaders read our exports of the seeds, and their forms import.

Where the peer installs from PyPI (label-studio-converter, spaCy) the test runs the peer's own
code on our export; the seeds are labelled by two scripted annotators and the suggestions.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from review_helpers.scripted import label_seeds, seeded_store

from annotator.cli import main
from annotator.model import AUTO
from annotator.store import Store
from annotator.suggest.run import suggest_corpus


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, labelled by alice and bob, with the suggestions (`auto`)."""
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with seeded_store(db) as store:
        label_seeds(store, "alice")
        label_seeds(store, "bob")
        suggest_corpus(store, only_changed=False, jobs=1)
    return db


def export(db: Path, *args: str) -> int:
    return main(["--db", str(db), "export", *args])


def stored(db: Path) -> dict[str, dict[str, set[tuple[int, int, str]]]]:
    """{article id: {annotator: {(start, end, label)}}} of every set in the database."""
    with Store.open(db, read_only=True) as store:
        return {
            article_id: {
                name: {
                    (s.start, s.end, s.label)
                    for s in store.get_annotation_set(article_id, name).spans
                }
                for name in store.annotators()
                if store.has_annotation_set(article_id, name)
            }
            for article_id in store.article_ids()
        }


def schema_labels(db: Path) -> set[str]:
    with Store.open(db, read_only=True) as store:
        return set(store.schema.names())


# --- 1. Label Studio ---------------------------------------------------------------------------


def label_studio_folder(db: Path, out: Path, *extra: str) -> list[dict]:
    assert export(db, "--format", "label-studio", *extra, "--out", str(out)) == 0
    assert (out / "config.xml").is_file()
    return json.loads((out / "tasks.json").read_text(encoding="utf-8"))


def test_label_studio_tasks_have_ids_and_one_task_per_article(seeds_db: Path, tmp_path) -> None:
    tasks = label_studio_folder(seeds_db, tmp_path / "ls")
    truth = stored(seeds_db)
    ids = [task["id"] for task in tasks]
    assert all(isinstance(i, int) for i in ids) and len(set(ids)) == len(ids)
    assert sorted(task["data"]["article_id"] for task in tasks) == sorted(truth)
    for task in tasks:
        sets = truth[task["data"]["article_id"]]
        people = {name for name in sets if name != AUTO}
        assert {a["completed_by"] for a in task["annotations"]} == people
        for annotation in task["annotations"]:
            found = {
                (r["value"]["start"], r["value"]["end"], r["value"]["labels"][0])
                for r in annotation["result"]
            }
            assert found == sets[annotation["completed_by"]]
        if AUTO in sets:
            (prediction,) = task["predictions"]
            assert prediction["model_version"] and "score" in prediction
            found = {
                (r["value"]["start"], r["value"]["end"], r["value"]["labels"][0])
                for r in prediction["result"]
            }
            assert found == sets[AUTO]
        else:
            assert not task.get("predictions")


def test_label_studio_config_names_every_label_of_the_schema(seeds_db: Path, tmp_path) -> None:
    label_studio_folder(seeds_db, tmp_path / "ls")
    root = ET.parse(tmp_path / "ls" / "config.xml").getroot()
    assert root.tag == "View"
    (text,) = root.iter("Text")
    (labels,) = root.iter("Labels")
    assert text.get("value") == "$text" and labels.get("toName") == text.get("name")
    assert {label.get("value") for label in labels.iter("Label")} == schema_labels(seeds_db)


def test_label_studio_converter_turns_our_tasks_into_conll(seeds_db: Path, tmp_path) -> None:
    converter = pytest.importorskip("label_studio_converter")
    out = tmp_path / "ls"
    tasks = label_studio_folder(seeds_db, out, "--annotator", "alice")
    config = (out / "config.xml").read_text(encoding="utf-8")
    conll = tmp_path / "conll"
    converter.Converter(config=config, project_dir=str(tmp_path)).convert_to_conll2003(
        str(out / "tasks.json"), str(conll), is_dir=False
    )
    written = "".join(p.read_text(encoding="utf-8") for p in conll.iterdir())
    used = {r["value"]["labels"][0] for t in tasks for a in t["annotations"] for r in a["result"]}
    # the converter splits tokens at white space (whole Chinese clauses), so it sees the labels
    # that start a token: some of ours, none it made up
    seen = {line.rsplit(" ", 1)[1][2:] for line in written.splitlines() if " B-" in line}
    assert seen and seen <= used


def test_label_studio_folder_imports_back_one_annotator(seeds_db: Path, tmp_path) -> None:
    tasks_file = tmp_path / "ls" / "tasks.json"
    label_studio_folder(seeds_db, tmp_path / "ls")
    db = tmp_path / "copy.db"
    with seeded_store(db):
        pass
    args = ["--db", str(db), "import-labels", "--format", "label-studio", "--annotator", "carol"]
    assert main([*args, "--completed-by", "bob", str(tasks_file)]) == 0
    truth, copy = stored(seeds_db), stored(db)
    for article_id, sets in truth.items():
        assert copy[article_id].get("carol", set()) == sets.get("bob", set())


# --- 2. spaCy DocBin ---------------------------------------------------------------------------

SPACY_CONFIG = Path(__file__).parent.parent / "resources" / "spacy" / "ner.cfg"


def docbin(db: Path, out: Path, *extra: str) -> list:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    assert export(db, "--format", "spacy", "--annotator", "alice", *extra, "--out", str(out)) == 0
    return list(DocBin().from_disk(out).get_docs(spacy.blank("zh").vocab))


def native(db: Path, *extra: str) -> list[dict]:
    out = db.parent / f"native{len(extra)}.jsonl"
    assert export(db, "--annotator", "alice", *extra, "--out", str(out)) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def spans_of(spans) -> list[tuple[int, int, str]]:
    return sorted((s.start_char, s.end_char, s.label_) for s in spans)


def test_docbin_fills_ents_like_conll_and_keeps_every_span_in_a_named_group(
    seeds_db: Path, tmp_path, capsys
) -> None:
    from annotator.formats.conll import bio_entities

    docs = docbin(seeds_db, tmp_path / "train.spacy")
    records = native(seeds_db)
    assert f"exported {len(records)} records" in capsys.readouterr().err
    assert [doc.text for doc in docs] == [r["text"] for r in records]
    for doc, record in zip(docs, records, strict=True):
        assert spans_of(doc.ents) == bio_entities(record)
        entities = sorted((s["start"], s["end"], s["label"]) for s in record["spans"])
        assert spans_of(doc.spans["sc"]) == entities
        regions = sorted(
            (b["start"], b["end"], f"boilerplate/{b['kind']}") for b in record["boilerplate"]
        )
        assert spans_of(doc.spans["boilerplate"]) == regions
    assert any(doc.ents for doc in docs) and any(doc.spans["boilerplate"] for doc in docs)


def test_docbin_honours_body_only(seeds_db: Path, tmp_path) -> None:
    docs = docbin(seeds_db, tmp_path / "body.spacy", "--body-only")
    records = native(seeds_db, "--body-only")
    assert any(r["text"] != full["text"] for r, full in zip(records, native(seeds_db), strict=True))
    assert [doc.text for doc in docs] == [r["text"] for r in records]
    for doc, record in zip(docs, records, strict=True):
        assert not doc.spans["boilerplate"]
        assert spans_of(doc.spans["sc"]) == sorted(
            (s["start"], s["end"], s["label"]) for s in record["spans"]
        )


def test_spacy_debug_data_with_our_config_sees_our_labels(seeds_db: Path, tmp_path) -> None:
    pytest.importorskip("spacy")
    import subprocess
    import sys

    train = tmp_path / "train.spacy"
    docs = docbin(seeds_db, train)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "debug",
            "data",
            str(SPACY_CONFIG),
            "--paths.train",
            str(train),
            "--paths.dev",
            str(train),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = result.stdout + result.stderr
    labels = {ent.label_ for doc in docs for ent in doc.ents}
    assert labels and f"{len(labels)} label(s)" in report, report
    assert all(label in report for label in labels), report


# --- 3. CoNLL ----------------------------------------------------------------------------------


def conll(db: Path, tmp_path: Path, *extra: str) -> str:
    out = tmp_path / f"seeds{len(extra)}.conll"
    assert export(db, "--format", "conll", "--annotator", "alice", *extra, "--out", str(out)) == 0
    return out.read_text(encoding="utf-8")


def bio_blocks(text: str, separator: str) -> list[list[tuple[str, str]]]:
    return [
        [tuple(line.split(separator)) for line in block.splitlines()]  # type: ignore[misc]
        for block in text.split("\n\n")
        if block.strip()
    ]


def test_conll_starts_each_document_with_docstart_and_its_article_id(
    seeds_db: Path, tmp_path
) -> None:
    text = conll(seeds_db, tmp_path)
    records = native(seeds_db)
    starts = [line.split(" ") for line in text.splitlines() if line.startswith("-DOCSTART-")]
    assert starts == [["-DOCSTART-", r["id"], "O"] for r in records]
    assert text.startswith("-DOCSTART- ")
    # a document marker stands alone, between blank lines
    assert all(len(block) == 1 for block in bio_blocks(text, " ") if block[0][0] == "-DOCSTART-")


def test_conll_tab_is_what_doccanos_conll_importer_reads(seeds_db: Path, tmp_path) -> None:
    spaced, tabbed = conll(seeds_db, tmp_path), conll(seeds_db, tmp_path, "--tab")
    # doccano: every line a token and a tag separated by one tab; each block a text of its own,
    # so no document marker line (it would become a text)
    assert all(len(line.split("\t")) == 2 for line in tabbed.splitlines() if line), (
        "doccano refuses a line that is not two tab-separated columns"
    )
    assert "-DOCSTART-" not in tabbed
    sentences = [b for b in bio_blocks(spaced, " ") if b[0][0] != "-DOCSTART-"]
    assert bio_blocks(tabbed, "\t") == sentences


def test_tab_is_refused_outside_conll(seeds_db: Path, capsys) -> None:
    assert export(seeds_db, "--format", "doccano", "--tab") == 2
    assert "--tab is only for --format conll" in capsys.readouterr().err


# --- 4. doccano --------------------------------------------------------------------------------


@pytest.fixture()
def example_db(tmp_path: Path) -> Path:
    """The example article labelled by alice: an official with a title inside the text, an
    event with its place and participant."""
    from test_formats_example import example_article, example_set, plain_article

    db = tmp_path / "example.db"
    with Store.open(db) as store:
        store.add_articles([example_article(), plain_article()])
        store.replace_annotation_set(example_set())
    return db


def doccano_relations(db: Path, out: Path) -> list[dict]:
    args = ("--format", "doccano", "--relations", "--annotator", "alice", "--out", str(out))
    assert export(db, *args) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_doccano_relations_link_officials_and_events_to_their_spans(example_db, tmp_path) -> None:
    from test_formats_example import TEXT

    first = doccano_relations(example_db, tmp_path / "rel.jsonl")[0]
    assert "label" not in first  # the relation project's shape only: doccano reads one
    by_id = {e["id"]: e for e in first["entities"]}
    assert len(by_id) == len(first["entities"])

    def words(entity_id: int) -> str:
        entity = by_id[entity_id]
        return f"{entity['label']}:{TEXT[entity['start_offset'] : entity['end_offset']]}"

    found = {(words(r["from_id"]), r["type"], words(r["to_id"])) for r in first["relations"]}
    assert found == {
        ("OFFICIAL:马兴瑞", "title", "TITLE:自治区\n党委书记"),  # titles are free text: matched
        ("EVENT:座谈会", "participant", "OFFICIAL:马兴瑞"),
        ("EVENT:座谈会", "place", "PLACE:乌鲁木齐"),
    }  # the organization 自治区党委 has no ORG span: no link
    assert len({r["id"] for r in first["relations"]}) == len(first["relations"])


def test_doccano_relation_export_imports_back_its_entities(example_db, tmp_path, capsys) -> None:
    out = tmp_path / "rel.jsonl"
    doccano_relations(example_db, out)
    db = tmp_path / "copy.db"
    with Store.open(db) as store, Store.open(example_db, read_only=True) as source:
        store.add_articles(list(source.iter_articles()))
    args = ["--db", str(db), "import-labels", "--format", "doccano", "--annotator", "alice"]
    assert main([*args, "--without-relations", str(out)]) == 0
    assert "left out 3 doccano relations" in capsys.readouterr().out
    copy, truth = stored(db), stored(example_db)
    assert {a: s.get("alice", set()) for a, s in copy.items()} == {
        a: s.get("alice", set()) for a, s in truth.items()
    }


def test_relations_is_only_for_doccano(seeds_db: Path, capsys) -> None:
    assert export(seeds_db, "--format", "conll", "--relations") == 2
    assert "--relations is only for --format doccano or label-studio" in capsys.readouterr().err


# --- 5. imports --------------------------------------------------------------------------------


def plain_db(tmp_path: Path) -> Path:
    from test_formats_example import example_article, plain_article

    db = tmp_path / "plain.db"
    with Store.open(db) as store:
        store.add_articles([example_article(), plain_article()])
    return db


def lines_file(path: Path, items: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8"
    )
    return path


def import_file(db: Path, fmt: str, path: Path, *extra: str) -> int:
    args = ["--db", str(db), "import-labels", "--format", fmt, "--annotator", "a", *extra]
    return main([*args, str(path)])


def labels_of(db: Path, annotator: str = "a") -> set[tuple[str, int, int, str]]:
    with Store.open(db, read_only=True) as store:
        return {
            (article_id, s.start, s.end, s.label)
            for article_id in store.article_ids()
            for s in store.get_annotation_set(article_id, annotator).spans
        }


def test_doccano_label_items_written_as_dicts_are_read(tmp_path) -> None:
    from test_formats_example import PLAIN, plain_article

    db = plain_db(tmp_path)
    item = {
        "text": PLAIN,
        "label": [
            {"id": 7, "start_offset": 0, "end_offset": 3, "label": "PLACE"},
            [3, 8, "ORG"],
        ],
    }
    assert import_file(db, "doccano", lines_file(tmp_path / "d.jsonl", [item])) == 0
    pid = plain_article().id
    assert labels_of(db) == {(pid, 0, 3, "PLACE"), (pid, 3, 8, "ORG")}


def test_doccano_relation_to_a_missing_entity_is_refused(tmp_path, capsys) -> None:
    from test_formats_example import PLAIN

    db = plain_db(tmp_path)
    item = {
        "text": PLAIN,
        "entities": [{"id": 1, "start_offset": 0, "end_offset": 3, "label": "PLACE"}],
        "relations": [{"id": 1, "from_id": 1, "to_id": 9, "type": "place"}],
    }
    path = lines_file(tmp_path / "d.jsonl", [item])
    assert import_file(db, "doccano", path, "--without-relations") == 1
    assert "entity id" in capsys.readouterr().err and not labels_of(db)


def foreign_lines(tmp_path: Path) -> Path:
    """A spaCy-style file from a tool with other label names."""
    from test_formats_example import PLAIN, TEXT

    place = TEXT.index("乌鲁木齐")
    official = TEXT.index("马兴瑞")
    items = [
        {"text": PLAIN, "spans": [{"start": 0, "end": 3, "label": "LOC"}]},
        {
            "text": TEXT,
            "spans": [
                {"start": official, "end": official + 3, "label": "PERSON"},
                {"start": place, "end": place + 4, "label": "LOC"},
                {"start": place, "end": place + 4, "label": "GPE"},
            ],
        },
    ]
    return lines_file(tmp_path / "foreign.jsonl", items)


def test_map_puts_foreign_labels_onto_ours(tmp_path, capsys) -> None:
    from test_formats_example import TEXT, example_article, plain_article

    db = plain_db(tmp_path)
    maps = ("--map", "PERSON=OFFICIAL", "--map", "LOC=PLACE", "--map", "GPE=PLACE")
    assert import_file(db, "spacy", foreign_lines(tmp_path), *maps) == 0
    eid, place, official = example_article().id, TEXT.index("乌鲁木齐"), TEXT.index("马兴瑞")
    assert labels_of(db) == {
        (plain_article().id, 0, 3, "PLACE"),
        (eid, official, official + 3, "OFFICIAL"),
        (eid, place, place + 4, "PLACE"),  # LOC and GPE there: one PLACE
    }


def test_unknown_labels_are_reported_once_each_with_a_count(tmp_path, capsys) -> None:
    db = plain_db(tmp_path)
    path = foreign_lines(tmp_path)
    assert import_file(db, "spacy", path, "--map", "PERSON=OFFICIAL") == 1
    err = capsys.readouterr().err.splitlines()
    loc = [line for line in err if "'LOC'" in line]
    gpe = [line for line in err if "'GPE'" in line]
    assert len(loc) == 1 and "2 spans on 2 lines" in loc[0] and "--map LOC=" in loc[0]
    assert len(gpe) == 1 and "1 span on 1 line" in gpe[0]
    assert not any("PERSON" in line for line in err)
    assert not labels_of(db)  # a line with an unknown label is not half imported


@pytest.mark.parametrize(
    ("mapping", "message"),
    [("PERSON", "SRC=DST"), ("PERSON=NOBODY", "not a label"), ("=PLACE", "SRC=DST")],
)
def test_a_bad_map_is_refused_before_anything_is_read(tmp_path, capsys, mapping, message) -> None:
    db = plain_db(tmp_path)
    assert import_file(db, "spacy", foreign_lines(tmp_path), "--map", mapping) == 2
    assert message in capsys.readouterr().err and not labels_of(db)


def brat_export(db: Path, out: Path) -> Path:
    assert export(db, "--format", "brat", "--annotator", "alice", "--out", str(out)) == 0
    return out


def test_brat_folder_imports_back_every_span(example_db, tmp_path, capsys) -> None:
    folder = brat_export(example_db, tmp_path / "brat")
    db = plain_db(tmp_path)
    assert import_file(db, "brat", folder) == 0
    out = capsys.readouterr().out
    truth = {(a, *span) for a, sets in stored(example_db).items() for span in sets.get("alice", ())}
    assert labels_of(db) == truth  # boilerplate_share is boilerplate/share again
    assert "left out" not in out  # the E lines, their A and note lines are the records
    assert records_of(db, "a") == records_of(example_db, "alice")


def records_of(db: Path, annotator: str) -> dict[str, tuple]:
    """Officials and events of every article, spans and officials named by their content."""
    with Store.open(db, read_only=True) as store:
        found = {}
        for article_id in store.article_ids():
            aset = store.get_annotation_set(article_id, annotator)
            spans = {s.id: (s.start, s.end, s.label) for s in aset.spans}
            names = {o.id: o.name for o in aset.officials}
            officials = sorted(
                (o.name, o.titles, o.organization, tuple(sorted(spans[m] for m in o.mentions)))
                for o in aset.officials
            )
            events = sorted(
                (
                    e.type,
                    e.date,
                    e.end_date,
                    e.place,
                    tuple(sorted(names[p] for p in e.participants)),
                    spans.get(e.evidence),
                )
                for e in aset.events
            )
            found[article_id] = (officials, events)
        return found


def test_foreign_brat_relations_are_counted_not_taken(example_db, tmp_path, capsys) -> None:
    from test_formats_example import example_article

    folder = brat_export(example_db, tmp_path / "brat")
    ann = folder / f"{example_article().id}.ann"
    ann.write_text(
        ann.read_text(encoding="utf-8") + "R1\tLocated Arg1:T1 Arg2:T2\nA9\tNegated T1\n",
        encoding="utf-8",
    )
    db = plain_db(tmp_path)
    assert import_file(db, "brat", folder) == 0
    assert "left out 1 brat A line, 1 brat R line" in capsys.readouterr().out


def test_a_correction_made_in_brat_comes_back(example_db, tmp_path) -> None:
    from test_formats_example import TEXT, example_article

    folder = brat_export(example_db, tmp_path / "brat")
    ann = folder / f"{example_article().id}.ann"
    start = TEXT.index("张三")
    ann.write_text(
        ann.read_text(encoding="utf-8") + f"T99\tOFFICIAL {start} {start + 2}\t张三\n",
        encoding="utf-8",
    )
    assert import_file(example_db, "brat", folder, "--annotator", "alice") == 0
    with Store.open(example_db, read_only=True) as store:
        spans = store.get_annotation_set(example_article().id, "alice").spans
    assert (start, start + 2, "OFFICIAL") in {(s.start, s.end, s.label) for s in spans}


def test_brat_file_with_a_wrong_span_text_is_refused_alone(example_db, tmp_path, capsys) -> None:
    from test_formats_example import example_article

    folder = brat_export(example_db, tmp_path / "brat")
    ann = folder / f"{example_article().id}.ann"
    ann.write_text(ann.read_text(encoding="utf-8") + "T99\tPLACE 0 3\t不对\n", encoding="utf-8")
    db = plain_db(tmp_path)
    assert import_file(db, "brat", folder) == 1
    err = capsys.readouterr().err
    assert f"{example_article().id}.ann" in err and "T99" in err
    assert not labels_of(db)


def test_brat_import_of_a_folder_without_ann_files_says_so(tmp_path, capsys) -> None:
    db = plain_db(tmp_path)
    (tmp_path / "empty").mkdir()
    assert import_file(db, "brat", tmp_path / "empty") == 2
    assert "no .ann files" in capsys.readouterr().err


def label_studio_task(text: str, results: list[dict]) -> list[dict]:
    return [{"id": 1, "data": {"text": text}, "annotations": [{"id": 1, "result": results}]}]


def ls_span(rid: str, start: int, end: int, label: str, text: str) -> dict:
    value = {"start": start, "end": end, "text": text[start:end], "labels": [label]}
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels", "value": value}


def test_label_studio_choices_are_counted_and_relations_need_consent(tmp_path, capsys) -> None:
    from test_formats_example import PLAIN, plain_article

    db = plain_db(tmp_path)
    results = [
        ls_span("a", 0, 3, "PLACE", PLAIN),
        ls_span("b", 3, 8, "ORG", PLAIN),
        {"from_id": "b", "to_id": "a", "type": "relation", "direction": "right"},
        {
            "id": "c",
            "from_name": "topic",
            "to_name": "text",
            "type": "choices",
            "value": {"choices": ["visit"]},
        },
    ]
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps(label_studio_task(PLAIN, results)), encoding="utf-8")
    assert import_file(db, "label-studio", path) == 1  # a relation is not dropped unasked
    assert "--without-relations" in capsys.readouterr().err and not labels_of(db)
    assert import_file(db, "label-studio", path, "--without-relations") == 0
    out = capsys.readouterr().out
    assert "left out 1 Label Studio choices result, 1 Label Studio relation" in out
    pid = plain_article().id
    assert labels_of(db) == {(pid, 0, 3, "PLACE"), (pid, 3, 8, "ORG")}


def test_docbin_read_back_through_spacys_doc_to_json_imports_every_span(
    seeds_db: Path, tmp_path
) -> None:
    """spaCy's own serialisation of our DocBin (ents, sc, boilerplate) is a spacy import."""
    docs = docbin(seeds_db, tmp_path / "train.spacy")
    items = [doc.to_json() | {"meta": {"id": doc.user_data["id"]}} for doc in docs]
    db = tmp_path / "copy.db"
    with seeded_store(db):
        pass
    assert import_file(db, "spacy", lines_file(tmp_path / "docs.jsonl", items)) == 0
    truth = stored(seeds_db)
    assert {a: s.get("a", set()) for a, s in stored(db).items()} == {
        a: s.get("alice", set()) for a, s in truth.items()
    }


def test_label_studio_relations_and_their_config(example_db, tmp_path, capsys) -> None:
    converter = pytest.importorskip("label_studio_converter")
    from test_formats_example import TEXT

    out = tmp_path / "ls"
    tasks = label_studio_folder(example_db, out, "--annotator", "alice", "--relations")
    (task,) = [t for t in tasks if t["data"]["text"] == TEXT]
    (annotation,) = task["annotations"]
    spans = {r["id"]: r["value"] for r in annotation["result"] if r["type"] == "labels"}
    found = {
        (
            spans[r["from_id"]]["labels"][0],
            r["labels"][0],
            TEXT[spans[r["to_id"]]["start"] : spans[r["to_id"]]["end"]],
        )
        for r in annotation["result"]
        if r["type"] == "relation"
    }
    assert found == {
        ("OFFICIAL", "title", "自治区\n党委书记"),
        ("EVENT", "participant", "马兴瑞"),
        ("EVENT", "place", "乌鲁木齐"),
    }
    root = ET.parse(out / "config.xml").getroot()
    (relations,) = root.iter("Relations")
    assert {r.get("value") for r in relations.iter("Relation")} >= {"title", "participant", "place"}
    converter.Converter(
        config=(out / "config.xml").read_text(encoding="utf-8"), project_dir=str(tmp_path)
    ).convert_to_conll2003(str(out / "tasks.json"), str(tmp_path / "conll"), is_dir=False)
    db = plain_db(tmp_path)
    path = out / "tasks.json"
    assert import_file(db, "label-studio", path, "--without-relations") == 0
    assert "left out 3 Label Studio relations" in capsys.readouterr().out
