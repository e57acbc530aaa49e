"""Strings from pages, label files and the database, shown as the characters they are.

Qt renders a label, a tooltip or a message box as HTML whenever `Qt.mightBeRichText` guesses
that the string looks like HTML, and a page holding `<img src="file:///…">` would then load a
local file into the window. Labels get `Qt.PlainText`. Tooltips and message-box texts have no
such switch, and escaping alone is not enough (an escaped string with no tag in it is shown
as plain text, `&lt;` and all), so they get the escaped text inside an explicit rich-text
wrapper that keeps line breaks and runs of spaces as they are: `rich_literal`. Window titles
are never HTML but have their own mark-up, "[*]" (`plain_window_title`); so do menu texts,
"&" (`plain_action_text`).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def rich_literal(text: str) -> str:
    """Rich text that Qt renders as exactly `text`; "" stays "" (no tooltip at all)."""
    if not text:
        return ""
    return f'<p style="white-space:pre-wrap">{escape(text, quote=False)}</p>'


def plain_window_title(text: str) -> str:
    """A window title showing `text` as is: Qt reads "[*]" as the unsaved-changes mark, and
    "[*][*]" as one literal "[*]"."""
    return text.replace("[*]", "[*][*]")


def plain_action_text(text: str) -> str:
    """Menu and button text showing `text` as is: Qt reads "&" as the mnemonic mark, "&&" as
    one literal "&" (a label file may name a label "R&D")."""
    return text.replace("&", "&&")


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that never interprets its text (it may come from a page or a name)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label
