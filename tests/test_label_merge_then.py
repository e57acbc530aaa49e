"""Two lines of one article (Prodigy) add up: `then` keeps every count of both changes."""

from __future__ import annotations

import dataclasses

from annotator.formats.label_merge import SetChange, then
from annotator.model import AnnotationSet


def _change(start: int) -> SetChange:
    counts = [f.name for f in dataclasses.fields(SetChange) if f.name != "result"]
    aset = AnnotationSet(article_id="a", annotator="x")
    return SetChange(aset, **{name: start + n for n, name in enumerate(counts)})


def test_then_sums_every_count_and_keeps_what_the_first_line_found() -> None:
    first, second = _change(1), _change(10)
    both = then(first, second)
    for f in dataclasses.fields(SetChange):
        if f.name == "result":
            assert both.result is second.result
        elif f.name == "kept":
            assert both.kept == first.kept
        else:
            assert getattr(both, f.name) == getattr(first, f.name) + getattr(second, f.name), f.name


def test_a_note_changed_by_the_first_line_alone_still_changes_the_set() -> None:
    aset = AnnotationSet(article_id="a", annotator="x")
    noted = SetChange(aset, added=0, removed=0, kept=2, notes_changed=1)
    assert then(noted, SetChange(aset, added=0, removed=0, kept=2)).changes_labels
