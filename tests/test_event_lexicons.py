"""The words the event rules read beside triggers and cues (activities, time words, light verbs,
verbs of going and visiting, venue endings, citations) are lexicons a user extends without code."""

from __future__ import annotations

from pathlib import Path

from annotator.resources import resource_path
from annotator.suggest.events import _GRAMMAR_STEMS, find_place, references
from annotator.suggest.lexicons import Lexicons, default_lexicons, schema_kinds


def extended(tmp_path: Path, stem: str, word: str) -> Lexicons:
    for path in resource_path("lexicons").glob("*.txt"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    with (tmp_path / f"{stem}.txt").open("a", encoding="utf-8") as lexicon:
        lexicon.write(f"{word}\n")
    return Lexicons.load(tmp_path)


def test_every_event_word_list_is_a_declared_lexicon() -> None:
    declared = {kind.stem for kind in schema_kinds()}
    assert "event_venue_ends" in _GRAMMAR_STEMS  # the lists the event rules read
    assert set(_GRAMMAR_STEMS) <= declared
    assert all(default_lexicons().entries(stem) for stem in _GRAMMAR_STEMS)


def place(sentence: str, lexicons: Lexicons) -> str | None:
    found = find_place(sentence, 0, lexicons)
    return found.text if found else None


def test_a_venue_ending_added_by_the_user_names_a_venue(tmp_path: Path) -> None:
    sentence = "代表团参观烈士纪念堂,了解革命历史。"
    assert place(sentence, default_lexicons()) is None
    assert place(sentence, extended(tmp_path, "event_venue_ends", "堂")) == "烈士纪念堂"


def test_a_verb_of_going_added_by_the_user_names_where_they_went(tmp_path: Path) -> None:
    sentence = "代表团随后奔赴东山村,实地察看灾情。"
    assert place(sentence, default_lexicons()) is None
    assert place(sentence, extended(tmp_path, "event_movement_verbs", "奔赴")) == "东山村"


def test_a_time_word_added_by_the_user_is_no_place(tmp_path: Path) -> None:
    sentence = "在月初召开的座谈会上,双方交流了经验。"
    assert place(sentence, default_lexicons()) == "月初"
    assert place(sentence, extended(tmp_path, "event_time_words", "月初")) is None


def test_a_citation_verb_added_by_the_user_is_a_citation(tmp_path: Path) -> None:
    text = "会议传达全省经济工作会议精神。"
    assert references(text, lexicons=default_lexicons()) == ()
    cited = references(text, lexicons=extended(tmp_path, "event_reference_verbs", "传达"))
    assert cited and text[cited[0][0] : cited[0][1]].startswith("传达")
