"""`ArticleEditor`: the open article, its annotation sets, and every edit the window can make.

The widgets never call the store themselves: they call the editor, which runs each edit as one
undo step (`ArticleHistory`) and emits `changed` once the store has committed it. The store's
string is the only copy of the text; widgets render from `article`, `aset`, `auto`, `rejected`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from annotator.gui.commands import ArticleHistory
from annotator.gui.core_messages import shown
from annotator.gui.i18n import label_shown, schema_language, status_shown
from annotator.gui.trim import trim_span, whole_lines
from annotator.model import (
    AUTO,
    SAME_STRING,
    AnnotationSet,
    Article,
    Event,
    Official,
    Span,
    Status,
    clean_note,
    is_region_label,
    region_label,
)
from annotator.services.span_links import LinkChange, NoLink, change_link
from annotator.services.suggestions import pending_suggestions, same_string_places
from annotator.store import Store


class NothingToDo(Exception):
    """An edit that cannot apply here (empty selection, no suggestion under the cursor...);
    its message is shown in the status bar."""


def require_one_line(span_text: str) -> None:
    """Entity labels name one thing inside a line: a span across a paragraph break would pull
    a boilerplate line into a name. Region labels are whole lines and may span several."""
    if "\n" in span_text:
        raise NothingToDo(QCoreApplication.translate(
            "ArticleEditor",
            "a label cannot cross a line break: select within one line "
            "(B then a kind marks whole lines as boilerplate)",
        ))


def _clean(note: Any) -> Any:
    """A note as the store keeps it (`...`: unchanged); NothingToDo says why one cannot be."""
    if note is ...:
        return note
    try:
        return clean_note(note)
    except ValueError as error:
        raise NothingToDo(shown(error)) from None


def _same(note: str | None, unsure: bool, new_note: Any, new_unsure: Any) -> bool:
    return (new_note is ... or new_note == note) and (new_unsure is ... or new_unsure == unsure)


def _flags_what(what: str, note: Any, unsure: Any) -> str:
    """An undo step's description: "note and flag unsure on …"."""
    translate = QCoreApplication.translate
    parts = []
    if note is not ...:
        parts.append(
            translate("ArticleEditor", "remove the note")
            if note is None
            else translate("ArticleEditor", "note")
        )
    if unsure is not ...:
        parts.append(
            translate("ArticleEditor", "flag unsure")
            if unsure
            else translate("ArticleEditor", "clear unsure")
        )
    return translate("ArticleEditor", "{what} on {target}").format(
        what=translate("ArticleEditor", " and ").join(parts), target=what
    )


class ArticleEditor(QObject):
    changed = Signal()  # the annotation set was reloaded (after an edit, undo, switch, refresh)
    article_opened = Signal()
    saved = Signal(str)  # an edit committed; its description

    def __init__(self, store: Store, annotator: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.annotator = annotator
        self.history = ArticleHistory(store, annotator)
        self.article: Article | None = None
        self.aset = AnnotationSet("", annotator)
        self.auto = AnnotationSet("", AUTO)
        self.rejected: set[tuple[str, int, int, str]] = set()

    # -- reading ------------------------------------------------------------------------------

    def open(self, article_id: str) -> None:
        self.article = self.store.get_article(article_id)
        self.article_opened.emit()
        self.reload()

    def reload(self, *, suggestions: bool = True) -> None:
        """Read the sets again from the store (after an edit, or another window's edits).
        `suggestions=False`: only my set changed (a label, a record edit), skip `auto`."""
        if self.article is None:
            return
        article_id = self.article.id
        self.aset = self.store.get_annotation_set(article_id, self.annotator)
        if suggestions:
            self.auto = self.store.get_annotation_set(article_id, AUTO)
            self.rejected = self.store.rejected(article_id, self.annotator)
        self.changed.emit()

    @property
    def article_id(self) -> str:
        if self.article is None:
            raise NothingToDo(self.tr("no article is open"))
        return self.article.id

    def pending_suggestions(self) -> list[Span]:
        """`auto` spans neither accepted (a span of mine came from it or has its label and
        offsets) nor rejected, in text order."""
        return pending_suggestions(self.aset, self.auto, self.rejected)

    def span_at(self, pos: int, spans: Sequence[Span] | None = None) -> Span | None:
        """The innermost span covering code point `pos` (entities before regions)."""
        covering = [s for s in (self.aset.spans if spans is None else spans) if s.start <= pos < s.end]
        covering.sort(key=lambda s: (s.is_region, s.end - s.start))
        return covering[0] if covering else None

    def suggestion_at(self, start: int, end: int) -> Span | None:
        """The pending suggestion equal to the selection, or else covering its start."""
        pending = self.pending_suggestions()
        exact = next((s for s in pending if (s.start, s.end) == (start, end)), None)
        return exact or self.span_at(start, pending)

    # -- edits --------------------------------------------------------------------------------

    def _run(
        self, description: str, apply: Callable[[], Any], *, suggestions: bool = False
    ) -> Any:
        """One edit as one undo step. `suggestions`: the edit touches rejections, so the
        suggestion state must be read again too."""
        result = self.history.run(self.article_id, description, apply)
        self.saved.emit(description)
        self.reload(suggestions=suggestions)
        return result

    def label(self, label: str, start: int, end: int) -> Span:
        """Label the selection (trimmed); an existing span exactly there is relabelled."""
        assert self.article is not None
        start, end = trim_span(self.article.text, start, end)
        if start >= end:
            raise NothingToDo(self.tr("select some text first"))
        existing = [s for s in self.aset.entity_spans() if (s.start, s.end) == (start, end)]
        if any(s.label == label for s in existing):
            return next(s for s in existing if s.label == label)
        if existing:
            return self.relabel(existing[0], label)
        text = self.article.text[start:end]
        require_one_line(text)
        return self._run(
            self.tr("label {label} {text}").format(label=label_shown(self.store.schema, label), text=repr(text)),
            lambda: self.store.add_span(self.article_id, self.annotator, label, start, end),
        )

    def relabel(self, span: Span, label: str) -> Span:
        if span.label == label or span.id is None:
            return span
        if span.is_region != is_region_label(label):
            problem = (
                self.tr("{old} is a region label and {new} is not: delete it and label the text again")
                if span.is_region else
                self.tr("{old} is an entity label and {new} is not: delete it and label the text again")
            )
            raise NothingToDo(problem.format(old=label_shown(self.store.schema, span.label), new=label_shown(self.store.schema, label)))
        span_id = span.id
        return self._run(
            self.tr("relabel {text} as {label}").format(text=repr(span.text), label=label_shown(self.store.schema, label)),
            lambda: self.store.relabel_span(span_id, label)
        )

    def delete_span(self, span: Span) -> None:
        span_id = span.id
        if span_id is None:
            raise NothingToDo(self.tr("that span is not stored"))
        self._run(
            self.tr("delete {label} {text}").format(label=label_shown(self.store.schema, span.label), text=repr(span.text)),
            lambda: self.store.delete_span(span_id),
        )

    def mark_region(self, kind: str, start: int, end: int) -> Span:
        """Mark the lines touched by the selection as a boilerplate region of `kind`."""
        assert self.article is not None
        start, end = whole_lines(self.article.text, start, end)
        if start >= end:
            raise NothingToDo(self.tr("select the lines of the region first"))
        label = region_label(kind)
        for span in self.aset.region_spans():
            if (span.start, span.end) == (start, end):
                return self.relabel(span, label)
        return self._run(
            self.tr("mark lines as {kind}").format(kind=label_shown(self.store.schema, region_label(kind))),
            lambda: self.store.add_span(self.article_id, self.annotator, label, start, end),
        )

    def accept(self, suggestions: Sequence[Span]) -> list[Span]:
        for suggestion in suggestions:
            if not suggestion.is_region:
                require_one_line(suggestion.text)
        ids = [s.id for s in suggestions if s.id is not None]
        if not ids:
            raise NothingToDo(self.tr("no pending suggestion there"))
        first = suggestions[0]
        what = (
            self.tr("accept {label} {text}").format(label=label_shown(self.store.schema, first.label), text=repr(first.text))
            if len(ids) == 1 else self.tr("accept {n} suggestions").format(n=len(ids))
        )
        return self._run(what, lambda: self.store.accept_suggestions(ids, self.annotator))

    def offer_same_string(self, span: Span) -> list[Span]:
        """Offer `span`'s label, as `auto` suggestions of rule "same-string", at the other
        occurrences of its text in this article: those no span of mine overlaps, not rejected
        and not pending already. Suggestions, not labels: each is accepted or rejected."""
        assert self.article is not None
        if span.is_region:
            raise NothingToDo(self.tr("boilerplate regions are marked line by line, not offered"))
        places = same_string_places(self.article, span, self.aset, self.auto, self.rejected)
        if not places:
            raise NothingToDo(
                self.tr("no other occurrence of {text} left to offer in this article").format(
                    text=repr(span.text)
                )
            )
        added = self.store.add_suggestions(self.article_id, SAME_STRING, places)
        self.reload()
        return added

    def reject(self, suggestion: Span) -> None:
        span_id = suggestion.id
        if span_id is None:
            raise NothingToDo(self.tr("no pending suggestion there"))
        self._run(
            self.tr("reject {label} {text}").format(
                label=label_shown(self.store.schema, suggestion.label), text=repr(suggestion.text)
            ),
            lambda: self.store.reject_suggestion(span_id, self.annotator),
            suggestions=True,
        )

    def save_official(self, official: Official) -> Official:
        return self._run(
            self.tr("edit official {name}").format(name=repr(official.name)),
            lambda: self.store.save_official(official)
        )

    def merge_officials(self, source: Official, target: Official) -> Official:
        """`source` and `target` are one person: one official, as one undo step."""
        if source.id is None or target.id is None:
            raise NothingToDo(self.tr("that official is not stored"))
        source_id, target_id = source.id, target.id
        return self._run(
            self.tr("merge official {source} into {target}").format(
                source=repr(source.name), target=repr(target.name)
            ),
            lambda: self.store.merge_officials(source_id, target_id),
        )

    def delete_official(self, official: Official) -> None:
        official_id = official.id
        if official_id is None:
            raise NothingToDo(self.tr("that official is not stored"))
        self._run(
            self.tr("delete official {name}").format(name=repr(official.name)),
            lambda: self.store.delete_official(official_id)
        )

    def link_span(
        self, span: Span, *, official: Official | None = None, event: Event | None = None
    ) -> LinkChange:
        """Link `span` to the record it names a part of (`official`/`event`, else the nearest:
        services.span_links), or unlink it when it is linked there, as one undo step."""
        assert self.article is not None
        try:
            change = change_link(self.aset, self.article.text, span, official=official, event=event)
        except NoLink as refused:
            raise NothingToDo(self._no_link(refused.reason, span)) from None
        after = change.after
        record = (
            repr(after.name) if isinstance(after, Official) else self._event_type(after)
        )
        what = (
            self.tr("link {label} {text} to {record}")
            if change.linked
            else self.tr("unlink {label} {text} from {record}")
        ).format(label=label_shown(self.store.schema, span.label), text=repr(span.text), record=record)
        save = self.store.save_official if isinstance(after, Official) else self.store.save_event
        self._run(what, lambda: save(after))  # type: ignore[operator]
        return change

    def _no_link(self, reason: str, span: Span) -> str:
        if reason == "not_own":
            return self.tr("links join your own labels (accept the suggestion first)")
        if reason == "no_official":
            return self.tr("no official named in this line: select one in the Officials tab")
        if reason == "no_event":
            return self.tr("no event in this line: select one in the Events tab")
        return self.tr("a {label} label links to nothing: put the cursor on a title, "
                       "organization, place, date or official").format(label=label_shown(self.store.schema, span.label))

    def add_event(self, evidence: Span | None = None) -> Event:
        event = Event(
            self.article_id,
            self.annotator,
            type=self.store.schema.event_types[0],
            date=self.article.published if self.article else None,
            evidence=evidence.id if evidence else None,
        )
        return self.save_event(event, self.tr("add event"))

    def save_event(self, event: Event, description: str | None = None) -> Event:
        described = description or self.tr("edit event {type}").format(type=self._event_type(event))
        return self._run(described, lambda: self.store.save_event(event))

    def delete_event(self, event: Event) -> None:
        event_id = event.id
        if event_id is None:
            raise NothingToDo(self.tr("that event is not stored"))
        self._run(self.tr("delete event {type}").format(type=self._event_type(event)), lambda: self.store.delete_event(event_id))

    def set_status(self, status: Status) -> None:
        self._run(
            self.tr("mark {status}").format(status=status_shown(status)), lambda: self.store.set_status(self.article_id, self.annotator, status)
        )

    def set_article_flags(self, *, note: Any = ..., unsure: Any = ...) -> bool:
        """My note on the open article and/or its unsure flag, as one undo step; False (and no
        step) when nothing changes."""
        note = _clean(note)
        if _same(self.aset.note, self.aset.unsure, note, unsure):
            return False
        self._run(
            _flags_what(self.tr("the article"), note, unsure),
            lambda: self.store.set_article_flags(
                self.article_id, self.annotator, note=note, unsure=unsure
            ),
        )
        return True

    def set_span_flags(self, span: Span, *, note: Any = ..., unsure: Any = ...) -> bool:
        """A span's note and/or unsure flag, as one undo step; False when nothing changes."""
        span_id = span.id
        if span_id is None or span.annotator != self.annotator:
            raise NothingToDo(
                self.tr("notes and flags go on your own labels (accept a suggestion first)")
            )
        note = _clean(note)
        if _same(span.note, span.unsure, note, unsure):
            return False
        self._run(
            _flags_what(f"{span.label} {span.text!r}", note, unsure),
            lambda: self.store.set_span_flags(span_id, note=note, unsure=unsure),
        )
        return True

    def undo(self) -> str | None:
        return self._replay(self.history.undo, self.tr("undo {what}"))

    def redo(self) -> str | None:
        return self._replay(self.history.redo, self.tr("redo {what}"))

    def _replay(self, step: Callable[[str], str | None], verb: str) -> str | None:
        """Undo or redo one edit (committed by the store, so it is saved like any edit)."""
        done = step(self.article_id)
        if done is not None:
            self.saved.emit(verb.format(what=done))
        self.reload()
        return done

    def _event_type(self, event: Event) -> str:
        return self.store.schema.event_type_shown(event.type, schema_language())

    def add_time(self, seconds: float) -> None:
        if self.article is not None and seconds > 0:
            self.store.add_time(self.article.id, self.annotator, seconds)
