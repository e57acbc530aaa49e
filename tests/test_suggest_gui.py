"""The window's tooltip over a suggestion says which suggester proposed it and its score, as
plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QEvent, QPoint  # noqa: E402
from PySide6.QtGui import QHelpEvent, QTextDocument  # noqa: E402
from PySide6.QtWidgets import QToolTip  # noqa: E402
from test_gui_support import make_article  # noqa: E402

from annotator.model import AUTO, AnnotationSet, Span  # noqa: E402
from annotator.store import Store  # noqa: E402

pytestmark = pytest.mark.gui
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, open_window (db_path is ours)

TEXT = "自治区党委书记马兴瑞参加活动。\n"
HOSTILE_SOURCE = "<b>rule</b>"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """One article with two suggestions: the tagger's, and one whose source is mark-up."""
    path = tmp_path / "annotator.db"
    article = make_article(TEXT, "960_scored.txt", "打分")
    name = TEXT.index("马兴瑞")
    spans = (
        Span(
            article.id, AUTO, "OFFICIAL", name, name + 3, "马兴瑞", 1, rule="tagger", score=0.8712
        ),
        Span(article.id, AUTO, "TITLE", 0, 7, TEXT[:7], 2, rule=HOSTILE_SOURCE, score=None),
    )
    with Store.open(path) as store:
        store.add_articles([article])
        store.replace_annotation_set(AnnotationSet(article.id, AUTO, spans=spans))
    return path


def tooltip_at(view, monkeypatch, pos: int) -> str:
    """What the view shows, as characters, for a hover at code point `pos`."""
    tips: list[str] = []
    monkeypatch.setattr(QToolTip, "showText", lambda _where, tip, *_rest: tips.append(tip))
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_qt(pos))
    point = view.cursorRect(cursor).center() + QPoint(2, 0)
    view.event(QHelpEvent(QEvent.Type.ToolTip, point, view.mapToGlobal(point)))
    assert tips, "no tooltip shown"
    document = QTextDocument()
    document.setHtml(tips[-1])  # the tip is rich text that shows exactly the characters meant
    return document.toPlainText()


def opened(open_window):
    window = open_window()
    window.editor.open(window.store.article_ids()[0])
    return window


def test_a_suggestions_tooltip_names_its_source_and_score(open_window, monkeypatch):
    window = opened(open_window)
    tip = tooltip_at(window.view, monkeypatch, TEXT.index("马兴瑞") + 1)
    assert "马兴瑞" in tip and "by tagger, score 0.87" in tip


def test_a_source_that_looks_like_html_is_shown_as_its_characters(open_window, monkeypatch):
    window = opened(open_window)
    tip = tooltip_at(window.view, monkeypatch, 2)
    assert f"by {HOSTILE_SOURCE}, score –" in tip
