"""The second `O`: offer a label at its string in every article, off the UI thread.

The work is `services.everywhere.offer_in_every_article` on the job's own connection (see
workers.py); progress reaches the status bar through the job's signals.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from annotator.gui.workers import BackgroundJob
from annotator.store import Store


def tr(text: str) -> str:
    # lupdate files a module-level tr("…") under the empty context: look it up there
    return QCoreApplication.translate("", text)


def offer_everywhere_job(db_path: Path, annotator: str, label: str, text: str) -> BackgroundJob:
    def work(store: Store, progress: Callable[[int, int], None]) -> str:
        from annotator.services.everywhere import offer_in_every_article

        done = offer_in_every_article(store, annotator, label, text, progress=progress)
        return tr("offered {label} {text!r} at {places} place(s) in {articles} article(s) "
                  "({looked} hold the string): they are suggestions, Tab/A/X in each").format(
            label=label,
            text=text,
            places=done.places,
            articles=done.articles,
            looked=done.looked_at,
        )

    return BackgroundJob(db_path, work)
