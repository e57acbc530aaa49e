"""E on a disagreement: the reviewer's own span (label and offsets, in code points)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from annotator.gui.plain import plain_label
from annotator.model import LabelSchema, check_span_text


class SpanEditDialog(QDialog):
    def __init__(
        self,
        schema: LabelSchema,
        text: str,
        label: str,
        start: int,
        end: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Gold span")
        self._text = text
        self.label = QComboBox()
        for name in schema.names():
            self.label.addItem(name, name)
        self.label.setCurrentIndex(max(0, self.label.findData(label)))
        self.start = QSpinBox()
        self.end = QSpinBox()
        for box, value in ((self.start, start), (self.end, end)):
            box.setRange(0, len(text))
            box.setValue(value)
            box.valueChanged.connect(self._show_preview)
        self.preview = plain_label()  # the page's text: never HTML
        self.preview.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Label", self.label)
        form.addRow("Start", self.start)
        form.addRow("End", self.end)
        form.addRow("Text", self.preview)
        form.addRow(self.buttons)
        self._show_preview()

    def span(self) -> tuple[str, int, int]:
        return self.label.currentData(), self.start.value(), self.end.value()

    def problem(self) -> str | None:
        _, start, end = self.span()
        return check_span_text(self._text, start, end)

    def _show_preview(self) -> None:
        problem = self.problem()
        _, start, end = self.span()
        self.preview.setText(problem or self._text[start:end])
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(problem is None)
