"""The Guidelines tab (issue 14): Ctrl+G opens it on the label at the cursor; the schema's
definition and examples in the window's language; edits saved at once, per database, and
never lost (label switch, window close, someone else's save in between)."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from test_gui_support import cursor_at, open_by_source, select_with_keys  # noqa: E402

from annotator.gui.guidelines import schema_text  # noqa: E402
from annotator.store import Store  # noqa: E402

pytestmark = pytest.mark.gui
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, db_path, open_window


def type_into(qtbot, panel, text: str) -> None:
    """Replace the box's text as typing would (QTest cannot type Chinese characters)."""
    panel.text.setFocus()
    panel.text.selectAll()
    panel.text.insertPlainText(text)


def test_ctrl_g_opens_the_guidelines_of_the_label_at_the_cursor(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    start = article.text.index("马兴瑞")
    select_with_keys(qtbot, window.view, article.text, start, start + 3)
    qtbot.keyClick(window.view, Qt.Key.Key_2)  # TITLE
    cursor_at(window.view, article.text, start + 1)
    qtbot.keyClick(window.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    panel = window.guidelines
    assert window.tabs.currentWidget() is panel
    assert panel.labels.currentData() == "TITLE"
    shown = panel.text.toPlainText()
    assert shown == schema_text(window.store.schema.get("TITLE"), "en")
    assert "【自治区党委书记】" in shown and "Examples:" in shown


def test_the_schema_text_follows_the_window_language(qtbot, open_window):
    window = open_window()
    window.switch_language("zh_CN")
    label = window.store.schema.get(window.guidelines.labels.currentData())
    qtbot.waitUntil(lambda: window.guidelines.text.toPlainText() == schema_text(label, "zh"))
    assert "官员的姓名" in window.guidelines.text.toPlainText()
    assert window.guidelines.labels.currentText().startswith("官员")


def test_an_edit_is_saved_on_label_switch_and_on_close_and_read_by_others(
    qtbot, open_window, db_path
):
    window = open_window()
    panel = window.guidelines
    panel.show_label("ORG")
    window.tabs.setCurrentWidget(panel)
    type_into(qtbot, panel, "只标全称。")
    panel.show_label("PLACE")  # switching saves at once, no waiting for the timer
    with Store.open(db_path) as other:
        assert other.guidelines() == {"ORG": "只标全称。"}
    type_into(qtbot, panel, "地名规则")
    window.close()  # closing saves what is still being typed
    with Store.open(db_path) as other:
        assert other.guidelines() == {"ORG": "只标全称。", "PLACE": "地名规则"}
    again = open_window()
    again.guidelines.show_label("ORG")
    assert again.guidelines.text.toPlainText() == "只标全称。"
    assert again.guidelines.reset.isEnabled()


def test_typing_saves_by_itself_after_a_pause(qtbot, open_window, db_path):
    window = open_window()
    panel = window.guidelines
    window.tabs.setCurrentWidget(panel)
    panel.show_label("DATE")
    type_into(qtbot, panel, "日期规则")
    with Store.open(db_path) as other:
        qtbot.waitUntil(lambda: other.guidelines().get("DATE") == "日期规则", timeout=3000)


def test_someone_elses_save_in_between_is_kept_with_mine(qtbot, open_window, db_path):
    window = open_window()
    panel = window.guidelines
    window.tabs.setCurrentWidget(panel)
    panel.show_label("ORG")
    type_into(qtbot, panel, "我的规则")
    with Store.open(db_path) as other:
        other.save_guidelines("ORG", "别人的规则", expected=None, by="bob")
    panel.flush()
    with Store.open(db_path) as other:
        stored = other.guidelines()["ORG"]
    assert stored.startswith("别人的规则") and stored.endswith("我的规则")
    assert panel.text.toPlainText() == stored
    assert "someone else" in window.statusBar().currentMessage()


def test_back_to_the_schema_forgets_the_edit_but_keeps_it_in_history(qtbot, open_window, db_path):
    window = open_window()
    panel = window.guidelines
    window.tabs.setCurrentWidget(panel)
    panel.show_label("ORG")
    type_into(qtbot, panel, "临时规则")
    panel.flush()
    qtbot.mouseClick(panel.reset, Qt.MouseButton.LeftButton)
    assert panel.text.toPlainText() == schema_text(window.store.schema.get("ORG"), "en")
    assert not panel.reset.isEnabled()
    with Store.open(db_path) as other:
        assert other.guidelines() == {}
        assert [h["text"] for h in other.guidelines_history()] == ["临时规则"]


def test_the_review_window_opens_the_same_guidelines_on_the_disagreement_label(
    qtbot, tmp_path
):
    from test_review_keys import make_window, put_short

    with Store.open(tmp_path / "review.db") as store:
        put_short(store, "a1")  # 成都: alice PLACE, bob ORG
        store.save_guidelines("PLACE", "团队规则：地名写全称", expected=None, by="lead")
        window = make_window(qtbot, store, ["alice", "bob"])
        qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
        dock = window.guidelines_dock
        assert dock is not None and dock.isVisible()
        panel = dock.widget()
        assert panel.labels.currentData() == "PLACE"  # the first version's label
        assert panel.text.toPlainText() == "团队规则：地名写全称"
        assert dock.windowTitle() == "Guidelines"
