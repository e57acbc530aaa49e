"""Two officials of one set that are one person become one record.

`fold_official` works on the rows of the open command (`Recorder`), so the merge is logged and
undone as one step, like `links`.
"""

from __future__ import annotations

from dataclasses import replace

from annotator.model import Official
from annotator.store import codec
from annotator.store.edits import Recorder
from annotator.store.links import replace_participant


def _joined(first: tuple[object, ...], second: tuple[object, ...]) -> tuple[object, ...]:
    """`first` then what `second` adds, in order, each once."""
    return tuple(dict.fromkeys((*first, *second)))


def merged_official(target: Official, source: Official) -> Official:
    """`target` (its id and name) with `source`'s mentions, titles and title links joined after
    its own and `source`'s organization (and its link) when `target` has none."""
    organization_span = target.organization_span
    if organization_span is None and target.organization in (None, "", source.organization):
        organization_span = source.organization_span  # the organization target takes or has
    return replace(
        target,
        titles=_joined(target.titles, source.titles),  # type: ignore[arg-type]
        organization=target.organization or source.organization,
        mentions=_joined(target.mentions, source.mentions),  # type: ignore[arg-type]
        title_spans=_joined(target.title_spans, source.title_spans),  # type: ignore[arg-type]
        organization_span=organization_span,
    )


def fold_official(rec: Recorder, source: Official, target: Official) -> Official:
    """Merge `source` into `target`: events naming `source` name `target` (once), `source` is
    deleted, `target` gets `merged_official`."""
    replace_participant(rec, source, target.id)
    rec.put("officials", source.id, None)
    merged = merged_official(target, source)
    rec.put("officials", target.id, codec.record_row(merged))
    return merged
