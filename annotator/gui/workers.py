"""Long work off the UI thread: importing pages, recomputing suggestions, backups.

A job opens its OWN `Store` on the database file and reports progress through Qt signals,
which arrive on the UI thread. Its own, because one connection holds one transaction at a time:
a job writing on the window's connection would interleave its BEGIN…COMMIT with the window's
edits. Python would not stop that sharing: the store's connections are made with
`check_same_thread=False`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Signal

from annotator.gui.core_messages import shown
from annotator.messages import Explained
from annotator.store import Store

Work = Callable[[Store, Callable[[int, int], None]], str]  # returns a one-line summary


class JobSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(str)
    failed = Signal(str)


class BackgroundJob(QRunnable):
    def __init__(self, db_path: Path, work: Work) -> None:
        super().__init__()
        self.db_path = db_path
        self.work = work
        self.signals = JobSignals()

    def run(self) -> None:
        try:
            with Store.open(self.db_path) as store:
                message = self.work(store, self.signals.progress.emit)
        except Exception as error:  # reported in the window, never lost in a thread
            self.signals.failed.emit(
                shown(error) if isinstance(error, Explained) else f"{type(error).__name__}: {error}"
            )
        else:
            self.signals.finished.emit(message)

    @classmethod
    def suggest(cls, db_path: Path, article_ids: Sequence[str] | None) -> BackgroundJob:
        def work(store: Store, progress: Callable[[int, int], None]) -> str:
            from annotator.services.suggestions import recompute_suggestions

            count = recompute_suggestions(store, article_ids=article_ids, progress=progress)
            return (
                QCoreApplication.translate("BackgroundJob", "suggestions recomputed for 1 article") if count == 1
                else QCoreApplication.translate("BackgroundJob", "suggestions recomputed for {n} articles").format(n=count)
            )

        return cls(db_path, work)

    @classmethod
    def import_pages(cls, db_path: Path, paths: Sequence[Path], *, suggest: bool) -> BackgroundJob:
        """Import pages, then compute suggestions for the articles read that have none: the
        same path as `annotator import`, on every core. The window runs threads, so the
        worker processes are started by a fork server, never forked from the window."""

        def work(store: Store, progress: Callable[[int, int], None]) -> str:
            from annotator.pool import default_jobs
            from annotator.services.pages import import_pages

            done = import_pages(
                store,
                list(paths),
                suggest=suggest,
                jobs=default_jobs(),
                start_method="forkserver",
                progress=progress,
            )
            n, failed = done.result.imported, done.result.failed
            message = (
                QCoreApplication.translate("BackgroundJob", "imported 1 article") if n == 1 else QCoreApplication.translate("BackgroundJob", "imported {n} articles")
            ).format(n=n)
            return message + (QCoreApplication.translate("BackgroundJob", ", {n} failed").format(n=failed) if failed else "")

        return cls(db_path, work)

    @classmethod
    def backup_at_start(cls, db_path: Path, keep: int) -> BackgroundJob:
        """The rotating backup made when the window opens (SQLite's online backup: safe while
        the window edits); off the UI thread, since a large database takes seconds."""

        def work(store: Store, progress: Callable[[int, int], None]) -> str:
            from annotator.store.backup import rotate_backups

            made = rotate_backups(store, keep=keep)
            return (
                QCoreApplication.translate("BackgroundJob", "backup made: {path}").format(path=made) if made
                else QCoreApplication.translate("BackgroundJob", "backup: nothing changed since the last one")
            )

        return cls(db_path, work)
