"""An event's participants and place from its sentence and its neighbours: officials the rules
or the name tagger found, a leader cited (贯彻落实习近平总书记关于…) left out, the venue or city
where they met, and two days of one kind of event on a page without a year kept apart."""

from __future__ import annotations

from annotator.model import AnnotationSet, Article, OffsetMap
from annotator.suggest.article import suggest_article
from annotator.suggest.dates import DateContext
from annotator.suggest.events import find_events, references
from annotator.suggest.lexicons import default_lexicons


def _suggested(text: str, published: str | None = "1998-05-24") -> AnnotationSet:
    article = Article(
        "a" * 16, "x.txt", text, text, OffsetMap.identity(len(text)), published=published
    )
    return suggest_article(article, event_classifier=None)


def _events(aset: AnnotationSet) -> list[tuple[str, str | None, str | None, list[str]]]:
    names = {o.id: o.name for o in aset.officials}
    return [(e.type, e.date, e.place, [names[p] for p in e.participants]) for e in aset.events]


def test_both_sides_of_a_meeting_are_its_participants_and_the_venue_its_place() -> None:
    aset = _suggested(
        "新华社北京５月２３日电 国家主席江泽民今天在人民大会堂同波兰总统克瓦希涅夫斯基举行会谈。"
    )
    assert _events(aset) == [("会谈", "1998-05-23", "人民大会堂", ["江泽民", "克瓦希涅夫斯基"])]


def test_a_place_then_whom_they_met_is_the_place_but_not_a_talk_or_a_time() -> None:
    def place(sentence: str) -> str | None:
        found, _, _ = find_events(sentence, 0, DateContext(None, None), default_lexicons())
        return found[0].place.text if found and found[0].place else None

    assert place("李鹏在北京会晤了日本首相。") == "北京"
    assert place("唐家璇在日内瓦同瑞方外长举行会谈。") == "日内瓦"
    assert place("他在会上同代表们举行座谈。") is None
    assert place("他在讲话中与大家一起回顾了会谈。") is None


def test_a_cited_leader_is_no_participant() -> None:
    text = (
        "4月7日,为深入贯彻落实习近平总书记关于对口支援工作的重要指示精神,"
        "省委书记张三在成都主持召开座谈会。"
    )
    aset = _suggested(text, "2024-04-08")
    assert _events(aset) == [("座谈会/会议", "2024-04-07", "成都", ["张三"])]
    (cited,) = references(text, lexicons=default_lexicons())
    assert "习近平" in text[cited[0] : cited[1]] and "张三" not in text[cited[0] : cited[1]]


def test_the_paragraph_below_a_caption_names_who_held_the_meeting() -> None:
    aset = _suggested(
        "7月8日,两省区工作交流座谈会在乌鲁木齐召开。记者 崔志坚摄\n"
        "8日下午,两地在乌鲁木齐召开工作交流座谈会。天津市委书记陈敏尔代表天津市委感谢新疆。",
        None,
    )
    assert _events(aset) == [("座谈会/会议", None, "乌鲁木齐", ["陈敏尔"])]


def test_two_days_of_one_kind_of_event_without_a_year_are_two_events() -> None:
    aset = _suggested(
        "7月9日,天津市委书记陈敏尔等来到于田县托格日尕孜村,走访慰问群众。\n"
        "7月8日,天津市委书记陈敏尔等来到天津市援兵团第十一师工作组干部人才之家,看望慰问援疆干部人才。",
        None,
    )
    assert [(t, p) for t, _d, p, _n in _events(aset)] == [
        ("慰问", "于田县托格日尕孜村"),
        ("慰问", "天津市援兵团第十一师工作组干部人才之家"),
    ]
