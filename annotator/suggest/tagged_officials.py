"""Officials from the name tagger: a tagged person in a title context.

The tagger finds persons; an official is a person written right after a title (国务院总理李鹏,
美国总统克林顿: the title chain is read as the rules read it) or right before one (习近平总书记,
马兴瑞书记). A name the rules already claimed, a reporter's credit, a low score or a name with
no title beside it is left alone; so is a country or province the tagger takes for a person, and
a name is cut before a place it runs into. A title between two names is the second one's. Only
lines that hold a title word are tagged at all, which keeps the CRF's cost to the sentences that
can give an official.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from typing import Protocol, runtime_checkable

from annotator.model import Article, ArticleText
from annotator.resources import read_text
from annotator.suggest.inputs import lexicons_digest, resources_digest, rules_version
from annotator.suggest.lexicons import Lexicons, default_lexicons, parse_entries, parse_pairs
from annotator.suggest.officials import (
    NameMention,
    TitleMention,
    by_length,
    is_credit,
    title_chain_before,
)
from annotator.suggest.person_tagger import Learned, PersonTagger, TaggedName, tagger_at
from annotator.suggest.taken import Taken

MIN_SCORE = 0.6  # below it the tagger is unsure; the rules or a person decide
RULE = "tagger"


@dataclass(frozen=True, slots=True)
class TitleWords:
    words: tuple[str, ...]  # longest first
    anywhere: re.Pattern[str]
    # the words as a set and their lengths, longest first: which word starts at a position is
    # one lookup per length, not a test of every word
    known: frozenset[str]
    lengths: tuple[int, ...]


@cache
def _extra_titles() -> tuple[str, ...]:
    return parse_entries(read_text("lexicons", "official_titles.txt"))


@dataclass(frozen=True, slots=True)
class PlaceNames:
    """Countries and provinces: a tagged "name" that is one is no person (布隆迪总统), and a
    name never runs into one (副主任魏瑞宁夏回族自治区… is 魏瑞, then 宁夏)."""

    names: frozenset[str]
    by_first: dict[str, tuple[str, ...]]  # first character -> places, longest first


@cache
def _provinces() -> tuple[str, ...]:
    """The provinces as titles name them (regions.txt, the register's list too)."""
    return tuple(word for word, _ in parse_pairs(read_text("lexicons", "regions.txt")))


@lru_cache(maxsize=4)
def place_names(countries: frozenset[str]) -> PlaceNames:
    names = frozenset({*_provinces(), *countries})
    by_first: dict[str, list[str]] = {}
    for name in sorted(names, key=lambda n: (-len(n), n)):
        by_first.setdefault(name[0], []).append(name)
    return PlaceNames(names, {first: tuple(found) for first, found in by_first.items()})


def _without_place(text: str, name: TaggedName, places: PlaceNames) -> TaggedName | None:
    """`name` cut before a place it runs into; None when it is a place itself."""
    for at in range(name.start + 2, name.end):  # a name keeps two characters at least
        if any(
            text.startswith(place, at) and at + len(place) > name.end
            for place in places.by_first.get(text[at], ())
        ):
            name = TaggedName(name.start, at, text[name.start : at], name.score)
            break
    return None if name.text in places.names else name


@lru_cache(maxsize=4)
def title_words(titles: tuple[str, ...]) -> TitleWords:
    words = tuple(sorted({*titles, *_extra_titles()}, key=len, reverse=True))
    return TitleWords(words, re.compile("|".join(re.escape(w) for w in words)), *by_length(words))


def _title_after(
    text: str, end: int, words: TitleWords, bodies: tuple[str, ...]
) -> TitleMention | None:
    """The title word right after a name; not one glued to a body's word (常委会)."""
    for length in words.lengths:  # one word at most of each length starts there
        word = text[end : end + length]
        if (
            len(word) == length  # not cut short by the end of the text
            and word in words.known
            and not text.startswith(bodies, end + length)
        ):
            return TitleMention(end, end + length, word, None)
    return None


class CreditCheck(Protocol):
    """Whether a name is a reporter's or photographer's credit (记者王兴瑞, 王兴瑞摄)."""

    def __call__(self, text: str, start: int, end: int) -> bool: ...


def tagged_officials(
    text: str,
    tagger: PersonTagger,
    lexicons: Lexicons,
    taken: Taken,
    *,
    is_credit: CreditCheck,
) -> list[NameMention]:
    """Officials the tagger finds in one line that the rules did not claim."""
    words = title_words(lexicons.titles)
    if not words.anywhere.search(text):
        return []
    found = []
    tagged_names = tagger.names(text, only=words.anywhere)
    # a title right before a name is that name's (高雄市长黄俊雄): it is no title after another
    name_starts = {tagged.start for tagged in tagged_names}
    places = place_names(lexicons.countries)
    for tagged in tagged_names:
        name = _without_place(text, tagged, places)
        if name is None or not _acceptable(text, name, tagger.min_length, taken, is_credit):
            continue
        titles = title_chain_before(text, name.start, lexicons, words.words)
        if not titles:
            after = _title_after(text, name.end, words, lexicons.title_body_suffixes)
            titles = (after,) if after and after.end not in name_starts else ()
        if titles:
            mention = NameMention(name.start, name.end, name.text, RULE, titles, score=name.score)
            found.append(mention)
            taken.add(name.start, name.end)
    return found


def _acceptable(
    text: str, name: TaggedName, min_length: int, taken: Taken, is_credit: CreditCheck
) -> bool:
    return (
        name.score >= MIN_SCORE
        and len(name.text) >= min_length
        and not taken.overlaps(name.start, name.end)
        and not is_credit(text, name.start, name.end)
    )


def official_title_words() -> tuple[str, ...]:
    """Every title word beside which a tagged name is an official, longest first."""
    return title_words(default_lexicons().titles).words


@runtime_checkable
class OfficialsCache(Protocol):
    """Where each article's tagged officials are kept between runs (the store's settings)."""

    read_only: bool

    def cached_values(self, prefix: str) -> dict[str, str]: ...
    def save_cached_values(self, prefix: str, values: dict[str, str], *, family: str) -> None: ...


CACHE_FAMILY = "tagged-officials:"


def cache_prefix(tagger: PersonTagger, lexicons: Lexicons) -> str:
    """What an article's tagged officials are computed from besides its text: the model's
    bytes, the rules' source, the lexicon and model files and the lexicons in use."""
    parts = [tagger.digest, rules_version(), resources_digest(), lexicons_digest(lexicons)]
    key = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"{CACHE_FAMILY}{key}:"


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class CorpusOfficials:
    """Officials the tagger finds beside a title in at least `min_articles` articles of the
    corpus, collected an article at a time (so the caller's one pass over the corpus serves):
    name -> the title words seen with it. They become known names for every article, so a
    mention the tagger alone is unsure of (贯彻落实习近平总书记…) is linked like any known
    official. Two articles, not one: a single odd find must not spread over the corpus.

    What one article gives depends only on its text and `cache_prefix`, so it is kept between
    runs (`cached`, `save`): the CRF reads each text once, not on every import and suggest."""

    def __init__(
        self,
        tagger: PersonTagger,
        lexicons: Lexicons,
        *,
        min_articles: int = 2,
        known: dict[str, str] | None = None,
    ):
        self._tagger, self._lexicons, self._min = tagger, lexicons, min_articles
        self._credit = partial(is_credit, lexicons=lexicons)
        self._seen: dict[str, set[str]] = {}
        self._titles: dict[str, dict[str, None]] = {}
        self._known = known if known is not None else {}  # text key -> JSON of `article_finds`
        self.new: dict[str, str] = {}  # found by tagging in this run, not known before
        self._prefix: str | None = None  # where `known` came from (see `cached`)

    @classmethod
    def cached(cls, tagger: PersonTagger, lexicons: Lexicons, store: object) -> CorpusOfficials:
        """With the finds a store kept for this tagger and these lexicons (none if the store
        keeps none)."""
        prefix = cache_prefix(tagger, lexicons)
        known = store.cached_values(prefix) if isinstance(store, OfficialsCache) else {}
        officials = cls(tagger, lexicons, known=known)
        officials._prefix = prefix
        return officials

    def save(self, store: object) -> None:
        """Keep this run's new finds in `store` (and drop those of other tagger versions)."""
        prefix = self._prefix
        if prefix is None or not isinstance(store, OfficialsCache) or store.read_only:
            return
        if self.new:
            store.save_cached_values(prefix, self.new, family=CACHE_FAMILY)
        self.new = {}

    def article_finds(self, text: str) -> list[tuple[str, list[str]]]:
        """(name, its title words) of each official the tagger finds, in text order."""
        return [
            (mention.name, [title.text for title in mention.titles])
            for line in text.split("\n")
            for mention in tagged_officials(
                line, self._tagger, self._lexicons, Taken(len(line)), is_credit=self._credit
            )
        ]

    def encoded_finds(self, text: str) -> tuple[str, str]:
        """(text key, JSON of `article_finds`): what is kept per text."""
        return text_key(text), json.dumps(self.article_finds(text), ensure_ascii=False)

    def add(self, article: Article | ArticleText) -> None:
        key = text_key(article.text)
        cached = self._known.get(key) or self.new.get(key)
        if cached is None:
            key, cached = self.encoded_finds(article.text)
            self.new[key] = cached
        finds = json.loads(cached)
        for name, titles in finds:
            self._seen.setdefault(name, set()).add(article.id)
            for title in titles:
                self._titles.setdefault(name, {})[title] = None

    def found(self) -> dict[str, tuple[str, ...]]:
        return {
            name: tuple(self._titles.get(name, {}))
            for name, where in self._seen.items()
            if len(where) >= self._min
        }


@dataclass(frozen=True, slots=True)
class FindsSpec:
    """What a process needs to work out articles' tagged officials ahead of the corpus pass
    (`annotator import` does it in its cleaning workers, in parallel): the model file (None:
    the shipped one) and the lexicons. Picklable: it crosses to each worker once."""

    model: str | None
    lexicons: Lexicons

    def collector(self) -> CorpusOfficials | None:
        """None when there is no model to tag with."""
        tagger = tagger_at(self.model)
        return CorpusOfficials(tagger, self.lexicons) if tagger is not None else None

    def learned(self) -> list[Learned]:
        """What this process's tagger tagged since last asked (see PersonTagger.learned)."""
        tagger = tagger_at(self.model)
        return tagger.learned() if tagger is not None else []

    def remember(self, learned: list[Learned]) -> None:
        tagger = tagger_at(self.model)
        if tagger is not None:
            tagger.remember(learned)

    def prefix(self) -> str | None:
        """Where the finds are kept (`cache_prefix`); None: no model, nothing to keep."""
        tagger = tagger_at(self.model)
        return cache_prefix(tagger, self.lexicons) if tagger is not None else None


def corpus_officials(
    articles: Iterable[Article], tagger: PersonTagger, lexicons: Lexicons
) -> dict[str, tuple[str, ...]]:
    """CorpusOfficials over `articles`, in one call."""
    collected = CorpusOfficials(tagger, lexicons)
    for article in articles:
        collected.add(article)
    return collected.found()
