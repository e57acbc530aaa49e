"""Highlights painted under the article text: labels, suggestions, find matches, regions.

Why not `ExtraSelection`s: QTextLayout draws every visible line again for each selection that
touches it, so an article with 500 labels took ~8x longer to switch to and paint than its bare
text (measured in `annotator bench gui`). These highlights only colour the background and
underline: they are filled here, in Qt positions, before the text is drawn over them; the few
that change the glyphs themselves (an emphasised label's white text, damage in red) stay
ExtraSelections.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QPlainTextEdit


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlight in Qt (UTF-16) positions of the document."""

    start: int
    end: int
    fill: QBrush
    line: QColor | None = None  # an underline in this colour
    dashed: bool = False
    whole_line: bool = False  # every line of the blocks touched, across the whole width


def paint_marks(view: QPlainTextEdit, painter: QPainter, marks: Sequence[Mark], area: QRect) -> None:
    """Fill `marks` that meet the visible blocks inside `area` (viewport coordinates), in
    order: a later mark covers an earlier one."""
    offset = view.contentOffset()
    blocks = []
    block = view.firstVisibleBlock()
    while block.isValid():
        rect = view.blockBoundingGeometry(block).translated(offset)
        if rect.top() > area.bottom():
            break
        if block.isVisible() and rect.bottom() >= area.top():
            blocks.append((block, rect))
        block = block.next()
    if not blocks:
        return
    low = blocks[0][0].position()
    high = blocks[-1][0].position() + blocks[-1][0].length()
    shown = [m for m in marks if m.start < high and m.end > low]
    width = view.viewport().width()
    for block, rect in blocks:
        position, length = block.position(), block.length()
        for mark in shown:
            if mark.start >= position + length or mark.end <= position:
                continue
            if mark.whole_line:
                painter.fillRect(QRectF(0, rect.top(), width, rect.height()), mark.fill)
            else:
                _fill_in_block(painter, block.layout(), rect, mark,
                               max(mark.start - position, 0), min(mark.end - position, length - 1))


def _fill_in_block(painter, layout, rect: QRectF, mark: Mark, start: int, end: int) -> None:  # noqa: ANN001
    for number in range(layout.lineCount()):
        line = layout.lineAt(number)
        line_start = line.textStart()
        first, last = max(start, line_start), min(end, line_start + line.textLength())
        if first >= last:
            continue
        left = rect.left() + line.cursorToX(first)[0]
        right = rect.left() + line.cursorToX(last)[0]
        top = rect.top() + line.y()
        painter.fillRect(QRectF(left, top, right - left, line.height()), mark.fill)
        if mark.line is not None:
            pen = QPen(mark.line, 1, Qt.PenStyle.DashLine if mark.dashed else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            baseline = top + line.ascent() + 2
            painter.drawLine(QPointF(left, baseline), QPointF(right, baseline))
