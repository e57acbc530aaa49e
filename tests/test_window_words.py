"""Selection that fits Chinese: double-click takes the word or name, an option snaps selections."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from test_gui_support import open_by_source, qt_pos  # noqa: E402

from annotator.words import word_at  # noqa: E402

pytestmark = pytest.mark.gui
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, db_path, open_window


def point_of(view, text: str, index: int, *, right_half: bool = False) -> QPoint:
    """The viewport point inside character `index` (its left or right half)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(qt_pos(text, index))
    left = view.cursorRect(cursor)
    cursor.setPosition(qt_pos(text, index + 1))
    right = view.cursorRect(cursor)
    x = (left.x() + right.x()) // 2 + (2 if right_half else -2)
    return QPoint(x, left.center().y())


@pytest.mark.parametrize("right_half", [False, True])
def test_double_click_selects_the_name_in_an_astral_article(qtbot, open_window, right_half):
    window = open_window()
    article = open_by_source(window, "900_")  # 𠀀😀 count twice in Qt: positions must convert
    start = article.text.index("马兴瑞")
    qtbot.mouseDClick(
        window.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=point_of(window.view, article.text, start + 2, right_half=right_half),
    )
    assert window.view.selection_range() == (start, start + 3)
    qtbot.keyClick(window.view, "1")
    spans = window.store.get_annotation_set(article.id, "alice").spans
    assert [(s.text, s.start) for s in spans] == [("马兴瑞", start)]


def test_double_click_takes_a_labelled_name_whole(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    text = article.text
    start = text.index("艾尔肯·吐尼亚孜")
    end = start + len("艾尔肯·吐尼亚孜")
    assert word_at(text, start + 1) != (start, end)  # the segmenter alone cuts it at the dot
    window.editor.label("OFFICIAL", start, end)
    qtbot.mouseDClick(
        window.view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(window.view, text, start + 1)
    )
    assert window.view.selection_range() == (start, end)


def test_the_snap_option_widens_a_dragged_selection_and_is_remembered(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "900_")
    text = article.text
    start = text.index("兴瑞报")

    def drag() -> tuple[int, int]:
        qtbot.wait(QApplication.doubleClickInterval() + 50)  # two presses, not a double-click
        window.view.select_range(0, 0)  # a press inside a selection would start a drag instead
        viewport = window.view.viewport()
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point_of(window.view, text, start))
        qtbot.mouseMove(viewport, point_of(window.view, text, start + 2, right_half=True))
        qtbot.mouseRelease(
            viewport,
            Qt.MouseButton.LeftButton,
            pos=point_of(window.view, text, start + 2, right_half=True),
        )
        return window.view.selection_range()

    assert text[slice(*drag())] == "兴瑞报"  # off by default
    window.snap_action.trigger()
    assert text[slice(*drag())] == "马兴瑞报道"
    window.close()
    again = open_window()
    assert again.snap_action.isChecked() and again.view.snap_words
