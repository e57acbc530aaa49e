"""What an article's suggestions were computed from, as one fingerprint, so `annotator suggest`
recomputes only the articles whose inputs changed.

An article's suggestions read:
- the article (its text, blocks, outlet and date, …);
- the shared inputs: every file under resources/lexicons/ (or the Lexicons given), every model
  file under resources/models/ (the name tagger), the store's label schema, and the rules
  themselves: the source of the annotator.suggest package (any edit of a rule recomputes all;
  a frozen build without sources falls back to the package version);
- the rejections people made on this article;
- the corpus line statistics and the gazetteer learned from people's labels. Both change with
  every import and every label, so hashing them whole would recompute the whole corpus after
  any edit. Only the part this article reads enters its fingerprint: which of its lines the
  corpus calls furniture, which of its lines the gazetteer names, and the known officials
  (with their titles) whose names occur in its text. A test checks that a change outside that
  part leaves the suggestions unchanged;
- the database's own lexicons (`<database>.lexicons/`, see user_lexicons.py): only the entries
  whose word occurs in the article's text, so adding a word recomputes the articles holding it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import operator
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

import annotator
from annotator.model import Article, Block
from annotator.resources import resource_path
from annotator.suggest.corpus import CorpusStats, outlet_key
from annotator.suggest.gazetteer import Gazetteer
from annotator.suggest.lexicons import Lexicons
from annotator.suggest.lines import line_keys
from annotator.suggest.person_tagger import settings_path
from annotator.suggest.strings import occurrences_of_each
from annotator.suggest.user_lexicons import UserLexicons

_SUGGEST_PACKAGE = Path(__file__).resolve().parent


def _digest(parts: Iterable[bytes]) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "big"))  # lengths keep ("ab", "c") != ("a", "bc")
        hasher.update(part)
    return hasher.hexdigest()


def _files_digest(folder: Path, pattern: str) -> str:
    """Names and bytes of the files matching `pattern` under `folder` (none if it is absent)."""
    files = sorted(folder.rglob(pattern)) if folder.is_dir() else []
    return _digest(
        part
        for path in files
        if path.is_file()
        for part in (path.relative_to(folder).as_posix().encode(), path.read_bytes())
    )


@cache
def rules_version() -> str:
    """A hash of the suggest package's source: an edited rule changes it without anyone having
    to remember a version number."""
    digest = _files_digest(_SUGGEST_PACKAGE, "*.py")
    return digest if any(_SUGGEST_PACKAGE.glob("*.py")) else f"version {annotator.__version__}"


def _tagger_bytes(model: Path | None) -> bytes:
    """A database's model and the settings `annotator train` wrote beside it (both change what
    it finds); the shipped model is in resources_digest."""
    if model is None:
        return b"shipped"
    settings = settings_path(model)
    return model.read_bytes() + (settings.read_bytes() if settings.is_file() else b"")


def resources_digest() -> str:
    """Lexicon files and model files (read each run: a user edits lexicons between runs)."""
    return _digest(
        [
            _files_digest(resource_path("lexicons"), "*").encode(),
            _files_digest(resource_path("models"), "*").encode(),
        ]
    )


def lexicons_digest(lexicons: Lexicons) -> str:
    """The content of a Lexicons given in code (sets sorted: their order varies per process)."""
    entries = {
        stem: sorted(value) if isinstance(value, frozenset) else value
        for stem, value in lexicons.values
    }
    kinds = [dataclasses.astuple(kind) for kind in lexicons.kinds]
    return _digest([json.dumps([kinds, entries], ensure_ascii=False).encode()])


@dataclass(frozen=True, slots=True)
class SuggestionInputs:
    """The inputs shared by a run's articles; `fingerprint` adds one article's own."""

    shared: str
    corpus: CorpusStats
    gazetteer: Gazetteer
    tagger_model: str | None = None  # the database's own name-tagger model; None: the shipped one
    events_model: str | None = None  # the database's own event classifier; None: the shipped one
    # the database's own lexicons (user_lexicons.py): each article's fingerprint holds those
    # of their entries it contains, so an added word recomputes only the articles holding it
    user_lexicons: UserLexicons | None = None

    @classmethod
    def of(
        cls,
        *,
        schema: str | None,
        corpus: CorpusStats,
        gazetteer: Gazetteer,
        lexicons: Lexicons | None = None,
        tagger_model: Path | None = None,
        events_model: Path | None = None,
        user_lexicons: UserLexicons | None = None,
    ) -> SuggestionInputs:
        shared = _digest(
            [
                rules_version().encode(),
                resources_digest().encode(),
                (lexicons_digest(lexicons) if lexicons is not None else "files").encode(),
                (schema or "").encode(),
                _tagger_bytes(tagger_model),
                events_model.read_bytes() if events_model is not None else b"shipped",
            ]
        )
        return cls(
            shared,
            corpus,
            gazetteer,
            str(tagger_model) if tagger_model else None,
            str(events_model) if events_model else None,
            user_lexicons,
        )

    def __reduce__(self) -> tuple:
        """Picklable for worker processes that are not forked (the gazetteer's read-only
        mappings are not): rebuilt from plain dicts."""
        gazetteer = (dict(self.gazetteer.officials), dict(self.gazetteer.boilerplate))
        return _rebuild, (
            self.shared, self.corpus, gazetteer, self.tagger_model, self.events_model,
            self.user_lexicons,
        )  # fmt: skip

    def fingerprint(self, article: Article, rejected: Collection[tuple[str, int, int, str]]) -> str:
        keys = line_keys(article)
        outlet = outlet_key(article)
        furniture = [key for key in keys if self.corpus.is_furniture(outlet, key)]
        labelled = [
            (key, self.gazetteer.boilerplate[key])
            for key in keys
            if key in self.gazetteer.boilerplate
        ]
        officials = [
            (name, list(self.gazetteer.officials[name]))
            for name, _ in occurrences_of_each(tuple(self.gazetteer.officials), article.text)
        ]
        own = (
            article.id, article.source, article.url, article.title, article.published,
            article.outlet, article.script, article.text, _block_fields(article.blocks),
        )  # fmt: skip
        words = self.user_lexicons.entries_in(article.text) if self.user_lexicons else []
        return _digest(
            [
                self.shared.encode(),
                json.dumps(own, ensure_ascii=False).encode(),
                json.dumps(sorted(rejected), ensure_ascii=False).encode(),
                json.dumps([furniture, labelled, officials, words], ensure_ascii=False).encode(),
            ]
        )


_BLOCK_FIELDS = operator.attrgetter(*(f.name for f in dataclasses.fields(Block)))


def _block_fields(blocks: tuple[Block, ...]) -> list[tuple[object, ...]]:
    """Every field of every block, for JSON: repr() of hundreds of dataclasses an article
    cost more than the rest of its fingerprint."""
    return [_BLOCK_FIELDS(block) for block in blocks]


def _rebuild(
    shared: str,
    corpus: CorpusStats,
    gazetteer: tuple[dict[str, tuple[str, ...]], dict[str, str]],
    tagger_model: str | None = None,
    events_model: str | None = None,
    user_lexicons: UserLexicons | None = None,
) -> SuggestionInputs:
    officials, boilerplate = gazetteer
    return SuggestionInputs(
        shared,
        corpus,
        Gazetteer(MappingProxyType(officials), MappingProxyType(boilerplate)),
        tagger_model,
        events_model,
        user_lexicons,
    )
