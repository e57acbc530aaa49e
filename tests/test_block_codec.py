"""The blocks column: runs over the non-blank lines when blocks are one per such line, the
explicit list otherwise; both decode to the same blocks, and anything else is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cleaning import clean_page
from annotator.model import Block
from annotator.store.block_codec import decode_blocks, encode_blocks, non_blank_lines

SEEDS = sorted(Path(__file__).parent.parent.joinpath("seeds").iterdir())
TEXT = "标题\n\n  \n第一段。\n第二段。\n"


def _lines(text: str, path: str = "html/body/p") -> tuple[Block, ...]:
    return tuple(Block(s, e, path) for s, e in non_blank_lines(text))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_a_cleaned_page_s_blocks_are_stored_as_runs_and_read_back_unchanged(seed: Path) -> None:
    article = clean_page(seed.read_bytes(), seed.name)
    stored = json.loads(json.dumps(encode_blocks(article.blocks, article.text)))
    assert isinstance(stored, dict)
    assert decode_blocks(stored, article.text) == article.blocks


def test_lines_with_the_same_evidence_are_one_run() -> None:
    stored = encode_blocks(_lines(TEXT), TEXT)
    assert stored == {"paths": ["html/body/p"], "runs": [[3, 0, 0.0, 0, 0, 0]]}


def test_blocks_that_are_not_one_per_line_are_stored_explicitly() -> None:
    blocks = (Block(0, 1, "p"), Block(7, 10, "div", 0.5, True, False, 2))
    stored = encode_blocks(blocks, TEXT)
    assert isinstance(stored, list)
    assert decode_blocks(stored, TEXT) == blocks


@pytest.mark.parametrize(
    "stored",
    [
        {"paths": ["p"], "runs": [[4, 0, 0.0, 0, 0, 0]]},  # more lines than the text has
        {"paths": ["p"], "runs": [[2, 0, 0.0, 0, 0, 0]]},  # fewer
        {"paths": ["p"], "runs": [[3, 1, 0.0, 0, 0, 0]]},  # no such path
        {"paths": ["p"], "runs": [[0, 0, 0.0, 0, 0, 0], [3, 0, 0.0, 0, 0, 0]]},
        {"paths": ["p"], "runs": [[3, 0, "x", 0, 0, 0]]},
        {"paths": [1], "runs": [[3, 0, 0.0, 0, 0, 0]]},
        {"paths": ["p"], "runs": {}},
        {"paths": ["p"]},
        [[0, 1, "p", 0.0, 0, 0]],
        "blocks",
    ],
)
def test_a_column_annotator_never_writes_is_refused(stored: object) -> None:
    with pytest.raises(ValueError):
        decode_blocks(stored, TEXT)
