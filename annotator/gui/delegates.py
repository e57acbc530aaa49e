"""Cell editors for the side tables: a choice from a list, a date that may be empty, and a set
of choices (event participants). Each writes a plain Python value into the model's EditRole."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

AnyIndex = QModelIndex | QPersistentModelIndex
Choices = Callable[[], Sequence[tuple[str, Any]]]  # (shown text, value) pairs, read when opened
EMPTY_DATE = QDate(1900, 1, 1)  # the date editor's minimum, shown as "no date"


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of (text, value) choices; commits as soon as one is picked."""

    def __init__(self, choices: Choices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        combo = QComboBox(parent)
        for text, value in self._choices():
            combo.addItem(text, value)
        combo.activated.connect(lambda _row: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        row = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(row, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DateDelegate(QStyledItemDelegate):
    """A date editor with a calendar; its lowest value means "no date" (ISO string or None)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("yyyy-MM-dd")
        editor.setMinimumDate(EMPTY_DATE)
        editor.setSpecialValueText("(no date)")
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QDateEdit)
        value = index.data(Qt.ItemDataRole.EditRole)
        date = QDate.fromString(value, Qt.DateFormat.ISODate) if value else QDate()
        editor.setDate(date if date.isValid() else EMPTY_DATE)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QDateEdit)
        date = editor.date()
        value = None if date == EMPTY_DATE else date.toString(Qt.DateFormat.ISODate)
        model.setData(index, value, Qt.ItemDataRole.EditRole)


class ChecklistDelegate(QStyledItemDelegate):
    """A list of check boxes (the article's officials); commits the checked values as a tuple."""

    def __init__(self, choices: Choices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        editor = QListWidget(parent)
        for text, value in self._choices():
            item = QListWidgetItem(text, editor)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        return editor

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        assert isinstance(editor, QListWidget)
        rows = max(1, min(editor.count(), 8))
        height = editor.sizeHintForRow(0) * rows + 2 * editor.frameWidth() if editor.count() else 0
        editor.setGeometry(option.rect.adjusted(0, 0, 0, max(0, height - option.rect.height())))

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QListWidget)
        chosen = set(index.data(Qt.ItemDataRole.EditRole) or ())
        for row in range(editor.count()):
            item = editor.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QListWidget)
        chosen = tuple(
            editor.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(editor.count())
            if editor.item(row).checkState() == Qt.CheckState.Checked
        )
        model.setData(index, chosen, Qt.ItemDataRole.EditRole)
