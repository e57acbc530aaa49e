"""Find in the article: every match at once, a count, and Enter / Shift+Enter to step.

The matches are code-point ranges of the string shown (never Qt positions), so the text view
paints them like any span and the window selects them through `select_range`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from annotator.gui.plain import plain_label

T = TypeVar("T")
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def step_to(
    items: Sequence[T], here: tuple[int, int], direction: int, where: Callable[[T], tuple[int, int]]
) -> T:
    """The item after (direction > 0) or before the selection `here`, in (start, end) order,
    wrapping round. A bare cursor is (pos, pos): an item starting right there comes next; a
    selected item is passed over. `items` must not be empty."""
    if direction > 0:
        after = [i for i in items if where(i) > here]
        return min(after or items, key=where)
    before = [i for i in items if where(i) < here]
    return max(before or items, key=where)


class FindBar(QWidget):
    needle_changed = Signal(str)
    step = Signal(int)  # +1: Enter, -1: Shift+Enter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QLineEdit()
        self._count: tuple[int | None, int] = (None, 0)  # shown by show_count
        self._set_texts()
        self.count = plain_label()
        self.count.setObjectName("findCount")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box, 1)
        layout.addWidget(self.count)
        self.box.textChanged.connect(self.needle_changed)
        self.box.installEventFilter(self)

    def _set_texts(self) -> None:
        self.box.setPlaceholderText(
            self.tr("Find in this article (Enter: next, Shift+Enter: previous, Esc: close)")
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._set_texts()
            self.show_count(*self._count)  # "3 of 12" stays "3 of 12", in the new language

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.box
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
        ):
            backwards = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self.step.emit(-1 if backwards else 1)
            return True
        return False

    def show_count(self, current: int | None, total: int) -> None:
        """"3 of 12" (`current` counts from 1), "12 matches", "no match", or nothing."""
        self._count = (current, total)
        if not self.box.text():
            self.count.setText("")
        elif total == 0:
            self.count.setText(self.tr("no match"))
        elif current is None:
            self.count.setText(
                self.tr("1 match") if total == 1 else self.tr("{n} matches").format(n=total)
            )
        else:
            self.count.setText(self.tr("{k} of {n}").format(k=current, n=total))
