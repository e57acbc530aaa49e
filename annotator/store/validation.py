"""Does every row of an annotator database decode into our domain objects?

Asked of a database that came from elsewhere (merged in, restored) before anything is taken
from it: a value the store never writes (a BLOB or bytes that are not UTF-8 where text belongs,
a JSON column that is not ours, a time without a zone, a span off its text, a reference to
another set's record) would otherwise surface later as a traceback in every command. Each
problem names its table, row and column. Reads only.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, get_args

from annotator.model import (
    LEXICON_SECONDS,
    LEXICON_SHAPES,
    STATUSES,
    Article,
    DamageKind,
    Event,
    LabelSchema,
    LexiconKind,
    Official,
    Script,
    Span,
    check_article_id,
    check_modality,
    check_span_text,
    clean_note,
    link_problem,
)
from annotator.resources import parse_schema
from annotator.store import codec, guidelines
from annotator.store.edits import UNDOABLE_TABLES
from annotator.store.errors import CorruptDatabase, StoreError

# Column types as declared -> what a row may hold there (NULL: see `notnull`), and its name.
_TYPES: dict[str, tuple[tuple[type, ...], str]] = {
    "TEXT": ((str,), "text"),
    "INTEGER": ((int,), "an integer"),
    "REAL": ((float, int), "a number"),
}
Problems = Iterator[str]
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_LEXICON_FILE = re.compile(r"[a-z][a-z0-9_]*")  # a file stem and an attribute name of Lexicons


class _NotText(bytes):
    """A TEXT value whose bytes are not UTF-8 (read with `_decode` as text factory)."""


def _decode(raw: bytes) -> str | _NotText:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _NotText(raw)


def content_problems(conn: sqlite3.Connection, *, limit: int = 5) -> list[str]:
    """The first `limit` problems of the database open on `conn` (empty: every row decodes)."""
    conn.text_factory = _decode
    conn.row_factory = sqlite3.Row
    problems: list[str] = []
    for check in (_cells, _settings, _articles, _sets, _records, _rejections, _log):
        for problem in check(conn):
            problems.append(problem)
            if len(problems) >= limit:
                return problems
        if problems:  # later checks assume the values have the right types
            return problems
    return problems


def _where(table: str, key: object, column: str | None = None) -> str:
    return f"{table} row {codec.row_name(key)}" + (f", column {column}" if column else "")


def _data_tables(conn: sqlite3.Connection) -> list[str]:
    """Our tables but the full-text index (which SQLite keeps, and rebuilds, itself)."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'articles_fts%' ORDER BY name"
        )
    ]


def _cells(conn: sqlite3.Connection) -> Problems:
    """Every value has its column's declared type, its text is UTF-8, article ids are legal."""
    for table in _data_tables(conn):
        info = conn.execute(f"PRAGMA table_info({table})").fetchall()
        columns = [
            (row["name"], *_TYPES.get(row["type"].upper(), ((object,), "")), not row["notnull"])
            for row in info
        ]
        # Rows are named by their primary key (`id`, `key`), else by rowid.
        key = next((row["name"] for row in info if row["pk"] == 1), "rowid")
        id_columns = {"id"} if table == "articles" else {"article_id"}
        for row in conn.execute(f'SELECT rowid, * FROM "{table}"'):
            for name, types, type_name, nullable in columns:
                value = row[name]
                if value is None and nullable:
                    continue
                problem = _cell_problem(value, types, type_name, name in id_columns)
                if problem:
                    yield f"{_where(table, row[key], name)}: {problem}"


def _cell_problem(value: object, types: tuple[type, ...], type_name: str, is_id: bool) -> str:
    if isinstance(value, _NotText):
        return "bytes that are not UTF-8 text"
    if not isinstance(value, types):
        return f"{codec.value_kind(value)} where {type_name} belongs"
    if is_id:
        try:
            check_article_id(value)
        except ValueError as error:
            return str(error)
    return ""


def _settings(conn: sqlite3.Connection) -> Problems:
    row = conn.execute("SELECT value FROM settings WHERE key = 'schema'").fetchone()
    if row is None:
        return
    try:
        problem = _schema_problem(parse_schema(row[0]))
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
        problem = f"{type(error).__name__}: {error}"
    if problem:
        yield f"setting 'schema' is not a label schema ({problem})"
    try:
        guidelines.read(conn)
        guidelines.history(conn)
    except StoreError as error:
        yield str(error)


def _schema_problem(schema: LabelSchema) -> str | None:
    """What the window relies on: labels named by text, a group it knows, a #rrggbb colour, a
    one-character key; event types as text."""
    for label in schema.labels:
        if not (isinstance(label.name, str) and label.name):
            return f"a label named {label.name!r}"
        if label.group not in ("entity", "region"):
            return f"label {label.name}: group {label.group!r}"
        if not (isinstance(label.color, str) and _COLOUR.fullmatch(label.color)):
            return f"label {label.name}: colour {label.color!r}"
        if not (isinstance(label.key, str) and len(label.key) == 1):
            return f"label {label.name}: key {label.key!r}"
        if not isinstance(label.description, str):
            return f"label {label.name}: description {label.description!r}"
    if not schema.labels or not all(isinstance(t, str) and t for t in schema.event_types):
        return "no labels, or an event type that is not text"
    return next(filter(None, (_lexicon_problem(kind, schema) for kind in schema.lexicons)), None)


def _lexicon_problem(kind: LexiconKind, schema: LabelSchema) -> str | None:
    """What the suggestion rules rely on in a `[[lexicons]]` entry."""
    if not (isinstance(kind.stem, str) and _LEXICON_FILE.fullmatch(kind.stem)):
        return f"a lexicon file named {kind.stem!r}"
    if not isinstance(kind.label, str) or schema.get(kind.label) is None:
        return f"lexicon {kind.stem}: label {kind.label!r} is not in the schema"
    if kind.shape not in LEXICON_SHAPES:
        return f"lexicon {kind.stem}: shape {kind.shape!r}, expected one of {', '.join(LEXICON_SHAPES)}"
    if kind.second not in (LEXICON_SECONDS if kind.pairs else ("",)):
        return f"lexicon {kind.stem}: second column {kind.second!r}"
    if not isinstance(kind.longest_first, bool):
        return f"lexicon {kind.stem}: longest_first {kind.longest_first!r} is not true or false"
    return None


def _articles(conn: sqlite3.Connection) -> Problems:
    for row in conn.execute("SELECT * FROM articles"):
        try:
            article = codec.article_from_row(row)
        except CorruptDatabase as error:
            yield str(error).removeprefix("the database is damaged: ")
            continue
        problem = _article_problem(article) or _time_problem(row["imported_at"])
        if problem:
            yield f"{_where('articles', article.id)}: {problem}"


def _article_problem(article: Article) -> str | None:
    if article.script not in get_args(Script):
        return f"script {article.script!r} is not one of {', '.join(get_args(Script))}"
    offsets = article.offset_map
    if (offsets.text_length, offsets.raw_length) != (len(article.text), len(article.raw_text)):
        return "offset_map does not map this text onto this raw text"
    text_positions = [t for t, _ in offsets.anchors]
    if text_positions[0] != 0 or text_positions != sorted(set(text_positions)):
        return "offset_map anchors are not in text order from 0"
    if any(not 0 <= r <= offsets.raw_length for _, r in offsets.anchors) or (
        text_positions[-1] > offsets.text_length
    ):
        return "offset_map has an anchor outside the texts"
    length = len(article.text)
    if any(not 0 <= d.start <= d.end <= length for d in (*article.damage, *article.blocks)):
        return "damage or blocks fall outside the text"
    if any(d.kind not in get_args(DamageKind) for d in article.damage):
        return "damage of an unknown kind"
    return None


def _time_problem(value: str) -> str | None:
    """Times are compared across machines (the newest edit wins): each needs its zone."""
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return f"{value[:40]!r} is not an ISO time"
    return None if stamp.tzinfo is not None else f"time {value!r} has no time zone"


def _article_ids(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT id FROM articles")}


def _sets(conn: sqlite3.Connection) -> Problems:
    articles = _article_ids(conn)
    for row in conn.execute("SELECT * FROM annotation_sets"):
        where = _where("annotation_sets", row["id"])
        if row["article_id"] not in articles:
            yield f"{where}: a set of article {row['article_id']!r}, which is not there"
        elif row["status"] not in STATUSES:
            yield f"{where}: status {row['status']!r} is not one of {', '.join(STATUSES)}"
        elif not (math.isfinite(row["seconds"]) and row["seconds"] >= 0):
            yield f"{where}: {row['seconds']} seconds"
        elif problem := _time_problem(row["updated_at"]):
            yield f"{where}: updated_at {problem}"
        elif problem := _flags_problem(row["note"], row["unsure"]):
            yield f"{where}: {problem}"


def _flags_problem(note: object, unsure: object) -> str | None:
    """What is wrong with a note and unsure flag as stored (store: `set_*_flags`), or None."""
    if unsure not in (0, 1) or type(unsure) not in (int, bool):
        return f"unsure is {unsure!r}, not 0 or 1"
    try:
        cleaned = clean_note(note)
    except ValueError as error:
        return f"note: {error}"
    return None if cleaned == note else "note is blank or has surrounding blanks"


def _records(conn: sqlite3.Connection) -> Problems:
    """Spans fit their article's text; records cite spans and officials of their own set."""
    articles = _article_ids(conn)
    spans: dict[tuple[str, str], dict[int | None, str]] = {}  # set -> span id -> label
    officials: dict[tuple[str, str], set[int]] = {}
    text_of = _text_cache(conn)
    for span in _decoded(conn, Span, articles):
        if isinstance(span, str):
            yield span
            continue
        spans.setdefault((span.article_id, span.annotator), {})[span.id or 0] = span.label
        problem = check_span_text(
            text_of(span.article_id), span.start, span.end, span.text
        ) or _flags_problem(span.note, span.unsure)
        if problem:
            yield f"{_where('spans', span.id)}: {problem}"
    for official in _decoded(conn, Official, articles):
        if isinstance(official, str):
            yield official
            continue
        key = (official.article_id, official.annotator)
        officials.setdefault(key, set()).add(official.id or 0)
        if not set(official.mentions) <= spans.get(key, {}).keys():
            yield f"{_where('officials', official.id)}: mentions spans of another set"
        elif problem := link_problem(official, spans.get(key, {})):
            yield f"{_where('officials', official.id)}: {problem}"
    for event in _decoded(conn, Event, articles):
        if isinstance(event, str):
            yield event
            continue
        key = (event.article_id, event.annotator)
        if not set(event.participants) <= officials.get(key, set()) or (
            event.evidence is not None and event.evidence not in spans.get(key, {})
        ):
            yield f"{_where('events', event.id)}: cites officials or spans of another set"
        elif problem := link_problem(event, spans.get(key, {})):
            yield f"{_where('events', event.id)}: {problem}"
        if problem := check_modality(event.modality):
            yield f"{_where('events', event.id)}: {problem}"


def _decoded(
    conn: sqlite3.Connection, cls: type[codec.R], articles: set[str]
) -> Iterator[codec.R | str]:
    """The records of one table in article order, or a problem in place of each bad one."""
    table = codec.TABLES[cls]
    for row in conn.execute(f"SELECT * FROM {table} ORDER BY article_id, id"):
        if row["article_id"] not in articles:
            yield f"{_where(table, row['id'])}: of article {row['article_id']!r}, which is not there"
            continue
        try:
            yield codec.record_from_row(cls, row)
        except CorruptDatabase as error:
            yield str(error).removeprefix("the database is damaged: ")


def _text_cache(conn: sqlite3.Connection) -> Callable[[str], str]:
    """An article's text by id, keeping only the last one (rows come in article order)."""
    last: list[Any] = [None, ""]

    def text_of(article_id: str) -> str:
        if last[0] != article_id:
            row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
            last[:] = [article_id, row[0]]
        return str(last[1])

    return text_of


def _rejections(conn: sqlite3.Connection) -> Problems:
    text_of = _text_cache(conn)
    articles = _article_ids(conn)
    for row in conn.execute("SELECT * FROM rejections ORDER BY article_id"):
        if row["article_id"] in articles:
            text = text_of(row["article_id"])
            problem = check_span_text(text, row["start"], row["end"], row["text"])
            if problem:
                yield f"{_where('rejections', row['id'])}: {problem}"


def _log(conn: sqlite3.Connection) -> Problems:
    """The command log undo reads back: times with zones, before/after images as JSON rows."""
    for row in conn.execute("SELECT id, ts, undone FROM commands"):
        problem = _time_problem(row["ts"]) or (
            None if row["undone"] in (0, 1, 2) else f"undone is {row['undone']}"
        )
        if problem:
            yield f"{_where('commands', row['id'])}: {problem}"
    for row in conn.execute("SELECT id, tbl, before, after FROM edits"):
        where = _where("edits", row["id"])
        if row["tbl"] not in UNDOABLE_TABLES:
            yield f"{where}: table {row['tbl']!r} is not one commands change"
        for column in ("before", "after"):
            if row[column] is not None and not _is_json_object(row[column]):
                yield f"{where}, column {column}: not a row as JSON"


def _is_json_object(value: str) -> bool:
    try:
        return isinstance(json.loads(value), dict)
    except (ValueError, RecursionError):
        return False
