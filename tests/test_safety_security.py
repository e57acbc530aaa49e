"""Security: nothing fetched from the network on any path; exports stay inside their folder."""

from __future__ import annotations

import ast
import json
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import annotator
from annotator.model import Article, OffsetMap, article_id_for
from annotator.resources import seeds_dir
from annotator.store import Store

HELPERS = Path(__file__).parent / "safety_helpers"
PACKAGE = Path(annotator.__file__).parent
# Modules that can reach the network. `urllib.parse` only splits strings, so it stays allowed.
NETWORK_MODULES = (
    "socket", "ssl", "urllib.request", "urllib3", "requests", "httpx", "aiohttp", "http",
    "ftplib", "smtplib", "poplib", "imaplib", "telnetlib", "xmlrpc", "webbrowser",
    "PySide6.QtNetwork", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
)  # fmt: skip


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_no_module_of_the_package_imports_a_network_library():
    found = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in PACKAGE.rglob("*.py")
        for name in imported_modules(path)
        if any(name == bad or name.startswith(bad + ".") for bad in NETWORK_MODULES)
    }
    assert found == set()
    assert len(list(PACKAGE.rglob("*.py"))) > 20  # the walk really saw the package


class Listener:
    """A local HTTP-ish server the hostile page points at; counts who connects."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stopped.set()
        self.thread.join()
        self.server.close()


def hostile_page(port: int) -> str:
    base = f"http://127.0.0.1:{port}"
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "{base}/dtd">
<html><head><title>测试 &lt;b&gt;标题</title>
<link rel="stylesheet" href="{base}/style.css"><script src="{base}/x.js"></script>
<meta http-equiv="refresh" content="0; url={base}/refresh">
<base href="{base}/"></head>
<body style="background: url({base}/bg.png)"><h1>自治区党委书记马兴瑞会见客人</h1>
<p>9月2日,<img src="{base}/a.png" onerror="fetch('{base}/js')">马兴瑞在乌鲁木齐会见了客人。
<iframe src="{base}/frame"></iframe><a href="{base}/link">原文链接</a></p>
<object data="{base}/obj"></object><video src="{base}/v.mp4"></video>
<p>&lt;img src=&quot;{base}/escaped.png&quot;&gt; 文字照常显示。</p></body></html>"""


def test_import_suggest_export_and_backup_never_touch_the_network(tmp_path):
    listener = Listener()
    try:
        pages = tmp_path / "pages"
        pages.mkdir()
        (pages / "hostile.html").write_text(hostile_page(listener.port), encoding="utf-8")
        for seed in sorted(seeds_dir().glob("*.txt"))[:2]:
            (pages / seed.name).write_bytes(seed.read_bytes())
        db, out = str(tmp_path / "a.db"), tmp_path / "out"
        out.mkdir()
        commands = [
            ["--db", db, "import", str(pages)],
            ["--db", db, "suggest", "--all"],
            ["--db", db, "export", "--format", "jsonl", "--out", str(out / "all.jsonl")],
            ["--db", db, "export", "--format", "brat", "--out", str(out / "brat")],
            ["--db", db, "export", "--format", "doccano", "--out", str(out / "d.jsonl")],
            ["--db", db, "--annotator", "bob", "import-labels", "--format", "jsonl",
             str(out / "all.jsonl")],
            ["--db", db, "backup", str(out / "copy.db")],
            ["--db", db, "stats"],
        ]  # fmt: skip
        result = subprocess.run(
            [sys.executable, str(HELPERS / "offline_run.py"), json.dumps(commands)],
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        listener.close()
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["attempts"] == []
    assert listener.connections == 0  # nor through C code (libxml2) bypassing Python's socket
    assert report["statuses"] == [0] * len(commands), result.stderr
    with Store.open(tmp_path / "a.db") as store:
        texts = [store.article_text(i) for i in store.article_ids()]
    hostile = next(t for t in texts if "马兴瑞在乌鲁木齐" in t)
    assert "<img src=" in hostile  # escaped markup stays as characters, to be shown as text


TRAVERSAL_NAMES = [
    "../../escaped",
    "..",
    "/etc/owned",
    "a/../../b",
    "..\\..\\win",
    ".hidden",
    "\0x",
]


@pytest.mark.parametrize("annotator_name", TRAVERSAL_NAMES)
def test_brat_export_writes_only_inside_the_chosen_folder(tmp_path, annotator_name):
    from annotator.cli import main

    db = tmp_path / "deep" / "deeper" / "a.db"
    text = "自治区党委书记马兴瑞在乌鲁木齐会见了客人。"
    title = "../../../../tmp/evil title"
    article = Article(
        id=article_id_for(text.encode()),
        source="../../evil.txt",
        raw_text=text,
        text=text,
        offset_map=OffsetMap.identity(len(text)),
        title=title,
    )
    with Store.open(db) as store:
        store.add_articles([article])
        store.add_span(article.id, annotator_name, "OFFICIAL", 7, 10)
    out = tmp_path / "deep" / "deeper" / "export"
    before = {p for p in tmp_path.rglob("*")}
    assert main(["--db", str(db), "export", "--format", "brat", "--out", str(out)]) == 0
    created = {p for p in tmp_path.rglob("*")} - before
    assert created and all(out in p.parents or p == out for p in created), created
    names = {p.name for p in created if p.suffix in (".txt", ".ann")}
    assert names == {f"{article.id}.txt", f"{article.id}.ann"}  # named by id, never by title
