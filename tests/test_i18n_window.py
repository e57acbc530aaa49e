"""The windows in Chinese and English (offscreen): the system locale's language at start, a
switch in View ▸ Language that retranslates what is open and is remembered, keys that still
work after the menus were rebuilt."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox  # noqa: E402
from test_gui_support import activate, open_by_source, select_with_keys  # noqa: E402

from annotator.gui import i18n  # noqa: E402
from annotator.gui.cheat_sheet import key_rows  # noqa: E402
from annotator.gui.i18n import CHINESE, ENGLISH, LANGUAGE_KEY, install_language  # noqa: E402
from annotator.model import Article, OffsetMap  # noqa: E402
from annotator.store import Store  # noqa: E402

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("english_afterwards")]
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, db_path, open_window


def system_is(monkeypatch, language: str) -> None:
    monkeypatch.setattr(i18n, "system_language", lambda locale=None: language)


def menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def action_texts(window) -> list[str]:
    return [action.text() for action in window.actions_in_menus]


def tab_titles(window) -> list[str]:
    return [window.tabs.tabText(i) for i in range(4)]  # the record tabs (others may follow)


def choose_language(window, language: str) -> None:
    action = next(a for a in window.language_actions if a.data() == language)
    action.trigger()
    delivered()


def delivered() -> None:
    """Qt posts LanguageChange to each window: the texts change when it is delivered."""
    QApplication.processEvents()


def test_a_chinese_system_opens_the_window_in_chinese(monkeypatch, open_window):
    system_is(monkeypatch, CHINESE)
    window = open_window()
    assert menu_titles(window)[:1] != ["&Article"]
    assert {"文章(&A)", "编辑(&E)", "视图(&V)", "审核(&R)"} <= set(menu_titles(window))
    assert tab_titles(window) == ["官员", "事件", "版面噪声", "片段"]
    assert "将所选文本标注为 官员" in action_texts(window)
    assert "版面噪声：导航栏" in action_texts(window)
    position = window.status.position.text()
    assert "第 " in position and "已完成" in position, position
    assert window.list_panel.model.headerData(0, Qt.Orientation.Horizontal) == "标题"
    assert window.list_panel.status_filter.itemText(0) == "全部"
    assert "导航栏" in window.region_prefix.prompt_text
    assert ("1", "将所选文本标注为 官员") in key_rows(window.actions_in_menus)  # the ? sheet
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.buttons()[0].text() == "取消"  # Qt's own strings: its qtbase translation


def test_an_english_system_opens_it_in_english(monkeypatch, open_window):
    system_is(monkeypatch, ENGLISH)
    window = open_window()
    assert "&Article" in menu_titles(window)
    assert tab_titles(window) == ["Officials", "Events", "Boilerplate", "Spans"]
    assert "Label selection as OFFICIAL" in action_texts(window)
    assert window.status.position.text().startswith("alice  ·  article ")


def test_switching_in_the_menu_retranslates_the_open_window_and_is_remembered(
    monkeypatch, qtbot, open_window
):
    system_is(monkeypatch, ENGLISH)
    window = open_window()
    article = open_by_source(window, "000_")
    window.tabs.setCurrentWidget(window.tabs.spans)
    count = len(window.actions_in_menus)

    choose_language(window, CHINESE)
    assert window.settings.value(LANGUAGE_KEY) == CHINESE
    assert window.tabs.tabText(window.tabs.indexOf(window.guidelines)) == "标注规范"
    assert "文章(&A)" in menu_titles(window) and "&Article" not in menu_titles(window)
    assert len(window.actions_in_menus) == count  # rebuilt, not added twice
    assert tab_titles(window) == ["官员", "事件", "版面噪声", "片段"]
    assert "第 " in window.status.position.text()
    spans = window.tabs.spans.model
    assert spans.headerData(0, Qt.Orientation.Horizontal) == "标签"
    assert next(a for a in window.language_actions if a.data() == CHINESE).isChecked()

    # the keys of the rebuilt menus still work: label a name, see it in Chinese, undo it
    activate(qtbot, window)
    start = article.text.index("马兴瑞")
    select_with_keys(qtbot, window.view, article.text, start, start + 3)
    qtbot.keyClick(window.view, "1")
    mine = window.store.get_annotation_set(article.id, "alice").spans
    assert [(s.label, s.text) for s in mine] == [("OFFICIAL", "马兴瑞")]
    assert window.status.saved.text().startswith("✓ 已保存")
    row = next(r for r in range(spans.rowCount()) if spans.index(r, 1).data() == "马兴瑞")
    assert spans.index(row, 0).data() == "官员"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.store.get_annotation_set(article.id, "alice").spans == ()
    window.close()

    again = open_window()  # the system still says English; the choice wins
    assert "文章(&A)" in menu_titles(again)
    choose_language(again, ENGLISH)
    assert "&Article" in menu_titles(again)
    assert tab_titles(again) == ["Officials", "Events", "Boilerplate", "Spans"]
    assert again.tabs.spans.model.headerData(0, Qt.Orientation.Horizontal) == "Label"
    assert again.settings.value(LANGUAGE_KEY) == ENGLISH


def test_the_original_text_mode_and_the_find_count_follow_a_switch(monkeypatch, qtbot, open_window):
    system_is(monkeypatch, ENGLISH)
    window = open_window()
    open_by_source(window, "000_")
    window.toggle_original()
    window._open_find()
    window.find_box.setText("马兴瑞")
    window.find_step(1)
    assert window.status.mode.text() == "original page text (read-only)"
    assert window.find_count.text().startswith("1 of ")
    choose_language(window, CHINESE)
    assert window.status.mode.text() == "网页原文（只读）"
    assert window.find_count.text().startswith("1/")  # the place in the matches kept
    assert window.original_action.isChecked()  # the rebuilt action keeps its state


TEXT = "王伟中在成都\n会见了黄强。"
ARTICLE = "b" * 16


@pytest.fixture
def review_window(qtbot):
    from annotator.gui.review_window import ReviewWindow

    with Store.open(memory=True) as store:
        store.add_articles([Article(ARTICLE, "x.txt", TEXT, TEXT, OffsetMap.identity(len(TEXT)))])
        store.add_span(ARTICLE, "alice", "OFFICIAL", 0, 3)
        store.add_span(ARTICLE, "bob", "ORG", 0, 3)
        window = ReviewWindow(store)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.corpus is not None)
        yield window
        window.close()


def test_the_review_window_follows_a_switch(review_window, qtbot):
    window = review_window
    assert "&Disagreement" in menu_titles(window)
    assert "(entities, characters 0–3)" in window.disagreement_label.text()
    assert "entities" in window.figures_article.numbers.text()
    install_language(CHINESE)
    delivered()
    assert "（实体，字符 0–3）" in window.disagreement_label.text()
    assert "实体" in window.figures_article.numbers.text()
    assert "版面噪声" in window.figures_article.numbers.text()
    assert "分歧(&D)" in menu_titles(window)
    assert "已裁定" in window.progress_label.text()
    assert "第 1 / 1 处分歧" in window.disagreement_label.text()
    assert "官员" in window.disagreement_label.text() and "机构" in window.disagreement_label.text()
    assert window.figures_corpus.title.text().startswith("<b>全部语料</b>")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, "1")  # the rebuilt actions keep their keys: take alice's version
    gold = window.store.get_annotation_set(ARTICLE, "gold").spans
    assert [(s.label, s.text) for s in gold] == [("OFFICIAL", "王伟中")]
    install_language(ENGLISH)
    delivered()
    assert "&Disagreement" in menu_titles(window)
    assert window.progress_label.text().strip().startswith("Adjudicated:")


def test_a_closed_window_whose_database_is_gone_waits_instead_of_reading_it(open_window):
    """A language switch reaches every window still alive; a closed one must not read its
    (closed) database then, only if it is shown again."""
    window = open_window()
    window.close()
    window.store.close()
    install_language(CHINESE)
    delivered()  # pytest-qt fails the test on an exception inside the event loop
    assert "&Article" in menu_titles(window)


def test_a_search_typed_just_before_closing_does_not_run_on_the_closed_database(qtbot, open_window):
    """Sibling of the above: the search waits 250 ms after a key; closing the window within
    them left the query to run on the closed database."""
    window = open_window()
    qtbot.keyClicks(window.list_panel.search, "1n")
    window.close()
    window.store.close()
    qtbot.wait(400)  # pytest-qt fails the test on an exception inside the event loop


def test_annotator_review_opens_in_the_language_chosen_in_the_main_window(settings_dir, tmp_path):
    """`annotator review` makes its own window: it reads the same remembered choice."""
    from annotator.gui.app import app_settings
    from annotator.gui.i18n import current_language
    from annotator.gui.review_window import run_review_window

    app_settings().setValue(LANGUAGE_KEY, CHINESE)
    db = tmp_path / "review.db"
    with Store.open(db) as store:
        store.add_articles([Article(ARTICLE, "x.txt", TEXT, TEXT, OffsetMap.identity(len(TEXT)))])
        store.add_span(ARTICLE, "alice", "OFFICIAL", 0, 3)
        store.add_span(ARTICLE, "bob", "ORG", 0, 3)
    assert run_review_window(db, None, screenshot=tmp_path / "review.png") == 0
    assert current_language() == CHINESE


@pytest.mark.parametrize(
    ("spans", "agreed", "officials", "events"),
    [((0,), (), (), ()), ((0, 1), (("ORG", 0, 3),), (), (2,)), ((), (("ORG", 0, 3),) * 2, (1,), ())],
)
def test_what_keeps_an_article_open_is_said_in_the_window_s_language(
    review_window, spans, agreed, officials, events
):
    """English word for word as the core says it (`OpenDisagreements.describe`); Chinese
    without an English word left."""
    from annotator.review.adjudication import OpenDisagreements

    still = OpenDisagreements(spans, agreed, officials, events)
    assert review_window.describe_open(still) == still.describe()
    install_language(CHINESE)
    chinese = review_window.describe_open(still)
    assert not re.search(r"[A-Za-z]{2,}", chinese.replace("Shift+A", "")), chinese
    for count in (len(spans), len(officials), len(events), len(agreed)):
        assert not count or f"{count} " in chinese, (count, chinese)


def test_the_articles_left_out_of_the_corpus_figures_are_named_in_the_window_s_language(qapp):
    from annotator.gui.review_figures import excluded_text
    from annotator.review.agreement import CorpusAgreement

    result = CorpusAgreement(("alice", "bob"), 3, {}, (), excluded={"skipped": 2, "untouched": 1})
    assert excluded_text(result) == result.excluded_summary()
    install_language(CHINESE)
    assert excluded_text(result) == "2 篇被标注员跳过，1 篇无人标注也无人完成"


def test_the_review_records_name_event_types_in_the_window_s_language(qtbot):
    from annotator.gui.review_window import ReviewWindow
    from annotator.model import Event

    with Store.open(memory=True) as store:
        store.add_articles([Article(ARTICLE, "x.txt", TEXT, TEXT, OffsetMap.identity(len(TEXT)))])
        for name in ("alice", "bob"):
            store.add_span(ARTICLE, name, "OFFICIAL", 0, 3)
        store.save_event(Event(ARTICLE, "alice", "考察调研", place="成都"))
        window = ReviewWindow(store)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.corpus is not None)
        texts = [window.records_view.item(r, 0).text() for r in range(window.records_view.rowCount())]
        assert any("Event inspection, fact-finding tour" in t for t in texts), texts
        install_language(CHINESE)
        delivered()
        texts = [window.records_view.item(r, 0).text() for r in range(window.records_view.rowCount())]
        assert any("事件 考察/视察/调研" in t for t in texts), texts
        window.close()
