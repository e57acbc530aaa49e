"""The tag path of a block (html/body/div/p), bounded whatever the page's depth.

Each line of a page stores the path of its block. A page nested 20,000 deep (or 5,000 unclosed
<div>) made every path tens of kilobytes and the database hundreds of megabytes, so a path keeps
its first HEAD and last TAIL elements and, from the cut middle, the outermost element of each
landmark kind (footer, nav, aside, header): layout rules ask whether such an element is anywhere
above a line, and a kept representative gives them the same answer. A cut is written "…".
Paths no longer than HEAD + TAIL (nearly every line of real pages) are stored whole, as before.

Built top-down, one TagPath per element from its parent's in constant time, so no step walks
every ancestor of every node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.frozen import quick_init

HEAD = 2  # html/body
TAIL = 10
CUT = "…"
# an element name a layout rule may look for anywhere in the path: `(?:^|/)nav\b` and the like
LANDMARK = re.compile(r"(footer|nav|aside|header)\b")
_LISTS = frozenset({"li", "ul", "ol", "dl", "dt", "dd", "menu", "dir"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@quick_init
@dataclass(frozen=True, slots=True)
class TagPath:
    """The path from the document down to one element (the root is the empty path)."""

    name: str | None = None  # None: the document itself
    parent: TagPath | None = None
    depth: int = 0  # elements on the path, this one included
    head: tuple[str, ...] = ()
    landmarks: tuple[tuple[str, int, str], ...] = ()  # (kind, index, name), outermost per kind
    in_list: bool = False  # an element of the path is a list or list item
    heading: bool = False  # an element of the path is a heading

    def child(self, name: str) -> TagPath:
        index = self.depth
        landmarks = self.landmarks
        found = LANDMARK.match(name.lower())
        if found is not None and all(kind != found.group(1) for kind, _, _ in landmarks):
            landmarks = (*landmarks, (found.group(1), index, name))
        return TagPath(
            name,
            self,
            index + 1,
            (*self.head, name) if index < HEAD else self.head,
            landmarks,
            self.in_list or name in _LISTS,
            self.heading or name in _HEADINGS,
        )

    def render(self) -> str:
        """Names joined by "/", outermost first; "…" where elements were left out."""
        if self.depth <= HEAD + TAIL:  # nothing is cut: every name, as `_render_cut` gives
            names = []
            node: TagPath | None = self
            while node is not None and node.name is not None:
                names.append(node.name)
                node = node.parent
            return "/".join(reversed(names))
        return self._render_cut()

    def _render_cut(self) -> str:
        kept = dict(enumerate(self.head))
        kept.update((index, name) for _, index, name in self.landmarks)
        node: TagPath | None = self
        while node is not None and node.name is not None and node.depth > self.depth - TAIL:
            kept[node.depth - 1] = node.name
            node = node.parent
        parts: list[str] = []
        previous = -1
        for index in sorted(kept):
            if index != previous + 1:
                parts.append(CUT)
            parts.append(kept[index])
            previous = index
        return "/".join(parts)
