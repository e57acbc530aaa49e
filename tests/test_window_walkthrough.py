"""What walking issue 14 through the real window (Xvfb, 1280×720, both languages) turned up."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("pytestqt")

from test_gui_support import open_by_source  # noqa: E402
from test_gui_window import put_suggestions  # noqa: E402
from test_window_keys import answer_question, press_ctrl_enter  # noqa: E402

from annotator.gui.app import app_settings  # noqa: E402
from annotator.gui.i18n import CHINESE, ENGLISH, set_language  # noqa: E402

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("english_afterwards")]
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, db_path, open_window


@pytest.mark.parametrize("language, first_line", [
    (ENGLISH, "2 suggestions are still pending (neither accepted nor rejected); the article has 0 labels."),
    (CHINESE, "还有 2 条建议待处理（既未接受也未拒绝）；本文有 0 个标注。"),
])
def test_the_done_question_reads_as_one_sentence(qtbot, open_window, language, first_line):
    """The pending count and the label count were joined by a bare space: "…rejected) the
    article has 0 labels." """
    set_language(app_settings(), language)
    window = open_window()
    article = open_by_source(window, "000_")
    put_suggestions(window.store, article.id, [("OFFICIAL", "马兴瑞"), ("PLACE", "乌鲁木齐")])
    window.refresh()
    shown = answer_question(qtbot, button="Cancel" if language == ENGLISH else "取消")
    press_ctrl_enter(qtbot, window)
    assert shown and re.sub("<[^>]+>", "", shown[0]).split("\n")[0] == first_line, shown


def test_the_keys_sheet_names_each_key_once(open_window):
    """Ctrl+Return and Ctrl+Enter are both "Ctrl+回车" in Chinese: the sheet said it twice."""
    from annotator.gui.cheat_sheet import key_rows

    set_language(app_settings(), CHINESE)
    window = open_window()
    rows = dict((text, keys) for keys, text in key_rows(window.actions_in_menus))
    assert rows["标为完成并转到下一篇待标注"] == "Ctrl+回车"
    for keys in rows.values():
        shown = keys.split(" 或 ")
        assert len(shown) == len(set(shown)), keys
