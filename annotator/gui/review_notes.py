"""The review window's notes pane: each annotator's note and unsure flag on the article and on
their labels, beside their lanes, so the reviewer reads why someone hesitated.

Plain text only (a `QPlainTextEdit`): a note may quote a page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from annotator.gui.notes import NOTE_MARK, UNSURE_MARK, flag_marks, one_line
from annotator.model import AnnotationSet

HERE = "»"  # marks a flagged label inside the disagreement in hand
SHOWN_LINES = 7  # the pane's height in lines; it scrolls beyond


def notes_lines(
    names: Sequence[str],
    sets: Sequence[AnnotationSet | None],
    current: tuple[int, int] | None = None,
    label_name: Callable[[str], str] = str,
) -> list[str]:
    """One line per annotator with a flag or note on the article, then one per flagged or noted
    label of theirs (text order); those overlapping `current` (the disagreement in hand) are
    marked with HERE. Empty when nobody flagged anything."""
    lines: list[str] = []
    for n, (name, aset) in enumerate(zip(names, sets, strict=True), 1):
        if aset is None:
            continue
        flagged = [s for s in aset.spans if s.unsure or s.note]
        if not (aset.unsure or aset.note or flagged):
            continue
        head = f"{n} {name}"
        if aset.unsure or aset.note:
            head += ": " + QCoreApplication.translate("ReviewNotes", "article")
            head += " " + flag_marks(aset.unsure, bool(aset.note))
            if aset.note:
                head += " " + aset.note.replace("\n", " ⏎ ")
        lines.append(head)
        for span in sorted(flagged, key=lambda s: (s.start, s.end, s.label)):
            inside = current is not None and span.start < current[1] and current[0] < span.end
            marks = flag_marks(span.unsure, bool(span.note))
            note = " " + span.note.replace("\n", " ⏎ ") if span.note else ""
            lines.append(
                f"  {HERE if inside else ' '} {marks} 「{one_line(span.text, 30)}」 "
                f"{label_name(span.label)}{note}"
            )
    return lines


class NotesPane(QPlainTextEdit):
    """Read-only, plain text, a few lines high; hidden when nobody left a note or flag."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * SHOWN_LINES + 12)
        self.setToolTip(
            QCoreApplication.translate(
                "ReviewNotes",
                "Notes and flags of each annotator: {unsure} unsure, {note} note, "
                "{here} inside the disagreement in hand",
            ).format(
                unsure=UNSURE_MARK, note=NOTE_MARK, here=HERE
            )
        )
        self.hide()

    def show_notes(
        self,
        names: Sequence[str],
        sets: Sequence[AnnotationSet | None],
        current: tuple[int, int] | None,
        label_name: Callable[[str], str] = str,
    ) -> None:
        lines = notes_lines(names, sets, current, label_name)
        if self.toPlainText() != "\n".join(lines):
            self.setPlainText("\n".join(lines))
        self.setVisible(bool(lines))
