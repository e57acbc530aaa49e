"""What opening the window loads: not the suggestion engine, not the word segmenter (bench
gui's launch < 1.5 s; each is loaded when first used)."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.gui

PROBE = """
import sys
import annotator.gui.app, annotator.gui.main_window
print(sorted(m for m in ("annotator.suggest", "rjieba", "pycrfsuite") if m in sys.modules))
"""


def test_opening_the_window_loads_neither_the_suggestion_engine_nor_the_segmenter():
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "[]"
