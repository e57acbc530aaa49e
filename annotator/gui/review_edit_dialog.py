"""The reviewer's own versions: E on a disagreement gives a span, chosen by selecting its text
(and its label), Ctrl+E on a record an official or an event."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from annotator.gui.core_messages import shown
from annotator.gui.delegates import parse_date
from annotator.gui.i18n import modality_shown, schema_language
from annotator.gui.offsets import Utf16Offsets, display_text
from annotator.gui.plain import plain_label
from annotator.gui.text_view import text_font
from annotator.gui.trim import trim_span, whole_lines
from annotator.model import (
    EVENT_MODALITIES,
    LabelSchema,
    OfficialDraft,
    check_span_text,
    is_region_label,
)
from annotator.review.record_disagreements import Draft


class SelectableText(QPlainTextEdit):
    """The article's text, read-only, selectable by mouse and by Shift+arrows; Enter is the
    dialog's (accept), not the text's."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFont(text_font())
        self.setPlainText(display_text(text))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # on to the dialog: its default button
            return
        super().keyPressEvent(event)


class SpanEditDialog(QDialog):
    """Gold's own span in a disagreement: the reviewer selects its text in the article (no
    offsets to type) and picks its label. Like the annotator's keys, an entity span leaves out
    space and punctuation at its edges and stays within one line; a boilerplate region takes
    the whole lines the selection touches."""

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
        self.setWindowTitle(self.tr("Gold span"))
        self._text = text
        self._offsets = Utf16Offsets.of(text)
        self.label = QComboBox()
        self._schema = schema
        for definition in schema.labels:
            self.label.addItem(definition.shown(schema_language()), definition.name)
        self.label.setCurrentIndex(max(0, self.label.findData(label)))
        self.label.currentIndexChanged.connect(self._show_preview)
        self.text_view = SelectableText(text)
        cursor = self.text_view.textCursor()
        qt_start, qt_end = self._offsets.span_to_qt(start, end)
        cursor.setPosition(qt_start)
        cursor.setPosition(qt_end, QTextCursor.MoveMode.KeepAnchor)
        self.text_view.setTextCursor(cursor)
        self.text_view.selectionChanged.connect(self._show_preview)
        self.preview = plain_label()  # the page's text: never HTML
        self.preview.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(
            plain_label(self.tr(
                "Select the span in the text (mouse, or Shift+arrows); Enter keeps it, "
                "Esc leaves gold as it is."
            ))
        )
        form.addRow(self.text_view)
        form.addRow(self.tr("Label"), self.label)
        form.addRow(self.tr("Span"), self.preview)
        form.addRow(self.buttons)
        self.resize(680, 420)
        self.text_view.setFocus()
        self._show_preview()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.text_view.centerCursor()  # the selection in the middle, with its context around

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def selection(self) -> tuple[int, int]:
        """The selected text, in code points, as selected."""
        cursor = self.text_view.textCursor()
        return self._offsets.span_to_py(cursor.selectionStart(), cursor.selectionEnd())

    def span(self) -> tuple[str, int, int]:
        """(label, start, end) of the span the selection makes, in code points."""
        label = self.label.currentData()
        start, end = self.selection()
        if is_region_label(label):
            start, end = whole_lines(self._text, start, end)
        else:
            start, end = trim_span(self._text, start, end)
        return label, start, end

    def problem(self) -> str | None:
        label, start, end = self.span()
        if start >= end:
            return self.tr("select the text of the span (spaces and punctuation alone are no span)")
        if not is_region_label(label) and "\n" in self._text[start:end]:
            return self.tr("a label cannot cross a line break: select within one line")
        return check_span_text(self._text, start, end)

    def _show_preview(self) -> None:
        problem = self.problem()
        label, start, end = self.span()
        shown = self.label.currentText() or label
        self.preview.setText(problem or f"{shown} 「{self._text[start:end]}」")
        self.ok_button().setEnabled(problem is None)


LIST_SEPARATORS = re.compile(r"[、,，;；\n]+")


def split_list(text: str) -> tuple[str, ...]:
    """「市委书记、市长」 -> ("市委书记", "市长"); commas and semicolons separate too."""
    return tuple(part.strip() for part in LIST_SEPARATORS.split(text) if part.strip())


def typed_date(text: str) -> str | None:
    """The date as the Date cells save it (`parse_date`), or what was typed when it is not one
    (then `problem` refuses it)."""
    try:
        return parse_date(text)
    except ValueError:
        return text.strip()


class RecordEditDialog(QDialog):
    """Ctrl+E on a record: gold's own version of an official (titles, organisation; the name
    is the record's, its mentions follow gold's spans) or of an event."""

    def __init__(
        self,
        draft: Draft,
        event_types: Sequence[str],
        officials: Sequence[str],
        parent: QWidget | None = None,
        *,
        shown: Callable[[str], str] = str,
    ) -> None:
        """`shown`: an event type's name in the window's language (the stored one by default)."""
        super().__init__(parent)
        self._base = draft
        self._officials = tuple(officials)
        form = QFormLayout(self)
        self.fields: list[QLineEdit] = []

        def line(title: str, value: str | None) -> QLineEdit:
            edit = QLineEdit(value or "")
            edit.textChanged.connect(self._check)
            form.addRow(title, edit)
            self.fields.append(edit)
            return edit

        if isinstance(draft, OfficialDraft):
            self.setWindowTitle(self.tr("Gold official"))
            self.name = line(self.tr("Name"), draft.name)
            self.name.setReadOnly(True)
            self.titles = line(self.tr("Titles (、)"), "、".join(draft.titles))
            self.organization = line(self.tr("Organisation"), draft.organization)
        else:
            self.setWindowTitle(self.tr("Gold event"))
            self.type = QComboBox()
            for event_type in event_types:
                self.type.addItem(shown(event_type), event_type)
            self.type.setCurrentIndex(max(0, self.type.findData(draft.type)))
            form.addRow(self.tr("Type"), self.type)
            self.date = line(self.tr("Date"), draft.date)
            self.end_date = line(self.tr("End date"), draft.end_date)
            self.place = line(self.tr("Place"), draft.place)
            self.participants = line(self.tr("Participants (、)"), "、".join(draft.participants))
            self.modality = QComboBox()  # empty: it happened; else planned, hoped…
            self.modality.addItem(self.tr("(happened)"), "")
            for modality in EVENT_MODALITIES:
                self.modality.addItem(modality_shown(modality), modality)
            self.modality.setCurrentIndex(max(0, self.modality.findData(draft.modality or "")))
            form.addRow(self.tr("Modality"), self.modality)
            form.addRow(self.tr("Officials in gold"), plain_label("、".join(officials) or self.tr("none yet")))
        self.problem_label = plain_label()
        self.problem_label.setWordWrap(True)
        form.addRow(self.problem_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self._check()

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def draft(self) -> Draft:
        if isinstance(self._base, OfficialDraft):
            return replace(
                self._base,
                titles=split_list(self.titles.text()),
                organization=self.organization.text().strip() or None,
            )
        return replace(
            self._base,
            type=self.type.currentData(),
            date=typed_date(self.date.text()),
            end_date=typed_date(self.end_date.text()),
            place=self.place.text().strip() or None,
            participants=tuple(sorted(split_list(self.participants.text()))),
            modality=self.modality.currentData() or None,
        )

    def problem(self) -> str | None:
        draft = self.draft()
        if isinstance(draft, OfficialDraft):
            return None
        for what, edit in ((self.tr("date"), self.date), (self.tr("end date"), self.end_date)):
            try:
                parse_date(edit.text())
            except ValueError as error:
                return f"{what}: {shown(error)}"
        if draft.date and draft.end_date and draft.end_date < draft.date:
            return self.tr("the end date {end} comes before the date {start}").format(
                end=draft.end_date, start=draft.date
            )
        unknown = [n for n in draft.participants if n not in self._officials]
        if unknown:
            return self.tr("{names}: not an official of gold (decide that official first)").format(
                names="、".join(unknown)
            )
        return None

    def _check(self) -> None:
        problem = self.problem()
        self.problem_label.setText(problem or "")
        self.ok_button().setEnabled(problem is None)
