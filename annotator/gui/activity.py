"""Time on an article: seconds in which the annotator pressed a key or the mouse recently.

A one-second tick counts a second as active when the last input is less than `IDLE_AFTER`
seconds old; the window flushes the count to the store on every switch and every
`FLUSH_EVERY` active seconds, so a crash loses at most that much time (never a label).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

IDLE_AFTER = 60.0
FLUSH_EVERY = 30
_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
}


class ActivityClock(QObject):
    tick = Signal()  # a second passed (for the status bar)
    flush_due = Signal()  # enough unsaved seconds gathered

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._last_input = time.monotonic()
        self.pending = 0.0
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self._on_tick)
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._last_input = time.monotonic()
        return False

    def _on_tick(self) -> None:
        if time.monotonic() - self._last_input < IDLE_AFTER:
            self.pending += 1.0
            if self.pending >= FLUSH_EVERY:
                self.flush_due.emit()
        self.tick.emit()

    def take(self) -> float:
        """The active seconds not yet saved; the count restarts at zero."""
        seconds, self.pending = self.pending, 0.0
        return seconds

    def stop(self) -> None:
        self._timer.stop()
