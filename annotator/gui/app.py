"""Starting the window: the application object, settings, the annotator's name, first-run import."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QProgressDialog, QWidget

from annotator.gui.i18n import chosen_language, install_language
from annotator.gui.main_window import MainWindow
from annotator.gui.workers import BackgroundJob
from annotator.model import check_person_name
from annotator.resources import resource_path, seeds_dir
from annotator.store import Store

ORGANIZATION = "annotator"
APPLICATION = "annotator"
ANNOTATOR_KEY = "annotator/name"


def app_settings() -> QSettings:
    """The user's settings as an INI file (tests point `QSettings.setPath` at a temp dir)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


def display_problem() -> str | None:
    """Why no window can open here, or None when one can."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return None
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return (
            "no display: DISPLAY is not set. Run it under a virtual screen, e.g. "
            "`xvfb-run -s '-screen 0 1600x1000x24' annotator gui`, or set "
            "QT_QPA_PLATFORM=offscreen for a headless run"
        )
    return None


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
        app.setOrganizationName(ORGANIZATION)
        app.setApplicationName(APPLICATION)
    style = resource_path("style.qss")
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def ask_annotator(settings: QSettings, parent: QWidget | None = None) -> str | None:
    """The remembered name, or ask once and remember it; None if the person cancels.

    A reserved name (`auto`, `gold`: model.check_person_name), typed or remembered from before
    the rule, is asked again with the reason.
    """
    name = str(settings.value(ANNOTATOR_KEY) or "").strip()
    prompt = QCoreApplication.translate("App", "Your name (it is stored with every label you make):")
    while problem := check_person_name(name):
        name, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("App", "Welcome to annotator"),
            prompt if not name else f"{problem}.\n{prompt}",
            text=getpass.getuser() if not name else "",
        )
        if not ok:
            return None
        name = name.strip()
    settings.setValue(ANNOTATOR_KEY, name)
    return name


BACKUPS_KEPT = 10  # rotating `-start-` backups; `annotator backup` copies are never deleted


def start_backup(window: MainWindow, db_path: Path) -> BackgroundJob:
    job = BackgroundJob.backup_at_start(db_path, keep=BACKUPS_KEPT)
    job.signals.finished.connect(lambda message: window.status.showMessage(message, 5000))
    job.signals.failed.connect(
        lambda message: window.status.show_problem(
            QCoreApplication.translate("App", "backup failed: {message}").format(message=message)
        )
    )
    window.start_job(job)
    return job


def import_seeds_when_empty(window: MainWindow) -> BackgroundJob | None:
    """On the very first run, import the bundled demo pages (with suggestions) in the background."""
    store = window.store
    if store.count_articles() or store.path is None or store.get_setting("seeds_imported"):
        return None
    store.set_setting("seeds_imported", "1")
    job = BackgroundJob.import_pages(store.path, [seeds_dir()], suggest=True)
    dialog = QProgressDialog(QCoreApplication.translate("App", "Importing the demo pages…"), "", 0, 0, window)
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(300)
    job.signals.progress.connect(
        lambda done, total: (dialog.setMaximum(total), dialog.setValue(done))
    )

    def finished(message: str) -> None:
        dialog.close()
        window.refresh()
        window.list_panel.step(1)
        window.status.showMessage(message, 8000)

    job.signals.finished.connect(finished)
    job.signals.failed.connect(
        lambda message: (dialog.close(), window.status.show_problem(message))
    )
    window.start_job(job)
    return job


def run_window(
    db_path: Path | None, annotator: str | None, *, screenshot: Path | None = None
) -> int:
    app = application()
    settings = app_settings()
    install_language(chosen_language(settings))  # the first question is asked in it too
    name = annotator or ask_annotator(settings)
    if name is None:
        return 1
    with Store.open(db_path) as store:
        window = MainWindow(store, name, settings)
        window.show()
        if store.path is not None and store.count_articles():
            start_backup(window, store.path)
        import_seeds_when_empty(window)
        if screenshot is not None:

            def grab() -> None:
                window.jobs.waitForDone()
                app.processEvents()
                window.grab().save(str(screenshot))
                window.close()

            QTimer.singleShot(1500, grab)
        return app.exec()
