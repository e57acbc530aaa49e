"""The annotator's window shows the batch `assign` handed out and how much of it is left."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from test_teams import assign, lead_db, template_db  # noqa: E402, F401
from test_window_keys import answer_question  # noqa: E402

from annotator.store import Store  # noqa: E402

pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir
pytestmark = pytest.mark.gui


def test_the_window_shows_the_batch_and_what_is_left(lead_db, tmp_path, capsys, qtbot, settings_dir):  # noqa: F811
    from annotator.gui.app import app_settings
    from annotator.gui.main_window import MainWindow

    team = tmp_path / "team"
    assign(capsys, lead_db, team, "--batch", "30", "--overlap", "0")
    with Store.open(team / "amy.db") as store:
        total = store.count_articles()
    store = Store.open(team / "amy.db")
    window = MainWindow(store, "amy", app_settings())
    qtbot.addWidget(window)
    window.show()
    assert f"batch: {total} of {total} left" in window.status.position.text()
    answer_question(qtbot, button="Mark done")  # the article still has pending suggestions
    window.done_and_next()
    assert f"batch: {total - 1} of {total} left" in window.status.position.text()
    window.close()
    store.close()
