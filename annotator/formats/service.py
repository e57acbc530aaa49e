"""The store-facing side of formats: which sets an export holds, and importing labels.

The only module of `annotator.formats` that talks to the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TextIO

from annotator.formats.base import LabelledText, Reader, Record, RefusedLine, Skipped
from annotator.formats.label_map import relabelled
from annotator.formats.label_merge import SetChange, is_empty, merged, replaced, then
from annotator.formats.record import to_record
from annotator.model import AUTO, AnnotationSet, Article, Status, check_modality
from annotator.store import SpanRejected, Store

IMPORTED_STATUS: Status = "in_progress"  # for formats that carry no status
CHUNK = 500  # articles whose sets an export reads together


def export_sets(
    store: Store, annotator: str | None, *, suggestions: bool = False
) -> Iterator[tuple[Article, AnnotationSet]]:
    """The (article, set) pairs an export holds, articles in store order, an article's sets
    one after the other.

    With an annotator: every article once, with that annotator's set (an empty `todo` set where
    they have none), so the export always covers the corpus. Without: every human set (all
    annotators but `auto`, `gold` included) of each article, and an article nobody has labelled
    once, with a blank annotator (null in the record). `suggestions` adds the article's `auto`
    set after those, where it has one (for formats that keep a model's guesses apart).
    """
    humans = [name for name in store.annotators() if name != AUTO]
    names = [annotator] if annotator is not None else humans.copy()
    if suggestions and annotator != AUTO:
        names.append(AUTO)
    ids = store.article_ids()
    for chunk_start in range(0, len(ids), CHUNK):
        chunk = ids[chunk_start : chunk_start + CHUNK]
        # the sets of a few hundred articles at a time: a few queries each, not a few per set
        sets = {name: store.annotation_sets_on(chunk, name) for name in names}
        for article_id in chunk:
            article = store.get_article(article_id)
            if annotator is not None:
                mine = sets[annotator].get(article_id)
                yield article, mine or store.get_annotation_set(article_id, annotator)
            else:
                found = [sets[n][article_id] for n in humans if article_id in sets[n]]
                for aset in found or [AnnotationSet(article_id=article.id, annotator="")]:
                    yield article, aset
            if suggestions and annotator != AUTO and article_id in sets[AUTO]:
                yield article, sets[AUTO][article_id]


def export_records(
    store: Store, annotator: str | None, *, original: bool = False, suggestions: bool = False
) -> Iterator[Record]:
    for article, aset in export_sets(store, annotator, suggestions=suggestions):
        yield to_record(article, aset, original=original)


@dataclass(frozen=True, slots=True)
class ArticleImport:
    """One accepted line: the article it matched and what it does (or, dry, would do) there."""

    article_id: str
    line: int
    change: SetChange
    written: bool  # False in a dry run, or when the line adds nothing to the set
    carried_labels: bool  # False: the line held no labels at all


@dataclass(frozen=True, slots=True)
class ImportReport:
    articles: tuple[ArticleImport, ...]
    refused: tuple[RefusedLine, ...]  # wrong lines: the import exits 1
    skipped: tuple[RefusedLine, ...] = ()  # lines holding no person's labels, left out on purpose
    # what imported lines held that annotator cannot store, as (kind, count), e.g. relations
    left_out: tuple[tuple[str, int], ...] = ()

    @property
    def imported(self) -> int:
        return len(self.articles)

    def total(self, field: str) -> int:
        """Sum of a SetChange count ("added", "removed", "kept") over the articles."""
        return sum(getattr(a.change, field) for a in self.articles)

    @property
    def without_labels(self) -> int:
        return sum(not a.carried_labels for a in self.articles)


class _ArticleMatcher:
    """Finds the stored article a labelled text belongs to: by id, or else by exact text."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._by_text: dict[int, list[str]] | None = None

    def match(self, item: LabelledText) -> Article:
        if item.article_id is not None and self.store.has_article(item.article_id):
            article = self.store.get_article(item.article_id)
            if article.text != item.text:
                raise LookupError(
                    f"text differs from stored article {item.article_id}"
                    " (a --body-only export cannot be imported back)"
                )
            return article
        for article_id in self._text_index().get(hash(item.text), []):
            article = self.store.get_article(article_id)
            if article.text == item.text:
                return article
        named = f" {item.article_id}" if item.article_id is not None else ""
        raise LookupError(f"unknown article{named}: no stored article has this id or text")

    def _text_index(self) -> dict[int, list[str]]:
        if self._by_text is None:  # built on first need: imports that carry ids never pay
            self._by_text = {}
            for article in self.store.iter_articles():
                self._by_text.setdefault(hash(article.text), []).append(article.id)
        return self._by_text


@dataclass(frozen=True, slots=True)
class UnknownLabels(RefusedLine):
    """A line refused for labels the schema lacks: reported once per label over the file."""

    labels: tuple[tuple[str, int], ...] = ()  # (label, spans of it on this line)


def _unknown_labels(store: Store, item: LabelledText) -> Counter[str]:
    labels = set(store.schema.names())
    return Counter(span.label for span in item.spans if span.label not in labels)


def _schema_problem(store: Store, item: LabelledText) -> str | None:
    for event in item.events:
        if event.type not in store.schema.event_types:
            return f"unknown event type {event.type!r}"
        if problem := check_modality(event.modality):
            return problem
    return None


def _repeated(
    earlier: LabelledText | None, item: LabelledText, reader: Reader, *, replace: bool
) -> str | None:
    """Why a further line for one article is refused, or None when it adds to the first:
    lines of one author add up in a format that writes several per article, unless each
    would replace the set."""
    if earlier is None:
        return None
    where = f"{reader.unit} {earlier.line}"
    if earlier.author != item.author:  # a file of several people's labels
        return (
            f"{where} already gave this article {earlier.author!r}'s labels, this line is"
            f" {item.author!r}'s; choose whose with --completed-by NAME"
        )
    if not reader.lines_add_up:
        return f"this article was already imported from {where}"
    if replace:
        return f"this article was already imported from {where}; with --replace one line each"
    return None


class _Unknown(Exception):
    def __init__(self, refused: UnknownLabels) -> None:
        self.refused = refused


class _LabelImport:
    """One run of `import_labels`: what spans its lines (the article matcher, each article's
    first line, its set as this run left it) and how one line is taken."""

    def __init__(
        self,
        store: Store,
        reader: Reader,
        annotator: str,
        *,
        replace: bool,
        dry_run: bool,
        label_map: Mapping[str, str],
    ) -> None:
        self.store, self.reader, self.annotator = store, reader, annotator
        self.label_map = label_map
        self.replace, self.dry_run = replace, dry_run
        self.matcher = _ArticleMatcher(store)
        self.first: dict[str, LabelledText] = {}
        self.taken: dict[str, ArticleImport] = {}  # by article, in the order first met
        self.left_out: Counter[str] = Counter()

    def take(self, item: LabelledText) -> None:
        """Merge (or replace) one line into the annotator's set; ValueError says why not,
        UnknownLabels when its only fault is labels the schema lacks."""
        item = relabelled(item, self.label_map)
        if unknown := _unknown_labels(self.store, item):
            labels = tuple(sorted(unknown.items()))
            names = ", ".join(repr(label) for label, _ in labels)
            raise _Unknown(
                UnknownLabels(item.line, f"unknown labels {names}", self.reader.unit, labels)
            )
        try:
            article = self.matcher.match(item)
        except LookupError as error:
            raise ValueError(str(error.args[0])) from None
        problem = _schema_problem(self.store, item) or _repeated(
            self.first.get(article.id), item, self.reader, replace=self.replace
        )
        if problem:
            raise ValueError(problem)
        earlier = self.taken.get(article.id)
        # a dry run wrote nothing: a further line of the article builds on what it would hold
        existing = (
            earlier.change.result
            if earlier is not None
            else self.store.get_annotation_set(article.id, self.annotator)
        )
        incoming = item.to_set(
            article.id, self.annotator, status=IMPORTED_STATUS, seconds=existing.seconds
        )
        takes_whole = self.replace or is_empty(existing)
        change = (
            replaced(existing, incoming, holds_records=self.reader.holds_records)
            if takes_whole
            else merged(existing, incoming)
        )
        write = not self.dry_run and (takes_whole or change.changes_labels)
        if write:
            try:
                self.store.replace_annotation_set(change.result)
            except SpanRejected as error:
                raise ValueError(str(error)) from None
        taken = ArticleImport(article.id, item.line, change, write, not is_empty(incoming))
        if earlier is not None:
            taken = ArticleImport(
                article.id,
                earlier.line,
                then(earlier.change, change),
                earlier.written or write,
                earlier.carried_labels or taken.carried_labels,
            )
        self.first.setdefault(article.id, item)
        self.taken[article.id] = taken
        self.left_out.update(dict(item.left_out))


def import_labels(
    store: Store,
    reader: Reader,
    stream: TextIO,
    annotator: str,
    *,
    replace: bool = False,
    dry_run: bool = False,
    label_map: Mapping[str, str] | None = None,
) -> ImportReport:
    """Read `stream` into `annotator`'s sets, one transaction per article; bad lines are
    refused with their reason and the rest imported.

    A line is merged into a set that has labels (`label_merge.merged`), or with `replace`
    replaces it, never by a line that holds no labels; a set without labels takes the line.
    `dry_run` works everything out and writes nothing. `label_map` renames foreign labels
    (`label_map.parse_label_map`) before they are checked against the schema.
    """
    return import_items(
        store,
        reader,
        reader.read(stream),
        annotator,
        replace=replace,
        dry_run=dry_run,
        label_map=label_map,
    )


def import_items(
    store: Store,
    reader: Reader,
    items: Iterable[LabelledText | RefusedLine],
    annotator: str,
    *,
    replace: bool = False,
    dry_run: bool = False,
    label_map: Mapping[str, str] | None = None,
) -> ImportReport:
    """`import_labels` of items already read (a brat folder is read file by file)."""
    run = _LabelImport(
        store, reader, annotator, replace=replace, dry_run=dry_run, label_map=label_map or {}
    )
    refused: list[RefusedLine] = []
    skipped: list[RefusedLine] = []
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
        elif isinstance(item, RefusedLine):
            refused.append(item)
        else:
            try:
                run.take(item)
            except _Unknown as unknown:
                refused.append(unknown.refused)
            except ValueError as error:
                refused.append(RefusedLine(item.line, str(error), reader.unit))
    refused.sort(key=lambda r: r.line)
    return ImportReport(
        tuple(run.taken.values()),
        tuple(refused),
        tuple(skipped),
        tuple(sorted(run.left_out.items())),
    )
