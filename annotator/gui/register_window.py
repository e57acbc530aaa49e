"""The officials register in a window: search persons by name or post, a timeline of each
person's posts, their articles (double-click opens one in the main window), events and flags;
merge and split persons (stored, undoable).

The register is built off the UI thread over its own read-only connection, so a corpus of
100,000 articles never freezes the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, QThread, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.core_messages import shown
from annotator.gui.i18n import RetranslatedWhenShown, schema_language
from annotator.gui.plain import plain_label, plain_window_title, rich_literal
from annotator.register import Decision, Person, Post, Register
from annotator.register.loading import add_decision, register_of, undo_decision
from annotator.store import Store, StoreError

ARTICLE_ROLE = Qt.ItemDataRole.UserRole


class RegisterWorker(QThread):
    built = Signal(object)  # Register
    failed = Signal(str)

    def __init__(self, path: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self._path = path

    def run(self) -> None:
        try:
            with Store.open(self._path, read_only=True) as store:
                result = register_of(store)
        except (StoreError, ValueError) as error:
            self.failed.emit(shown(error))
            return
        self.built.emit(result)


class PostTimeline(QWidget):
    """One bar per post from first to last seen, on one time axis for the person."""

    ROW = 22
    AXIS = 20  # the year scale under the bars

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.posts: tuple[Post, ...] = ()

    def set_posts(self, posts: tuple[Post, ...]) -> None:
        self.posts = tuple(p for p in posts if p.first_seen and p.last_seen)
        self.setMinimumHeight(self.ROW * max(1, len(self.posts)) + self.AXIS)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(400, self.ROW * max(1, len(self.posts)) + self.AXIS)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.posts:
            return
        start = min(p.first_seen for p in self.posts)  # type: ignore[type-var]
        end = max(p.last_seen for p in self.posts)  # type: ignore[type-var]
        first_year, last_year = int(start[:4]), int(end[:4]) + 1
        years = max(1, last_year - first_year)
        painter = QPainter(self)
        label_width = min(220, self.width() // 3)
        axis = self.width() - label_width - 8

        def x(date: str) -> float:
            year = int(date[:4]) + (int(date[5:7]) - 1) / 12 if len(date) >= 7 else int(date[:4])
            return label_width + axis * (year - first_year) / years

        for row, post in enumerate(self.posts):
            top = 4 + row * self.ROW
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(0, top, label_width - 6, self.ROW),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                post.title,
            )
            left = x(post.first_seen)  # type: ignore[arg-type]
            right = max(left + 4, x(post.last_seen))  # type: ignore[arg-type]
            painter.fillRect(QRectF(left, top + 4, right - left, self.ROW - 8), QColor("#4a90d9"))
        painter.setPen(QColor("#888888"))
        bottom = 4 + len(self.posts) * self.ROW
        painter.drawLine(label_width, bottom, label_width + axis, bottom)
        for year in range(first_year, last_year + 1):
            left = label_width + axis * (year - first_year) / years
            painter.drawLine(int(left), bottom, int(left), bottom + 4)
            box = min(max(left - 30, 0), self.width() - 60)  # the edge years stay inside
            painter.drawText(
                QRectF(box, bottom + 4, 60, self.AXIS - 4),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                str(year),
            )
        painter.end()


class RegisterWindow(RetranslatedWhenShown, QMainWindow):
    article_chosen = Signal(str)  # an article id to open in the main window
    register_built = Signal(object)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.register: Register | None = None
        self.person: Person | None = None
        self._workers: list[RegisterWorker] = []
        self.search = QLineEdit()
        self.search.textChanged.connect(self._fill_persons)
        self.persons = QListWidget()
        self.persons.currentItemChanged.connect(self._person_chosen)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.persons)
        self.summary = plain_label()
        self.heading = plain_label()
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold")
        self.timeline = PostTimeline()
        self.posts = QTableWidget(0, 5)
        self.posts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.posts.horizontalHeader().setStretchLastSection(True)
        self.articles = QListWidget()
        self.articles.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.articles.itemDoubleClicked.connect(
            lambda item: self.article_chosen.emit(item.data(ARTICLE_ROLE))
        )
        self.events = QListWidget()
        self.flags = QListWidget()
        self.flags.itemDoubleClicked.connect(
            lambda item: self.article_chosen.emit(item.data(ARTICLE_ROLE))
        )
        buttons = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        for slot in (self.split_selected, self.merge_with, self.undo_last_decision):
            button = QPushButton()
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            buttons.addWidget(button)
            self.buttons.append(button)
        self.captions = [plain_label() for _ in range(3)]  # articles, events, flags
        buttons.addStretch(1)
        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addWidget(self.heading)
        layout.addWidget(self.timeline)
        layout.addWidget(self.posts, 2)
        for caption, widget, stretch in zip(
            self.captions, (self.articles, self.events, self.flags), (2, 1, 1), strict=True
        ):
            layout.addWidget(caption)
            layout.addWidget(widget, stretch)
        layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([300, 900])
        self.setCentralWidget(splitter)
        self.statusBar().addWidget(self.summary)
        self._set_texts()
        self.rebuild()

    def _set_texts(self) -> None:
        self.setWindowTitle(plain_window_title(self.tr("Officials register")))
        self.search.setPlaceholderText(self.tr("Name or post (马兴瑞, 省委书记)…"))
        self.posts.setHorizontalHeaderLabels(
            [self.tr("Post"), self.tr("Organisation"), self.tr("First seen"), self.tr("Last seen"),
             self.tr("Articles")]
        )
        texts = (self.tr("Split the selected articles off"), self.tr("Merge with…"),
                 self.tr("Undo last merge/split"))
        for button, text in zip(self.buttons, texts, strict=True):
            button.setText(text)
        captions = (self.tr("Articles (double-click opens one)"), self.tr("Events"), self.tr("Flags"))
        for caption, text in zip(self.captions, captions, strict=True):
            caption.setText(text)

    def retranslate(self) -> None:
        self._set_texts()
        if self.register is not None:
            self._show_counts(self.register)
            self._fill_persons()

    # -- building ---------------------------------------------------------------------------

    def rebuild(self) -> None:
        self.summary.setText(self.tr("Building the register…"))
        if self.store.path is None:  # an in-memory store (tests): build here
            self._built(register_of(self.store))
            return
        worker = RegisterWorker(self.store.path, self)
        worker.built.connect(self._built)
        worker.failed.connect(self.summary.setText)
        worker.finished.connect(lambda: self._workers.remove(worker))
        self._workers.append(worker)
        worker.start()

    def _built(self, result: Register) -> None:
        self.register = result
        self._show_counts(result)
        self._fill_persons()
        self.register_built.emit(result)

    def _show_counts(self, result: Register) -> None:
        self.summary.setText(
            self.tr("{persons} persons from {articles} articles; {flags} flags").format(
                persons=len(result.persons), articles=result.articles, flags=len(result.flags)
            )
        )

    def wait_built(self, timeout_ms: int = 30_000) -> None:
        for worker in list(self._workers):
            worker.wait(timeout_ms)

    # -- showing ----------------------------------------------------------------------------

    def _fill_persons(self) -> None:
        if self.register is None:
            return
        wanted = self.search.text().strip()
        current = self.person.id if self.person else None
        self.persons.blockSignals(True)
        self.persons.clear()
        for person in self.register.persons:
            words = (person.name, *person.variants, *(p.title for p in person.posts))
            if wanted and not any(wanted in w for w in words):
                continue
            mark = " ⚑" if person.flags else ""
            item = QListWidgetItem(f"{person.id}  ({len(person.articles)}){mark}")
            item.setData(ARTICLE_ROLE, person.id)
            self.persons.addItem(item)
            if person.id == current:
                self.persons.setCurrentItem(item)
        self.persons.blockSignals(False)
        if self.persons.currentItem() is None and self.persons.count():
            self.persons.setCurrentRow(0)
        elif self.persons.currentItem() is not None:
            self._person_chosen(self.persons.currentItem())

    def show_person(self, person_id: str) -> None:
        for row in range(self.persons.count()):
            if self.persons.item(row).data(ARTICLE_ROLE) == person_id:
                self.persons.setCurrentRow(row)
                return

    def _person_chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None or self.register is None:
            return
        person = next(p for p in self.register.persons if p.id == item.data(ARTICLE_ROLE))
        self.person = person
        also = (
            self.tr("  (also {names})").format(names="、".join(person.variants))
            if person.variants else ""
        )
        self.heading.setText(f"{person.name}{also}")
        self.timeline.set_posts(person.posts)
        self.posts.setRowCount(len(person.posts))
        for row, post in enumerate(person.posts):
            cells = (
                post.title,
                post.organization or "",
                post.first_seen or "?",
                post.last_seen or "?",
                str(len(post.articles)),
            )
            for column, text in enumerate(cells):
                self.posts.setItem(row, column, QTableWidgetItem(text))
        self.posts.resizeColumnsToContents()
        heads = self.store.article_heads()
        sources = {s.article_id: s.source for s in person.sightings}
        self.articles.clear()
        for article_id in person.articles:
            title, published = heads.get(article_id, (None, None))
            source = sources.get(article_id, "")
            item = QListWidgetItem(
                f"{published or '????-??-??'}  {title or article_id}  [{source}]"
            )
            item.setData(ARTICLE_ROLE, article_id)
            self.articles.addItem(item)
        self.events.clear()
        for event in person.events:
            shown = self.store.schema.event_type_shown(event["type"], schema_language())
            self.events.addItem(f"{event['date'] or '?'}  {shown}  {event['place'] or ''}")
        self.flags.clear()
        for flag in person.flags:
            item = QListWidgetItem(f"{flag.kind}: {flag.message}")
            item.setToolTip(rich_literal(flag.message))
            item.setData(ARTICLE_ROLE, flag.articles[0] if flag.articles else "")
            self.flags.addItem(item)

    # -- decisions --------------------------------------------------------------------------

    def _sightings_of(self, article_ids: set[str]) -> tuple[tuple[str, str], ...]:
        assert self.person is not None
        return tuple(
            dict.fromkeys(s.mention for s in self.person.sightings if s.article_id in article_ids)
        )

    def split_selected(self) -> None:
        chosen = {i.data(ARTICLE_ROLE) for i in self.articles.selectedItems()}
        if self.person is None or not chosen or len(chosen) == len(self.person.articles):
            self.summary.setText(self.tr("Select some, not all, of the person's articles to split off"))
            return
        add_decision(self.store, Decision("split", self._sightings_of(chosen)))
        self.rebuild()

    def merge_with(self, other_id: str | None = None) -> None:
        if self.person is None or self.register is None:
            return
        if other_id is None:
            others = [p.id for p in self.register.persons if p.id != self.person.id]
            other_id, ok = QInputDialog.getItem(
                self, self.tr("Merge"), self.tr("The same person as:"), others, 0
            )
            if not ok:
                return
        other = next(p for p in self.register.persons if p.id == other_id)
        mine = self.person.sightings[0].mention
        add_decision(self.store, Decision("merge", (mine, other.sightings[0].mention)))
        self.rebuild()

    def undo_last_decision(self) -> None:
        taken = undo_decision(self.store)
        if taken is None:
            self.summary.setText(self.tr("No merge or split to undo"))
            return
        self.rebuild()


def open_register_window(store: Store, parent: QWidget | None = None) -> RegisterWindow:
    window = RegisterWindow(store, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.resize(1280, 800)
    window.show()
    return window
