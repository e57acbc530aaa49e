"""Code points <-> Qt UTF-16 positions, checked against Qt's own document."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui
pytest.importorskip("PySide6")

from PySide6.QtGui import QTextDocument  # noqa: E402

from annotator.gui.offsets import Utf16Offsets, display_text  # noqa: E402
from annotator.gui.trim import trim_span, whole_lines  # noqa: E402

TEXTS = [
    "",
    "马兴瑞参加活动",
    "𠀀马兴瑞",
    "😀 马兴瑞 😀",
    "𠀀😀𠀀😀",
    "a\u00a0b\r\nc\u2028d😀",
    "鰊𬶠x",
]


def utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


@pytest.mark.parametrize("text", TEXTS)
def test_every_position_round_trips(text: str) -> None:
    offsets = Utf16Offsets.of(text)
    assert offsets.qt_length == utf16(text, len(text))
    for index in range(len(text) + 1):
        assert offsets.to_qt(index) == utf16(text, index)
        assert offsets.to_py(offsets.to_qt(index)) == index


@pytest.mark.parametrize("text", TEXTS)
def test_qt_document_has_as_many_positions_as_the_table(text: str) -> None:
    document = QTextDocument()
    document.setPlainText(display_text(text))
    assert document.characterCount() - 1 == Utf16Offsets.of(text).qt_length
    assert len(display_text(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "qt_position", "down", "up"),
    [("𠀀马", 1, 0, 1), ("a😀b", 2, 1, 2), ("😀😀", 3, 1, 2)],
)
def test_a_position_inside_a_surrogate_pair_snaps_to_the_character(
    text: str, qt_position: int, down: int, up: int
) -> None:
    offsets = Utf16Offsets.of(text)
    assert offsets.to_py(qt_position) == down
    assert offsets.to_py(qt_position, round_up=True) == up


def test_a_selection_widens_to_whole_characters_in_either_direction() -> None:
    offsets = Utf16Offsets.of("a😀b")
    assert offsets.span_to_py(2, 1) == (1, 2)
    assert offsets.span_to_py(0, 4) == (0, 3)


@pytest.mark.parametrize(
    ("call", "value"),
    [("to_qt", -1), ("to_qt", 4), ("to_py", -1), ("to_py", 6)],
)
def test_positions_outside_the_text_are_refused(call: str, value: int) -> None:
    offsets = Utf16Offsets.of("a😀b")
    with pytest.raises(ValueError, match="outside"):
        getattr(offsets, call)(value)


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("  马兴瑞, ", 0, 7, "马兴瑞"),
        ("（马兴瑞）", 0, 5, "马兴瑞"),
        ("“两个确保”", 0, 6, "两个确保"),
        ("\u00a0马兴瑞\u3000", 0, 5, "马兴瑞"),
        ("，。", 0, 2, ""),
        ("马兴瑞", 1, 2, "兴"),
    ],
)
def test_trim_drops_space_and_punctuation_at_the_edges(text, start, end, expected) -> None:
    s, e = trim_span(text, start, end)
    assert text[s:e] == expected


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("ab\ncd\nef", 4, 4, "cd"),
        ("ab\ncd\nef", 1, 4, "ab\ncd"),
        ("ab\ncd\nef", 3, 6, "cd"),  # ends just after a newline: not the next line
        ("ab\ncd\nef", 7, 8, "ef"),
        ("ab\n\nef", 3, 3, ""),
    ],
)
def test_whole_lines(text, start, end, expected) -> None:
    s, e = whole_lines(text, start, end)
    assert text[s:e] == expected
