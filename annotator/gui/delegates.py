"""Cell editors for the side tables: a choice from a list, a typed date that may be empty, and a
set of choices (event participants). Each writes a plain Python value into the model's EditRole."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from annotator.gui.core_messages import shown

AnyIndex = QModelIndex | QPersistentModelIndex
Choices = Callable[[], Sequence[tuple[str, Any]]]  # (shown text, value) pairs, read when opened
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


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


def parse_date(text: str) -> str | None:
    """What a typed date cell stores: None for an empty cell, else the date as YYYY-MM-DD.
    Anything else is refused (ValueError with the message for the status bar), never guessed:
    a date saved must be the date typed. Full-width digits and dashes (an IME) count as typed."""
    typed = unicodedata.normalize("NFKC", text).strip()
    if not typed:
        return None
    problem = QCoreApplication.translate(
        "DateDelegate", "type it as YYYY-MM-DD (e.g. 2024-09-03), or empty the cell for no date"
    )
    if not ISO_DATE.fullmatch(typed):
        raise ValueError(
            QCoreApplication.translate("DateDelegate", "{text} is not a date: {problem}").format(
                text=repr(text), problem=problem
            )
        )
    try:
        return dt.date.fromisoformat(typed).isoformat()
    except ValueError as error:
        raise ValueError(
            QCoreApplication.translate("DateDelegate", "{text} is not a date ({error}): {problem}")
            .format(text=repr(text), error=error, problem=problem)
        ) from None


class DateLineEdit(QLineEdit):
    """A date typed as text (saved as typed, or refused), with a calendar on Alt+Down, F4 or
    the arrow. The calendar opens at the cell's date, else at `fallback` (the article's)."""

    picked = Signal()  # a day was chosen in the calendar

    def __init__(self, parent: QWidget, fallback: QDate) -> None:
        super().__init__(parent)
        self._fallback = fallback
        self.calendar: QCalendarWidget | None = None
        self.setPlaceholderText("YYYY-MM-DD")
        self.setClearButtonEnabled(True)
        arrow = self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown)
        action = self.addAction(arrow, QLineEdit.ActionPosition.TrailingPosition)
        action.setToolTip(self.tr("Choose from a calendar (Alt+Down)"))
        action.triggered.connect(self.show_calendar)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> None:
        # A child of the editor, so the delegate sees the focus move as internal to the editor
        # and keeps it open (QDateEdit's popup does the same).
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        typed = QDate.fromString(self.text().strip(), Qt.DateFormat.ISODate)
        calendar.setSelectedDate(typed if typed.isValid() else self._fallback)
        calendar.activated.connect(self._pick)  # Enter, or a double click on a day
        calendar.clicked.connect(self._pick)
        calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.show()
        calendar.setFocus()
        self.calendar = calendar

    def _pick(self, date: QDate) -> None:
        self.setText(date.toString(Qt.DateFormat.ISODate))
        if self.calendar is not None:
            self.calendar.close()
            self.calendar = None
        self.setFocus()
        self.picked.emit()


class DateDelegate(QStyledItemDelegate):
    """A typed date (ISO string, or None for an empty cell). A date that is not YYYY-MM-DD is
    refused with a message (`refused`) and the cell keeps its value; Enter or Tab on it leave
    the editor open so it can be corrected. `fallback(index)`: where an empty cell's calendar
    opens (ISO date or None for today)."""

    refused = Signal(str)

    def __init__(
        self, fallback: Callable[[AnyIndex], str | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._fallback = fallback

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        fallback = QDate.fromString(self._fallback(index) or "", Qt.DateFormat.ISODate)
        editor = DateLineEdit(parent, fallback if fallback.isValid() else QDate.currentDate())
        editor.picked.connect(lambda: self._commit_and_close(editor))
        return editor

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        """At least as wide as a date and the calendar arrow, even in a narrow empty column."""
        wide = editor.fontMetrics().horizontalAdvance("0000-00-00") + 3 * editor.height()
        editor.setGeometry(option.rect.adjusted(0, 0, max(0, wide - option.rect.width()), 0))

    def _commit_and_close(self, editor: DateLineEdit) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QLineEdit)
        try:
            value = parse_date(editor.text())
        except ValueError as error:
            self.refused.emit(shown(error))
            return
        model.setData(index, value, Qt.ItemDataRole.EditRole)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter or Tab on a date that would be refused: say why and keep editing."""
        if (
            isinstance(watched, QLineEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in COMMIT_KEYS
        ):
            try:
                parse_date(watched.text())
            except ValueError as error:
                self.refused.emit(shown(error))
                return True
        return super().eventFilter(watched, event)


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
