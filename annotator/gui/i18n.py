"""The window's language: Simplified Chinese or English, through Qt's own translation machinery.

The strings are English in the code (`self.tr(...)`, `QCoreApplication.translate(...)`);
`resources/i18n/annotator_zh_CN.ts` holds their Chinese, compiled to the `.qm` beside it by
`scripts/update-translations.sh`. The language is the one chosen in View ▸ Language, remembered
in the settings, else the system locale's. Installing a translator sends every widget a
LanguageChange event, on which each window sets its texts again (`retranslate`).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)
from PySide6.QtGui import QShowEvent

from annotator.model import LabelSchema, region_label
from annotator.resources import resource_path

LANGUAGE_KEY = "view/language"
CHINESE = "zh_CN"
ENGLISH = "en"
# the menu shows each language in its own script, so a person who reads only one finds it
LANGUAGES: tuple[tuple[str, str], ...] = ((CHINESE, "简体中文"), (ENGLISH, "English"))
TRANSLATOR_NAME = "annotator-translator"
LANGUAGE_PROPERTY = "annotatorLanguage"


def system_language(locale: QLocale | None = None) -> str:
    """Chinese for a Chinese system locale (any script or region), else English."""
    language = (locale or QLocale.system()).language()
    return CHINESE if language == QLocale.Language.Chinese else ENGLISH


def chosen_language(settings: QSettings) -> str:
    """The language chosen in the menu before, else the system's."""
    stored = str(settings.value(LANGUAGE_KEY) or "")
    return stored if stored in dict(LANGUAGES) else system_language()


def translation_file(language: str) -> str:
    return str(resource_path("i18n", f"annotator_{language}.qm"))


def current_language() -> str:
    """The language installed last (English before any): kept on the application object,
    read for every label name a table cell shows, so a property, not a search."""
    app = QCoreApplication.instance()
    language = app.property(LANGUAGE_PROPERTY) if app is not None else None
    return str(language) if language else ENGLISH


def install_language(language: str) -> None:
    """Make `language` the application's: our strings and Qt's own (the standard buttons).
    English is the source language, so it needs no translator. Every widget gets a
    LanguageChange event."""
    app = QCoreApplication.instance()
    assert app is not None, "install_language needs the application object"
    if language == current_language() and (language == ENGLISH or app.findChildren(QTranslator, TRANSLATOR_NAME)):
        return  # no LanguageChange: every window would set its texts again for nothing
    for old in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.setParent(None)
        old.deleteLater()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China)
                       if language == CHINESE else QLocale(QLocale.Language.English))
    if language == ENGLISH:
        app.setProperty(LANGUAGE_PROPERTY, language)
        return
    ours = QTranslator(app)
    if not ours.load(translation_file(language)):  # a broken installation: still a window
        print(f"annotator: {translation_file(language)} is missing or unreadable; "
              "the window stays in English (scripts/update-translations.sh makes it)", file=sys.stderr)
        QLocale.setDefault(QLocale(QLocale.Language.English))
        app.setProperty(LANGUAGE_PROPERTY, ENGLISH)
        return
    qt_own = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translators = [ours] + ([qt_own] if qt_own.load(f"qtbase_{language}", qt_folder) else [])
    app.setProperty(LANGUAGE_PROPERTY, language)  # before the LanguageChange events are handled
    for translator in translators:
        translator.setObjectName(TRANSLATOR_NAME)
        app.installTranslator(translator)


def set_language(settings: QSettings, language: str) -> None:
    """Switch now and remember the choice."""
    install_language(language)
    settings.setValue(LANGUAGE_KEY, language)


def schema_language() -> str:
    """The language code of the label schema's `names` tables ("zh", "en") for the window's."""
    return current_language().split("_")[0]


def label_shown(schema: LabelSchema, label: str) -> str:
    """A label's (or a region kind's) name in the window's language."""
    found = schema.get(label) or schema.get(region_label(label))
    return found.shown(schema_language()) if found else label


class RetranslatedWhenShown:
    """Mixed into a window (before its Qt class): on a language change it sets its texts again
    (`retranslate`) at once while shown, else when next shown, since a closed window may have
    lost its database. Qt posts the change, so a menu action may switch the language safely."""

    _language_stale = False

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)  # type: ignore[misc]
        if event.type() == QEvent.Type.LanguageChange:
            self._language_stale = True
            if self.isVisible():  # type: ignore[attr-defined]
                self._retranslate_if_stale()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # type: ignore[misc]
        self._retranslate_if_stale()

    def _retranslate_if_stale(self) -> None:
        if self._language_stale:
            self._language_stale = False
            self.retranslate()


# An event's modality is stored as an English code (EVENT_MODALITIES); the window shows its
# name. Listed here so that lupdate finds every one.
_MODALITY_NAMES = (
    QT_TRANSLATE_NOOP("Modality", "planned"),
    QT_TRANSLATE_NOOP("Modality", "hoped"),
    QT_TRANSLATE_NOOP("Modality", "habitual"),
    QT_TRANSLATE_NOOP("Modality", "negated"),
    QT_TRANSLATE_NOOP("Modality", "generic"),
    QT_TRANSLATE_NOOP("Modality", "condolence"),
    QT_TRANSLATE_NOOP("Modality", "title"),
)


def modality_shown(modality: str | None) -> str:
    """A modality's name in the window's language ("" for none: the event happened)."""
    return QCoreApplication.translate("Modality", modality) if modality else ""


# An article's status is stored as a code (model.STATUSES); the list, the undo steps and the
# review window show this word for it.
_STATUS_WORDS: dict[str, str] = {
    "todo": QT_TRANSLATE_NOOP("Status", "todo"),
    "in_progress": QT_TRANSLATE_NOOP("Status", "in progress"),
    "done": QT_TRANSLATE_NOOP("Status", "done"),
    "skipped": QT_TRANSLATE_NOOP("Status", "skipped"),
}


def status_shown(status: str) -> str:
    """A status's word in the window's language (an unknown code as it is)."""
    word = _STATUS_WORDS.get(status)
    return QCoreApplication.translate("Status", word) if word else status
