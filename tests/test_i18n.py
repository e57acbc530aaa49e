"""The Chinese interface: the translation files are complete and compiled, the window starts in
the system's language, switches in View ▸ Language at run time, and remembers the choice; label
and event-type names come from the schema per language."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from annotator.model import LabelDef
from annotator.resources import default_schema, default_schema_text, parse_schema, resource_path

ROOT = Path(__file__).resolve().parent.parent
TS = resource_path("i18n", "annotator_zh_CN.ts")
QM = resource_path("i18n", "annotator_zh_CN.qm")
BIN = Path(sys.executable).parent
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%[vmn]")
CJK = re.compile(r"[\u4e00-\u9fff]")


def tool(name: str) -> str:
    found = BIN / name
    if not found.exists():
        pytest.skip(f"{name} is not installed beside this Python (the PySide6 wheel ships it)")
    return str(found)


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message of a .ts file."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message.findtext("source") or "", message.find("translation")))
    return found


# -- the files ---------------------------------------------------------------------------------


def test_the_qm_is_compiled_from_the_ts_as_it_is(tmp_path):
    fresh = tmp_path / "fresh.qm"
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(fresh)], check=True)
    assert fresh.read_bytes() == QM.read_bytes(), "run scripts/update-translations.sh"


def test_every_string_the_window_marks_has_a_chinese_translation(tmp_path):
    """lupdate over annotator/gui/ into a copy of the .ts adds what is new as unfinished."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "annotator" / "gui").glob("*.py"))
    subprocess.run(
        [tool("pyside6-lupdate"), "-silent", "-locations", "none", "-no-obsolete", *sources,
         "-ts", str(copy)],
        check=True,
    )
    untranslated = [
        (context, source)
        for context, source, translation in messages(copy)
        if translation.get("type") in ("unfinished", "vanished", "obsolete")
        or not (translation.text or "").strip()
    ]
    assert untranslated == [], "translate these in the .ts, then run scripts/update-translations.sh"


def test_translations_keep_the_placeholders_of_their_source():
    """`.format(name=…)` on a translation that lost or renamed `{name}` would fail at run time."""
    for context, source, translation in messages(TS):
        chinese = translation.text or ""
        assert sorted(PLACEHOLDER.findall(chinese)) == sorted(PLACEHOLDER.findall(source)), (
            context, source, chinese
        )


def test_menu_mnemonics_survive_translation():
    for context, source, translation in messages(TS):
        if re.search(r"&[A-Za-z]", source):
            assert re.search(r"&[A-Za-z]", translation.text or ""), (context, source)


# -- the schema's names --------------------------------------------------------------------------


def test_every_label_and_event_type_of_the_default_schema_has_both_names():
    schema = default_schema()
    for label in schema.labels:
        assert CJK.search(label.shown("zh")), label
        assert label.shown("zh_CN") == label.shown("zh")
        assert label.shown("en")
    for event_type in schema.event_types:
        assert not CJK.search(schema.event_type_shown(event_type, "en")), event_type
        assert CJK.search(schema.event_type_shown(event_type, "zh_CN")), event_type
    assert schema.get("OFFICIAL").shown("zh") == "官员"
    assert schema.get("boilerplate/navigation").shown("en") == "navigation"


def test_a_schema_stored_before_display_names_shows_the_default_names():
    """A database made before the names tables keeps its stored schema text."""
    old = re.sub(r"(?m)^names = .*\n", "", default_schema_text())
    old = old.split("[event_type_names]")[0] + "\n" + "[[labels]]" + old.split("[[labels]]", 1)[1]
    assert "names =" not in old and "event_type_names" not in old
    schema = parse_schema(old)
    assert schema.get("ORG").shown("zh") == "机构"
    assert schema.event_type_shown("考察调研", "en") == "inspection, fact-finding tour"


def test_a_label_the_default_schema_lacks_shows_its_stored_name():
    text = default_schema_text() + '\n[[labels]]\nname = "POLICY"\ngroup = "entity"\ncolor = "#123456"\nkey = "7"\n'
    schema = parse_schema(text)
    assert schema.get("POLICY").shown("zh") == "POLICY"
    assert LabelDef("X", "entity", "#000000", "x").shown("en") == "X"


def test_a_names_table_that_is_not_a_table_of_strings_shows_the_stored_name():
    text = default_schema_text().replace(
        'names = { zh = "官员", en = "OFFICIAL" }', 'names = ["官员"]'
    )
    assert parse_schema(text).get("OFFICIAL").shown("zh") == "官员"  # the default's, by name
    text = text.replace('name = "OFFICIAL"', 'name = "PERSON"')
    assert parse_schema(text).get("PERSON").shown("zh") == "PERSON"


# -- Qt: the language in force ------------------------------------------------------------------

qt = pytest.mark.gui


@qt
@pytest.mark.parametrize(
    ("locale", "expected"), [("zh_CN", "zh_CN"), ("zh_TW", "zh_CN"), ("en_US", "en"), ("de_DE", "en")]
)
def test_the_system_locale_chooses_the_language(locale, expected):
    from PySide6.QtCore import QLocale

    from annotator.gui.i18n import system_language

    assert system_language(QLocale(locale)) == expected


@qt
def test_module_level_helpers_find_their_translations(qapp):
    """A module-level `tr("…")` is filed by lupdate under the empty context: the helper must
    look there, or its strings stay English in a Chinese window."""
    from annotator.gui import everywhere_job, transfer
    from annotator.gui.i18n import CHINESE, ENGLISH, install_language

    install_language(CHINESE)
    try:
        assert transfer.tr("Importing pages…") == "正在导入网页…"
        assert everywhere_job.tr("offered {label} {text!r} at {places} place(s) in {articles} article(s) "
                                 "({looked} hold the string): they are suggestions, Tab/A/X in each"
                                 ).startswith("已在")
    finally:
        install_language(ENGLISH)


@qt
def test_a_missing_translation_leaves_the_window_in_english_and_says_so(qapp, monkeypatch, capsys, tmp_path):
    from annotator.gui import i18n

    monkeypatch.setattr(i18n, "translation_file", lambda language: str(tmp_path / "gone.qm"))
    i18n.install_language(i18n.CHINESE)
    assert i18n.current_language() == i18n.ENGLISH
    assert "gone.qm is missing" in capsys.readouterr().err


@qt
def test_every_context_of_the_ts_is_found_at_run_time(qapp):
    from PySide6.QtCore import QCoreApplication

    from annotator.gui.i18n import CHINESE, ENGLISH, install_language

    install_language(CHINESE)
    try:
        for context, source, translation in messages(TS):
            assert QCoreApplication.translate(context, source) == translation.text, (context, source)
    finally:
        install_language(ENGLISH)


@qt
def test_a_records_line_and_its_modality_are_in_the_windows_language(qapp):
    """The review window's record lines are made by the core (English words by default): the
    window passes its own; a modality, stored as an English code, is shown by its name."""
    from annotator.gui.i18n import CHINESE, ENGLISH, install_language, modality_shown
    from annotator.gui.review_records import record_words
    from annotator.model import EventDraft, OfficialDraft
    from annotator.review.record_disagreements import describe

    event = EventDraft("会见", modality="planned")
    official = OfficialDraft("马兴瑞", ("书记",), mentions=(("OFFICIAL", 0, 3),))
    assert describe(event) == "会见 · no date · no place · planned"
    install_language(CHINESE)
    try:
        assert describe(event, record_words()) == "会见 · 无日期 · 无地点 · 计划中"
        assert describe(official, record_words()) == "马兴瑞 · 书记 (1 处提及)"
        assert modality_shown("hoped") == "期望" and modality_shown(None) == ""
    finally:
        install_language(ENGLISH)
    assert describe(event, record_words()) == describe(event)
