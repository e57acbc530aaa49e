"""File ▸ Import pages… and File ▸ Export…: the CLI's choices in a dialog, the work in the
background with a progress dialog that can cancel, and a summary at the end.

The work is the CLI's: `services.pages.import_pages` and `services.export.export`, on the job's
own connection (workers.py). Cancel makes the next progress call raise `Cancelled` (a
KeyboardInterrupt, as Ctrl+C is to the CLI): an import keeps every batch already stored and
the suggestions stored so far; an export leaves its target as it was (files and folders are
written whole or not at all).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.cleaning import DEFAULT_MAX_BYTES
from annotator.gui.core_messages import shown
from annotator.gui.workers import BackgroundJob, Work
from annotator.model import AUTO, ImportResult
from annotator.pool import default_jobs
from annotator.services.export import EXPORT_CHOICES, ExportRefused, ExportRequest, check_request
from annotator.store import Store

Progress = Callable[[int, int], None]
SHOWN_FAILURES = 200  # reasons listed in the summary's details; the rest are counted


def tr(text: str) -> str:
    # lupdate files a module-level tr("…") under the empty context: look it up there
    return QCoreApplication.translate("", text)


class Cancelled(KeyboardInterrupt):
    """The person pressed Cancel: raised from the next progress call of the work."""


@dataclass(frozen=True, slots=True)
class Summary:
    """What a run did, for the dialog at its end: one headline, then a line per failure."""

    headline: str
    details: tuple[str, ...] = ()
    cancelled: bool = False
    ok: bool = True


@dataclass
class Run:
    """One import or export under way: its cancel flag and, once done, its summary."""

    cancel: threading.Event = field(default_factory=threading.Event)
    summary: Summary | None = None

    def checked(self, progress: Progress) -> Progress:
        def step(done: int, total: int) -> None:
            if self.cancel.is_set():
                raise Cancelled
            progress(done, total)

        return step


# -- import ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportChoices:
    paths: tuple[Path, ...]
    suggest: bool = True  # the CLI's default; --no-suggest turns it off
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int = 1


def import_summary(
    result: ImportResult, *, to_suggest: int = 0, suggested: int = 0, stopped: str | None = None
) -> Summary:
    """The summary of an import: counts, each failed file with its reason, and where a cancel
    stopped it (`stopped`: "importing" or "suggesting")."""
    counts = tr("imported {new}, already present {present}, failed {failed}").format(
        new=result.imported, present=result.already_present, failed=result.failed
    )
    if stopped == "importing":
        headline = tr("Cancelled while importing: the batches already stored are kept ({counts}); "
                      "import the same pages again to finish.").format(counts=counts)
    elif stopped == "suggesting":
        headline = tr("Cancelled while suggesting: every article imported is kept ({counts}), "
                      "and the suggestions stored so far; import again (or recompute) for the "
                      "rest.").format(counts=counts)
    else:
        headline = counts.capitalize() + (
            tr("; suggestions computed for {n} article(s)").format(n=suggested) if to_suggest else ""
        )
    failures = [f"{path}: {shown(reason)}" for path, reason in result.failures]
    if len(failures) > SHOWN_FAILURES:
        rest = len(failures) - SHOWN_FAILURES
        failures = failures[:SHOWN_FAILURES] + [tr("… and {n} more").format(n=rest)]
    return Summary(headline, tuple(failures), cancelled=stopped is not None, ok=not result.failed)


def import_work(choices: ImportChoices, run: Run, phase: Callable[[str], None]) -> Work:
    def work(store: Store, progress: Progress) -> str:
        from annotator.importing import ImportInterrupted
        from annotator.services.pages import SuggestingInterrupted, import_pages

        step = run.checked(progress)
        try:
            done = import_pages(
                store,
                list(choices.paths),
                max_bytes=choices.max_bytes,
                suggest=choices.suggest,
                jobs=choices.jobs,
                start_method="forkserver",  # the window runs threads: never fork it
                progress=step,
                on_suggesting=lambda _result, count: phase(
                    tr("Computing suggestions for {n} article(s)…").format(n=count)
                ),
            )
        except ImportInterrupted as stop:
            run.summary = import_summary(stop.result, stopped="importing")
        except SuggestingInterrupted as stop:
            run.summary = import_summary(
                stop.done.result, to_suggest=stop.done.to_suggest, stopped="suggesting"
            )
        else:
            run.summary = import_summary(
                done.result, to_suggest=done.to_suggest, suggested=done.suggested
            )
        return run.summary.headline

    return work


class ImportDialog(QDialog):
    """The pages to import and the CLI's options: suggest or not, the size limit, processes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import pages"))
        self.setMinimumWidth(560)  # room for a path
        self.paths = QListWidget()
        add_files = QPushButton(self.tr("Add files…"))
        add_folder = QPushButton(self.tr("Add folder…"))
        remove = QPushButton(self.tr("Remove"))
        add_files.clicked.connect(self._add_files)
        add_folder.clicked.connect(self._add_folder)
        remove.clicked.connect(self._remove_selected)
        buttons_row = QHBoxLayout()
        for button in (add_files, add_folder, remove):
            buttons_row.addWidget(button)
        buttons_row.addStretch(1)
        self.suggest = QCheckBox(self.tr("Compute suggestions for the articles read"))
        self.suggest.setChecked(True)
        self.max_kib = QSpinBox()
        self.max_kib.setRange(1, 2**31 // 1024 - 1)
        self.max_kib.setValue(DEFAULT_MAX_BYTES // 1024)
        self.max_kib.setSuffix(" KiB")
        self.jobs = QSpinBox()
        self.jobs.setRange(1, max(1, default_jobs()))
        self.jobs.setValue(default_jobs())
        form = QFormLayout()
        form.addRow(self.tr("Refuse pages larger than"), self.max_kib)
        form.addRow(self.tr("Worker processes"), self.jobs)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr(".txt, .html/.htm and .jsonl pages; folders are walked recursively. "
                              "A page already imported is counted, not added again."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.paths)
        layout.addLayout(buttons_row)
        layout.addWidget(self.suggest)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.paths.model().rowsInserted.connect(self._enable)
        self.paths.model().rowsRemoved.connect(self._enable)
        self._enable()

    def add_paths(self, paths: Sequence[str | Path]) -> None:
        present = {self.paths.item(i).text() for i in range(self.paths.count())}
        for path in map(str, paths):
            if path not in present:
                present.add(path)
                self.paths.addItem(path)

    def _remove_selected(self) -> None:
        for item in self.paths.selectedItems():
            self.paths.takeItem(self.paths.row(item))

    def _add_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Pages to import"), "",
            self.tr("Pages (*.txt *.html *.htm *.jsonl);;All files (*)"),
        )
        self.add_paths(files)

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("A folder of pages"))
        if folder:
            self.add_paths([folder])

    def _enable(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.paths.count() > 0)

    def choices(self) -> ImportChoices:
        return ImportChoices(
            paths=tuple(Path(self.paths.item(i).text()) for i in range(self.paths.count())),
            suggest=self.suggest.isChecked(),
            max_bytes=self.max_kib.value() * 1024,
            jobs=self.jobs.value(),
        )


# -- export ------------------------------------------------------------------------------------

FLAGS = {  # ExportRequest field: what the check box says (the CLI's option in brackets)
    "original": QT_TRANSLATE_NOOP(
        "ExportDialog", "Add the page text as decoded, spans mapped onto it (--original)"
    ),
    "relations": QT_TRANSLATE_NOOP("ExportDialog", "Relations beside the spans (--relations)"),
    "tab": QT_TRANSLATE_NOOP(
        "ExportDialog", "Token and tag separated by a tab, no -DOCSTART- (--tab)"
    ),
    "csv": QT_TRANSLATE_NOOP("ExportDialog", "One row per person × post, CSV (--csv)"),
    "body_only": QT_TRANSLATE_NOOP(
        "ExportDialog", "Cut boilerplate regions out of the text (--body-only)"
    ),
}


def export_work(request: ExportRequest, run: Run) -> Work:
    def work(store: Store, progress: Progress) -> str:
        from annotator.formats.base import FormatError
        from annotator.services.export import export
        from annotator.store import StoreError

        total = store.count_articles()  # records are about one per article and person
        step = run.checked(progress)
        try:
            done = export(store, request, progress=lambda written: step(written, max(total, written)))
        except Cancelled:
            run.summary = Summary(
                tr("Cancelled: nothing was written; {out} is as it was.").format(out=request.out),
                cancelled=True,
            )
        except (ExportRefused, FormatError, StoreError, OSError) as error:
            run.summary = Summary(
                tr("Export failed, nothing was written: {error}").format(error=shown(error)), ok=False
            )
        else:
            unit = tr("records") if done.unit == "records" else tr("persons")
            run.summary = Summary(
                tr("Exported {count} {unit} as {format} to {out}").format(
                    count=done.count, unit=unit, format=request.format, out=request.out
                )
            )
        return run.summary.headline

    return work


class ExportDialog(QDialog):
    """The CLI's export choices: format, whose labels, the format's options, where to."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.setMinimumWidth(640)  # room for a path and the longest option
        self.format = QComboBox()
        self.format.addItems(list(EXPORT_CHOICES))
        self.whose = QComboBox()
        self.whose.addItem(self.tr("every person's labels"), None)
        for name in store.annotators():
            if name != AUTO:
                self.whose.addItem(name, name)
        self.flags = {name: QCheckBox(self.tr(text)) for name, text in FLAGS.items()}
        self.out = QLineEdit()
        self.out.setPlaceholderText(self.tr("a file, or a folder for brat and Label Studio"))
        choose_file = QPushButton(self.tr("File…"))
        choose_folder = QPushButton(self.tr("Folder…"))
        choose_file.clicked.connect(self._choose_file)
        choose_folder.clicked.connect(self._choose_folder)
        target = QHBoxLayout()
        target.addWidget(self.out, 1)
        target.addWidget(choose_file)
        target.addWidget(choose_folder)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Labels of"), self.whose)
        form.addRow(self.tr("Write to"), target)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for box in self.flags.values():
            layout.addWidget(box)
            box.toggled.connect(self._check)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.format.currentTextChanged.connect(self._format_changed)
        self.out.textChanged.connect(self._check)
        self._format_changed()

    def _format_changed(self) -> None:
        """Only the options the chosen format takes can be ticked (as the CLI refuses others)."""
        chosen = self.format.currentText()
        for name, box in self.flags.items():
            try:
                check_request(ExportRequest(format=chosen, out=Path("x"), **{name: True}))
            except ExportRefused:
                box.setChecked(False)
                box.setEnabled(False)
            else:
                box.setEnabled(True)
        self._check()

    def request(self) -> ExportRequest:
        text = self.out.text().strip()
        return ExportRequest(
            format=self.format.currentText(),
            out=Path(text).expanduser() if text else None,
            annotator=self.whose.currentData(),
            **{name: box.isChecked() for name, box in self.flags.items()},
        )

    def _check(self) -> None:
        request = self.request()
        problem = ""
        try:
            check_request(request)
        except ExportRefused as refused:
            problem = shown(refused)
        if request.out is None:
            problem = self.tr("say where the export goes")
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.out.text())
        if path:
            self.out.setText(path)

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Export into the folder"), self.out.text())
        if path:
            self.out.setText(path)


# -- running one -------------------------------------------------------------------------------


class _Phase(QObject):
    changed = Signal(str)  # emitted in the job's thread, shown on the UI thread


class TransferProgress(QObject):
    """A job under a progress dialog whose Cancel stops it; then the summary box."""

    ended = Signal(object)  # the Summary

    def __init__(self, parent: QWidget, title: str, run: Run, job: BackgroundJob) -> None:
        super().__init__(parent)
        self.run = run
        self.summary_box: QMessageBox | None = None
        self.dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        job.signals.progress.connect(self._progress)
        job.signals.finished.connect(lambda _headline: self._end(run.summary))
        job.signals.failed.connect(lambda problem: self._end(Summary(problem, ok=False)))
        self.dialog.show()

    def cancel(self) -> None:
        self.run.cancel.set()
        self.dialog.setLabelText(self.tr("Cancelling: finishing the batch under way…"))

    def set_phase(self, text: str) -> None:
        self.dialog.setLabelText(text)
        self.dialog.setValue(0)

    def _progress(self, done: int, total: int) -> None:
        if self.run.cancel.is_set():
            return
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))

    def _end(self, summary: Summary | None) -> None:
        self.dialog.close()
        summary = summary or Summary(self.tr("stopped without a summary"), ok=False)
        icon = QMessageBox.Icon.Information if summary.ok else QMessageBox.Icon.Warning
        box = QMessageBox(icon, self.dialog.windowTitle(), summary.headline,
                          QMessageBox.StandardButton.Ok, self.parent())  # type: ignore[arg-type]
        if summary.details:
            box.setInformativeText(self.tr("{n} file(s) failed; the reasons are in the details.")
                                   .format(n=len(summary.details)))
            box.setDetailedText("\n".join(summary.details))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.summary_box = box
        box.open()
        self.ended.emit(summary)


def start_import(window: QWidget, db_path: Path, choices: ImportChoices,
                 start: Callable[[BackgroundJob], None]) -> TransferProgress:
    run = Run()
    phase = _Phase()
    job = BackgroundJob(db_path, import_work(choices, run, phase.changed.emit))
    progress = TransferProgress(window, tr("Importing pages…"), run, job)
    phase.setParent(progress)
    phase.changed.connect(progress.set_phase)
    start(job)
    return progress


def start_export(window: QWidget, db_path: Path, request: ExportRequest,
                 start: Callable[[BackgroundJob], None]) -> TransferProgress:
    run = Run()
    job = BackgroundJob(db_path, export_work(request, run))
    progress = TransferProgress(window, tr("Exporting…"), run, job)
    start(job)
    return progress
