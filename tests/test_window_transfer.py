"""File ▸ Import pages… and File ▸ Export… in the window: the CLI's work and choices, progress
that can cancel (the work done stays), a summary at the end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialog, QPushButton  # noqa: E402

from annotator.gui import transfer  # noqa: E402
from annotator.services.export import ExportRequest  # noqa: E402
from annotator.store import Store  # noqa: E402

pytestmark = pytest.mark.gui
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, db_path, open_window

PAGE = "河南省党政代表团在新疆考察。第{n}篇，马兴瑞出席。\n"


def pages(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"page{n:02}.txt").write_text(PAGE.format(n=n) * 3, encoding="utf-8")
    return folder


def accept_with(monkeypatch, dialog_class, prepare) -> None:
    """The dialog answers itself: `prepare(dialog)` sets the choices, then OK."""

    def exec_(dialog) -> int:
        prepare(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialog_class, "exec", exec_)


def wait_for_summary(qtbot, run) -> transfer.Summary:
    with qtbot.waitSignal(run.ended, timeout=30_000) as ended:
        pass
    return ended.args[0]


def test_import_pages_from_the_window_reports_imported_and_failed_with_reasons(
    qtbot, open_window, tmp_path, monkeypatch
):
    window = open_window()
    before = window.store.count_articles()
    folder = pages(tmp_path / "pages", 2)
    (folder / "big.txt").write_text("大" * 2000, encoding="utf-8")  # 6 KB: over the limit below

    def prepare(dialog) -> None:
        dialog.max_kib.setValue(5)
        dialog.jobs.setValue(1)

    accept_with(monkeypatch, transfer.ImportDialog, prepare)
    run = window.import_pages([str(folder)])
    summary = wait_for_summary(qtbot, run)
    assert summary.headline.startswith("Imported 2, already present 0, failed 1")
    assert "suggestions computed for 2" in summary.headline
    assert len(summary.details) == 1 and "big.txt" in summary.details[0]
    assert window.store.count_articles() == before + 2
    assert len(window.list_panel.model.ids()) == before + 2  # the list shows them
    box = run.summary_box
    assert box is not None and box.text() == summary.headline
    assert "big.txt" in box.detailedText()


def test_a_cancelled_import_keeps_the_batches_stored(tmp_path, monkeypatch):
    import annotator.importing

    monkeypatch.setattr(annotator.importing, "BATCH_SIZE", 1)
    folder = pages(tmp_path / "pages", 5)
    run = transfer.Run()
    calls: list[int] = []

    def progress(done: int, total: int) -> None:
        calls.append(done)
        run.cancel.set()  # Cancel pressed while the first file was reported

    work = transfer.import_work(transfer.ImportChoices((folder,), jobs=1), run, lambda _text: None)
    with Store.open(tmp_path / "a.db") as store:
        headline = work(store, progress)
        kept = store.count_articles()
    assert calls == [1]  # the next file's progress call saw the cancel and stopped the run
    assert 1 <= kept < 5  # every batch stored before it stays
    assert run.summary is not None and run.summary.cancelled
    assert headline.startswith("Cancelled while importing") and f"imported {kept}," in headline


def test_the_progress_dialogs_cancel_button_stops_the_run(qtbot, open_window):
    window = open_window()
    run = transfer.Run()
    job = transfer.BackgroundJob(window.store.path, lambda store, progress: "")
    shown = transfer.TransferProgress(window, "Importing pages…", run, job)
    qtbot.mouseClick(shown.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert run.cancel.is_set()
    with pytest.raises(transfer.Cancelled):
        run.checked(lambda done, total: None)(1, 2)


def test_export_from_the_window_writes_the_clis_format_and_says_how_many(
    qtbot, open_window, tmp_path, monkeypatch
):
    window = open_window()
    window.editor.label("OFFICIAL", 0, 2)
    out = tmp_path / "labels.jsonl"

    def prepare(dialog) -> None:
        dialog.format.setCurrentText("jsonl")
        dialog.whose.setCurrentIndex(dialog.whose.findData("alice"))
        dialog.out.setText(str(out))

    accept_with(monkeypatch, transfer.ExportDialog, prepare)
    summary = wait_for_summary(qtbot, window.export())
    lines = out.read_text(encoding="utf-8").splitlines()
    assert summary.ok and summary.headline.startswith(f"Exported {len(lines)} records as jsonl")
    assert len(lines) == window.store.count_articles()
    assert sum(len(json.loads(line)["spans"]) for line in lines) == 1


def test_the_export_dialog_offers_only_the_options_the_format_takes(open_window):
    window = open_window()
    dialog = transfer.ExportDialog(window.store, window)
    dialog.out.setText("x.conll")
    dialog.format.setCurrentText("conll")
    assert dialog.flags["tab"].isEnabled() and not dialog.flags["original"].isEnabled()
    dialog.flags["tab"].setChecked(True)
    dialog.format.setCurrentText("jsonl")
    assert not dialog.flags["tab"].isChecked() and dialog.flags["original"].isEnabled()
    assert dialog.request() == ExportRequest(format="jsonl", out=Path("x.conll"))
    dialog.format.setCurrentText("brat")
    dialog.out.clear()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    assert dialog.problem.text()


def test_a_cancelled_export_leaves_the_target_as_it_was(open_window, tmp_path):
    window = open_window()
    out = tmp_path / "labels.jsonl"
    out.write_text("an earlier export\n", encoding="utf-8")
    run = transfer.Run()
    run.cancel.set()
    work = transfer.export_work(ExportRequest(format="jsonl", out=out), run)
    headline = work(window.store, lambda done, total: None)
    assert run.summary is not None and run.summary.cancelled
    assert "nothing was written" in headline
    assert out.read_text(encoding="utf-8") == "an earlier export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("labels")] == ["labels.jsonl"]


def test_the_import_dialog_needs_a_path_and_gives_the_clis_choices(open_window, tmp_path):
    window = open_window()
    dialog = transfer.ImportDialog(window)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing to import yet
    dialog.add_paths([tmp_path / "a", tmp_path / "b", tmp_path / "a"])  # a path once
    assert dialog.paths.count() == 2 and ok.isEnabled()
    dialog.paths.item(0).setSelected(True)
    next(b for b in dialog.findChildren(QPushButton) if b.text() == "Remove").click()
    dialog.suggest.setChecked(False)
    dialog.max_kib.setValue(64)
    dialog.jobs.setValue(1)
    assert dialog.choices() == transfer.ImportChoices(
        (tmp_path / "b",), suggest=False, max_bytes=64 * 1024, jobs=1
    )
    dialog.paths.item(0).setSelected(True)
    next(b for b in dialog.findChildren(QPushButton) if b.text() == "Remove").click()
    assert not ok.isEnabled()
