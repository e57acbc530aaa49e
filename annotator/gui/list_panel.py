"""The left pane: search box, status filter and the article list."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.article_list_model import COLUMNS, ArticleListModel
from annotator.model import STATUSES, Status
from annotator.store import Store

FILTERS: tuple[tuple[str, Status | None], ...] = (
    (QT_TRANSLATE_NOOP("ArticleListPanel", "All"), None),
    (QT_TRANSLATE_NOOP("ArticleListPanel", "Todo"), "todo"),
    (QT_TRANSLATE_NOOP("ArticleListPanel", "In progress"), "in_progress"),
    (QT_TRANSLATE_NOOP("ArticleListPanel", "Done"), "done"),
    (QT_TRANSLATE_NOOP("ArticleListPanel", "Skipped"), "skipped"),
)
assert {status for _text, status in FILTERS} == {None, *STATUSES}, "a status without a filter"
# after the statuses, in the same box: my articles flagged unsure, or carrying a note (mine or
# on one of my labels); store.notes.FLAGS
FLAG_FILTERS: tuple[tuple[str, str], ...] = (
    (QT_TRANSLATE_NOOP("ArticleListPanel", "Unsure ?"), "unsure"),
    (QT_TRANSLATE_NOOP("ArticleListPanel", "With a note ✎"), "note"),
)
FLAG_PREFIX = "flag:"
SEARCH_DELAY_MS = 250
TITLE_MIN_CHARS = 8  # the title column keeps this many characters before others give way
OPTIONAL_COLUMNS = (1, 4, 2)  # outlet, label count, date: hidden in this order when narrow


class ArticleListPanel(QWidget):
    article_chosen = Signal(str)

    def __init__(self, store: Store, annotator: str) -> None:
        super().__init__()
        self._store = store
        self._annotator = annotator
        self.model = ArticleListModel(store, annotator)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        for _text, status in FILTERS:
            self.status_filter.addItem("", status)
        self.status_filter.insertSeparator(len(FILTERS))
        for _text, flag in FLAG_FILTERS:
            self.status_filter.addItem("", FLAG_PREFIX + flag)
        self._set_texts()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed widths: resizing to contents would read all 100,000 rows.
        digit = self.fontMetrics().horizontalAdvance("0")
        self._widths = {column: digit * chars + 12 for column, chars in ((1, 7), (2, 10), (3, 11), (4, 5))}
        for column, width in self._widths.items():
            header.resizeSection(column, width)
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self.apply_filter)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: current.isValid()
            and self.article_chosen.emit(self.model.article_id(current.row()))
        )
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table)

    def _set_texts(self) -> None:
        self.search.setPlaceholderText(self.tr("Search title and text…"))
        for index, (text, _status) in enumerate(FILTERS):
            self.status_filter.setItemText(index, self.tr(text))
        for text, flag in FLAG_FILTERS:
            at = self.status_filter.findData(FLAG_PREFIX + flag)
            self.status_filter.setItemText(at, self.tr(text))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._set_texts()
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
            self.model.refresh_all()  # the status column

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """A narrow pane hides the outlet, the label count, then the date (the header shows it)
        before the title is cut to nothing (at 1280 pixels the fixed columns filled the pane)."""
        # the table's own width: its viewport is resized later, after this panel's event
        scrollbar = self.table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        room = (
            self.table.width() - 2 * self.table.frameWidth() - scrollbar
            - TITLE_MIN_CHARS * self.fontMetrics().horizontalAdvance("中")
        )
        shown = dict(self._widths)
        for column in OPTIONAL_COLUMNS:
            if sum(shown.values()) > room:
                del shown[column]
        for column in self._widths:
            self.table.setColumnHidden(column, column not in shown)

    def status(self) -> Status | None:
        data = self.status_filter.currentData()
        return None if data is None or str(data).startswith(FLAG_PREFIX) else data

    def flag(self) -> str | None:
        """The flag filter chosen ("unsure" or "note"), or None."""
        data = self.status_filter.currentData()
        return str(data)[len(FLAG_PREFIX) :] if str(data).startswith(FLAG_PREFIX) else None

    def set_filter(self, search: str, status: Status | None, flag: str | None = None) -> None:
        """Restore a saved filter without running the query twice."""
        self.search.blockSignals(True)
        self.status_filter.blockSignals(True)
        self.search.setText(search)
        wanted = FLAG_PREFIX + flag if flag else status
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(wanted)))
        self.search.blockSignals(False)
        self.status_filter.blockSignals(False)

    def cancel_pending_search(self) -> None:
        """Drop a search still waiting out its delay after a key (the window is closing)."""
        self._debounce.stop()

    def apply_filter(self) -> None:
        """Run the search and the status filter; the current article stays chosen if listed."""
        self._debounce.stop()
        current = self.current_id()
        status, flag = self.status(), self.flag()
        ids = self._store.article_ids(
            status=status,
            annotator=self._annotator if status or flag else None,
            search=self.search.text().strip() or None,
            flag=flag,
        )
        self.model.set_ids(ids)
        if current is not None and self.model.row_of(current) is not None:
            self.select(current, emit=False)

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.article_id(index.row()) if index.isValid() else None

    def select(self, article_id: str, *, emit: bool = True) -> bool:
        row = self.model.row_of(article_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        selection = self.table.selectionModel()
        if not emit and self.table.currentIndex() == index and selection.isRowSelected(row):
            return True  # chosen here already (the window echoes the list's own choice)
        if not emit:
            selection.blockSignals(True)
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        if not emit:
            selection.blockSignals(False)
            self.table.viewport().update()
        self.table.scrollTo(index)
        return True

    def step(self, delta: int) -> bool:
        """Choose the article `delta` rows away from the current one."""
        current = self.table.currentIndex()
        row = (current.row() if current.isValid() else -1) + delta
        if not 0 <= row < self.model.rowCount():
            return False
        return self.select(self.model.article_id(row))
