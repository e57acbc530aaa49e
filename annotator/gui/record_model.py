"""A table model over a tuple of frozen records, described column by column.

The four side tabs (officials, events, boilerplate regions, spans) differ only in their
columns: what a cell shows, what its editor gets, and how an edited value makes a new record.
`setData` hands the new record to `save`, which writes it to the store at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from annotator.gui.plain import rich_literal

R = TypeVar("R")
AnyIndex = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole  # the record itself, for views and tests


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str  # English, marked QT_TRANSLATE_NOOP("RecordModel", …): shown translated
    show: Callable[[R], Any]  # DisplayRole (an int sorts as a number)
    edit_value: Callable[[R], Any] | None = None  # EditRole; None: same as `show`
    update: Callable[[R, Any], R] | None = None  # None: read-only
    tooltip: str = ""


class RecordModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Column[R]], save: Callable[[R, R], None]) -> None:
        super().__init__()
        self._columns = tuple(columns)
        self._save = save
        self._records: tuple[R, ...] = ()

    def set_records(self, records: Sequence[R]) -> None:
        records = tuple(records)
        if len(records) == len(self._records):  # same rows: keep selection and editors
            self._records = records
            if records:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(records) - 1, len(self._columns) - 1)
                )
            return
        self.beginResetModel()
        self._records = records
        self.endResetModel()

    def records(self) -> tuple[R, ...]:
        return self._records

    def record(self, row: int) -> R:
        return self._records[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("RecordModel", self._columns[section].header)
        if role == Qt.ItemDataRole.ToolTipRole:
            tooltip = self._columns[section].tooltip
            return QCoreApplication.translate("RecordModel", tooltip) if tooltip else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self._columns[index.column()].update is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        record = self._records[index.row()]
        column = self._columns[index.column()]
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.DisplayRole:
            return column.show(record)
        if role == Qt.ItemDataRole.ToolTipRole:  # names and page text: never HTML
            return rich_literal(str(column.show(record)))
        if role == Qt.ItemDataRole.EditRole:
            return (column.edit_value or column.show)(record)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        column = self._columns[index.column()]
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or column.update is None:
            return False
        old = self._records[index.row()]
        new = column.update(old, value)
        if new == old:
            return False
        self._save(old, new)
        return True
