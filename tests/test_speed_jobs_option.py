"""`--jobs` means the same to every command that has it (issue 13 review): a clear usage error
for 0, a negative count or a non-number, nothing opened or changed; a good count is used as given."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.cli import main
from annotator.commands import suggest as suggest_command
from annotator.resources import seeds_dir


@pytest.mark.parametrize("command", ["import", "suggest"])
@pytest.mark.parametrize("jobs", ["0", "-2", "two", "1.5", ""])
def test_a_jobs_count_that_is_no_positive_whole_number_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, jobs: str
) -> None:
    db = tmp_path / "work.db"
    paths = [str(seeds_dir())] if command == "import" else []
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(db), command, "--jobs", jobs, *paths])
    assert exit_.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert "--jobs" in error and repr(jobs) in error and "above 0" in error
    assert not db.exists()  # refused before the database is opened


def test_suggest_runs_with_the_jobs_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "work.db"
    page = tmp_path / "page.txt"
    page.write_text("新华社乌鲁木齐电 自治区召开会议。\n", encoding="utf-8")
    assert main(["--db", str(db), "import", "--no-suggest", "--jobs", "1", str(page)]) == 0
    asked: list[int] = []

    def recompute(store: object, **options: object) -> int:
        asked.append(options["jobs"])  # type: ignore[arg-type]
        return 0

    monkeypatch.setattr(suggest_command, "recompute_suggestions", recompute)
    assert main(["--db", str(db), "suggest", "--jobs", "3"]) == 0
    assert asked == [3]


@pytest.mark.parametrize("command", ["train", "evaluate"])
@pytest.mark.parametrize("iterations", ["0", "-5", "many"])
def test_a_count_of_training_passes_that_is_no_positive_whole_number_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, iterations: str
) -> None:
    db = tmp_path / "work.db"
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(db), command, "--iterations", iterations])
    assert exit_.value.code == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert "--iterations" in error and repr(iterations) in error and "above 0" in error
    assert not db.exists()
