"""The officials register in a window: search, posts, articles that open, merge/split/undo."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from test_gui_support import settings_dir  # noqa: E402, F401
from test_register import seeded_store  # noqa: E402

from annotator.gui.register_window import RegisterWindow  # noqa: E402
from annotator.store import Store  # noqa: E402
from annotator.suggest.run import suggest_corpus  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def register_window(qtbot, tmp_path):
    path = tmp_path / "reg.db"
    with seeded_store(path):
        pass
    store = Store.open(path)
    window = RegisterWindow(store)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.register_built, timeout=30_000):
        window.show()
    yield window
    window.close()
    window.wait_built()
    store.close()


def listed(window) -> list[str]:
    return [window.persons.item(i).text() for i in range(window.persons.count())]


def choose(window, qtbot, person_id: str) -> None:
    window.show_person(person_id)
    assert window.person is not None and window.person.id == person_id


def test_search_by_name_or_post(register_window):
    register_window.search.setText("马兴瑞")
    assert [t.split()[0] for t in listed(register_window)] == ["马兴瑞"]
    register_window.search.setText("省委书记")
    names = {t.split()[0] for t in listed(register_window)}
    assert {"楼阳生", "王晓晖", "李希"} <= names and "马兴瑞" not in names


def test_a_person_shows_posts_articles_and_events(register_window, qtbot):
    choose(register_window, qtbot, "马兴瑞")
    posts = [register_window.posts.item(r, 0).text() for r in range(register_window.posts.rowCount())]
    assert "自治区党委书记" in posts
    assert register_window.articles.count() == len(register_window.person.articles) >= 3
    assert register_window.events.count() > 0
    assert register_window.timeline.posts  # dated posts drawn


def test_double_clicking_an_article_asks_to_open_it(register_window, qtbot):
    choose(register_window, qtbot, "马兴瑞")
    item = register_window.articles.item(0)
    with qtbot.waitSignal(register_window.article_chosen) as signal:
        register_window.articles.itemDoubleClicked.emit(item)
    assert signal.args == [item.data(Qt.ItemDataRole.UserRole)]


def test_split_then_undo(register_window, qtbot):
    window = register_window
    choose(window, qtbot, "马兴瑞")
    total = len(window.person.articles)
    window.articles.item(0).setSelected(True)
    with qtbot.waitSignal(window.register_built, timeout=30_000):
        window.split_selected()
    both = [p for p in window.register.persons if p.id.split("#")[0] == "马兴瑞"]
    assert sorted(len(p.articles) for p in both) == [1, total - 1]
    with qtbot.waitSignal(window.register_built, timeout=30_000):
        window.undo_last_decision()
    assert len(window.register.find("马兴瑞")) == 1


def test_merge_two_persons(register_window, qtbot):
    window = register_window
    choose(window, qtbot, "马兴瑞")
    with qtbot.waitSignal(window.register_built, timeout=30_000):
        window.merge_with("楼阳生")
    merged = [p for p in window.register.persons if {"马兴瑞", "楼阳生"} <= {p.name, *p.variants}]
    assert len(merged) == 1


def test_the_main_window_opens_the_register_and_its_articles(qtbot, settings_dir, tmp_path):  # noqa: F811
    from annotator.gui.app import app_settings
    from annotator.gui.main_window import MainWindow

    path = tmp_path / "main.db"
    with seeded_store(path) as store:
        suggest_corpus(store)
    store = Store.open(path)
    main = MainWindow(store, "alice", app_settings())
    qtbot.addWidget(main)
    main.show()
    register = main.open_register()
    qtbot.waitUntil(lambda: register.register is not None, timeout=30_000)
    choose(register, qtbot, "马兴瑞")
    wanted = register.articles.item(1).data(Qt.ItemDataRole.UserRole)
    register.articles.itemDoubleClicked.emit(register.articles.item(1))
    assert main.editor.article.id == wanted
    register.close()
    register.wait_built()
    main.close()
    store.close()
