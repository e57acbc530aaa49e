"""Fuzzing the two doors data comes in by: the page importer and `import-labels`.

Whatever the input, nothing crashes, and every file (every labels line) is taken whole or refused
with a reason: no article is stored from a refused file, no set is changed by a refused line.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from safety_helpers.corpus import seed_articles

from annotator.cleaning import CleaningError, clean_page
from annotator.formats.base import FormatError
from annotator.formats.registry import READERS, reader_for
from annotator.formats.service import export_records, import_labels
from annotator.importing import PAGE_SUFFIXES, import_paths
from annotator.model import article_id_for, region_label
from annotator.resources import seeds_dir
from annotator.store import Store

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)  # each example is a whole import; `-m slow` runs many more
SLOW_FUZZ = settings(FUZZ, max_examples=400)
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
TEXT = st.text(HAN | st.sampled_from(list(",。、“”:;!? \n\t<>&;/=\"'·0123456789abc")), max_size=200)
TAGS = ["p", "div", "span", "script", "style", "a", "h1", "title", "br", "img", "table", "td",
        "li", "ul", "meta", "head", "body", "html", "iframe", "noscript", "pre", "!--", "![CDATA["]  # fmt: skip
ENCODINGS = ["utf-8", "utf-8-sig", "gbk", "gb18030", "big5", "utf-16", "utf-16-be", "shift_jis",
             "euc-kr", "latin-1", "cp1252", "koi8-r"]  # fmt: skip
SUFFIXES = [".html", ".htm", ".txt", ".jsonl"]


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """Tag soup: random open/close tags, attributes and text, maybe a (lying) charset."""
    parts = []
    if draw(st.booleans()):
        parts.append(f'<meta charset="{draw(st.sampled_from(ENCODINGS + ["x-bogus", ""]))}">')
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(st.sampled_from(TAGS))
        kind = draw(st.sampled_from(["open", "close", "text", "attr"]))
        if kind == "open":
            parts.append(f"<{tag}>")
        elif kind == "close":
            parts.append(f"</{tag}>")
        elif kind == "attr":
            parts.append(f"<{tag} class=\"{draw(TEXT)}\" href='{draw(TEXT)}'>")
        else:
            parts.append(draw(TEXT))
    return "".join(parts)


def real_page_bytes() -> list[bytes]:
    pages = sorted(Path("/work/shared/real-pages/gne").glob("*"))[:6]
    seeds = sorted(seeds_dir().glob("*"))
    return [p.read_bytes() for p in [*pages, *seeds] if p.is_file()]


PAGE_BYTES = real_page_bytes()


@st.composite
def page_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """(suffix, bytes) of one file: random bytes, tag soup in some encoding, a real page cut
    anywhere (mid-character too), a huge line, or a jsonl of such pages."""
    source = draw(st.sampled_from(["bytes", "soup", "truncated", "huge", "jsonl"]))
    if source == "bytes":
        data = draw(st.binary(max_size=3000))
    elif source == "soup":
        data = draw(html_pages()).encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    elif source == "truncated":
        whole = draw(st.sampled_from(PAGE_BYTES))
        data = whole[: draw(st.integers(0, len(whole)))]
    elif source == "huge":
        line = draw(st.sampled_from(["新", "a", "<b>", "\u3000", "&#x4e00;", "\ufffd"]))
        encoding = draw(st.sampled_from(ENCODINGS))
        data = (line * draw(st.integers(10_000, 400_000))).encode(encoding, errors="replace")
    else:
        lines = draw(st.lists(st.one_of(
            st.builds(lambda t: json.dumps({"text": t}, ensure_ascii=False), TEXT),
            st.builds(lambda h: json.dumps({"html": h, "url": "u"}), html_pages()),
            st.text(max_size=40),
        ), max_size=5))  # fmt: skip
        return ".jsonl", "\n".join(lines).encode("utf-8", errors="surrogatepass")
    suffix = draw(st.sampled_from(SUFFIXES[:3]))
    return suffix, data


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def page_ids(suffix: str, data: bytes) -> set[str]:
    """Ids the file's pages would get (the hash of each page's bytes)."""
    if suffix != ".jsonl":
        return {article_id_for(data)}
    ids = set()
    for line in data.decode("utf-8", errors="replace").split("\n"):  # JSON may hold raw U+2028
        try:
            record = json.loads(line)
            body = record.get("html", record.get("text"))
            ids.add(article_id_for(body.encode("utf-8")))
        except (ValueError, AttributeError, UnicodeEncodeError):
            continue
    return ids


def check_import(files: list[tuple[str, bytes]]) -> None:
    with folder() as where, Store.open(memory=True) as store:
        paths = []
        for number, (suffix, data) in enumerate(files):
            path = where / f"page{number:02d}{suffix}"
            path.write_bytes(data)
            paths.append(path)
        result = import_paths(store, [where])
        refused = dict(result.failures)
        for reason in refused.values():
            assert reason.strip()
            assert "unexpectedly" not in reason, reason  # a cleaner bug, caught as a refusal
        expected: set[str] = set()
        for path, (suffix, data) in zip(paths, files, strict=True):
            if str(path) in refused:
                continue
            ids = page_ids(suffix, data)
            for article_id in ids:  # taken whole: every page, exactly as the cleaner makes it
                stored = store.get_article(article_id)
                if suffix != ".jsonl":
                    assert stored == clean_page(
                        data, stored.source, kind=PAGE_SUFFIXES[Path(stored.source).suffix]
                    )  # the same bytes in two files: stored once, from the first
                assert stored.offset_map.text_length == len(stored.text)
            expected |= ids
        for path, (suffix, data) in zip(paths, files, strict=True):
            if str(path) in refused:  # nothing of a refused file (unless another file has it)
                assert all(not store.has_article(i) for i in page_ids(suffix, data) - expected)
        assert set(store.article_ids()) == expected
        event(f"files taken: {len(files) - len(refused)} of {len(files)}")
        assert store.integrity_problems() == []


@FUZZ
@given(st.lists(page_files(), min_size=1, max_size=4))
def test_importer_takes_each_file_whole_or_refuses_it_with_a_reason(files):
    check_import(files)


@pytest.mark.slow
@SLOW_FUZZ
@given(st.lists(page_files(), min_size=1, max_size=6))
def test_importer_fuzzed_longer(files):
    check_import(files)


def test_a_page_over_the_size_limit_is_refused_and_the_others_imported():
    huge = ("新闻" * 3_000_000).encode("utf-8")  # 18 MB, over the 5 MB default limit
    with folder() as where, Store.open(memory=True) as store:
        (where / "huge.txt").write_bytes(huge)
        (where / "fine.txt").write_bytes(PAGE_BYTES[-1])
        result = import_paths(store, [where])
        assert [Path(p).name for p, _ in result.failures] == ["huge.txt"]
        assert "limit" in result.failures[0][1]
        assert result.imported == 1 and store.count_articles() == 1


# -- import-labels --------------------------------------------------------------------------------


def exported_lines() -> tuple[list[dict], list]:
    articles = seed_articles(3)
    with Store.open(memory=True) as store:
        store.add_articles(articles)
        for n, article in enumerate(articles):
            store.add_span(article.id, "alice", "OFFICIAL", 10 + n, 13 + n)
            store.add_span(article.id, "alice", "boilerplate/share", 0, 5)
        return list(export_records(store, "alice")), articles


RECORDS, ARTICLES = exported_lines()
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def label_lines(draw: st.DrawFn) -> str:
    """One line: random JSON, or an exported record with something broken or shifted."""
    if draw(st.booleans()):
        return json.dumps(draw(JSON_VALUES))
    record = json.loads(json.dumps(draw(st.sampled_from(RECORDS))))
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.sampled_from(["top", "span", "truncate"]))
        if where == "top":
            record[draw(st.sampled_from(list(record) + ["x"]))] = draw(JSON_VALUES)
        elif where == "span" and isinstance(record.get("spans"), list) and record["spans"]:
            span = draw(st.sampled_from(record["spans"]))
            if not isinstance(span, dict):
                continue
            key = draw(st.sampled_from(["start", "end", "label", "text", "id"]))
            span[key] = draw(st.integers(-5, 3000) | JSON_VALUES)
        else:
            text = json.dumps(record, ensure_ascii=False)
            return text[: draw(st.integers(0, len(text)))]
    return json.dumps(record, ensure_ascii=False)


def described_spans(line: str) -> set[tuple[int, int, str]] | None:
    """(start, end, label) of the spans and boilerplate regions a native JSONL line describes."""
    try:
        record = json.loads(line)
        spans = {(s["start"], s["end"], s["label"]) for s in record["spans"]}
        regions = record.get("boilerplate") or []
        return spans | {(r["start"], r["end"], region_label(r["kind"])) for r in regions}
    except (ValueError, TypeError, KeyError, AttributeError):
        return None  # describes nothing a set could be made of


def check_labels(format_name: str, lines: list[str]) -> None:
    with Store.open(memory=True) as store:
        store.add_articles(ARTICLES)
        before = {a.id: store.get_annotation_set(a.id, "bob") for a in ARTICLES}
        stream = io.StringIO("\n".join(lines))
        try:
            report = import_labels(store, reader_for(format_name), stream, "bob")
        except FormatError as refusal:  # the whole file refused, with a reason
            assert str(refusal).strip()
            assert all(store.get_annotation_set(a, "bob") == s for a, s in before.items())
            return
        assert all(r.reason.strip() for r in report.rejections)
        changed = [a for a, s in before.items() if store.get_annotation_set(a, "bob") != s]
        assert len(changed) == report.imported  # one whole set per accepted line, no more
        event(f"{format_name}: lines imported {report.imported}, rejected {len(report.rejections)}")
        for article_id in changed:  # each changed set is exactly what some line described
            stored = {
                (s.start, s.end, s.label) for s in store.get_annotation_set(article_id, "bob").spans
            }
            if format_name == "jsonl":
                assert stored in [described_spans(line) for line in lines]
        assert store.integrity_problems() == []


@FUZZ
@given(st.sampled_from(sorted(READERS)), st.lists(label_lines(), min_size=1, max_size=6))
def test_import_labels_takes_each_line_whole_or_rejects_it_with_a_reason(format_name, lines):
    check_labels(format_name, lines)


@pytest.mark.slow
@SLOW_FUZZ
@given(st.sampled_from(sorted(READERS)), st.lists(label_lines(), min_size=1, max_size=10))
def test_import_labels_fuzzed_longer(format_name, lines):
    check_labels(format_name, lines)


def test_clean_page_refuses_with_its_own_error_only():
    """The cleaner's promise the importer relies on: CleaningError, and nothing else."""
    for data in (b"", b"\x00" * 100, b"\xff\xfe" + "新".encode("utf-16-le") * 5, PAGE_BYTES[0][:7]):
        try:
            clean_page(data, "x.html")
        except CleaningError as error:
            assert str(error).strip()
