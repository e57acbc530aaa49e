"""The side panel's agreement figures: a few headline numbers and a bar pair per label."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from annotator.gui.i18n import schema_language
from annotator.gui.text_view import blend
from annotator.model import LabelSchema, is_region_label, region_kind
from annotator.review.agreement import ALL, GROUPS, CorpusAgreement, PairAgreement

NAME_WIDTH = 92
NUMBER_WIDTH = 64
ROW_HEIGHT = 22


def number(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


@dataclass(frozen=True, slots=True)
class LabelRow:
    label: str
    exact: float | None
    overlap: float | None
    color: str
    name: str = ""  # shown: the label's name in the window's language


def label_rows(pair: PairAgreement, schema: LabelSchema) -> list[LabelRow]:
    """Per label in schema order (labels outside the schema after), F1 exact and overlap."""
    order = {name: n for n, name in enumerate(schema.names())}
    labels = sorted((k for k in pair.exact if k != ALL), key=lambda k: (order.get(k, 999), k))
    rows = []
    for label in labels:
        definition = schema.get(label)
        rows.append(
            LabelRow(
                label,
                pair.exact[label].f1,
                pair.overlap[label].f1,
                definition.color if definition else "#888888",
                definition.shown(schema_language()) if definition else label,
            )
        )
    return rows


def group_word(group: str) -> str:
    """A span group of the agreement figures (`agreement.GROUPS`) in the window's language."""
    words = {
        "entities": QCoreApplication.translate("FiguresBox", "entities"),
        "boilerplate": QCoreApplication.translate("FiguresBox", "boilerplate"),
    }
    return words.get(group, group)


def excluded_text(result: CorpusAgreement) -> str:
    """`CorpusAgreement.excluded_summary` in the window's language (the same in English)."""
    reasons = {
        "missing": QCoreApplication.translate("FiguresBox", "{n} not opened by every annotator"),
        "skipped": QCoreApplication.translate("FiguresBox", "{n} skipped by an annotator"),
        "untouched": QCoreApplication.translate("FiguresBox", "{n} nobody labelled and nobody finished"),
    }
    return QCoreApplication.translate("FiguresBox", ", ").join(
        reasons[r].format(n=n) if r in reasons else f"{n} {r}" for r, n in result.excluded.items()
    )


def headline(pair: PairAgreement, alpha_all: dict[str, float | None] | None = None) -> str:
    """The numbers the issue asks for, as a small HTML table."""
    a, b = pair.annotators
    rows = [
        (
            QCoreApplication.translate("FiguresBox", "span F1"),
            QCoreApplication.translate("FiguresBox", "exact {exact} · overlap {overlap}").format(
                exact=number(pair.exact[ALL].f1), overlap=number(pair.overlap[ALL].f1)
            ),
        ),
        *(
            (
                group_word(group),
                f"κ {number(pair.kappa[group])} · α {number((alpha_all or pair.alpha)[group])}",
            )
            for group in GROUPS
        ),
        (QCoreApplication.translate("FiguresBox", "officials F1"), number(pair.officials.f1)),
        (QCoreApplication.translate("FiguresBox", "events F1"), number(pair.events.f1)),
    ]
    cells = "".join(
        f"<tr><td style='color:#555;padding-right:8px'>{escape(k)}</td><td>{escape(v)}</td></tr>"
        for k, v in rows
    )
    pair_names = QCoreApplication.translate("FiguresBox", "{a} vs {b}").format(a=a, b=b)
    return f"<div style='color:#555'>{escape(pair_names)}</div><table>{cells}</table>"


class LabelBars(QWidget):
    """Per label: its name, a solid bar for exact F1 and a pale one for overlap F1."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[LabelRow] = []

    def set_rows(self, rows: Sequence[LabelRow]) -> None:
        self.rows = list(rows)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(NAME_WIDTH + NUMBER_WIDTH + 120, ROW_HEIGHT * max(1, len(self.rows)) + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(NAME_WIDTH + NUMBER_WIDTH + 60, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        track = self.width() - NAME_WIDTH - NUMBER_WIDTH - 8
        if not self.rows:
            painter.setPen(QColor("#888888"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignLeft, self.tr("no spans"))
        for n, row in enumerate(self.rows):
            top = 2 + n * ROW_HEIGHT
            name = row.name or (region_kind(row.label) if is_region_label(row.label) else row.label)
            painter.setPen(QColor("#333333"))
            elided = self.fontMetrics().elidedText(
                name, Qt.TextElideMode.ElideRight, NAME_WIDTH - 4
            )
            painter.drawText(
                QRectF(0, top, NAME_WIDTH - 4, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                elided,
            )
            left = NAME_WIDTH
            painter.fillRect(QRectF(left, top + 3, track, ROW_HEIGHT - 6), QColor("#eeeeee"))
            for value, y, color in (
                (row.overlap, top + 3, blend(row.color, 0.4)),
                (row.exact, top + ROW_HEIGHT / 2, QColor(row.color)),
            ):
                if value is not None:
                    painter.fillRect(QRectF(left, y, track * value, ROW_HEIGHT / 2 - 3), color)
            painter.drawText(
                QRectF(left + track + 6, top, NUMBER_WIDTH, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                f"{number(row.exact)}/{number(row.overlap)}",
            )
        painter.end()


class FiguresBox(QWidget):
    """A title, the headline numbers, and the label bars of one pair."""

    def __init__(self, schema: LabelSchema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._schema = schema
        self.pair: PairAgreement | None = None
        self._alpha_all: dict[str, float | None] | None = None
        self.title = QLabel()
        self.title.setWordWrap(True)  # the corpus note is long: wrap, not widen the panel
        self.numbers = QLabel()
        self.numbers.setTextFormat(Qt.TextFormat.RichText)
        self.numbers.setWordWrap(True)
        self.bars = LabelBars()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.numbers)
        self.caption = QLabel()
        layout.addWidget(self.caption)
        layout.addWidget(self.bars)
        self.retranslate()

    def set_title(self, title: str) -> None:
        self.title.setText(f"<b>{escape(title)}</b>")

    def retranslate(self) -> None:
        """The fixed texts, and the numbers shown, in the window's language."""
        self.caption.setText(self.tr("F1 per label: exact (solid) / overlap (pale)"))
        if self.pair is not None:
            self.show_pair(self.pair, self._alpha_all)

    def show_pair(
        self, pair: PairAgreement, alpha_all: dict[str, float | None] | None = None
    ) -> None:
        self.pair = pair
        self._alpha_all = alpha_all
        self.numbers.setText(headline(pair, alpha_all))
        self.bars.set_rows(label_rows(pair, self._schema))

    def show_corpus(self, result: CorpusAgreement) -> None:
        alpha_all = dict(result.alpha) if len(result.annotators) > 2 else None
        self.show_pair(result.pairs[0], alpha_all)
        n = result.articles
        compared = self.tr("1 article compared") if n == 1 else self.tr("{n} articles compared").format(n=n)
        if result.excluded:
            compared += self.tr("; left out: {what}").format(what=excluded_text(result))
        self.title.setText(self.tr("<b>Corpus</b> ({compared})").format(compared=escape(compared)))
        self.title.setToolTip(self.tr(
            "An article is compared when every annotator has a set, none skipped it, and all "
            "marked it done or at least one labelled something."
        ))

    def show_message(self, message: str) -> None:
        self.pair = None
        self.numbers.setText(escape(message))
        self.bars.set_rows([])
