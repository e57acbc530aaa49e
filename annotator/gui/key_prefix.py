"""A two-key command whose second key is awaited in plain sight (B, then a boilerplate kind).

Qt's own multi-key shortcuts ("B, S") wait invisibly and drop a key that completes nothing.
`KeyPrefix` watches the text view instead: after `start()` it says which keys it expects, takes
the next key before any window shortcut can (so `N` means "navigation", not "next article"),
and names a key that is not one of its choices.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

MODIFIER_KEYS = frozenset(
    {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr}
)


@dataclass(frozen=True)
class Choice:
    name: str
    run: Callable[[], None]


class KeyPrefix(QObject):
    def __init__(
        self,
        widget: QWidget,
        prefix: str,
        what: str,
        choices: Mapping[str, Choice],
        *,
        prompt: Callable[[str], None],
        refuse: Callable[[str], None],
    ) -> None:
        """`choices`: lower-case key → what it does. `prompt` shows (or, given "", clears)
        the waiting state; `refuse` reports a key that is no choice."""
        super().__init__(widget)
        self._widget = widget
        self._what = what
        self._choices = dict(choices)
        self._prompt = prompt
        self._refuse = refuse
        self.active = False
        keys = " · ".join(f"{key.upper()} {choice.name}" for key, choice in self._choices.items())
        self.prompt_text = self.tr("{prefix} + {what}: {keys} (Esc: cancel)").format(
            prefix=prefix, what=what, keys=keys
        )
        widget.installEventFilter(self)

    def start(self) -> None:
        self.active = True
        self._prompt(self.prompt_text)

    def cancel(self) -> None:
        if self.active:
            self.active = False
            self._prompt("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.active or watched is not self._widget:
            return False
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # the next key is ours, not a window shortcut's
            return True
        if kind == QEvent.Type.FocusOut:
            self.cancel()
            return False
        if kind != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() in MODIFIER_KEYS:
            return True  # Shift on its way to a letter
        self.cancel()
        if event.key() == Qt.Key.Key_Escape:
            return True
        text = event.text().lower()
        choice = self._choices.get(text)
        if choice is None:
            shown = text if text.isprintable() and text.strip() else event.keyCombination().key().name
            self._refuse(
                self.tr("{key} is not a {what}; press B again, then one of the keys shown").format(
                    key=repr(shown), what=self._what
                )
            )
        else:
            choice.run()
        return True
