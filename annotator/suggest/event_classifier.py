"""Which sentences report an event, and of which type: a maximum-entropy classifier (multinomial
logistic regression) over a sentence's characters, beside the trigger rules of `events.py`.

It runs through python-crfsuite, the name tagger's library: a CRF over a sequence of one item
is exactly a logistic regression, so no other dependency, no GPU, nothing downloaded, a model
of a few hundred kilobytes trained in seconds. Features are the sentence's character
unigrams, bigrams and trigrams (digits folded to 0, so dates do not make new words) and the
kinds of the modality cues it holds (future, hope…, from resources/lexicons/event_modality.txt).
Labels are `none` or an event type. The model that ships is `resources/models/events.crfsuite`
(`annotator train --base`); a database's own is `<db>.events.crfsuite` beside it
(`annotator train`), trained on the base sentences plus the events people accepted or made.

The rules' verdict on the sentence is a feature too (its type, VOID when cues void its
triggers, NO_TRIGGER): the base model, trained on sentences the rules labelled, learns to
follow them, and people's labels teach it where they are wrong (a word the lexicon lacks, a
type people give otherwise). How it joins the rules (`events.find_events`): a sentence the rules
call an event stays one unless the classifier gives `none` at least VETO, and takes the type
the classifier gives at least ADD; a sentence without any trigger word becomes an event when
the classifier gives one type at least ADD; a trigger the cues void stays void.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import pycrfsuite

from annotator.cleaning.t2s import t2s
from annotator.resources import resource_path
from annotator.suggest.lexicons import Lexicons

NONE = "none"
MODEL_FILE = ("models", "events.crfsuite")
VETO = 0.9  # p(none) at or above which a rule's event is dropped
ADD = 0.9  # p(type) at or above which a sentence the rules pass over becomes an event
_MAX_VERDICTS = 100_000  # verdicts kept per loaded model (a few MB at most)
_DIGITS = re.compile(r"[0-9０-９一二三四五六七八九十〇零]")
_BLANKS = re.compile(r"\s+")


NO_TRIGGER = "-"  # the rules' verdict on a sentence without any trigger word
VOID = "void"  # … on one whose triggers the cues void (希望…看望)


def sentence_features(sentence: str, lexicons: Lexicons, rules: str) -> list[str]:
    """Feature strings of one sentence: the rules' verdict (an event type, VOID or NO_TRIGGER),
    character n-grams (1–3) and modality cue kinds."""
    return sorted(_features(sentence, lexicons, rules, None))  # fixed order: same model input


def _features(sentence: str, lexicons: Lexicons, rules: str, only: _Weighted | None) -> set[str]:
    """The features of `sentence`, or with `only` just those a model weighs: the n-grams are
    intersected as bare strings first, so a sentence costs no formatting of n-grams the model
    ignores (the hot path of suggestions)."""
    text = _BLANKS.sub("", _DIGITS.sub("0", t2s(sentence)))  # Traditional reads as Simplified
    padded = f"^{text}$"

    def grams(kind: str, n: int) -> set[str] | frozenset[str]:
        if only is not None and len(only.get(kind, ())) < len(padded):  # few: look each up
            return {g for g in only.get(kind, ()) if g in padded}
        return {padded[i : i + n] for i in range(len(padded) - n + 1)}

    def cue_kinds() -> set[str] | frozenset[str]:
        # a model that weighs no cue (the shipped one) is spared a scan per cue kind
        if only is not None and "cue" not in only:
            return frozenset()
        return {kind for kind, cues in _cues(lexicons.event_modality) if cues.search(sentence)}

    kinds = [
        ("u", set(text)),
        ("b", grams("b", 2)),
        ("t", grams("t", 3)),
        ("cue", cue_kinds()),
        ("rules", {rules}),
    ]
    return {
        f"{kind}:{value}"
        for kind, values in kinds
        for value in (values if only is None else values & only.get(kind, frozenset()))
    }


_Weighted = dict[str, frozenset[str]]  # feature kind -> the values a model weighs


@lru_cache(maxsize=8)
def _cues(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One alternation per cue kind: a sentence is scanned once per kind, not once per cue."""
    kinds = dict.fromkeys(kind for _cue, kind in pairs)
    return tuple(
        (kind, re.compile("|".join(re.escape(c) for c, k in pairs if k == kind))) for kind in kinds
    )


@dataclass(frozen=True, slots=True)
class Verdict:
    """The classifier's reading of one sentence: the probability of each label."""

    probabilities: Mapping[str, float]

    @property
    def none(self) -> float:
        return self.probabilities.get(NONE, 0.0)

    def best_type(self) -> tuple[str | None, float]:
        """The most probable event type and its probability (None when the model knows none)."""
        typed = [(p, t) for t, p in self.probabilities.items() if t != NONE]
        if not typed:
            return None, 0.0
        p, event_type = max(typed)
        return event_type, p


class EventClassifier:
    """Load once (`EventClassifier.load()`), then `classify(sentence, rules)`.

    A verdict depends only on the sentence's features that carry a weight in the model (L1
    training leaves few): verdicts are kept per such feature set, so the model is asked once
    per distinct set, and a model that learned little costs little per sentence."""

    def __init__(self, model: Path, lexicons: Lexicons) -> None:
        self.model = model
        self._lexicons = lexicons
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model))
        self._labels = tuple(self._tagger.labels())
        weighted: dict[str, set[str]] = {}
        for attr, _label in self._tagger.info().state_features:
            kind, _, value = attr.partition(":")
            weighted.setdefault(kind, set()).add(value)
        self._weighted: _Weighted = {k: frozenset(v) for k, v in weighted.items()}
        self._verdicts: dict[tuple[str, ...], Verdict] = {}

    @classmethod
    def load(cls, lexicons: Lexicons, model: Path | None = None) -> EventClassifier | None:
        """The shipped model (or `model`); None when there is no model file."""
        path = model or resource_path(*MODEL_FILE)
        return cls(path, lexicons) if path.is_file() else None

    @property
    def labels(self) -> tuple[str, ...]:
        return self._labels

    def active_features(self, sentence: str, rules: str) -> set[str]:
        """The features of the sentence that carry a weight in this model."""
        return _features(sentence, self._lexicons, rules, self._weighted)

    def classify(self, sentence: str, rules: str) -> Verdict:
        """`rules`: what the trigger rules say of the sentence (a type, VOID or NO_TRIGGER)."""
        active = tuple(sorted(self.active_features(sentence, rules)))
        verdict = self._verdicts.get(active)
        if verdict is None:
            self._tagger.set([list(active)])
            verdict = Verdict({label: self._tagger.marginal(label, 0) for label in self._labels})
            if len(self._verdicts) < _MAX_VERDICTS:
                self._verdicts[active] = verdict
        return verdict


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    text: str
    label: str  # NONE or an event type
    rules: str  # what the rules say of it: an event type, VOID or NO_TRIGGER


def train_classifier(
    sentences: Iterable[LabelledSentence],
    model: Path,
    lexicons: Lexicons,
    *,
    max_iterations: int = 100,
) -> int:
    """Train on `sentences` into `model` (written whole, then renamed); how many it read. The
    same sentences in the same order give the same model."""
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    count = 0
    for sentence in sentences:
        trainer.append(
            [sentence_features(sentence.text, lexicons, sentence.rules)], [sentence.label]
        )
        count += 1
    if count == 0:
        raise ValueError("no sentences to train the event classifier on")
    trainer.set_params(
        {"c1": 0.05, "c2": 0.01, "max_iterations": max_iterations, "feature.minfreq": 2}
    )
    model.parent.mkdir(parents=True, exist_ok=True)
    partial = model.with_name(model.name + ".partial")
    trainer.train(str(partial))
    partial.replace(model)
    return count


@cache
def _shipped(lexicons: Lexicons) -> EventClassifier | None:
    return EventClassifier.load(lexicons)


@lru_cache(maxsize=4)
def classifier_at(model: str | None, lexicons: Lexicons) -> EventClassifier | None:
    """The classifier of a model file (a database's own), loaded once per process; None for
    `model` None: the shipped one (None itself when none ships)."""
    return EventClassifier(Path(model), lexicons) if model else _shipped(lexicons)


def database_classifier_path(database: Path) -> Path:
    """Where `annotator train` puts a database's own event classifier: beside the database."""
    return database.with_name(database.stem + ".events.crfsuite")
