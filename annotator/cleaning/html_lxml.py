"""`dump_html` without BeautifulSoup's tree: lxml's parser calls this module's target directly,
and the dump is written as the events arrive. Issue 13: building the BeautifulSoup tree (one
Python object per element and string, its attribute handling) was about half of the cost of
cleaning and suggesting a real page; lxml's parser under it was a small part.

The output is the same as `annotator.cleaning.html.dump_html` (a test compares them on the real
pages and the seeds), because the events are the very ones BeautifulSoup's lxml builder
receives (the same parser, options and call), and what BeautifulSoup does with them and
`dump_html` then reads is done here the same way:
- consecutive data events are one string, ended by any other event (a comment too);
- a string of nothing but ASCII white space becomes one "\\n" (if it holds one) or one " ",
  except inside <pre> or <textarea>;
- an end tag closes up to the most recent open element of that name, or nothing if none is open;
- strings under <rt>, <rp>, <script>, <style> and <template> are of their own kinds: they are in
  the dump (when not hidden) but not in the text of <h1> and <title>;
- markup lxml refuses as text is not retried here: `dump_html` in annotator.cleaning.html,
  which tries the page's UTF-8 bytes next, does it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from annotator.cleaning.html import (
    _BLOCKS,
    _HIDDEN,
    _LAYOUT_SPACE,
    _LINE_BREAKS,
    HtmlDump,
    LineLayout,
)
from annotator.cleaning.html import dump_html as dump_html_with_soup
from annotator.cleaning.tag_path import TagPath

_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"  # what BeautifulSoup collapses (no \v, no NBSP)
_PRESERVE_WHITESPACE = frozenset({"pre", "textarea"})
_STRING_KINDS = frozenset({"rt", "rp", "style", "script", "template"})
_FIRST_TEXT_OF = ("h1", "title")


@dataclass(frozen=True, slots=True)
class _Element:
    """An open element and what the strings under it inherit."""

    name: str | None  # None: the document
    hidden: bool = False
    in_link: bool = False
    block: _Element | None = None
    block_path: TagPath = TagPath()
    path: TagPath = TagPath()
    preserve: bool = False  # inside <pre> or <textarea>
    string_kind: str | None = None  # the innermost of _STRING_KINDS around it

    def child(self, name: str) -> _Element:
        path = self.path.child(name)
        is_block = name in _BLOCKS
        element = _Element(
            name,
            self.hidden or name in _HIDDEN,
            self.in_link or name == "a",
            None,
            path if is_block else self.block_path,
            path,
            self.preserve or name in _PRESERVE_WHITESPACE,
            name if name in _STRING_KINDS else self.string_kind,
        )
        # a block is its own block: set on the frozen instance once, before anyone sees it
        object.__setattr__(element, "block", element if is_block else self.block)
        return element


@dataclass(slots=True)
class _Line:
    block: _Element
    pieces: list[str] = field(default_factory=list)
    link_chars: int = 0


class _Target:
    """lxml parser target: start/end/data/comment/pi/doctype/close, as BeautifulSoup's."""

    def __init__(self) -> None:
        self.stack: list[_Element] = [_Element(None)]
        self.open_names: dict[str, int] = {}
        self.pending: list[str] = []
        self.lines: list[tuple[str, LineLayout]] = []
        self.current: _Line | None = None
        # id(block) -> (block, path, in_list, heading); the block is held so its id is not
        # reused by a later element (BeautifulSoup's tree keeps every element alive)
        self.layouts: dict[int, tuple[_Element, str, bool, bool]] = {}
        self.meta: dict[str, str] = {}
        self.time_stamp: str | None = None  # the first <time datetime>: after every <meta>
        self.first: dict[str, list[str] | None] = dict.fromkeys(_FIRST_TEXT_OF)
        self.collecting: dict[str, int] = {}  # name -> depth of the first such element, open

    # -- the events ---------------------------------------------------------------------------

    def start(self, tag: str, attrib: dict[str, str], *_: object) -> None:
        self._end_data()
        element = self.stack[-1].child(tag)
        self.stack.append(element)
        self.open_names[tag] = self.open_names.get(tag, 0) + 1
        if tag in self.first and self.first[tag] is None:
            self.first[tag] = []
            self.collecting[tag] = len(self.stack) - 1
        if tag == "meta":
            self._meta(attrib)
        elif tag == "time" and self.time_stamp is None:
            stamp = attrib.get("datetime")
            if isinstance(stamp, str) and stamp.strip():
                self.time_stamp = stamp.strip()
        if tag == "br" and self.current is not None:  # a new line in the same block
            block = self.current.block
            self._flush()
            self.current = _Line(block)

    def end(self, tag: str) -> None:
        self._end_data()
        if not self.open_names.get(tag):
            return
        while len(self.stack) > 1:
            element = self.stack.pop()
            assert element.name is not None
            self.open_names[element.name] -= 1
            depth = self.collecting.get(element.name)
            if depth is not None and depth == len(self.stack):
                del self.collecting[element.name]
            if element.name == tag:
                break

    def data(self, text: str) -> None:
        self.pending.append(text)

    def comment(self, text: str) -> None:
        self._end_data()

    def pi(self, target: str, data: str | None = None) -> None:
        self._end_data()

    def doctype(self, *_: object) -> None:
        self._end_data()

    def close(self) -> None:
        self._end_data()

    # -- what BeautifulSoup and dump_html do with them ----------------------------------------

    def _end_data(self) -> None:
        if not self.pending:
            return
        text = "".join(self.pending)
        self.pending = []
        element = self.stack[-1]
        if not element.preserve and not text.strip(_ASCII_SPACES):
            text = "\n" if "\n" in text else " "
        if element.string_kind is None:
            for name in self.collecting:
                found = self.first[name]
                assert found is not None
                found.append(text)
        block = element.block
        if element.hidden or block is None:
            return
        if self.current is None or self.current.block is not block:
            self._flush()
            self.current = _Line(block)
            if id(block) not in self.layouts:
                path = element.block_path
                self.layouts[id(block)] = (block, path.render(), path.in_list, path.heading)
        self.current.pieces.append(text)
        if element.in_link:
            self.current.link_chars += len(text.strip())

    def _flush(self) -> None:
        current = self.current
        if current is not None:
            text = _LINE_BREAKS.sub(" ", "".join(current.pieces)).strip(_LAYOUT_SPACE)
            if text and not text.isspace():
                _, path, in_list, heading = self.layouts[id(current.block)]
                density = min(current.link_chars / len(text), 1.0)
                self.lines.append((text, LineLayout(path, round(density, 3), in_list, heading)))
        self.current = None

    def _meta(self, attrib: dict[str, str]) -> None:
        key = attrib.get("property") or attrib.get("name") or attrib.get("itemprop")
        content = attrib.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            self.meta.setdefault(key.strip().lower(), content.strip())

    def dump(self) -> HtmlDump:
        self._flush()
        if self.time_stamp is not None:
            self.meta.setdefault("time:datetime", self.time_stamp)

        def first_text(name: str) -> str | None:
            found = self.first[name]
            return " ".join(" ".join(found).split()) or None if found is not None else None

        return HtmlDump(
            text="\n".join(text for text, _ in self.lines),
            layouts=tuple(layout for _, layout in self.lines),
            meta=self.meta,
            h1=first_text("h1"),
            title_tag=first_text("title"),
        )


def dump_html(markup: str) -> HtmlDump:
    """The same dump as annotator.cleaning.html.dump_html, at a fraction of the cost."""
    if markup.startswith("\N{BYTE ORDER MARK}"):  # as BeautifulSoup does for lxml
        markup = markup[1:]
    target = _Target()
    parser = etree.HTMLParser(target=target, recover=True, huge_tree=False, encoding=None)
    try:
        parser.feed(markup)
        parser.close()
    except (UnicodeDecodeError, LookupError, etree.ParserError):
        # BeautifulSoup then retries with the UTF-8 bytes: let it, for the same result
        return dump_html_with_soup(markup)
    return target.dump()
