"""annotator.services: each user action is one function the CLI and the window both call, and
the CLI says what it did exactly as before the move (issue 17)."""

from __future__ import annotations

import io
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
from annotator.services.suggestions import (
    NothingToDo,
    accepting,
    offer_same_string,
    pending_suggestions,
    rejecting,
)
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
    with Store.open(tmp_path / "a.db") as store:
        with pytest.raises(ExportRefused, match="no annotation set of 'bob'"):
            export(store, ExportRequest("jsonl", out=out, annotator="bob"))
    assert not out.exists()


def test_suggestion_decisions_outside_the_window(tmp_path: Path, pages: Path) -> None:
    with Store.open(tmp_path / "a.db") as store:
        import_pages(store, [pages])
        article = next(a for a in store.iter_articles() if a.text.startswith("今天"))
        mine = store.get_annotation_set(article.id, "alice")
        auto = store.get_annotation_set(article.id, AUTO)
        pending = pending_suggestions(mine, auto, store.rejected(article.id, "alice"))
        assert pending and pending == list(auto.spans)
        decision = accepting(store, "alice", pending[:1])
        assert decision.description == f"accept {pending[0].label} {pending[0].text!r}"
        assert store.get_annotation_set(article.id, "alice").spans == ()  # not yet applied
        decision.apply()
        mine = store.get_annotation_set(article.id, "alice")
        assert [s.origin for s in mine.spans] == [pending[0].id]
        left = pending_suggestions(mine, auto, store.rejected(article.id, "alice"))
        assert left == pending[1:]
        if left:
            rejecting(store, "alice", left[0]).apply()
            rejected = store.rejected(article.id, "alice")
            assert pending_suggestions(mine, auto, rejected) == left[1:]
        with pytest.raises(NothingToDo, match="no pending suggestion"):
            accepting(store, "alice", [])
        with pytest.raises(NothingToDo, match="no other occurrence"):
            offer_same_string(store, article, mine.spans[0], mine, auto, rejected=set())
