"""What opening the store loads. sqlite-utils imports pandas and numpy at its own import when
they are installed (the test extras bring pandas here): about 240 ms of every command's start
and an OpenBLAS thread that spins a core for 0.1 s, for types the store never passes."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

_CHILD = """
import json, sys
import annotator.store
loaded = {name: name in sys.modules for name in ("pandas", "numpy", "sqlite_utils")}
import pandas  # importing it afterwards still works, for whoever needs it
loaded["pandas_after"] = pandas.DataFrame is not None
print(json.dumps(loaded))
"""


@pytest.mark.skipif(importlib.util.find_spec("pandas") is None, reason="pandas is not installed")
def test_opening_the_store_leaves_pandas_and_numpy_unloaded_and_importable() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = json.loads(done.stdout)
    assert loaded == {"pandas": False, "numpy": False, "sqlite_utils": True, "pandas_after": True}


def test_sqlite_utils_still_maps_pandas_types_when_pandas_came_first() -> None:
    """Someone else's pandas, imported before the store: sqlite-utils sees it as usual."""
    pytest.importorskip("pandas")
    child = (
        "import pandas, annotator.store, sqlite_utils.db as d; "
        "print(d.pd is pandas and pandas.Timestamp in d.COLUMN_TYPE_MAPPING)"
    )
    done = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "True"
