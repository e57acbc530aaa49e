"""HTML -> the visible text dump (one line per block element) plus per-line layout evidence and
the page's own metadata (meta tags, <h1>, <title>).

The dump keeps the characters exactly as the page said them (entities decoded; NBSP, Traditional
characters and pinyin readings kept). Only what a browser would not show as a line is changed: a
line break inside a block is shown as a space, and white space at the ends of a block is layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PreformattedString

# Never visible, or not part of the page's text.
_HIDDEN = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "svg",
        "head",
        "title",
        "object",
        "embed",
        "canvas",
        "math",
        "select",
        "button",
        "textarea",
    }
)
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
_LISTS = frozenset({"li", "ul", "ol", "dl", "dt", "dd", "menu", "dir"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LINE_BREAKS = re.compile(r"[\r\n\f\v]+")
_LAYOUT_SPACE = " \t\r\n\f\v"  # ASCII white space only: NBSP at a block's ends is content


@dataclass(frozen=True, slots=True)
class LineLayout:
    """Layout evidence of one line of the dump (see model.Block)."""

    tag_path: str
    link_density: float
    in_list: bool
    heading: bool


@dataclass(frozen=True, slots=True)
class HtmlDump:
    text: str  # lines joined by "\n"
    layouts: tuple[LineLayout, ...]  # one per line
    meta: dict[str, str] = field(default_factory=dict)  # lower-cased name/property -> content
    h1: str | None = None
    title_tag: str | None = None


@dataclass(slots=True)
class _Line:
    block: Tag
    pieces: list[str] = field(default_factory=list)
    link_chars: int = 0


def dump_html(markup: str) -> HtmlDump:
    soup = BeautifulSoup(markup, "lxml")
    lines: list[tuple[str, LineLayout]] = []
    current: _Line | None = None
    layouts: dict[int, tuple[str, bool, bool]] = {}  # id(block) -> (path, in_list, heading)

    def flush() -> None:
        nonlocal current
        if current is not None:
            text = _LINE_BREAKS.sub(" ", "".join(current.pieces)).strip(_LAYOUT_SPACE)
            if text and not text.isspace():
                path, in_list, heading = layouts[id(current.block)]
                density = min(current.link_chars / len(text), 1.0)
                lines.append((text, LineLayout(path, round(density, 3), in_list, heading)))
        current = None

    for node in soup.descendants:
        if isinstance(node, Tag):
            if node.name == "br" and current is not None:  # a new line in the same block
                block = current.block
                flush()
                current = _Line(block)
            continue
        if not isinstance(node, NavigableString) or isinstance(node, PreformattedString):
            continue  # comments, doctype, CDATA, processing instructions
        block, in_link, hidden = _context(node)
        if hidden or block is None:
            continue
        if current is None or current.block is not block:
            flush()
            current = _Line(block)
            if id(block) not in layouts:
                layouts[id(block)] = _layout_of(block)
        current.pieces.append(str(node))
        if in_link:
            current.link_chars += len(str(node).strip())
    flush()
    return HtmlDump(
        text="\n".join(text for text, _ in lines),
        layouts=tuple(layout for _, layout in lines),
        meta=_meta_tags(soup),
        h1=_first_text(soup, "h1"),
        title_tag=_first_text(soup, "title"),
    )


def _context(node: NavigableString) -> tuple[Tag | None, bool, bool]:
    """(innermost block ancestor, inside a link, inside something never shown)."""
    block: Tag | None = None
    in_link = False
    for parent in node.parents:
        name = parent.name
        if name in _HIDDEN:
            return None, False, True
        if name == "a":
            in_link = True
        elif block is None and name in _BLOCKS:
            block = parent
    return block, in_link, False


def _layout_of(block: Tag) -> tuple[str, bool, bool]:
    names = [block.name] + [p.name for p in block.parents if p.name != "[document]"]
    names.reverse()
    return "/".join(names), any(n in _LISTS for n in names), any(n in _HEADINGS for n in names)


def _meta_tags(soup: BeautifulSoup) -> dict[str, str]:
    meta: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            meta.setdefault(key.strip().lower(), content.strip())
    for tag in soup.find_all("time"):
        stamp = tag.get("datetime")
        if isinstance(stamp, str) and stamp.strip():
            meta.setdefault("time:datetime", stamp.strip())
            break
    return meta


def _first_text(soup: BeautifulSoup, name: str) -> str | None:
    tag = soup.find(name)
    if tag is None:
        return None
    text = " ".join(tag.get_text(" ").split())
    return text or None
