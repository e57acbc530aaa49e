"""The sentences the event classifier learns from, and how it is measured.

- Base (`base_sentences`): the paragraphs of the People's Daily 1998-01 corpus (the name
  tagger's base corpus, official news) in its `train` split only, each sentence labelled by the
  trigger rules (silver labels: the rules teach the model what they know, so a database model
  starts where the rules are). The `dev` and `test` splits, the seeds, the held-out sentences
  and pages are never read. Sentences with no trigger, cue or event are thinned to one in
  NEGATIVE_KEEP by a hash of their text (fixed everywhere), so the model is small.
- Database (`database_sentences`): per article, the best set people made (gold first, then done
  sets, then the one with most events; never `auto`). A done set labels all its sentences: the
  one an event's evidence starts in gets the event's type, so does one where the rules find a
  type the set kept (the suggestions merge it into that event), the others `none`; a set not
  done (or with an event citing no evidence) gives only its event sentences. Each database
  sentence counts HUMAN_WEIGHT times: a few hundred labels must move a model of thousands.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from annotator.model import AnnotationSet, Article
from annotator.scoring import MatchCounts, multiset_matches
from annotator.suggest.article import suggest_article
from annotator.suggest.dates import DateContext
from annotator.suggest.event_classifier import (
    NO_TRIGGER,
    NONE,
    VOID,
    EventClassifier,
    LabelledSentence,
    train_classifier,
)
from annotator.suggest.events import find_events, has_trigger, sentences
from annotator.suggest.lexicons import Lexicons
from annotator.suggest.tagger_training import LabelledStore, best_people_sets, read_corpus

NEGATIVE_KEEP = 5  # one in this many plain negatives of the base corpus is kept
HUMAN_WEIGHT = 5  # times each sentence of people's labels is shown to the trainer


def rule_labels(
    text: str, lexicons: Lexicons, classifier: EventClassifier | None = None
) -> list[LabelledSentence]:
    """Each sentence of one paragraph, labelled by the rules (and `classifier`, when given):
    the type of the first event found in it, else `none`; `rules` says what the rules alone
    found (a type, VOID or NO_TRIGGER), as the classifier sees it when it runs."""
    said = rules_said(text, lexicons)
    found = said if classifier is None else _first_types(text, lexicons, classifier)
    return [
        LabelledSentence(s, found.get(start, NONE), _verdict(s, said.get(start), lexicons))
        for start, _end, s in sentences(text)
    ]


def rules_said(text: str, lexicons: Lexicons) -> dict[int, str]:
    """Sentence start -> the type of the first event the rules find in it."""
    return _first_types(text, lexicons, None)


def _first_types(
    text: str, lexicons: Lexicons, classifier: EventClassifier | None
) -> dict[int, str]:
    events, _dates, _context = find_events(
        text, 0, DateContext.for_published(None), lexicons, classifier=classifier
    )
    found: dict[int, str] = {}
    for event in events:
        found.setdefault(event.sentence_start, event.type)
    return found


def _verdict(sentence: str, event_type: str | None, lexicons: Lexicons) -> str:
    if event_type is not None:
        return event_type
    return VOID if has_trigger(sentence, lexicons) else NO_TRIGGER


def _bucket(text: str, k: int) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[16:24], 16) % k


def _interesting(text: str, lexicons: Lexicons) -> bool:
    """A sentence with a trigger or a cue: a negative the model must learn from."""
    return has_trigger(text, lexicons) or any(c in text for c, _ in lexicons.event_modality)


def base_sentences(corpus: Path, lexicons: Lexicons) -> list[LabelledSentence]:
    """The base corpus's train split, labelled by the rules, plain negatives thinned."""
    kept: list[LabelledSentence] = []
    for paragraph in read_corpus(corpus, "train"):
        for sentence in rule_labels(paragraph.text, lexicons):
            if (
                sentence.label != NONE
                or _bucket(sentence.text, NEGATIVE_KEEP) == 0
                or _interesting(sentence.text, lexicons)
            ):
                kept.append(sentence)
    return kept


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    """One article's sentences as people labelled them (`complete`: every sentence is labelled,
    `none` included; else only the event sentences are known)."""

    article: Article
    sentences: tuple[tuple[int, int, LabelledSentence], ...]  # start, end, labelled sentence
    events: tuple[tuple[str, str | None, str | None], ...]  # (type, date, place)
    complete: bool

    @property
    def article_id(self) -> str:
        return self.article.id


class EventLabelledStore(LabelledStore, Protocol):
    def get_article(self, article_id: str) -> Article: ...


def labelled_articles(store: EventLabelledStore, lexicons: Lexicons) -> list[LabelledArticle]:
    """Per article, the best set people made that says something about events."""
    # a set with no event that is not finished says nothing: silence, not a "none"
    best = best_people_sets(
        store, lambda aset: bool(aset.events) or aset.status == "done", lambda a: len(a.events)
    )
    return [_labelled(store, best[article_id], lexicons) for article_id in sorted(best)]


def _labelled(
    store: EventLabelledStore, aset: AnnotationSet, lexicons: Lexicons
) -> LabelledArticle:
    article = store.get_article(aset.article_id)
    text = article.text
    spans = aset.span_by_id()
    starts = sorted(
        (spans[e.evidence].start, e.type)
        for e in aset.events
        if e.evidence is not None and e.evidence in spans and e.modality is None
    )
    complete = aset.status == "done" and all(
        e.evidence in spans for e in aset.events if e.modality is None
    )
    kept_types = {t for _s, t in starts}
    found: list[tuple[int, int, LabelledSentence]] = []
    offset = 0
    for line in text.split("\n"):
        said = rules_said(line, lexicons)
        for start, end, sentence in sentences(line, offset):
            label = next((t for s, t in starts if start <= s < end), NONE)
            if label == NONE and said.get(start - offset) in kept_types:
                # the rules tell again an event people kept (its type is theirs): a sentence
                # the suggestions merge into that event, not one people refused
                label = said[start - offset]
            if complete or label != NONE:
                rules = _verdict(sentence, said.get(start - offset), lexicons)
                found.append((start, end, LabelledSentence(sentence, label, rules)))
        offset += len(line) + 1
    events = tuple(
        (e.type, e.date or None, (e.place or None)) for e in aset.events if e.modality is None
    )
    return LabelledArticle(article, tuple(found), events, complete)


def database_sentences(articles: Iterable[LabelledArticle]) -> Iterator[LabelledSentence]:
    for article in articles:
        for _start, _end, sentence in article.sentences:
            for _ in range(HUMAN_WEIGHT):
                yield sentence


def train_events(
    base: Sequence[LabelledSentence],
    articles: Sequence[LabelledArticle],
    model: Path,
    lexicons: Lexicons,
) -> int:
    return train_classifier([*base, *database_sentences(articles)], model, lexicons)


# -- measuring --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventScores:
    """Sentence-level detection (an event sentence found, of any type), the type of those found,
    and (type, date, place) tuples of the articles' merged events."""

    detection: MatchCounts
    typed_right: int
    tuples: MatchCounts

    @property
    def type_accuracy(self) -> float | None:
        found = self.detection.matched
        return self.typed_right / found if found else None


def score_events(
    articles: Sequence[LabelledArticle], lexicons: Lexicons, classifier: EventClassifier | None
) -> EventScores:
    """The rules (with `classifier`) on people's labelled articles. Detection: each sentence
    people labelled, read line by line as the rules read a paragraph (a set not done says
    nothing about its other sentences). Tuples: the events of the whole suggestion pipeline
    (suggest_article, boilerplate lines left out, no gazetteer: nothing of people's labels)
    against a done set's, as `annotator evaluate` matches them."""
    tp = gold = predicted = typed = 0
    tuple_counts = MatchCounts(0, 0, 0)
    for article in articles:
        context = DateContext.for_published(article.article.published)
        found = []
        offset = 0
        for line in article.article.text.split("\n"):
            events, _dates, context = find_events(
                line, offset, context, lexicons, classifier=classifier
            )
            found += events
            offset += len(line) + 1
        by_start: dict[int, str] = {}
        for event in found:
            by_start.setdefault(event.sentence_start, event.type)
        for start, _end, sentence in article.sentences:
            label = by_start.get(start, NONE)
            gold += sentence.label != NONE
            predicted += label != NONE and (article.complete or sentence.label != NONE)
            if sentence.label != NONE and label != NONE:
                tp += 1
                typed += label == sentence.label
        if article.complete:
            suggested = suggest_article(
                article.article, lexicons=lexicons, event_classifier=classifier
            )
            tuple_counts = tuple_counts + multiset_matches(
                list(article.events), [(e.type, e.date, e.place) for e in suggested.events]
            )
    return EventScores(MatchCounts(tp, gold, predicted), typed, tuple_counts)


@dataclass(frozen=True, slots=True)
class EventFold:
    fold: int
    articles: int
    before: EventScores  # the shipped classifier (or the rules alone when none ships)
    after: EventScores  # trained on the base sentences plus the other folds


def folds(articles: Sequence[LabelledArticle], k: int) -> list[int]:
    """Each article's fold: articles ordered by a hash of their id, then dealt round, so every
    fold holds some (a hash alone leaves folds empty on few articles) and the deal never
    depends on the order articles are read."""
    order = sorted(
        range(len(articles)),
        key=lambda i: hashlib.sha256(articles[i].article_id.encode("utf-8")).hexdigest(),
    )
    fold = [0] * len(articles)
    for rank, index in enumerate(order):
        fold[index] = rank % k
    return fold


def cross_validate_events(
    base: Sequence[LabelledSentence],
    articles: Sequence[LabelledArticle],
    k: int,
    folder: Path,
    lexicons: Lexicons,
    before: EventClassifier | None,
) -> list[EventFold]:
    """K folds of the database's labelled articles (by article: sentences of one story never
    sit on both sides), each scored before and after training on the others."""
    if k < 2:
        raise ValueError(f"cross-validation needs 2 folds or more, not {k}")
    if len(articles) < k:
        raise ValueError(f"{len(articles)} articles with labelled events cannot make {k} folds")
    results = []
    dealt = folds(articles, k)
    for fold in range(k):
        held = [a for a, f in zip(articles, dealt, strict=True) if f == fold]
        rest = [a for a, f in zip(articles, dealt, strict=True) if f != fold]
        model = folder / f"events-fold{fold}.crfsuite"
        train_events(base, rest, model, lexicons)
        after = EventClassifier(model, lexicons)
        results.append(
            EventFold(
                fold,
                len(held),
                score_events(held, lexicons, before),
                score_events(held, lexicons, after),
            )
        )
    return results


def total_events(scores: Iterable[EventScores]) -> EventScores:
    detection, tuples, typed = MatchCounts(), MatchCounts(), 0
    for s in scores:
        detection, tuples, typed = detection + s.detection, tuples + s.tuples, typed + s.typed_right
    return EventScores(detection, typed, tuples)
