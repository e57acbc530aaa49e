"""Does `annotator train` on 50 labelled articles of a new outlet raise recall on its others?

    .venv/bin/python scripts/new_outlet_experiment.py --ner FILE --base-corpus 199801.txt \
        --workdir /tmp/outlet [--labelled 50] [--per-article 10] [--iterations 60]

FILE is an outside Chinese NER corpus in the CoNLL character format (one `char TAG` per line, a
blank line between sentences; PER, or PER.NAM as in the Weibo corpus, is a person; PER.NOM is a
nominal mention, not a name). Nothing of it is committed here: its licence may not allow it.

What it does, reproducibly (no randomness but a hash of each article's text):
1. groups the corpus's sentences, in file order, into articles of `--per-article` sentences
   (one line each) and stores them in a new database under --workdir;
2. decides the gold OFFICIAL spans: a gold person written right after or right before a title
   word of the bundled lexicons (国务院总理李鹏, 江泽民主席); the other persons are persons, not
   officials, and the schema has no label for them;
3. alice labels the OFFICIAL spans of `--labelled` articles (the lowest hashes) and marks them
   done; the other articles are held out and never labelled;
4. suggests every article with the shipped model (before), runs `annotator train` as a team
   would (it recomputes the untouched articles), and suggests again (after);
5. prints, on the held-out articles: the suggested OFFICIAL spans against the gold officials
   (exact match P/R/F1) and the bare tagger against every gold person (P/R/F1), before and after.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.cli import main as cli
from annotator.model import AnnotationSet, Article, Span
from annotator.scoring import MatchCounts, figure
from annotator.store import Store
from annotator.suggest.person_tagger import PersonTagger, shipped_tagger
from annotator.suggest.run import own_tagger_model, suggest_corpus
from annotator.suggest.tagged_officials import official_title_words

ANNOTATOR = "alice"


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    persons: tuple[tuple[int, int], ...]
    officials: tuple[tuple[int, int], ...]


def read_conll(path: Path) -> Iterator[tuple[str, tuple[tuple[int, int], ...]]]:
    """(sentence, person spans) per sentence of a character-per-line BIO file."""
    chars: list[str] = []
    names: list[tuple[int, int]] = []
    start: int | None = None

    def close(at: int) -> None:
        nonlocal start
        if start is not None:
            names.append((start, at))
            start = None

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        fields = line.split()
        if not fields:
            close(len(chars))
            if chars:
                yield "".join(chars), tuple(names)
            chars, names = [], []
            continue
        char, tag = fields[0][0], fields[-1]  # Weibo's `字0` carries a position digit
        kind = tag[2:] if tag[:2] in ("B-", "I-") else ""
        person = kind in ("PER", "PER.NAM")
        if not (person and tag.startswith("I-") and start is not None):
            close(len(chars))
        if person and start is None:
            start = len(chars)
        chars.append(char)


def is_official(text: str, start: int, end: int, titles: tuple[str, ...]) -> bool:
    before = any(text.endswith(w, 0, start) for w in titles)
    after = any(text.startswith(w, end) and not text.startswith("会", end + len(w)) for w in titles)
    return before or after


def articles(path: Path, per_article: int) -> list[GoldArticle]:
    titles = official_title_words()
    sentences = [(t.replace("\n", " "), n) for t, n in read_conll(path)]
    found = []
    for first in range(0, len(sentences), per_article):
        lines = sentences[first : first + per_article]
        text, persons, offset = "", [], 0
        for line, names in lines:
            persons += [(offset + s, offset + e) for s, e in names]
            text += line + "\n"
            offset = len(text)
        text = text[:-1]
        officials = tuple(p for p in persons if is_official(text, *p, titles))
        found.append(GoldArticle(f"a{first // per_article:05d}", text, tuple(persons), officials))
    return found


def labelled_ids(found: list[GoldArticle], count: int) -> set[str]:
    """`count` articles with at least one official, chosen by a hash of their text."""
    with_officials = [a for a in found if a.officials]
    ranked = sorted(with_officials, key=lambda a: hashlib.sha256(a.text.encode()).hexdigest())
    return {a.id for a in ranked[:count]}


def build(db: Path, found: list[GoldArticle], chosen: set[str]) -> None:
    with Store.open(db) as store:
        store.add_articles(Article.plain(a.id, a.text) for a in found)
        for a in found:
            if a.id not in chosen:
                continue
            spans = tuple(
                Span(a.id, ANNOTATOR, "OFFICIAL", s, e, a.text[s:e], n)
                for n, (s, e) in enumerate(a.officials, 1)
            )
            store.replace_annotation_set(AnnotationSet(a.id, ANNOTATOR, spans=spans))
            store.set_status(a.id, ANNOTATOR, "done")


def suggested_officials(store: Store, held: list[GoldArticle]) -> MatchCounts:
    hits = gold = predicted = 0
    for a in held:
        found = {
            (s.start, s.end)
            for s in store.get_annotation_set(a.id, "auto").spans
            if s.label == "OFFICIAL"
        }
        truth = set(a.officials)
        hits, gold, predicted = hits + len(found & truth), gold + len(truth), predicted + len(found)
    return MatchCounts(hits, gold, predicted)


def tagged_persons(tagger: PersonTagger, held: list[GoldArticle]) -> MatchCounts:
    hits = gold = predicted = 0
    for a in held:
        found = {(n.start, n.end) for n in tagger.names(a.text)}
        truth = set(a.persons)
        hits, gold, predicted = hits + len(found & truth), gold + len(truth), predicted + len(found)
    return MatchCounts(hits, gold, predicted)


def line(what: str, counts: MatchCounts) -> str:
    return (
        f"  {what:<44} P {figure(counts.precision)} R {figure(counts.recall)} "
        f"F1 {figure(counts.f1)}  (gold {counts.support_a}, found {counts.support_b}, right {counts.matched})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ner", type=Path, required=True, help="the outside NER corpus (CoNLL)")
    parser.add_argument("--base-corpus", type=Path, required=True, help="PKU 1998-01 file")
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--labelled", type=int, default=50)
    parser.add_argument("--per-article", type=int, default=10)
    parser.add_argument("--iterations", type=int, default=60)
    args = parser.parse_args(argv)

    found = articles(args.ner, args.per_article)
    chosen = labelled_ids(found, args.labelled)
    held = [a for a in found if a.id not in chosen]
    args.workdir.mkdir(parents=True, exist_ok=True)
    db = args.workdir / "outlet.db"
    if db.exists():
        sys.exit(f"{db} exists: give an empty --workdir")
    build(db, found, chosen)
    print(
        f"{len(found)} articles of {args.per_article} sentences; {len(chosen)} labelled by "
        f"{ANNOTATOR} ({sum(len(a.officials) for a in found if a.id in chosen)} officials); "
        f"{len(held)} held out with {sum(len(a.persons) for a in held)} persons, "
        f"{sum(len(a.officials) for a in held)} of them officials"
    )
    with Store.open(db) as store:
        suggest_corpus(store)
        before = suggested_officials(store, held)
    tagger_before = tagged_persons(shipped_tagger(), held)
    started = time.perf_counter()
    code = cli(
        ["--db", str(db), "train", "--corpus", str(args.base_corpus),
         "--iterations", str(args.iterations)]
    )  # fmt: skip
    if code != 0:
        return code
    print(f"annotator train took {time.perf_counter() - started:.0f} s")
    with Store.open(db) as store:
        after = suggested_officials(store, held)
        model = own_tagger_model(store)
    assert model is not None, "train wrote no model beside the database"
    tagger_after = tagged_persons(PersonTagger(model), held)
    print("held-out articles, exact spans:")
    print(line("suggested OFFICIAL vs gold officials, before", before))
    print(line("suggested OFFICIAL vs gold officials, after", after))
    print(line("tagger persons vs gold persons, before", tagger_before))
    print(line("tagger persons vs gold persons, after", tagger_after))
    return 0


if __name__ == "__main__":
    sys.exit(main())
