"""Every command is documented, answers --help, and is importable without Qt."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(actions[0].choices) if actions else {}


COMMANDS = _subcommands(build_parser())
BENCHES = _subcommands(COMMANDS["bench"])


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_documented_in_the_readme(name: str) -> None:
    assert re.search(rf"annotator {re.escape(name)}\b", README), f"README lacks `annotator {name}`"


@pytest.mark.parametrize("name", sorted(BENCHES))
def test_every_benchmark_is_documented_in_the_readme(name: str) -> None:
    assert re.search(rf"annotator bench {re.escape(name)}\b", README)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_answers_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args([name, "--help"])
    assert exited.value.code == 0
    assert "--db" in capsys.readouterr().out  # the common options work after the command name


def test_commands_that_need_no_window_do_not_load_qt(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from annotator.cli import main\n"
        f"main(['--db', {str(tmp_path / 'x.db')!r}, 'stats'])\n"
        "main(['--db', " + repr(str(tmp_path / "x.db")) + ", 'export', '--format', 'jsonl'])\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_long_pages_benchmark_runs_every_page(capsys: pytest.CaptureFixture[str]) -> None:
    from annotator.cli import main

    assert main(["bench", "long-pages", "--mb", "0.02", "--scale", "0.01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" MB,")[0].rsplit(" ", 1)[0].strip() for line in lines[2:]] == [
        "rare characters",
        "common characters",
        "an official per line",
        "one line of 1 MB",
        "one line of 4.9 MB",
        "one unpunctuated line",
        "20k nested divs",
        "5k unclosed divs",
        "unclosed fonts",
    ]
    assert all("suggest" in line and "database" in line for line in lines[2:])
