"""A first start on a small screen (a 1280×720 laptop): the main and review windows open no
larger than the screen's free area, so no pane, tab or status bar lies beyond its edge. (Under
Xvfb, which has no window manager to clamp it, the 1600×950 default was cut at 1280×720.)"""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSize  # noqa: E402

from annotator.gui import screen_fit  # noqa: E402
from annotator.gui.review_window import ReviewWindow  # noqa: E402
from annotator.store import Store  # noqa: E402

pytestmark = pytest.mark.gui
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, db_path, open_window


LAPTOP = QSize(1280, 720)


@pytest.fixture(autouse=True)
def laptop_screen(monkeypatch) -> None:
    """The offscreen platform's screen is 800×800; the windows see a laptop's."""
    monkeypatch.setattr(screen_fit, "free_area", lambda window: LAPTOP)


def fits(window) -> bool:
    return window.width() <= LAPTOP.width() and window.height() <= LAPTOP.height()


def test_the_main_window_opens_within_the_screen(open_window):
    window = open_window()
    assert fits(window), window.size()
    assert window.width() >= 600  # still a usable window, not a minimum


def test_the_review_window_opens_within_the_screen(qtbot, db_path):
    store = Store.open(db_path)
    article = store.get_article(store.article_ids()[0])
    start = next(i for i, c in enumerate(article.text) if not c.isspace())
    for name in ("alice", "bob"):  # two annotators to compare
        store.add_span(article.id, name, "ORG", start, start + 2)
    window = ReviewWindow(store, owns_store=True)
    qtbot.addWidget(window)
    window.show()
    assert fits(window), window.size()
