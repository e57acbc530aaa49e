"""The reviewer's article list: the annotator window's id-only model, read as `gold`, with the
disagreement (span F1 between the annotators, exact) in front and the rows worst first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, Qt

from annotator.gui.article_list_model import COLUMNS, AnyIndex, ArticleListModel
from annotator.gui.notes import flag_marks
from annotator.model import GOLD
from annotator.review.agreement import CorpusAgreement
from annotator.store import Store

Score = tuple[float | None, int]  # (lowest span F1 over the pairs, unmatched spans)


def article_scores(result: CorpusAgreement) -> dict[str, Score]:
    """Per article: the worst pair's F1 and all pairs' unmatched spans together."""
    scores: dict[str, Score] = {}
    for pair in result.pairs:
        for s in pair.per_article:
            f1, unmatched = scores.get(s.article_id, (None, 0))
            worst = s.f1 if f1 is None else (f1 if s.f1 is None else min(f1, s.f1))
            scores[s.article_id] = (worst, unmatched + s.spans.disagreements)
    return scores


def worst_first(ids: list[str], scores: Mapping[str, Score]) -> list[str]:
    """Lowest F1 first, then most unmatched spans; unscored articles (someone has no set) last,
    in their list order."""

    def key(article_id: str) -> tuple:
        f1, unmatched = scores.get(article_id, (None, 0))
        return (article_id not in scores, f1 is None, f1 or 0.0, -unmatched)

    return sorted(ids, key=key)  # stable: ties keep the store's order


class ReviewListModel(ArticleListModel):
    def __init__(self, store: Store) -> None:
        super().__init__(store, GOLD)
        self._scores: dict[str, Score] = {}
        self._flags: dict[str, str] = {}  # article id -> the annotators' flag marks

    def set_flags(self, annotators: Sequence[str]) -> None:
        """Mark the articles on which one of `annotators` left an unsure flag or a note (on
        the article or a label), read now, one query per annotator and flag."""
        unsure: set[str] = set()
        noted: set[str] = set()
        for name in annotators:
            unsure.update(self._store.article_ids(annotator=name, flag="unsure"))
            noted.update(self._store.article_ids(annotator=name, flag="note"))
        self._flags = {
            article_id: flag_marks(article_id in unsure, article_id in noted)
            for article_id in unsure | noted
        }
        self.refresh_all()

    def set_scores(self, scores: Mapping[str, Score]) -> None:
        """Scores arrived (from the corpus measurement): re-sort, worst first."""
        self._scores = dict(scores)
        self.set_ids(worst_first(self.ids(), self._scores))

    def score_count(self) -> int:
        return len(self._scores)

    def score(self, article_id: str) -> Score | None:
        return self._scores.get(article_id)

    def refresh_row(self, article_id: str) -> None:
        super().refresh_row(article_id)
        row = self.row_of(article_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def columnCount(self, parent: AnyIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "F1" if section == 0 else QCoreApplication.translate("ArticleListModel", COLUMNS[section - 1])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.column() > 0:  # the annotator window's columns, one place to the right
            return super().data(self.index(index.row(), index.column() - 1), role)
        if role == Qt.ItemDataRole.UserRole:
            return self.article_id(index.row())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            f1, unmatched = self._scores.get(self.article_id(index.row()), (None, 0))
            marks = self._flags.get(self.article_id(index.row()), "")
            if role == Qt.ItemDataRole.ToolTipRole:
                tip = self.tr("span F1 (exact) between the annotators; {n} unmatched spans").format(
                    n=unmatched
                )
                if marks:
                    tip += "\n" + self.tr("{marks}: an annotator left an unsure flag or a note").format(
                        marks=marks
                    )
                return tip
            score = "–" if f1 is None else f"{f1:.2f}"
            return f"{marks} {score}" if marks else score
        return None
