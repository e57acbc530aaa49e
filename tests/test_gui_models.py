"""Qt models called directly (`model.data(index, role)`), and the undo history over the store."""

from __future__ import annotations

from dataclasses import replace

import pytest

pytestmark = pytest.mark.gui
pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from test_gui_support import make_article  # noqa: E402

from annotator.gui.article_list_model import PAGE_SIZE, ArticleListModel  # noqa: E402
from annotator.gui.commands import ArticleHistory  # noqa: E402
from annotator.gui.record_model import Column, RecordModel  # noqa: E402
from annotator.gui.side_tabs import split_titles  # noqa: E402
from annotator.model import Official  # noqa: E402
from annotator.store import SpanRejected, Store  # noqa: E402

DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def store():
    with Store.open(memory=True) as store:
        store.add_articles(
            make_article(f"第{n}篇 马兴瑞参加活动 {n}", f"{n:05d}.txt", f"标题{n}")
            for n in range(450)
        )
        yield store


class CountingStore:
    """The real store, counting the summary queries the model makes."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.pages: list[int] = []

    def article_summaries(self, ids, annotator):
        self.pages.append(len(ids))
        return self.store.article_summaries(ids, annotator)


def test_the_list_model_shows_each_column(store):
    ids = store.article_ids()
    store.add_span(ids[3], "alice", "OFFICIAL", 4, 7)
    store.set_status(ids[3], "alice", "done")
    model = ArticleListModel(store, "alice")
    model.set_ids(ids)
    row = [model.data(model.index(3, c), DISPLAY) for c in range(model.columnCount())]
    assert row == ["标题3", "测试", "2024-09-04", "done", 1]
    assert model.data(model.index(4, 3), DISPLAY) == "todo"
    assert model.data(model.index(4, 0), Qt.ItemDataRole.UserRole) == ids[4]
    assert model.headerData(0, Qt.Orientation.Horizontal, DISPLAY) == "Title"


def test_the_list_model_fetches_one_page_at_a_time_and_caches_it(store):
    counting = CountingStore(store)
    model = ArticleListModel(counting, "alice")  # type: ignore[arg-type]
    model.set_ids(store.article_ids())
    assert model.rowCount() == 450 and counting.pages == []
    for row in range(0, 10):
        model.data(model.index(row, 0), DISPLAY)
    assert counting.pages == [PAGE_SIZE]
    model.data(model.index(449, 0), DISPLAY)
    assert counting.pages == [PAGE_SIZE, 450 - 2 * PAGE_SIZE]


def test_refreshing_a_row_reads_it_again(store):
    ids = store.article_ids()
    model = ArticleListModel(store, "alice")
    model.set_ids(ids)
    assert model.data(model.index(0, 4), DISPLAY) == 0
    store.add_span(ids[0], "alice", "PLACE", 4, 7)
    assert model.data(model.index(0, 4), DISPLAY) == 0  # cached
    model.refresh_row(ids[0])
    assert model.data(model.index(0, 4), DISPLAY) == 1


def official_model(saved: list):
    columns = [
        Column("Name", lambda o: o.name),
        Column(
            "Titles",
            lambda o: "、".join(o.titles),
            update=lambda o, v: replace(o, titles=split_titles(v)),
        ),
    ]
    model = RecordModel(columns, lambda old, new: saved.append((old, new)))
    model.set_records([Official("a", "alice", "马兴瑞", ("书记",), id=1)])
    return model


def test_a_record_model_edit_hands_the_new_record_to_save():
    saved: list = []
    model = official_model(saved)
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(0, 1), "书记、主席")
    assert [new.titles for _old, new in saved] == [("书记", "主席")]


@pytest.mark.parametrize(("column", "value"), [(0, "别人"), (1, "书记")])
def test_a_record_model_refuses_read_only_and_unchanged_cells(column, value):
    saved: list = []
    model = official_model(saved)
    assert not model.setData(model.index(0, column), value)
    assert saved == []


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("省委书记、省长", ("省委书记", "省长")),
        ("书记, 主席；委员", ("书记", "主席", "委员")),
        (" 、 ", ()),
    ],
)
def test_split_titles(text, titles):
    assert split_titles(text) == titles


def spans(store, article_id):
    return [s.text for s in store.get_annotation_set(article_id, "alice").spans]


def test_history_undo_and_redo_follow_the_store_log(store):
    article_id = store.article_ids()[0]
    history = ArticleHistory(store, "alice")
    history.run(article_id, "a", lambda: store.add_span(article_id, "alice", "OFFICIAL", 4, 7))
    history.run(article_id, "b", lambda: store.add_span(article_id, "alice", "PLACE", 0, 3))
    assert history.undo(article_id) == "b"
    assert spans(store, article_id) == ["马兴瑞"]
    assert history.redo(article_id) == "b"
    assert sorted(spans(store, article_id)) == ["第0篇", "马兴瑞"]


def test_after_a_restart_undo_falls_back_to_the_log_and_redo_keeps_the_order(store):
    article_id = store.article_ids()[0]
    store.add_span(article_id, "alice", "DATE", 0, 3)  # an earlier session
    history = ArticleHistory(store, "alice")  # a new session: empty stack
    history.run(article_id, "a", lambda: store.add_span(article_id, "alice", "OFFICIAL", 4, 7))
    assert history.undo(article_id) == "a"
    assert history.undo(article_id) is not None  # from the log
    assert spans(store, article_id) == []
    assert history.redo(article_id) is not None  # the log's command comes back first
    assert spans(store, article_id) == ["第0篇"]
    assert history.redo(article_id) == "a"
    assert sorted(spans(store, article_id)) == ["第0篇", "马兴瑞"]
    assert history.redo(article_id) is None


def test_a_refused_edit_pushes_nothing(store):
    article_id = store.article_ids()[0]
    history = ArticleHistory(store, "alice")
    with pytest.raises(SpanRejected):
        history.run(article_id, "bad", lambda: store.add_span(article_id, "alice", "NOPE", 0, 3))
    assert history.stack(article_id).count() == 0
    assert history.undo(article_id) is None


def test_a_long_session_of_qt_calls_does_not_exhaust_none():
    """PySide6-Essentials 6.12.0 on Python 3.11 drops a reference to None per void call and to
    True per signal emit, and Python aborts after a few thousand: pyproject.toml keeps it out.
    This fails if a Qt release with the same fault is let in."""
    import subprocess
    import sys

    code = (
        "from PySide6.QtCore import QObject, Signal\n"
        "from PySide6.QtGui import QTextCharFormat\n"
        "class P(QObject):\n"
        "    ping = Signal()\n"
        "f, p = QTextCharFormat(), P()\n"
        "for _ in range(50_000): f.setFontWeight(400); p.ping.emit()\n"
        "print('alive')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "alive" in done.stdout, done.stderr


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        ({}, True),
        ({"DISPLAY": ":99"}, False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, False),
        ({"QT_QPA_PLATFORM": "offscreen"}, False),
    ],
)
def test_without_a_display_the_gui_command_says_so(monkeypatch, env, problem):
    from annotator.gui.app import display_problem

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.platform", "linux")
    message = display_problem()
    assert (message is not None) == problem
    if problem:
        assert "xvfb-run" in message
