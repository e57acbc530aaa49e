"""With worker processes, the one writer stores what it holds whenever it would otherwise wait
for them, so that little is left to write once they are done (annotator.pool's `idle`)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator import importing, pool
from annotator.importing import import_paths
from annotator.model import AUTO
from annotator.pool import CHUNK, ordered_map
from annotator.store import Store
from annotator.suggest import run

SLOW = 1.0  # seconds one item takes: far longer than the other items together


def _slow_at(slow_item: int) -> Callable[[int], int]:
    def square(item: int) -> int:
        if item == slow_item:
            time.sleep(SLOW)
        return item * item

    return square


@pytest.mark.parametrize("jobs", [1, 2])
def test_idle_is_called_between_results_only_while_workers_are_busy(jobs: int) -> None:
    consumed: list[int] = []
    waits: list[int] = []  # how many results had been taken at each call
    slow = 3 * CHUNK  # the first item of the fourth task
    results = ordered_map(
        _slow_at, (slow,), range(6 * CHUNK), jobs=jobs, start_method="fork",
        idle=lambda: waits.append(len(consumed)),
    )  # fmt: skip
    for result in results:
        consumed.append(result)
    assert consumed == [i * i for i in range(6 * CHUNK)]
    if jobs == 1:
        assert waits == []  # nothing to wait for: the work runs here
    else:
        assert slow in waits  # every result before the slow one was taken, then it waited
        assert all(0 <= w <= len(consumed) for w in waits)


def _pages(folder: Path, count: int) -> Path:
    folder.mkdir()
    for number in range(count):
        text = f"第{number}篇新闻\n本报记者报道,这是第{number}篇文章的正文,今天天气很好。\n"
        (folder / f"p{number:02d}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def slow_tenth_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cleaning p10.txt takes SLOW seconds (forked workers inherit the patch)."""
    clean = importing._clean_pages

    def slowly(pages: list, *, max_bytes: int) -> list:  # type: ignore[type-arg]
        if any(page.source == "p10.txt" for page in pages):
            time.sleep(SLOW)
        return clean(pages, max_bytes=max_bytes)

    monkeypatch.setattr(importing, "_clean_pages", slowly)
    monkeypatch.setattr(pool, "MIN_IDLE_BATCH", 2)


@pytest.mark.usefixtures("slow_tenth_page")
@pytest.mark.parametrize("jobs", [1, 2])
def test_the_import_stores_the_pages_before_a_slow_one_while_it_waits(
    tmp_path: Path, jobs: int
) -> None:
    folder = _pages(tmp_path / "pages", 16)
    batches: list[list[str]] = []
    with Store.open(tmp_path / "work.db") as store:
        result = import_paths(
            store, [folder], on_imported=batches.append, jobs=jobs, start_method="fork"
        )
        stored = store.article_ids()  # by source: p00 to p15, their file order
        heads = [store.get_article(i).text.split("\n")[0] for i in stored]
    assert result.imported == 16 and result.failures == ()
    assert [a for batch in batches for a in batch] == stored  # in file order, each id once
    assert heads == [f"第{n}篇新闻" for n in range(16)]
    if jobs == 1:
        assert len(batches) == 1  # BATCH_SIZE (50) holds them all
    else:
        assert len(batches) > 1
        assert len(batches[0]) <= 10  # stored while p10 was being cleaned


def _counted(store: Store, writes: dict[int, int], jobs: int) -> Callable[..., None]:
    """The store's replace_suggestions, counting its calls in `writes[jobs]`."""
    replace = store.replace_suggestions

    def counted(*args: object, **kwargs: object) -> None:
        writes[jobs] = writes.get(jobs, 0) + 1
        replace(*args, **kwargs)  # type: ignore[arg-type]

    return counted


@pytest.mark.usefixtures("slow_tenth_page")
def test_suggestions_are_written_while_a_worker_is_slow_and_match_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _pages(tmp_path / "pages", 16)
    suggest = run.suggest_article

    def slowly(article, **kwargs):  # type: ignore[no-untyped-def]
        if article.text.startswith("第10篇新闻\n"):
            time.sleep(SLOW)
        return suggest(article, **kwargs)

    monkeypatch.setattr(run, "suggest_article", slowly)
    monkeypatch.setattr(pool, "MIN_IDLE_BATCH", 2)
    writes: dict[int, int] = {}
    sets = {}
    for jobs in (1, 2):
        with Store.open(tmp_path / f"jobs{jobs}.db") as store:
            import_paths(store, [folder])
            monkeypatch.setattr(store, "replace_suggestions", _counted(store, writes, jobs))
            assert run.suggest_corpus(store, jobs=jobs, start_method="fork") == 16
            sets[jobs] = [
                [(s.label, s.start, s.end) for s in store.get_annotation_set(i, AUTO).spans]
                for i in store.article_ids()
            ]
    assert writes[1] == 1 and writes[2] > 1
    assert sets[2] == sets[1] and any(sets[1])
