"""What an annotator sees of one article, as plain JSON-able data: the unit the kill test compares.

Left out on purpose: `updated_at` (a clock reading) and `seconds` (a running count that `add_time`
changes outside commands).
"""

from __future__ import annotations

from typing import Any

from annotator.store import Store


def article_state(store: Store, article_id: str, annotator: str) -> dict[str, Any]:
    aset = store.get_annotation_set(article_id, annotator)
    return {
        "exists": store.has_annotation_set(article_id, annotator),
        "status": aset.status,
        "spans": sorted([s.id, s.label, s.start, s.end, s.text, s.origin] for s in aset.spans),
        "officials": sorted(
            [o.id, o.name, list(o.titles), o.organization, list(o.mentions)] for o in aset.officials
        ),
        "events": sorted(
            [e.id, e.type, e.date, e.end_date, e.place, list(e.participants), e.evidence]
            for e in aset.events
        ),
        "rejected": sorted(list(r) for r in store.rejected(article_id, annotator)),
    }
