"""annotator.services: each user action is one function the CLI and the window both call, and
the CLI says what it did exactly as before the move (issue 17)."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.commands.progress_line import ProgressLine
from annotator.model import AUTO, ImportResult
from annotator.services.export import (
    EXPORT_CHOICES,
    ExportRefused,
    ExportRequest,
    check_request,
    export,
)
from annotator.services.pages import SuggestingInterrupted, import_pages
from annotator.services.suggestions import pending_suggestions, same_string_places
from annotator.store import Store

PAGES = ["今天上午，市长张三在会议上讲话。", "昨天，县长李四到学校看望老师。", "第三篇新闻正文。"]


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n, text in enumerate(PAGES):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.html").write_bytes(b"")  # refused: no text
    return folder


def test_import_suggests_only_the_articles_read_that_lack_suggestions(
    tmp_path: Path, pages: Path
) -> None:
    told: list[tuple[ImportResult, int]] = []
    with Store.open(tmp_path / "a.db") as store:
        first = import_pages(store, [pages], suggest=False)
        assert (first.result.imported, first.result.failed, first.to_suggest) == (3, 1, 0)
        assert store.suggestion_inputs() == {}
        second = import_pages(store, [pages], on_suggesting=lambda r, n: told.append((r, n)))
        third = import_pages(store, [pages], on_suggesting=lambda r, n: told.append((r, n)))
        assert len(store.suggestion_inputs()) == 3
    assert (second.result.already_present, second.to_suggest, second.suggested) == (3, 3, 3)
    assert [n for _, n in told] == [3, 0]  # the third import finds every suggestion saved
    assert (third.to_suggest, third.suggested) == (0, 0)


def test_a_cancel_while_suggesting_keeps_every_article_imported(
    tmp_path: Path, pages: Path
) -> None:
    def cancel(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with Store.open(tmp_path / "a.db") as store:
        with pytest.raises(SuggestingInterrupted) as stop:
            import_pages(store, [pages], suggest_progress=cancel)
        assert store.count_articles() == 3
    assert (stop.value.done.result.imported, stop.value.done.to_suggest) == (3, 3)


def test_ctrl_c_while_suggesting_in_the_command_says_what_is_kept(
    tmp_path: Path,
    pages: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from annotator.commands import import_pages as command

    class Interrupting(ProgressLine):
        def __call__(self, done: int, total: int) -> None:
            if self.what == "suggesting":
                raise KeyboardInterrupt

    monkeypatch.setattr(command, "ProgressLine", Interrupting)
    db = tmp_path / "a.db"
    assert main(["--db", str(db), "import", "--jobs", "1", str(pages)]) == 130
    err = capsys.readouterr().err
    assert "interrupted while suggesting: every article imported is kept" in err
    assert "computing suggestions for 3 article(s)" in err
    with Store.open(db) as store:
        assert store.count_articles() == 3


def test_an_import_without_suggestions_still_names_each_failed_file(
    tmp_path: Path, pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "a.db"
    assert main(["--db", str(db), "import", "--no-suggest", str(pages)]) == 1
    captured = capsys.readouterr()
    assert "failed: " in captured.err and "empty.html" in captured.err
    assert "imported 3, already present 0, failed 1" in captured.out


@pytest.mark.parametrize(
    ("request_", "reason"),
    [
        (ExportRequest("jsonl", csv=True), "--csv is for --format register"),
        (ExportRequest("conll", original=True), "--original is only for --format jsonl"),
        (ExportRequest("jsonl", relations=True), "--relations is only for"),
        (ExportRequest("doccano", tab=True), "--tab is only for --format conll"),
        (ExportRequest("boilerplate", body_only=True), "--body-only would cut out"),
        (ExportRequest("brat"), "brat writes a folder"),
        (ExportRequest("xml"), "cannot export 'xml'"),
    ],
)
def test_an_export_request_that_does_not_go_together_is_refused(
    request_: ExportRequest, reason: str
) -> None:
    with pytest.raises(ExportRefused, match=reason):
        check_request(request_)


def test_the_service_writes_what_the_command_writes(
    tmp_path: Path, pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "a.db"
    assert main(["--db", str(db), "import", str(pages)]) == 1
    for name in ("jsonl", "conll", "doccano", "register"):
        capsys.readouterr()
        assert main(["--db", str(db), "export", "--format", name]) == 0
        printed = capsys.readouterr().out
        stream = io.StringIO()
        with Store.open(db, read_only=True) as store:
            done = export(store, ExportRequest(name), stream=stream)
        assert stream.getvalue() == printed
        assert done.unit == ("persons" if name == "register" else "records")
    assert "register" in EXPORT_CHOICES


def test_an_export_of_an_annotator_without_a_set_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with (
        Store.open(tmp_path / "a.db") as store,
        pytest.raises(ExportRefused, match="no annotation set of 'bob'"),
    ):
        export(store, ExportRequest("jsonl", out=out, annotator="bob"))
    assert not out.exists()


def test_what_is_pending_and_where_to_offer_again_come_from_the_sets_alone(
    tmp_path: Path, pages: Path
) -> None:
    with Store.open(tmp_path / "a.db") as store:
        import_pages(store, [pages])
        article = next(a for a in store.iter_articles() if a.text.startswith("今天"))
        auto = store.get_annotation_set(article.id, AUTO)
        mine = store.get_annotation_set(article.id, "alice")
        pending = pending_suggestions(mine, auto, store.rejected(article.id, "alice"))
        assert pending and pending == list(auto.spans)
        store.accept_suggestions([pending[0].id], "alice")
        mine = store.get_annotation_set(article.id, "alice")
        left = pending_suggestions(mine, auto, store.rejected(article.id, "alice"))
        assert left == pending[1:]
        if left:
            store.reject_suggestion(left[0].id, "alice")
            rejected = store.rejected(article.id, "alice")
            assert pending_suggestions(mine, auto, rejected) == left[1:]
        # the accepted text occurs once: nowhere else to offer it
        assert same_string_places(article, mine.spans[0], mine, auto, set()) == []
    twice = replace(article, text=article.text + article.text)
    label, start, end = mine.spans[0].label, mine.spans[0].start, mine.spans[0].end
    again = (label, start + len(article.text), end + len(article.text))
    assert same_string_places(twice, mine.spans[0], mine, auto, set()) == [again]
    taken_key = (label, *again[1:], twice.text[again[1] : again[2]])
    assert same_string_places(twice, mine.spans[0], mine, auto, {taken_key}) == []
