"""The reviewer's window: settle the annotators' disagreements into `gold`, article by article.

Left, the articles, worst agreement first, with gold's status. Middle, the text once, a lane per
annotator under every line (`LanesView`), and the current disagreement with one button per
choice. Right, the agreement figures of the article and of the corpus, and the records
(officials and events) record by record, a row per annotator's version and gold's.

Keys (all in the menu bar): Tab/J and Shift+Tab/K move between disagreements, the one in hand
kept in view with its lanes; 1, 2, … take that annotator's version; E gives gold a span of its
own, chosen by selecting text; Shift+A accepts every agreed span and record; R and Shift+R
move between records; Ctrl+1, Ctrl+2, … take that annotator's version of the record, Ctrl+0
none of them, Ctrl+E edits it; Ctrl+Shift+1, … take all of that annotator's records;
Ctrl+Enter marks the article adjudicated (refused while anything is open) and opens the next
one; Ctrl+Z and Ctrl+Shift+Z undo and redo this window's decisions, across articles; Ctrl+W or
Esc closes.

The corpus figures (which also order the list) are measured on a thread with its own database
connection; an in-memory store has only one connection, so there it is measured on the UI
thread, after the window has shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from html import escape
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMenuBar,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.core_messages import shown
from annotator.gui.guidelines import GuidelinesPanel
from annotator.gui.i18n import (
    RetranslatedWhenShown,
    chosen_language,
    install_language,
    label_shown,
    schema_language,
    status_shown,
)
from annotator.gui.plain import plain_action_text, plain_window_title, rich_literal
from annotator.gui.review_edit_dialog import RecordEditDialog, SpanEditDialog
from annotator.gui.review_figures import FiguresBox
from annotator.gui.review_lanes import LanesView
from annotator.gui.review_layout import disagreement_boxes, lane_bars
from annotator.gui.review_list_model import ReviewListModel, article_scores
from annotator.gui.review_notes import NotesPane
from annotator.gui.review_records import RecordsView
from annotator.gui.screen_fit import resize_within_screen
from annotator.model import GOLD
from annotator.review.adjudication import (
    Adjudicator,
    ArticleState,
    OpenDisagreements,
    check_annotators,
    open_disagreements,
)
from annotator.review.agreement import CorpusAgreement, measure_agreement
from annotator.review.disagreements import ENTITIES, gold_inside, span_key
from annotator.review.loading import load_article_sets
from annotator.store import Store, StoreError


def first_change(before: Sequence[object], after: Sequence[object]) -> int | None:
    """The first index of `after` that differs from `before` (one added at the end counts)."""
    changed = (i for i, (old, new) in enumerate(zip(before, after, strict=False)) if old != new)
    first = next(changed, None)
    if first is None and len(after) > len(before):
        return len(before)
    return first


class CorpusWorker(QThread):
    """Measures the corpus agreement over its own connection to the database file."""

    measured = Signal(object)  # CorpusAgreement
    failed = Signal(str)

    def __init__(self, path: Path, annotators: Sequence[str], parent: QWidget) -> None:
        super().__init__(parent)
        self._path = path
        self._annotators = tuple(annotators)

    def run(self) -> None:
        try:
            with Store.open(self._path) as store:
                articles = load_article_sets(store, self._annotators)
                result = measure_agreement(articles, self._annotators)
        except (StoreError, ValueError) as error:
            self.failed.emit(shown(error))
            return
        self.measured.emit(result)


class ReviewWindow(RetranslatedWhenShown, QMainWindow):
    corpus_measured = Signal(object)  # the CorpusAgreement now shown

    def __init__(
        self,
        store: Store,
        annotators: Sequence[str] | None = None,
        parent: QWidget | None = None,
        *,
        owns_store: bool = False,
    ) -> None:
        super().__init__(parent)
        self.store = store
        if owns_store:
            # Closed with the window's C++ object, not at closeEvent: until the deferred delete
            # runs, Qt may still repaint the list, which reads the store.
            self.destroyed.connect(lambda *_: store.close())
        self.annotators = check_annotators(store, annotators)
        self.adjudicator = Adjudicator(store, self.annotators)
        self.state: ArticleState | None = None
        self.current: int | None = None  # index of the disagreement in hand
        self.current_record: int | None = None  # index of the record (RecordSlot) in hand
        self.record_dialog: RecordEditDialog | None = None
        self.corpus: CorpusAgreement | None = None
        self.edit_dialog: SpanEditDialog | None = None
        self.guidelines_dock: QDockWidget | None = None  # made by the first Ctrl+G
        self._workers: list[CorpusWorker] = []
        # article ids of this window's gold edits, oldest first, and of those undone since:
        # Ctrl+Z and Ctrl+Shift+Z follow them across articles
        self._decided: list[str] = []
        self._undone: list[str] = []
        self._generation = 0
        self._set_title()
        self._build()
        self._build_actions()
        self.list_model.set_ids(store.article_ids())
        self.list_model.set_flags(self.annotators)  # whose notes and unsure flags to mark
        self._update_progress()
        self._measure_corpus()
        self._first_opened: str | None = None
        if self.list_model.rowCount():
            self.select_row(0)
            self._first_opened = self.list_model.article_id(0)
        resize_within_screen(self, 1500, 900)

    # -- building -----------------------------------------------------------------------------

    def _set_title(self) -> None:
        where = str(self.store.path) if self.store.path else self.tr("in-memory database")
        self.setWindowTitle(plain_window_title(self.tr("Review — {where}").format(where=where)))

    def retranslate(self) -> None:
        """The menus, buttons and toolbar are made again in the new language, the rest drawn
        again; what is in hand stays in hand."""
        for act in self.actions():
            self.removeAction(act)
            act.setShortcuts([])  # its button lives until deleted: no ambiguous keys meanwhile
            act.deleteLater()
        for layout in (self.choice_row, self.records_buttons):
            while (item := layout.takeAt(0)) is not None:
                if item.widget() is not None:
                    item.widget().deleteLater()
        self.removeToolBar(self.toolbar)
        self.toolbar.deleteLater()  # with the progress label and bar in it
        self.setMenuBar(QMenuBar(self))
        self._set_title()
        self._build_progress()
        self._build_actions()
        self._set_fixed_texts()
        self._update_progress()
        if self.corpus is not None:
            self.figures_corpus.show_corpus(self.corpus)
        if self.state is not None:
            self._show_article_figures()
            self.legend.setText(self._legend())
            self._render()

    def _build(self) -> None:
        schema = self.store.schema
        self.list_model = ReviewListModel(self.store)
        self.list_view = QTableView()
        self.list_view.setModel(self.list_model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.list_view.verticalHeader().setVisible(False)
        self.list_view.setWordWrap(False)
        header = self.list_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for hidden in (2, 3):  # outlet and date: the reviewer sorts by disagreement
            self.list_view.hideColumn(hidden)
        self.list_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: (
                current.isValid() and self.open_article(self.list_model.article_id(current.row()))
            )
        )
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.view = LanesView(schema)
        self.view.clicked.connect(self._clicked)
        self.disagreement_label = QLabel()
        self.disagreement_label.setTextFormat(Qt.TextFormat.RichText)
        self.disagreement_label.setWordWrap(True)
        self.choice_row = QHBoxLayout()
        middle = QWidget()
        column = QVBoxLayout(middle)
        column.setContentsMargins(4, 0, 4, 0)
        column.addWidget(self.legend)
        column.addWidget(self.view, 1)
        column.addWidget(self.disagreement_label)
        self.notes_pane = NotesPane()  # each annotator's notes and unsure flags
        column.addWidget(self.notes_pane)
        column.addLayout(self.choice_row)
        self.figures_article = FiguresBox(schema)
        self.figures_corpus = FiguresBox(schema)  # titled by _set_fixed_texts
        self.figures_corpus.show_message(self.tr("measuring…"))
        self.records_view = RecordsView(lambda t: schema.event_type_shown(t, schema_language()))
        self.records_view.record_clicked.connect(self._record_clicked)
        side = QWidget()
        side_column = QVBoxLayout(side)
        side_column.addWidget(self.figures_article)
        side_column.addSpacing(10)
        side_column.addWidget(self.figures_corpus)
        side_column.addSpacing(10)
        self.records_title = QLabel()
        side_column.addWidget(self.records_title)
        side_column.addWidget(self.records_view, 1)
        # a grid, not a row: with long names a row of buttons widened the panel past its
        # view, and the figures above were cut off
        self.records_buttons = QGridLayout()
        side_column.addLayout(self.records_buttons)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # floors, not sizes: setSizes before the first show is rescaled to the default width,
        # which squeezed the figures until their numbers were cut off
        scroll.setMinimumWidth(400)
        self.list_view.setMinimumWidth(260)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list_view)
        splitter.addWidget(middle)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 820, 350])
        self.setCentralWidget(splitter)
        self._build_progress()
        self._set_fixed_texts()
        # made now, not by the first message: appearing then, it took its height from the
        # panels (the side panel started to scroll)
        self.statusBar()

    def _build_progress(self) -> None:
        self.progress_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setFormat(self.tr("%v of %m adjudicated"))

    def _set_fixed_texts(self) -> None:
        self.figures_article.set_title(self.tr("This article"))
        self.figures_corpus.set_title(self.tr("Corpus"))
        self.figures_article.retranslate()
        self.figures_corpus.retranslate()
        self.records_title.setText(self.tr("<b>Records</b> (officials and events), one by one"))

    def _build_actions(self) -> None:
        """Every key is an action in the menu bar, which shows its shortcut; the buttons reuse
        the same actions."""
        bar = self.menuBar()
        window_menu = bar.addMenu(self.tr("&Review"))
        edit_menu = bar.addMenu(self.tr("&Edit"))
        spans_menu = bar.addMenu(self.tr("&Disagreement"))
        records_menu = bar.addMenu(self.tr("Re&cord"))
        articles_menu = bar.addMenu(self.tr("&Article"))

        def action(
            menu: QMenu, text: str, keys: Sequence[str], slot: Callable[[], object]
        ) -> QAction:
            act = QAction(plain_action_text(text), self)  # may name an annotator: "&" is "&"
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.setToolTip(rich_literal(text))  # may name an annotator: never HTML
            act.triggered.connect(lambda _checked=False: slot())
            self.addAction(act)
            menu.addAction(act)
            return act

        self.close_action = action(window_menu, self.tr("Close"), ["Ctrl+W", "Esc"], self.close)
        self.guidelines_action = action(
            window_menu, self.tr("Label guidelines"), ["Ctrl+G"], self.show_guidelines
        )
        self.undo_action = action(edit_menu, self.tr("Undo"), ["Ctrl+Z"], lambda: self.undo_redo(undo=True))
        self.redo_action = action(
            edit_menu, self.tr("Redo"), ["Ctrl+Shift+Z", "Ctrl+Y"], lambda: self.undo_redo(undo=False)
        )
        # "Shift+Tab" alone: Qt matches a Shift+Tab press against "Backtab" as well, and an
        # action holding both is an ambiguous shortcut that fires neither
        self.next_action = action(
            spans_menu, self.tr("Next disagreement"), ["Tab", "J"], lambda: self.step(1)
        )
        self.previous_action = action(
            spans_menu, self.tr("Previous disagreement"), ["Shift+Tab", "K"], lambda: self.step(-1)
        )
        spans_menu.addSeparator()
        self.take_actions = [
            action(
                spans_menu, self.tr("Take {name}'s version").format(name=name), [str(n + 1)], lambda n=n: self.take_version(n)
            )
            for n, name in enumerate(self.annotators)
        ]
        self.edit_action = action(spans_menu, self.tr("Edit: select the span…"), ["E"], self.edit_current)
        self.agreed_action = action(
            spans_menu, self.tr("Accept agreed spans and records"), ["Shift+A"], self.accept_agreed
        )
        self.next_record_action = action(
            records_menu, self.tr("Next record"), ["R"], lambda: self.step_record(1)
        )
        self.previous_record_action = action(
            records_menu, self.tr("Previous record"), ["Shift+R"], lambda: self.step_record(-1)
        )
        records_menu.addSeparator()
        self.take_record_actions = [
            action(
                records_menu,
                self.tr("Take {name}'s version of the record").format(name=name),
                [f"Ctrl+{n + 1}"],
                lambda n=n: self.take_record(n),
            )
            for n, name in enumerate(self.annotators)
        ]
        self.none_record_action = action(
            records_menu, self.tr("None of them: no such record"), ["Ctrl+0"], self.none_record
        )
        self.edit_record_action = action(
            records_menu, self.tr("Edit the record…"), ["Ctrl+E"], self.edit_record
        )
        records_menu.addSeparator()
        self.records_actions = [
            action(
                records_menu,
                self.tr("Take all {name}'s officials and events").format(name=name),
                [f"Ctrl+Shift+{n + 1}"],
                lambda n=n: self.take_records(n),
            )
            for n, name in enumerate(self.annotators)
        ]
        self.done_action = action(
            articles_menu,
            self.tr("Adjudicated, next article"),
            ["Ctrl+Return", "Ctrl+Enter"],
            self.mark_done,
        )
        articles_menu.addSeparator()
        self.next_article_action = action(
            articles_menu, self.tr("Next article"), ["Ctrl+Down"], lambda: self.step_row(1)
        )
        self.previous_article_action = action(
            articles_menu, self.tr("Previous article"), ["Ctrl+Up"], lambda: self.step_row(-1)
        )
        for n, act in enumerate(self.take_actions):
            self.choice_row.addWidget(self._button(act, self.tr("{n}: take {name}").format(n=n + 1, name=self.annotators[n])))
        self.choice_row.addWidget(self._button(self.edit_action, self.tr("E: edit…")))
        self.choice_row.addStretch(1)
        self.choice_row.addWidget(self._button(self.agreed_action, self.tr("Shift+A: accept agreed")))
        self.choice_row.addWidget(self._button(self.done_action, self.tr("Ctrl+Enter: adjudicated")))
        toolbar = self.toolbar = QToolBar(self.tr("Review"))
        toolbar.setMovable(False)
        buttons = [
            *(
                self._button(act, self.tr("Ctrl+{n}: {name}'s").format(n=n + 1, name=self.annotators[n]))
                for n, act in enumerate(self.take_record_actions)
            ),
            self._button(self.none_record_action, self.tr("Ctrl+0: none")),
            self._button(self.edit_record_action, self.tr("Ctrl+E: edit…")),
            self._button(self.next_record_action, self.tr("R: next record")),
            *(
                self._button(act, self.tr("Ctrl+Shift+{n}: all {name}'s").format(
                    n=n + 1, name=self.annotators[n]))
                for n, act in enumerate(self.records_actions)
            ),
        ]
        for n, button in enumerate(buttons):
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            self.records_buttons.addWidget(button, n // 2, n % 2)
        toolbar.addWidget(self.progress_label)
        toolbar.addWidget(self.progress)
        self.addToolBar(toolbar)

    def _button(self, act: QAction, text: str) -> QToolButton:
        """A button for `act` reading `text` as is (it may name an annotator: "&" is "&")."""
        button = QToolButton()
        button.setDefaultAction(act)
        button.setText(plain_action_text(text))
        button.setToolTip(act.toolTip())  # rich_literal already: never HTML
        return button

    # -- corpus figures -----------------------------------------------------------------------

    def _measure_corpus(self) -> None:
        self._generation += 1
        generation = self._generation
        if self.store.path is None:
            QTimer.singleShot(0, lambda: self._corpus_ready(generation, self._measure_here()))
            return
        worker = CorpusWorker(self.store.path, self.annotators, self)
        worker.measured.connect(lambda result: self._corpus_ready(generation, result))
        worker.failed.connect(lambda message: self.figures_corpus.show_message(message))
        worker.finished.connect(lambda: self._workers.remove(worker))
        self._workers.append(worker)
        worker.start()

    def _measure_here(self) -> CorpusAgreement:
        return measure_agreement(load_article_sets(self.store, self.annotators), self.annotators)

    def _corpus_ready(self, generation: int, result: CorpusAgreement) -> None:
        if generation != self._generation:
            return  # the annotators changed meanwhile
        self.corpus = result
        self.figures_corpus.show_corpus(result)
        current = self.state.article.id if self.state else None
        first_scores = self.list_model.score_count() == 0
        self.list_model.set_scores(article_scores(result))
        if first_scores and current == self._first_opened:  # not moved yet: the worst first
            self.select_row(0)
        elif current is not None:
            self._select_id(current, emit=False)
        self.corpus_measured.emit(result)

    # -- articles -----------------------------------------------------------------------------

    def select_row(self, row: int) -> None:
        index = self.list_model.index(row, 0)
        self.list_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.list_view.scrollTo(index)

    def _select_id(self, article_id: str, *, emit: bool) -> None:
        row = self.list_model.row_of(article_id)
        if row is None:
            return
        selection = self.list_view.selectionModel()
        selection.blockSignals(not emit)
        self.select_row(row)
        selection.blockSignals(False)
        self.list_view.viewport().update()

    def step_row(self, delta: int) -> None:
        current = self.list_view.currentIndex()
        row = (current.row() if current.isValid() else -1) + delta
        if 0 <= row < self.list_model.rowCount():
            self.select_row(row)

    def open_article(self, article_id: str) -> None:
        self.state = self.adjudicator.load(article_id)
        self.view.show_text(self.state.article.text, self.annotators)
        self.legend.setText(self._legend())
        opened = [i for i, v in enumerate(self.state.verdicts) if v.open]
        self.current = opened[0] if opened else (0 if self.state.review.disagreements else None)
        records = self.state.records
        opened = [i for i, v in enumerate(records.verdicts) if v.open]
        self.current_record = opened[0] if opened else (0 if records.slots else None)
        self._show_article_figures()
        self._render()
        self._show_current()

    def _show_article_figures(self) -> None:
        assert self.state is not None
        pair = self.adjudicator.article_agreement(self.state)
        if pair is None:
            self.figures_article.show_message(self.tr("not every annotator has a set on this article"))
        else:
            self.figures_article.show_pair(pair)
        n = len(self.state.review.disagreements)
        count = self.tr("1 disagreement") if n == 1 else self.tr("{n} disagreements").format(n=n)
        self.figures_article.title.setText(
            self.tr("<b>This article</b> ({count})").format(count=escape(count))
        )

    def _legend(self) -> str:
        lanes = " ".join(f"<b>{n + 1}</b> {escape(name)}" for n, name in enumerate(self.annotators))
        return self.tr(
            "Lanes under each line, top to bottom: {lanes}. Bars take the label's colour; "
            "text shaded = gold so far; boxes = disagreements "
            "(<span style='color:#e67e00'>open</span>, "
            "<span style='color:#2e7d32'>gold holds a version</span>). "
            "Ctrl+Z undoes the last decision."
        ).format(lanes=lanes)

    def _reload(self) -> None:
        """After an edit: read gold again and redraw; the disagreements themselves stay."""
        assert self.state is not None
        self.state = self.adjudicator.load(self.state.article.id)
        self.list_model.refresh_row(self.state.article.id)
        self._update_progress()
        self._render()

    def _render(self) -> None:
        state = self.state
        if state is None:
            return
        offsets = self.view.offsets
        self.view.set_review(
            state.sets,
            lane_bars(state.sets, state.review, offsets),
            disagreement_boxes(state.review, state.verdicts, self.current, offsets),
            state.gold.spans,
        )
        self.records_view.show_records(self.annotators, state.records, self.current_record)
        self.disagreement_label.setText(self._describe_current())
        here = state.review.disagreements[self.current] if self.current is not None else None
        self.notes_pane.show_notes(
            self.annotators,
            state.sets,
            (here.start, here.end) if here is not None else None,
            partial(label_shown, self.store.schema),
        )

    def _describe_current(self) -> str:
        state = self.state
        assert state is not None
        total = len(state.review.disagreements)
        records = state.records
        undecided = sum(1 for v in records.verdicts if v.open)
        agreed = len(state.review.agreed)
        slots = len(records.slots)
        bits = [
            self.tr("Gold: <b>{status}</b>").format(status=escape(status_shown(state.gold.status))),
            (self.tr("{k} of 1 disagreement settled") if total == 1
             else self.tr("{k} of {n} disagreements settled")).format(k=total - state.open_count, n=total),
            self.tr("1 agreed span") if agreed == 1 else self.tr("{n} agreed spans").format(n=agreed),
            (self.tr("{k} of 1 record decided") if slots == 1
             else self.tr("{k} of {n} records decided")).format(k=slots - undecided, n=slots),
        ]
        head = " · ".join(bits)
        if self.current is None:
            return head + "<br>" + self.tr(
                "No span disagreements: Shift+A accepts the agreed spans and records."
            )
        d = state.review.disagreements[self.current]
        verdict = state.verdicts[self.current]
        if verdict.open:
            holds = self.tr("open")
        elif verdict.edited:
            holds = self.tr("gold holds an edited version")
        else:
            holds = self.tr("gold holds {names}").format(names=self.tr(", ").join(
                self.tr("{name}'s").format(name=self.annotators[i]) for i in verdict.annotators
            ))
        group = self.tr("entities") if d.group == ENTITIES else self.tr("regions")
        lines = [
            head + "<br>" + self.tr(
                "<b>Disagreement {k} of {n}</b> ({group}, characters {start}–{end}): {holds}"
            ).format(k=self.current + 1, n=total, group=group, start=d.start, end=d.end,
                     holds=escape(holds))
        ]
        text = state.article.text
        for n, version in enumerate(d.versions):
            spans = ", ".join(
                f"{escape(label_shown(self.store.schema, label))} 「{escape(text[s:e])}」"
                for label, s, e in sorted(version)
            )
            nothing = escape(self.tr("(nothing)"))
            lines.append(f"<b>{n + 1}</b> {escape(self.annotators[n])}: {spans or nothing}")
        return "<br>".join(lines)

    def _show_current(self) -> None:
        if self.state is not None and self.current is not None:
            d = self.state.review.disagreements[self.current]
            self.view.scroll_to(d.start, d.end)

    def _update_progress(self) -> None:
        done, total = self.adjudicator.adjudicated(), self.store.count_articles()
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(
            " " + (self.tr("Adjudicated: {k} of 1 article") if total == 1
                   else self.tr("Adjudicated: {k} of {n} articles")).format(k=done, n=total) + " "
        )

    # -- disagreements ------------------------------------------------------------------------

    def step(self, delta: int) -> None:
        if self.state is None or self.current is None:
            return
        count = len(self.state.review.disagreements)
        target = self.current + delta
        if not 0 <= target < count:
            self.statusBar().showMessage(
                self.tr("last disagreement; Ctrl+Enter marks the article adjudicated")
                if delta > 0
                else self.tr("first disagreement"),
                4000,
            )
            return
        self.current = target
        self._render()
        self._show_current()

    def _clicked(self, pos: int) -> None:
        if self.state is not None:
            index = self.state.review.at(pos)
            if index is not None:
                self.current = index
                self._render()
                self._show_current()  # with its lanes, and the one kept in view from now on

    def _edit(self, description: str, apply: Callable[[ArticleState], object]) -> bool:
        """Run one gold edit on the open article; a refusal goes to the status bar."""
        if self.state is None:
            return False
        try:
            apply(self.state)
        except (StoreError, ValueError) as error:
            self.statusBar().showMessage(f"{description}: {shown(error)}", 8000)
            return False
        self.statusBar().showMessage(self.tr("saved: {what}").format(what=description), 3000)
        self._decided.append(self.state.article.id)
        self._undone.clear()
        self._reload()
        return True

    def _settled_current(
        self, description: str, apply: Callable[[ArticleState, int], object]
    ) -> None:
        """An edit of the disagreement in hand; then on to the next open one."""
        index = self.current
        if index is None:
            self.statusBar().showMessage(self.tr("no disagreement here"), 3000)
            return
        if self._edit(description, lambda state: apply(state, index)):
            self._advance()

    def _advance(self) -> None:
        assert self.state is not None and self.current is not None
        verdicts = self.state.verdicts
        later = [i for i in range(self.current + 1, len(verdicts)) if verdicts[i].open]
        earlier = [i for i in range(self.current) if verdicts[i].open]
        if later or earlier:
            self.current = (later or earlier)[0]
            self._render()
            self._show_current()
        else:
            self._render()
            records_open = sum(1 for v in self.state.records.verdicts if v.open)
            if records_open:
                message = (
                    self.tr("every span disagreement settled; 1 record still open (R)")
                    if records_open == 1
                    else self.tr("every span disagreement settled; {n} records still open (R)")
                ).format(n=records_open)
            else:
                message = self.tr("every disagreement settled: Ctrl+Enter marks the article adjudicated")
            self.statusBar().showMessage(message, 6000)

    def take_version(self, lane: int) -> None:
        self._settled_current(
            self.tr("{name}'s version").format(name=self.annotators[lane]),
            lambda state, index: self.adjudicator.take_version(state, index, lane),
        )

    def edit_current(self) -> None:
        state, index = self.state, self.current
        if state is None or index is None:
            self.statusBar().showMessage(self.tr("no disagreement here"), 3000)
            return
        d = state.review.disagreements[index]
        inside = [span_key(s) for s in gold_inside(d, state.gold.spans, state.review.agreed)]
        label, start, end = (inside or sorted(d.keys(), key=lambda k: (k[1], k[2])))[0]
        chosen = self.view.textCursor()
        if chosen.hasSelection():  # text the reviewer selected in the lanes: start from it
            start, end = self.view.offsets.span_to_py(
                chosen.selectionStart(), chosen.selectionEnd()
            )
        dialog = SpanEditDialog(self.store.schema, state.article.text, label, start, end, self)
        dialog.accepted.connect(lambda: self._edited(dialog, index))
        self.edit_dialog = dialog
        dialog.open()

    def _edited(self, dialog: SpanEditDialog, index: int) -> None:
        label, start, end = dialog.span()
        if self.current != index:
            self.current = index
        self._settled_current(
            self.tr("edited {label} {start}–{end}").format(
                label=label_shown(self.store.schema, label), start=start, end=end
            ),
            lambda state, i: self.adjudicator.set_span(state, i, label, start, end),
        )

    def undo_redo(self, *, undo: bool) -> None:
        """Take back (or redo) the reviewer's last gold edit: one decision, the agreed spans
        accepted, records taken, or an article marked adjudicated. It is the last one made in
        this window, wherever it was (Ctrl+Enter has moved on to the next article by then: undo
        went to that article and found nothing), else the open article's last one (an earlier
        session's); the article is opened and what changed is brought into hand and view."""
        trail, other = (self._decided, self._undone) if undo else (self._undone, self._decided)
        article_id = trail[-1] if trail else (self.state.article.id if self.state else None)
        if article_id is None:
            return
        step = self.store.undo if undo else self.store.redo
        try:
            what = step(GOLD, article_id)
        except StoreError as error:
            failed = self.tr("undo: {error}") if undo else self.tr("redo: {error}")
            self.statusBar().showMessage(failed.format(error=shown(error)), 8000)
            return
        if trail:
            trail.pop()  # done, or nothing left to take back there (changed elsewhere)
        if what is None:
            self.statusBar().showMessage(
                self.tr("nothing to undo here") if undo else self.tr("nothing to redo here"), 3000
            )
            return
        other.append(article_id)
        if self.state is not None and self.state.article.id == article_id:
            before = self.state
            self._reload()
            self._bring_changed_into_hand(before)
        else:
            self._select_id(article_id, emit=True)  # opens it, first open disagreement in hand
        done = self.tr("undone: {what}") if undo else self.tr("redone: {what}")
        self.statusBar().showMessage(done.format(what=what), 4000)

    def _bring_changed_into_hand(self, before: ArticleState) -> None:
        """After undo or redo on the open article: the first disagreement and the first record
        whose verdict changed become the ones in hand, the disagreement scrolled into view."""
        assert self.state is not None
        changed = first_change(before.verdicts, self.state.verdicts)
        if changed is not None:
            self.current = changed
        changed = first_change(before.records.verdicts, self.state.records.verdicts)
        if changed is not None:
            self.current_record = changed
        self._render()
        self._show_current()

    def accept_agreed(self) -> None:
        if self._edit(self.tr("accept agreed spans and records"), self.adjudicator.accept_agreed):
            self._advance_record(from_start=True)

    # -- records ------------------------------------------------------------------------------

    def step_record(self, delta: int) -> None:
        if self.state is None or self.current_record is None:
            return
        target = self.current_record + delta
        if 0 <= target < len(self.state.records.slots):
            self.current_record = target
            self._render()
        else:
            self.statusBar().showMessage(
                self.tr("last record") if delta > 0 else self.tr("first record"), 3000
            )

    def _record_clicked(self, index: int) -> None:
        self.current_record = index
        self._render()

    def _settled_record(
        self, description: str, apply: Callable[[ArticleState, int], object]
    ) -> None:
        """A decision on the record in hand; then on to the next open one."""
        index = self.current_record
        if index is None:
            self.statusBar().showMessage(self.tr("no officials or events on this article"), 3000)
            return
        if self._edit(description, lambda state: apply(state, index)):
            self._advance_record()

    def _advance_record(self, *, from_start: bool = False) -> None:
        """On to the next open record after the one in hand (or the first open one)."""
        assert self.state is not None
        verdicts = self.state.records.verdicts
        here = -1 if from_start or self.current_record is None else self.current_record
        later = [i for i in range(here + 1, len(verdicts)) if verdicts[i].open]
        earlier = [i for i in range(here + 1) if verdicts[i].open]
        if later or earlier:
            self.current_record = (later or earlier)[0]
        self._render()

    def take_record(self, lane: int) -> None:
        self._settled_record(
            self.tr("{name}'s version of the record").format(name=self.annotators[lane]),
            lambda state, index: self.adjudicator.take_record(state, index, lane),
        )

    def none_record(self) -> None:
        self._settled_record(self.tr("none of them"), self.adjudicator.reject_record)

    def edit_record(self) -> None:
        state, index = self.state, self.current_record
        if state is None or index is None:
            self.statusBar().showMessage(self.tr("no officials or events on this article"), 3000)
            return
        slot, verdict = state.records.slots[index], state.records.verdicts[index]
        base = verdict.gold.draft if verdict.gold else slot.first()
        assert base is not None
        officials = sorted(o.name for o in state.gold.officials)
        schema = self.store.schema
        dialog = RecordEditDialog(
            base, schema.event_types, officials, self,
            shown=lambda t: schema.event_type_shown(t, schema_language()),
        )
        dialog.accepted.connect(lambda: self._record_edited(dialog, index))
        self.record_dialog = dialog
        dialog.open()

    def _record_edited(self, dialog: RecordEditDialog, index: int) -> None:
        draft = dialog.draft()
        self.current_record = index
        self._settled_record(
            self.tr("edited record"), lambda state, i: self.adjudicator.edit_record(state, i, draft)
        )

    def take_records(self, lane: int) -> None:
        if self._edit(
            self.tr("{name}'s officials and events").format(name=self.annotators[lane]),
            lambda state: self.adjudicator.take_records(state, lane),
        ):
            self._advance_record(from_start=True)

    def mark_done(self) -> None:
        """Adjudicated, and on to the next article; refused while anything is open, and the
        first open thing is brought into hand."""
        state = self.state
        if state is None:
            return
        still_open = open_disagreements(state)
        if still_open.total:
            self.statusBar().showMessage(
                self.tr("not adjudicated: {what}").format(what=self.describe_open(still_open)), 10000
            )
            if still_open.spans:
                self.current = still_open.spans[0]
                self._show_current()
            elif still_open.officials or still_open.events:
                self.current_record = min(still_open.officials + still_open.events)
            self._render()
            return
        if not self._edit(self.tr("adjudicated"), lambda s: self.adjudicator.mark_done(s.article.id)):
            return
        self._open_next_unfinished()

    def describe_open(self, still: OpenDisagreements) -> str:
        """`OpenDisagreements.describe` in the window's language (the same words in English)."""
        kinds = [
            text.format(n=n)
            for n, text in (
                (len(still.spans), self.tr("{n} span")),
                (len(still.officials), self.tr("{n} official")),
                (len(still.events), self.tr("{n} event")),
            )
            if n
        ]
        parts = []
        if kinds:
            listed = self.tr(" and ").join(
                [self.tr(", ").join(kinds[:-1]), kinds[-1]] if len(kinds) > 1 else kinds
            )
            one = len(still.spans) + len(still.officials) + len(still.events) == 1
            parts.append(
                (self.tr("{listed} disagreement still open") if one
                 else self.tr("{listed} disagreements still open")).format(listed=listed)
            )
        if still.agreed_spans:
            n = len(still.agreed_spans)
            parts.append(
                self.tr("1 agreed span not in gold yet (Shift+A)") if n == 1
                else self.tr("{n} agreed spans not in gold yet (Shift+A)").format(n=n)
            )
        return self.tr("; ").join(parts) or self.tr("nothing still open")

    def _open_next_unfinished(self) -> None:
        ids = self.list_model.ids()
        current = self.list_view.currentIndex().row()
        order = ids[current + 1 :] + ids[: current + 1]
        done = set(self.store.article_ids(status="done", annotator=GOLD))
        following = next((i for i in order if i not in done), None)
        if following is None:
            self.statusBar().showMessage(self.tr("every article is adjudicated"), 6000)
            return
        self._select_id(following, emit=True)

    # -- closing ------------------------------------------------------------------------------

    def show_guidelines(self) -> None:
        """The label guidelines the annotators read, in a dock, on the label of the
        disagreement in hand; editable here too (the database's own, as in their window)."""
        if self.guidelines_dock is None:
            panel = GuidelinesPanel(self.store, GOLD)
            panel.failed.connect(lambda message: self.statusBar().showMessage(message, 8000))
            self.guidelines_dock = QDockWidget(self)
            self.guidelines_dock.setObjectName("guidelines")
            self.guidelines_dock.setWidget(panel)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.guidelines_dock)
            # floating at first: docked, it widened the window past a 1280-pixel screen
            self.guidelines_dock.setFloating(True)
            self.guidelines_dock.resize(420, 520)
            corner = self.geometry().topRight()
            self.guidelines_dock.move(max(0, corner.x() - 440), corner.y() + 60)
        panel = self.guidelines_dock.widget()
        assert isinstance(panel, GuidelinesPanel)
        if self.state is not None and self.current is not None:
            versions = self.state.review.disagreements[self.current].versions
            label = next((key[0] for version in versions for key in sorted(version)), None)
            if label is not None:
                panel.show_label(label)
        self.guidelines_dock.show()
        self.guidelines_dock.raise_()
        panel.focus()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.guidelines_dock is not None:
            panel = self.guidelines_dock.widget()
            if isinstance(panel, GuidelinesPanel):
                panel.flush()  # guidelines being typed are an edit too
        for worker in list(self._workers):
            worker.wait()
        super().closeEvent(event)


def open_review_window(
    db_path: Path, parent: QWidget | None = None, annotators: Sequence[str] | None = None
) -> ReviewWindow:
    """Open (and show) a review window over its own connection to the database at `db_path`."""
    store = Store.open(db_path)
    try:
        window = ReviewWindow(store, annotators, parent, owns_store=True)
    except BaseException:
        store.close()
        raise
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window


def run_review_window(
    db_path: Path, annotators: list[str] | None, screenshot: Path | None = None
) -> int:
    """`annotator review`: the window until it closes (or, with `screenshot`, until the corpus
    figures are in and the picture is saved)."""
    from annotator.gui.app import app_settings

    app = QApplication.instance() or QApplication(["annotator review"])
    install_language(chosen_language(app_settings()))  # the main window's choice, remembered
    window = open_review_window(db_path, annotators=annotators)
    if screenshot is not None:
        window.resize(1600, 1000)

        def save(_result: object) -> None:
            QTimer.singleShot(300, lambda: (window.grab().save(str(screenshot)), window.close()))

        window.corpus_measured.connect(save)
    return int(app.exec())
