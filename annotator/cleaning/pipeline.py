"""clean_page: page bytes -> Article, as a chain of small steps that each keep the offset map."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from annotator.cleaning import metadata
from annotator.cleaning.damage import find_damage
from annotator.cleaning.decode import decode_page, refuse_binary
from annotator.cleaning.errors import CleaningError, CleaningFailed, EmptyPage, TooLarge
from annotator.cleaning.html import HtmlDump, LineLayout
from annotator.cleaning.html_lxml import dump_html  # the same dump as html.dump_html, ~4x faster
from annotator.cleaning.middle_dot import unify_middle_dots
from annotator.cleaning.offsets import chain
from annotator.cleaning.pinyin import remove_pinyin
from annotator.cleaning.script import detect_script, to_simplified
from annotator.cleaning.whitespace import indent_of, normalize_whitespace
from annotator.model import Article, Block, OffsetMap, Script, article_id_for

# 2: pages whose charset declaration lies are read by evidence; 3: two lost stretches either side
# of a full-width mark (，；：！？) are two damages, as with ASCII marks
CLEANER_VERSION = "3"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
PageKind = Literal["text", "html"]

_MARKUP_START = re.compile(r"\A\s*<(?:!doctype\s+html|html|head|body|meta|!--|\?xml)", re.I)
_MARKUP_ANYWHERE = re.compile(r"<(?:html|body)[\s>]", re.I)
_SNIFF = 4096  # characters looked at to tell HTML from text
_RAW_LINE_BREAK = re.compile(r"\r\n?|\n")  # as the white-space step reads line breaks


@dataclass(frozen=True, slots=True)
class CleanText:
    """The cleaned form of a raw text and what the steps learned on the way."""

    text: str
    offset_map: OffsetMap
    script: Script
    lost_marks: tuple[int, ...]


def clean_page(
    data: bytes,
    source: str,
    *,
    kind: PageKind | None = None,
    url: str | None = None,
    title: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Decode, extract and clean one page. Raises CleaningError (a subclass per cause) and
    nothing else, whatever the bytes."""
    try:
        return _clean_page(data, source, kind=kind, url=url, title=title, max_bytes=max_bytes)
    except CleaningError:
        raise
    except Exception as error:  # a bug must not stop an import of many files
        raise CleaningFailed(
            "the cleaner failed unexpectedly on this page ({type_name}: {error})",
            type_name=type(error).__name__, error=error
        ) from error


def _clean_page(
    data: bytes,
    source: str,
    *,
    kind: PageKind | None,
    url: str | None,
    title: str | None,
    max_bytes: int,
) -> Article:
    if not data:
        raise EmptyPage("empty file (0 bytes)")
    if len(data) > max_bytes:
        raise TooLarge(
            "page is {size:,} bytes, above the limit of {max_bytes:,} bytes",
            size=len(data), max_bytes=max_bytes
        )
    refuse_binary(data)
    looks_html = kind == "html" or (kind is None and _source_says_html(source))
    decoded = decode_page(data, look_for_meta=kind != "text")
    if kind is None:
        looks_html = looks_html or _looks_like_markup(decoded.text)
    if not decoded.text.strip():
        raise EmptyPage("the page holds only white space")
    dump = dump_html(decoded.text) if looks_html else None
    raw_text = dump.text if dump else decoded.text
    if dump and not raw_text.strip():
        raise EmptyPage("the HTML page has no visible text")

    cleaned = clean_text(raw_text)
    lines = cleaned.text.split("\n")
    if dump:
        found_title = metadata.html_title(dump.meta.get("og:title"), dump.h1, dump.title_tag)
        found_title = clean_snippet(found_title, cleaned.script) if found_title else None
        published = metadata.published_from_meta(dump.meta) or metadata.published_from_text(lines)
        outlet = (
            metadata.outlet_from_meta(dump.meta)
            or metadata.outlet_from_text(lines)
            or metadata.site_from_title_tag(dump.title_tag)
        )
    else:
        found_title = metadata.title_from_text(lines)
        published = metadata.published_from_text(lines)
        outlet = metadata.outlet_from_text(lines)
    return Article(
        id=article_id_for(data),
        source=source,
        raw_text=raw_text,
        text=cleaned.text,
        offset_map=cleaned.offset_map,
        title=title or found_title or None,
        published=published,
        outlet=clean_snippet(outlet, cleaned.script) if outlet else None,
        script=cleaned.script,
        damage=find_damage(cleaned.text, cleaned.lost_marks),
        blocks=_blocks(cleaned, raw_text, dump),
        cleaner_version=CLEANER_VERSION,
        url=url,
    )


def clean_text(raw_text: str) -> CleanText:
    """The text steps: white space, pinyin readings, middle dots, script."""
    spaced, space_map = normalize_whitespace(raw_text)
    unread, reading_map, lost_marks = remove_pinyin(spaced)
    dotted = unify_middle_dots(unread)
    script = detect_script(dotted)
    text = to_simplified(dotted) if script == "traditional" else dotted
    return CleanText(text, chain([space_map, reading_map]), script, lost_marks)


def clean_snippet(snippet: str, script: Script) -> str:
    """A title or outlet cleaned like the page's text."""
    text = clean_text(" ".join(snippet.split())).text
    return to_simplified(text) if script == "traditional" else text


def _blocks(cleaned: CleanText, raw_text: str, dump: HtmlDump | None) -> tuple[Block, ...]:
    """One Block per non-empty line of the cleaned text, with the evidence of its raw line."""
    raw_starts = [0] + [m.end() for m in _RAW_LINE_BREAK.finditer(raw_text)]
    # a dump's lines carry their layout; only a text page's raw lines are read (for indents)
    raw_lines = () if dump else _RAW_LINE_BREAK.split(raw_text)
    layouts: Sequence[LineLayout] = dump.layouts if dump else ()
    blocks: list[Block] = []
    # OffsetMap.to_raw of each line start, walking the anchors once (the starts only grow)
    anchors = cleaned.offset_map.anchors
    anchor = 0
    start = 0
    for line in cleaned.text.split("\n"):
        end = start + len(line)
        if line:
            while anchor + 1 < len(anchors) and anchors[anchor + 1][0] <= start:
                anchor += 1
            text_pos, raw_pos = anchors[anchor]
            raw_line = bisect.bisect_right(raw_starts, raw_pos + start - text_pos) - 1
            if dump:
                layout = layouts[raw_line]
                blocks.append(
                    Block(
                        start,
                        end,
                        layout.tag_path,
                        layout.link_density,
                        layout.in_list,
                        layout.heading,
                    )
                )
            else:
                blocks.append(Block(start, end, indent=indent_of(raw_lines[raw_line])))
        start = end + 1
    return tuple(blocks)


def _source_says_html(source: str) -> bool:
    return source.lower().rsplit("?", 1)[0].endswith((".html", ".htm", ".xhtml", ".shtml"))


def _looks_like_markup(text: str) -> bool:
    head = text[:_SNIFF]
    return bool(_MARKUP_START.match(head) or _MARKUP_ANYWHERE.search(head))
