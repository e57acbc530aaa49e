"""The Events tab shows an event's modality and edits it from the closed list."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from annotator.model import EVENT_MODALITIES  # noqa: E402

pytestmark = pytest.mark.gui
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, db_path, open_window


def _column(model, header: str) -> int:
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ]
    return headers.index(header)


def test_the_events_tab_shows_and_edits_the_modality(qtbot, open_window) -> None:
    window = open_window()
    window.editor.add_event()
    events = window.tabs.events
    window.tabs.setCurrentWidget(events)
    column = _column(events.model, "Modality")
    cell = events.model.index(0, column)
    assert cell.data(Qt.ItemDataRole.DisplayRole) == ""  # none: it happened
    events.model.setData(cell, "planned", Qt.ItemDataRole.EditRole)
    stored = window.store.get_annotation_set(window.editor.article.id, "alice").events
    assert [e.modality for e in stored] == ["planned"]
    assert events.model.index(0, column).data(Qt.ItemDataRole.DisplayRole) == "planned"
    delegate = events.table.itemDelegateForColumn(column)
    assert [value for _text, value in delegate._choices()] == [None, *EVENT_MODALITIES]


def test_the_gold_event_dialog_keeps_and_edits_the_modality(qtbot) -> None:
    from annotator.gui.review_edit_dialog import RecordEditDialog
    from annotator.model import EventDraft

    dialog = RecordEditDialog(EventDraft("会见", modality="planned"), ["会见", "会谈"], [])
    qtbot.addWidget(dialog)
    assert dialog.draft().modality == "planned"  # an edit of the date keeps it
    dialog.modality.setCurrentIndex(0)
    assert dialog.draft().modality is None
    dialog.modality.setCurrentIndex(dialog.modality.findData("hoped"))
    assert dialog.draft().modality == "hoped"
