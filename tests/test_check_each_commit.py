"""scripts/check-each-commit.sh runs the test command on every commit of a range and fails when
any commit is red (issue 17: the suite green after every commit, not only at the end)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "check-each-commit.sh"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


def commit(repo: Path, status: int, message: str) -> str:
    """A commit whose test command exits with `status`."""
    (repo / "status").write_text(str(status))
    (repo / "message").write_text(message)  # every commit changes something
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "t@example.org")
    git(repo, "config", "user.name", "t")
    (repo / ".ci").mkdir()
    # the test command: fails when the commit says so, sees a clean checkout each time, and
    # finds what lies beside the repository (the suite reads ../shared) beside its checkout
    (tmp_path / "shared").mkdir()
    (repo / ".ci" / "run").write_text(
        '#!/usr/bin/env bash\ncd "$(dirname "$0")/.."\n[ -d ../shared ] || exit 4\n'
        "[ ! -e leftover ] || exit 3\ntouch leftover\nexit $(cat status)\n"
    )
    return repo


def check(repo: Path, commits: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT), commits], cwd=repo, capture_output=True, text=True, timeout=120
    )


def test_a_red_commit_in_the_middle_fails_the_range(repo: Path) -> None:
    base = commit(repo, 0, "base")
    commit(repo, 0, "first")
    commit(repo, 1, "second breaks the suite")
    commit(repo, 0, "third repairs it")
    done = check(repo, f"{base}..HEAD")
    assert done.returncode == 1
    verdicts = [line.split()[0] for line in done.stdout.splitlines() if line[:1] in "gR"]
    assert verdicts == ["green", "RED", "green"]
    assert "second breaks the suite" in done.stdout


def test_a_range_of_green_commits_passes(repo: Path) -> None:
    base = commit(repo, 0, "base")
    commit(repo, 0, "first")
    commit(repo, 0, "second")
    done = check(repo, f"{base}..HEAD")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("green") == 2


def test_an_empty_range_is_refused(repo: Path) -> None:
    commit(repo, 0, "base")
    assert check(repo, "HEAD..HEAD").returncode == 2
