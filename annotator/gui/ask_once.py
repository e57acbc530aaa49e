"""A yes/no question with a "don't ask again" box whose answer is kept in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from annotator.gui.plain import plain_window_title, rich_literal


def confirm_unless_told_not_to(
    parent: QWidget, settings: QSettings, key: str, title: str, text: str, go: str
) -> bool:
    """True when the action should go ahead: asked, or told before not to ask. `text` may
    quote page text: it is shown as plain characters. Cancel is the default button, so a
    second Enter does not confirm what the question is about."""
    setting = f"dont_ask/{key}"
    if settings.value(setting, False, type=bool):
        return True
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(plain_window_title(title))
    box.setText(rich_literal(text))
    remember = QCheckBox(QCoreApplication.translate("AskOnce", "Don't ask again"))
    box.setCheckBox(remember)
    yes = box.addButton(go, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    box.exec()
    if box.clickedButton() is not yes:
        return False
    if remember.isChecked():
        settings.setValue(setting, True)
    return True
