"""Child process of the kill test: applies random edits through the Store methods the GUI calls.

    python edit_worker.py DB ANNOTATOR SEED MAX_EDITS

For every edit it writes, flushed, one JSON line before the call (`intent`) and one after the call
returned (`ack`, with the state of the articles the edit could have touched, read back through the
store). The parent kills it with SIGKILL at a random moment and checks that the database holds
every acknowledged state. Exit status 3: a store call misbehaved (the line says how).
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from snapshot import article_state  # noqa: E402

from annotator.model import AUTO, STATUSES, Event, Official  # noqa: E402
from annotator.store import Store  # noqa: E402

TITLES = ("自治区党委书记", "省长", "副主席", "兵团司令员", "市委书记")
PLACES = ("乌鲁木齐", "郑州", "喀什", None)
MAX_SPANS = 40  # past this many, the worker prefers deleting, so snapshots stay small


def emit(line: dict) -> None:
    sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    sys.stdout.flush()


class Editor:
    """Picks and applies one random edit; says which articles it may have changed."""

    def __init__(self, store: Store, annotator: str, article_ids: list[str], seed: int) -> None:
        self.store = store
        self.annotator = annotator
        self.article_ids = article_ids
        self.rng = random.Random(seed)
        self.labels = store.schema.names()

    def pick(self) -> tuple[str, list[str], Callable[[], str | None]]:
        """(operation name, affected article ids, a call returning a problem or None)."""
        article_id = self.rng.choice(self.article_ids)
        aset = self.store.get_annotation_set(article_id, self.annotator)
        spans, officials, events = aset.spans, aset.officials, aset.events
        choices = ["add"] * (1 if len(spans) > MAX_SPANS else 6)
        if spans:
            choices += ["relabel"] * 2 + ["delete_span"] * (6 if len(spans) > MAX_SPANS else 2)
            choices += ["official", "event"]
        if officials:
            choices += ["delete_official"]
        if any(o.name.strip() for o in officials):  # an OFFICIAL span on blank text: no name
            choices += ["edit_official"]
        if events:
            choices += ["edit_event", "delete_event"]
        if self.store.get_annotation_set(article_id, AUTO).spans:
            choices += ["accept", "accept", "reject"]
        choices += ["status", "undo", "undo", "redo", "undo_any"]
        op = self.rng.choice(choices)
        every = list(self.article_ids)
        return (
            op,
            every if op in ("undo_any",) else [article_id],
            getattr(self, op)(article_id, spans, officials, events),
        )

    # Each returns the call to make; the call returns a problem with the result, or None.

    def add(self, article_id, spans, officials, events):
        text = self.store.article_text(article_id)
        start = self.rng.randrange(0, len(text) - 8)
        while text[start].isspace():  # the store refuses entity spans of white space only
            start = self.rng.randrange(0, len(text) - 8)
        end = start + self.rng.randint(1, 6)
        label = self.rng.choice(self.labels)

        def call():
            span = self.store.add_span(article_id, self.annotator, label, start, end)
            if (span.label, span.start, span.end, span.text) != (
                label,
                start,
                end,
                text[start:end],
            ):
                return f"add_span returned {span}"
            return self._present(article_id, span.id, label)

        return call

    def relabel(self, article_id, spans, officials, events):
        span = self.rng.choice(spans)
        label = self.rng.choice(self.labels)
        return lambda: self._present(article_id, self.store.relabel_span(span.id, label).id, label)

    def delete_span(self, article_id, spans, officials, events):
        span = self.rng.choice(spans)

        def call():
            self.store.delete_span(span.id)
            return self._absent(article_id, span.id)

        return call

    def official(self, article_id, spans, officials, events):
        mentions = tuple(s.id for s in self.rng.sample(spans, min(len(spans), 2)))
        new = Official(
            article_id,
            self.annotator,
            name=f"官员{self.rng.randrange(1000)}",
            titles=(self.rng.choice(TITLES),),
            mentions=mentions,
        )
        return lambda: self._record_saved(article_id, self.store.save_official(new), "officials")

    def edit_official(self, article_id, spans, officials, events):
        named = [o for o in officials if o.name.strip()]
        changed = replace(
            self.rng.choice(named),
            titles=tuple(self.rng.sample(TITLES, 2)),
            organization=self.rng.choice(PLACES),
        )
        return lambda: self._record_saved(
            article_id, self.store.save_official(changed), "officials"
        )

    def delete_official(self, article_id, spans, officials, events):
        official = self.rng.choice(officials)
        return lambda: self.store.delete_official(official.id)

    def event(self, article_id, spans, officials, events):
        new = Event(
            article_id,
            self.annotator,
            self.rng.choice(self.store.schema.event_types),
            date=f"2024-09-{self.rng.randint(1, 28):02d}",
            place=self.rng.choice(PLACES),
            participants=tuple(o.id for o in officials[:2]),
            evidence=self.rng.choice(spans).id if self.rng.random() < 0.5 else None,
        )
        return lambda: self._record_saved(article_id, self.store.save_event(new), "events")

    def edit_event(self, article_id, spans, officials, events):
        changed = replace(self.rng.choice(events), place=self.rng.choice(PLACES))
        return lambda: self._record_saved(article_id, self.store.save_event(changed), "events")

    def delete_event(self, article_id, spans, officials, events):
        event = self.rng.choice(events)
        return lambda: self.store.delete_event(event.id)

    def accept(self, article_id, spans, officials, events):
        auto = self.store.get_annotation_set(article_id, AUTO).spans
        # an article may hold fewer than three suggestions
        chosen = [s.id for s in self.rng.sample(auto, self.rng.randint(1, min(3, len(auto))))]

        def call():
            accepted = self.store.accept_suggestions(chosen, self.annotator)
            return next(
                filter(None, (self._present(article_id, s.id, s.label) for s in accepted)), None
            )

        return call

    def reject(self, article_id, spans, officials, events):
        suggestion = self.rng.choice(self.store.get_annotation_set(article_id, AUTO).spans)
        return lambda: self.store.reject_suggestion(suggestion.id, self.annotator)

    def status(self, article_id, spans, officials, events):
        status = self.rng.choice(STATUSES)

        def call():
            self.store.set_status(article_id, self.annotator, status)
            found = self.store.get_annotation_set(article_id, self.annotator).status
            return None if found == status else f"status {found}, expected {status}"

        return call

    def undo(self, article_id, spans, officials, events):
        return lambda: self.store.undo(self.annotator, article_id) and None

    def redo(self, article_id, spans, officials, events):
        return lambda: self.store.redo(self.annotator, article_id) and None

    def undo_any(self, article_id, spans, officials, events):
        return lambda: self.store.undo(self.annotator) and None

    # -- checks of a returned result against what the store now holds ---------------------------

    def _present(self, article_id: str, span_id: int | None, label: str) -> str | None:
        found = {
            s.id: s.label for s in self.store.get_annotation_set(article_id, self.annotator).spans
        }
        return None if found.get(span_id) == label else f"span {span_id} {label} not stored"

    def _absent(self, article_id: str, span_id: int | None) -> str | None:
        ids = {s.id for s in self.store.get_annotation_set(article_id, self.annotator).spans}
        return f"deleted span {span_id} still there" if span_id in ids else None

    def _record_saved(self, article_id: str, record, kind: str) -> str | None:
        stored = getattr(self.store.get_annotation_set(article_id, self.annotator), kind)
        return None if record in stored else f"{kind[:-1]} {record} not stored as returned"


def main() -> int:
    db, annotator, seed, max_edits = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with Store.open(db) as store:
        article_ids = store.article_ids()
        editor = Editor(store, annotator, article_ids, seed)
        for number in range(max_edits):
            op, affected, call = editor.pick()
            emit({"intent": number, "op": op, "articles": affected})
            problem = call()
            states = {a: article_state(store, a, annotator) for a in affected}
            if problem:
                emit({"error": f"{op}: {problem}"})
                return 3
            emit({"ack": number, "op": op, "states": states})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
