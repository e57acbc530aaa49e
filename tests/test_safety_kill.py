"""Kill test: a child process edits through the GUI's Store methods and is SIGKILLed at random.

After every kill the database must pass SQLite's integrity check, hold the state acknowledged by
the child's last completed call (the one call in flight may have committed or not; if it did,
undoing it must bring back exactly the acknowledged state), and its edits log must replay to
exactly the rows of the tables.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from safety_helpers.corpus import build_database
from safety_helpers.log_replay import log_disagreements
from safety_helpers.snapshot import article_state

from annotator.store import Store

WORKER = Path(__file__).parent / "safety_helpers" / "edit_worker.py"
ANNOTATOR = "alice"
UNDOING = {"undo": "redo", "undo_any": "redo", "redo": "undo"}  # how to reverse an in-flight call


@dataclass
class Ledger:
    """What the children acknowledged, accumulated over rounds."""

    expected: dict[str, dict[str, Any]]
    rounds: int = 0
    acknowledged: int = 0
    in_flight_committed: int = 0
    kills_mid_call: int = 0
    minimum: int = 0  # acknowledgements the rounds waited for before killing


def run_child(db: Path, seed: int, acks: int, delay: float) -> list[dict[str, Any]]:
    """Start the worker, SIGKILL it `delay` seconds after its `acks`-th acknowledged edit (so the
    kill lands anywhere: between calls, mid-transaction, mid-acknowledgement); returns the
    complete lines it wrote."""
    child = subprocess.Popen(
        [sys.executable, str(WORKER), str(db), ANNOTATOR, str(seed), "100000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    lines: list[bytes] = []
    reached = threading.Event()

    def read() -> None:
        seen = 0
        for line in child.stdout:  # type: ignore[union-attr]
            lines.append(line)
            seen += line.startswith(b'{"ack"')
            if seen >= acks:
                reached.set()
        reached.set()

    reader = threading.Thread(target=read)
    reader.start()
    reached.wait(timeout=120)
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    reader.join(timeout=30)
    stderr = child.stderr.read().decode()  # type: ignore[union-attr]
    child.stdout.close()  # type: ignore[union-attr]
    child.stderr.close()  # type: ignore[union-attr]
    assert child.returncode == -signal.SIGKILL, (
        f"worker {seed} ended ({child.returncode}): {stderr}"
    )
    parsed = [json.loads(line) for line in lines if line.endswith(b"\n")]
    errors = [p["error"] for p in parsed if "error" in p]
    assert not errors, f"worker seed {seed}: {errors}"
    return parsed


def states(store: Store, article_ids: list[str]) -> dict[str, dict[str, Any]]:
    return {a: article_state(store, a, ANNOTATOR) for a in article_ids}


def check_round(db: Path, ledger: Ledger, lines: list[dict[str, Any]]) -> None:
    in_flight = None
    for line in lines:
        if "intent" in line:
            in_flight = line
        else:
            ledger.expected.update(line["states"])
            ledger.acknowledged += 1
            in_flight = None
    ledger.rounds += 1
    ids = list(ledger.expected)
    with Store.open(db) as store:
        assert store.integrity_problems() == []
        found = states(store, ids)
        if found != ledger.expected:
            # Only the call in flight may have committed unacknowledged; undo must revert it.
            assert in_flight is not None, "a state changed with no call in flight"
            changed = {a for a in ids if found[a] != ledger.expected[a]}
            assert changed <= set(in_flight["articles"]), (in_flight, changed)
            reverse = UNDOING.get(in_flight["op"], "undo")
            scope = None if in_flight["op"] == "undo_any" else in_flight["articles"][0]
            assert getattr(store, reverse)(ANNOTATOR, scope) is not None
            assert states(store, ids) == ledger.expected, f"{reverse} did not revert {in_flight}"
            ledger.in_flight_committed += 1
        ledger.kills_mid_call += in_flight is not None
    assert log_disagreements(str(db)) == []


def kill_rounds(tmp_path: Path, rounds: int, seed: int) -> Ledger:
    db = tmp_path / "kill.db"
    article_ids = build_database(db)
    with Store.open(db) as store:
        ledger = Ledger(expected=states(store, article_ids))
    rng = random.Random(seed)
    for number in range(rounds):
        acks = rng.randrange(0, 120)
        delay = rng.choice([0.0, rng.uniform(0, 0.002), rng.uniform(0, 0.02)])
        check_round(db, ledger, run_child(db, seed * 1000 + number, acks, delay))
        ledger.minimum += acks
    assert not os.path.exists(str(db) + "-journal")
    return ledger


def report(ledger: Ledger, record_property: Any) -> None:
    summary = (
        f"kill rounds survived: {ledger.rounds}; acknowledged edits checked: {ledger.acknowledged}; "
        f"kills mid-call: {ledger.kills_mid_call}; of those committed and undone: "
        f"{ledger.in_flight_committed}"
    )
    print(summary)
    record_property("kill_summary", summary)


def test_sigkill_at_random_moments_loses_no_acknowledged_edit(tmp_path, record_property):
    ledger = kill_rounds(tmp_path, rounds=30, seed=7)
    assert ledger.acknowledged >= ledger.minimum > 1000  # the rounds really edited
    report(ledger, record_property)


def many_rounds_seed() -> int:
    """KILL_SEED=N replays a run; KILL_SEED=random explores a new one. CI takes a fixed seed so
    that a failure there can be replayed here."""
    chosen = os.environ.get("KILL_SEED", "4242")
    return int.from_bytes(os.urandom(2), "big") if chosen == "random" else int(chosen)


@pytest.mark.slow
def test_sigkill_many_rounds(tmp_path, record_property):
    seed = many_rounds_seed()
    print(f"KILL_SEED={seed}")  # shown with the failure
    ledger = kill_rounds(tmp_path, rounds=100, seed=seed)
    report(ledger, record_property)
