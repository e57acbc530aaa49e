"""The cleaning steps' faster patterns (issue 13) match exactly where the plain ones matched:
each is held against the pattern it replaced, copied here as the reference, on every page we
have and on generated text. Speed itself is measured in `annotator bench`, never here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.cleaning import damage, decode, middle_dot, pinyin, whitespace
from annotator.cleaning.chars import HAN, ODD_SPACE, TONED_SYLLABLE
from annotator.resources import seeds_dir

REAL_PAGES = Path("/work/shared/real-pages")
_SPACE = f" {ODD_SPACE}"
REFERENCE_WHITESPACE = re.compile(
    rf"(?!(?<=[^{_SPACE}])\n(?=[^{_SPACE}\r\n\u200b\u2060\ufeff]))"
    rf"(?P<breaks>[{_SPACE}]*(?:\r\n?|\n)(?:[{_SPACE}\u200b\u2060\ufeff]*(?:\r\n?|\n))*[{_SPACE}]*)"
    rf"|(?P<spaces>[{_SPACE}]{{2,}}|[{ODD_SPACE}])"
    r"|(?P<invisible>[\u200b\u2060\ufeff]+)"
)
REFERENCE_READING = re.compile(
    rf"(?<=[{HAN}])[(（]{TONED_SYLLABLE}[)）]|(?P<orphan>(?<=\?){TONED_SYLLABLE}[)）])"
)
REFERENCE_NAME_DOT = re.compile(
    rf"(?<=[{HAN}])[\u0387\u2022\u2027\u2219\u22c5\u30fb\uff65\u16eb\u2e31](?=[{HAN}])"
)
REFERENCE_BARE_QUESTION = re.compile(rf"(?<=[{HAN}])\?(?=[{HAN}])")
PAIRS = [
    (REFERENCE_WHITESPACE, whitespace._WHITESPACE),
    (REFERENCE_READING, pinyin._READING),
    (REFERENCE_NAME_DOT, middle_dot._NAME_DOT),
    (REFERENCE_BARE_QUESTION, damage._BARE_QUESTION),
]


def matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in pattern.finditer(text)]


def page_texts() -> list[str]:
    paths = sorted(seeds_dir().iterdir()) + sorted(REAL_PAGES.rglob("*.html"))
    return [p.read_bytes().decode("utf-8", "replace") for p in paths if p.is_file()]


@pytest.mark.parametrize(("reference", "fast"), PAIRS)
def test_the_same_matches_on_every_page_we_have(
    reference: re.Pattern[str], fast: re.Pattern[str]
) -> None:
    texts = page_texts()
    assert [matches(fast, t) for t in texts] == [matches(reference, t) for t in texts]
    assert any(matches(reference, t) for t in texts)  # not equal by matching nothing


# every kind of white space the steps tell apart, invisible characters, Han characters, the
# `?` of a lost one, both parentheses, pinyin with and without tone marks, and middle dots
_ALPHABET = " \t\xa0\u3000\u2002\x0b\x0c\r\n\u200b\u2060\ufeff中國?()（）tuánzhōngbaoǎü·•・\u0387"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_the_same_matches_on_any_mix(text: str) -> None:
    for reference, fast in PAIRS:
        assert matches(fast, text) == matches(reference, text)


def reference_valid_utf8(data: bytes) -> str | None:
    """The definition: valid UTF-8 holding enough characters of three bytes or more, counted one
    by one in the sample."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    sample = text[: decode._EVIDENCE_SAMPLE]
    return text if sum(c >= "\u0800" for c in sample) >= decode._UTF8_EVIDENCE else None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aé中\U00020000 ", max_size=12), st.integers(0, 12))
def test_utf8_evidence_counts_as_the_definition(text: str, cut: int) -> None:
    data = text.encode("utf-8")
    for candidate in (data, data[:cut]):  # a cut may fall inside a character: not UTF-8
        assert decode._valid_utf8(candidate) == reference_valid_utf8(candidate)


def test_utf8_evidence_is_looked_for_in_the_sample_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "_EVIDENCE_SAMPLE", 5)
    for text in ("aaaaa中中中", "aa中中中", "aaa中中中", "中中中aa"):
        data = text.encode("utf-8")
        assert decode._valid_utf8(data) == reference_valid_utf8(data)
