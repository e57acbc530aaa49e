"""Child process of the lock tests: a long-lived writer that edits one step at a time.

    python stepped_editor.py DB ANNOTATOR SEED

It opens a `Store` on DB and then opens the same file a second time in this process, the way the
window's start-up backup job does (`Store.open` + `rotate_backups`), and says `ready`. Then, for
every line `edit` read from stdin, it makes one random edit through the Store methods the window
calls (the kill test's `Editor`) and writes one JSON `ack` line (the states the edit could have
touched, read back) once the call returned, i.e. once the window would say "saved". The parent
runs other programs between the steps and finally SIGKILLs it.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from edit_worker import Editor, emit  # noqa: E402
from snapshot import article_state  # noqa: E402

from annotator.store import Store  # noqa: E402
from annotator.store.backup import rotate_backups  # noqa: E402


def main() -> int:
    db, annotator, seed = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    with Store.open(db) as store:
        with Store.open(db) as again:  # the window's start-up backup, in the same process
            rotate_backups(again)
        editor = Editor(store, annotator, store.article_ids(), seed)
        emit({"ready": True})
        for number, command in enumerate(sys.stdin):
            if command.strip() != "edit":
                emit({"error": f"unknown command {command.strip()!r}"})
                return 3
            op, affected, call = editor.pick()
            problem = call()
            if problem:
                emit({"error": f"{op}: {problem}"})
                return 3
            states = {a: article_state(store, a, annotator) for a in affected}
            emit({"ack": number, "op": op, "states": states})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
