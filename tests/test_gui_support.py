"""Fixtures shared by the GUI tests (imported by name from tests/test_gui_*.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QPlainTextEdit  # noqa: E402

from annotator.gui.app import app_settings  # noqa: E402
from annotator.gui.i18n import ENGLISH, LANGUAGE_KEY, install_language  # noqa: E402
from annotator.importing import import_paths  # noqa: E402
from annotator.model import Article, OffsetMap, article_id_for  # noqa: E402
from annotator.resources import seeds_dir  # noqa: E402
from annotator.store import Store  # noqa: E402

ASTRAL_TEXT = "𠀀😀 石榴云讯 记者马兴瑞报道。\n第二行：楼阳生参加活动。\n"
HTML_TEXT = '<img src="http://example.invalid/x.png"><b>粗体</b> 马兴瑞'


def make_article(text: str, source: str, title: str | None = None) -> Article:
    return Article(
        id=article_id_for(text.encode("utf-8")),
        source=source,
        raw_text=text,
        text=text,
        offset_map=OffsetMap.identity(len(text)),
        title=title,
        outlet="测试",
        published="2024-09-04",
    )


def qt_pos(text: str, index: int) -> int:
    """The UTF-16 position of code point `index`, computed independently of annotator.gui."""
    return len(text[:index].encode("utf-16-le")) // 2


def select_with_keys(qtbot, view: QPlainTextEdit, text: str, start: int, end: int) -> None:
    """Put the cursor at `start` and extend it with Shift+Right, as a person would."""
    from PySide6.QtCore import Qt

    cursor = view.textCursor()
    cursor.setPosition(qt_pos(text, start))
    view.setTextCursor(cursor)
    view.setFocus()
    for _ in range(end - start):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.textCursor().selectionEnd() == qt_pos(text, end)


@pytest.fixture
def settings_dir(tmp_path: Path) -> Iterator[Path]:
    """QSettings of the window go to a temp dir, never the real user's."""
    where = tmp_path / "settings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(where))
    yield where


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "annotator.db"
    with Store.open(path) as store:
        result = import_paths(store, [seeds_dir()])
        assert result.imported == 5, result
        store.add_articles(
            [
                make_article(ASTRAL_TEXT, "900_astral.txt", "星外字符测试"),
                make_article(HTML_TEXT, "901_html.txt", "HTML 测试"),
            ]
        )
    return path


@pytest.fixture
def open_window(qtbot, settings_dir: Path, db_path: Path) -> Iterator[Callable[..., object]]:
    """Open a main window (on its own Store) like `annotator gui` does; closed at the end."""
    from annotator.gui.app import app_settings
    from annotator.gui.main_window import MainWindow

    stores: list[Store] = []
    windows: list[MainWindow] = []

    def opener(annotator: str = "alice", path: Path | None = None) -> MainWindow:
        store = Store.open(path or db_path)
        stores.append(store)
        window = MainWindow(store, annotator, app_settings())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        activate(qtbot, window)
        windows.append(window)
        return window

    yield opener
    for window in windows:
        window.close()
    for store in stores:
        store.close()


def activate(qtbot, window) -> None:
    """Shortcuts only fire in the active window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def open_by_source(window, prefix: str) -> Article:
    """Choose the article whose source starts with `prefix` through the list, as a click would."""
    store = window.store
    article_id = next(
        i for i in store.article_ids() if store.get_article(i).source.startswith(prefix)
    )
    window.list_panel.search.clear()
    window.list_panel.apply_filter()
    assert window.list_panel.select(article_id)
    assert window.editor.article.id == article_id
    return window.editor.article


def cursor_at(view: QPlainTextEdit, text: str, index: int) -> None:
    cursor = view.textCursor()
    cursor.setPosition(qt_pos(text, index), QTextCursor.MoveMode.MoveAnchor)
    view.setTextCursor(cursor)
    view.setFocus()


@pytest.fixture
def english_afterwards(qapp) -> Iterator[None]:
    """For a test that changes the interface language (use it with `usefixtures`): the
    translator is the application's and QSettings' path process-wide, so both are left English
    for the tests that follow."""
    yield
    install_language(ENGLISH)
    app_settings().remove(LANGUAGE_KEY)
