"""The Guidelines tab: each label's definition and examples, editable for this database.

What a label shows is the database's own text when someone edited it (store.guidelines), else
the schema's `guide` and `examples` in the window's language. An edit is saved a moment after
typing stops, and at once when another label is chosen, the tab is left or the window closes:
like every edit, never kept only in memory. A save over someone else's newer text is refused by
the store; the tab then shows their text with this edit after it, and saves both.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.core_messages import shown
from annotator.gui.i18n import schema_language
from annotator.gui.plain import plain_label
from annotator.model import LabelDef, display_name
from annotator.store import Store, StoreError
from annotator.store.guidelines import GuidelinesConflict

SAVE_DELAY_MS = 600


def schema_text(label: LabelDef, language: str) -> str:
    """The schema's guidelines of a label in `language`: its definition, then its examples
    (labelled part in 【】) each with its note."""
    definition = display_name(label.guide, language, label.description)
    lines = [definition] if definition else []
    if label.examples:
        lines += ["", QCoreApplication.translate("Guidelines", "Examples:")]
        for example in label.examples:
            lines.append(f"• {example.text}")
            note = display_name(example.notes, language, "")
            if note:
                lines.append(f"   {note}")
    return "\n".join(lines)


class GuidelinesPanel(QWidget):
    failed = Signal(str)  # a save was refused; the message for the status bar
    saved = Signal(str)  # a label's guidelines were saved; what for the status bar

    def __init__(self, store: Store, annotator: str) -> None:
        super().__init__()
        self.store = store
        self.annotator = annotator
        self.labels = QComboBox()
        for label in store.schema.labels:
            self.labels.addItem("", label.name)
        self.origin = plain_label()
        self.origin.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.reset = QPushButton()
        self.reset.clicked.connect(self.back_to_schema)
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._label: str | None = None
        self._stored: str | None = None  # the database's text when this label was shown
        self._dirty = False
        self._loading = False
        self.text.textChanged.connect(self._typed)
        self.labels.currentIndexChanged.connect(lambda _i: self._choose(self.labels.currentData()))
        # the origin line on its own row: beside the button it wrapped a character a line
        # in a narrow pane
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reset)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.labels)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.origin)
        layout.addLayout(buttons)
        self._set_texts()
        self._choose(self.labels.currentData())

    # -- showing -----------------------------------------------------------------------------

    def _set_texts(self) -> None:
        language = schema_language()
        for index, label in enumerate(self.store.schema.labels):
            self.labels.setItemText(index, f"{label.shown(language)}  ({label.key})")
        self.reset.setText(self.tr("Back to the schema's text"))
        self.reset.setToolTip(self.tr("Forget this database's edit of the label's guidelines"))
        self.text.setPlaceholderText(self.tr("The rules for this label, read by every annotator"))
        self._set_container_title(self.tr("Guidelines"))
        if not self._dirty:
            self._show(self._label)

    def _set_container_title(self, title: str) -> None:
        """The title of the side tab or the dock the panel sits in, in the window's language."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QTabWidget | QDockWidget):
            parent = parent.parentWidget()
        if isinstance(parent, QTabWidget):
            parent.setTabText(parent.indexOf(self), title)
        elif isinstance(parent, QDockWidget):
            parent.setWindowTitle(title)

    def show_label(self, name: str) -> None:
        """Choose a label (the one at the text cursor, when the tab is opened by key)."""
        index = self.labels.findData(name)
        if index >= 0:
            self.labels.setCurrentIndex(index)

    def _choose(self, name: str | None) -> None:
        self.flush()
        self._show(name)

    def _show(self, name: str | None) -> None:
        label = self.store.schema.get(name) if name else None
        self._label = name
        try:
            self._stored = self.store.guidelines().get(name) if name else None
        except StoreError as error:
            self.failed.emit(shown(error))
            self._stored = None
        text = self._stored if self._stored is not None else (
            schema_text(label, schema_language()) if label else ""
        )
        self._loading = True
        self.text.setPlainText(text)
        self._loading = False
        self._dirty = False
        self._show_origin()

    def _show_origin(self) -> None:
        edited = self._stored is not None
        self.origin.setText(
            self.tr("This database's guidelines (edited; saved as you type)") if edited
            else self.tr("From the label schema; typing here makes this database's own")
        )
        self.reset.setEnabled(edited)

    # -- saving ------------------------------------------------------------------------------

    def _typed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._timer.start()

    def flush(self) -> None:
        """Save what was typed, now (nothing when nothing was)."""
        self._timer.stop()
        if not self._dirty or self._label is None:
            return
        text = self.text.toPlainText()
        label = self.store.schema.get(self._label)
        if self._stored is None and label is not None and text == schema_text(label, schema_language()):
            self._dirty = False  # typed back to the schema's own text: nothing of ours to keep
            return
        self._save(self._label, text, self._stored)

    def _save(self, name: str, text: str, expected: str | None) -> None:
        try:
            self.store.save_guidelines(name, text, expected=expected, by=self.annotator)
        except GuidelinesConflict as conflict:
            theirs = conflict.current or ""
            both = f"{theirs}\n\n— {self.tr('my edit')} —\n{text}" if theirs else text
            self._save(name, both, conflict.current)
            self._show(name)
            self.failed.emit(str(conflict))  # after the save's own message: this one matters
            return
        except StoreError as error:
            self.failed.emit(shown(error))  # still typed in the box: the next change saves again
            return
        self._dirty = False
        self._stored = text if text.strip() else None
        self._show_origin()
        self.saved.emit(self.tr("guidelines of {label}").format(label=name))

    def back_to_schema(self) -> None:
        if self._label is None or self._stored is None:
            return
        self._timer.stop()
        self._save(self._label, "", self._stored)
        self._show(self._label)

    # -- events ------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._set_container_title(self.tr("Guidelines"))
        if not self._dirty:  # another annotator may have edited them meanwhile
            self._show(self._label)

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._set_texts()

    def focus(self) -> None:
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
