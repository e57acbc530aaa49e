"""Labels, suggestions and find matches are painted under the text (underlay.py), not as
ExtraSelections, which made switching to a 500-label article ~8x slower than its bare text."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtGui import QColor, QTextCursor  # noqa: E402
from test_gui_support import open_by_source, qt_pos  # noqa: E402

from annotator.gui.text_view import blend  # noqa: E402

pytestmark = pytest.mark.gui
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, db_path, open_window


def x_range(view, text: str, start: int, end: int) -> tuple[int, int, int]:
    """Left x, right x and top y of `text[start:end]` on screen (one line)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(qt_pos(text, start))
    left = view.cursorRect(cursor)
    cursor.setPosition(qt_pos(text, end))
    right = view.cursorRect(cursor)
    assert left.top() == right.top()
    return left.x(), right.x(), left.top()


def share_of(image, color: QColor, xs: range, y: int) -> float:
    return sum(image.pixelColor(QPoint(x, y)) == color for x in xs) / len(xs)


def test_a_label_in_an_astral_article_is_shaded_exactly_under_its_characters(open_window, qtbot):
    window = open_window()
    article = open_by_source(window, "900_")  # 𠀀😀 before it: Qt positions differ from ours
    start = article.text.index("马兴瑞")
    window.editor.label("OFFICIAL", start, start + 3)
    window.view.select_range(0, 0)  # no selection drawn over it
    window.emphasised = frozenset()
    window.selected_span_id = None
    window._paint()
    qtbot.wait(10)
    image = window.view.viewport().grab().toImage()
    left, right, top = x_range(window.view, article.text, start, start + 3)
    shade = blend(window.store.schema.get("OFFICIAL").color, 0.35)
    row = top + 1  # above the glyphs, inside the line
    assert share_of(image, shade, range(left + 1, right - 1), row) > 0.9
    assert share_of(image, shade, range(right + 2, right + 12), row) == 0  # 报道 is not shaded
    assert share_of(image, shade, range(max(0, left - 12), left - 2), row) == 0


def test_hundreds_of_labels_make_no_extra_selections(open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    text = article.text
    starts = [i for i in range(0, len(text) - 2, 7) if "\n" not in text[i : i + 2] and text[i].strip()]
    for start in starts[:150]:
        window.store.add_span(article.id, "alice", "PLACE", start, start + 2)
    window.editor.reload()
    assert len(window.view.paint.spans) >= 150
    assert window.view.extraSelections() == []  # the slow path QTextLayout redraws per selection
    assert window.view.highlight_count() >= 150


def test_gold_in_the_review_lanes_is_shaded_under_its_characters_without_extra_selections(qtbot):
    from annotator.gui.review_lanes import LanesView
    from annotator.model import GOLD, Span
    from annotator.resources import default_schema

    text = "𠀀王伟中在😀成都\n会见了黄强。\n分享到微信"
    schema = default_schema()
    view = LanesView(schema)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.show_text(text, ["alice", "bob"])
    gold = [Span("a", GOLD, "PLACE", 6, 8, "成都", id=1), Span("a", GOLD, "OFFICIAL", 12, 14, "黄强", id=2)]
    view.set_review([None, None], [], [], gold)
    qtbot.wait(10)
    assert view.extraSelections() == []
    image = view.viewport().grab().toImage()
    for span in gold:
        (left, right, top, _bottom), = view.line_pieces(qt_pos(text, span.start), qt_pos(text, span.end))
        shade = blend(schema.get(span.label).color, 0.35)
        row = int(top) + 1
        assert share_of(image, shade, range(int(left) + 1, int(right) - 1), row) > 0.9, span.text
        assert share_of(image, shade, range(int(right) + 2, int(right) + 10), row) == 0
