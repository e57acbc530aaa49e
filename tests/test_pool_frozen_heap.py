"""Forked workers leave the writer's objects alone: annotator.pool freezes the heap (gc.freeze)
while it forks its workers, who keep it frozen; the writer gets its objects back at once."""

from __future__ import annotations

import gc
from collections.abc import Callable

from annotator.pool import CHUNK, ordered_map


def _freeze_count(_: object) -> Callable[[int], int]:
    def count(_item: int) -> int:
        return gc.get_freeze_count()

    return count


def test_forked_workers_keep_the_writers_objects_frozen_and_the_writer_does_not() -> None:
    assert gc.get_freeze_count() == 0
    results = ordered_map(_freeze_count, (None,), range(12 * CHUNK), jobs=2, start_method="fork")
    in_workers = [next(results)]
    assert gc.get_freeze_count() == 0  # the map is under way, abandoned or not: nothing held
    in_workers += list(results)
    assert len(in_workers) == 12 * CHUNK and min(in_workers) > 0
    assert gc.get_freeze_count() == 0


def test_a_freeze_made_by_someone_else_is_left_in_place() -> None:
    gc.freeze()
    try:
        assert list(ordered_map(_freeze_count, (None,), range(8), jobs=2, start_method="fork"))
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_one_job_freezes_nothing() -> None:
    assert list(ordered_map(_freeze_count, (None,), range(3), jobs=1)) == [0, 0, 0]
