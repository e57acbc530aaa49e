"""The `gui` tier is honest: tests/conftest.py stops a run that holds a test needing Qt without
the `gui` marker, so `-m "not gui"` never needs Qt."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CONFTEST = Path(__file__).with_name("conftest.py")
INI = "[pytest]\nmarkers =\n    gui: needs Qt\nqt_api = pyside6\n"
CASES = {
    "fixture": "def test_it(qtbot):\n    pass\n",
    "module import": "from PySide6.QtCore import Qt\n\ndef test_it():\n    assert Qt\n",
    "window import": "from annotator.gui.offsets import Utf16Offsets\n\n"
    "def test_it():\n    assert Utf16Offsets\n",
    "import in the test": "def test_it():\n    from PySide6.QtCore import Qt\n    assert Qt\n",
    "import in a fixture": "@pytest.fixture\ndef view():\n    import annotator.gui.app\n\n"
    "def test_it(view):\n    pass\n",
}


def collect(folder: Path, test_text: str) -> subprocess.CompletedProcess[str]:
    shutil.copy(CONFTEST, folder / "conftest.py")
    (folder / "pytest.ini").write_text(INI, encoding="utf-8")
    (folder / "test_sample.py").write_text("import pytest\n" + test_text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_qt_test_without_the_gui_marker_stops_the_run(tmp_path: Path, case: str) -> None:
    result = collect(tmp_path, CASES[case])
    assert result.returncode != 0
    assert "test_sample.py::test_it" in result.stderr + result.stdout
    assert "lack @pytest.mark.gui" in result.stderr + result.stdout


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_same_test_with_the_marker_is_collected(tmp_path: Path, case: str) -> None:
    result = collect(tmp_path, "pytestmark = pytest.mark.gui\n" + CASES[case])
    assert result.returncode == 0, result.stderr + result.stdout
    assert "1 test collected" in result.stdout
