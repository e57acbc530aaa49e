"""brat export of an event's parts: its participant, place and date spans are arguments of its
`E` line (brat's native form, `Participant:T4 Place:T6 Date:T1`), declared in annotation.conf so
brat's verifier accepts them; an official's title and organization links stay `R` lines; no link
is written twice. Reading the folder back keeps every link, and a folder of the earlier form
(event links as `R` lines) still imports."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_relation_formats import export, fresh_db, import_back, linked_db  # noqa: F401
from test_relation_links import ARTICLE, EXPECTED, TEXT, linked_texts


def ann_lines(folder: Path) -> list[list[str]]:
    text = (folder / f"{ARTICLE}.ann").read_text("utf-8")
    return [line.split("\t") for line in text.splitlines()]


def bound_text(folder: Path) -> dict[str, tuple[str, str]]:
    """T id -> (type, text) of every text-bound line."""
    return {f[0]: (f[1].split(" ")[0], f[2]) for f in ann_lines(folder) if f[0][0] == "T"}


def event_line(folder: Path) -> list[tuple[str, str]]:
    """(role, target) of the arguments of the one `Event` E line."""
    (args,) = [f[1].split(" ")[1:] for f in ann_lines(folder) if f[1].startswith("Event:")]
    return [tuple(arg.split(":", 1)) for arg in args]  # type: ignore[misc]


def test_event_parts_are_arguments_of_its_e_line(linked_db, tmp_path):  # noqa: F811
    folder = export(linked_db, "brat", tmp_path / "brat")
    bound = bound_text(folder)
    parts = [
        (role.rstrip("0123456789"), bound[target])
        for role, target in event_line(folder)
        if target.startswith("T") and role != "Evidence"
    ]
    assert sorted(parts) == [
        ("Date", ("DATE", "9月2日")),
        ("Participant", ("OFFICIAL", "楼阳生")),
        ("Participant", ("OFFICIAL", "马兴瑞")),
        ("Place", ("PLACE", "乌鲁木齐")),
    ]
    roles = [role for role, _ in event_line(folder)]
    assert len(roles) == len(set(roles))  # repeated roles are numbered: Participant2, …


def test_only_official_links_are_r_lines_and_no_link_is_written_twice(linked_db, tmp_path):  # noqa: F811
    folder = export(linked_db, "brat", tmp_path / "brat")
    relations = [f[1].split(" ") for f in ann_lines(folder) if f[0][0] == "R"]
    assert sorted(kind for kind, *_ in relations) == ["organization", "title", "title"]
    r_pairs = {tuple(arg.split(":")[1] for arg in args) for _, *args in relations}
    evidence = dict(event_line(folder))["Evidence"]
    e_pairs = {(evidence, target) for _, target in event_line(folder)}
    assert not r_pairs & e_pairs
    conf = (folder / "annotation.conf").read_text("utf-8")
    relation_section = conf.split("[relations]")[1].split("[events]")[0]
    assert not re.search(r"^(participant|place|date)\t", relation_section, re.M)


def conf_roles(conf: str) -> dict[str, dict[str, tuple[str, set[str]]]]:
    """event type -> role -> (arity mark, allowed types), from annotation.conf's [events]."""
    section = conf.split("[events]")[1].split("[")[0]
    found: dict[str, dict[str, tuple[str, set[str]]]] = {}
    for line in filter(str.strip, section.splitlines()):
        event_type, args = line.split("\t")
        found[event_type] = {}
        for arg in args.split(", "):
            role, types = arg.split(":")
            mark = role[-1] if role[-1] in "?*+" else ""
            found[event_type][role.rstrip("?*+")] = (mark, set(types.split("|")))
    return found


def test_annotation_conf_declares_every_argument_the_export_writes(linked_db, tmp_path):  # noqa: F811
    """What brat's verifier checks of E lines: each role is declared for the event type, its
    target's type is one the role takes, and a `?` role is there at most once."""
    folder = export(linked_db, "brat", tmp_path / "brat")
    roles = conf_roles((folder / "annotation.conf").read_text("utf-8"))
    lines = ann_lines(folder)
    type_of = {f[0]: f[1].split(" ")[0].split(":")[0] for f in lines if f[0][0] in "TE"}
    for fields in (f for f in lines if f[0][0] == "E"):
        event_type, *args = fields[1].split(" ")
        declared = roles[event_type.split(":")[0]]
        counts: dict[str, int] = {}
        for arg in args:
            role, target = arg.split(":")
            base = role.rstrip("0123456789")
            counts[base] = counts.get(base, 0) + 1
            mark, types = declared[base]
            assert type_of[target] in types, arg
            assert mark in "*+" or counts[base] == 1, arg


BRAT_SRC = os.environ.get("ANNOTATOR_BRAT_SRC")  # a brat checkout's server/src, when at hand


@pytest.mark.skipif(not BRAT_SRC, reason="brat's verify_annotations.py: set ANNOTATOR_BRAT_SRC")
def test_brats_own_verifier_accepts_the_export(linked_db, tmp_path):  # noqa: F811
    folder = export(linked_db, "brat", tmp_path / "brat")
    script = Path(BRAT_SRC or "") / "verify_annotations.py"
    run = subprocess.run(
        [sys.executable, str(script), str(folder / f"{ARTICLE}.ann")],
        cwd=script.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout == "" and "Failed" not in run.stderr


def test_round_trip_keeps_the_event_links_read_from_e_arguments(linked_db, tmp_path, capsys):  # noqa: F811
    folder = export(linked_db, "brat", tmp_path / "brat")
    capsys.readouterr()
    aset = import_back(fresh_db(tmp_path), "brat", folder)
    assert "left out" not in capsys.readouterr().out
    assert linked_texts(aset) == EXPECTED


def test_a_folder_of_the_earlier_form_with_event_links_as_r_lines_still_imports(
    linked_db,  # noqa: F811
    tmp_path,
    capsys,
):
    folder = export(linked_db, "brat", tmp_path / "brat")
    ann = folder / f"{ARTICLE}.ann"
    lines = ann.read_text("utf-8").splitlines()
    evidence = dict(event_line(folder))["Evidence"]
    kept, moved = [], []
    for line in lines:
        if line.split("\t")[1].startswith("Event:"):
            eid, body = line.split("\t")
            args = body.split(" ")
            parts = [a for a in args[1:] if a.split(":")[1].startswith("T") and "Evidence" not in a]
            for n, arg in enumerate(parts, 90):
                kind = arg.split(":")[0].rstrip("0123456789").lower()
                moved.append(f"R{n}\t{kind} Arg1:{evidence} Arg2:{arg.split(':')[1]}")
            line = f"{eid}\t{' '.join(a for a in args if a not in parts)}"
        kept.append(line)
    assert len(moved) == 4
    ann.write_text("\n".join(kept + moved) + "\n", encoding="utf-8")
    capsys.readouterr()
    aset = import_back(fresh_db(tmp_path), "brat", folder)
    assert "left out" not in capsys.readouterr().out
    assert linked_texts(aset) == EXPECTED


def test_two_places_for_one_event_refuse_the_file_with_a_reason(linked_db, tmp_path, capsys):  # noqa: F811
    folder = export(linked_db, "brat", tmp_path / "brat")
    ann = folder / f"{ARTICLE}.ann"
    text = ann.read_text("utf-8")
    start = TEXT.index("新疆")
    text = re.sub(
        r"^(E\d+\tEvent:.*)$",
        lambda m: f"{m.group(1)} Place2:T99",
        text,
        flags=re.M,
    )
    ann.write_text(text + f"T99\tPLACE {start} {start + 2}\t新疆\n", encoding="utf-8")
    db = fresh_db(tmp_path)
    from annotator.cli import main

    args = ["--db", str(db), "import-labels", "--format", "brat", "--annotator", "a"]
    assert main([*args, str(folder)]) == 1
    assert "2 Place arguments" in capsys.readouterr().err


def test_the_export_check_catches_an_event_argument_that_does_not_read_back():
    from test_relation_links import draft_set

    from annotator.formats.base import InvalidExportError
    from annotator.formats.brat import standoff, verify_standoff
    from annotator.formats.record import to_record
    from annotator.model import Article

    record = to_record(Article.plain(ARTICLE, TEXT), draft_set())
    ann = standoff(record)
    verify_standoff(TEXT, ann, record)
    place = re.search(r" Place:(T\d+)", ann)
    assert place is not None
    with pytest.raises(InvalidExportError, match="relations do not read back"):
        verify_standoff(TEXT, ann.replace(place.group(0), ""), record)


def test_two_place_relations_from_one_event_refuse_the_file_not_keep_the_last(
    linked_db,  # noqa: F811
    tmp_path,
    capsys,
):
    """The earlier form (event links as R lines): a second place of one event was kept over
    the first without a word; one place per event, as for E arguments."""
    folder = export(linked_db, "brat", tmp_path / "brat")
    ann = folder / f"{ARTICLE}.ann"
    evidence = dict(event_line(folder))["Evidence"]
    start = TEXT.index("新疆")
    extra = [f"T99\tPLACE {start} {start + 2}\t新疆", f"R98\tplace Arg1:{evidence} Arg2:T99"]
    text = re.sub(r" Place\d*:T\d+", "", ann.read_text("utf-8"))  # the E line's own place out
    first_place = next(
        line.split("\t")[0]
        for line in text.splitlines()
        if line.startswith("T") and line.split("\t")[1].startswith("PLACE") and "新疆" not in line
    )
    extra.append(f"R97\tplace Arg1:{evidence} Arg2:{first_place}")
    ann.write_text(text + "\n".join(extra) + "\n", encoding="utf-8")
    from annotator.cli import main

    args = ["--db", str(fresh_db(tmp_path)), "import-labels", "--format", "brat", "--annotator", "a"]
    assert main([*args, str(folder)]) == 1
    assert "place" in capsys.readouterr().err
