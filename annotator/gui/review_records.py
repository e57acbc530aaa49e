"""The side panel's records: every official and event of the article, record by record, a row
per annotator's version and one for gold's, the record in hand selected.

Names, titles and places come from the annotators' sets: table items show them as plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from annotator.gui.i18n import modality_shown
from annotator.model import GOLD, OfficialDraft
from annotator.review.record_disagreements import (
    RecordReview,
    RecordSlot,
    RecordVerdict,
    RecordWords,
    describe,
)

OPEN_COLOUR, DECIDED_COLOUR = QColor("#ffe0b2"), QColor("#dcedc8")


def slot_title(
    slot: RecordSlot, verdict: RecordVerdict, shown: Callable[[str], str] = str
) -> str:
    """`shown`: an event type's name in the window's language."""
    draft = slot.first() or (verdict.gold.draft if verdict.gold else None)
    if isinstance(draft, OfficialDraft):
        return QCoreApplication.translate("RecordsView", "Official {name}").format(name=draft.name)
    assert draft is not None
    title = QCoreApplication.translate("RecordsView", "Event {type}").format(type=shown(draft.type))
    return title + (f" {draft.date}" if draft.date else "")


def record_words(event_type_shown: Callable[[str], str] = str) -> RecordWords:
    """The words of a record's line in the window's language (literal calls: lupdate finds
    only those)."""
    return RecordWords(
        mentions=QCoreApplication.translate("RecordsView", "{count} mentions"),
        no_date=QCoreApplication.translate("RecordsView", "no date"),
        no_place=QCoreApplication.translate("RecordsView", "no place"),
        evidence=QCoreApplication.translate("RecordsView", "evidence"),
        linked_one=QCoreApplication.translate("RecordsView", "{count} linked span"),
        linked_many=QCoreApplication.translate("RecordsView", "{count} linked spans"),
        event_type=event_type_shown,
        modality=modality_shown,
    )


def slot_state(names: Sequence[str], slot: RecordSlot, verdict: RecordVerdict) -> str:
    if verdict.open:
        return QCoreApplication.translate("RecordsView", "agreed, not in gold yet") if slot.agreed else QCoreApplication.translate("RecordsView", "open")
    if slot.agreed:
        return QCoreApplication.translate("RecordsView", "agreed")
    if verdict.annotators:
        whose = QCoreApplication.translate("RecordsView", ", ").join(QCoreApplication.translate("RecordsView", "{name}'s").format(name=names[i]) for i in verdict.annotators)
        return QCoreApplication.translate("RecordsView", "gold holds {names}").format(names=whose)
    if verdict.gold is None:
        return QCoreApplication.translate("RecordsView", "gold holds none")
    return QCoreApplication.translate("RecordsView", "gold holds its own version") if any(slot.versions) else QCoreApplication.translate("RecordsView", "gold's own record")


class RecordsView(QTableWidget):
    """One header row per record, then one row per annotator and gold's row."""

    record_clicked = Signal(int)  # the record's index in the review

    def __init__(self, event_type_shown: Callable[[str], str] = str) -> None:
        super().__init__(0, 2)
        self._event_type_shown = event_type_shown
        self._set_header()
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # the side panel, under the menu bar, fits a 1000-pixel-high window; a record's rows
        # (header, two annotators, gold) still show whole
        self.setMinimumHeight(150)
        self._first_rows: list[int] = []  # per record: its header row
        self._current: int | None = None
        self.cellClicked.connect(self._clicked)

    def _set_header(self) -> None:
        self.setHorizontalHeaderLabels(["", self.tr("version")])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._set_header()  # the rows: the review window shows the records again

    def show_records(self, names: Sequence[str], review: RecordReview, current: int | None) -> None:
        self.clearSpans()
        rows: list[tuple[str, str, QColor | None]] = []
        self._first_rows = []
        words = record_words(self._event_type_shown)
        for index, (slot, verdict) in enumerate(zip(review.slots, review.verdicts, strict=True)):
            self._first_rows.append(len(rows))
            colour = OPEN_COLOUR if verdict.open else DECIDED_COLOUR
            marker = "▶ " if index == current else ""
            title = f"{marker}{index + 1}. {slot_title(slot, verdict, self._event_type_shown)} — "
            rows.append((title + slot_state(names, slot, verdict), "", colour))
            for lane, version in enumerate(slot.versions):
                rows.append(
                    (f"{lane + 1} {names[lane]}", describe(version, words) if version else "—", None)
                )
            rows.append((GOLD, describe(verdict.gold.draft, words) if verdict.gold else "—", None))
        self.setRowCount(len(rows))
        bold = QFont(self.font())
        bold.setBold(True)
        for row, (who, what, colour) in enumerate(rows):
            first, second = QTableWidgetItem(who), QTableWidgetItem(what)
            if colour is not None:  # a record's header row, over both columns
                first.setFont(bold)
                first.setBackground(QBrush(colour))
                self.setSpan(row, 0, 1, 2)
            self.setItem(row, 0, first)
            self.setItem(row, 1, second)
        self.resizeRowsToContents()
        self._current = current
        if current is not None and current < len(self._first_rows):
            # the record's header at the top, its versions and gold's row below it; after the
            # table has laid out its new rows (before, the row positions are stale)
            row = self._first_rows[current]
            QTimer.singleShot(0, lambda: self._scroll_to(row))
        if not rows:
            self.setRowCount(1)
            self.setSpan(0, 0, 1, 2)
            self.setItem(0, 0, QTableWidgetItem(self.tr("No officials or events in any set.")))

    def sizeHint(self) -> QSize:
        """No taller than its minimum: the side panel's height for its width counts preferred
        heights, and a table asking for more than it needs overflowed the panel (the buttons
        under it were cut); the table has the panel's stretch and takes what is left anyway."""
        return QSize(super().sizeHint().width(), self.minimumHeight())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the record in hand in view when the panel grows or shrinks."""
        super().resizeEvent(event)
        if self._current is not None and self._current < len(self._first_rows):
            self._scroll_to(self._first_rows[self._current])

    def _scroll_to(self, row: int) -> None:
        if row < self.rowCount():
            self.scrollTo(self.model().index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    def rows(self, index: int | None = None) -> list[tuple[str, str]]:
        """(who, version) of the record's rows, the record in hand by default."""
        index = self._current if index is None else index
        if index is None or index >= len(self._first_rows):
            return []
        end = self._first_rows[index + 1] if index + 1 < len(self._first_rows) else self.rowCount()
        return [
            (self.item(r, 0).text(), self.item(r, 1).text())
            for r in range(self._first_rows[index] + 1, end)
        ]

    def _clicked(self, row: int, _column: int) -> None:
        index = max((i for i, first in enumerate(self._first_rows) if first <= row), default=None)
        if index is not None:
            self.record_clicked.emit(index)
