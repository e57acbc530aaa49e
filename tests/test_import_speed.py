"""Import and suggest do no work twice, use every core with the same result as one, and stop
cleanly on Ctrl+C (issue 13). Speed itself is measured in `annotator bench`, never here."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from annotator import importing
from annotator.bench.import_pages import _pages, _seed_paragraphs
from annotator.cleaning import clean_page
from annotator.cli import main
from annotator.commands.progress_line import ProgressLine
from annotator.importing import ImportInterrupted, import_paths
from annotator.model import AUTO, AnnotationSet, Article
from annotator.resources import seeds_dir
from annotator.store import Store
from annotator.suggest import inputs as inputs_module
from annotator.suggest.article import suggest_article
from annotator.suggest.corpus import CorpusStats
from annotator.suggest.gazetteer import Gazetteer
from annotator.suggest.inputs import SuggestionInputs
from annotator.suggest.lexicons import Lexicons

SEEDS = len([p for p in seeds_dir().iterdir() if p.suffix in (".txt", ".html")])


@pytest.fixture(scope="module")
def seed_articles() -> list[Article]:
    paths = sorted(p for p in seeds_dir().iterdir() if p.suffix in (".txt", ".html"))
    return [clean_page(p.read_bytes(), p.name) for p in paths]


def auto_heads(db: Path) -> dict[str, str]:
    """article id -> updated_at of its `auto` set."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT article_id, updated_at FROM annotation_sets WHERE annotator = ?", (AUTO,)
        )
        return dict(rows.fetchall())


def command_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM commands").fetchone()[0])


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def recomputed(err: str) -> int:
    """N of `suggestions recomputed for N of M articles`."""
    [line] = [line for line in err.splitlines() if "suggestions recomputed for" in line]
    return int(line.split("recomputed for ")[1].split()[0])


# -- no work twice -------------------------------------------------------------------------------


def test_importing_the_same_pages_again_recomputes_no_suggestion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "work.db"
    assert run_cli(capsys, "--db", str(db), "import", str(seeds_dir()))[0] == 0
    heads, commands = auto_heads(db), command_count(db)
    assert len(heads) == SEEDS

    code, out, err = run_cli(capsys, "--db", str(db), "import", str(seeds_dir()))
    assert code == 0
    assert auto_heads(db) == heads  # no set rewritten
    assert command_count(db) == commands  # and nothing else written either
    assert f"imported 0, already present {SEEDS}" in out
    assert f"{SEEDS} already present, 0 new" in err


def test_reimport_computes_the_suggestions_an_earlier_import_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # an import with --no-suggest (or one interrupted before its suggestions) leaves articles
    # without any; importing the same pages again gives them theirs
    db = tmp_path / "work.db"
    run_cli(capsys, "--db", str(db), "import", "--no-suggest", str(seeds_dir()))
    assert auto_heads(db) == {}
    code, _, err = run_cli(capsys, "--db", str(db), "import", str(seeds_dir()))
    assert code == 0 and len(auto_heads(db)) == SEEDS
    assert f"{SEEDS} already present, 0 new; computing suggestions for {SEEDS}" in err


def test_suggest_recomputes_only_the_articles_whose_inputs_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "work.db"
    run_cli(capsys, "--db", str(db), "import", str(seeds_dir()))
    heads = auto_heads(db)
    assert recomputed(run_cli(capsys, "--db", str(db), "suggest")[2]) == 0
    assert auto_heads(db) == heads

    with Store.open(db) as store:  # a person rejects one suggestion: that article's input
        article_id = sorted(heads)[0]
        span = store.get_annotation_set(article_id, AUTO).spans[0]
        store.reject_suggestion(span.id, "alice")
    assert recomputed(run_cli(capsys, "--db", str(db), "suggest")[2]) == 1
    changed = {i for i, at in auto_heads(db).items() if at != heads[i]}
    assert changed == {article_id}

    assert recomputed(run_cli(capsys, "--db", str(db), "suggest", "--all")[2]) == SEEDS


def test_a_set_replaced_by_something_else_is_recomputed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the fingerprint describes the set it was saved with, not whatever the set became later
    db = tmp_path / "work.db"
    run_cli(capsys, "--db", str(db), "import", str(seeds_dir()))
    with Store.open(db) as store:
        article_id = store.article_ids()[0]
        store.replace_annotation_set(AnnotationSet(article_id, AUTO))
    assert recomputed(run_cli(capsys, "--db", str(db), "suggest")[2]) == 1
    with Store.open(db) as store:
        assert store.get_annotation_set(article_id, AUTO).spans


def test_changed_lexicons_schema_or_model_change_every_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_articles
) -> None:
    article = seed_articles[0]
    base = SuggestionInputs.of(schema="s", corpus=CorpusStats(), gazetteer=Gazetteer())
    fingerprint = base.fingerprint(article, ())
    assert (
        SuggestionInputs.of(schema="s", corpus=CorpusStats(), gazetteer=Gazetteer()).fingerprint(
            article, ()
        )
        == fingerprint
    )  # stable, or nothing would ever be skipped
    other_schema = SuggestionInputs.of(schema="t", corpus=CorpusStats(), gazetteer=Gazetteer())
    assert other_schema.fingerprint(article, ()) != fingerprint
    lexicons = Lexicons.load()
    fewer = lexicons.with_entries({"titles": lexicons.titles[1:]})
    given = SuggestionInputs.of(schema="s", corpus=CorpusStats(), gazetteer=Gazetteer(),
                                lexicons=lexicons)  # fmt: skip
    assert given.fingerprint(article, ()) != SuggestionInputs.of(
        schema="s", corpus=CorpusStats(), gazetteer=Gazetteer(), lexicons=fewer
    ).fingerprint(article, ())
    assert base.fingerprint(article, {("OFFICIAL", 0, 2, "xx")}) != fingerprint

    copy = tmp_path / "resources"
    shutil.copytree(inputs_module.resource_path(), copy)
    monkeypatch.setattr(inputs_module, "resource_path", lambda *parts: copy.joinpath(*parts))
    same = SuggestionInputs.of(schema="s", corpus=CorpusStats(), gazetteer=Gazetteer())
    assert same.fingerprint(article, ()) == fingerprint
    for changed in (copy / "models" / "person.crfsuite", copy / "lexicons" / "titles.txt"):
        original = changed.read_bytes()
        changed.write_bytes(original + b"\n")
        moved = SuggestionInputs.of(schema="s", corpus=CorpusStats(), gazetteer=Gazetteer())
        assert moved.fingerprint(article, ()) != fingerprint, changed.name
        changed.write_bytes(original)


def _gazetteers(seed_articles) -> Iterator[Gazetteer]:
    """Gazetteers of names that occur in some seeds and not others, and of their lines."""
    names: dict[str, tuple[str, ...]] = {}
    lines: dict[str, str] = {}
    for article in seed_articles:
        draft = suggest_article(article)
        names.update({o.name: o.titles for o in draft.officials})
        for span in draft.region_spans()[:3]:
            lines[article.text[span.start : span.end].split("\n")[0].strip()] = "navigation"
    yield Gazetteer(officials=dict(list(names.items())[:5]))
    yield Gazetteer(officials=names, boilerplate=lines)


def test_what_the_fingerprint_leaves_out_never_changes_a_suggestion(seed_articles) -> None:
    """The corpus statistics and the gazetteer enter an article's fingerprint only where the
    article reads them. Whenever the fingerprint stays the same under another corpus or
    gazetteer, the suggestions must stay the same too (and some must change, or the test
    proves nothing)."""
    corpora = [
        CorpusStats(),
        CorpusStats.from_articles(seed_articles),
        CorpusStats.from_articles(seed_articles[1:] * 3),  # enough repeats to call furniture
    ]
    settings = [(c, g) for c in corpora for g in [Gazetteer(), *_gazetteers(seed_articles)]]
    differing = 0
    for article in seed_articles:
        seen: dict[str, object] = {}
        for corpus, gazetteer in settings:
            inputs = SuggestionInputs.of(schema="s", corpus=corpus, gazetteer=gazetteer)
            draft = suggest_article(article, corpus=corpus, gazetteer=gazetteer)
            result = (draft.spans, draft.officials, draft.events)
            fingerprint = inputs.fingerprint(article, ())
            assert seen.setdefault(fingerprint, result) == result
        differing += len(seen) - 1
    assert differing > 0


# -- all cores -----------------------------------------------------------------------------------


@pytest.fixture
def corpus_folder(tmp_path: Path) -> Path:
    """The seeds, generated HTML and text pages (some Traditional), a .jsonl and a bad file."""
    folder = tmp_path / "pages"
    shutil.copytree(seeds_dir(), folder / "seeds")
    pools = _seed_paragraphs()
    for kind in ("html", "text"):
        for page in _pages(kind, 14, pools):
            path = folder / "generated" / page.source
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(page.data)
    (folder / "generated" / "bench" / "000007.html").write_bytes(b"")  # refused alone
    lines = [f'{{"text": "第{n}篇新闻正文,今天天气很好。"}}' for n in range(3)]
    (folder / "more.jsonl").write_text("\n".join(lines), encoding="utf-8")
    return folder


def database_content(db: Path) -> dict[str, list]:
    """Every table that import and suggest write, in insertion order, without timestamps."""
    tables = {
        "articles": "SELECT id, source, text, blocks FROM articles ORDER BY rowid",
        "spans": 'SELECT id, article_id, annotator, label, start, "end", rule FROM spans ORDER BY id',
        "officials": "SELECT id, article_id, name, titles, mentions FROM officials ORDER BY id",
        "events": "SELECT id, article_id, type, date, participants, evidence FROM events ORDER BY id",
        "inputs": "SELECT key, substr(value, 1, 64) FROM settings WHERE key LIKE 'suggestion%' "
        "ORDER BY key",
    }
    with sqlite3.connect(db) as conn:
        return {name: conn.execute(sql).fetchall() for name, sql in tables.items()}


def test_two_jobs_store_exactly_what_one_job_stores(
    tmp_path: Path, corpus_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = {}
    for jobs in ("1", "2"):
        db = tmp_path / f"jobs{jobs}.db"
        code, out, err = run_cli(
            capsys, "--db", str(db), "import", "--jobs", jobs, str(corpus_folder)
        )
        failed = [line for line in err.splitlines() if line.startswith("failed:")]
        results[jobs] = (code, out, failed, database_content(db))
    assert results["1"] == results["2"]
    code, out, failed, content = results["2"]
    assert code == 1 and "failed 1" in out
    assert len(failed) == 1 and "000007.html" in failed[0] and "empty" in failed[0]
    assert len(content["articles"]) == SEEDS + 2 * 14 - 1 + 3
    assert len(content["inputs"]) == len(content["articles"])  # every article suggested


def test_import_paths_in_worker_processes_reports_each_refusal_in_file_order(
    corpus_folder: Path,
) -> None:
    (corpus_folder / "generated" / "bench" / "000003.txt").write_bytes(b" \n ")
    outcomes = []
    for jobs in (1, 2):
        with Store.open(memory=True) as store:
            ids: list[str] = []
            result = import_paths(store, [corpus_folder], on_imported=ids.extend, jobs=jobs)
            outcomes.append((result, ids, store.article_ids()))
    assert outcomes[0] == outcomes[1]
    result = outcomes[1][0]
    assert [Path(p).name for p, _ in result.failures] == ["000003.txt", "000007.html"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_keeps_every_committed_batch_and_says_what_it_holds(
    tmp_path: Path, corpus_folder: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(importing, "BATCH_SIZE", 4)
    committed: list[str] = []

    def interrupt(done: int, total: int) -> None:
        if done == 11:
            raise KeyboardInterrupt

    with Store.open(tmp_path / "work.db") as store:
        with pytest.raises(ImportInterrupted) as stop:
            import_paths(
                store, [corpus_folder], progress=interrupt, on_imported=committed.extend, jobs=jobs
            )
        kept = store.article_ids()
    assert stop.value.result.imported == len(kept) == len(committed) > 0
    assert set(kept) == set(committed)  # what the batches told, nothing of the one being filled
    if jobs == 1:  # with workers, a batch is also committed whenever the writer waits for them
        assert len(kept) % 4 == 0
    with Store.open(tmp_path / "work.db") as store:  # the same import again finishes the work
        again = import_paths(store, [corpus_folder], jobs=jobs)
    assert again.already_present == len(kept)


def test_the_progress_line_gives_the_rate_and_the_time_left() -> None:
    now = [100.0]
    stream = io.StringIO()
    line = ProgressLine("importing", "files", stream=stream, clock=lambda: now[0])
    now[0] = 104.0
    line(100, 500)
    assert "importing 100/500, 25.0 files/s, 0:00:16 left" in stream.getvalue()
    now[0] = 104.1
    line(101, 500)  # within half a second: not redrawn
    assert "101/500" not in stream.getvalue()
    now[0] = 120.0
    line(500, 500)
    assert stream.getvalue().endswith("importing 500/500, 25.0 files/s   \n")


@pytest.mark.gui
def test_the_window_imports_through_the_same_path_without_forking_itself(
    tmp_path: Path, corpus_folder: Path
) -> None:
    from annotator.gui.workers import BackgroundJob

    db = tmp_path / "window.db"
    Store.open(db).close()
    job = BackgroundJob.import_pages(db, [corpus_folder], suggest=True)
    messages: list[str] = []
    job.signals.finished.connect(messages.append)
    job.signals.failed.connect(messages.append)
    job.run()  # what the thread pool runs; worker processes come from a fork server
    assert messages == [f"imported {SEEDS + 2 * 14 - 1 + 3} articles, 1 failed"]
    cli_db = tmp_path / "cli.db"
    assert main(["--db", str(cli_db), "import", "--jobs", "1", str(corpus_folder)]) == 1
    assert database_content(db) == database_content(cli_db)


def test_suggestion_inputs_cross_to_a_spawned_worker_intact(seed_articles) -> None:
    import pickle

    [gazetteer, *_] = _gazetteers(seed_articles)
    inputs = SuggestionInputs.of(
        schema="s", corpus=CorpusStats.from_articles(seed_articles), gazetteer=gazetteer
    )
    copy = pickle.loads(pickle.dumps(inputs))
    assert copy.fingerprint(seed_articles[0], ()) == inputs.fingerprint(seed_articles[0], ())
    assert dict(copy.gazetteer.officials) == dict(gazetteer.officials)


def _squarer(offset: int):  # noqa: ANN202 - a worker's function factory, as annotator.pool wants
    def square(item: int) -> int:
        if item == 13:
            raise ValueError("thirteen")
        return item * item + offset

    return square


def test_ordered_map_keeps_order_bounds_what_is_in_flight_and_raises_at_the_item() -> None:
    from annotator.pool import IN_FLIGHT_PER_JOB, ordered_map

    pulled = 0

    def items(count: int) -> Iterator[int]:
        nonlocal pulled
        for item in range(100, 100 + count):  # 13 raises: not among them
            pulled += 1
            yield item

    count = 4 * 2 * IN_FLIGHT_PER_JOB  # more than two workers may hold
    results = ordered_map(_squarer, (1,), items(count), jobs=2, start_method="fork")
    assert next(results) == 100 * 100 + 1
    assert pulled <= 2 * IN_FLIGHT_PER_JOB  # not the whole input read ahead
    assert list(results) == [i * i + 1 for i in range(101, 100 + count)]
    failing = ordered_map(_squarer, (0,), range(20), jobs=2, start_method="fork")
    assert [next(failing) for _ in range(13)] == [i * i for i in range(13)]
    with pytest.raises(ValueError, match="thirteen"):
        next(failing)


def test_ctrl_c_in_the_command_says_what_was_kept(
    tmp_path: Path,
    corpus_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from annotator.commands import import_pages

    class Interrupting(ProgressLine):
        def __call__(self, done: int, total: int) -> None:
            if done == 11:
                raise KeyboardInterrupt

    monkeypatch.setattr(importing, "BATCH_SIZE", 4)
    monkeypatch.setattr(import_pages, "ProgressLine", Interrupting)
    db = tmp_path / "work.db"
    code, out, err = run_cli(capsys, "--db", str(db), "import", "--jobs", "2", str(corpus_folder))
    with Store.open(db) as store:
        kept = store.count_articles()
    assert code == 130 and out == ""
    assert kept > 0 and f"interrupted: {kept} new article(s)" in err


def test_a_batch_of_suggestions_is_written_whole_or_not_at_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from annotator.store import StoreError

    db = tmp_path / "work.db"
    run_cli(capsys, "--db", str(db), "import", "--no-suggest", str(seeds_dir()))
    with Store.open(db) as store:
        first, second = store.article_ids()[:2]
        good = suggest_article(store.get_article(first))
        bad = replace(suggest_article(store.get_article(second)), events=())
        bad = replace(bad, spans=(replace(bad.spans[0], start=0, end=10**6),))
        with pytest.raises(StoreError):
            store.replace_suggestions([good, bad], {first: "a", second: "b"})
        assert store.suggestion_inputs() == {}
        assert not store.has_annotation_set(first, AUTO)
        store.replace_suggestions([good], {first: "a"})
        assert store.suggestion_inputs() == {first: "a"}
        assert store.get_annotation_set(first, AUTO).spans


def _built_where(_: object) -> Callable[[int], int]:
    built_in = os.getpid()  # the process that ran `make`

    def where(item: int) -> int:
        return built_in

    return where


def test_forked_workers_inherit_the_function_built_once_by_the_writer() -> None:
    """Models and lexicons are loaded once for all workers, not once in each: with fork, the
    function is built here and every worker uses that one."""
    from annotator.pool import ordered_map

    built = set(ordered_map(_built_where, (None,), range(40), jobs=2, start_method="fork"))
    assert built == {os.getpid()}


@pytest.mark.slow
def test_workers_that_are_not_forked_build_the_function_themselves() -> None:
    """The window must not fork: with spawn, `make` is pickled to each worker, which builds the
    function there; the results are the same."""
    from annotator.pool import ordered_map

    built = set(ordered_map(_built_where, (None,), range(40), jobs=2, start_method="spawn"))
    assert built and os.getpid() not in built
    squares = ordered_map(_squarer, (1,), range(12), jobs=2, start_method="spawn")
    assert list(squares) == [i * i + 1 for i in range(12)]
