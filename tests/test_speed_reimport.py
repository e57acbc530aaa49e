"""Re-importing pages already stored cleans nothing again (issue 13, "no work twice"): an
article's id is the hash of its page's bytes, so a page whose id is stored is counted as
present without being cleaned; the result, the ids reported and the database are what a
full cleaning gave."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from annotator import importing
from annotator.importing import import_paths
from annotator.resources import seeds_dir
from annotator.store import Store


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for seed in sorted(seeds_dir().iterdir())[:3]:
        shutil.copy(seed, folder / seed.name)
    lines = [{"text": f"第{n}篇。新华社乌鲁木齐电 自治区召开会议。"} for n in range(3)]
    (folder / "many.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines))
    return folder


def counting_cleaner(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    cleaned: list[str] = []
    real = importing.clean_page

    def clean_page(data: bytes, source: str, **options: object):  # noqa: ANN202
        cleaned.append(source)
        return real(data, source, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(importing, "clean_page", clean_page)
    return cleaned


def import_with_ids(store: Store, paths: list[Path], jobs: int = 1):  # noqa: ANN201
    ids: list[str] = []
    result = import_paths(store, paths, on_imported=ids.extend, jobs=jobs, start_method="fork")
    return result, ids


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_page_already_stored_is_not_cleaned_again(
    pages: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    with Store.open(pages.parent / "work.db") as store:
        first, first_ids = import_with_ids(store, [pages])
        assert (first.imported, first.already_present, first.failed) == (6, 0, 0)
        cleaned = counting_cleaner(monkeypatch)
        again, again_ids = import_with_ids(store, [pages], jobs=jobs)
        assert (again.imported, again.already_present, again.failed) == (0, 6, 0)
        assert again_ids == first_ids  # the same ids, in file order, for suggestions they lack
        assert store.count_articles() == 6
    if jobs == 1:  # workers clean in their own processes: only this one is counted
        assert cleaned == []


def test_a_file_with_one_new_page_is_cleaned_whole(
    pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(pages.parent / "work.db") as store:
        import_with_ids(store, [pages])
        with (pages / "many.jsonl").open("a", encoding="utf-8") as file:
            file.write('\n{"text": "第9篇。新华社乌鲁木齐电 自治区召开会议。"}\n')
        cleaned = counting_cleaner(monkeypatch)
        again, ids = import_with_ids(store, [pages])
        assert (again.imported, again.already_present, again.failed) == (1, 6, 0)
        assert len(cleaned) == 4 and all(s.startswith("many.jsonl#") for s in cleaned)
        assert len(ids) == 7 and store.count_articles() == 7


def test_a_stored_page_above_a_lower_limit_is_still_refused(pages: Path) -> None:
    """What a limit refuses is refused whether or not the page was stored before."""
    with Store.open(pages.parent / "work.db") as store:
        import_with_ids(store, [pages])
        biggest = max(pages.iterdir(), key=lambda p: p.stat().st_size)
        result = import_paths(store, [biggest], max_bytes=biggest.stat().st_size - 1)
        assert result.failed == 1 and result.already_present == 0
