"""Hostile page shapes (issue 18): deep or unclosed HTML and long one-line pages.

What is measured here is bytes and counted steps, never seconds: the shapes must cost work and
storage linear in the page, and the rewritten algorithms must give the same answers as the
ones they replaced (kept below as slow oracles)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PreformattedString
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.cleaning import clean_page
from annotator.cleaning.html import _BLOCKS, _HIDDEN, _LAYOUT_SPACE, _LINE_BREAKS, dump_html
from annotator.cleaning.tag_path import HEAD, TAIL, TagPath
from annotator.suggest import suggest_article
from annotator.suggest.boilerplate import _TAG_KINDS

DEPTH = 20_000


def nested_divs(depth: int) -> bytes:
    """Every <div> holds a line of text and the next <div> (430 KB at 20,000)."""
    opened = "".join(f"<div>第{i}段" for i in range(depth))
    return f"<html><body>{opened}{'</div>' * depth}</body></html>".encode()


def flat_divs(count: int) -> bytes:
    """The same lines, side by side."""
    return (
        "<html><body>" + "".join(f"<div>第{i}段</div>" for i in range(count)) + "</body></html>"
    ).encode()


def unclosed_fonts(count: int) -> bytes:
    return (
        "<html><body>" + "".join(f"<p><font color=red>第{i}段文字。" for i in range(count))
    ).encode()


def _database_bytes(folder: Path, page: bytes, source: str) -> int:
    from annotator.store import Store

    article = clean_page(page, source)
    with Store.open(folder / "pages.db") as store:
        store.add_articles([article])
        store.replace_annotation_set(suggest_article(article))
    return sum(f.stat().st_size for f in folder.iterdir())


# --- deep and unclosed HTML -------------------------------------------------------------------


def test_a_deep_page_stores_a_bounded_tag_path_per_line() -> None:
    article = clean_page(nested_divs(DEPTH), "deep.html")
    assert len(article.blocks) == DEPTH
    longest = max(len(b.tag_path) for b in article.blocks)
    assert longest <= (HEAD + TAIL + 1) * len("div/"), longest


def test_a_deep_pages_database_grows_with_its_text_not_its_depth(tmp_path: Path) -> None:
    """20,000 nested <div> once made an 800 MB database; the same lines side by side make a
    few megabytes. Depth must not matter (bytes compared, not time)."""
    (tmp_path / "deep").mkdir()
    (tmp_path / "flat").mkdir()
    deep = _database_bytes(tmp_path / "deep", nested_divs(DEPTH), "deep.html")
    flat = _database_bytes(tmp_path / "flat", flat_divs(DEPTH), "flat.html")
    assert deep <= 1.5 * flat, (deep, flat)


def test_unclosed_tags_do_not_make_the_cleaner_walk_every_ancestor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Unclosed <font> nest every later line one deeper: a walk over the ancestors of every
    text node was quadratic (23 s for 330 KB). Count the ancestor steps instead of timing."""
    from bs4.element import PageElement

    steps = 0
    original = PageElement.parents

    def counted(self: PageElement):  # type: ignore[no-untyped-def]
        nonlocal steps
        for parent in original.fget(self):  # type: ignore[attr-defined]
            steps += 1
            yield parent

    monkeypatch.setattr(PageElement, "parents", property(counted))
    lines = 2_000
    dump = dump_html(unclosed_fonts(lines).decode())
    assert dump.text.count("\n") + 1 == lines
    assert steps <= 20 * lines, steps


def test_the_cut_path_keeps_the_landmarks_layout_rules_look_for() -> None:
    """A footer far above a line still makes that line footer when the middle is cut."""
    page = (
        "<html><body><footer><nav-bar><div>"
        + "<div>" * 60
        + "<p>版权所有 某某报社</p></body></html>"
    )
    article = clean_page(page.encode(), "footer.html")
    (block,) = article.blocks
    assert "…" in block.tag_path
    assert re.search(r"(?:^|/)footer\b", block.tag_path)
    assert re.search(r"(?:^|/)nav\b", block.tag_path)


_NAMES = ["div", "p", "span", "footer", "nav", "navbar", "nav-x", "aside", "header", "li", "h2"]


@given(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=60))
def test_a_cut_path_answers_every_layout_question_as_the_whole_path(names: list[str]) -> None:
    path = TagPath()
    for name in names:
        path = path.child(name)
    whole = "/".join(names)
    cut = path.render()
    for tag, _kind in _TAG_KINDS:
        rule = rf"(?:^|/){tag}\b"
        assert bool(re.search(rule, cut)) == bool(re.search(rule, whole)), (tag, cut)
    assert (cut == whole) == (len(names) <= HEAD + TAIL)
    assert path.in_list == any(
        n in {"li", "ul", "ol", "dl", "dt", "dd", "menu", "dir"} for n in names
    )
    assert path.heading == any(re.fullmatch(r"h[1-6]", n) for n in names)


def _old_dump(markup: str) -> tuple[str, list[tuple[str, float, bool, bool]]]:
    """The dump as it was made before: every text node walked all its ancestors."""
    soup = BeautifulSoup(markup, "lxml")
    lines: list[tuple[str, tuple[str, float, bool, bool]]] = []
    current: list | None = None  # [block, pieces, link_chars]

    def flush() -> None:
        nonlocal current
        if current is not None:
            text = _LINE_BREAKS.sub(" ", "".join(current[1])).strip(_LAYOUT_SPACE)
            if text and not text.isspace():
                names = [current[0].name] + [
                    p.name for p in current[0].parents if p.name != "[document]"
                ]
                names.reverse()
                lists = {"li", "ul", "ol", "dl", "dt", "dd", "menu", "dir"}
                layout = (
                    "/".join(names),
                    round(min(current[2] / len(text), 1.0), 3),
                    any(n in lists for n in names),
                    any(re.fullmatch(r"h[1-6]", n) is not None for n in names),
                )
                lines.append((text, layout))
        current = None

    for node in soup.descendants:
        if isinstance(node, Tag):
            if node.name == "br" and current is not None:
                block = current[0]
                flush()
                current = [block, [], 0]
            continue
        if not isinstance(node, NavigableString) or isinstance(node, PreformattedString):
            continue
        block, in_link, hidden = None, False, False
        for parent in node.parents:
            if parent.name in _HIDDEN:
                hidden = True
                break
            if parent.name == "a":
                in_link = True
            elif block is None and parent.name in _BLOCKS:
                block = parent
        if hidden or block is None:
            continue
        if current is None or current[0] is not block:
            flush()
            current = [block, [], 0]
        current[1].append(str(node))
        if in_link:
            current[2] += len(str(node).strip())
    flush()
    return "\n".join(t for t, _ in lines), [layout for _, layout in lines]


_TAGS = ["div", "p", "a", "span", "li", "ul", "h3", "nav", "footer", "script", "br", "font", "td"]
_markup = st.lists(
    st.one_of(
        st.sampled_from(_TAGS).map(lambda t: f"<{t}>"),
        st.sampled_from(_TAGS).map(lambda t: f"</{t}>"),
        st.sampled_from(["文字", "链接。", " ", "\n", "新闻", "a b"]),
    ),
    max_size=40,
).map(lambda parts: "<html><body>" + "".join(parts) + "</body></html>")


@settings(max_examples=300, deadline=None)
@given(_markup)
def test_the_dump_is_the_one_the_ancestor_walk_made(markup: str) -> None:
    dump = dump_html(markup)
    text, layouts = _old_dump(markup)
    assert dump.text == text
    assert [(x.link_density, x.in_list, x.heading) for x in dump.layouts] == [
        layout[1:] for layout in layouts
    ]
    for new, (whole, *_rest) in zip(dump.layouts, layouts, strict=True):
        names = whole.split("/")
        if len(names) <= HEAD + TAIL:
            assert new.tag_path == whole
        else:  # cut: the same answer to every question the layout rules ask
            path = TagPath()
            for name in names:
                path = path.child(name)
            assert new.tag_path == path.render()
