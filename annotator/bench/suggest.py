"""`annotator bench suggest`: our boilerplate line classification against trafilatura's
main-content extraction, on real pages of outlets the rules have never seen and on the held-out
hand-written pages; plus the full suggestion report on the held-out pages.

The real pages carry no labels, so tests/data/suggest/real_gold.jsonl says by hand which lines
are body. Lines are scored both ways: boilerplate as the positive class, and body as the positive
class (body F1 punishes a system that throws prose away). Speed is articles per second over
every page in the folder. trafilatura is a dev-only dependency, imported here only.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from annotator.model import Article
from annotator.scoring import figure
from annotator.suggest.evaluate import Counts, Report, boilerplate_lines, line_bounds, line_counts

PAGES = Path("/work/shared/real-pages/gne")
DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "suggest"
GOLD = DATA / "real_gold.jsonl"
HELDOUT = DATA / "heldout"
BLIND = DATA / "blind"  # written by someone who never read the rules
_SPACE = re.compile(r"\s+")
Extractor = Callable[[str], str]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("suggest", help="boilerplate F1 and speed against trafilatura")
    parser.add_argument("--pages", type=Path, default=PAGES, help="folder of real HTML pages")
    parser.add_argument("--gold", type=Path, default=GOLD, help="line-level body gold (JSONL)")
    parser.add_argument(
        "--heldout",
        type=Path,
        nargs="*",
        default=[HELDOUT, BLIND],
        help="folders of held-out pages, each with its gold.jsonl",
    )
    parser.add_argument(
        "--seconds", type=float, default=8.0, help="how long to time seed-sized suggestions"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        import trafilatura
    except ImportError:
        print("skipped: trafilatura is not installed (pip install -e '.[dev]')")
        return 0

    def extract(markup: str) -> str:
        return trafilatura.extract(markup) or ""

    if args.pages.is_dir() and args.gold.is_file():
        _real_pages(args.pages, args.gold, extract)
    else:
        print(f"real pages skipped: {args.pages} or {args.gold} is missing")
    _seed_rate(args.seconds)
    for folder in args.heldout:
        if (folder / "gold.jsonl").is_file():
            _heldout(folder, extract)
        else:
            print(f"held-out pages skipped: {folder / 'gold.jsonl'} is missing")
    return 0


def _real_pages(pages: Path, gold_path: Path, extract: Extractor) -> None:
    from annotator.cleaning import clean_page
    from annotator.suggest import suggest_article

    ours, theirs = Counts(), Counts()
    records = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    for record in records:
        data = (pages / record["source"]).read_bytes()
        article = clean_page(data, record["source"])
        gold = real_gold_lines(article.text, record)
        ours += line_counts(gold, _our_lines(article))
        theirs += line_counts(gold, outside(article.text, extract(_markup(data))))
    files = sorted(p for p in pages.iterdir() if p.suffix == ".html")
    our_rate = _rate(files, lambda data, name: suggest_article(clean_page(data, name)))
    their_rate = _rate(files, lambda data, _name: extract(_markup(data)))
    print(f"real pages: {len(records)} hand-checked in {gold_path.name}; speed over {len(files)}")
    _print_lines(ours, theirs, our_rate, their_rate)


def _heldout(folder: Path, extract: Extractor) -> None:
    from annotator.suggest import suggest_article
    from annotator.suggest.evaluate import read_gold

    report, theirs = Report(), Counts()
    pages = heldout_pages(folder)
    for gold in read_gold(folder / "gold.jsonl"):
        article = pages[gold.id]
        path = folder / article.source
        report.add(gold, suggest_article(article))
        regions = [(s, e) for label, s, e in gold.spans if label.startswith("boilerplate/")]
        markup = _markup(path.read_bytes()) if path.suffix == ".html" else _as_html(article.text)
        theirs += line_counts(
            boilerplate_lines(gold.text, regions), outside(article.text, extract(markup))
        )
    print(f"\nheld-out pages ({folder}; how they were used: its README.md)")
    print(report.format())
    print("trafilatura on the same pages (text dumps wrapped one <p> a line):")
    print(f"  boilerplate lines {_prf(theirs)}   body lines {_prf(theirs.inverse)}")


def heldout_pages(folder: Path) -> dict[str, Article]:
    """The cleaned held-out pages (.txt dumps and .html) by article id."""
    from annotator.cleaning import clean_page

    paths = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html"))
    return {a.id: a for a in (clean_page(p.read_bytes(), p.name) for p in paths)}


def _print_lines(ours: Counts, theirs: Counts, our_rate: float, their_rate: float) -> None:
    print(f"  {'':12} {'boilerplate lines P/R/F1':>26} {'body lines P/R/F1':>20}")
    for name, counts, rate in (("annotator", ours, our_rate), ("trafilatura", theirs, their_rate)):
        print(f"  {name:12} {_prf(counts):>26} {_prf(counts.inverse):>20}   {rate:6.1f} articles/s")


def _prf(counts: Counts) -> str:
    return " ".join(figure(x, 3) for x in (counts.precision, counts.recall, counts.f1))


def _our_lines(article: Article) -> list[bool]:
    from annotator.suggest import suggest_article

    regions = [(s.start, s.end) for s in suggest_article(article).region_spans()]
    return boilerplate_lines(article.text, regions)


def _markup(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _as_html(text: str) -> str:
    paragraphs = "".join(
        f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip()
    )
    return f"<html><body>{paragraphs}</body></html>"


def real_gold_lines(text: str, record: dict) -> list[bool]:
    """Per non-blank line: boilerplate (True) or body, from a real_gold.jsonl record."""
    lines = [text[s:e] for s, e in line_bounds(text)]
    body = [False] * len(lines)
    for (first, last), start in zip(record["body"], record["starts"], strict=True):
        if not lines[first].startswith(start):
            raise SystemExit(f"{record['source']}: line {first} no longer starts with {start!r}")
        for index in range(first, last + 1):
            body[index] = True
    return [not b for b in body]


def outside(text: str, extracted: str) -> list[bool]:
    """A line is boilerplate for trafilatura when its text is not in the extraction."""
    kept = _SPACE.sub("", extracted)
    extracted_lines = {_SPACE.sub("", line) for line in extracted.splitlines()}
    verdicts = []
    for start, end in line_bounds(text):
        line = _SPACE.sub("", text[start:end])
        verdicts.append(not (line in extracted_lines or (len(line) >= 10 and line in kept)))
    return verdicts


def _rate(files: list[Path], work: Callable[[bytes, str], object]) -> float:
    pages = [(p.read_bytes(), p.name) for p in files]
    started = time.perf_counter()
    for data, name in pages:
        work(data, name)
    return len(pages) / (time.perf_counter() - started)


def seed_copies(copy: int) -> list[tuple[bytes, str]]:
    """The seed text pages as copy number `copy`: a marker at the start of every line, so no
    sentence repeats between copies (the name tagger remembers sentences it has tagged)."""
    from annotator.resources import seeds_dir

    pages = []
    for path in sorted(p for p in seeds_dir().iterdir() if p.suffix == ".txt"):
        lines = path.read_text(encoding="utf-8").split("\n")
        marked = [f"〔{copy}〕{line}" if line.strip() else line for line in lines]
        pages.append(("\n".join(marked).encode("utf-8"), path.name))
    return pages


def _seed_rate(seconds: float) -> None:
    """Clean + suggest (no HTML parse) of seed-sized articles, per second of the clock and of
    this process's CPU time (what one core gives, whatever else runs on the machine)."""
    import os

    from annotator.cleaning import clean_page
    from annotator.suggest import suggest_article

    for data, name in seed_copies(-1):  # loads the lexicons, the model, the tables
        suggest_article(clean_page(data, name))
    done, copy = 0, 0
    wall, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - wall < seconds:
        for data, name in seed_copies(copy):
            suggest_article(clean_page(data, name))
            done += 1
        copy += 1
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"seed-sized articles (distinct copies of the {len(seed_copies(0))} seed text pages), "
        f"clean + suggest: {done / wall:.1f}/s on the clock, {done / cpu:.1f}/s of CPU time "
        f"(target >= 100/s per core); load {load}"
    )
