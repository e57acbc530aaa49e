"""The main window: article list | article text | side tabs, driven from the keyboard.

Every edit goes through `ArticleEditor`, which commits it to the store before anything is shown
as saved. The keys live on `QAction`s (so menus and the `?` sheet show them); the ones that act
on the text are bound to the text view only, so they never fire while typing elsewhere.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QSettings, Qt, QThreadPool
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMenuBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.activity import ActivityClock
from annotator.gui.ask_once import confirm_unless_told_not_to
from annotator.gui.cheat_sheet import CheatSheet, key_rows
from annotator.gui.core_messages import shown
from annotator.gui.editor import ArticleEditor, NothingToDo
from annotator.gui.find_bar import FindBar, step_to
from annotator.gui.guidelines import GuidelinesPanel
from annotator.gui.i18n import (
    LANGUAGES,
    RetranslatedWhenShown,
    chosen_language,
    current_language,
    install_language,
    label_shown,
    schema_language,
    set_language,
)
from annotator.gui.key_prefix import Choice, KeyPrefix
from annotator.gui.list_panel import ArticleListPanel
from annotator.gui.notes import about_article, about_span, ask_note, flag_marks
from annotator.gui.plain import plain_action_text, plain_window_title
from annotator.gui.screen_fit import resize_within_screen
from annotator.gui.side_tabs import SideTabs
from annotator.gui.status_bar import EditorStatusBar
from annotator.gui.text_view import DEFAULT_TEXT_SIZE, ArticleTextView, Paint
from annotator.gui.workers import BackgroundJob
from annotator.model import Damage, Event, Official, Span, region_kind
from annotator.services.suggestions import match_ranges
from annotator.store import Store, StoreError

PANE_SHARES = (2, 5, 3)  # article list, text, side tabs


class MainWindow(RetranslatedWhenShown, QMainWindow):
    def __init__(self, store: Store, annotator: str, settings: QSettings) -> None:
        # before the window exists: the change posted to every window is not one to this
        install_language(chosen_language(settings))
        super().__init__()
        self.store = store
        self.annotator = annotator
        self.settings = settings
        self.editor = ArticleEditor(store, annotator, self)
        self.list_panel = ArticleListPanel(store, annotator)
        self.view = ArticleTextView(store.schema)
        self.tabs = SideTabs(self.editor)
        self.guidelines = GuidelinesPanel(store, annotator)  # a side tab of its own: Ctrl+G
        self.tabs.addTab(self.guidelines, self.tr("Guidelines"))
        self.header = QLabel()
        self.header.setObjectName("articleHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)  # titles come from pages: never HTML
        self.find_bar = FindBar()
        self.find_box = self.find_bar.box
        self.find_count = self.find_bar.count
        self.find_bar.hide()
        self.find_matches: tuple[tuple[int, int], ...] = ()
        self.status = EditorStatusBar()
        self.setStatusBar(self.status)
        self.clock = ActivityClock(self)
        QApplication.instance().installEventFilter(self.clock)  # type: ignore[union-attr]
        self.original = False  # showing the page's own text instead of the cleaned one
        self.emphasised: frozenset[int] = frozenset()
        self.selected_span_id: int | None = None
        self._done_count = 0
        self._batch: tuple[int, int] | None = None  # (handed out, left) when `assign` wrote the db
        self._offered_here: tuple[str, str, str] | None = None  # (article, label, text) O offered
        self._offering = ""  # the string being offered in every article, while that runs
        self.jobs = QThreadPool(self)
        self.actions_in_menus: list[QAction] = []

        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.header)
        centre_layout.addWidget(self.find_bar)
        centre_layout.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.tabs)
        # list : text : tabs = 2 : 5 : 3, kept when the window grows or shrinks, so the text
        # keeps half the width on a 1280-pixel screen too
        for index, share in enumerate(PANE_SHARES):
            self.splitter.setStretchFactor(index, share)
        self.splitter.setChildrenCollapsible(False)
        self.list_panel.setMinimumWidth(220)
        centre.setMinimumWidth(360)
        self.tabs.setMinimumWidth(260)
        self.splitter.setSizes([160 * share for share in PANE_SHARES])
        self.setCentralWidget(self.splitter)
        self.setWindowTitle(plain_window_title(f"annotator — {annotator}"))
        resize_within_screen(self, 1600, 950)

        self.region_prefix = self._make_region_prefix()
        self._build_menus()
        self.list_panel.article_chosen.connect(self.open_article)
        self.editor.article_opened.connect(self._show_text)
        self.editor.changed.connect(self._on_changed)
        self.editor.saved.connect(self._on_saved)
        self.view.clicked.connect(self._on_click)
        self.tabs.officials.mentions_selected.connect(self._emphasise)
        self.tabs.events.spans_selected.connect(self._emphasise)
        self.tabs.spans.span_chosen.connect(self.select_span)
        for tab in self.tabs.tabs():
            tab.failed.connect(self.status.show_problem)
        self.guidelines.failed.connect(self.status.show_problem)
        self.guidelines.saved.connect(self.status.show_saved)
        self.find_bar.needle_changed.connect(self._find_changed)
        self.find_bar.step.connect(lambda direction: self._guarded(lambda: self.find_step(direction)))
        self.clock.flush_due.connect(self.flush_time)
        self.clock.tick.connect(self._show_time)
        self.restore()

    # -- menus and keys ----------------------------------------------------------------------

    def _action(
        self,
        menu: QMenu,
        text: str,
        keys: str | list[str] | QKeySequence.StandardKey,
        slot: Callable[[], Any],
        *,
        on_text: bool = False,
        also: tuple[QWidget, ...] = (),
        shown_only: bool = False,
    ) -> QAction:
        """An action in `menu`. `on_text`: its keys work only while the text view (or `also`)
        has focus, so a plain letter never fires inside the search box or a table editor.
        `shown_only`: its keys are listed but handled elsewhere (a `KeyPrefix`)."""
        action = QAction(text, self)
        if isinstance(keys, QKeySequence.StandardKey):
            action.setShortcuts(keys)
        else:
            action.setShortcuts([QKeySequence(k) for k in ([keys] if isinstance(keys, str) else keys)])
        action.triggered.connect(lambda _checked=False: self._guarded(slot))
        if shown_only:
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # only in its menu
        elif on_text:
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            for widget in (self.view, *also):
                widget.addAction(action)
        else:
            self.addAction(action)
        menu.addAction(action)
        self.actions_in_menus.append(action)
        return action

    def _make_region_prefix(self) -> KeyPrefix:
        """B, then a kind key; the kinds are named in the window's language."""
        language = schema_language()
        return KeyPrefix(
            self.view,
            "B",
            self.tr("boilerplate kind"),
            {label.key.lower(): self._region_choice(region_kind(label.name), label.shown(language))
             for label in self.store.schema.region_labels()},
            prompt=self._show_prefix,
            refuse=self.status.show_problem,
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        language = schema_language()
        files = bar.addMenu(self.tr("&File"))
        self._action(files, self.tr("Import pages…"), "Ctrl+I", self.import_pages)
        self._action(files, self.tr("Export…"), "Ctrl+E", self.export)
        article = bar.addMenu(self.tr("&Article"))
        self._action(article, self.tr("Next article"), "N", lambda: self.list_panel.step(1), on_text=True,
                     also=(self.list_panel.table,))
        self._action(article, self.tr("Previous article"), "P", lambda: self.list_panel.step(-1), on_text=True,
                     also=(self.list_panel.table,))
        self._action(article, self.tr("Mark done and go to the next todo"), ["Ctrl+Return", "Ctrl+Enter"],
                     self.done_and_next)
        self._action(article, self.tr("Mark skipped"), "Ctrl+K", lambda: self.editor.set_status("skipped"))
        self._action(article, self.tr("Search articles"), "Ctrl+L", self._focus_search)
        self._action(article, self.tr("Note on the article…"), "Shift+C", self.note_article, on_text=True)
        self._action(article, self.tr("Unsure about the article (on/off)"), "Shift+U",
                     self.toggle_article_unsure, on_text=True)
        article.addSeparator()
        self._action(article, self.tr("Recompute suggestions for this article"), "Ctrl+R", self.recompute_suggestions)
        article.addSeparator()
        self._action(article, self.tr("Quit"), QKeySequence.StandardKey.Quit, self.close)

        edit = bar.addMenu(self.tr("&Edit"))
        self._action(edit, self.tr("Undo"), "Ctrl+Z", self.undo)
        self._action(edit, self.tr("Redo"), ["Ctrl+Shift+Z", "Ctrl+Y"], self.redo)
        edit.addSeparator()
        self._action(edit, self.tr("Find in article"), "Ctrl+F", self._open_find)

        labels = bar.addMenu(self.tr("&Label"))
        for label in self.store.schema.entity_labels():
            self._action(labels, self.tr("Label selection as {label}").format(
                         label=plain_action_text(label.shown(language))), label.key,
                         lambda name=label.name: self.label_selection(name), on_text=True)
        self._action(labels, self.tr("Delete the selected span"), "Delete", self.delete_selected, on_text=True)
        self._action(labels, self.tr("Link the label at the cursor to its official or event (again: unlink)"),
                     "L", self.link_here, on_text=True)
        self._action(labels, self.tr("Note on the label at the cursor…"), "C", self.note_span, on_text=True)
        self._action(labels, self.tr("Unsure about the label at the cursor (on/off)"), "U",
                     self.toggle_span_unsure, on_text=True)
        self._action(labels, self.tr("Mark selected lines as boilerplate (then a kind key)"), "B",
                     self.begin_region, on_text=True)
        regions = labels.addMenu(self.tr("Mark selected lines as boilerplate"))
        for label in self.store.schema.region_labels():
            kind = region_kind(label.name)
            # the keys are shown here and in the `?` sheet; `region_prefix` takes the second one
            self._action(regions, self.tr("Boilerplate: {kind}").format(kind=plain_action_text(label.shown(language))), f"B, {label.key.upper()}",
                         lambda kind=kind: self.mark_region(kind), shown_only=True)

        suggestions = bar.addMenu(self.tr("&Suggestions"))
        self._action(suggestions, self.tr("Accept the suggestion at the cursor"), "A", self.accept_here, on_text=True)
        self._action(suggestions, self.tr("Reject the suggestion at the cursor"), "X", self.reject_here, on_text=True)
        self._action(suggestions, self.tr("Accept every suggestion in the article"), "Shift+A", self.accept_all,
                     on_text=True)
        self._action(suggestions, self.tr("Offer the label at the string's other places in this article"), "O",
                     self.offer_same_string, on_text=True)
        self._action(suggestions, self.tr("Next suggestion"), "Tab", lambda: self.jump_suggestion(1), on_text=True)
        self._action(suggestions, self.tr("Previous suggestion"), "Shift+Tab",
                     lambda: self.jump_suggestion(-1), on_text=True)
        suggestions.addSeparator()
        self._action(suggestions, self.tr("Train the name tagger and event classifier on this database's labels…"), [],
                     self.train_tagger)

        view = bar.addMenu(self.tr("&View"))
        self.original_action = self._action(view, self.tr("Original page text"), "Ctrl+T", self.toggle_original)
        self.original_action.setCheckable(True)
        self._action(view, self.tr("Larger text"), ["Ctrl++", "Ctrl+="], lambda: self.zoom(1))
        self._action(view, self.tr("Smaller text"), "Ctrl+-", lambda: self.zoom(-1))
        self._action(view, self.tr("Normal text size"), "Ctrl+0", lambda: self.zoom(0))
        self.snap_action = self._action(view, self.tr("Snap selections to whole words"), [],
                                        lambda: self.set_snap_words(self.snap_action.isChecked()))
        self.snap_action.setCheckable(True)
        self._action(view, self.tr("Refresh"), "F5", self.refresh)
        self._action(view, self.tr("Close the find bar"), "Escape", self._close_find, on_text=True,
                     also=(self.find_box,))

        view.addSeparator()
        self._add_language_menu(view)

        review = bar.addMenu(self.tr("&Review"))
        self._action(review, self.tr("Compare annotators and adjudicate…"), "Ctrl+Shift+R", self.open_review)
        self._action(review, self.tr("Officials register…"), "Ctrl+Shift+O", self.open_register)

        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("Keys…"), ["?", "Shift+?", "F1"], self.show_keys)
        self._action(help_menu, self.tr("Label guidelines"), "Ctrl+G", self.show_guidelines)

    def _add_language_menu(self, view: QMenu) -> None:
        """View ▸ Language: each language named in its own script; the choice is remembered."""
        menu = view.addMenu(self.tr("Language / 语言"))
        group = QActionGroup(menu)
        current = current_language()
        for code, name in LANGUAGES:
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.setData(code)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, code=code: self.switch_language(code))
        self.language_actions = tuple(group.actions())

    def switch_language(self, language: str) -> None:
        """Every open window retranslates itself on the LanguageChange event this sends."""
        set_language(self.settings, language)

    def retranslate(self) -> None:
        """Menus are built again in the new language (their checked states kept); the panes
        set their own texts on the same event."""
        checked = [a.isChecked() for a in self.actions_in_menus if a.isCheckable()]
        for action in self.actions_in_menus:
            for widget in action.associatedObjects():
                if isinstance(widget, QWidget) and not isinstance(widget, QMenu):
                    widget.removeAction(action)
            action.setShortcuts([])  # until deleted it would make every key ambiguous
            action.deleteLater()
        self.actions_in_menus = []
        self.setMenuBar(QMenuBar(self))  # the old bar and its menus are deleted
        self._build_menus()
        for action, on in zip((a for a in self.actions_in_menus if a.isCheckable()), checked, strict=False):
            action.setChecked(on)
        self.region_prefix.cancel()
        self.view.removeEventFilter(self.region_prefix)
        self.region_prefix.deleteLater()
        self.region_prefix = self._make_region_prefix()
        self.status.clearMessage()  # a passing message of the old language
        self.status.show_mode(self._view_mode())
        if self.editor.article is not None:
            self._show_header()
        self._update_status()

    def open_review(self, annotators: Sequence[str] | None = None) -> QMainWindow | None:
        """The review window, on its own connection, for the annotators chosen in a dialog
        (or given). Returns it, or None when the choice was cancelled."""
        from annotator.gui.review_chooser import AnnotatorChooser
        from annotator.gui.review_window import open_review_window
        from annotator.review.loading import human_annotators

        if self.store.path is None:
            raise NothingToDo(self.tr("reviewing opens the database file again; this one is in memory"))
        if annotators is None:
            everyone = human_annotators(self.store)
            if len(everyone) < 2:
                raise NothingToDo(self.tr(
                    "reviewing needs two annotators' labels in this database (annotator merge copies them from other databases)"
                ))
            chooser = AnnotatorChooser(everyone, self)
            if chooser.exec() != QDialog.DialogCode.Accepted:
                return None
            annotators = chooser.chosen()
        return open_review_window(self.store.path, self, annotators)

    def open_register(self) -> QMainWindow:
        """The officials register of the whole corpus; choosing an article there opens it here."""
        from annotator.gui.register_window import open_register_window

        window = open_register_window(self.store, self)
        window.article_chosen.connect(self.open_article)
        return window

    def _guarded(self, slot: Callable[[], Any]) -> None:
        try:
            slot()
        except (NothingToDo, StoreError) as error:
            self.status.show_problem(shown(error))

    # -- opening and showing -----------------------------------------------------------------

    def open_article(self, article_id: str) -> None:
        if self.editor.article is not None and self.editor.article.id == article_id:
            return
        self.flush_time()
        self.status.clearMessage()  # a warning about the article left behind is stale
        self.selected_span_id = None
        self.emphasised = frozenset()
        self.editor.open(article_id)  # article_opened shows the text, changed paints it
        self._show_header()
        self.list_panel.select(article_id, emit=False)
        self.settings.setValue(self._last_article_key(), article_id)
        self._update_status()

    def _show_header(self) -> None:
        article = self.editor.article
        assert article is not None
        bits = [article.title or article.source, article.outlet, article.published]
        if article.script == "traditional":
            bits.append(self.tr("Traditional page"))
        if article.damage:
            bits.append(self.tr("{n} damaged spans").format(n=len(article.damage)))
        aset = self.editor.aset
        if aset.unsure or aset.note:  # my flags on the article: the note itself is in Spans
            bits.append(flag_marks(aset.unsure, bool(aset.note)))
        self.header.setText("  ·  ".join(b for b in bits if b))

    def _show_text(self) -> None:
        article = self.editor.article
        if article is not None:
            self.view.show_text(article.raw_text if self.original else article.text)
            if self.find_bar.isVisible():
                self._find_changed(self.find_box.text())

    def _on_changed(self) -> None:
        if self.editor.article is None:
            return
        if self.selected_span_id is not None and self.selected_span_id not in self.editor.aset.span_by_id():
            self.selected_span_id = None
        self._paint()
        self.list_panel.model.refresh_row(self.editor.article.id)
        self._show_header()  # the article's flags
        self._update_status()

    def _paint(self) -> None:
        article = self.editor.article
        if article is None:
            return
        emphasised = self.emphasised | ({self.selected_span_id} if self.selected_span_id else set())
        paint = Paint(
            spans=self.editor.aset.spans,
            suggestions=tuple(self.editor.pending_suggestions()),
            damage=article.damage,
            emphasised=frozenset(emphasised),
        )
        if self.original:
            paint = self._to_original(paint)
        self.view.set_paint(replace(paint, found=self.find_matches))  # of the text shown

    def _to_original(self, paint: Paint) -> Paint:
        """The same labels on the page's own text, through the article's offset map."""
        article = self.editor.article
        assert article is not None
        raw = article.raw_text

        def mapped(span: Span) -> Span:
            start, end = article.offset_map.span_to_raw(span.start, span.end)
            return replace(span, start=start, end=end, text=raw[start:end])

        def mapped_damage(d: Damage) -> Damage:
            start, end = article.offset_map.span_to_raw(d.start, d.end)
            return replace(d, start=start, end=end)

        return replace(
            paint,
            spans=tuple(mapped(s) for s in paint.spans),
            suggestions=tuple(mapped(s) for s in paint.suggestions),
            damage=tuple(mapped_damage(d) for d in paint.damage),
        )

    def _update_status(self) -> None:
        article = self.editor.article
        row = self.list_panel.model.row_of(article.id) if article else None
        self.status.show_position(
            self.annotator,
            None if row is None else row + 1,
            self.list_panel.model.rowCount(),
            self._done_count,
            batch=self._batch,
        )
        self._show_time()

    def _show_time(self) -> None:
        self.status.show_time(self.editor.aset.seconds + self.clock.pending)

    def _show_prefix(self, prompt: str) -> None:
        self.status.show_mode(prompt or self._view_mode())

    def _view_mode(self) -> str:
        return self.tr("original page text (read-only)") if self.original else ""

    def _on_saved(self, description: str) -> None:
        self.status.show_saved(description)

    def _count_done(self) -> None:
        from annotator.teams.handout import batch_progress

        self._done_count = len(self.store.article_ids(status="done", annotator=self.annotator))
        self._batch = batch_progress(self.store, self.annotator)

    # -- the text view's actions -------------------------------------------------------------

    def _require_cleaned_text(self) -> None:
        if self.original:
            raise NothingToDo(self.tr("labels are made on the cleaned text: switch back with Ctrl+T"))

    def label_selection(self, label: str) -> None:
        self._require_cleaned_text()
        start, end = self.view.selection_range()
        selected = self._span_here(self.editor.aset.entity_spans())
        if selected is not None and (start == end or (start, end) == (selected.start, selected.end)):
            span = self.editor.relabel(selected, label)
        else:
            span = self.editor.label(label, start, end)
        self.selected_span_id = span.id
        self._paint()

    def _region_choice(self, kind: str, shown: str) -> Choice:
        return Choice(shown, lambda: self._guarded(lambda: self.mark_region(kind)))

    def begin_region(self) -> None:
        self._require_cleaned_text()
        self.region_prefix.start()

    def mark_region(self, kind: str) -> None:
        self._require_cleaned_text()
        start, end = self.view.selection_range()
        self.editor.mark_region(kind, start, end)

    def _own_span_here(self) -> Span:
        self._require_cleaned_text()
        span = self._span_here(self.editor.aset.spans)
        if span is None:
            raise NothingToDo(self.tr("no label at the cursor (Shift+C notes the whole article)"))
        return span

    def note_span(self) -> None:
        """C: the note (and unsure flag) of the label at the cursor, in a small dialog."""
        span = self._own_span_here()
        answer = ask_note(about_span(label_shown(self.store.schema, span.label), span.text), span.note, span.unsure, self)
        if answer is not None:
            self.editor.set_span_flags(span, note=answer[0], unsure=answer[1])
            self.selected_span_id = span.id

    def link_here(self) -> None:
        """L: a TITLE or ORG label at the cursor joins the official selected in the Officials
        tab (when it is shown), else the one named nearest in its line; a PLACE, DATE or
        OFFICIAL label joins an event likewise. L again on a linked label unlinks it."""
        span = self._own_span_here()
        chosen = self.tabs.chosen_record()
        self.editor.link_span(
            span,
            official=chosen if isinstance(chosen, Official) else None,
            event=chosen if isinstance(chosen, Event) else None,
        )
        self.selected_span_id = span.id

    def toggle_span_unsure(self) -> None:
        span = self._own_span_here()
        self.editor.set_span_flags(span, unsure=not span.unsure)
        self.selected_span_id = span.id

    def note_article(self) -> None:
        """Shift+C: my note (and unsure flag) on the whole article."""
        article = self.editor.article
        if article is None:
            raise NothingToDo(self.tr("no article is open"))
        aset = self.editor.aset
        answer = ask_note(about_article(article.title or article.source), aset.note, aset.unsure, self)
        if answer is not None:
            self.editor.set_article_flags(note=answer[0], unsure=answer[1])

    def toggle_article_unsure(self) -> None:
        if self.editor.article is None:
            raise NothingToDo(self.tr("no article is open"))
        self.editor.set_article_flags(unsure=not self.editor.aset.unsure)

    def delete_selected(self) -> None:
        self._require_cleaned_text()
        span = self._span_here(self.editor.aset.spans)
        if span is None:
            raise NothingToDo(self.tr("no span at the cursor"))
        self.editor.delete_span(span)
        self.selected_span_id = None

    def _span_here(self, spans: Sequence[Span]) -> Span | None:
        """The span a key acts on: the one chosen (clicked, or picked in the Spans tab) while
        the selection still covers it exactly, else one the selection covers exactly, else the
        one under the selection's start. Never a span chosen earlier that the keys moved off,
        nor the neighbour starting where a keyboard selection ends."""
        start, end = self.view.selection_range()
        exact = [s for s in spans if (s.start, s.end) == (start, end)]
        chosen = next((s for s in exact if s.id == self.selected_span_id), None)
        return chosen or (exact[0] if exact else self.editor.span_at(start, spans))

    def _on_click(self, pos: int) -> None:
        if self.original:
            return
        spans = self.editor.aset.entity_spans()
        span = self.editor.span_at(pos, spans)
        self.selected_span_id = span.id if span else None
        if span is not None:
            self.view.select_range(span.start, span.end)
        self._paint()

    def select_span(self, span: Span) -> None:
        """Show a span chosen elsewhere (the Spans tab) selected in the text."""
        if self.original:
            return
        self.selected_span_id = span.id
        self.view.select_range(span.start, span.end)
        self._paint()

    def _emphasise(self, span_ids: frozenset[int]) -> None:
        self.emphasised = span_ids
        self._paint()
        spans = [s for s in self.editor.aset.spans if s.id in span_ids]
        if spans and not self.original:
            self.view.select_range(spans[0].start, spans[0].start)

    def _suggestion_here(self) -> Span:
        self._require_cleaned_text()
        start, end = self.view.selection_range()
        suggestion = self.editor.suggestion_at(start, end)
        if suggestion is None:
            raise NothingToDo(self.tr("no pending suggestion at the cursor (Tab jumps to the next one)"))
        return suggestion

    def accept_here(self) -> None:
        suggestion = self._suggestion_here()
        self.editor.accept([suggestion])
        self._after_suggestion(suggestion)

    def reject_here(self) -> None:
        suggestion = self._suggestion_here()
        self.editor.reject(suggestion)
        self._after_suggestion(suggestion)

    def _after_suggestion(self, handled: Span) -> None:
        """Move on to the next pending suggestion, as a reviewer of a list would."""
        self.view.select_range(handled.start, handled.start)
        with contextlib.suppress(NothingToDo):
            self.jump_suggestion(1)

    def offer_same_string(self) -> None:
        self._require_cleaned_text()
        span = self._span_here(self.editor.aset.entity_spans())
        if span is None:
            raise NothingToDo(self.tr("put the cursor on a label first (O offers it where its text recurs)"))
        here = (self.editor.article_id, span.label, span.text)
        if self._offered_here == here:  # O again on the same label: every article
            self.offer_everywhere(span)
            return
        try:
            added = self.editor.offer_same_string(span)
        except NothingToDo:  # nothing left to offer here: straight on to every article
            self.offer_everywhere(span)
            return
        self._offered_here = here
        offered = (
            self.tr("offered {label} {text} at 1 more place: Tab goes through them, A accepts, X rejects")
            if len(added) == 1 else
            self.tr("offered {label} {text} at {n} more places: Tab goes through them, A accepts, X rejects")
        )
        self.status.showMessage(
            offered.format(label=label_shown(self.store.schema, span.label), text=repr(span.text), n=len(added))
            + " · " + self.tr("O again: every article"),
            6000,
        )

    def offer_everywhere(self, span: Span) -> None:
        """Offer `span`'s label at its string in every article, as suggestions, in the
        background; the status bar follows it and says what was offered."""
        from annotator.gui.everywhere_job import offer_everywhere_job
        from annotator.services.everywhere import OfferRefused, check_offer

        try:
            check_offer(self.store.schema, span.label, span.text)
        except OfferRefused as refused:
            raise NothingToDo(shown(refused)) from None
        if self.store.path is None:
            raise NothingToDo(self.tr("offering in every article needs a database file"))
        if self._offering:
            raise NothingToDo(self.tr("still offering {text} in every article").format(text=repr(self._offering)))
        self._offered_here = None
        self._offering = span.text
        job = offer_everywhere_job(self.store.path, self.annotator, span.label, span.text)
        going = self.tr("offering {label} {text} in every article: {done} of {total}")

        def show_progress(done: int, total: int) -> None:
            self.status.showMessage(going.format(
                label=label_shown(self.store.schema, span.label), text=repr(span.text), done=done, total=total))

        def finished(message: str) -> None:
            self._offering = ""
            self.editor.reload()  # the open article may hold some of them
            self.status.showMessage(message, 10000)

        def failed(problem: str) -> None:
            self._offering = ""
            self.status.show_problem(problem)

        job.signals.progress.connect(show_progress)
        job.signals.finished.connect(finished)
        job.signals.failed.connect(failed)
        show_progress(0, 0)
        self.start_job(job)

    def accept_all(self) -> None:
        self._require_cleaned_text()
        pending = self.editor.pending_suggestions()
        if not pending:
            raise NothingToDo(self.tr("no pending suggestions in this article"))
        fitting = [s for s in pending if s.is_region or "\n" not in s.text]
        if fitting:
            self.editor.accept(fitting)
        if len(fitting) < len(pending):
            left = len(pending) - len(fitting)
            self.status.show_problem(
                self.tr("1 suggestion left pending: a label cannot cross a line break") if left == 1
                else self.tr("{n} suggestions left pending: a label cannot cross a line break").format(n=left)
            )

    def jump_suggestion(self, direction: int) -> None:
        self._require_cleaned_text()
        pending = self.editor.pending_suggestions()
        if not pending:
            raise NothingToDo(self.tr("no pending suggestions in this article"))
        target = step_to(pending, self.view.selection_range(), direction, lambda s: (s.start, s.end))
        self.selected_span_id = None
        self.view.select_range(target.start, target.end)
        self.status.showMessage(
            self.tr("suggested {label}: {text}   A accept · X reject").format(
                label=label_shown(self.store.schema, target.label), text=target.text), 4000)

    # -- window-wide actions -----------------------------------------------------------------

    def undo(self) -> None:
        self._replay(self.editor.undo, self.tr("undone: {what}"), self.tr("nothing to undo"))

    def redo(self) -> None:
        self._replay(self.editor.redo, self.tr("redone: {what}"), self.tr("nothing to redo"))

    def _replay(self, step: Callable[[], str | None], done_word: str, nothing: str) -> None:
        before = set(self.editor.aset.spans)
        done = step()
        self.status.showMessage(done_word.format(what=done) if done else nothing, 4000)
        self._show_change(before, set(self.editor.aset.spans))
        self._count_done()
        self._update_status()

    def _show_change(self, before: set[Span], after: set[Span]) -> None:
        """Scroll to the first span an undo or redo touched: a span that came back is
        selected, one that went away leaves the cursor where it was."""
        if self.original or before == after:
            return
        back = sorted(after - before, key=lambda s: (s.start, s.end))
        gone = sorted(before - after, key=lambda s: (s.start, s.end))
        if back:
            self.view.select_range(back[0].start, back[0].end)
        else:
            self.view.select_range(gone[0].start, gone[0].start)
        self.view.centerCursor()

    def done_and_next(self) -> None:
        current = self.editor.article_id
        if not self._done_despite_pending():
            return
        self.editor.set_status("done")
        self._count_done()
        self._update_status()
        todo = set(self.store.article_ids(status="todo", annotator=self.annotator))
        ids = self.list_panel.model.ids()
        row = self.list_panel.model.row_of(current) or 0
        following = ids[row + 1 :] + ids[: row + 1]
        target = next((i for i in following if i in todo and i != current), None)
        if target is None:
            self.status.showMessage(self.tr("every article in the list is done"), 6000)
            return
        self.list_panel.select(target)

    def _done_despite_pending(self) -> bool:
        """Marking done with suggestions neither accepted nor rejected is usually a slip of
        the hand: ask, unless told before not to."""
        pending = len(self.editor.pending_suggestions())
        if not pending:
            return True
        labels = len(self.editor.aset.entity_spans())
        still = (
            self.tr("1 suggestion is still pending (neither accepted nor rejected)") if pending == 1
            else self.tr("{n} suggestions are still pending (neither accepted nor rejected)")
        )
        has = (
            self.tr("the article has 1 label.") if labels == 1
            else self.tr("the article has {n} labels.")
        )
        text = self.tr("{pending}; {labels}\n{question}").format(
            pending=still.format(n=pending), labels=has.format(n=labels),
            question=self.tr("Mark it done anyway?"),
        )
        return confirm_unless_told_not_to(
            self, self.settings, "done_with_pending", self.tr("Pending suggestions"), text,
            self.tr("Mark done"),
        )

    def refresh(self) -> None:
        """Read everything again from the database (another window's or process's edits)."""
        self.list_panel.apply_filter()
        self.list_panel.model.refresh_all()
        self._count_done()
        self.editor.reload()
        self.status.showMessage(self.tr("refreshed from the database"), 3000)

    def toggle_original(self) -> None:
        article = self.editor.article
        self.original = not self.original
        self.original_action.setChecked(self.original)
        if article is not None:
            self.view.show_text(article.raw_text if self.original else article.text)
            self._paint()
        self.region_prefix.cancel()
        self.status.show_mode(self._view_mode())

    def set_snap_words(self, on: bool) -> None:
        """Mouse selections widen to whole words and names (remembered)."""
        self.view.snap_words = on
        self.snap_action.setChecked(on)
        self.settings.setValue("view/snap_words", on)

    def zoom(self, step: int) -> None:
        """One point larger or smaller (0: back to the default), remembered."""
        size = self.view.font().pointSize() + step if step else DEFAULT_TEXT_SIZE
        self.settings.setValue("view/text_size", self.view.set_text_size(size))

    def _open_find(self) -> None:
        self.find_bar.show()
        self.find_box.setFocus()
        self.find_box.selectAll()
        self._find_changed(self.find_box.text())

    def _close_find(self) -> None:
        self.find_bar.hide()
        self.find_matches = ()
        self.status.clearMessage()
        self._paint()
        self.view.setFocus()

    def _find_changed(self, needle: str) -> None:
        """Every match highlighted as the needle is typed; an older warning is stale now."""
        self.status.clearMessage()
        self.find_matches = tuple(match_ranges(self.view.text, needle))
        self.find_bar.show_count(None, len(self.find_matches))
        self._paint()

    def find_step(self, direction: int) -> None:
        needle = self.find_box.text()
        if not needle:
            return
        if not self.find_matches:
            self.find_bar.show_count(None, 0)
            raise NothingToDo(self.tr("{needle} is not in this article").format(needle=repr(needle)))
        here = self.view.selection_range()
        target = step_to(self.find_matches, here, direction, lambda match: match)
        self.view.select_range(*target)
        self.find_bar.show_count(self.find_matches.index(target) + 1, len(self.find_matches))

    def _focus_search(self) -> None:
        self.list_panel.search.setFocus()
        self.list_panel.search.selectAll()

    def show_guidelines(self) -> None:
        """The Guidelines tab, on the label at the text cursor when there is one."""
        span = None if self.original else self._span_here(self.editor.aset.spans)
        if span is not None:
            self.guidelines.show_label(span.label)
        self.tabs.setCurrentWidget(self.guidelines)
        self.guidelines.focus()

    def show_keys(self) -> None:
        CheatSheet(key_rows(self.actions_in_menus), self).exec()

    def import_pages(self, paths: Sequence[str] = ()) -> Any:
        """File ▸ Import pages…: the CLI's `import` from a dialog, with progress and a
        summary; the list shows the new articles once it is done. Returns the run, or None
        when the dialog was cancelled."""
        from annotator.gui.transfer import ImportDialog, start_import

        if self.store.path is None:
            raise NothingToDo(self.tr("importing runs in the background on a database file"))
        dialog = ImportDialog(self)
        dialog.add_paths(paths)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        run = start_import(self, self.store.path, dialog.choices(), self.start_job)
        run.ended.connect(lambda _summary: self._after_import())
        return run

    def _after_import(self) -> None:
        self.list_panel.apply_filter()
        self.list_panel.model.refresh_all()
        if self.editor.article is None:
            self.list_panel.step(1)
        else:
            self.editor.reload()  # its suggestions may have been computed just now

    def export(self) -> Any:
        """File ▸ Export…: the CLI's `export` from a dialog, with progress and a summary."""
        from annotator.gui.transfer import ExportDialog, start_export

        if self.store.path is None:
            raise NothingToDo(self.tr("exporting runs in the background on a database file"))
        self.flush_time()  # the export carries the time spent so far
        dialog = ExportDialog(self.store, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return start_export(self, self.store.path, dialog.request(), self.start_job)

    def train_tagger(self) -> Any:
        """Suggestions ▸ Train the name tagger and event classifier…: `annotator train`, with
        progress and a summary; then the untouched articles show the new models' suggestions.
        Returns the run, or None when no base corpus was chosen."""
        from annotator.gui.training import base_corpus_or_ask, start_training

        if self.store.path is None:
            raise NothingToDo(self.tr("training writes its model beside a database file"))
        corpus = base_corpus_or_ask(self)
        if corpus is None:
            return None
        run = start_training(self, self.store.path, corpus, self.start_job)
        run.ended.connect(lambda _summary: self._after_import())  # the same refresh as import
        return run

    def recompute_suggestions(self) -> None:
        article_id = self.editor.article_id
        if self.store.path is None:
            raise NothingToDo(self.tr("suggestions are recomputed in the background on a database file"))
        job = BackgroundJob.suggest(self.store.path, [article_id])
        job.signals.finished.connect(lambda _message: self.editor.reload())
        job.signals.failed.connect(self.status.show_problem)
        self.status.showMessage(self.tr("recomputing suggestions…"))
        self.start_job(job)

    def start_job(self, job: BackgroundJob) -> None:
        """Run `job` in the pool. Its signals object is parented to the window: it lives on the
        UI thread (so its slots run there) and outlives the runnable Qt deletes when done."""
        job.signals.setParent(self)
        job.signals.finished.connect(job.signals.deleteLater)  # after the slots connected earlier
        job.signals.failed.connect(job.signals.deleteLater)
        self.jobs.start(job)

    # -- time, settings, closing -------------------------------------------------------------

    def flush_time(self) -> None:
        seconds = self.clock.take()
        if seconds and self.editor.article is not None:
            try:
                self.editor.add_time(seconds)
            except StoreError as error:
                self.status.show_problem(self.tr("time not saved: {error}").format(error=shown(error)))
            self.editor.aset = replace(self.editor.aset, seconds=self.editor.aset.seconds + seconds)

    def _last_article_key(self) -> str:
        where = str(self.store.path) if self.store.path else ":memory:"
        return f"last_article/{hashlib.sha1(where.encode()).hexdigest()[:12]}/{self.annotator}"

    def restore(self) -> None:
        """Geometry, splitter, filter and last article from the previous session."""
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.view.set_text_size(int(self.settings.value("view/text_size", DEFAULT_TEXT_SIZE, type=int)))
        self.set_snap_words(bool(self.settings.value("view/snap_words", False, type=bool)))
        sizes = self.settings.value("window/splitter")
        if sizes is not None:
            self.splitter.restoreState(sizes)
        status = self.settings.value("filter/status") or None
        flag = self.settings.value("filter/flag") or None
        self.list_panel.set_filter(str(self.settings.value("filter/search") or ""), status, flag)
        self.list_panel.apply_filter()
        self._count_done()
        last = self.settings.value(self._last_article_key())
        if not (last and self.list_panel.select(str(last))):
            self.list_panel.step(1)
        self._update_status()
        self.view.setFocus()

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("filter/search", self.list_panel.search.text())
        self.settings.setValue("filter/status", self.list_panel.status() or "")
        self.settings.setValue("filter/flag", self.list_panel.flag() or "")
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.guidelines.flush()  # guidelines being typed are an edit too
        for tab in self.tabs.tabs():  # a cell still being typed in is an edit too
            tab.commit_open_editor()
        self.flush_time()
        self.clock.stop()
        self.list_panel.cancel_pending_search()  # it would run on the database closed next
        QApplication.instance().removeEventFilter(self.clock)  # type: ignore[union-attr]
        self.jobs.waitForDone(10_000)
        self.save_settings()
        super().closeEvent(event)
