"""Child of the undo-after-kill test: label the given spans one command each, say so, then hang.

    python label_then_hang.py DB ANNOTATOR ARTICLE_ID LABEL:START:END ...

Prints `done N` (flushed) after the N-th span is stored, then sleeps until it is killed.
"""

from __future__ import annotations

import sys
import time

from annotator.store import Store

db, annotator, article_id, *spans = sys.argv[1:]
store = Store.open(db)
for number, spec in enumerate(spans, start=1):
    label, start, end = spec.rsplit(":", 2)
    store.add_span(article_id, annotator, label, int(start), int(end))
    print(f"done {number}", flush=True)
time.sleep(600)
