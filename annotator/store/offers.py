"""The suggestions a new machine set must keep: pending "label every occurrence" offers.

The `auto` set is the machine's and is replaced whole (a recompute, a merge, a handout), but a
span of rule SAME_STRING was offered on a person's request and no rule makes it again: dropped,
the offer would be lost without a word. So when the set is replaced, each offer still pending is
carried into the new one: no person's span has its label and offsets or was accepted from it,
nobody rejected it, its text is still the article's at its offsets, and the new set does not
hold that label at those offsets already (its own span is kept, not a second one).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from annotator.model import AUTO, SAME_STRING, AnnotationSet
from annotator.store import links
from annotator.store.edits import Recorder

Place = tuple[str, int, int]  # (label, start, end)


@dataclass(frozen=True, slots=True)
class Carried:
    """The offers a replaced machine set keeps, put back once the new set is written."""

    article_id: str
    text: str
    places: tuple[Place, ...] = ()

    def put(self, rec: Recorder) -> None:
        """Each offer as it was made (Store.add_suggestions): an OFFICIAL one joins the official
        of its name in the new set, or makes one."""
        for label, start, end in self.places:
            links.insert_span(
                rec, self.article_id, AUTO, label, start, end, self.text, None, SAME_STRING
            )


def pending_offers(conn: sqlite3.Connection, new: AnnotationSet) -> Carried:
    """The pending same-string offers of the article's stored `auto` set that `new` (the set
    replacing it) does not hold, in text order; none when `new` is not the machine's. Read in
    the caller's transaction, before the old set is deleted."""
    article_id = new.article_id
    if new.annotator != AUTO:
        return Carried(article_id, "")
    offers = conn.execute(
        'SELECT id, label, start, "end", text FROM spans '
        "WHERE article_id = ? AND annotator = ? AND rule = ? ORDER BY start, id",
        (article_id, AUTO, SAME_STRING),
    ).fetchall()
    if not offers:
        return Carried(article_id, "")
    (text,) = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    people = conn.execute(
        'SELECT label, start, "end", origin FROM spans WHERE article_id = ? AND annotator != ?',
        (article_id, AUTO),
    ).fetchall()
    taken = {(row[0], row[1], row[2]) for row in people}
    taken |= {(s.label, s.start, s.end) for s in new.spans}
    accepted = {row[3] for row in people if row[3] is not None}
    rejected = {
        tuple(row)
        for row in conn.execute(
            'SELECT label, start, "end", text FROM rejections WHERE article_id = ?', (article_id,)
        )
    }
    carried: list[Place] = []
    for span_id, label, start, end, stated in offers:
        place = (label, start, end)
        if (
            text[start:end] == stated
            and span_id not in accepted
            and place not in taken
            and (*place, stated) not in rejected
            and place not in carried
        ):
            carried.append(place)
    return Carried(article_id, text, tuple(carried))
