"""What the lanes view draws, in Qt positions: one bar per annotator span, one box per
disagreement. No Qt here: positions cross over only through `offsets.Utf16Offsets`, so the
layout is tested on texts with 𠀀 and 😀 without a widget."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.gui.offsets import Utf16Offsets
from annotator.model import AnnotationSet
from annotator.review.disagreements import ArticleReview, Verdict, span_key


@dataclass(frozen=True, slots=True)
class LaneBar:
    lane: int  # the annotator's index
    qt_start: int
    qt_end: int
    label: str
    region: bool
    disagreeing: bool  # not in every annotator's set


@dataclass(frozen=True, slots=True)
class DisagreementBox:
    index: int
    qt_start: int
    qt_end: int
    verdict: Verdict
    current: bool


def lane_bars(
    sets: Sequence[AnnotationSet | None], review: ArticleReview, offsets: Utf16Offsets
) -> list[LaneBar]:
    """Regions first, so that entity bars are drawn over them."""
    bars = [
        LaneBar(
            lane,
            *offsets.span_to_qt(span.start, span.end),
            span.label,
            span.is_region,
            span_key(span) not in review.agreed,
        )
        for lane, aset in enumerate(sets)
        if aset is not None
        for span in aset.spans
    ]
    bars.sort(key=lambda bar: (not bar.region, bar.lane, bar.qt_start))
    return bars


def disagreement_boxes(
    review: ArticleReview,
    verdicts: Sequence[Verdict],
    current: int | None,
    offsets: Utf16Offsets,
) -> list[DisagreementBox]:
    return [
        DisagreementBox(i, *offsets.span_to_qt(d.start, d.end), verdicts[i], i == current)
        for i, d in enumerate(review.disagreements)
    ]
