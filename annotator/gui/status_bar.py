"""The status bar: who, where, how far, how long, and whether the last edit is saved."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QStatusBar

from annotator.gui.plain import plain_label, rich_literal


def clock_text(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class EditorStatusBar(QStatusBar):
    def __init__(self) -> None:
        super().__init__()
        # plain labels: the position shows the annotator's name, which may look like HTML
        self.mode = plain_label()
        self.mode.setObjectName("modeLabel")
        self.position = plain_label()
        self.timer = plain_label()
        self.saved = plain_label()
        self.saved.setObjectName("savedLabel")
        for label in (self.mode, self.position, self.timer, self.saved):
            self.addPermanentWidget(label)
        self.mode.hide()
        # a long mode (the B prompt lists every kind) is cut, never widens the window: the
        # full text is in its tooltip
        self.mode.setMinimumWidth(40)
        self._saved_at = ""  # when the last edit was saved, shown in the window's language

    def show_position(
        self,
        annotator: str,
        k: int | None,
        n: int,
        done: int,
        *,
        batch: tuple[int, int] | None = None,
    ) -> None:
        where = (
            self.tr("article {k} of {n}").format(k=k, n=n) if k is not None
            else self.tr("{n} articles listed").format(n=n)
        )
        bits = [annotator, where, self.tr("{n} done").format(n=done)]
        if batch:
            bits.append(self.tr("batch: {left} of {total} left").format(left=batch[1], total=batch[0]))
        self.position.setText("  ·  ".join(bits))

    def show_time(self, seconds: float) -> None:
        self.timer.setText(self.tr("{time} on this article").format(time=clock_text(seconds)))

    def show_saved(self, description: str) -> None:
        """Called only after the store's transaction committed."""
        self._saved_at = time.strftime("%H:%M:%S")
        self._show_saved_at()
        self.saved.setToolTip(rich_literal(description))  # it quotes the page's text
        self.showMessage(self.tr("saved: {what}").format(what=description), 3000)

    def _show_saved_at(self) -> None:
        if self._saved_at:
            self.saved.setText(self.tr("✓ saved {time}").format(time=self._saved_at))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._show_saved_at()  # the window sets the others again

    def show_problem(self, message: str) -> None:
        self.showMessage(f"⚠ {message}", 8000)

    def show_mode(self, text: str) -> None:
        self.mode.setText(text)
        self.mode.setToolTip(rich_literal(text))
        self.mode.setVisible(bool(text))
