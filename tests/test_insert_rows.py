"""Recorder.put_new: the machine's spans of an article in one statement, with the very ids SQLite
would have given them one row at a time (the officials and events of the set link to them)."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.store.edits import Recorder, _write_row

ROWS = [{"id": None, "label": "OFFICIAL", "start": n} for n in (3, 9, 14)]


def _table() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute(
        "CREATE TABLE spans (id INTEGER PRIMARY KEY AUTOINCREMENT, label TEXT NOT NULL, "
        "start INTEGER NOT NULL)"
    )
    return conn


def _with_history(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Five rows written, the last three deleted: AUTOINCREMENT never gives 3, 4 or 5 again."""
    for number in range(5):
        _write_row(conn, "spans", None, {"label": "PLACE", "start": number})
    conn.execute("DELETE FROM spans WHERE id > 2")
    return conn


def _one_at_a_time(conn: sqlite3.Connection) -> list[int]:
    return [_write_row(conn, "spans", None, row) for row in ROWS]


def _contents(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute("SELECT * FROM spans ORDER BY id").fetchall()


@pytest.mark.parametrize("prepare", [lambda c: c, _with_history], ids=["empty", "after deletes"])
def test_the_ids_are_those_of_one_row_at_a_time(prepare) -> None:  # noqa: ANN001
    batched, single = prepare(_table()), prepare(_table())
    ids = Recorder(batched, 1, images=False).put_new("spans", ROWS)
    assert ids == _one_at_a_time(single)
    assert _contents(batched) == _contents(single)
    # and the next row of either table goes on from there, as AUTOINCREMENT would
    assert _write_row(batched, "spans", None, ROWS[0]) == _write_row(single, "spans", None, ROWS[0])


def test_without_its_sequence_row_the_ids_go_on_above_the_rows_present() -> None:
    """sqlite_sequence edited by another tool: SQLite itself then goes on from the highest id."""
    batched, single = _with_history(_table()), _with_history(_table())
    for conn in (batched, single):
        conn.execute("DELETE FROM sqlite_sequence")
    assert Recorder(batched, 1, images=False).put_new("spans", ROWS) == _one_at_a_time(single)


def test_rows_of_other_columns_are_refused_and_nothing_is_written() -> None:
    conn = _table()
    with pytest.raises(ValueError, match="same columns"):
        Recorder(conn, 1, images=False).put_new("spans", [*ROWS, {"label": "PLACE"}])
    with pytest.raises(ValueError, match="same columns"):  # as many columns, another name
        Recorder(conn, 1, images=False).put_new("spans", [*ROWS, {"label": "PLACE", "end": 4}])
    assert _contents(conn) == []


def test_only_the_tables_commands_write() -> None:
    with pytest.raises(ValueError, match="articles"):
        Recorder(_table(), 1, images=False).put_new("articles", ROWS)


def test_rows_of_one_column() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE spans (id INTEGER PRIMARY KEY AUTOINCREMENT, label TEXT)")
    rows = [{"label": "OFFICIAL"}, {"id": None, "label": "PLACE"}]
    assert Recorder(conn, 1, images=False).put_new("spans", rows) == [1, 2]
    assert _contents(conn) == [(1, "OFFICIAL"), (2, "PLACE")]
