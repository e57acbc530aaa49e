"""codec.record_row with changes is the row of the changed record (issue 13: the suggestions'
writes no longer make each changed record first)."""

from __future__ import annotations

from dataclasses import replace

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
