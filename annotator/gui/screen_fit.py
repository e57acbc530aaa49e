"""A window's first size: the one its layout was designed for, or the screen's free area when
that is smaller (a 1280×720 laptop), so nothing opens beyond the screen's edge. A window
manager may clamp a too-large window itself, but not every one does (nor Xvfb, which has none)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def free_area(window: QWidget) -> QSize | None:
    """The free size of the screen the window is on (None without a screen)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() if screen else None


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    wanted = QSize(width, height)
    free = free_area(window)
    window.resize(wanted.boundedTo(free) if free is not None else wanted)
