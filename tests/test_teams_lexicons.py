"""`annotator assign` hands the lead's lexicon folder out with each database, checked first."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_teams import (  # noqa: F401 (fixtures used by name)
    TEAM,
    assert_suggest_keeps_them,
    assign,
    lead_db,
    template_db,
)

from annotator.cli import main
from annotator.suggest.user_lexicons import lexicon_folder


def leads_titles(db: Path, text: str) -> Path:
    """The lead's own titles lexicon, holding `text`."""
    folder = lexicon_folder(db)
    folder.mkdir()
    titles = folder / "titles.txt"
    titles.write_text(text, encoding="utf-8")
    return titles


def test_each_handed_out_database_gets_the_leads_lexicons_and_keeps_its_suggestions(
    lead_db, tmp_path, capsys  # noqa: F811
):
    titles = leads_titles(lead_db, "联络员\n首席联络员\n")
    team = tmp_path / "team"
    assign(capsys, lead_db, team, "--batch", "30", "--overlap", "0")
    for name in TEAM:
        copied = lexicon_folder(team / f"{name}.db") / "titles.txt"
        assert copied.read_bytes() == titles.read_bytes()
    # the suggestions were fingerprinted with the copied lexicons: nothing to recompute there
    assert_suggest_keeps_them(capsys, team / "amy.db")


def test_the_next_batch_brings_the_leads_changed_file_and_leaves_the_shares_own(
    lead_db, tmp_path, capsys  # noqa: F811
):
    titles = leads_titles(lead_db, "联络员\n")
    team = tmp_path / "team"
    assign(capsys, lead_db, team, "--batch", "10", "--overlap", "0")
    own = lexicon_folder(team / "bo.db") / "surnames.txt"
    own.write_text("佘\n", encoding="utf-8")
    titles.write_text("联络员\n督导员\n", encoding="utf-8")
    assign(capsys, lead_db, team, "--batch", "10", "--overlap", "0")
    assert (lexicon_folder(team / "bo.db") / "titles.txt").read_text(encoding="utf-8") == (
        "联络员\n督导员\n"
    )
    assert own.read_text(encoding="utf-8") == "佘\n"
    assert not [p for p in lexicon_folder(team / "bo.db").iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("command", ["assign", "reassign"])
def test_a_bad_lead_folder_refuses_before_any_file_is_written(
    lead_db, tmp_path, capsys, command  # noqa: F811
):
    team = tmp_path / "team"
    if command == "reassign":
        assign(capsys, lead_db, team, "--batch", "10", "--overlap", "0")
    before = sorted(p.name for p in team.rglob("*")) if team.exists() else []
    lexicon_folder(lead_db).mkdir()
    (lexicon_folder(lead_db) / "titels.txt").write_text("联络员\n", encoding="utf-8")
    capsys.readouterr()
    if command == "assign":
        argv = ["assign", "--annotators", ",".join(TEAM), "--out", str(team), "--seed", "3"]
    else:
        argv = ["assign", "--from", "amy", "--to", "dan", "--out", str(team)]
    code = main(["--db", str(lead_db), *argv])
    err = capsys.readouterr().err
    assert code != 0 and "titels.txt: not a lexicon of ours" in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    after = sorted(p.name for p in team.rglob("*")) if team.exists() else []
    assert after == before


def test_a_bad_file_in_a_handed_out_folder_refuses_before_any_database_is_written(
    lead_db, tmp_path, capsys  # noqa: F811
):
    """The folder beside cai.db is read with cai's suggestions: its own bad file must stop the
    hand-out before amy's and bo's databases get articles the team record would not know of."""
    team = tmp_path / "team"
    lexicon_folder(team / "cai.db").mkdir(parents=True)
    (lexicon_folder(team / "cai.db") / "titels.txt").write_text("联络员\n", encoding="utf-8")
    capsys.readouterr()
    argv = ["assign", "--annotators", ",".join(TEAM), "--out", str(team), "--seed", "3"]
    code = main(["--db", str(lead_db), *argv])
    err = capsys.readouterr().err
    assert code != 0 and "cai.lexicons/titels.txt: not a lexicon of ours" in err, err
    assert not list(team.glob("*.db"))
