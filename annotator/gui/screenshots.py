"""Reproducible screenshots of the main window for the README.

    xvfb-run -s "-screen 0 1600x1000x24" python -m annotator.gui.screenshots resources/screenshots

Imports the seeds into a temporary database, computes suggestions, accepts a few (so labels and
pending suggestions both show), and saves `main-000.png`, `main-000-1280x720.png` (a laptop
screen, the find bar open), the same switched to Chinese in View ▸ Language
(`main-000-1280x720-zh_CN.png`) and `main-002-original.png`; notes and flags and the
Guidelines tab at 1280×720 in both languages (`notes-1280x720-*.png`,
`guidelines-1280x720-*.png`); then the review window at
1280×720 in both languages (`review-1280x720-en.png`, `review-1280x720-zh_CN.png`), over the
seeds as two annotators who accepted different suggestions.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings

from annotator.gui.app import app_settings, application
from annotator.gui.i18n import CHINESE, ENGLISH, LANGUAGE_KEY, LANGUAGES, install_language
from annotator.gui.main_window import MainWindow
from annotator.gui.review_window import ReviewWindow
from annotator.importing import import_paths
from annotator.model import AUTO
from annotator.resources import seeds_dir
from annotator.store import Store
from annotator.suggest.run import suggest_corpus

ANNOTATOR = "alice"
SIZE = (1600, 950)
SMALL = (1280, 720)


def seeded_database(folder: Path) -> Path:
    path = folder / "screenshots.db"
    with Store.open(path) as store:
        import_paths(store, [seeds_dir()])
        suggest_corpus(store)
    return path


def open_seed(window: MainWindow, prefix: str) -> None:
    store = window.store
    article_id = next(i for i in store.article_ids() if store.get_article(i).source.startswith(prefix))
    window.list_panel.select(article_id)


def settle(window: MainWindow) -> None:
    app = application()
    for _ in range(5):
        app.processEvents()
    window.view.viewport().repaint()


def take(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="annotator-screenshots-"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work / "settings"))
    app = application()
    app_settings().setValue(LANGUAGE_KEY, ENGLISH)  # the README's pictures, whatever the system's
    with Store.open(seeded_database(work)) as store:
        window = MainWindow(store, ANNOTATOR, app_settings())
        window.resize(*SIZE)
        window.show()
        shots = []

        open_seed(window, "000_")
        pending = window.editor.pending_suggestions()
        officials = [s for s in pending if s.label == "OFFICIAL"][:4]
        regions = [s for s in pending if s.is_region][:3]
        if officials or regions:
            window.editor.accept([*officials, *regions])
        window.tabs.setCurrentWidget(window.tabs.officials)
        if window.tabs.officials.model.rowCount():
            window.tabs.officials.table.selectRow(0)
        settle(window)
        shots.append(out_dir / "main-000.png")
        window.grab().save(str(shots[-1]))

        window.resize(*SMALL)  # a laptop screen: the text keeps half the width
        window.view.setFocus()
        window._open_find()
        window.find_box.setText("马兴瑞")
        window.find_step(1)
        window.tabs.setCurrentWidget(window.tabs.events)
        mentions = window.editor.aset.entity_spans()
        if mentions and not window.editor.aset.events:
            event = window.editor.add_event(evidence=mentions[0])
            people = tuple(o.id for o in window.editor.aset.officials[:2] if o.id is not None)
            window.editor.save_event(replace(event, participants=people, place="乌鲁木齐"))
        settle(window)
        shots.append(out_dir / "main-000-1280x720.png")
        window.grab().save(str(shots[-1]))
        window.switch_language(CHINESE)  # live, as the menu does
        settle(window)
        shots.append(out_dir / f"main-000-1280x720-{CHINESE}.png")
        window.grab().save(str(shots[-1]))
        window.switch_language(ENGLISH)
        settle(window)
        window._close_find()
        window.resize(*SIZE)

        open_seed(window, "002_")
        window.accept_all()
        window.toggle_original()
        window.tabs.setCurrentWidget(window.tabs.spans)
        settle(window)
        shots.append(out_dir / "main-002-original.png")
        window.grab().save(str(shots[-1]))
        window.toggle_original()
        shots += notes_and_guidelines_shots(window, out_dir)
        window.close()
    app.processEvents()
    return shots + review_shots(work, out_dir)


def notes_and_guidelines_shots(window: MainWindow, out_dir: Path) -> list[Path]:
    """At 1280×720 in both languages: seed 000 with an unsure, noted label and article (the
    Spans tab, the list's marker), then the Guidelines tab on TITLE."""
    window.resize(*SMALL)
    open_seed(window, "000_")
    spans = window.editor.aset.entity_spans()
    if spans:
        window.editor.set_span_flags(spans[0], note="全名还是简称？\n请复核职务", unsure=True)
    window.editor.set_article_flags(note="第二段是编辑信息，不是正文", unsure=True)
    shots = []
    for language, _name in LANGUAGES:
        window.switch_language(language)
        window.tabs.setCurrentWidget(window.tabs.spans)
        settle(window)
        shots.append(out_dir / f"notes-1280x720-{language}.png")
        window.grab().save(str(shots[-1]))
        window.show_guidelines()
        window.guidelines.show_label("TITLE")
        settle(window)
        shots.append(out_dir / f"guidelines-1280x720-{language}.png")
        window.grab().save(str(shots[-1]))
    window.switch_language(ENGLISH)
    return shots


def review_database(folder: Path) -> Path:
    """The seeds as two annotators' work: alice accepted every suggestion, bob every other
    one, so the reviewer has disagreements to settle."""
    path = seeded_database(folder.joinpath("review").resolve())
    with Store.open(path) as store:
        for article_id in store.article_ids():
            ids = [s.id for s in store.get_annotation_set(article_id, AUTO).spans if s.id is not None]
            if ids:
                store.accept_suggestions(ids, "alice")
                store.accept_suggestions(ids[::2], "bob")
            for name in ("alice", "bob"):
                store.set_status(article_id, name, "done")
    return path


def review_shots(work: Path, out_dir: Path) -> list[Path]:
    app = application()
    path = review_database(work)
    shots = []
    for language, _name in LANGUAGES:
        install_language(language)
        window = ReviewWindow(Store.open(path), owns_store=True)
        window.resize(*SMALL)
        window.show()
        while window.corpus is None:
            app.processEvents()
        window.agreed_action.trigger()  # actions, not keys: the window may not be active
        for lane in (0, 1):
            window.take_actions[lane].trigger()
        for _ in range(5):
            app.processEvents()
        shots.append(out_dir / f"review-1280x720-{language}.png")
        window.grab().save(str(shots[-1]))
        window.close()
        window.deleteLater()
        app.processEvents()
    install_language(ENGLISH)
    return shots


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    for shot in take(Path(args[0] if args else "resources/screenshots")):
        print(shot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
