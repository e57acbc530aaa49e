"""Child of the full-disk test: bulk-import under a file-size limit until the store refuses.

    python fill_disk.py DB LIMIT_BYTES PER_BATCH

Prints `ok N` after the N-th batch is stored, then `refused CLASS: MESSAGE` for the first error.
The limit (RLIMIT_FSIZE, SIGXFSZ ignored) makes writes past it fail as on a full disk.
"""

from __future__ import annotations

import resource
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bulk_import import article  # noqa: E402

from annotator.store import Store, StoreError  # noqa: E402

db, limit, per_batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
with Store.open(db) as store:
    batch = 0
    try:
        while True:
            numbers = range(batch * per_batch, (batch + 1) * per_batch)
            store.add_articles(article(n) for n in numbers)
            batch += 1
            print(f"ok {batch}", flush=True)
    except StoreError as error:
        print(f"refused {type(error).__name__}: {error}", flush=True)
