"""The lines of an article with the features the boilerplate rules read."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.cleaning.chars import is_han
from annotator.frozen import quick_init
from annotator.model import Article, ArticleText, Block

_SENTENCE_PUNCTUATION = frozenset("。,，;；!！?？、:：")
_SENTENCE_ENDS = ("。", "!", "?", "！", "？")
_BULLETS = ("•", "·", "●", "■", "◆", "▪", "-", "*", ">>", "》", "【")


@quick_init
@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line: `start`/`end` cover it in `Article.text` without surrounding space."""

    index: int
    start: int
    end: int
    text: str
    block: Block

    @property
    def length(self) -> int:
        return len(self.text)

    @property
    def key(self) -> str:
        """What makes two lines 'the same line' across articles of an outlet."""
        return line_key(self.text)

    # str.count and `in` per mark, not a Python step per character: the rules ask these
    # several times of every line, and a line may be megabytes long
    @property
    def punctuation_share(self) -> float:
        marks = sum(self.text.count(mark) for mark in _SENTENCE_PUNCTUATION)
        return marks / max(self.length, 1)

    @property
    def digit_share(self) -> float:
        return sum(c.isdigit() for c in self.text) / max(self.length, 1)

    @property
    def has_sentence_end(self) -> bool:
        return any(mark in self.text for mark in _SENTENCE_ENDS)

    @property
    def bulleted(self) -> bool:
        return self.text.startswith(_BULLETS)

    @property
    def cjk_count(self) -> int:
        return sum(is_han(c) for c in self.text)


def article_lines(article: Article) -> tuple[Line, ...]:
    """Every non-blank line of the article, from its blocks when cleaning gave them."""
    blocks = article.blocks or _blocks_from_newlines(article.text)
    lines: list[Line] = []
    for block in blocks:
        raw = article.text[block.start : block.end]
        stripped = raw.strip()
        if not stripped:
            continue
        start = block.start + (len(raw) - len(raw.lstrip()))
        lines.append(Line(len(lines), start, start + len(stripped), stripped, block))
    return tuple(lines)


def line_key(stripped: str) -> str:
    r"""A stripped line with each run of white space made one space: `re.sub(r"\s+", " ", ...)`
    at half the cost (str.split and `\s` know the same white space: a test holds them to it
    on every code point). The corpus pass asks it of every line of every article."""
    return " ".join(stripped.split())


def line_keys(article: Article | ArticleText) -> list[str]:
    """`[line.key for line in article_lines(article)]` without making the Line objects: the
    corpus statistics and the input fingerprints ask only this, of every article."""
    text = article.text
    if not article.blocks:  # the lines between newlines, as _blocks_from_newlines cuts them
        return [line_key(line) for raw in text.split("\n") if (line := raw.strip())]
    return [line_key(line) for b in article.blocks if (line := text[b.start : b.end].strip())]


def _blocks_from_newlines(text: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    position = 0
    for raw in text.split("\n"):
        end = position + len(raw)
        content = raw.rstrip("\r")
        indent = len(content) - len(content.lstrip())
        blocks.append(Block(position, position + len(content), indent=indent))
        position = end + 1
    return tuple(blocks)
