"""Chinese news writes full-width punctuation (，；：！？); the seeds and the held-out sentences
happen to use ASCII. The event rules read both alike."""

from __future__ import annotations

import pytest

from annotator.suggest.dates import DateContext
from annotator.suggest.events import find_events, find_place
from annotator.suggest.lexicons import default_lexicons

WIDE = str.maketrans(",;:!?", "，；：！？")


def told(paragraph: str) -> list[tuple[str, str | None]]:
    context = DateContext.for_published("2024-06-03")
    events, _dates, _context = find_events(paragraph, 0, context, default_lexicons())
    return [(e.type, e.place.text if e.place else None) for e in events]


@pytest.mark.parametrize(
    "paragraph",
    [
        "马兴瑞说,天津市党政代表团来疆考察交流,体现了政治担当。",  # speech
        "市长出席签约仪式,没有发表讲话。",  # a negation voids its own clause only
        "两国外长将于下周会谈;市长昨天会见了客人。",  # a future cue ends with its sentence
        "代表团4月7日赴四川省学习考察,两省区在成都举行座谈会。",  # each event in its clause
        "罗文海表示:南湖将推进合作。唐振中与罗文海签署合作框架协议。",  # speech, then narration
        "这是对岭南民间节庆风俗的考察!",  # 对…的: a topic
        "在前不久召开的会议之后,代表团在成都召开座谈会。",  # a when, then a where
    ],
)
def test_full_width_punctuation_reads_as_ascii(paragraph: str) -> None:
    assert told(paragraph.translate(WIDE)) == told(paragraph)


def test_a_full_width_comma_ends_a_place() -> None:
    sentence = "代表团来到东山村，看望慰问村民。"
    found = find_place(sentence, 0, default_lexicons())
    assert found is not None and found.text == "东山村"


def test_the_held_out_sentences_score_the_same_in_full_width() -> None:
    import json
    from pathlib import Path

    rows = Path(__file__).parent / "data" / "suggest" / "events_heldout.jsonl"
    for line in rows.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        assert told(text.translate(WIDE)) == told(text), text


@pytest.mark.parametrize("dash", ["至", "-", "－", "~", "～", "—", "–"])
def test_a_span_of_days_reads_with_any_dash(dash: str) -> None:
    from annotator.suggest.dates import find_dates

    found, _ = find_dates(
        f"9月2日{dash}4日,代表团在新疆考察。", DateContext.for_published("2024-09-05")
    )
    assert [(d.date, d.end_date) for d in found] == [("2024-09-02", "2024-09-04")]


@pytest.mark.parametrize("dash", ["至", "～", "—"])
def test_a_span_of_bare_days_reads_with_any_dash(dash: str) -> None:
    from annotator.suggest.dates import find_dates

    found, _ = find_dates(
        f"9月1日启程。2日{dash}4日,代表团在新疆考察。", DateContext.for_published("2024-09-05")
    )
    assert [(d.date, d.end_date) for d in found][1] == ("2024-09-02", "2024-09-04")
