"""Who labels what: a deterministic split of a batch of articles among annotators, with a share
given to two of them so every pair's agreement can be measured. Pure: ids in, plan out."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations, cycle


@dataclass(frozen=True, slots=True)
class Plan:
    """article id -> the annotators it goes to (one, or two for the overlap)."""

    batch: int  # the batch number this plan hands out (1 for the first)
    given: dict[str, tuple[str, ...]]

    def of(self, annotator: str) -> list[str]:
        return [article for article, names in self.given.items() if annotator in names]

    def overlap(self) -> dict[tuple[str, str], int]:
        pairs: Counter[tuple[str, str]] = Counter()
        for names in self.given.values():
            if len(names) == 2:
                pairs[names] += 1  # type: ignore[index]
        return dict(pairs)


def plan_batch(
    candidates: Sequence[str],
    annotators: Sequence[str],
    *,
    overlap: float,
    size: int,
    seed: int,
    batch: int = 1,
) -> Plan:
    """Take `size` of `candidates` (in a seeded shuffle of their sorted order, so the same
    inputs give the same plan on every machine); give `overlap` of them to two annotators,
    cycling through every pair, and the rest to one each, always to the least loaded."""
    if len(set(annotators)) != len(annotators) or not annotators:
        raise ValueError(f"name each annotator once: {list(annotators)}")
    if not 0.0 <= overlap <= 1.0:
        raise ValueError(f"--overlap is a share between 0 and 1, not {overlap}")
    if overlap > 0 and len(annotators) < 2:
        raise ValueError("an overlap needs two annotators or more")
    pool = sorted(candidates)
    random.Random(f"{seed}:{batch}").shuffle(pool)
    chosen = pool[:size]
    doubled = round(overlap * len(chosen))
    load: Counter[str] = Counter({name: 0 for name in annotators})
    given: dict[str, tuple[str, ...]] = {}
    pairs = cycle(combinations(annotators, 2)) if doubled else iter(())
    for article in chosen[:doubled]:
        pair = next(pairs)
        given[article] = pair
        load.update(pair)
    for article in chosen[doubled:]:
        name = min(annotators, key=lambda n: (load[n], annotators.index(n)))
        given[article] = (name,)
        load[name] += 1
    return Plan(batch, given)
