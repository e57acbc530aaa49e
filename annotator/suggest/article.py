"""`suggest_article`: one article in, the draft `auto` annotation set out.

The suggesters (annotator.suggest.suggesters) each propose scored spans; the composer
(annotator.suggest.compose) keeps, of overlapping suggestions of one label, the one from the
suggester of higher priority, and leaves out what the annotator rejected before.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Literal

from annotator.model import AnnotationSet, Article
from annotator.suggest.boilerplate import CueMemo
from annotator.suggest.compose import SuggestContext, Suggester, compose
from annotator.suggest.corpus import CorpusStats
from annotator.suggest.event_classifier import EventClassifier, classifier_at
from annotator.suggest.gazetteer import Gazetteer
from annotator.suggest.lexicons import Lexicons, default_lexicons
from annotator.suggest.person_tagger import PersonTagger, shipped_tagger
from annotator.suggest.suggesters import default_suggesters


def suggest_article(
    article: Article,
    *,
    corpus: CorpusStats | None = None,
    gazetteer: Gazetteer | None = None,
    rejected: Collection[tuple[str, int, int, str]] = (),
    lexicons: Lexicons | None = None,
    tagger: PersonTagger | None | Literal["shipped"] = "shipped",
    suggesters: Sequence[Suggester] | None = None,
    event_classifier: EventClassifier | None | Literal["shipped"] = "shipped",
    cue_memo: CueMemo | None = None,
) -> AnnotationSet:
    """`tagger`: the person-name tagger whose officials join the rules' ("shipped": the model
    in resources/models; None: the rules alone). `suggesters`: in priority order (default:
    every one, suggesters.default_suggesters). `event_classifier`: the one beside the event
    rules ("shipped": resources/models; None: the rules alone). `cue_memo`: one for all the
    articles of a run, so lines repeated across them are classified once."""
    if tagger == "shipped":
        tagger = shipped_tagger()
    lexicons = lexicons if lexicons is not None else default_lexicons()
    if event_classifier == "shipped":
        event_classifier = classifier_at(None, lexicons)
    context = SuggestContext(
        article,
        lexicons,
        gazetteer if gazetteer is not None else Gazetteer(),
        corpus,
        tagger,
        event_classifier,
        cue_memo,
    )
    chosen = suggesters if suggesters is not None else default_suggesters()
    return compose(context, chosen, rejected=rejected)
