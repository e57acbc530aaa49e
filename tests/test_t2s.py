"""Our t2s gives exactly OpenCC's t2s (opencc-python-reimplemented, the reference) output."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from opencc import OpenCC

from annotator.cleaning.t2s import _tables, t2s
from annotator.resources import seeds_dir

REAL_PAGES = Path(__file__).resolve().parents[2] / "shared" / "real-pages"
REFERENCE = OpenCC("t2s")


def dictionary_words() -> list[str]:
    tables = _tables()
    return [*tables.phrases, *(chr(k) for k in tables.characters)]


def page_texts() -> list[tuple[str, str]]:
    pages = [
        (p.name, p.read_bytes().decode("utf-8", "replace")) for p in sorted(seeds_dir().iterdir())
    ]
    pages += [
        (p.name, p.read_bytes().decode("utf-8", "replace"))
        for p in sorted(REAL_PAGES.rglob("*.html"))
    ]
    return pages


@pytest.mark.parametrize(("name", "text"), page_texts(), ids=lambda v: v if len(v) < 40 else "")
def test_every_page_we_have(name, text):
    assert t2s(text) == REFERENCE.convert(text)


def test_the_pages_we_have_are_there():
    assert len(page_texts()) >= 47  # the seeds and the real pages: a missing folder fails


def test_a_large_text_made_of_the_dictionaries_own_entries():
    """150,000 pieces where phrases overlap, nest and touch, with separators between."""
    rng = random.Random(7)
    words = dictionary_words()
    filler = list("的一是在不了有和人這中大為上個國我以要他時來，。、（）《》 \n\t—…")
    text = "".join(
        rng.choice(words) if rng.random() < 0.4 else rng.choice(filler) for _ in range(150_000)
    )
    assert len(text) > 150_000
    assert t2s(text) == REFERENCE.convert(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(dictionary_words() + list("，。 \n、Ａa1𠀀😀")), max_size=40))
def test_any_string_of_dictionary_pieces(pieces):
    text = "".join(pieces)
    assert t2s(text) == REFERENCE.convert(text)


def test_a_phrase_wins_over_its_characters():
    phrase = max(_tables().phrases, key=len)
    assert t2s(phrase) == _tables().phrases[phrase] == REFERENCE.convert(phrase)


def test_a_phrase_cut_short_by_the_end_of_the_text_is_no_longer_phrase():
    """At the end of a text, a slice as long as 於呼哀哉 holds only 於世成: it is that shorter
    phrase, found again at its own length, not a four-character one that outranks 藉助於
    (found by hypothesis: 借助於世成 where OpenCC gives 借助于世成)."""
    for text in ("藉助於世成", "甲藉助於世成", "藉助於世成。藉助於世成"):
        assert t2s(text) == REFERENCE.convert(text)
