"""The window links spans to records with one key (L) and shows the links in its tabs."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from test_gui_support import cursor_at, open_by_source  # noqa: E402

from annotator.model import Event  # noqa: E402

pytestmark = pytest.mark.gui
pytest_plugins = ["test_gui_support"]  # fixtures: settings_dir, db_path, open_window

TITLES = "自治区党委书记、兵团党委第一书记、第一政委马兴瑞"  # in the body of the first seed


def column(model, header: str) -> int:
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ]
    return headers.index(header)


def label(window, word: str, name: str, after: int = 0) -> int:
    start = window.editor.article.text.index(word, after)
    window.store.add_span(window.editor.article.id, "alice", name, start, start + len(word))
    return start


def official(window, name: str):
    return next(
        o
        for o in window.store.get_annotation_set(window.editor.article.id, "alice").officials
        if o.name == name
    )


def press_l_at(qtbot, window, pos: int) -> None:
    cursor_at(window.view, window.editor.article.text, pos)
    qtbot.keyClick(window.view, Qt.Key.Key_L)


def test_l_on_a_title_links_it_to_the_official_named_beside_it_and_l_again_unlinks(
    qtbot, open_window
):
    window = open_window()
    article = open_by_source(window, "000_")
    base = article.text.index(TITLES)
    title = label(window, "自治区党委书记", "TITLE", base)
    label(window, "马兴瑞", "OFFICIAL", base)
    label(window, "楼阳生", "OFFICIAL", base)  # the next name in the line is farther away
    window.refresh()
    press_l_at(qtbot, window, title + 1)
    ma = official(window, "马兴瑞")
    spans = window.store.get_annotation_set(article.id, "alice").span_by_id()
    assert [spans[i].text for i in ma.title_spans] == ["自治区党委书记"]
    assert official(window, "楼阳生").title_spans == ()
    window.tabs.setCurrentWidget(window.tabs.officials)
    officials = window.tabs.officials.model
    row = next(r for r in range(officials.rowCount()) if officials.index(r, 0).data() == "马兴瑞")
    assert officials.index(row, column(officials, "Linked")).data() == "自治区党委书记"
    window.tabs.setCurrentWidget(window.tabs.spans)  # no official chosen in a shown tab
    press_l_at(qtbot, window, title + 1)
    assert official(window, "马兴瑞").title_spans == ()
    window.undo()
    assert official(window, "马兴瑞").title_spans == ma.title_spans


def test_the_official_selected_in_its_tab_takes_the_link(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    base = article.text.index(TITLES)
    title = label(window, "兵团党委第一书记", "TITLE", base)
    label(window, "马兴瑞", "OFFICIAL", base)
    label(window, "楼阳生", "OFFICIAL", base)
    window.refresh()
    tab = window.tabs.officials
    window.tabs.setCurrentWidget(tab)
    row = next(r for r in range(tab.model.rowCount()) if tab.model.index(r, 0).data() == "楼阳生")
    tab.table.selectRow(row)
    press_l_at(qtbot, window, title)
    assert official(window, "楼阳生").title_spans and not official(window, "马兴瑞").title_spans


def test_l_on_a_place_links_it_to_the_event_whose_sentence_holds_it(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    sentence = "9月2日下午,河南省·新疆维吾尔自治区及新疆生产建设兵团工作交流座谈会在乌鲁木齐召开。"
    start = label(window, sentence, "EVENT")
    place = label(window, "乌鲁木齐", "PLACE", start)
    aset = window.store.get_annotation_set(article.id, "alice")
    evidence = next(s for s in aset.spans if s.label == "EVENT")
    window.store.save_event(Event(article.id, "alice", "座谈会/会议", evidence=evidence.id))
    window.refresh()
    press_l_at(qtbot, window, place + 1)
    (event,) = window.store.get_annotation_set(article.id, "alice").events
    assert event.place_span is not None
    window.tabs.setCurrentWidget(window.tabs.events)
    events = window.tabs.events.model
    assert events.index(0, column(events, "Linked")).data() == "乌鲁木齐"


def test_l_on_a_label_that_links_nothing_says_so(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    sentence_start = label(window, "9月2日下午", "DATE")
    window.refresh()
    press_l_at(qtbot, window, sentence_start + 1)
    assert "no event in this line" in window.status.currentMessage()
    assert window.store.get_annotation_set(article.id, "alice").events == ()


def test_selecting_an_event_highlights_its_evidence_and_linked_spans(qtbot, open_window):
    window = open_window()
    article = open_by_source(window, "000_")
    sentence = "9月2日下午,河南省·新疆维吾尔自治区及新疆生产建设兵团工作交流座谈会在乌鲁木齐召开。"
    start = label(window, sentence, "EVENT")
    label(window, "乌鲁木齐", "PLACE", start)
    aset = window.store.get_annotation_set(article.id, "alice")
    evidence = next(s for s in aset.spans if s.label == "EVENT")
    place = next(s for s in aset.spans if s.label == "PLACE" and s.start > start)
    window.store.save_event(
        Event(article.id, "alice", "座谈会/会议", evidence=evidence.id, place_span=place.id)
    )
    window.refresh()
    tab = window.tabs.events
    window.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)
    assert window.view.paint.emphasised == frozenset({evidence.id, place.id})
