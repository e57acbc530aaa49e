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
from annotator.cleaning.tag_path import _HEADINGS, _LISTS, HEAD, TAIL, TagPath

_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"  # what BeautifulSoup collapses (no \v, no NBSP)
_PRESERVE_WHITESPACE = frozenset({"pre", "textarea"})
_STRING_KINDS = frozenset({"rt", "rp", "style", "script", "template"})
_FIRST_TEXT_OF = ("h1", "title")


class _Element:
    """An open element and what the strings under it inherit. A plain slotted class, not a
    frozen dataclass: one is made per element of the page, and a frozen dataclass's __init__
    costs a call per field. Its TagPath is made only when a line of its block is written
    (`path`), so elements that hold no line's block pay nothing for it."""

    __slots__ = ("name", "parent", "depth", "hidden", "in_link", "block", "preserve",
                 "string_kind", "_path", "layout")  # fmt: skip

    def __init__(
        self,
        name: str | None,
        parent: _Element | None,
        hidden: bool,
        in_link: bool,
        preserve: bool,
        string_kind: str | None,
    ) -> None:
        self.name = name  # None: the document
        self.parent = parent
        self.depth: int = parent.depth + 1 if parent is not None else 0
        self.hidden = hidden
        self.in_link = in_link
        self.block: _Element | None = None  # the innermost block element around (or self)
        self.preserve = preserve  # inside <pre> or <textarea>
        self.string_kind = string_kind  # the innermost of _STRING_KINDS around it
        self._path: TagPath | None = TagPath() if parent is None else None
        self.layout: tuple[str, bool, bool] | None = None  # (path, in_list, heading), once asked

    def path(self) -> TagPath:
        """Made top-down from the nearest ancestor that has one, each element's at most once
        (a loop, not recursion: a page may be nested 20,000 deep)."""
        todo: list[_Element] = []
        node: _Element = self
        while node._path is None:
            todo.append(node)
            assert node.parent is not None  # the document has its path
            node = node.parent
        path = node._path
        for element in reversed(todo):
            assert element.name is not None
            path = element._path = path.child(element.name)
        return path

    def block_layout(self) -> tuple[str, bool, bool]:
        """(tag path, in a list, in a heading), as its TagPath renders them. Up to HEAD + TAIL
        elements deep (nearly every line of a real page) nothing is cut, so the path is the
        parent's and this name, and no TagPath is made; deeper, TagPath keeps it bounded."""
        if self.layout is None:
            parent, name = self.parent, self.name
            if parent is not None and name is not None and self.depth <= HEAD + TAIL:
                if parent.parent is None:  # right under the document
                    path, in_list, heading = name, False, False
                else:
                    path, in_list, heading = parent.block_layout()
                    path = f"{path}/{name}"
                self.layout = (path, in_list or name in _LISTS, heading or name in _HEADINGS)
            else:
                tag_path = self.path()
                self.layout = (tag_path.render(), tag_path.in_list, tag_path.heading)
        return self.layout


# What a start tag asks for besides its element: nothing, or one of these (asked once per name)
_PLAIN, _META, _TIME, _BR = 0, 1, 2, 3
_SPECIAL = {"meta": _META, "time": _TIME, "br": _BR}
# name -> (block, hidden, link, preserves white space, string kind, special)
_Kind = tuple[bool, bool, bool, bool, "str | None", int]


def _kind_of(name: str) -> _Kind:
    return (
        name in _BLOCKS,
        name in _HIDDEN,
        name == "a",
        name in _PRESERVE_WHITESPACE,
        name if name in _STRING_KINDS else None,
        _SPECIAL.get(name, _PLAIN),
    )


class _Target:
    """lxml parser target: start/end/data/comment/pi/doctype/close, as BeautifulSoup's.

    Written for speed, as it runs for every tag and string of every page: the line being
    filled is three attributes, not an object, and a string of nothing but white space that
    would open a line does not: such a line gives no text, and white space before a line's
    first text is stripped from it anyway (see `_end_data`)."""

    def __init__(self) -> None:
        self.stack: list[_Element] = [_Element(None, None, False, False, False, None)]
        self.kinds: dict[str, _Kind] = {}
        self.open_names: dict[str, int] = {}
        self.pending: list[str] = []
        self.data = self.pending.append  # the event lxml calls most: no Python frame for it
        self.lines: list[tuple[str, LineLayout]] = []
        # the line being filled: its block (None: no line), its strings, its characters in links
        self.line_block: _Element | None = None
        self.line_pieces: list[str] = []
        self.line_link_chars = 0
        self.meta: dict[str, str] = {}
        self.time_stamp: str | None = None  # the first <time datetime>: after every <meta>
        self.first: dict[str, list[str] | None] = dict.fromkeys(_FIRST_TEXT_OF)
        self.not_yet_first = set(_FIRST_TEXT_OF)  # names whose first element is still to come
        self.collecting: dict[str, int] = {}  # name -> depth of the first such element, open

    # -- the events ---------------------------------------------------------------------------

    def start(self, tag: str, attrib: dict[str, str], *_: object) -> None:
        if self.pending:
            self._end_data()
        kind = self.kinds.get(tag)
        if kind is None:
            kind = self.kinds[tag] = _kind_of(tag)
        is_block, hidden, link, preserve, string_kind, special = kind
        stack = self.stack
        parent = stack[-1]
        element = _Element(
            tag,
            parent,
            parent.hidden or hidden,
            parent.in_link or link,
            parent.preserve or preserve,
            string_kind or parent.string_kind,
        )
        element.block = element if is_block else parent.block
        stack.append(element)
        open_names = self.open_names
        open_names[tag] = open_names.get(tag, 0) + 1
        if tag in self.not_yet_first:
            self.not_yet_first.discard(tag)
            self.first[tag] = []
            self.collecting[tag] = len(stack) - 1
        if not special:
            return
        if special == _META:
            self._meta(attrib)
        elif special == _TIME:
            if self.time_stamp is None:
                stamp = attrib.get("datetime")
                if isinstance(stamp, str) and stamp.strip():
                    self.time_stamp = stamp.strip()
        elif self.line_block is not None:  # <br>: a new line in the same block
            block = self.line_block
            self._flush()
            self.line_block = block

    def end(self, tag: str) -> None:
        if self.pending:
            self._end_data()
        stack, open_names, collecting = self.stack, self.open_names, self.collecting
        if stack[-1].name == tag and not collecting:  # nearly every end tag: the innermost
            stack.pop()
            open_names[tag] -= 1
            return
        if not open_names.get(tag):
            return
        while len(stack) > 1:
            element = stack.pop()
            name = element.name
            assert name is not None
            open_names[name] -= 1
            if collecting and collecting.get(name) == len(stack):
                del collecting[name]
            if name == tag:
                break

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
        pending = self.pending
        if not pending:
            return
        text = pending[0] if len(pending) == 1 else "".join(pending)
        pending.clear()  # the same list: `data` appends to it
        element = self.stack[-1]
        blank = not text.strip(_ASCII_SPACES)
        if blank and not element.preserve:
            text = "\n" if "\n" in text else " "
        if self.collecting and element.string_kind is None:
            for name in self.collecting:
                found = self.first[name]
                assert found is not None
                found.append(text)
        block = element.block
        if element.hidden or block is None:
            return
        if self.line_block is not block:
            if self.line_block is not None:
                self._flush()
            if blank:  # ASCII white space only: it would open a line it cannot start
                return
            self.line_block = block
        self.line_pieces.append(text)
        if element.in_link and not blank:
            self.line_link_chars += len(text.strip())

    def _flush(self) -> None:
        block = self.line_block
        if block is None:
            return
        pieces = self.line_pieces
        joined = pieces[0] if len(pieces) == 1 else "".join(pieces)
        # nothing but white space (the "\n" between blocks, mostly) gives no line
        text = "" if joined.isspace() else _LINE_BREAKS.sub(" ", joined).strip(_LAYOUT_SPACE)
        if text and not text.isspace():
            path, in_list, heading = block.block_layout()
            density = min(self.line_link_chars / len(text), 1.0)
            self.lines.append((text, LineLayout(path, round(density, 3), in_list, heading)))
        self.line_block = None
        self.line_pieces = []
        self.line_link_chars = 0

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
