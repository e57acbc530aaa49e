"""The article text shown once, with a lane per annotator under every line.

Each annotator's spans are bars in its lane, in the label's schema colour: entity spans as bars,
boilerplate regions as a strip along the lane's foot; bars of spans not every annotator has are
full strength, agreed ones faded. Disagreements are boxed on the text (orange while open, green
once gold holds a version), the current one filled. The text's own highlight is `gold` so far.

A `QTextEdit`, not the annotator's `QPlainTextEdit`: only the rich-text layout honours a line
height, which is what makes room for the lanes under each wrapped line.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextBlockFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from annotator.gui.i18n import label_shown
from annotator.gui.offsets import Utf16Offsets, display_text
from annotator.gui.review_layout import DisagreementBox, LaneBar
from annotator.gui.text_view import blend, show_tooltip, text_font
from annotator.model import AnnotationSet, LabelSchema, Span

LANE_HEIGHT = 8
ENTITY_HEIGHT = 5
LANE_GAP = 2
OPEN_COLOR = QColor("#e67e00")
SETTLED_COLOR = QColor("#2e7d32")
FOCUS_MARGIN = 6  # pixels kept above and below the range in view


@dataclass(frozen=True, slots=True)
class GoldShade:
    qt_start: int
    qt_end: int
    color: QColor
    whole_line: bool  # a region: the full width of its lines


class LanesView(QTextEdit):
    clicked = Signal(int)  # a click at this code point

    def __init__(self, schema: LabelSchema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._colors = {label.name: label.color for label in schema.labels}
        self._schema = schema
        self.offsets = Utf16Offsets.of("")
        self._lanes = 0
        self._bars: list[LaneBar] = []
        self._boxes: list[DisagreementBox] = []
        self._sets: Sequence[AnnotationSet | None] = ()
        self._names: Sequence[str] = ()
        self._focus: tuple[int, int] | None = None  # the Qt range kept in view
        self._gold: list[GoldShade] = []
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setFont(text_font())
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)

    def lane_space(self) -> int:
        return LANE_GAP + self._lanes * (LANE_HEIGHT + LANE_GAP)

    def show_text(self, text: str, names: Sequence[str]) -> None:
        """A new article: its text, with room under every line for one lane per name."""
        self._names = names
        self._lanes = len(names)
        self.offsets = Utf16Offsets.of(text)
        self._bars, self._boxes, self._sets, self._gold = [], [], (), []
        self._focus = None
        self.setExtraSelections([])
        self.setPlainText(display_text(text))
        block_format = QTextBlockFormat()
        block_format.setLineHeight(
            self.lane_space(), QTextBlockFormat.LineHeightTypes.LineDistanceHeight.value
        )
        block_format.setBottomMargin(self.lane_space())
        blank_line = QTextBlockFormat()  # a blank line carries no spans: no lanes, low height
        blank_line.setLineHeight(
            self.fontMetrics().height() / 2, QTextBlockFormat.LineHeightTypes.FixedHeight.value
        )
        block = self.document().begin()
        while block.isValid():
            if block.length() > 1:
                QTextCursor(block).mergeBlockFormat(block_format)
            else:
                QTextCursor(block).mergeBlockFormat(blank_line)
            block = block.next()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def set_review(
        self,
        sets: Sequence[AnnotationSet | None],
        bars: list[LaneBar],
        boxes: list[DisagreementBox],
        gold: Sequence[Span],
    ) -> None:
        self._sets, self._bars, self._boxes = sets, bars, boxes
        self._gold = [self._gold_shade(s) for s in gold]
        self.viewport().update()

    def scroll_to(self, start: int, end: int) -> None:
        """Bring code points start..end into view with the lanes under them, and keep them in
        view when the view is resized (the lines wrap anew) until another range is asked for.
        `ensureCursorVisible` showed only the text line: scrolling down, the lanes under it
        were cut off, and a resize lost it altogether."""
        cursor = self.textCursor()
        cursor.setPosition(self.offsets.to_qt(start))
        self.setTextCursor(cursor)
        self._focus = self.offsets.span_to_qt(start, end)
        self._keep_focus_in_view()

    def _keep_focus_in_view(self) -> None:
        if self._focus is None:
            return
        pieces = list(self.line_pieces(*self._focus))
        if not pieces:
            return
        top = min(p[2] for p in pieces) - FOCUS_MARGIN
        bottom = max(p[3] for p in pieces) + self.lane_space() + FOCUS_MARGIN
        height = self.viewport().height()
        bar = self.verticalScrollBar()
        if top < 0 or bottom - top > height:  # above the view, or taller than it: top first
            bar.setValue(bar.value() + int(top))
        elif bottom > height:
            bar.setValue(bar.value() + int(bottom - height + 0.999))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._keep_focus_in_view()

    def _gold_shade(self, span: Span) -> GoldShade:
        """Gold's span shaded under the text (painted, not an ExtraSelection: QTextLayout
        redraws each line once per selection touching it, see underlay.py); a region across
        the whole width of its lines."""
        color = self._colors.get(span.label, "#888888")
        qt_start, qt_end = self.offsets.span_to_qt(span.start, span.end)
        return GoldShade(qt_start, qt_end, blend(color, 0.18 if span.is_region else 0.35), span.is_region)

    def _paint_gold(self, area: QRectF) -> None:
        if not self._gold:
            return
        top_left = self.cursorForPosition(area.topLeft().toPoint()).block().position()
        bottom = self.cursorForPosition(area.bottomRight().toPoint()).block()
        shown_end = bottom.position() + bottom.length()
        width = self.viewport().width()
        painter = QPainter(self.viewport())
        for shade in self._gold:
            if shade.qt_end <= top_left or shade.qt_start >= shown_end:
                continue
            for left, right, top, low in self.line_pieces(shade.qt_start, shade.qt_end):
                rect = QRectF(0, top, width, low - top) if shade.whole_line else QRectF(
                    left, top, right - left, low - top
                )
                if rect.intersects(area):
                    painter.fillRect(rect, shade.color)
        painter.end()

    # -- geometry -----------------------------------------------------------------------------

    def line_pieces(
        self, qt_start: int, qt_end: int
    ) -> Iterator[tuple[float, float, float, float]]:
        """(left, right, text top, text bottom) in viewport coordinates of every visual line
        piece of the Qt range; an empty piece (a line break) is skipped."""
        document = self.document()
        layout_of = document.documentLayout()
        dx = -self.horizontalScrollBar().value()
        dy = -self.verticalScrollBar().value()
        block = document.findBlock(qt_start)
        while block.isValid() and block.position() < qt_end:
            layout_of.blockBoundingRect(block)  # lays the block out if it is not yet
            layout = block.layout()
            origin = layout.position()
            begin = block.position()
            for n in range(layout.lineCount()):
                line = layout.lineAt(n)
                low = max(qt_start - begin, line.textStart())
                high = min(qt_end - begin, line.textStart() + line.textLength())
                if low >= high:
                    continue
                left = line.cursorToX(low)[0] + origin.x() + dx
                right = line.cursorToX(high)[0] + origin.x() + dx
                top = origin.y() + line.y() + dy
                yield left, right, top, top + line.height()
            block = block.next()

    def paintEvent(self, event: QPaintEvent) -> None:
        visible = QRectF(event.rect())
        self._paint_gold(visible)  # under the text
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        for bar in self._bars:
            color = QColor(self._colors.get(bar.label, "#888888"))
            if not bar.disagreeing:
                color = blend(color.name(), 0.45)
            for left, right, _top, bottom in self.line_pieces(bar.qt_start, bar.qt_end):
                y = bottom + LANE_GAP + bar.lane * (LANE_HEIGHT + LANE_GAP)
                if bar.region:  # a strip along the lane's foot, entity bars above it
                    rect = QRectF(
                        left, y + ENTITY_HEIGHT, right - left, LANE_HEIGHT - ENTITY_HEIGHT
                    )
                else:
                    rect = QRectF(left + 1, y, max(right - left - 2, 2), ENTITY_HEIGHT)
                if rect.intersects(visible):
                    painter.fillRect(rect, color)
        for box in self._boxes:
            settled = not box.verdict.open
            color = QColor(SETTLED_COLOR if settled else OPEN_COLOR)
            pen = QPen(color, 2.5 if box.current else 1.2)
            if not box.current and settled:
                pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            for left, right, top, bottom in self.line_pieces(box.qt_start, box.qt_end):
                rect = QRectF(left - 1, top, right - left + 2, bottom - top + self.lane_space())
                if not rect.intersects(visible):
                    continue
                if box.current:
                    fill = QColor(color)
                    fill.setAlpha(40)
                    painter.fillRect(rect, fill)
                painter.drawRect(rect)
        painter.end()

    # -- tooltips and clicks ------------------------------------------------------------------

    def describe(self, pos: int) -> str:
        """Each annotator's spans at code point `pos`, one line per span."""
        return "\n".join(
            f"{name}: {label_shown(self._schema, s.label)} {s.text}"
            for name, aset in zip(self._names, self._sets, strict=False)
            if aset is not None
            for s in aset.spans
            if s.start <= pos < s.end
        )

    def position_at(self, point: QPointF) -> int:
        qt_pos = self.cursorForPosition(point.toPoint()).position()
        return self.offsets.to_py(min(qt_pos, self.offsets.qt_length))

    def event(self, event: QEvent) -> bool:
        def tip_at(point: QPoint) -> str | None:
            return self.describe(self.position_at(QPointF(point)))

        return show_tooltip(self, event, tip_at) or super().event(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.clicked.emit(self.offsets.to_py(self.textCursor().position()))
