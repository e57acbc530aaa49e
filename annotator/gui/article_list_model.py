"""The article list: a table model that holds only ids and fetches rows a page at a time.

Anki's browser pattern: the view asks for the rows it paints; a miss loads the page of
`PAGE_SIZE` summaries around it in one query and caches it, so 100,000 articles cost one
`article_ids` query and a few page loads, never 100,000 row objects.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from annotator.gui.i18n import status_shown
from annotator.gui.notes import flag_marks
from annotator.gui.plain import rich_literal
from annotator.model import ArticleSummary
from annotator.store import Store

PAGE_SIZE = 200
# English here, shown through the translator (context "ArticleListModel")
COLUMNS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("ArticleListModel", "Title"),
    QT_TRANSLATE_NOOP("ArticleListModel", "Outlet"),
    QT_TRANSLATE_NOOP("ArticleListModel", "Date"),
    QT_TRANSLATE_NOOP("ArticleListModel", "Status"),
    QT_TRANSLATE_NOOP("ArticleListModel", "Labels"),
)
AnyIndex = QModelIndex | QPersistentModelIndex


class ArticleListModel(QAbstractTableModel):
    def __init__(self, store: Store, annotator: str) -> None:
        super().__init__()
        self._store = store
        self._annotator = annotator
        self._ids: list[str] = []
        self._row_of: dict[str, int] = {}
        self._cache: dict[str, ArticleSummary] = {}

    # -- contents ----------------------------------------------------------------------------

    def set_ids(self, ids: list[str]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._row_of = {article_id: row for row, article_id in enumerate(ids)}
        self._cache.clear()
        self.endResetModel()

    def ids(self) -> list[str]:
        return self._ids

    def article_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, article_id: str) -> int | None:
        return self._row_of.get(article_id)

    def refresh_row(self, article_id: str) -> None:
        """Read one article's row again (its status or label count changed): one small query,
        not the page around it."""
        self._cache.pop(article_id, None)
        for summary in self._store.article_summaries([article_id], self._annotator):
            self._cache[summary.id] = summary
        row = self._row_of.get(article_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def refresh_all(self) -> None:
        self._cache.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    def summary(self, row: int) -> ArticleSummary | None:
        article_id = self._ids[row]
        if article_id not in self._cache:
            first = row - row % PAGE_SIZE
            page = self._ids[first : first + PAGE_SIZE]
            for summary in self._store.article_summaries(page, self._annotator):
                self._cache[summary.id] = summary
        return self._cache.get(article_id)

    # -- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("ArticleListModel", COLUMNS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 4:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:  # a title from a page: never HTML
            shown = self.data(index, Qt.ItemDataRole.DisplayRole)
            return rich_literal(str(shown)) if shown is not None else None
        summary = self.summary(index.row())
        if summary is None:  # deleted under us; shown as its id until the next refresh
            return self._ids[index.row()] if index.column() == 0 else None
        column = index.column()
        if column == 0:
            return summary.title or summary.id
        if column == 1:
            return summary.outlet or ""
        if column == 2:
            return summary.published or ""
        if column == 3:
            status = status_shown(summary.status)
            marks = flag_marks(summary.unsure, summary.has_note)
            return f"{status} {marks}" if marks else status
        return summary.label_count
