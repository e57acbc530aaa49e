"""The side panel's records: each annotator's officials and events beside gold's, as HTML."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from annotator.model import GOLD, AnnotationSet


def set_records_html(name: str, aset: AnnotationSet | None) -> str:
    if aset is None:
        return f"<p><b>{escape(name)}</b>: no annotation set</p>"
    names = {o.id: o.name for o in aset.officials}
    officials = [
        escape(o.name)
        + (f" — {escape('、'.join(o.titles))}" if o.titles else "")
        + (f" ({escape(o.organization)})" if o.organization else "")
        for o in sorted(aset.officials, key=lambda o: o.name)
    ]
    events = [
        escape(" ".join(x for x in (e.type, e.date, e.place) if x))
        + (
            " · " + escape("、".join(names.get(p, "?") for p in e.participants))
            if e.participants
            else ""
        )
        for e in aset.events
    ]
    lines = [f"<b>{escape(name)}</b> ({escape(aset.status.replace('_', ' '))})"]
    lines += [f"&nbsp;&nbsp;official: {o}" for o in officials] or ["&nbsp;&nbsp;no officials"]
    lines += [f"&nbsp;&nbsp;event: {e}" for e in events] or ["&nbsp;&nbsp;no events"]
    return "<p>" + "<br>".join(lines) + "</p>"


def records_html(
    names: Sequence[str], sets: Sequence[AnnotationSet | None], gold: AnnotationSet
) -> str:
    parts = [set_records_html(n, s) for n, s in zip(names, sets, strict=True)]
    return "".join([*parts, set_records_html(GOLD, gold)])
