"""The article text: read-only, CJK font, line numbers, and the labels painted over it.

The view shows exactly the store's string (`setPlainText`, never HTML: a page's `<img src=…>`
stays characters). Positions cross into Qt only through `offsets.Utf16Offsets`. Highlights are
painted under the text (underlay.py): boilerplate regions shaded across the whole line and
tagged in the gutter, entity spans in their schema colour, pending suggestions paler with a
dashed underline, find matches; those that change the glyphs are `ExtraSelection`s: the
emphasised label in white on its colour, damage in red with a tooltip.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from annotator.gui.i18n import label_shown, schema_language
from annotator.gui.offsets import Utf16Offsets, display_text
from annotator.gui.plain import rich_literal
from annotator.gui.underlay import Mark, paint_marks
from annotator.model import Damage, DamageKind, LabelSchema, Span, region_kind
from annotator.words import snap_to_words, word_at

CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
)
DAMAGE_COLOR = QColor("#c62828")
DAMAGE_TOOLTIPS: dict[DamageKind, str] = {  # English; shown through the translator
    "lost": QT_TRANSLATE_NOOP("ArticleTextView", "damaged text: characters were lost here"),
    "suspect": QT_TRANSLATE_NOOP("ArticleTextView", "damaged text? a bare '?' inside a sentence; a character may be lost here"),
    "replacement": QT_TRANSLATE_NOOP("ArticleTextView", "damaged text: bytes that did not decode (U+FFFD)"),
    "mojibake": QT_TRANSLATE_NOOP("ArticleTextView", "damaged text: UTF-8 read as Latin-1 (mojibake)"),
}
KEEP_ANCHOR = QTextCursor.MoveMode.KeepAnchor  # looked up once: enum access is slow in PySide


DEFAULT_TEXT_SIZE = 13
TEXT_SIZES = range(8, 41)  # points the zoom keys may reach


def text_font(point_size: int = DEFAULT_TEXT_SIZE) -> QFont:
    """A CJK font if one is installed, else the system's (Qt falls back per glyph)."""
    installed = set(QFontDatabase.families())
    families = [f for f in CJK_FAMILIES if f in installed]
    font = QFont()
    if families:
        font.setFamilies(families)
    font.setPointSize(point_size)
    return font


def blend(color: str, alpha: float) -> QColor:
    """`color` laid over white at `alpha`: a pale, opaque tint that keeps black text readable."""
    c = QColor(color)
    return QColor(
        round(255 - (255 - c.red()) * alpha),
        round(255 - (255 - c.green()) * alpha),
        round(255 - (255 - c.blue()) * alpha),
    )


def highlight_format(kind: str, color: str) -> QTextCharFormat:
    """How each kind of highlight looks: the one place to change the palette's use."""
    fmt = QTextCharFormat()
    if kind == "emphasised":
        fmt.setBackground(QColor(color))
        fmt.setForeground(QColor("white"))
    elif kind == "entity":
        fmt.setBackground(blend(color, 0.35))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor(color))
    elif kind == "suggestion":
        fmt.setBackground(blend(color, 0.12))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(QColor(color))
    elif kind == "found":
        fmt.setBackground(QColor("#ffd54f"))
    elif kind == "damage":
        fmt.setForeground(DAMAGE_COLOR)
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(DAMAGE_COLOR)
    elif kind in ("region", "suggested region"):
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        if kind == "region":
            fmt.setBackground(blend(color, 0.3))
        else:
            fmt.setBackground(QBrush(blend(color, 0.6), Qt.BrushStyle.BDiagPattern))
    else:
        raise ValueError(f"no highlight kind {kind!r}")
    return fmt


def show_tooltip(widget: QWidget, event: QEvent, tip_at: Callable[[QPoint], str | None]) -> bool:
    """Answer a tooltip event with what `tip_at` says of the hovered point (True: handled)."""
    if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
        return False
    tip = tip_at(event.pos())
    if tip:
        QToolTip.showText(event.globalPos(), rich_literal(tip), widget)  # page text: never HTML
    else:
        QToolTip.hideText()
    return True


@dataclass(frozen=True)
class Paint:
    """What to draw, in code points of the text shown."""

    spans: tuple[Span, ...] = ()  # the annotator's own, entities and regions
    suggestions: tuple[Span, ...] = ()  # pending `auto` spans
    damage: tuple[Damage, ...] = ()
    emphasised: frozenset[int] = field(default_factory=frozenset)  # span ids drawn strongest
    found: tuple[tuple[int, int], ...] = ()  # matches of the find bar


@dataclass(frozen=True)
class GutterTag:
    kind: str
    color: QColor
    suggested: bool


class ArticleTextView(QPlainTextEdit):
    clicked = Signal(int)  # a click without a drag, at this code point

    def __init__(self, schema: LabelSchema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._schema = schema
        self._colors = {label.name: label.color for label in schema.labels}
        self._formats: dict[tuple[str, str], QTextCharFormat] = {}
        self._made: dict[tuple[str, str, int, int], QTextEdit.ExtraSelection] = {}
        self._mark_styles: dict[tuple[str, str], tuple[QBrush, QColor | None, bool, bool]] = {}
        self._marks: list[Mark] = []
        self._text = ""
        self.offsets = Utf16Offsets.of("")
        self._paint = Paint()
        self._gutter_tags: dict[int, GutterTag] = {}
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(False)
        self.setCenterOnScroll(False)
        self._tag_font = QFont()
        self._tag_width = 0  # set_text_size measures both
        self._tag_names: dict[str, str] = {}  # region label -> its name in the window's language
        self._name_tags()
        self._gutter = _Gutter(self)
        self.snap_words = False  # mouse selections widen to whole words (View menu, remembered)
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._scroll_gutter)
        self.set_text_size(DEFAULT_TEXT_SIZE)

    def set_text_size(self, points: int) -> int:
        """Zoom: the text, line numbers and gutter tags at `points` (kept within TEXT_SIZES);
        returns the size set."""
        points = min(max(points, TEXT_SIZES[0]), TEXT_SIZES[-1])
        self.setFont(text_font(points))
        # under the application's style sheet a re-polish (focus, a sibling restyled) puts back
        # the font the view was first polished with; a size in the view's own sheet stays
        self.setStyleSheet(f"QPlainTextEdit {{ font-size: {points}pt; }}")
        self._tag_font = QFont(self.font())
        self._tag_font.setPointSizeF(max(6.0, self.font().pointSizeF() * 0.6))
        metrics = QFontMetrics(self._tag_font)
        self._tag_width = 10 + max(
            (metrics.horizontalAdvance(name) for name in self._tag_names.values()),
            default=0,
        )
        self._update_gutter_width()
        self._gutter.update()
        return points

    # -- contents ----------------------------------------------------------------------------

    @property
    def text(self) -> str:
        """The string shown (the store's, not the widget's: see offsets.display_text)."""
        return self._text

    def _name_tags(self) -> None:
        language = schema_language()
        self._tag_names = {r.name: r.shown(language) for r in self._schema.region_labels()}

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._name_tags()
            self.set_text_size(self.font().pointSize())  # the gutter fits the new names
            self.set_paint(self._paint)

    def show_text(self, text: str) -> None:
        self._text = text
        self.offsets = Utf16Offsets.of(text)
        self._paint = Paint()
        self._made.clear()
        self._marks = []
        self.setExtraSelections([])
        self.setPlainText(display_text(text))
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def set_paint(self, paint: Paint) -> None:
        """Show `paint`: backgrounds and underlines are marks painted under the text (see
        underlay.py), only the highlights that change the glyphs are ExtraSelections."""
        self._paint = paint
        marks: list[Mark] = []
        selections: list[QTextEdit.ExtraSelection] = []
        tags: dict[int, GutterTag] = {}
        for span in paint.suggestions:
            if span.is_region:
                marks.append(self._region_mark(span, suggested=True, tags=tags))
        for span in paint.spans:
            if span.is_region:
                marks.append(self._region_mark(span, suggested=False, tags=tags))
        for span in paint.suggestions:
            if not span.is_region:
                marks.append(self._mark("suggestion", span.label, span.start, span.end))
        for span in paint.spans:
            if span.is_region:
                continue
            if span.id in paint.emphasised:
                selections.append(self._highlight("emphasised", span.label, span.start, span.end))
            else:
                marks.append(self._mark("entity", span.label, span.start, span.end))
        marks += [self._mark("found", "", start, end) for start, end in paint.found]
        selections += [self._highlight("damage", "", d.start, d.end) for d in paint.damage]
        self._marks = marks
        self._gutter_tags = tags
        self.setExtraSelections(selections)
        self.viewport().update()
        self._gutter.update()

    def highlight_count(self) -> int:
        """Highlights shown: marks under the text and ExtraSelections."""
        return len(self._marks) + len(self.extraSelections())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        paint_marks(self, painter, self._marks, event.rect())
        painter.end()
        super().paintEvent(event)  # the text, the selection and the ExtraSelections over them

    @property
    def paint(self) -> Paint:
        return self._paint

    # -- positions ---------------------------------------------------------------------------

    def selection_range(self) -> tuple[int, int]:
        """The selection in code points of `text` (start <= end; equal when nothing selected)."""
        cursor = self.textCursor()
        return self.offsets.span_to_py(cursor.selectionStart(), cursor.selectionEnd())

    def cursor_position(self) -> int:
        return self.offsets.to_py(self.textCursor().position())

    def select_range(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        qt_start, qt_end = self.offsets.span_to_qt(start, end)
        cursor.setPosition(qt_start)
        cursor.setPosition(qt_end, KEEP_ANCHOR)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        qt_start, qt_end = self.offsets.span_to_qt(start, end)
        cursor.setPosition(qt_start)
        cursor.setPosition(qt_end, KEEP_ANCHOR)
        return cursor

    # -- formats -----------------------------------------------------------------------------

    def _selection(self, cursor: QTextCursor, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor  # type: ignore[misc]
        selection.format = fmt  # type: ignore[misc]
        return selection

    def _highlight(self, kind: str, label: str, start: int, end: int) -> QTextEdit.ExtraSelection:
        """One highlight, made once per text: the document never changes while it is shown, so
        a key press only builds the selections of spans that are new."""
        key = (kind, label, start, end)
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self._selection(
                self._cursor(start, end), self._format(kind, label)
            )
        return made

    def _format(self, kind: str, label: str) -> QTextCharFormat:
        """The character format of one kind of highlight, made once per label."""
        key = (kind, label)
        if key not in self._formats:
            self._formats[key] = highlight_format(kind, self._colors.get(label, "#888888"))
        return self._formats[key]

    def _mark(self, kind: str, label: str, start: int, end: int) -> Mark:
        """A mark under the text, looking as `highlight_format` says `kind` looks."""
        key = (kind, label)
        style = self._mark_styles.get(key)
        if style is None:
            fmt = self._format(kind, label)
            underlined = fmt.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline
            style = self._mark_styles[key] = (
                fmt.background(),
                fmt.underlineColor() if underlined else None,
                fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.DashUnderline,
                fmt.boolProperty(QTextFormat.Property.FullWidthSelection),
            )
        qt_start, qt_end = self.offsets.span_to_qt(start, end)
        return Mark(qt_start, qt_end, *style)

    def _region_mark(self, span: Span, *, suggested: bool, tags: dict[int, GutterTag]) -> Mark:
        """The region's whole lines shaded, and its kind tagged in the gutter."""
        color = QColor(self._colors.get(span.label, "#aaaaaa"))
        mark = self._mark("suggested region" if suggested else "region", span.label, span.start, span.end)
        document = self.document()
        first = document.findBlock(mark.start).blockNumber()
        last = document.findBlock(max(mark.start, mark.end - 1)).blockNumber()
        tag = self._tag_names.get(span.label) or region_kind(span.label)
        for number in range(first, last + 1):
            tags.setdefault(number, GutterTag(tag, color, suggested))
            if not suggested:  # a human region wins the gutter over a suggestion
                tags[number] = GutterTag(tag, color, False)
        return mark

    # -- tooltips and clicks -----------------------------------------------------------------

    def describe(self, pos: int) -> str:
        """What is at code point `pos`, one line per thing (for the tooltip)."""
        lines = [self.tr(DAMAGE_TOOLTIPS[d.kind]) for d in self._paint.damage if d.start <= pos < d.end]
        lines += [f"{label_shown(self._schema, s.label)}: {s.text}" for s in self._paint.spans if s.start <= pos < s.end]
        lines += [
            self.tr("suggested {label}: {text}  (A accept, X reject)").format(
                label=label_shown(self._schema, s.label), text=s.text
            )
            + "  "
            + self._suggested_by(s)
            for s in self._paint.suggestions
            if s.start <= pos < s.end
        ]
        return "\n".join(lines)

    def _suggested_by(self, suggestion: Span) -> str:
        """Which suggester proposed it and how sure it was: "by tagger, score 0.87"."""
        score = f"{suggestion.score:.2f}" if suggestion.score is not None else "–"
        return self.tr("by {source}, score {score}").format(
            source=suggestion.rule or "?", score=score
        )

    def event(self, event: QEvent) -> bool:
        def tip_at(point: QPoint) -> str | None:
            position = self.cursorForPosition(point).position()
            return self.describe(self.offsets.to_py(min(position, self.offsets.qt_length)))

        return show_tooltip(self, event, tip_at) or super().event(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if not self.textCursor().hasSelection():
            self.clicked.emit(self.cursor_position())
        elif self.snap_words:
            self.select_range(*snap_to_words(self._text, *self.selection_range(), self.names()))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Select the word or name under the pointer (Qt's own word is a whole run of Chinese)."""
        super().mouseDoubleClickEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        word = word_at(self._text, self.char_at(event.position().toPoint()), self.names())
        if word[0] < word[1]:
            self.select_range(*word)

    def char_at(self, point: QPoint) -> int:
        """The code point of the character under `point` (viewport coordinates). Qt's cursor
        position is the boundary nearest the pointer: on a character's right half it is the
        boundary after it, so step back when the pointer is left of that boundary."""
        cursor = self.cursorForPosition(point)
        qt_pos = min(cursor.position(), self.offsets.qt_length)
        if qt_pos > cursor.block().position() and point.x() < self.cursorRect(cursor).x():
            qt_pos -= 1  # inside a surrogate pair: to_py rounds to the character's start
        return self.offsets.to_py(qt_pos)

    def names(self) -> list[tuple[int, int]]:
        """The entity labels and pending suggestions shown: names a double-click takes whole."""
        return [
            (s.start, s.end)
            for s in (*self._paint.spans, *self._paint.suggestions)
            if not s.is_region
        ]

    # -- gutter ------------------------------------------------------------------------------

    def gutter_width(self) -> int:
        # room for 3 digits at least: an article switch (setPlainText passes through one empty
        # block) then changes no width, and moving the viewport would repaint the whole window
        digits = max(3, len(str(self.blockCount())))
        return 8 + self.fontMetrics().horizontalAdvance("9") * digits + self._tag_width

    def _update_gutter_width(self) -> None:
        width = self.gutter_width()
        if self.viewportMargins().left() != width:
            self.setViewportMargins(width, 0, 0, 0)

    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())
        if rect.contains(self.viewport().rect()):
            self._update_gutter_width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        area = self.contentsRect()
        self._gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(), area.height()))

    def paint_gutter(self, event: QPaintEvent) -> None:
        painter = QPainter(self._gutter)
        painter.fillRect(event.rect(), QColor("#f3f3f0"))
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        number_right = self._gutter.width() - self._tag_width - 4
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                number = block.blockNumber()
                painter.setFont(self.font())
                painter.setPen(QColor("#8a8a8a"))
                painter.drawText(
                    0, top, number_right, height, Qt.AlignmentFlag.AlignRight, str(number + 1)
                )
                tag = self._gutter_tags.get(number)
                if tag is not None:
                    strip = QRect(number_right + 4, top, self._tag_width - 2, bottom - top)
                    if tag.suggested:
                        painter.fillRect(strip, QBrush(tag.color, Qt.BrushStyle.BDiagPattern))
                    else:
                        painter.fillRect(strip, tag.color)
                    painter.setFont(self._tag_font)
                    painter.setPen(QColor("#202020"))
                    painter.drawText(
                        strip.adjusted(4, 2, 0, 0),
                        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                        tag.kind,
                    )
            block = block.next()
            top = bottom

    def gutter_tag(self, block_number: int) -> GutterTag | None:
        return self._gutter_tags.get(block_number)


class _Gutter(QWidget):
    def __init__(self, view: ArticleTextView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self) -> QSize:
        return QSize(self._view.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._view.paint_gutter(event)
