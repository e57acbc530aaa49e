"""One definition of a Han character, astral extensions included, used everywhere."""

from __future__ import annotations

import pytest

from annotator.cleaning.chars import is_han
from annotator.cleaning.middle_dot import unify_middle_dots
from annotator.model import Article
from annotator.suggest.article import suggest_article
from annotator.suggest.lines import article_lines


@pytest.mark.parametrize(
    ("char", "han"),
    [
        ("中", True),
        ("㐀", True),
        ("豈", True),
        ("𠀀", True),
        ("𪚥", True),
        ("𰀀", True),
        ("a", False),
        ("，", False),
        ("😀", False),
        ("·", False),
    ],
)
def test_is_han(char, han):
    assert is_han(char) is han


def article(text: str) -> Article:
    return Article.plain("han", text)


def test_a_name_with_an_astral_character_is_found_whole():
    text = (
        "标题很长的一篇新闻报道\n自治区党委书记王𠀀明出席会议并讲话。\n"
        + "代表团在乌鲁木齐考察。\n" * 3
    )
    names = {o.name for o in suggest_article(article(text), tagger=None).officials}
    assert "王𠀀明" in names


def test_astral_characters_count_as_han_in_line_features():
    (line,) = article_lines(article("𠀀𠀁𠀂"))
    assert line.cjk_count == 3


def test_a_middle_dot_between_astral_characters_is_a_name_dot():
    assert unify_middle_dots("𠀀•𠀁") == "𠀀·𠀁"
