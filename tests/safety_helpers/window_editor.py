"""Child process of the lock tests: the real main window, offscreen, accepting suggestions on
command, so that the parent can SIGKILL it as `kill -9` would.

    python window_editor.py DB ANNOTATOR SETTINGS_DIR

It starts the way `annotator gui` does (one Store, the MainWindow, the start-up backup job on
its own thread and its own Store on the same file), waits for that backup, and says `ready`.
For each stdin line `accept` it triggers the window's own actions, "Next suggestion" then
"Accept the suggestion at the cursor" (Tab, A), and once the status bar says saved it writes
one JSON `ack` line: the article's state read back through the window's store.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from edit_worker import emit  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from snapshot import article_state  # noqa: E402

from annotator.gui.app import app_settings, application, start_backup  # noqa: E402
from annotator.gui.main_window import MainWindow  # noqa: E402
from annotator.store import Store  # noqa: E402


def trigger(window: MainWindow, text: str) -> None:
    (action,) = [a for a in window.actions_in_menus if a.text() == text]
    action.trigger()


def main() -> int:
    db, annotator, settings_dir = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    app = application()
    with Store.open(db) as store:
        window = MainWindow(store, annotator, app_settings())
        window.show()
        start_backup(window, db)
        if not window.jobs.waitForDone(60_000):
            emit({"error": "the start-up backup did not finish"})
            return 3
        app.processEvents()
        emit({"ready": True, "status": window.status.currentMessage()})
        for command in sys.stdin:
            if command.strip() != "accept":
                emit({"error": f"unknown command {command.strip()!r}"})
                return 3
            article_id = window.editor.article_id
            before = len(window.editor.pending_suggestions())
            trigger(window, "Next suggestion")
            trigger(window, "Accept the suggestion at the cursor")
            app.processEvents()
            if len(window.editor.pending_suggestions()) >= before:
                emit({"error": f"nothing accepted: {window.status.currentMessage()}"})
                return 3
            state = article_state(store, article_id, annotator)
            emit({"ack": window.status.saved.text(), "states": {article_id: state}})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
