"""CLEANER_VERSION says which cleaner made an article's text: a change in what the cleaner
outputs for some page must come with a new version, or stored articles and fresh imports of the
same page would differ under one version. The cleaner's output over the seeds and the real
pages is pinned here with the version that made it (tests/data/cleaner_output.json, rewritten by
scripts/regenerate_golden.py, which refuses to while the version is the pinned one)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from annotator.cleaning import CLEANER_VERSION, clean_page
from annotator.resources import seeds_dir
from annotator.store.codec import article_row, dumps

DATA = Path(__file__).parent / "data"
PINNED = DATA / "cleaner_output.json"
PAGE_SUFFIXES = (".txt", ".html")


def cleaner_pages() -> list[Path]:
    pages = [*seeds_dir().iterdir(), *(DATA / "real").iterdir()]
    return sorted((p for p in pages if p.suffix in PAGE_SUFFIXES), key=lambda p: p.name)


def cleaner_output_digest() -> str:
    """A digest of every column the cleaner fills for each page (not its version)."""
    digest = hashlib.sha256()
    for page in cleaner_pages():
        row = article_row(clean_page(page.read_bytes(), page.name), imported_at="")
        del row["cleaner_version"]
        digest.update(dumps(row).encode() + b"\n")
    return digest.hexdigest()


def pinned_output() -> dict[str, str]:
    return json.loads(PINNED.read_text(encoding="utf-8"))


def current_output() -> dict[str, str]:
    return {"cleaner_version": CLEANER_VERSION, "digest": cleaner_output_digest()}


def test_a_change_in_the_cleaners_output_comes_with_a_new_cleaner_version() -> None:
    pinned, current = pinned_output(), current_output()
    if pinned["cleaner_version"] == CLEANER_VERSION:
        assert current["digest"] == pinned["digest"], (
            "the cleaner's output changed under the same CLEANER_VERSION: bump it in "
            "annotator/cleaning/pipeline.py, then run scripts/regenerate_golden.py"
        )
    else:
        raise AssertionError(
            f"CLEANER_VERSION is {CLEANER_VERSION}, the pinned output is version "
            f"{pinned['cleaner_version']}: run scripts/regenerate_golden.py"
        )


def test_the_pinned_pages_cover_html_and_text() -> None:
    suffixes = {page.suffix for page in cleaner_pages()}
    assert suffixes == set(PAGE_SUFFIXES) and len(cleaner_pages()) > 10


def test_the_digest_sees_a_change_in_any_column(monkeypatch) -> None:
    import dataclasses

    import test_cleaner_version as this

    cleaned = clean_page

    def title_changed(data: bytes, source: str):  # noqa: ANN202
        article = cleaned(data, source)
        return dataclasses.replace(article, title=(article.title or "") + "!")

    before = cleaner_output_digest()
    monkeypatch.setattr(this, "clean_page", title_changed)
    assert cleaner_output_digest() != before
