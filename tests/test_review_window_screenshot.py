"""The README's picture of the review window, made reproducibly: alice and bob label the seeds
(the scripted annotators of the reviewing tests), the reviewer accepts the agreed spans of the
worst article and settles its first few disagreements with the keys, and the window is grabbed.

    REVIEW_SCREENSHOT=resources/screenshots/review.png \\
        xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/pytest -m slow tests/test_review_window_screenshot.py

Without REVIEW_SCREENSHOT the picture goes to a temporary folder and is only checked for size.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from review_helpers.scripted import ANNOTATORS, label_seeds, seeded_store

from annotator.gui.review_window import ReviewWindow
from annotator.review.merge import merge_database
from annotator.store import Store

pytestmark = pytest.mark.gui

SIZE = (1600, 1000)


@pytest.mark.slow
def test_screenshot_of_a_review_in_progress(qtbot, tmp_path):
    reviewer = tmp_path / "reviewer.db"
    with Store.open(reviewer) as target:
        for name in ANNOTATORS:
            with seeded_store(tmp_path / f"{name}.db") as store:
                label_seeds(store, name)
                merge_database(target, store)
    window = ReviewWindow(Store.open(reviewer), owns_store=True)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    with qtbot.waitSignal(window.corpus_measured, timeout=20000):
        window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    # actions, not key clicks: under Xvfb without a window manager the window is never active,
    # so its shortcuts do not fire (the keys are tested offscreen in test_review_window.py)
    window.agreed_action.trigger()
    for lane in (0, 1, 0):
        window.take_actions[lane].trigger()
    qtbot.wait(200)
    target = Path(os.environ.get("REVIEW_SCREENSHOT") or tmp_path / "review.png")
    assert window.grab().save(str(target))
    image = QImage(str(target))
    assert (image.width(), image.height()) == SIZE
