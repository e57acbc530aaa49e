"""`annotator agree` and `annotator evaluate` score one pair of sets the same way.

Both paths are fed the same two sets: agreement compares them as annotators A (reference) and
B; evaluation reads A as a gold file and scores B against it. Every figure both of them report
(spans per label, exact and overlap; official names; events) must be equal.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from annotator.model import (
    ENTITY_LABELS,
    REGION_LABELS,
    AnnotationSet,
    Event,
    Official,
    Span,
    is_region_label,
    region_kind,
)
from annotator.review.agreement import ALL, ArticleSets, PairAgreement, measure_agreement
from annotator.suggest.evaluate import Report, read_gold

TEXT = "马兴瑞书记在乌鲁木齐出席座谈会。王宁省长参观了展览。责任编辑：张三\n"


def span(label: str, start: int, end: int, annotator: str) -> Span:
    return Span("x", annotator, label, start, end, TEXT[start:end])


def gold_line(article_id: str, text: str, reference: AnnotationSet) -> str:
    """The reference set as one line of a native gold file, as `evaluate --gold` reads it."""
    return json.dumps(
        {
            "id": article_id,
            "text": text,
            "spans": [
                {"label": s.label, "start": s.start, "end": s.end}
                for s in reference.spans
                if not is_region_label(s.label)
            ],
            "boilerplate": [
                {"kind": region_kind(s.label), "start": s.start, "end": s.end}
                for s in reference.spans
                if is_region_label(s.label)
            ],
            "officials": [
                {"name": o.name, "titles": list(o.titles), "organization": o.organization}
                for o in reference.officials
            ],
            "events": [
                {"type": e.type, "date": e.date, "place": e.place} for e in reference.events
            ],
        },
        ensure_ascii=False,
    )


def both_paths(
    tmp_path: Path, articles: list[tuple[str, str, AnnotationSet, AnnotationSet]]
) -> tuple[PairAgreement, Report]:
    pair = measure_agreement(
        [ArticleSets(i, text, {"a": a, "b": b}) for i, text, a, b in articles], ["a", "b"]
    ).pairs[0]
    gold_file = tmp_path / "gold.jsonl"
    gold_file.write_text(
        "".join(gold_line(i, text, a) + "\n" for i, text, a, _ in articles), encoding="utf-8"
    )
    report = Report()
    predicted = {i: b for i, _, _, b in articles}
    for gold in read_gold(gold_file):
        report.add(gold, predicted[gold.id])
    return pair, report


def figures(counts) -> tuple:
    return (counts.precision, counts.recall, counts.f1)


def assert_same_figures(pair: PairAgreement, report: Report) -> None:
    labels = set(pair.exact) - {ALL}
    assert labels == set(report.by_label_exact) == set(report.by_label_overlap)
    for label in labels:
        assert figures(report.by_label_exact[label]) == pytest.approx(figures(pair.exact[label]))
        assert figures(report.by_label_overlap[label]) == pytest.approx(
            figures(pair.overlap[label])
        )
    assert figures(report.officials) == pytest.approx(figures(pair.officials))
    assert figures(report.events) == pytest.approx(figures(pair.events))


def test_agree_and_evaluate_give_the_same_figures_for_one_pair(tmp_path: Path) -> None:
    a = AnnotationSet(
        "x",
        "a",
        spans=(
            span("OFFICIAL", 0, 3, "a"),
            span("TITLE", 3, 5, "a"),
            span("PLACE", 6, 8, "a"),  # B's one long PLACE overlaps both halves of 乌鲁木齐
            span("PLACE", 8, 10, "a"),
            span("OFFICIAL", 16, 18, "a"),
            span("boilerplate/meta", 26, 33, "a"),
        ),
        officials=(Official("x", "a", "马兴瑞"), Official("x", "a", " 王宁 ")),
        events=(
            Event("x", "a", "座谈会/会议", "2024-09-02", "乌鲁木齐"),
            Event("x", "a", "参观", None, None),
            Event("x", "a", "参观", None, None),  # two visits: B must find both
        ),
    )
    b = AnnotationSet(
        "x",
        "b",
        spans=(
            span("OFFICIAL", 0, 3, "b"),
            span("PLACE", 5, 12, "b"),
            span("DATE", 12, 14, "b"),  # a label A never used: recall undefined
        ),
        officials=(Official("x", "b", "王宁"), Official("x", "b", "楼阳生")),
        events=(Event("x", "b", "参观", None, None),),
    )
    pair, report = both_paths(tmp_path, [("x", TEXT, a, b)])
    assert_same_figures(pair, report)
    # The points where the two used to differ, pinned to the figures both give now:
    assert report.by_label_overlap["PLACE"].recall == 0.5  # one-to-one, not any-overlap
    assert report.by_label_exact["TITLE"].precision is None  # no prediction: undefined, not 1.0
    assert report.by_label_exact["DATE"].recall is None
    assert report.officials.precision == 0.5  # " 王宁 " in the gold is 王宁
    assert report.events.recall == pytest.approx(1 / 3)  # equal events count one by one


@pytest.mark.parametrize("seed", range(5))
def test_agree_and_evaluate_agree_on_random_pairs(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    labels = [*ENTITY_LABELS[:4], *REGION_LABELS[:2]]
    text = "".join(rng.choice("甲乙丙丁戊己庚辛") for _ in range(60))
    events = [("参观", None, None), ("慰问", "2024-01-02", None), ("签约", None, "北京")]
    names = ["马兴瑞", "王宁", "楼阳生", "张柱"]

    def random_set(article_id: str, who: str) -> AnnotationSet:
        spans = []
        for _ in range(rng.randint(0, 8)):
            start = rng.randrange(len(text) - 1)
            end = rng.randint(start + 1, min(len(text), start + 8))
            spans.append(Span(article_id, who, rng.choice(labels), start, end, text[start:end]))
        unique = {(s.label, s.start, s.end): s for s in spans}  # a store holds a span once
        return AnnotationSet(
            article_id,
            who,
            spans=tuple(unique.values()),
            officials=tuple(
                Official(article_id, who, n) for n in rng.sample(names, rng.randint(0, 3))
            ),
            events=tuple(
                Event(article_id, who, *rng.choice(events)) for _ in range(rng.randint(0, 3))
            ),
            status="done",
        )

    articles = [
        (f"x{n}", text, random_set(f"x{n}", "a"), random_set(f"x{n}", "b")) for n in range(6)
    ]
    pair, report = both_paths(tmp_path, articles)
    assert_same_figures(pair, report)


@pytest.mark.parametrize(
    ("true_positive", "predicted", "gold"), [(0, 3, 2), (2, 3, 4), (0, 0, 2), (0, 2, 0), (0, 0, 0)]
)
def test_the_name_tagger_scores_as_everything_else(true_positive, predicted, gold) -> None:
    """`annotator train` and `evaluate --cross-validate` score the tagger's names with the same
    conventions: a tagger that finds nothing right has F1 0, not an undefined one."""
    from annotator.scoring import MatchCounts
    from annotator.suggest.tagger_training import Scores

    scores = Scores(true_positive=true_positive, predicted=predicted, gold=gold)
    expected = MatchCounts(true_positive, gold, predicted)
    assert figures(scores) == pytest.approx(figures(expected))


def test_train_prints_a_split_without_any_name_found() -> None:
    from annotator.commands.train import scores_line
    from annotator.suggest.tagger_training import Scores

    assert scores_line("dev", Scores(true_positive=0, predicted=0, gold=4)) == (
        "dev: persons P – R 0.000 F1 0.000"
    )
