"""Name boundaries and non-person words of the official suggestions (issue 11): a name never runs
into a place or the sentence after it, a place or a title holder is no name, and a title between
two names is the second one's."""

from __future__ import annotations

import re
from functools import partial

from annotator.suggest.lexicons import default_lexicons
from annotator.suggest.names import NameRules
from annotator.suggest.officials import find_in_line, is_credit
from annotator.suggest.person_tagger import TaggedName
from annotator.suggest.tagged_officials import tagged_officials
from annotator.suggest.taken import Taken


class FixedTagger:
    """A tagger that finds exactly the names it is given (the CRF's own guesses vary with the
    model; these tests are about what is done with a guess)."""

    min_length = 2  # as the shipped model

    def __init__(self, *names: str) -> None:
        self._names = names

    def names(self, text: str, *, only: re.Pattern[str] | None = None) -> list[TaggedName]:
        found = []
        for name in self._names:
            start = text.index(name)
            found.append(TaggedName(start, start + len(name), name, 0.9))
        return sorted(found, key=lambda n: n.start)


def tagged(text: str, *names: str) -> dict[str, tuple[str, ...]]:
    lexicons = default_lexicons()
    found = tagged_officials(
        text,
        FixedTagger(*names),  # type: ignore[arg-type]
        lexicons,
        Taken(len(text)),
        is_credit=partial(is_credit, lexicons=lexicons),
    )
    assert all(text[m.start : m.end] == m.name for m in found)
    return {m.name: tuple(t.text for t in m.titles) for m in found}


def ruled(text: str, *known: str) -> list[str]:
    """The names the rules find in `text` (`known`: names found before), each once (two rules
    may find one name)."""
    rules = NameRules(default_lexicons()).with_known(known)
    return list(dict.fromkeys(m.name for m in find_in_line(text, rules)))


# -- the tagger's names ----------------------------------------------------------------------


def test_a_tagged_name_never_runs_into_a_province():
    text = "附属医院儿科副主任魏瑞宁夏回族自治区人民医院院长"
    assert tagged(text, "魏瑞宁") == {"魏瑞": ("附属医院儿科副主任",)}


def test_a_country_the_tagger_takes_for_a_person_is_no_official():
    assert tagged("葬礼上，布隆迪总统致辞。", "布隆迪") == {}
    assert tagged("贝宁总统克雷库、科特迪瓦总统出席。", "科特迪瓦") == {}


def test_a_title_between_two_names_belongs_to_the_second():
    text = "高雄市长黄俊雄陪同视察。"
    assert tagged(text, "高雄", "黄俊雄") == {"黄俊雄": ("高雄市长",)}


def test_a_name_before_its_title_still_counts_when_no_name_follows():
    assert tagged("贯彻落实习近平总书记关于新疆工作的讲话。", "习近平") == {"习近平": ("总书记",)}


# -- the rules' names ------------------------------------------------------------------------


def test_no_name_swallows_a_time_word_or_a_conjunction():
    assert "董建华" in ruled("全国政协副主席董建华昨天出席香港海关的典礼。")
    assert not {"华昨天", "董建"} & set(ruled("董建华昨天出席香港海关的典礼。"))
    assert "穆青" in ruled("名誉主席吴冷西、穆青以及首都各界人士出席。", "吴冷西")


def test_a_word_after_the_name_ends_it():
    assert ruled("国务院副总理兼外交部长钱其琛以特使身份访问。") == ["钱其琛"]
    assert ruled("国家副主席龙永图作报告。") == ["龙永图"]


def test_the_word_closing_an_attendee_list_is_no_part_of_its_last_name():
    assert ruled("雷洁琼、王光英、万国权等出席今天的会议。") == ["雷洁琼", "王光英", "万国权"]


def test_a_surname_with_a_title_or_a_title_phrase_is_no_attendee():
    assert ruled("江主席出席午宴。") == []
    found = ruled("全国人大常委会副委员长铁木尔·达瓦买提出席了晚会。")
    assert found == ["铁木尔·达瓦买提"]


def test_the_rules_word_lists_are_lexicons_a_user_can_extend():
    lexicons = default_lexicons()
    text = "王小明、李大伟莅临指导。"
    assert find_in_line(text, NameRules(lexicons)) == []
    extended = lexicons.with_entries({"attendee_verbs": (*lexicons.attendee_verbs, "莅临")})
    assert [m.name for m in find_in_line(text, NameRules(extended))] == ["王小明", "李大伟"]
    leaders = lexicons.with_entries({"leader_words": ("首长",)})
    assert [m.name for m in find_in_line("首长王小明、李大伟", NameRules(leaders))] == [
        "王小明",
        "李大伟",
    ]
