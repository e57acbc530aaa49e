"""Suggestions: Article -> the draft annotation set of the machine annotator `auto`.

Pure functions over the domain types; no store, no Qt. Rules read lexicons from
`resources/lexicons/`; `CorpusStats` and `Gazetteer` carry what other articles and annotators
teach.
"""

from annotator.suggest.article import suggest_article
from annotator.suggest.corpus import CorpusStats
from annotator.suggest.gazetteer import Gazetteer
from annotator.suggest.lexicons import LexiconError, Lexicons, default_lexicons

__all__ = [
    "CorpusStats",
    "Gazetteer",
    "LexiconError",
    "Lexicons",
    "default_lexicons",
    "suggest_article",
]
