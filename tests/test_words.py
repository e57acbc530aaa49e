"""Word boundaries for Chinese selections (annotator.words: pure functions, no Qt)."""

from __future__ import annotations

from annotator.words import snap_to_words, word_at

LINE = "记者马兴瑞报道。\n第二行：楼阳生参加活动。"


def test_word_at_gives_the_segmenters_word_in_code_points():
    at = LINE.index("参加")
    assert word_at(LINE, at + 1) == (at, at + 2)
    name = LINE.index("楼阳生")
    assert LINE[slice(*word_at(LINE, name + 2))] == "楼阳生"


def test_word_at_counts_astral_characters_as_one_position():
    text = "𠀀😀 记者马兴瑞报道"
    start = text.index("马兴瑞")
    assert word_at(text, start + 1) == (start, start + 3)
    assert word_at(text, 0) == (0, 1)  # 𠀀 alone: one code point, not a surrogate half


def test_a_known_name_wins_over_the_segmenters_cut():
    text = "李希王伟中等人出席"
    name = (text.index("王伟中"), text.index("王伟中") + 3)
    assert word_at(text, name[0] + 2) != name  # the dictionary cuts 王伟 | 中等
    assert word_at(text, name[0] + 2, [name]) == name


def test_word_at_a_line_break_or_past_the_end_is_empty():
    newline = LINE.index("\n")
    assert word_at(LINE, newline) == (newline, newline)
    assert word_at(LINE, len(LINE)) == (len(LINE), len(LINE))


def test_snap_widens_to_whole_words_and_never_crosses_a_line():
    start = LINE.index("兴瑞报")
    snapped = snap_to_words(LINE, start, start + 3)
    assert LINE[slice(*snapped)] == "马兴瑞报道"
    end_of_line = LINE.index("。")
    assert "\n" not in LINE[slice(*snap_to_words(LINE, end_of_line - 1, end_of_line + 1))]
    assert snap_to_words(LINE, 3, 3) == (3, 3)
