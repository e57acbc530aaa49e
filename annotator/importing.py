"""Import scraped pages into the store: walk paths, clean each page, insert in batches.

Each file is all-or-nothing: a page that cannot be cleaned (or a `.jsonl` file with one bad line)
is reported with its reason and nothing of that file is stored; the other files go on. Import is
idempotent because an article's id is the hash of its bytes.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from annotator.cleaning import DEFAULT_MAX_BYTES, CleaningError, clean_page
from annotator.messages import Explained, Message
from annotator.model import Article, ImportResult, article_id_for
from annotator.pool import ordered_map, write_while_waiting
from annotator.safe_json import JsonRefused, load_json
from annotator.store import StoreError
from annotator.store.bulk import EncodedArticle, encode_article
from annotator.suggest.person_tagger import Learned
from annotator.suggest.tagged_officials import CACHE_FAMILY, FindsSpec, OfficialsCache

PAGE_SUFFIXES: dict[str, Literal["text", "html"] | None] = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": None,  # one page per line: {"text" or "html", "url"?, "title"?}
}
# Articles per transaction: one sync to disk per batch instead of per page (~6 ms here: 0.1 ms
# an article), and small enough that with worker processes the writer stores while they clean,
# not everything once they are done.
BATCH_SIZE = 50
MIN_FILES_PER_JOB = 4  # fewer files than this per worker: starting workers costs more than it saves
JSONL_FILE_FACTOR = 50  # a .jsonl file holds many pages: its limit is this many pages' worth

# CR, LF and CRLF: JSON forbids them raw inside a string, so a line ends at each. Not
# str.splitlines(): it also cuts at U+2028, U+0085 and others a JSON string may hold raw.
_LINE_BREAK = re.compile(r"\r\n?|\n")

Progress = Callable[[int, int], None]  # (files done, files in all)


class ArticleSink(Protocol):
    def add_encoded_articles(self, articles: Sequence[EncodedArticle]) -> tuple[int, int]: ...
    def article_ids(self) -> list[str]: ...


class ImportInterrupted(KeyboardInterrupt):
    """Ctrl+C during an import: `result` counts what the committed batches hold."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__("import interrupted")
        self.result = result


class FileRefused(Explained):
    """A whole file is refused; the message says why, for a person."""


@dataclass(frozen=True, slots=True)
class _Page:
    data: bytes
    source: str
    kind: Literal["text", "html"] | None
    url: str | None = None
    title: str | None = None


def find_page_files(paths: Sequence[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to import (folders walked recursively, known suffixes only) and paths refused.
    Whether each file is a regular one is `read_pages`'s question: it must be asked on the file
    it opens."""
    found: list[Path] = []
    refused: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += _walk(path, refused)
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            refused.append((printable(str(path)), "no such file or folder"))
    return found, refused


def _walk(folder: Path, refused: list[tuple[str, str]]) -> list[Path]:
    """Page files under `folder`, in name order; a folder that cannot be listed is added to
    `refused` (os.walk would skip it silently), and so is a link to a folder."""

    def unlisted(error: OSError) -> None:
        where = printable(str(error.filename or folder))
        refused.append((where, f"cannot list this folder: {error.strerror or error}"))

    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=unlisted):
        dirs.sort()
        refused += [  # not followed (a link to a parent would loop), but not skipped silently
            (printable(os.path.join(root, name)), "a link to a folder: not followed")
            for name in dirs
            if os.path.islink(os.path.join(root, name)) and not name.startswith(".")
        ]
        found += [
            Path(root, name)
            for name in sorted(files)
            if Path(name).suffix.lower() in PAGE_SUFFIXES and not name.startswith(".")
        ]
    return found


def printable(name: str) -> str:
    """A file name as text that can be stored, printed and shown anywhere. Names that are not
    UTF-8 (a zip made on Windows: GBK names) reach Python as lone surrogates, which no UTF-8
    writer accepts; their bytes are written as `\\xd0`."""
    try:
        raw = os.fsencode(name)
    except UnicodeEncodeError:  # a surrogate that stands for no byte: not from the file system
        raw = name.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


def read_pages(path: Path, *, max_bytes: int) -> list[_Page]:
    """The pages one file holds; FileRefused when the file cannot be used as a whole."""
    suffix = path.suffix.lower()
    limit = max_bytes * (JSONL_FILE_FACTOR if suffix == ".jsonl" else 1)
    data = read_regular_file(path, limit)
    name = printable(path.name)
    if suffix == ".jsonl":
        return list(_jsonl_pages(data, name))
    return [_Page(data, name, PAGE_SUFFIXES.get(suffix))]


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of `path` (symlinks followed) if it is a regular file of at most `limit` bytes.

    The kind is checked before opening, because opening a FIFO waits for a writer and opening a
    device may act; and again on the open descriptor, in case the name changed in between
    (O_NONBLOCK keeps that open from waiting). The read stops after `limit + 1` bytes: /proc
    files, files still being written and devices hold more than their size says."""
    if limit < 0:
        raise ValueError(f"a read limit cannot be negative ({limit})")  # read(-n) reads all
    try:
        _refuse_irregular(os.stat(path).st_mode)
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
        with open(descriptor, "rb") as file:
            status = os.fstat(descriptor)
            _refuse_irregular(status.st_mode)
            if status.st_size > limit:
                raise FileRefused(_over_limit(_size(status.st_size), limit))
            data = file.read(limit + 1)
    except OSError as error:
        raise FileRefused("cannot read: {reason}", reason=error.strerror or error) from None
    if len(data) > limit:
        raise FileRefused(_over_limit(f"more than {_size(limit)}", limit))
    return data


def _refuse_irregular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        kinds = [(stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                 (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
                 (stat.S_ISDIR, "a folder")]  # fmt: skip
        kind = next((name for test, name in kinds if test(mode)), "not a file")
        raise FileRefused("not a regular file ({kind})", kind=kind)


def _over_limit(size: str, limit: int) -> Message:
    return Message(
        "{size} is above the limit of {limit} (change it with --max-bytes)",
        size=size, limit=_size(limit),
    )


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count:,} bytes"


def _jsonl_pages(data: bytes, name: str) -> Iterator[_Page]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(
            "a .jsonl file must be UTF-8 ({reason} at byte {start})",
            reason=error.reason, start=error.start
        ) from None
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        if not line.strip():
            continue
        try:
            record = load_json(line)  # bounded depth, no lone surrogates
        except JsonRefused as error:
            raise FileRefused("line {number}: {error}", number=number, error=error) from None
        if not isinstance(record, dict):
            raise FileRefused(
                "line {number}: expected an object with `text` or `html`", number=number
            )
        body = record.get("html", record.get("text"))
        if not isinstance(body, str):
            raise FileRefused("line {number}: needs a string `text` or `html`", number=number)
        url, title = record.get("url"), record.get("title")
        yield _Page(
            data=body.encode("utf-8"),  # load_json let no lone surrogate through
            source=url if isinstance(url, str) and url else f"{name}#{number}",
            kind="html" if "html" in record else "text",
            url=url if isinstance(url, str) else None,
            title=title if isinstance(title, str) else None,
        )


def clean_file(path: Path, *, max_bytes: int) -> list[Article]:
    """Every page of the file as an article, or FileRefused naming the first failure."""
    return _clean_pages(read_pages(path, max_bytes=max_bytes), max_bytes=max_bytes)


def _clean_pages(pages: list[_Page], *, max_bytes: int) -> list[Article]:
    articles: list[Article] = []
    for number, page in enumerate(pages, start=1):
        try:
            articles.append(
                clean_page(
                    page.data,
                    page.source,
                    kind=page.kind,
                    url=page.url,
                    title=page.title,
                    max_bytes=max_bytes,
                )
            )
        except CleaningError as error:
            if len(pages) > 1:
                raise FileRefused("page {number}: {error}", number=number, error=error) from None
            raise FileRefused(error.message) from None
    if not articles:
        raise FileRefused("holds no page")
    return articles


def _same_file(path: Path, other: Path) -> bool:
    """By identity (stat), so another name or a hard link of the same file counts too."""
    try:
        return os.path.samefile(path, other)
    except OSError:
        return False


# A file's articles, encoded for the store by the worker, and, with a FindsSpec, each text's
# tagged officials (text key -> JSON) and the sentences the worker's tagger read for them (see
# PersonTagger.learned)
Cleaned = tuple[list[EncodedArticle], dict[str, str], list[Learned]]


@dataclass(frozen=True, slots=True)
class StoredAlready:
    """A file whose every page is stored already (by id: the hash of its bytes): not cleaned
    again, its pages counted as present."""

    ids: tuple[str, ...]


def _cleaner(
    max_bytes: int, finds: FindsSpec | None = None, stored: frozenset[str] = frozenset()
) -> Callable[[Path], Cleaned | StoredAlready | str]:
    """What a worker applies to each file: its articles, or why the file is refused (an
    exception would stop the whole import; a refusal is one file's). With `finds`, the
    worker also tags each article's officials, which the corpus pass of the suggestions
    would otherwise do afterwards, in one process. A file whose pages all have their id in
    `stored` (and are within the limit, which refuses them whether stored or not) is not
    cleaned: importing a folder again costs reading and hashing it, not cleaning it again."""
    collector = finds.collector() if finds is not None else None

    def clean(path: Path) -> Cleaned | StoredAlready | str:
        try:
            pages = read_pages(path, max_bytes=max_bytes)
            ids = tuple(article_id_for(page.data) for page in pages)
            if ids and set(ids) <= stored and all(len(p.data) <= max_bytes for p in pages):
                return StoredAlready(ids)
            articles = _clean_pages(pages, max_bytes=max_bytes)
        except FileRefused as error:
            return error.message  # the same text, keeping its template for the window
        encoded = [encode_article(a) for a in articles]
        if collector is None or finds is None:
            return encoded, {}, []
        found = dict(collector.encoded_finds(a.text) for a in articles)
        return encoded, found, finds.learned()

    return clean


def officials_finds_spec(store: object) -> FindsSpec:
    """The tagger and lexicons the suggestions' corpus pass will use on `store` (as
    annotator.suggest.run.corpus_inputs chooses them), for `import_paths(finds=...)`. Should
    the two ever differ, the finds are kept under another key and merely not used."""
    from annotator.suggest.run import database_lexicons, own_tagger_model
    from annotator.suggest.user_lexicons import rules_lexicons

    rules = rules_lexicons(database_lexicons(store))  # type: ignore[arg-type]
    model = own_tagger_model(store)  # type: ignore[arg-type]
    return FindsSpec(str(model) if model else None, rules)


def import_paths(
    store: ArticleSink,
    paths: Sequence[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    on_imported: Callable[[list[str]], None] | None = None,
    jobs: int = 1,
    start_method: str | None = None,
    finds: FindsSpec | None = None,
) -> ImportResult:
    """Clean and store every page under `paths`: files are cleaned in `jobs` worker processes
    (annotator.pool), results taken in file order and committed here in batches, so ids and
    order are the same for any number of jobs (batches are not: with workers, one is also
    committed whenever the writer waits for them: see pool.write_while_waiting). `on_imported` receives
    the ids of each committed batch's articles, new or already present (the caller decides
    which need suggestions). Interrupted (Ctrl+C), every committed batch stays and
    ImportInterrupted says what was committed. With `finds` (officials_finds_spec), the
    workers also tag each article's officials and each batch keeps them in the store
    (OfficialsCache), so the suggestions' corpus pass finds them done."""
    files, failures = find_page_files(paths)
    imported = present = 0
    batch: list[EncodedArticle] = []
    batch_files: list[Path] = []
    batch_finds: dict[str, str] = {}
    batch_ids: list[str] = []  # every page of the batch in file order, stored already or not
    skipped = 0  # pages of the batch not cleaned: stored already
    finds_prefix = finds.prefix() if finds is not None else None
    if not isinstance(store, OfficialsCache) or finds_prefix is None:
        finds = None  # nowhere to keep them, or no model to find them with

    def flush() -> None:
        nonlocal imported, present, skipped
        if not batch_ids:
            return
        try:
            added, already = store.add_encoded_articles(batch) if batch else (0, 0)
        except StoreError as error:  # e.g. locked or full: every file of the batch failed
            failures.extend((printable(str(f)), error.message) for f in batch_files)
            present += skipped  # those are stored, written or not
        else:
            imported += added
            present += already + skipped
            if finds is not None and finds_prefix is not None and batch_finds:
                assert isinstance(store, OfficialsCache)
                store.save_cached_values(finds_prefix, batch_finds, family=CACHE_FAMILY)
            if on_imported is not None:
                on_imported(list(dict.fromkeys(batch_ids)))
        batch.clear()
        batch_files.clear()
        batch_finds.clear()
        batch_ids.clear()
        skipped = 0

    database = getattr(store, "path", None)

    def readable(path: Path) -> bool:
        if database is not None and _same_file(path, database):
            # Never opened by hand: closing our descriptor of it would drop the store's locks.
            failures.append((printable(str(path)), "is the database being imported into; not read"))
            return False
        return True

    to_clean = [path for path in files if readable(path)]
    refused_early = len(files) - len(to_clean)
    jobs = min(jobs, max(1, len(to_clean) // MIN_FILES_PER_JOB))
    stored = frozenset(store.article_ids())  # pages with these ids are not cleaned again
    cleaned = ordered_map(
        _cleaner,
        (max_bytes, finds, stored),
        to_clean,
        jobs=jobs,
        start_method=start_method,
        idle=write_while_waiting(lambda: len(batch_ids), flush),
    )
    try:
        for done, (path, outcome) in enumerate(zip(to_clean, cleaned, strict=True), start=1):
            if isinstance(outcome, str):
                failures.append((printable(str(path)), outcome))
            elif isinstance(outcome, StoredAlready):
                batch_ids.extend(outcome.ids)
                skipped += len(outcome.ids)
            else:
                articles, found, learned = outcome
                batch.extend(articles)
                batch_ids.extend(a.id for a in articles)
                batch_finds.update(found)
                if finds is not None and jobs > 1:  # one process: its tagger has them
                    finds.remember(learned)
                batch_files.append(path)
            if len(batch_ids) >= BATCH_SIZE:
                flush()
            if progress is not None:
                progress(refused_early + done, len(files))
        flush()
    except KeyboardInterrupt:  # the batch being written was rolled back; earlier ones stay
        partial = ImportResult(imported=imported, already_present=present, failures=tuple(failures))
        raise ImportInterrupted(partial) from None
    return ImportResult(imported=imported, already_present=present, failures=tuple(failures))
