"""Import pages, then compute the suggestions the articles read lack: `annotator import` and
the window's File ▸ Import pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator.cleaning import DEFAULT_MAX_BYTES
from annotator.importing import import_paths, officials_finds_spec
from annotator.model import ImportResult
from annotator.store import Store

Progress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True, slots=True)
class PagesImported:
    """What an import did: the pages' result, and the suggestions computed after it."""

    result: ImportResult
    to_suggest: int = 0  # articles read that had no saved suggestions
    suggested: int = 0  # of those, how many got them


class SuggestingInterrupted(KeyboardInterrupt):
    """Ctrl+C (or a cancel) while suggesting: every article imported stays, and every batch
    of suggestions stored; `done` says what the import did."""

    def __init__(self, done: PagesImported) -> None:
        super().__init__("suggesting interrupted")
        self.done = done


def import_pages(
    store: Store,
    paths: Sequence[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    suggest: bool = True,
    jobs: int = 1,
    start_method: str | None = None,
    progress: Progress | None = None,
    suggest_progress: Progress | None = None,
    on_suggesting: Callable[[ImportResult, int], None] | None = None,
) -> PagesImported:
    """Clean and store every page under `paths` (`annotator.importing.import_paths`), then,
    with `suggest`, compute suggestions for the articles read that have none saved: the new
    ones, and present ones an interrupted or suggest-less import left without. Present articles
    whose suggestions are saved are left alone (`recompute_suggestions` redoes those whose
    inputs changed).

    `progress` follows the files, `suggest_progress` (default: `progress`) the articles
    suggested; `on_suggesting(result, count)` is told before suggesting starts. Interrupted
    while importing: `importing.ImportInterrupted`; while suggesting: `SuggestingInterrupted`.
    A process that runs threads (the window) must not fork: pass start_method="forkserver".
    """
    if suggest:  # a lexicon folder that does not fit refuses now, before a page is stored
        from annotator.suggest.run import database_lexicons

        database_lexicons(store)
    read_ids: list[str] = []  # every article of the committed batches, new or present
    result = import_paths(
        store,
        list(paths),
        max_bytes=max_bytes,
        progress=progress,
        on_imported=read_ids.extend,
        jobs=jobs,
        start_method=start_method,
        # the workers also tag each article's officials, which suggesting then finds done
        finds=officials_finds_spec(store) if suggest else None,
    )
    if not suggest:
        return PagesImported(result)
    from annotator.suggest.run import suggest_corpus  # only a suggesting import needs the engine

    saved = store.suggestion_inputs()
    missing = list(dict.fromkeys(i for i in read_ids if i not in saved))
    if on_suggesting is not None:
        on_suggesting(result, len(missing))
    if not missing:
        return PagesImported(result)
    try:
        suggested = suggest_corpus(
            store,
            article_ids=missing,
            progress=suggest_progress or progress,
            jobs=jobs,
            start_method=start_method,
        )
    except KeyboardInterrupt:
        raise SuggestingInterrupted(PagesImported(result, len(missing))) from None
    return PagesImported(result, len(missing), suggested)
