"""`--map SRC=DST`: a foreign tool's label names put onto ours before an import checks them.

Two spans that become one (LOC and GPE on the same characters, both mapped to PLACE) are kept
once; an official's mention or an event's evidence on the dropped copy points at the kept one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence

from annotator.formats.base import LabelledText
from annotator.model import relinked


def parse_label_map(pairs: Sequence[str], labels: Collection[str]) -> dict[str, str]:
    """{source: target} of `SRC=DST` pairs; ValueError naming the first bad pair."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        source, equals, target = pair.partition("=")
        source, target = source.strip(), target.strip()
        if not equals or not source or not target:
            raise ValueError(f"--map {pair!r}: write SRC=DST, e.g. PERSON=OFFICIAL")
        if target not in labels:
            raise ValueError(
                f"--map {pair!r}: {target!r} is not a label of this database"
                f" ({', '.join(sorted(labels))})"
            )
        if mapping.get(source, target) != target:
            raise ValueError(f"--map {pair!r}: {source!r} is already mapped to {mapping[source]!r}")
        mapping[source] = target
    return mapping


def relabelled(item: LabelledText, mapping: Mapping[str, str]) -> LabelledText:
    """`item` with every mapped label replaced, each (start, end, label) once."""
    if not mapping or not any(span.label in mapping for span in item.spans):
        return item
    kept: dict[tuple[int, int, str], int | None] = {}
    same_as: dict[int | None, int | None] = {}
    spans = []
    for span in item.spans:
        span = dataclasses.replace(span, label=mapping.get(span.label, span.label))
        key = (span.start, span.end, span.label)
        if key in kept:
            same_as[span.id] = kept[key]
            continue
        kept[key] = span.id
        spans.append(span)

    def moved(span_id: int | None) -> int | None:
        return same_as.get(span_id, span_id)

    officials = tuple(
        dataclasses.replace(
            o,
            mentions=tuple(dict.fromkeys(moved(m) for m in o.mentions)),  # type: ignore[misc]
            **relinked(o, moved),
        )
        for o in item.officials
    )
    events = tuple(
        dataclasses.replace(e, evidence=moved(e.evidence), **relinked(e, moved))
        for e in item.events
    )
    return dataclasses.replace(item, spans=tuple(spans), officials=officials, events=events)
