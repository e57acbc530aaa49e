"""Events across a story: a trip told as a span of days and its days, the paragraph that sums
up a stay (在…期间), a meeting named in a vague lead (近日) and told with its date later, and
narration that resumes after reported speech. Every name and place here is invented."""

from __future__ import annotations

from annotator.model import Article, OffsetMap
from annotator.suggest import suggest_article
from annotator.suggest.dates import DateContext
from annotator.suggest.events import find_events
from annotator.suggest.lexicons import default_lexicons


def events_of(text: str, published: str | None = "2025-03-12") -> list[tuple]:
    body = f"标题很长的一篇新闻报道\n{text}\n"
    page = Article("a", "a.txt", body, body, OffsetMap.identity(len(body)), published=published)
    return [(e.type, e.date, e.place) for e in suggest_article(page, tagger=None).events]


def test_a_day_inside_a_trip_of_the_same_type_is_that_trip() -> None:
    text = (
        "3月9日至11日,北江省党政代表团赴南湖省学习考察,推动两省务实合作。\n"
        "3月10日上午,两省经济社会发展交流座谈会在湖州召开。\n"
        "3月11日,代表团来到东港市集装箱码头,实地考察智慧港口建设情况。"
    )
    assert events_of(text) == [
        ("考察调研", "2025-03-09", "南湖省"),
        ("座谈会/会议", "2025-03-10", "湖州"),
    ]


def test_a_day_outside_the_trip_is_another_event() -> None:
    text = (
        "3月9日至10日,代表团赴南湖省学习考察,推动两省务实合作。\n"
        "3月12日,代表团来到东港市集装箱码头,实地考察智慧港口建设情况。"
    )
    assert [e[:2] for e in events_of(text, "2025-03-13")] == [
        ("考察调研", "2025-03-09"),
        ("考察调研", "2025-03-12"),
    ]


STAY = (
    "9月2日至4日,北江省党政代表团在西原对接对口合作工作。\n"
    "9月2日下午,两省区工作交流座谈会在西州召开。\n"
    "9月2日,代表团参观西原博物馆,了解文化工作。\n"
    "在西期间,代表团先后到西州、东山考察。在西州,代表团来到西州国际陆港区,考察开放合作;"
    "参观西原博物馆,了解文化工作。代表团与东山市召开座谈会,还看望了援建干部。"
)


def test_a_summed_up_stay_is_the_trip_its_span_of_days_told() -> None:
    # the recap's own type (考察) is the stay: dated by 9月2日至4日 and placed where the
    # delegation was; a meeting told only in the summary is another, undated one; a visit to
    # a venue already told is that visit
    assert events_of(STAY, "2024-09-04") == [
        ("座谈会/会议", "2024-09-02", "西州"),
        ("参观", "2024-09-02", "西原博物馆"),
        ("考察调研", "2024-09-02", "西原"),
        ("座谈会/会议", None, None),
        ("慰问", None, None),
    ]


def test_a_vague_lead_of_a_named_meeting_is_the_meeting_its_date_tells() -> None:
    text = (
        "第五次全省对口合作工作会议近日在北州闭幕,为合作工作指明方向。\n"
        "9月19日至21日,第五次全省对口合作工作会议召开,全面总结合作成绩。"
    )
    assert events_of(text, "2023-10-11") == [("座谈会/会议", "2023-09-19", None)]


def test_a_vague_mention_of_another_meeting_stays_its_own() -> None:
    text = (
        "全省防汛工作会议近日在北州召开,部署防汛工作。\n"
        "9月19日至21日,第五次全省对口合作工作会议召开,全面总结合作成绩。"
    )
    assert len(events_of(text, "2023-10-11")) == 2


def told(paragraph: str) -> list[str]:
    context = DateContext.for_published("2025-03-12")
    events, _dates, _context = find_events(paragraph, 0, context, default_lexicons())
    return [e.type for e in events]


def test_narration_resumes_when_the_speaker_is_named_again() -> None:
    assert told(
        "会上,两位省长介绍了两省情况。罗文海表示,南湖将与北江一道推进合作。"
        "唐振中与罗文海代表两省政府签署战略合作框架协议。"
    ) == ["签约"]


def test_reported_speech_without_its_speaker_named_again_stays_speech() -> None:
    assert told("罗文海表示,南湖将与北江一道推进合作。两省签署了合作框架协议。") == []
    # a pronoun is no speaker to look for
    assert told("他说,南湖将与北江一道推进合作。他们签署了合作框架协议。") == []


def test_a_stop_of_a_summed_up_stay_is_the_stay_not_new_events() -> None:
    text = (
        "7月9日,代表团来到东山村,看望慰问村民一家。\n"
        "在西期间,代表团来到西州市,考察国际陆港区;深入东山村,参观纪念馆,考察乡村振兴工作,"
        "看望基层群众。代表团还来到前方指挥部深入调研,看望慰问援建干部。"
    )
    # 参观 and 看望 told beside the stay's 考察 are stops of it; the 慰问 of 7月9日 stays one
    assert events_of(text, None) == [("慰问", None, "东山村"), ("考察调研", None, "西州市")]


def test_narration_resumes_after_the_closing_quote_of_the_speech() -> None:
    assert told("罗文海表示:“南湖将与北江一道推进合作。”随后,两省签署合作框架协议。") == ["签约"]
    assert told("罗文海说:“合作很好”,随后两省签署了合作框架协议。") == ["签约"]
    # inside the quotes it is still speech
    assert told("罗文海说:“去年两省签署了框架协议。明年还要签署新的协议。”") == []


def test_a_day_inside_a_trip_of_a_page_without_a_year_is_that_trip() -> None:
    text = (
        "3月9日至11日,代表团赴南湖省学习考察,推动合作。\n"
        "3月11日,代表团来到东港市码头,实地考察港口建设情况。"
    )
    assert events_of(text, None) == [("考察调研", None, "南湖省")]


def test_a_vaguely_timed_sentence_is_not_dated_by_the_day_last_named() -> None:
    text = "9月3日,代表团在东山召开座谈会。\n全省防汛工作会议近日在北州召开,部署防汛工作。"
    # 近日 fixes no day: not the one last named, and no reason to be the meeting of that day
    assert events_of(text, "2024-09-05") == [
        ("座谈会/会议", "2024-09-03", "东山"),
        ("座谈会/会议", None, "北州"),
    ]


def test_what_recent_years_saw_is_a_habit_not_an_event() -> None:
    assert told("学术年会创办于2011年,近年来先后在南州、北州等地成功举办了8次会议。") == []


def test_a_summed_up_stay_is_told_by_its_span_of_days_sentence_and_its_people() -> None:
    text = (
        "9月2日至4日,北江省党政代表团在西原对接对口合作工作。北江省委书记王振东参加有关活动。\n"
        "在西期间,代表团先后到西州、东山考察。"
    )
    body = f"标题很长的一篇新闻报道\n{text}\n"
    page = Article("a", "a.txt", body, body, OffsetMap.identity(len(body)), published="2024-09-05")
    aset = suggest_article(page, tagger=None)
    (event,) = aset.events
    spans = {s.id: s for s in aset.spans}
    evidence = spans[event.evidence]
    # the first sentence stating the stay, as the gold conventions want its evidence
    assert body[evidence.start : evidence.end].startswith("9月2日至4日,北江省党政代表团在西原")
    names = {o.id: o.name for o in aset.officials}
    assert [names[p] for p in event.participants] == ["王振东"]
