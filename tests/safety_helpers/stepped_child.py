"""The parent's side of a stepped child (stepped_editor.py, window_editor.py): one command line
in, one JSON line out, then SIGKILL; and the CLI programs run beside it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

HELPERS = Path(__file__).resolve().parent


class SteppedChild:
    """A helper script run as a child process; waits for its `ready` line."""

    def __init__(self, script: str, *args: object, env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(HELPERS / script), *map(str, args)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.acknowledged: dict[str, dict[str, Any]] = {}  # article id -> last acknowledged state
        assert "ready" in self._line(), self._failure()

    def _line(self) -> dict[str, Any]:
        line = self.process.stdout.readline()  # type: ignore[union-attr]
        if not line:
            raise AssertionError(f"the child ended without answering: {self._failure()}")
        parsed: dict[str, Any] = json.loads(line)
        assert "error" not in parsed, parsed["error"]
        return parsed

    def _failure(self) -> str:
        if self.process.poll() is None:
            return "(still running)"
        return f"exit {self.process.returncode}: {self.process.stderr.read()}"  # type: ignore[union-attr]

    def step(self, command: str) -> dict[str, Any]:
        """Send one command; return its acknowledgement and remember the states it reports."""
        self.process.stdin.write(command + "\n")  # type: ignore[union-attr]
        self.process.stdin.flush()  # type: ignore[union-attr]
        answer = self._line()
        self.acknowledged.update(answer["states"])
        return answer

    def kill(self) -> None:
        """SIGKILL, as a crash or `kill -9` would: nothing is closed or flushed."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            stream.close()  # type: ignore[union-attr]
        assert self.process.returncode == -signal.SIGKILL


def cli_command(db: Path, *args: object) -> list[str]:
    return [sys.executable, "-m", "annotator", "--db", str(db), *map(str, args)]


def run_cli(
    db: Path, *args: object, check: bool = True, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`annotator --db DB ARGS…` in its own process; with `check`, it must succeed."""
    result = subprocess.run(cli_command(db, *args), capture_output=True, text=True, timeout=timeout)
    assert not check or result.returncode == 0, (args, result.stderr)
    return result


def start_cli(db: Path, *args: object) -> subprocess.Popen[str]:
    """`annotator --db DB ARGS…` started and left running; see `finish`."""
    return subprocess.Popen(
        cli_command(db, *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(process: subprocess.Popen[str], timeout: float = 120) -> None:
    """Wait for a `start_cli` process; it must succeed."""
    _out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, (process.args, err)
