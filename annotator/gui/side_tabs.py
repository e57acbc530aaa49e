"""The right-hand tabs: Officials, Events, Boilerplate, Spans of the open article.

Each tab is a `RecordModel` over the editor's current set, redrawn on `ArticleEditor.changed`;
an edited cell becomes a new record that the editor writes to the store at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QItemSelection,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.core_messages import shown
from annotator.gui.delegates import ChecklistDelegate, ChoiceDelegate, DateDelegate
from annotator.gui.editor import ArticleEditor, NothingToDo
from annotator.gui.i18n import label_shown, modality_shown, schema_language
from annotator.gui.notes import NOTE_MARK, UNSURE_MARK, about_span, ask_note, flag_marks, one_line
from annotator.gui.plain import plain_label, rich_literal
from annotator.gui.record_model import RECORD_ROLE, Column, RecordModel
from annotator.model import (
    EVENT_MODALITIES,
    AnnotationSet,
    Event,
    Official,
    Span,
    linked_spans,
    region_kind,
    region_label,
)
from annotator.services.span_links import linked_texts
from annotator.store import StoreError

R = TypeVar("R")
TITLE_SEPARATOR = "、"
MAX_ROWS_TO_FIT = 60  # fit columns to their contents only for short tables


def split_titles(value: str) -> tuple[str, ...]:
    """`省委书记、省长` -> ("省委书记", "省长"); commas and semicolons separate too."""
    for separator in (",", "，", ";", "；"):
        value = value.replace(separator, TITLE_SEPARATOR)
    return tuple(t.strip() for t in value.split(TITLE_SEPARATOR) if t.strip())


def links_shown(aset: AnnotationSet, record: Official | Event) -> str:
    """The texts of a record's linked spans, one group per link field: 党委书记、省长 · 自治区党委."""
    groups: dict[str, list[str]] = {}
    for field, text in linked_texts(aset, record):
        groups.setdefault(field, []).append(one_line(text))
    return " · ".join(TITLE_SEPARATOR.join(texts) for texts in groups.values())


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


class RecordTab(QWidget):
    """A table of one kind of record, with buttons under it."""

    failed = Signal(str)  # the store refused an edit; the message for the status bar

    def __init__(
        self,
        editor: ArticleEditor,
        columns: Sequence[Column[Any]],
        save: Callable[[Any, Any], Any],
        *,
        stretch: int,
        sortable: bool = False,
        samples: Mapping[int, str] | None = None,
    ) -> None:
        """`stretch`: the column that takes the spare width. `samples`: per column, a typical
        value it is sized to show (Qt's default 100 pixels each left the stretch column
        nothing in a narrow pane)."""
        super().__init__()
        self.editor = editor
        self._save = save
        self._stale = True
        self.model: RecordModel[Any] = RecordModel(columns, self._guarded_save)
        self.table = QTableView()
        if sortable:
            proxy = QSortFilterProxyModel(self)
            proxy.setSourceModel(self.model)
            self.table.setModel(proxy)
            self.table.setSortingEnabled(True)
            self.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        else:
            self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if samples and stretch in samples and stretch == len(columns) - 1:
            # the last column fills spare width but keeps its own when there is none: the
            # table scrolls sideways instead of squeezing it to nothing
            header.setStretchLastSection(True)
        else:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        for column, sample in (samples or {}).items():
            header.resizeSection(
                column, max(metrics.horizontalAdvance(sample) + 24, header.sectionSizeHint(column))
            )
        self.table.setWordWrap(False)
        self.buttons = QHBoxLayout()
        self._button_texts: list[tuple[QPushButton, str, str]] = []  # English, for retranslation
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(self.buttons)
        editor.changed.connect(self.refresh)

    def refresh(self) -> None:
        """Redraw from the editor's set; a hidden tab waits until it is shown (500 spans in a
        table nobody looks at would cost every key press)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        rows_before = self.model.rowCount()
        self.model.set_records(self.records())
        if self.model.rowCount() != rows_before and self.model.rowCount() <= MAX_ROWS_TO_FIT:
            self.table.resizeColumnsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def records(self) -> Sequence[Any]:
        raise NotImplementedError

    def commit_open_editor(self) -> None:
        """Write a cell that is still being edited (the window is closing)."""
        editor = self.table.indexWidget(self.table.currentIndex())
        if editor is not None and self.table.state() == QAbstractItemView.State.EditingState:
            self.table.commitData(editor)

    def set_delegate(self, column: int, delegate: QStyledItemDelegate) -> None:
        delegate.setParent(self)
        self.table.setItemDelegateForColumn(column, delegate)

    def add_button(self, text: str, tip: str, slot: Callable[[], Any]) -> QPushButton:
        """`text` and `tip` in English, marked QT_TRANSLATE_NOOP("RecordTab", …): the button
        shows them in the window's language, and again after a switch."""
        button = QPushButton()
        self._button_texts.append((button, text, tip))
        self._translate_button(button, text, tip)
        button.clicked.connect(lambda: self.guarded(slot))
        self.buttons.addWidget(button)
        return button

    @staticmethod
    def _translate_button(button: QPushButton, text: str, tip: str) -> None:
        button.setText(QCoreApplication.translate("RecordTab", text))
        button.setToolTip(QCoreApplication.translate("RecordTab", tip))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            for button, text, tip in self._button_texts:
                self._translate_button(button, text, tip)
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
            self._stale = True  # label and type names are shown in the new language
            if self.isVisible():
                self.refresh()

    def add_delete_key(self, delete: Callable[[Any], Any]) -> None:
        """Delete (in the table, not while editing a cell) removes the selected record."""
        action = QAction(self.tr("Delete"), self.table)
        action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda: self._delete_selected(delete))
        self.table.addAction(action)
        self.add_button(
            QT_TRANSLATE_NOOP("RecordTab", "Delete"),
            QT_TRANSLATE_NOOP("RecordTab", "Delete the selected row (Delete)"),
            lambda: self._delete_selected(delete),
        )

    def _delete_selected(self, delete: Callable[[Any], Any]) -> None:
        record = self.selected_record()
        if record is not None:
            self.guarded(lambda: delete(record))

    def selected_record(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def guarded(self, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except (StoreError, NothingToDo) as error:
            self.failed.emit(shown(error))
            return None

    def _guarded_save(self, old: Any, new: Any) -> None:
        self.guarded(lambda: self._save(old, new))


class OfficialsTab(RecordTab):
    mentions_selected = Signal(frozenset)  # span ids of the selected official's mentions, links

    def __init__(self, editor: ArticleEditor) -> None:
        columns: list[Column[Official]] = [
            Column(QT_TRANSLATE_NOOP("RecordModel", "Name"), lambda o: o.name, update=lambda o, v: replace(o, name=str(v).strip())),
            Column(
                QT_TRANSLATE_NOOP("RecordModel", "Titles"),
                lambda o: TITLE_SEPARATOR.join(o.titles),
                update=lambda o, v: replace(o, titles=split_titles(str(v))),
                tooltip=QT_TRANSLATE_NOOP("RecordModel", "separate titles with 、"),
            ),
            Column(
                QT_TRANSLATE_NOOP("RecordModel", "Organisation"),
                lambda o: o.organization or "",
                update=lambda o, v: replace(o, organization=str(v).strip() or None),
            ),
            Column(QT_TRANSLATE_NOOP("RecordModel", "Mentions"), lambda o: len(o.mentions)),
            # the TITLE and ORG spans linked to it (L on a span links or unlinks it)
            Column(QT_TRANSLATE_NOOP("RecordModel", "Linked"), lambda o: links_shown(editor.aset, o),
                   tooltip=QT_TRANSLATE_NOOP("RecordModel", "linked spans: L on a label links or unlinks it")),
        ]
        super().__init__(editor, columns, self._save_official, stretch=1,
                         samples={0: "马兴瑞", 2: "自治区党委", 3: "9", 4: "党委书记"})
        self.add_delete_key(editor.delete_official)
        self.table.selectionModel().selectionChanged.connect(self._emit_mentions)

    def records(self) -> Sequence[Official]:
        return self.editor.aset.officials

    def _save_official(self, old: Official, new: Official) -> None:
        """Renaming to the name of another official of the article offers to merge the two
        (two records with one name would split one person's mentions and events). The question
        waits until the cell editor has closed: a dialog during its commit would commit again."""
        twin = self._twin(new)
        if twin is None or new.name == old.name:
            self.editor.save_official(new)
            return
        QTimer.singleShot(0, lambda: self.guarded(lambda: self._offer_merge(old, twin)))

    def _twin(self, official: Official) -> Official | None:
        return next(
            (o for o in self.editor.aset.officials if o.name == official.name and o.id != official.id),
            None,
        )

    def _offer_merge(self, source: Official, target: Official) -> None:
        current = {o.id: o for o in self.editor.aset.officials}
        if current.get(source.id) != source or current.get(target.id) != target:
            raise NothingToDo(
                self.tr("{name} changed meanwhile; rename it again").format(name=repr(source.name))
            )
        question = self.tr(
            "{target} is already an official of this article. Merge {source} into it? Their "
            "mentions, titles and events are joined (Ctrl+Z undoes the merge).\n\n"
            "No: {source} keeps its name."
        ).format(target=repr(target.name), source=repr(source.name))
        answer = QMessageBox.question(
            self,
            self.tr("Merge officials?"),
            rich_literal(question),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            raise NothingToDo(
                self.tr("not renamed: {name} is already an official of this article").format(
                    name=repr(target.name)
                )
            )
        self.editor.merge_officials(source, target)

    def _emit_mentions(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        official = self.selected_record()
        shown = {*official.mentions, *(i for _, i in linked_spans(official))} if official else set()
        self.mentions_selected.emit(frozenset(shown))


class EventsTab(RecordTab):
    spans_selected = Signal(frozenset)  # span ids of the selected event's evidence and links

    def __init__(self, editor: ArticleEditor) -> None:
        def names(e: Event) -> str:
            by_id = {o.id: o.name for o in editor.aset.officials}
            return TITLE_SEPARATOR.join(by_id.get(p, "?") for p in e.participants)

        def evidence(e: Event) -> str:
            span = editor.aset.span_by_id().get(e.evidence) if e.evidence is not None else None
            return span.text if span else ""

        def type_shown(e: Event) -> str:
            return editor.store.schema.event_type_shown(e.type, schema_language())

        columns: list[Column[Event]] = [
            Column(QT_TRANSLATE_NOOP("RecordModel", "Type"), type_shown, lambda e: e.type, update=lambda e, v: replace(e, type=str(v))),
            Column(QT_TRANSLATE_NOOP("RecordModel", "Date"), lambda e: e.date or "", lambda e: e.date, lambda e, v: replace(e, date=v)),
            Column(
                QT_TRANSLATE_NOOP("RecordModel", "End"), lambda e: e.end_date or "", lambda e: e.end_date,
                lambda e, v: replace(e, end_date=v),
            ),
            Column(QT_TRANSLATE_NOOP("RecordModel", "Place"), lambda e: e.place or "", update=lambda e, v: replace(e, place=str(v).strip() or None)),
            Column(QT_TRANSLATE_NOOP("RecordModel", "Participants"), names, lambda e: e.participants, lambda e, v: replace(e, participants=tuple(v))),
            Column(QT_TRANSLATE_NOOP("RecordModel", "Evidence"), evidence, lambda e: e.evidence, lambda e, v: replace(e, evidence=v)),
            # empty: it happened; else planned, hoped… (model.EVENT_MODALITIES)
            Column(QT_TRANSLATE_NOOP("RecordModel", "Modality"), lambda e: modality_shown(e.modality), lambda e: e.modality, lambda e, v: replace(e, modality=v)),
            # the PLACE, DATE and participants' OFFICIAL spans linked to it
            Column(QT_TRANSLATE_NOOP("RecordModel", "Linked"), lambda e: links_shown(editor.aset, e),
                   tooltip=QT_TRANSLATE_NOOP("RecordModel", "linked spans: L on a label links or unlinks it")),
        ]
        super().__init__(editor, columns, lambda _old, new: editor.save_event(new), stretch=5,
                         samples={0: "座谈会", 1: "2024-09-02", 2: "2024-09-02", 3: "乌鲁木齐",
                                  4: "马兴瑞、楼阳生", 5: "马兴瑞主持座谈会", 6: "condolence",
                                  7: "乌鲁木齐"})
        self.set_delegate(0, ChoiceDelegate(lambda: [
            (editor.store.schema.event_type_shown(t, schema_language()), t)
            for t in editor.store.schema.event_types
        ]))
        def published(_index: Any) -> str | None:
            return editor.article.published if editor.article else None

        def start_date(index: Any) -> str | None:  # an end date starts from the event's date
            event = index.data(RECORD_ROLE)
            return (event.date if event else None) or published(index)

        for column, fallback in ((1, published), (2, start_date)):
            dates = DateDelegate(fallback)
            dates.refused.connect(self.failed)
            self.set_delegate(column, dates)
        self.set_delegate(4, ChecklistDelegate(lambda: [(o.name, o.id) for o in editor.aset.officials]))
        self.set_delegate(
            5,
            ChoiceDelegate(
                lambda: [(self.tr("(none)"), None)]
                + [(f"{label_shown(editor.store.schema, s.label)}: {s.text}", s.id)
                   for s in editor.aset.entity_spans()]
            ),
        )
        self.set_delegate(
            6, ChoiceDelegate(lambda: [(self.tr("(happened)"), None), *((m, m) for m in EVENT_MODALITIES)])
        )
        self.add_button(
            QT_TRANSLATE_NOOP("RecordTab", "Add event"),
            QT_TRANSLATE_NOOP("RecordTab", "Add an event record to this article"),
            editor.add_event,
        )
        self.add_delete_key(editor.delete_event)
        self.table.selectionModel().selectionChanged.connect(self._emit_spans)

    def records(self) -> Sequence[Event]:
        return self.editor.aset.events

    def _emit_spans(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        event = self.selected_record()
        shown = {event.evidence, *(i for _, i in linked_spans(event))} if event else set()
        self.spans_selected.emit(frozenset(shown - {None}))


class RegionsTab(RecordTab):
    def __init__(self, editor: ArticleEditor) -> None:
        def lines(s: Span) -> str:
            text = editor.article.text if editor.article else ""
            first, last = line_of(text, s.start), line_of(text, max(s.start, s.end - 1))
            return str(first) if first == last else f"{first}–{last}"

        columns: list[Column[Span]] = [
            Column(QT_TRANSLATE_NOOP("RecordModel", "Lines"), lines),
            Column(
                QT_TRANSLATE_NOOP("RecordModel", "Kind"),
                lambda s: label_shown(editor.store.schema, s.label),
                lambda s: region_kind(s.label),
                update=lambda s, v: replace(s, label=region_label(str(v))),
            ),
            Column(QT_TRANSLATE_NOOP("RecordModel", "Text"), lambda s: s.text[:80].replace("\n", " ⏎ ")),
        ]
        super().__init__(
            editor, columns, lambda old, new: editor.relabel(old, new.label), stretch=2
        )
        self.set_delegate(
            1,
            ChoiceDelegate(
                lambda: [(r.shown(schema_language()), region_kind(r.name))
                         for r in editor.store.schema.region_labels()]
            ),
        )
        self.add_delete_key(editor.delete_span)

    def records(self) -> Sequence[Span]:
        return self.editor.aset.region_spans()


class SpansTab(RecordTab):
    span_chosen = Signal(object)  # the Span whose row was selected

    def __init__(self, editor: ArticleEditor) -> None:
        columns: list[Column[Span]] = [
            # the label, then its flags: ? unsure (U), ✎ a note (C), shown in the Note column
            Column(QT_TRANSLATE_NOOP("RecordModel", "Label"),
                   lambda s: " ".join(filter(None, (label_shown(editor.store.schema, s.label),
                                                    flag_marks(s.unsure, bool(s.note))))),
                   tooltip=QT_TRANSLATE_NOOP("RecordModel", "? unsure (U) · ✎ has a note (C)")),
            Column(QT_TRANSLATE_NOOP("RecordModel", "Text"), lambda s: s.text[:60].replace("\n", " ⏎ ")),
            Column(QT_TRANSLATE_NOOP("RecordModel", "Start"), lambda s: s.start),
            Column(QT_TRANSLATE_NOOP("RecordModel", "End"), lambda s: s.end),
            Column(QT_TRANSLATE_NOOP("RecordModel", "From"), lambda s: self._came_from(s),
                   tooltip=QT_TRANSLATE_NOOP("RecordModel", "accepted from a suggestion (its suggester and score), "
                                             "or labelled by hand")),
            Column(QT_TRANSLATE_NOOP("RecordModel", "Note"), lambda s: one_line(s.note)),
        ]
        # the Note column takes the spare width: as the stretching column, Text was squeezed
        # to "…" once the Note column joined
        super().__init__(editor, columns, lambda _old, _new: None, stretch=5, sortable=True,
                         samples={0: "OFFICIAL ?✎", 1: "艾尔肯·吐尼亚孜", 2: "00000", 3: "00000",
                                  4: "suggestion", 5: "全名还是简称？"})
        # the article's own note and flag, above its spans (plain text: a note may quote a page)
        self.article_flags = plain_label()
        self.article_flags.setWordWrap(True)
        self.article_flags.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.article_flags)
        self.add_button(
            QT_TRANSLATE_NOOP("RecordTab", "Note…"),
            QT_TRANSLATE_NOOP("RecordTab", "Write or change the selected label's note and unsure flag (C in the text)"),
            self._note_selected,
        )
        self.add_delete_key(editor.delete_span)
        self.table.selectionModel().selectionChanged.connect(self._emit_span)

    def records(self) -> Sequence[Span]:
        aset = self.editor.aset
        parts = []
        if aset.unsure:
            parts.append(self.tr("Article: {mark} unsure").format(mark=UNSURE_MARK))
        if aset.note:
            parts.append(self.tr("Article note ({mark}): {note}").format(mark=NOTE_MARK, note=aset.note))
        self.article_flags.setText("\n".join(parts))
        self.article_flags.setVisible(bool(parts))
        return aset.spans

    def _came_from(self, span: Span) -> str:
        """"hand", or the suggester and score of the suggestion the span was accepted from
        ("tagger 0.87"); "suggestion" alone once recomputing replaced that suggestion."""
        if span.origin is None:
            return self.tr("hand")
        auto = self.editor.auto
        cached = getattr(self, "_origins", None)  # per `auto` set: a cell is drawn many times
        if cached is None or cached[0] is not auto:
            cached = self._origins = (auto, {s.id: s for s in auto.spans})
        suggestion = cached[1].get(span.origin)
        if suggestion is None or suggestion.rule is None:
            return self.tr("suggestion")
        score = "–" if suggestion.score is None else f"{suggestion.score:.2f}"
        return self.tr("{source} {score}").format(source=suggestion.rule, score=score)

    def refresh(self) -> None:
        """As every tab, then the Text column kept to about ten characters: fitted to a
        boilerplate region's text it pushed every other column out of a narrow pane."""
        super().refresh()
        cap = self.table.fontMetrics().horizontalAdvance("中" * 10) + 24
        if self.table.columnWidth(1) > cap:
            self.table.setColumnWidth(1, cap)

    def _note_selected(self) -> None:
        span = self.selected_record()
        if span is None:
            raise NothingToDo(self.tr("select a label in the table first"))
        about = about_span(label_shown(self.editor.store.schema, span.label), span.text)
        answer = ask_note(about, span.note, span.unsure, self)
        if answer is not None:
            self.editor.set_span_flags(span, note=answer[0], unsure=answer[1])

    def _emit_span(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        span = self.selected_record()
        if span is not None:
            self.span_chosen.emit(span)


class SideTabs(QTabWidget):
    def __init__(self, editor: ArticleEditor) -> None:
        super().__init__()
        self.officials = OfficialsTab(editor)
        self.events = EventsTab(editor)
        self.regions = RegionsTab(editor)
        self.spans = SpansTab(editor)
        for tab in self.tabs():
            self.addTab(tab, "")
        self._set_titles()

    def _set_titles(self) -> None:
        titles = (self.tr("Officials"), self.tr("Events"), self.tr("Boilerplate"), self.tr("Spans"))
        for index, title in enumerate(titles):
            self.setTabText(index, title)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._set_titles()

    def tabs(self) -> tuple[RecordTab, ...]:
        return (self.officials, self.events, self.regions, self.spans)

    def chosen_record(self) -> Official | Event | None:
        """The official or event selected in the Officials or Events tab while it is shown."""
        shown = self.currentWidget()
        return shown.selected_record() if shown in (self.officials, self.events) else None
