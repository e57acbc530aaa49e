"""The blocks column: runs over the non-blank lines when blocks are one per such line, the
explicit list otherwise; both decode to the same blocks, and anything else is refused."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def lines_by_split(text: str) -> list[tuple[int, int]]:
    """What non_blank_lines has always meant, the slow way: the stored format depends on it."""
    found, position = [], 0
    for line in text.split("\n"):
        if line.strip():
            found.append((position, position + len(line)))
        position += len(line) + 1
    return found


# white space of every kind str.strip() knows, and characters that only look blank
ODD_SPACES = " \t\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2028\u2029\u3000\u200b\ufeff"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from([*ODD_SPACES, "\n", "a", "中"]), max_size=40))
def test_the_non_blank_lines_are_those_whose_strip_is_not_empty(text: str) -> None:
    assert non_blank_lines(text) == lines_by_split(text)


def test_every_character_is_blank_to_non_blank_lines_as_to_strip() -> None:
    """One line per code point: the lines found are those of the characters strip() keeps."""
    text = "\n".join(chr(point) for point in range(sys.maxunicode + 1) if point != ord("\n"))
    found = non_blank_lines(text)
    assert found == lines_by_split(text)
    kept = {text[start:end] for start, end in found}
    assert "中" in kept and "\u200b" in kept and "\u3000" not in kept and "\x85" not in kept
