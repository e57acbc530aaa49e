"""Articles: adding them, reading them, listing and searching them, and the figures and checks over
the whole database.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from annotator.model import (
    STATUSES,
    Article,
    ArticleSummary,
    ArticleText,
    Status,
    check_article_id,
)
from annotator.store import (
    bulk,
    codec,
    notes,
)
from annotator.store.edits import now
from annotator.store.errors import NotFound, StoreError
from annotator.store.migrations import SEARCH_INDEX_CHARS
from annotator.store.parts.base import StoreBase

if TYPE_CHECKING:
    from annotator.suggest.run import ArticleSource


class ArticlesPart(StoreBase):
    def add_articles(self, articles: Iterable[Article]) -> tuple[int, int]:
        """Insert the articles not yet present, in one transaction: (inserted, already present).

        Every id is checked first (model.check_article_id: ids name files in exports); one
        illegal id refuses the whole batch and nothing is written."""
        return self.add_encoded_articles([bulk.encode_article(a) for a in articles])

    def add_encoded_articles(self, articles: Sequence[bulk.EncodedArticle]) -> tuple[int, int]:
        """`add_articles` of articles a worker process encoded (bulk.encode_article)."""
        for article in articles:
            try:
                check_article_id(article.id)
            except ValueError as error:
                raise StoreError(
                    "refused {source!r}: {error}", source=article.source, error=error
                ) from None
        if not articles:
            return 0, 0
        with self._writing() as conn:
            inserted = bulk.insert_articles(conn, articles, now())
        return inserted, len(articles) - inserted

    def has_article(self, article_id: str) -> bool:
        with self._reading() as conn:
            return (
                conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
                is not None
            )

    def get_article(self, article_id: str) -> Article:
        with self._reading() as conn:
            row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(
                "no article {article_id} in {where}", article_id=article_id, where=self._where
            )
        return codec.article_from_row(row)

    def article_text(self, article_id: str) -> str:
        with self._reading() as conn:
            row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(
                "no article {article_id} in {where}", article_id=article_id, where=self._where
            )
        return str(row["text"])

    def iter_articles(self) -> Iterator[Article]:
        for article_id in self.article_ids():
            yield self.get_article(article_id)

    def article_reader(self) -> Callable[[], ArticleSource] | None:
        """A picklable opener of this database, read-only, for a worker process to read its
        articles itself instead of receiving them pickled; None for a database in memory."""
        if self.path is None:
            return None
        return functools.partial(
            type(self).open, self.path, read_only=True, busy_timeout=self.busy_timeout
        )

    def iter_article_texts(self) -> Iterator[ArticleText]:
        """Every article's id, outlet and text, in list order: what a pass over the corpus
        needs, read IN_CHUNK rows a query without decoding offset maps and blocks."""
        for chunk in bulk.in_chunks(self.article_ids()):
            marks = ",".join("?" for _ in chunk)
            with self._reading() as conn:
                rows = conn.execute(
                    f"SELECT id, outlet, text FROM articles WHERE id IN ({marks})", chunk
                ).fetchall()
            found = {row["id"]: row for row in rows}
            for article_id in chunk:
                if article_id in found:  # removed since the ids were read
                    yield codec.article_text_from_row(found[article_id])

    def count_articles(self) -> int:
        with self._reading() as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def article_ids(
        self,
        *,
        status: Status | None = None,
        annotator: str | None = None,
        search: str | None = None,
        flag: str | None = None,
    ) -> list[str]:
        """Article ids in list order (by source), filtered by one annotator's status, by a
        substring of title or text (trigram index; 1–2 character queries scan instead), and by
        `flag`: "unsure" or "note" on that annotator's set or one of its spans."""
        if status is not None and status not in STATUSES:
            raise StoreError(
                "unknown status {status!r}; expected one of {statuses}",
                status=status, statuses=', '.join(STATUSES)
            )
        if status is not None and annotator is None:
            raise StoreError("a status filter needs the annotator whose status it is")
        clauses: list[str] = []
        params: list[Any] = []
        sql = "SELECT a.id FROM articles a"
        if status is not None:
            sql += " LEFT JOIN annotation_sets s ON s.article_id = a.id AND s.annotator = ?"
            params.append(annotator)
            clauses.append("COALESCE(s.status, 'todo') = ?")
            params.append(status)
        if flag is not None:
            if annotator is None:
                raise StoreError("a flag filter needs the annotator whose flags they are")
            try:
                clauses.append(f"a.id IN ({notes.flagged_clause(flag)})")
            except ValueError as error:
                raise StoreError(str(error)) from None
            params += [annotator, annotator]
        if search:
            clause, pattern = _search_clause(search)
            clauses.append(clause)
            params += [pattern] * clause.count("?")
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY a.source, a.id"
        with self._reading() as conn:
            return [row[0] for row in conn.execute(sql, params)]

    def article_summaries(self, ids: Sequence[str], annotator: str) -> list[ArticleSummary]:
        """The list rows of `ids`, in the order given."""
        found: dict[str, ArticleSummary] = {}
        with self._reading() as conn:
            for chunk in bulk.in_chunks(ids):
                marks = ",".join("?" for _ in chunk)
                rows = conn.execute(
                    f"""SELECT a.id, a.title, a.outlet, a.published,
                               COALESCE(s.status, 'todo') AS status,
                               (SELECT count(*) FROM spans p
                                 WHERE p.article_id = a.id AND p.annotator = ?) AS label_count,
                               (COALESCE(s.unsure, 0) OR EXISTS (SELECT 1 FROM spans p
                                 WHERE p.article_id = a.id AND p.annotator = ?
                                   AND p.unsure = 1)) AS unsure,
                               (s.note IS NOT NULL OR EXISTS (SELECT 1 FROM spans p
                                 WHERE p.article_id = a.id AND p.annotator = ?
                                   AND p.note IS NOT NULL)) AS has_note
                          FROM articles a
                          LEFT JOIN annotation_sets s
                            ON s.article_id = a.id AND s.annotator = ?
                         WHERE a.id IN ({marks})""",
                    [annotator, annotator, annotator, annotator, *chunk],
                )
                for row in rows:
                    values = dict(row)
                    values["unsure"], values["has_note"] = (
                        bool(values["unsure"]),
                        bool(values["has_note"]),
                    )
                    found[row["id"]] = ArticleSummary(**values)
        return [found[i] for i in ids if i in found]

    def stats(self) -> dict[str, Any]:
        with self._reading() as conn:

            def grouped(sql: str) -> dict[str, int]:
                return {str(k): int(v) for k, v in conn.execute(sql)}

            status: dict[str, dict[str, int]] = {}
            for annotator, state, count in conn.execute(
                "SELECT annotator, status, count(*) FROM annotation_sets GROUP BY 1, 2 ORDER BY 1, 2"
            ):
                status.setdefault(annotator, {})[state] = count

            return {
                "articles": conn.execute("SELECT count(*) FROM articles").fetchone()[0],
                "by_script": grouped(
                    "SELECT script, count(*) FROM articles GROUP BY script ORDER BY 2 DESC"
                ),
                "by_outlet": grouped(
                    "SELECT COALESCE(outlet, '(unknown)'), count(*) FROM articles "
                    "GROUP BY 1 ORDER BY 2 DESC"
                ),
                "labels_per_annotator": grouped(
                    "SELECT annotator, count(*) FROM spans GROUP BY annotator ORDER BY annotator"
                ),
                "status": status,
            }

    def integrity_problems(self) -> list[str]:
        """SQLite's integrity check plus ours: every span's text matches its article."""
        with self._reading() as conn:
            problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
            rows = conn.execute(
                'SELECT s.id, s.text, substr(a.text, s.start + 1, s."end" - s.start) AS actual '
                "FROM spans s JOIN articles a ON a.id = s.article_id"
            )
            problems += [
                f"span {r['id']}: stored {r['text']!r}, text says {r['actual']!r}"
                for r in rows
                if r["text"] != r["actual"]
            ]
        return problems


def _search_clause(search: str) -> tuple[str, str]:
    """A WHERE clause on `a` (two `?` for the pattern) finding `search` in title or text.

    From 3 characters the trigram index (see migration 3) narrows LIKE to the rows holding
    every trigram and checks their text, and the texts too long for the index are scanned; the
    index serves only a plain LIKE, one column per query, so a query holding LIKE's own
    wildcards, or a shorter one, scans every text instead."""
    if len(search) >= 3 and not any(c in search for c in "%_\\"):
        return (
            "a.rowid IN (SELECT rowid FROM articles_fts WHERE title LIKE ? "
            "UNION SELECT rowid FROM articles_fts WHERE text LIKE ? "
            f"UNION SELECT rowid FROM articles WHERE length(text) > {SEARCH_INDEX_CHARS} "
            "AND text LIKE ?)",
            f"%{search}%",
        )
    escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "(a.title LIKE ? ESCAPE '\\' OR a.text LIKE ? ESCAPE '\\')", f"%{escaped}%"
