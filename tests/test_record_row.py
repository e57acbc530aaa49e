"""codec.record_row with changes is the row of the changed record (issue 13: the suggestions'
writes no longer make each changed record first)."""

from __future__ import annotations

import operator
from dataclasses import fields, replace
from types import SimpleNamespace

import pytest

from annotator.model import Event, Official, Span
from annotator.store import codec

SPAN = Span("a1", "auto", "OFFICIAL", 3, 6, "马兴瑞", id=7, rule="title-chain", score=0.9)
OFFICIAL = Official("a1", "auto", "马兴瑞", ("书记",), "自治区党委", (7,), id=2, title_spans=(8,))
EVENT = Event("a1", "auto", "meeting", "2024-09-03", None, "乌鲁木齐", (2,), 7, id=4)
CHANGES = {
    "id": None,
    "article_id": "b2",
    "annotator": "alice",
    "mentions": (11, 12),
    "participants": (5,),
    "evidence": 13,
    "title_spans": (),
}


@pytest.mark.parametrize("record", [SPAN, OFFICIAL, EVENT], ids=lambda r: type(r).__name__)
def test_the_row_with_changes_is_the_row_of_the_changed_record(record: object) -> None:
    names = {"id", "article_id", "annotator", *record.__dataclass_fields__}  # type: ignore[attr-defined]
    changes = {name: value for name, value in CHANGES.items() if name in names}
    assert codec.record_row(record, **changes) == codec.record_row(replace(record, **changes))
    assert codec.record_row(record) == codec.record_row(replace(record))


def test_a_change_to_a_field_the_record_lacks_is_refused() -> None:
    with pytest.raises(TypeError, match="mentions"):
        codec.record_row(SPAN, mentions=(1,))


@pytest.mark.parametrize("record", [SPAN, OFFICIAL, EVENT], ids=lambda r: type(r).__name__)
def test_the_rows_of_many_records_are_each_one_s_row_in_field_order(record: object) -> None:
    """record_rows, which stores the machine's spans of an article at once, against the row
    built field by field from the changed record."""
    names = {"id", "article_id", "annotator", *record.__dataclass_fields__}  # type: ignore[attr-defined]
    changes = {name: value for name, value in CHANGES.items() if name in names}
    others = [replace(record, id=number) for number in (20, 21)]  # type: ignore[type-var]
    rows = codec.record_rows([record, *others], **changes)
    for row, original in zip(rows, [record, *others], strict=True):
        changed = replace(original, **changes)  # type: ignore[type-var]
        expected = {
            f.name: codec.dumps(list(value)) if isinstance(value, tuple) else value
            for f in fields(changed)
            for value in [getattr(changed, f.name)]
        }
        assert row == expected
        assert list(row) == [f.name for f in fields(changed)]  # the columns' order


def test_rows_of_one_class_only() -> None:
    assert codec.record_rows([]) == []
    with pytest.raises(TypeError, match="Official"):
        codec.record_rows([SPAN, OFFICIAL])
    with pytest.raises(TypeError, match="mentions"):
        codec.record_rows([SPAN, SPAN], mentions=(1,))


@pytest.mark.parametrize("keys", [("a",), ("a", "b")])
def test_tuple_getter_gives_a_tuple_of_the_values_for_one_key_or_many(keys: tuple[str, ...]) -> None:
    row = {"a": 1, "b": [2]}
    assert codec.tuple_getter(operator.itemgetter, keys)(row) == tuple(row[k] for k in keys)
    assert codec.tuple_getter(operator.attrgetter, keys)(SimpleNamespace(**row)) == tuple(
        row[k] for k in keys
    )
