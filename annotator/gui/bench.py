"""The window half of `annotator bench gui`: launch, switch and label latency, printed.

The synthetic database is built by `annotator.bench.gui` (no Qt there); this module opens the
real window on it offscreen and times it.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest

from annotator.store import Store


def _load() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:  # not on this platform
        return "unknown"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure_window(
    db: Path,
    *,
    started: float,
    started_cpu: float | None = None,
    annotator: str,
    heavy_articles: int,
    heavy_spans: int,
    labels: int,
) -> None:
    """Open the window on `db` (whose first `heavy_articles` carry `heavy_spans` spans of
    `annotator`) and print launch (from `started`, taken before Qt was imported), switch and
    label latencies."""
    settings_dir = tempfile.mkdtemp(prefix="annotator-bench-settings-")

    from annotator.gui.app import app_settings, application  # Qt loads here: timed
    from annotator.gui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    app = application()
    imported = time.perf_counter()
    store = Store.open(db)
    window = MainWindow(store, annotator, app_settings())
    window.show()
    app.processEvents()
    window.view.viewport().repaint()
    usable = time.perf_counter()
    print(f"articles:            {store.count_articles():,}")
    print(
        f"window (launch):     {(usable - started) * 1000:7.1f} ms  "
        f"(Qt import + app {1000 * (imported - started):.0f} ms, window {1000 * (usable - imported):.0f} ms)"
    )
    if started_cpu is not None:
        print(f"  of which CPU:      {(time.process_time() - started_cpu) * 1000:7.1f} ms  (all threads)")

    heavy_ids = window.list_panel.model.ids()[:heavy_articles]
    switches: list[float] = []
    switch_cpu: list[float] = []  # this thread's CPU time: what a busy machine does not inflate
    for round_ in range(3):
        for article_id in heavy_ids[round_ % 2 :: 1]:
            t, cpu = time.perf_counter(), time.thread_time()
            window.list_panel.select(article_id)
            window.view.viewport().repaint()
            switches.append(time.perf_counter() - t)
            switch_cpu.append(time.thread_time() - cpu)
    painted = window.view.highlight_count()
    print(
        f"switch + paint:      median {statistics.median(switches) * 1000:6.1f} ms, "
        f"p95 {percentile(switches, 0.95) * 1000:6.1f} ms  ({painted} highlights, {len(switches)} switches)"
    )
    print(
        f"  of which CPU:      median {statistics.median(switch_cpu) * 1000:6.1f} ms, "
        f"p95 {percentile(switch_cpu, 0.95) * 1000:6.1f} ms  (the rest is waiting: load {_load()})"
    )

    window.list_panel.select(heavy_ids[0])
    text = window.editor.article.text if window.editor.article else ""
    step = len(text) // heavy_spans
    painted_times: list[float] = []
    committed: list[float] = []
    committed_cpu: list[float] = []
    saved_at: list[tuple[float, float]] = []
    window.editor.saved.connect(
        lambda _description: saved_at.append((time.perf_counter(), time.thread_time()))
    )
    window.activateWindow()
    window.view.setFocus()
    for n in range(min(labels, heavy_spans - 1)):
        start = n * step + 3 + 1  # between two of the 500 spans
        if not text[start : start + 2].strip():
            continue
        window.view.select_range(start, start + 2)
        saved_at.clear()
        t, cpu = time.perf_counter(), time.thread_time()
        QTest.keyClick(window.view, "4")
        window.view.viewport().repaint()
        painted_times.append(time.perf_counter() - t)
        if saved_at:
            committed.append(saved_at[0][0] - t)
            committed_cpu.append(saved_at[0][1] - cpu)
    added = len(window.editor.aset.spans) - heavy_spans
    if committed:
        print(
            f"key -> committed:    median {statistics.median(committed) * 1000:6.1f} ms, "
            f"p95 {percentile(committed, 0.95) * 1000:6.1f} ms  ({added} labels on a "
            f"{heavy_spans}-span article; the store's transaction has returned)"
        )
        print(
            f"  of which CPU:      median {statistics.median(committed_cpu) * 1000:6.1f} ms, "
            f"p95 {percentile(committed_cpu, 0.95) * 1000:6.1f} ms  (the rest: the disk's sync, waiting)"
        )
        print(
            f"key -> painted:      median {statistics.median(painted_times) * 1000:6.1f} ms, "
            f"p95 {percentile(painted_times, 0.95) * 1000:6.1f} ms  (committed, reloaded, repainted)"
        )
    for _ in range(added):  # leave the cached database as it was
        window.editor.undo()
    window.close()
    store.close()
    sys.stdout.flush()
