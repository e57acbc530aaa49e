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
from bs4.element import NavigableString, PageElement, PreformattedString

from annotator.cleaning.tag_path import TagPath
from annotator.frozen import quick_init

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
_LINE_BREAKS = re.compile(r"[\r\n\f\v]+")
_LAYOUT_SPACE = " \t\r\n\f\v"  # ASCII white space only: NBSP at a block's ends is content


@quick_init
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
    # What each element hands down, made from its parent's in constant time: walking every
    # ancestor of every text node was quadratic in the depth (20,000 nested <div>: a minute).
    scopes: dict[int, _Scope] = {id(soup): _Scope()}
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
            scopes[id(node)] = _scope_of(node, scopes).child(node)
            if node.name == "br" and current is not None:  # a new line in the same block
                block = current.block
                flush()
                current = _Line(block)
            continue
        if not isinstance(node, NavigableString) or isinstance(node, PreformattedString):
            continue  # comments, doctype, CDATA, processing instructions
        scope = _scope_of(node, scopes)
        block = scope.block
        if scope.hidden or block is None:
            continue
        if current is None or current.block is not block:
            flush()
            current = _Line(block)
            if id(block) not in layouts:
                path = scope.block_path
                layouts[id(block)] = (path.render(), path.in_list, path.heading)
        current.pieces.append(str(node))
        if scope.in_link:
            current.link_chars += len(str(node).strip())
    flush()
    return HtmlDump(
        text="\n".join(text for text, _ in lines),
        layouts=tuple(layout for _, layout in lines),
        meta=_meta_tags(soup),
        h1=_first_text(soup, "h1"),
        title_tag=_first_text(soup, "title"),
    )


@dataclass(frozen=True, slots=True)
class _Scope:
    """What the nodes under an element inherit: inside something never shown, inside a link,
    the innermost block and its path, and the path of the element itself."""

    hidden: bool = False
    in_link: bool = False
    block: Tag | None = None
    block_path: TagPath = TagPath()
    path: TagPath = TagPath()

    def child(self, tag: Tag) -> _Scope:
        name = tag.name
        path = self.path.child(name)
        is_block = name in _BLOCKS
        return _Scope(
            self.hidden or name in _HIDDEN,
            self.in_link or name == "a",
            tag if is_block else self.block,
            path if is_block else self.block_path,
            path,
        )


def _scope_of(node: PageElement, scopes: dict[int, _Scope]) -> _Scope:
    """The scope a node's parent hands down; the document order of `descendants` visits every
    parent before its children."""
    parent = node.parent
    return scopes[id(parent)] if parent is not None else _Scope()


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
