"""Hostile and misleading page files: each is refused alone with a one-line reason (or, when the
page is fine, imported as it is), the other files are imported, and nothing hangs or blows up.

Every test goes through `annotator import` (or the importer it calls) with three good seed pages
next to the hostile file, because the bugs these pin down aborted or hung the whole run.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from opencc import OpenCC
from test_cleaning_support import REAL_PAGES

from annotator.cleaning import clean_page
from annotator.cleaning.decode import decode_page
from annotator.cli import main
from annotator.importing import FileRefused, import_paths, read_pages
from annotator.resources import seeds_dir
from annotator.store import Store

SEEDS = 3


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for seed in sorted(seeds_dir().iterdir())[:SEEDS]:
        shutil.copy(seed, folder / seed.name)
    return folder


def run_import(
    tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, list[str], str]:
    """Exit code, the `failed:` lines and stdout of `annotator import --no-suggest folder`."""
    code = main(["--db", str(tmp_path / "work.db"), "import", "--no-suggest", *extra, str(folder)])
    out, err = capsys.readouterr()
    return code, [line for line in err.splitlines() if line.startswith("failed:")], out


def stored_count(tmp_path: Path) -> int:
    with Store.open(tmp_path / "work.db") as store:
        return store.count_articles()


def assert_only_refused(
    tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str], name: str, reason: str
) -> str:
    """The one file `name` is refused with a one-line reason holding `reason`; the seeds are in."""
    code, failed, out = run_import(tmp_path, folder, capsys)
    assert code == 1
    assert len(failed) == 1, failed
    assert failed[0].startswith(f"failed: {folder / name}: ")
    assert reason in failed[0]
    assert f"imported {SEEDS}," in out
    assert stored_count(tmp_path) == SEEDS
    return failed[0]


# -- lone surrogates ------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["text", "html", "title", "url"])
def test_a_lone_surrogate_in_a_jsonl_page_refuses_that_file(
    tmp_path: Path, pages: Path, capsys: pytest.CaptureFixture[str], field: str
) -> None:
    record = {"text": "新闻正文内容", field: "正文\ud800内容"}
    good = json.dumps({"text": "另一篇正文"}, ensure_ascii=False)
    (pages / "bad.jsonl").write_text(f"{good}\n{json.dumps(record)}\n", encoding="utf-8")
    message = assert_only_refused(tmp_path, pages, capsys, "bad.jsonl", "line 2: ")
    assert "surrogate" in message and "column" in message


def test_a_surrogate_pair_escape_is_one_character_and_imports(
    tmp_path: Path, pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (pages / "emoji.jsonl").write_text('{"text": "正文\\ud83d\\ude00内容"}\n', encoding="utf-8")
    code, failed, out = run_import(tmp_path, pages, capsys)
    assert (code, failed) == (0, [])
    assert stored_count(tmp_path) == SEEDS + 1


def test_a_file_name_that_is_not_utf8_imports_under_a_printable_source(
    tmp_path: Path, pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # e.g. a zip made on Windows: GBK file names, which Python holds as lone surrogates
    name = os.fsdecode("新闻".encode("gbk") + b".txt")
    (pages / name).write_bytes("新疆日报讯 记者从会上获悉。".encode())
    code, failed, out = run_import(tmp_path, pages, capsys)
    assert (code, failed) == (0, [])
    with Store.open(tmp_path / "work.db") as store:
        sources = {store.get_article(i).source for i in store.article_ids()}
    assert "\\xd0\\xc2\\xce\\xc5.txt" in sources


def test_a_refused_file_whose_name_is_not_utf8_is_reported_printably(
    tmp_path: Path, pages: Path
) -> None:
    (pages / os.fsdecode(b"bad\xff.txt")).write_bytes(b"")
    with Store.open(memory=True) as store:
        result = import_paths(store, [pages])
    [(path, reason)] = result.failures
    assert path.endswith("bad\\xff.txt") and "empty" in reason
    path.encode("utf-8")  # printable anywhere: a terminal, a dialog, a log


# -- deep nesting -----------------------------------------------------------------------------------


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_json_nested_100k_deep_refuses_that_file(
    tmp_path: Path, pages: Path, capsys: pytest.CaptureFixture[str], opening: str
) -> None:
    (pages / "deep.jsonl").write_text(opening * 100_000 + "\n", encoding="utf-8")
    message = assert_only_refused(tmp_path, pages, capsys, "deep.jsonl", "line 1: ")
    assert "depth limit" in message or "nested deeper" in message


# -- line breaks inside JSON strings ----------------------------------------------------------------


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])  # JSON allows them raw in strings
def test_a_raw_line_separator_inside_a_json_string_does_not_split_the_line(
    tmp_path: Path, pages: Path, capsys: pytest.CaptureFixture[str], char: str
) -> None:
    body = f"新疆日报讯{char}记者从会上获悉"
    lines = [json.dumps({"text": body}, ensure_ascii=False), json.dumps({"text": "第二篇正文"})]
    (pages / "ok.jsonl").write_bytes("\r\n".join(lines).encode("utf-8"))
    assert char.encode() in (pages / "ok.jsonl").read_bytes()
    code, failed, out = run_import(tmp_path, pages, capsys)
    assert (code, failed) == (0, [])
    assert f"imported {SEEDS + 2}," in out
    with Store.open(tmp_path / "work.db") as store:
        raw = {store.get_article(i).raw_text for i in store.article_ids()}
    assert body in raw and "第二篇正文" in raw  # the \r of the CRLF is not part of the page


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_jsonl_lines_may_end_in_any_of_the_newlines_json_forbids_inside_strings(
    tmp_path: Path, pages: Path, newline: str
) -> None:
    # a raw CR or LF cannot be inside a JSON string, so each is safe to split on (U+2028 is not)
    lines = [json.dumps({"text": f"第{n}篇新闻\u2028正文"}, ensure_ascii=False) for n in range(3)]
    (pages / "pages.jsonl").write_text(newline.join(lines) + newline, encoding="utf-8", newline="")
    with Store.open(memory=True) as store:
        result = import_paths(store, [pages])
    assert (result.imported, result.failures) == (SEEDS + 3, ())


# -- FIFOs, devices, symlinks, folders, the size limit ---------------------------------------------


@contextmanager
def memory_cap(extra: int = 1 << 30) -> Iterator[None]:
    """Cap this process's address space at what it uses now plus `extra`, so a read without a
    bound fails fast with MemoryError instead of taking the machine down."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/status") as status:
        used = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
    cap = used + extra if hard == resource.RLIM_INFINITY else min(hard, used + extra)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def test_a_fifo_in_a_folder_is_refused_not_waited_for(tmp_path: Path, pages: Path) -> None:
    fifo = pages / "pipe.txt"
    os.mkfifo(fifo)
    outcome: list = []

    def run() -> None:
        with Store.open(memory=True) as store:
            outcome.append(import_paths(store, [pages]))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=20)
    hung = worker.is_alive()
    if hung:  # let the reader stuck in open() go
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(timeout=5)
    assert not hung, "the importer waited for a writer on the FIFO"
    [result] = outcome
    assert result.imported == SEEDS
    assert [(Path(p).name, "FIFO" in r) for p, r in result.failures] == [("pipe.txt", True)]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_symlink_to_a_device_is_refused_without_reading_it(
    tmp_path: Path, pages: Path, capsys: pytest.CaptureFixture[str], device: str
) -> None:
    (pages / "device.txt").symlink_to(device)
    with memory_cap():
        assert_only_refused(tmp_path, pages, capsys, "device.txt", "not a regular file")


def test_a_symlink_loop_and_a_dangling_symlink_are_refused(tmp_path: Path, pages: Path) -> None:
    (pages / "loop.txt").symlink_to("loop.txt")
    (pages / "gone.html").symlink_to(tmp_path / "nowhere.html")
    with Store.open(memory=True) as store:
        result = import_paths(store, [pages])
    assert result.imported == SEEDS
    reasons = {Path(p).name: r for p, r in result.failures}
    assert set(reasons) == {"loop.txt", "gone.html"}
    assert "symbolic links" in reasons["loop.txt"] and "No such file" in reasons["gone.html"]


def test_a_symlink_to_a_good_page_is_imported(tmp_path: Path, pages: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("新疆日报讯 记者从会上获悉。", encoding="utf-8")
    (pages / "link.txt").symlink_to(outside)
    with Store.open(memory=True) as store:
        result = import_paths(store, [pages])
    assert (result.imported, result.failures) == (SEEDS + 1, ())


@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_reading_stops_after_the_limit_even_when_the_size_says_zero(
    tmp_path: Path, suffix: str
) -> None:
    # /proc files are regular files that report size 0 and hold more: only a bounded read
    # notices that the file is over the limit before taking all of it
    link = tmp_path / f"status{suffix}"
    link.symlink_to("/proc/self/status")
    with pytest.raises(FileRefused, match="above the limit"):
        read_pages(link, max_bytes=10)


def test_a_folder_that_cannot_be_listed_is_reported_not_skipped(
    tmp_path: Path, pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (as root, permissions cannot make a folder unreadable: the listing fails on purpose)
    locked = pages / "locked"
    locked.mkdir()
    shutil.copy(next(iter(sorted(seeds_dir().iterdir()))), locked / "page.txt")
    real_scandir = os.scandir

    def scandir(path):  # noqa: ANN001, ANN202 - stands in for os.scandir
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with Store.open(memory=True) as store:
        result = import_paths(store, [pages])
    assert result.imported == SEEDS
    assert result.failures == ((str(locked), "cannot list this folder: Permission denied"),)


def test_a_link_to_a_folder_is_reported_not_followed(tmp_path: Path, pages: Path) -> None:
    (pages / "up").symlink_to("..")  # followed, it would walk the folder again, forever
    (pages / ".hidden").symlink_to("..")
    with Store.open(memory=True) as store:
        result = import_paths(store, [pages])
    assert result.imported == SEEDS
    assert result.failures == ((str(pages / "up"), "a link to a folder: not followed"),)


@pytest.mark.parametrize("limit", ["0", "-5", "many"])
def test_a_max_bytes_that_is_no_positive_number_is_a_usage_error(
    tmp_path: Path, pages: Path, capsys: pytest.CaptureFixture[str], limit: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(tmp_path / "work.db"), "import", "--max-bytes", limit, str(pages)])
    assert exit_.value.code == 2
    assert "--max-bytes" in capsys.readouterr().err
    assert not (tmp_path / "work.db").exists()


# -- encodings that lie -------------------------------------------------------------------------------

NEWS = "新疆维吾尔自治区党委书记主持召开座谈会，研究部署下一阶段工作。"


def html_page(charset: str, body: str = NEWS) -> str:
    return f'<html><head><meta charset="{charset}"></head><body><p>{body}</p></body></html>'


def test_a_short_gbk_page_declaring_big5_is_read_as_gbk() -> None:
    data = html_page("big5").encode("gbk")
    assert data.decode("big5hkscs")  # the lie decodes without error: only evidence tells
    decoded = decode_page(data, look_for_meta=True)
    assert decoded.encoding == "gb18030"
    assert "big5" in (decoded.why or "") and "gb18030" in (decoded.why or "")
    assert NEWS in clean_page(data, "x.html").text


def test_a_short_big5_page_declaring_gbk_is_read_as_big5() -> None:
    traditional = "新疆維吾爾自治區黨委書記主持召開座談會，研究部署下一階段工作。"
    data = html_page("gbk", traditional).encode("big5")
    assert data.decode("gb18030")
    decoded = decode_page(data, look_for_meta=True)
    assert decoded.encoding == "big5hkscs" and traditional in decoded.text


@pytest.mark.parametrize(
    ("charset", "body", "codec"),
    [
        ("big5", "新疆維吾爾自治區黨委書記主持召開座談會。", "big5"),
        ("gbk", NEWS, "gbk"),
        ("big5", "會議", "big5"),  # too short to judge: the declaration stands
        ("gbk", "丂丄丅丆丏丒丗丟", "gbk"),  # rare characters, but no better reading exists
    ],
)
def test_an_honest_declaration_is_kept(charset: str, body: str, codec: str) -> None:
    decoded = decode_page(html_page(charset, body).encode(codec), look_for_meta=True)
    assert body in decoded.text and decoded.why is None


@pytest.mark.parametrize("body", ["新闻正文 +2AA- \\ud800 +AGEAYgBj-", "News +2AA- \\ud800 +AGE-"])
@pytest.mark.parametrize("charset", ["utf-7", "unicode_escape", "raw_unicode_escape", "rot13",
                                     "base64", "hex", "zlib", "punycode", "idna", "undefined"])  # fmt: skip
def test_a_declared_charset_that_is_no_web_encoding_is_ignored(charset: str, body: str) -> None:
    # utf-7 and unicode_escape turn `+2AA-` and `\ud800` into lone surrogates, rot13 is no
    # bytes codec at all: browsers know none of them, and neither does the cleaner
    article = clean_page(html_page(charset, body).encode("utf-8"), "x.html")
    assert body in article.text


@pytest.mark.parametrize("charset", ["utf-16", "utf-16le", "UTF-32"])
def test_a_utf16_declaration_found_in_ascii_bytes_is_a_lie(charset: str) -> None:
    page = html_page(charset, "新闻正文内容")
    data = page.encode("utf-8") + b" " * (len(page.encode()) % 2)  # even: decodes as UTF-16
    assert "新闻正文内容" in clean_page(data, "x.html").text


def test_a_page_declaring_latin1_is_read_as_windows_1252_as_browsers_do() -> None:
    data = html_page("iso-8859-1", "caf\xe9 \u201cquoted\u201d \u2014 done").encode("cp1252")
    assert "caf\xe9 \u201cquoted\u201d \u2014 done" in clean_page(data, "x.html").text


def real_text_pieces() -> list[tuple[str, str]]:
    """(page, a piece of its cleaned text) from the real pages kept with the tests."""
    pieces = []
    for path in REAL_PAGES:
        text = clean_page(path.read_bytes(), path.name).text.replace("\n", "")
        pieces += [(path.name, text[:12]), (path.name, text[40:100]), (path.name, text[:600])]
    return pieces


@pytest.mark.parametrize(("page", "piece"), real_text_pieces())
@pytest.mark.parametrize(
    ("written", "declared", "script"),
    [("gbk", "big5", "simplified"), ("big5", "gbk", "traditional"), ("big5", "gb2312", "traditional"),
     ("gbk", "gbk", "simplified"), ("big5", "big5", "traditional"), ("gbk", "iso-8859-1", "simplified")],
)  # fmt: skip
def test_real_news_text_is_read_in_the_encoding_it_was_written_in(
    page: str, piece: str, written: str, declared: str, script: str
) -> None:
    body = OpenCC("s2t").convert(piece) if script == "traditional" else piece
    body = body.encode(written, errors="ignore").decode(written)
    decoded = decode_page(html_page(declared, body).encode(written), look_for_meta=True)
    assert body in decoded.text
    assert (decoded.why is None) == (written == declared), decoded.why


@pytest.mark.parametrize(
    "charset", ["gb2312", "gbk", "big5", "shift_jis", "euc-kr", "windows-1252"]
)
def test_a_utf8_page_with_a_stale_charset_declaration_is_read_as_utf8(charset: str) -> None:
    # a site moved to UTF-8 and kept its old <meta>: GB18030 and Big5 decode these bytes too
    data = html_page(charset, "新闻正文").encode("utf-8")
    decoded = decode_page(data, look_for_meta=True)
    assert "新闻正文" in decoded.text and "UTF-8" in (decoded.why or "")
    assert "新闻正文" in clean_page(data, "x.html").text


@pytest.mark.parametrize(
    ("charset", "text"),
    [("euc-kr", "대한민국 정부는 오늘 새로운 경제 정책을 발표했습니다"),
     ("euc-jp", "日本政府は今日新しい経済政策を発表しました"),
     ("shift_jis", "日本政府は今日新しい経済政策を発表しました")],
)  # fmt: skip
def test_korean_and_japanese_pages_are_never_read_as_chinese(charset: str, text: str) -> None:
    # EUC-KR puts Hangul on the byte pairs GB2312 gives its common characters: read as GB18030
    # a Korean page looks like fluent Chinese, so only GB/Big5 and one-byte readings are weighed
    decoded = decode_page(html_page(charset, text).encode(charset), look_for_meta=True)
    assert text in decoded.text and decoded.why is None


# -- the store's door: names and text SQLite cannot take ------------------------------------------


def test_the_store_refuses_a_lone_surrogate_with_its_own_error_and_saves_nothing(
    tmp_path: Path, pages: Path
) -> None:
    # a name typed on a command line in a non-UTF-8 locale reaches Python as lone surrogates
    from annotator.store import StoreError

    with Store.open(tmp_path / "work.db") as store:
        import_paths(store, [pages])
        article_id = store.article_ids()[0]
        with pytest.raises(StoreError, match="not UTF-8"):
            store.add_span(article_id, os.fsdecode(b"al\xffce"), "OFFICIAL", 0, 2)
        store.add_span(article_id, "alice", "OFFICIAL", 0, 2)  # the store is still usable
        assert store.annotators() == ["alice"]


def test_a_name_that_is_not_utf8_given_to_sqlite_is_refused_in_one_line(
    tmp_path: Path, pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # backup opens its target through a file: URI, which SQLite takes as UTF-8 text
    db = str(tmp_path / "work.db")
    assert main(["--db", db, "import", "--no-suggest", str(pages)]) == 0
    capsys.readouterr()
    target = tmp_path / os.fsdecode(b"copy\xff.db")
    assert main(["--db", db, "backup", str(target)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "not UTF-8" in err, err
