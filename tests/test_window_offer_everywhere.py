"""Label every occurrence from the window: O offers here, O again offers in every article."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from test_gui_support import open_by_source, select_with_keys  # noqa: E402

from annotator.model import AUTO  # noqa: E402
from annotator.services.suggestions import pending_suggestions  # noqa: E402

pytestmark = pytest.mark.gui
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, db_path, open_window


def same_string(store, article_id: str) -> list[int]:
    mine = store.get_annotation_set(article_id, "alice")
    auto = store.get_annotation_set(article_id, AUTO)
    pending = pending_suggestions(mine, auto, store.rejected(article_id, "alice"))
    return [s.start for s in pending if s.rule == "same-string" and s.text == "马兴瑞"]


def occurrences(text: str, needle: str = "马兴瑞") -> list[int]:
    return [i for i in range(len(text)) if text.startswith(needle, i)]


def test_o_twice_offers_the_label_in_every_article_as_suggestions(qtbot, open_window):
    window = open_window()
    store = window.store
    holding = [i for i in store.article_ids() if "马兴瑞" in store.article_text(i)]
    assert len(holding) >= 3  # two seeds and the astral article
    article = open_by_source(window, "000_")
    first = occurrences(article.text)[0]
    select_with_keys(qtbot, window.view, article.text, first, first + 3)
    qtbot.keyClick(window.view, "1")
    qtbot.keyClick(window.view, "o")  # this article
    assert same_string(store, article.id) == occurrences(article.text)[1:]
    assert all(same_string(store, i) == [] for i in holding if i != article.id)
    assert "every article" in window.status.currentMessage()
    qtbot.keyClick(window.view, "o")  # every article, in the background
    qtbot.waitUntil(lambda: not window._offering, timeout=10_000)
    for article_id in holding:
        expected = occurrences(store.article_text(article_id))
        if article_id == article.id:
            expected = expected[1:]
        assert same_string(store, article_id) == expected
        if article_id != article.id:  # offered, never labelled
            assert store.get_annotation_set(article_id, "alice").spans == ()
    assert f"in {len(holding) - 1} article(s)" in window.status.currentMessage()


def test_o_with_nothing_left_here_goes_straight_to_every_article(qtbot, open_window):
    window = open_window()
    store = window.store
    article = open_by_source(window, "900_")  # 马兴瑞 once, after astral characters
    start = occurrences(article.text)[0]
    select_with_keys(qtbot, window.view, article.text, start, start + 3)
    qtbot.keyClick(window.view, "1")
    qtbot.keyClick(window.view, "o")
    qtbot.waitUntil(lambda: not window._offering, timeout=10_000)
    others = [i for i in store.article_ids() if i != article.id and "马兴瑞" in store.article_text(i)]
    assert others and all(same_string(store, i) for i in others)
    assert same_string(store, article.id) == []  # its one place is the label itself


def test_the_open_article_shows_what_the_background_offer_added(qtbot, open_window):
    window = open_window()
    seed = open_by_source(window, "000_")
    start = occurrences(seed.text)[0]
    window.editor.label("OFFICIAL", start, start + 3)
    window.offer_everywhere(window.editor.aset.spans[0])  # not offered here first
    qtbot.waitUntil(lambda: not window._offering, timeout=10_000)
    shown = [s.start for s in window.editor.pending_suggestions() if s.rule == "same-string"]
    assert shown == occurrences(seed.text)[1:]
    assert len(window.view.paint.suggestions) >= len(shown)  # and painted
