"""What the register compares across articles: a name's key, the province a title names, and
whether a post has one holder at a time. Word lists are data (`resources/lexicons/`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from annotator.cleaning.middle_dot import MIDDLE_DOT
from annotator.cleaning.script import to_simplified
from annotator.resources import read_text
from annotator.suggest.lexicons import parse_entries, parse_pairs

# Every dot a name may be written with (艾尔肯•吐尼亚孜, 艾爾肯‧吐尼亞孜): one key for all.
_NAME_DOTS = re.compile("[\u0387\u2022\u2027\u2219\u22c5\u30fb\uff65\u16eb\u2e31\u00b7.．]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The form two spellings of one name share: Simplified script, one middle dot, no spaces."""
    return _NAME_DOTS.sub(MIDDLE_DOT, _SPACES.sub("", to_simplified(name)))


@dataclass(frozen=True, slots=True)
class PlaceWords:
    regions: tuple[tuple[str, str], ...]  # (word in a title, province), longest words first
    single_holder_endings: tuple[str, ...]


@cache
def place_words() -> PlaceWords:
    pairs = parse_pairs(read_text("lexicons", "regions.txt"), source="regions.txt")
    endings = parse_entries(read_text("lexicons", "single_holder_posts.txt"))
    return PlaceWords(
        regions=tuple(sorted(pairs, key=lambda pair: -len(pair[0]))),
        single_holder_endings=tuple(sorted(endings, key=len, reverse=True)),
    )


@lru_cache(maxsize=65536)
def title_province(title: str) -> str | None:
    """The province a title names (河南省委书记 -> 河南), or None (自治区主席: which one?)."""
    for word, province in place_words().regions:
        if word in title:
            return province
    return None


@lru_cache(maxsize=65536)
def is_single_holder(title: str) -> bool:
    """A post one person holds at a time: a one-holder ending with the place or body before it
    (河南省委书记, 自治区党委书记), never a deputy's."""
    if "副" in title:
        return False
    for ending in place_words().single_holder_endings:
        if title.endswith(ending):
            return len(title) > len(ending)
    return False
