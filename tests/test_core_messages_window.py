"""The core's errors in the window's language: a locked database, a refused page and a span the
store refuses read in Chinese in the Chinese interface, with their values (paths, line numbers,
labels) as they are, and in English in the English one; the catalogue lupdate reads lists every
template the core writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from core_message_scan import core_templates  # noqa: E402
from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from test_gui_support import activate, open_by_source, select_with_keys  # noqa: E402
from test_window_transfer import accept_with, wait_for_summary  # noqa: E402

from annotator.gui import core_messages, transfer  # noqa: E402
from annotator.gui.app import app_settings  # noqa: E402
from annotator.gui.core_messages import shown  # noqa: E402
from annotator.gui.i18n import CHINESE, ENGLISH, set_language  # noqa: E402
from annotator.gui.main_window import MainWindow  # noqa: E402
from annotator.messages import Message  # noqa: E402
from annotator.store import Store  # noqa: E402
from annotator.store.errors import SpanRejected  # noqa: E402

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("english_afterwards")]
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, db_path, open_window


def in_language(language: str) -> None:
    """Chosen in the menu before: a window opened now starts in it."""
    set_language(app_settings(), language)
    QCoreApplication.processEvents()


def listed_templates() -> set[str]:
    source = Path(core_messages.__file__).read_text(encoding="utf-8")
    tree = __import__("ast").parse(source)
    return {
        node.args[1].value for node in __import__("ast").walk(tree)
        if getattr(getattr(node, "func", None), "id", None) == "QT_TRANSLATE_NOOP"
    }


def test_the_catalogue_lists_exactly_the_templates_the_core_writes():
    written = core_templates()
    listed = listed_templates()
    assert not set(written) - listed, "add to annotator/gui/core_messages.py: " + "; ".join(
        f"{written[t]}: {t!r}" for t in sorted(set(written) - listed))
    assert not listed - set(written), f"no longer written by the core: {sorted(listed - set(written))}"


def test_unknown_messages_and_other_errors_stay_as_they_are():
    in_language(CHINESE)
    assert shown(Message("{where}: a reason nobody listed", where="x.db")) == "x.db: a reason nobody listed"
    assert shown(ValueError("from SQLite")) == "from SQLite"
    assert shown(Message("holds no page")) == "不含任何网页"


def test_a_reason_inside_a_reason_is_translated_too():
    in_language(CHINESE)
    inner = SpanRejected("a {label} span must cover more than white space", label="PERSON")
    outer = Message("{where}: {error}", where="页.txt", error=inner)
    assert shown(outer) == "页.txt：PERSON 标注不能只包含空白字符"


@pytest.mark.parametrize("language, expected", [
    (CHINESE, "{db} 被另一个程序锁定（已等待 0.2 秒）；请关闭该程序或稍后重试"),
    (ENGLISH, "{db} is locked by another program (waited 0.2 s); close the other program or try again"),
])
def test_a_locked_database_is_reported_in_the_windows_language(
    qtbot, settings_dir, db_path, language, expected
):
    in_language(language)
    store = Store.open(db_path, busy_timeout=0.2)
    window = MainWindow(store, "alice", app_settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    activate(qtbot, window)
    article = open_by_source(window, "900_astral")
    start = article.text.index("马兴瑞")
    select_with_keys(qtbot, window.view, article.text, start, start + 3)
    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        qtbot.keyClick(window.view, Qt.Key.Key_1)  # label the selection: the store must write
        message = window.status.currentMessage()
        spans = window.store.get_annotation_set(article.id, "alice").spans  # reading still works
    finally:
        holder.rollback()
        holder.close()
        window.close()
        store.close()
    assert message == "⚠ " + expected.format(db=db_path), message
    assert not [s for s in spans if s.start == start and s.author == "alice"]


@pytest.mark.parametrize("language, empty, line", [
    (CHINESE, "空文件（0 字节）", "第 2 行：应为含 `text` 或 `html` 的对象"),
    (ENGLISH, "empty file (0 bytes)", "line 2: expected an object with `text` or `html`"),
])
def test_refused_pages_are_reported_in_the_windows_language(
    qtbot, open_window, tmp_path, monkeypatch, language, empty, line
):
    in_language(language)
    window = open_window()
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "lines.jsonl").write_text('{"text": "马兴瑞出席。"}\n[1, 2]\n', encoding="utf-8")
    accept_with(monkeypatch, transfer.ImportDialog, lambda dialog: dialog.jobs.setValue(1))
    summary = wait_for_summary(qtbot, window.import_pages([str(folder)]))
    assert sorted(summary.details) == sorted([
        f"{folder / 'empty.txt'}: {empty}",
        f"{folder / 'lines.jsonl'}: {line}",
    ])


@pytest.mark.parametrize("language, expected", [
    (CHINESE, "⚠ ORG 标注不能只包含空白字符"),
    (ENGLISH, "⚠ a ORG span must cover more than white space"),
])
def test_a_span_the_store_refuses_is_reported_in_the_windows_language(
    open_window, language, expected
):
    in_language(language)
    window = open_window()
    article = open_by_source(window, "900_astral")
    blank = article.text.index(" ")
    window._guarded(lambda: window.store.add_span(article.id, "alice", "ORG", blank, blank + 1))
    assert window.status.currentMessage() == expected


def test_one_word_per_status_in_the_list_and_the_undo_steps(qtbot, open_window):
    """The list's Status column and the editor's undo step name a status by one function."""
    from annotator.gui.i18n import status_shown
    from annotator.model import STATUSES

    in_language(CHINESE)
    words = {status: status_shown(status) for status in STATUSES}
    assert words == {"todo": "待标注", "in_progress": "进行中", "done": "已完成", "skipped": "已跳过"}
    window = open_window()
    article = open_by_source(window, "900_astral")
    with qtbot.waitSignal(window.editor.saved) as saved:
        window.editor.set_status("skipped")
    assert words["skipped"] in saved.args[0]
    row = window.list_panel.model.ids().index(article.id)
    cell = window.list_panel.model.index(row, 3).data()
    assert cell.startswith(words["skipped"]), cell
    in_language(ENGLISH)
    assert status_shown("in_progress") == "in progress" and status_shown("odd") == "odd"


@pytest.mark.parametrize("language, expected", [
    (CHINESE, "{path}:2：'植树' 的事件类型 '种树' 本数据库不认识；应为以下之一："),
    (ENGLISH, "{path}:2: '植树' has event type '种树', which this database does not know; one of: "),
])  # fmt: skip
def test_a_refused_user_lexicon_is_reported_in_the_windows_language(tmp_path, language, expected):
    from annotator.resources import default_schema
    from annotator.suggest.lexicons import LexiconError
    from annotator.suggest.user_lexicons import UserLexicons

    in_language(language)
    folder = tmp_path / "news.lexicons"
    folder.mkdir()
    (folder / "event_triggers.txt").write_text("# mine\n植树\t种树\n", encoding="utf-8")
    with pytest.raises(LexiconError) as refused:
        UserLexicons.read(folder, default_schema())
    path = folder / "event_triggers.txt"
    assert shown(refused.value).startswith(expected.format(path=path))
    assert str(refused.value).startswith(f"{path}:2: '植树' has event type '种树'")  # the CLI's


@pytest.mark.parametrize("language, expected", [
    (CHINESE, "'gold' 已保留给裁定后的金标准集；请另选一个名字"),
    (ENGLISH, "'gold' is reserved for the adjudicated set; choose another name"),
])  # fmt: skip
def test_a_data_model_refusal_reads_in_the_windows_language(language, expected):
    from annotator.model import check_article_id, check_person_name

    in_language(language)
    assert shown(check_person_name("Gold")) == expected
    with pytest.raises(ValueError) as refused:
        check_article_id("../x")
    assert shown(refused.value) == (
        "文章编号 '../x' 不是 1 到 64 个小写字母、数字、“_”或“-”"
        if language == CHINESE
        else "article id '../x' is not 1-64 lower-case letters, digits, '_' or '-'"
    )
