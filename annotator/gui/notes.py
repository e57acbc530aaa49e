"""Comments and "unsure" flags in the window: the note dialog, and how a flag reads in a cell.

A note is typed by a person but may quote a page, so every widget here shows it as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.plain import plain_label, plain_window_title
from annotator.model import NOTE_MAX_CHARS

UNSURE_MARK = "?"  # in the article list and the Spans tab: flagged unsure
NOTE_MARK = "✎"  # carries a note (DejaVu Sans and the CJK fonts have it: no tofu)


def flag_marks(unsure: bool, has_note: bool) -> str:
    """"?✎", "?", "✎" or "": what a row shows for its flags."""
    return (UNSURE_MARK if unsure else "") + (NOTE_MARK if has_note else "")


def one_line(note: str | None, limit: int = 60) -> str:
    """A note in a table cell: its line breaks shown as ⏎, cut at `limit` characters."""
    if not note:
        return ""
    flat = note.replace("\n", " ⏎ ")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class NoteDialog(QDialog):
    """Edit a note and the unsure flag together; OK (or Ctrl+Enter) saves both as one edit."""

    def __init__(self, about: str, note: str | None, unsure: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(plain_window_title(self.tr("Note")))
        self.about = plain_label(about, self)  # names a span's text: a page's string
        self.about.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setPlainText(note or "")
        self.editor.setPlaceholderText(self.tr("Why is this doubtful? What should a reviewer check?"))
        self.editor.setTabChangesFocus(True)
        self.unsure = QCheckBox(self.tr("Unsure: a reviewer should look at this"), self)
        self.unsure.setChecked(unsure)
        self.limit = plain_label(
            self.tr("At most {n} characters. An empty note removes it.").format(n=NOTE_MAX_CHARS),
            self,
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.unsure)
        layout.addWidget(self.limit)
        layout.addWidget(buttons)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(460, 280)

    def values(self) -> tuple[str, bool]:
        return self.editor.toPlainText(), self.unsure.isChecked()


def about_span(label: str, text: str) -> str:
    return QCoreApplication.translate("NoteDialog", "Note on the {label} span “{text}”").format(
        label=label, text=one_line(text, 40)
    )


def about_article(title: str) -> str:
    return QCoreApplication.translate("NoteDialog", "Note on the article “{title}”").format(
        title=one_line(title, 60)
    )


def ask_note(
    about: str, note: str | None, unsure: bool, parent: QWidget | None
) -> tuple[str, bool] | None:
    """The note and flag the person typed, or None when they cancelled."""
    dialog = NoteDialog(about, note, unsure, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()
    finally:
        dialog.deleteLater()
