"""Fuzzing the two doors data comes in by: the page importer and `import-labels`.

Whatever the input, nothing crashes, and every file (every labels line) is taken whole or refused
with a reason: no article is stored from a refused file, no set is changed by a refused line.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from safety_helpers.corpus import seed_articles
from test_trust_import_pages import memory_cap

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
    # lines end at CR, LF or CRLF (never raw inside JSON strings), not at U+2028 and the like
    for line in re.split(r"\r\n?|\n", data.decode("utf-8", errors="replace")):
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
                first_kind = PAGE_SUFFIXES.get(Path(stored.source).suffix)
                if suffix != ".jsonl" and first_kind is not None:
                    assert stored == clean_page(
                        data, stored.source, kind=first_kind
                    )  # the same bytes in two files: stored once, from the first
                # (first stored from a .jsonl line, whose source is its url or line: the page
                # as that line gave it, which the jsonl case checks)
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
        assert all(r.reason.strip() for r in report.refused)
        changed = [a for a, s in before.items() if store.get_annotation_set(a, "bob") != s]
        assert len(changed) == report.imported  # one whole set per accepted line, no more
        event(f"{format_name}: lines imported {report.imported}, rejected {len(report.refused)}")
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


# -- hostile page files: deep JSON, lone surrogates, line separators, FIFOs, devices, symlinks ----

# splitlines() splits on all of these; JSON writers leave the first three raw inside strings
SEPARATORS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\r"]
FIELDS = ["text", "html", "title", "url"]


@st.composite
def jsonl_lines(draw: st.DrawFn) -> tuple[str, str]:
    """(line, the body it imports), or (line, what the refusal says) for a line that must refuse
    its file: nested deeper than anyone reads (closed or not), or a lone surrogate (escaped, as
    JSON writers emit it) in a field. Raw line separators inside strings are part of the text."""
    kind = draw(st.sampled_from(["good", "deep", "surrogate"]))
    # long enough that a few control characters do not make it look binary to the cleaner
    body = draw(st.text(HAN, min_size=20, max_size=30)) + draw(
        st.text(HAN | st.sampled_from(SEPARATORS), max_size=10)
    )
    record: dict = {"text": body}
    if draw(st.booleans()):
        record["title"] = draw(st.text(HAN | st.sampled_from(SEPARATORS), max_size=10))
    if kind == "deep":
        depth = draw(st.sampled_from([65, 1_000, 5_000, 100_000]))
        opening, closing = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
        record["extra"] = "@"
        line = json.dumps(record, ensure_ascii=False)
        closed = draw(st.booleans())
        nest = opening * depth + "1" + closing * depth * closed
        # unclosed, it may be refused before or after the reader notices the depth
        reason = (
            ".*(depth limit|nested deeper)" if closed else ".*(depth limit|nested deeper|not JSON)"
        )
        return line.replace('"@"', nest), f"line {{}}: {reason}"
    line = json.dumps(record, ensure_ascii=False)  # raw separators stay raw inside strings
    if kind == "good":
        return line, body
    field = draw(st.sampled_from(FIELDS))
    lone = f"\\u{draw(st.integers(0xD800, 0xDFFF)):04x}"
    fields = {**record, field: draw(HAN) + "@" + draw(HAN)}
    line = json.dumps(fields, ensure_ascii=False).replace("@", lone)
    return line, "line {}: .*surrogate"


@FUZZ
@given(st.lists(st.lists(jsonl_lines(), min_size=1, max_size=4), min_size=1, max_size=4))
def test_hostile_jsonl_lines_refuse_their_file_alone(files):
    with folder() as where, Store.open(memory=True) as store:
        expected: set[str] = set()
        refusals = {}
        for number, lines in enumerate(files):
            name = f"part{number}.jsonl"
            (where / name).write_bytes("\r\n".join(line for line, _ in lines).encode("utf-8"))
            bad = [(n, said) for n, (_, said) in enumerate(lines, 1) if said.startswith("line {}")]
            if bad:  # the first bad line names the refusal
                refusals[name] = bad[0][1].format(bad[0][0])
            else:
                expected |= {article_id_for(body.encode("utf-8")) for _, body in lines}
        result = import_paths(store, [where])
        reasons = {Path(path).name: reason for path, reason in result.failures}
        assert set(reasons) == set(refusals)
        for name, reason in reasons.items():
            assert re.match(refusals[name], reason) and "\n" not in reason, reason
        assert set(store.article_ids()) == expected
        assert store.integrity_problems() == []


@contextmanager
def alarm(seconds: int) -> Iterator[None]:
    """TimeoutError instead of a hang: SIGALRM interrupts a blocked open() or read()."""

    def ring(signum, frame):  # noqa: ARG001 - the signal handler's signature
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# what each kind of entry is refused with; None: imported
SPECIAL = {"page": None, "link to page": None, "fifo": "not a regular file (a FIFO)",
           "/dev/zero": "not a regular file", "/dev/null": "not a regular file",
           "/dev/urandom": "not a regular file", "loop": "cannot read", "dangling": "cannot read"}  # fmt: skip


def printable(path: Path) -> str:
    return os.fsencode(path).decode("utf-8", "backslashreplace")


@FUZZ
@given(
    st.lists(st.sampled_from([*SPECIAL, "folder"]), min_size=1, max_size=6),
    st.lists(st.binary(min_size=1, max_size=6), min_size=6, max_size=6),
)
def test_special_files_in_a_folder_are_refused_alone_without_hanging(entries, name_bytes):
    with folder() as where, Store.open(memory=True) as store, alarm(60), memory_cap():
        pages = where / "pages"
        pages.mkdir()
        (where / "outside.txt").write_bytes(PAGE_BYTES[-1])
        expected: dict[str, str] = {}
        for number, entry in enumerate(entries):
            # names hold random bytes: those that are not UTF-8 reach Python as lone surrogates
            stem = os.fsdecode(bytes(b for b in name_bytes[number] if b not in b"/\x00."))
            path = pages / f"{number}{stem}.txt"
            if entry == "page":
                path.write_bytes(PAGE_BYTES[-1])
            elif entry == "link to page":
                path.symlink_to(where / "outside.txt")
            elif entry == "fifo":
                os.mkfifo(path)
            elif entry == "loop":
                path.symlink_to(path.name)
            elif entry == "dangling":
                path.symlink_to(where / "gone.txt")
            elif entry == "folder":
                path.mkdir()  # a folder named like a page is walked, not read
            else:
                path.symlink_to(entry)
            if SPECIAL.get(entry):
                expected[printable(path)] = SPECIAL[entry]
        result = import_paths(store, [pages])
        reasons = dict(result.failures)
        assert set(reasons) == set(expected)
        for path, reason in reasons.items():
            assert reason.startswith(expected[path]) and "\n" not in reason, reason
        pages_in = any(SPECIAL.get(e, "") is None for e in entries)
        assert store.count_articles() == pages_in
