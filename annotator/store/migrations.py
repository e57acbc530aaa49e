"""The database schema, as numbered steps applied in order (`PRAGMA user_version`).

A database whose user_version is above the newest step was made by a newer annotator and is
refused untouched. Older ones are migrated forward, each step inside the same transaction that
bumps user_version, so a crash mid-migration leaves the old version intact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cache

from annotator.store.errors import FutureDatabase, StoreError


def _v1(conn: sqlite3.Connection) -> None:
    _execute_script(
        conn,
        """
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            url TEXT,
            title TEXT,
            published TEXT,
            outlet TEXT,
            script TEXT NOT NULL,
            raw_text TEXT NOT NULL,
            text TEXT NOT NULL,
            offset_map TEXT NOT NULL,
            damage TEXT NOT NULL,
            blocks TEXT NOT NULL,
            cleaner_version TEXT NOT NULL,
            imported_at TEXT NOT NULL
        );
        CREATE INDEX articles_source ON articles(source, id);
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content=articles, tokenize='trigram'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text)
            VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;

        CREATE TABLE annotation_sets (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id TEXT NOT NULL REFERENCES articles(id),
            annotator TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'todo',
            seconds REAL NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            UNIQUE (article_id, annotator)
        );
        CREATE INDEX annotation_sets_annotator ON annotation_sets(annotator, status);

        CREATE TABLE spans (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id TEXT NOT NULL REFERENCES articles(id),
            annotator TEXT NOT NULL,
            label TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            origin INTEGER,
            rule TEXT
        );
        CREATE INDEX spans_set ON spans(article_id, annotator);

        CREATE TABLE officials (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id TEXT NOT NULL REFERENCES articles(id),
            annotator TEXT NOT NULL,
            name TEXT NOT NULL,
            titles TEXT NOT NULL DEFAULT '[]',
            organization TEXT,
            mentions TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX officials_set ON officials(article_id, annotator);

        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id TEXT NOT NULL REFERENCES articles(id),
            annotator TEXT NOT NULL,
            type TEXT NOT NULL,
            date TEXT,
            end_date TEXT,
            place TEXT,
            participants TEXT NOT NULL DEFAULT '[]',
            evidence INTEGER
        );
        CREATE INDEX events_set ON events(article_id, annotator);

        CREATE TABLE rejections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id TEXT NOT NULL,
            annotator TEXT NOT NULL,
            label TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            UNIQUE (article_id, annotator, label, start, "end")
        );

        -- One row per user command; `undone` is 0 (in force), 1 (undone, redoable) or
        -- 2 (undone and superseded by a newer command: no longer redoable).
        CREATE TABLE commands (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            ts TEXT NOT NULL,
            annotator TEXT NOT NULL,
            article_id TEXT,
            kind TEXT NOT NULL,
            description TEXT NOT NULL,
            target INTEGER,
            undone INTEGER NOT NULL DEFAULT 0,
            undone_by INTEGER
        );
        CREATE INDEX commands_annotator ON commands(annotator, id);

        -- Row-level before/after images of every change a command made (audit and undo).
        CREATE TABLE edits (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            command INTEGER NOT NULL REFERENCES commands(id),
            tbl TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            before TEXT,
            after TEXT
        );
        CREATE INDEX edits_command ON edits(command);
        """,
    )


def _v2(conn: sqlite3.Connection) -> None:
    """Record decisions: which versions of an official or event a set (the reviewer's `gold`)
    has decided on, by their content (`fingerprint`), as `rejections` does for spans, so that
    "gold holds none of them" and "gold took alice's" outlive the session."""
    _execute_script(
        conn,
        """
        CREATE TABLE record_decisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id TEXT NOT NULL,
            annotator TEXT NOT NULL,
            kind TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            UNIQUE (article_id, annotator, kind, fingerprint)
        );
        """,
    )


# Text longer than this is left out of the search index and scanned instead (see _v3). Part of
# the schema: a database holds the index it was built with, so a new cap is a new step.
SEARCH_INDEX_CHARS = 50_000


def _v3(conn: sqlite3.Connection) -> None:
    """One step for the features that need columns, so they never race for version numbers:
    - the search index stays a fraction of the text: trigrams without positions
      (`detail=none`), and only of texts up to SEARCH_INDEX_CHARS (news articles are a few
      thousand characters); longer texts, found through a partial index, are scanned. With
      positions, over every text, it was 3.5x the text and made a long page's database 4.7x
      its text. The index reads the texts through a view that hides the long ones, so
      `rebuild` and the triggers agree on what it holds;
    - suggestions carry a `score`; spans and annotation sets carry a `note` and an `unsure` flag;
    - officials link the TITLE and ORG spans naming their posts, events the PLACE, DATE and
      participant spans of their parts (span ids, as `mentions` and `evidence` are), and an
      event's `modality` (NULL: it happened; planned, habitual, …)."""
    indexed = f"CASE WHEN length(%s.text) <= {SEARCH_INDEX_CHARS} THEN %s.text ELSE '' END"
    _execute_script(
        conn,
        f"""
        DROP TRIGGER articles_ai;
        DROP TRIGGER articles_ad;
        DROP TRIGGER articles_au;
        DROP TABLE articles_fts;
        CREATE VIEW articles_searchable(article_rowid, title, text) AS
            SELECT rowid, title, {indexed % ("articles", "articles")} FROM articles;
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content=articles_searchable, content_rowid=article_rowid,
            tokenize='trigram', detail=none
        );
        CREATE INDEX articles_long ON articles(id) WHERE length(text) > {SEARCH_INDEX_CHARS};
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text)
            VALUES (new.rowid, new.title, {indexed % ("new", "new")});
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, {indexed % ("old", "old")});
        END;
        CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, {indexed % ("old", "old")});
            INSERT INTO articles_fts(rowid, title, text)
            VALUES (new.rowid, new.title, {indexed % ("new", "new")});
        END;
        INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');

        ALTER TABLE spans ADD COLUMN score REAL;
        ALTER TABLE spans ADD COLUMN note TEXT;
        ALTER TABLE spans ADD COLUMN unsure INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE annotation_sets ADD COLUMN note TEXT;
        ALTER TABLE annotation_sets ADD COLUMN unsure INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE officials ADD COLUMN title_spans TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE officials ADD COLUMN organization_span INTEGER;
        ALTER TABLE events ADD COLUMN place_span INTEGER;
        ALTER TABLE events ADD COLUMN date_span INTEGER;
        ALTER TABLE events ADD COLUMN participant_spans TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE events ADD COLUMN modality TEXT;
        """,
    )


def _execute_script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: `executescript` would COMMIT the migration's transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_v1, _v2, _v3)
LATEST_VERSION = len(MIGRATIONS)


# Tables of every version's schema: a file without them was not made by annotator.
CORE_TABLES = frozenset({"settings", "articles", "commands"})


def steps_for(conn: sqlite3.Connection, *, path: str) -> list[tuple[int, Callable]]:
    """The steps that bring the database open on `conn` to LATEST_VERSION. Refuses, before
    anything is written, an SQLite file that is not an annotator database (tables of its own and
    no version of ours, or a version but not our tables) and one made by a newer annotator."""
    version, names = _version_and_names(conn)
    if (version == 0 and names) or (version != 0 and not names >= CORE_TABLES):
        raise StoreError(
            "{path} is an SQLite file but not an annotator database (schema version "
            "{version}, {count} table(s) and index(es) of its own); the file was not changed",
            path=path, version=version, count=len(names)
        )
    return pending_migrations(version, path=path)


def _version_and_names(conn: sqlite3.Connection) -> tuple[int, set[str]]:
    """The schema version and the names of the schema's objects, read in one snapshot: read
    apart, another program migrating the same new file between the two reads made it look like
    version 0 holding tables, "not an annotator database" (seen with six programs at once)."""
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        names = {
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
        }
    finally:
        if own:
            conn.execute("COMMIT")
    return version, names


def pending_migrations(current: int, *, path: str) -> list[tuple[int, Callable]]:
    """The steps that bring a database at `current` to LATEST_VERSION."""
    if current > LATEST_VERSION:
        raise FutureDatabase(
            "{path} was made by a newer annotator (schema version {current}; this one knows "
            "up to {LATEST_VERSION}). Upgrade annotator to open it; the file was not changed.",
            path=path, current=current, LATEST_VERSION=LATEST_VERSION
        )
    return [(v, MIGRATIONS[v - 1]) for v in range(current + 1, LATEST_VERSION + 1)]


@cache
def schema_at(version: int) -> frozenset[tuple[str, str, str, str | None]]:
    """(type, name, table, sql) of every object the steps up to `version` create: what a
    database of that version made by annotator holds, nothing more, nothing less."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for step in MIGRATIONS[:version]:
            step(conn)
        return schema_of(conn)
    finally:
        conn.close()


def schema_of(conn: sqlite3.Connection) -> frozenset[tuple[str, str, str, str | None]]:
    """(type, name, table, sql) of every object of the database but SQLite's own
    (`sqlite_sequence`, `sqlite_stat1`: bookkeeping, never code)."""
    return frozenset(
        (row[0], row[1], row[2], row[3])
        for row in conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        )
    )
