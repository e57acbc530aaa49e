"""Tell body lines from page furniture, and name the kind of each furniture region.

Two passes. First every line gets a *cue* from evidence that holds on outlets never seen: the
lexicons, the line's shape (date-only, image file name, bullets, runs of short tokens), the HTML
block's link density and list membership, corpus repetition and the gazetteer. Then the body is
located as the stretch from the first to the last paragraph-like line, cut at the first tail
marker (share prompt, related list, editor credit, legal line) once most of the prose is behind
it. Lines outside the body are furniture even without a cue; lines inside keep their cue.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from annotator.cleaning.chars import HAN
from annotator.frozen import quick_init
from annotator.model import Article
from annotator.suggest.corpus import CorpusStats, outlet_key
from annotator.suggest.gazetteer import Gazetteer
from annotator.suggest.lexicons import Lexicons, contains_any
from annotator.suggest.lines import Line

_IMAGE_FILE = re.compile(r"^\S{1,80}\.(?:jpe?g|png|gif|webp|bmp)$", re.IGNORECASE)
_PHOTO_CREDIT = re.compile(rf"(?:记者|摄影|通讯员|图)[\s/:：]*[{HAN}·]{{2,8}}\s*摄[)）]?$")
_DATE_ONLY = re.compile(
    r"^[\s\d年月日时分秒:：\-/.]{6,}$|^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_ENDS_WITH_DATE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2})?$")
_BREADCRUMB_ARROW = re.compile(r"[>＞»›]")
# (记者 吴静 杨帆 通讯员 孙晓东), (临州台记者 丁磊 报道): a byline on a line of its own
_BYLINE = re.compile(r"^[(（]?[^,，。!?！？]{0,12}记者[^,，。!?！？]{1,30}[)）]?$")
# 视频:市长…调研, 时长 02:46 — the player's own caption
_VIDEO_CAPTION = re.compile(r"^(?:视频[:：]|时长\s*\d{1,2}:\d{2})")
_TAG_KINDS = (
    ("footer", "footer"),
    ("nav", "navigation"),
    ("aside", "related"),
    ("header", "navigation"),
)

PARAGRAPH_MIN_LENGTH = 25
TITLE_MIN_LENGTH = 8
SHORT_TOKEN = 4
TAIL_KINDS = frozenset({"share", "related", "footer", "widget"})
NEAR_DUPLICATE_RATIO = 0.9
NEAR_MIN_LENGTH = 20  # shorter lines are duplicates only when equal
# and so are longer ones: ordering a line's characters and comparing two lines cost more than
# linear in their length (a one-line page of 1 MB took a minute), and no paragraph is this long
NEAR_MAX_LENGTH = 5_000
HEADER_KINDS = frozenset({"navigation", "breadcrumb"})  # site name lines sit above these
LIST_KINDS = frozenset({"related", "widget"})
WEAK_RULES = frozenset({"date-only", "list-item", "link-density", "short-tokens"})


@quick_init
@dataclass(frozen=True, slots=True)
class LineKind:
    """The verdict on one line: None for body, else a boilerplate kind, and the rule that said so."""

    line: Line
    kind: str | None
    rule: str


def classify_lines(
    article: Article,
    lines: Sequence[Line],
    *,
    lexicons: Lexicons,
    corpus: CorpusStats | None = None,
    gazetteer: Gazetteer | None = None,
    memo: CueMemo | None = None,
) -> list[LineKind]:
    """`memo`: the cues of lines already decided with the same lexicons, corpus and gazetteer
    (one per run of the suggestions), so an outlet's furniture is decided once, not per page."""
    if memo is None:
        cues = [_cue(line, article, lexicons, corpus, gazetteer) for line in lines]
    else:
        cues = memo.cues(lines, article, lexicons, corpus, gazetteer)
    cues = _captions_after_images(lines, cues)
    body_start, body_end, cut = _body_bounds(lines, cues, lexicons)
    last_navigation = max(
        (i for i in range(min(body_start, len(lines))) if cues[i] and cues[i][0] in HEADER_KINDS),
        default=-1,
    )
    verdicts: list[LineKind] = []
    for index, line in enumerate(lines):
        cue = cues[index]
        tail_kind = verdicts[-1].kind if index > body_end and verdicts else None
        if tail_kind in LIST_KINDS and (cue is None or cue[1] in WEAK_RULES):
            # the items, dates and counters under a related list or widget belong to it
            verdicts.append(LineKind(line, tail_kind, "under-heading"))
        elif cue is not None:
            verdicts.append(LineKind(line, cue[0], cue[1]))
        elif index < last_navigation:
            verdicts.append(LineKind(line, "navigation", "above-navigation"))
        elif index < body_start:
            verdicts.append(_before_body(line))
        elif index > body_end and not (index < cut and line.has_sentence_end):
            verdicts.append(_after_body(line, verdicts[-1].kind if verdicts else None))
        else:
            verdicts.append(LineKind(line, None, "body"))
    verdicts = _short_runs(verdicts)
    return _duplicates(verdicts)


@quick_init
@dataclass(frozen=True, slots=True)
class _Facts:
    """What the cue rules ask of one line, each worked out once."""

    line: Line
    text: str
    length: int
    sentence_end: bool
    key: str  # "" when neither the gazetteer's boilerplate nor the corpus is there to ask
    tag_path: str  # lower case
    article: Article
    lexicons: Lexicons
    corpus: CorpusStats | None
    gazetteer: Gazetteer | None


@dataclass(frozen=True, slots=True)
class CueRule:
    """One row of CUE_RULES: the rule's name (stored as the span's rule), the boilerplate kind
    it gives, or how to read the kind off the line, and when it holds."""

    rule: str
    kind: str | Callable[[_Facts], str]
    holds: Callable[[_Facts], bool]


def _spam(f: _Facts) -> bool:
    # one regex scan finds the lines holding no spam word at all (nearly all of them)
    spam = f.lexicons.spam
    return contains_any(f.text, spam) and sum(word in f.text for word in spam) >= 2


def _in_gazetteer(f: _Facts) -> bool:
    return f.gazetteer is not None and f.key in f.gazetteer.boilerplate


def _gazetteer_kind(f: _Facts) -> str:
    assert f.gazetteer is not None
    return f.gazetteer.boilerplate[f.key]


def _meta(f: _Facts) -> bool:
    return f.length < 100 and (
        _starts_with_any(f.text.lstrip("[【( "), f.lexicons.meta)
        or (f.length < 60 and not f.sentence_end and contains_any(f.text, f.lexicons.meta))
        or _is_editor_credit(f.text, f.lexicons)
    )


def _corpus_repeat(f: _Facts) -> bool:
    return f.corpus is not None and f.corpus.is_furniture(outlet_key(f.article), f.key)


_TAG_NAME = re.compile(r"(?:^|/)(" + "|".join(tag for tag, _ in _TAG_KINDS) + r")\b")


@functools.lru_cache(maxsize=4096)
def _tags_in(tag_path: str) -> frozenset[str]:
    """The tags of _TAG_KINDS on a tag path: a page's lines share a few paths, so each is read
    once, not once per tag rule."""
    return frozenset(found.group(1) for found in _TAG_NAME.finditer(tag_path))


def _tag(tag: str) -> Callable[[_Facts], bool]:
    return lambda f: tag in _tags_in(f.tag_path)


def _short_tokens(f: _Facts) -> bool:
    tokens = f.text.split()
    return len(tokens) >= 3 and all(len(token) <= SHORT_TOKEN for token in tokens)


# The cue rules in the order they are tried: the first that holds names the line's kind. Text
# and lexicon evidence first, then the corpus, then the page's layout (HTML tags, links, lists).
# A rule reads the line's text and block and the article's outlet, nothing else of the article:
# CueMemo reuses a cue for every line that has those of one already decided.
CUE_RULES: tuple[CueRule, ...] = (
    CueRule("spam-lexicon", "spam", _spam),
    CueRule("gazetteer", _gazetteer_kind, _in_gazetteer),
    CueRule("image-file", "caption", lambda f: _IMAGE_FILE.match(f.text) is not None),
    CueRule(
        "photo-credit",
        "caption",
        lambda f: f.length < 300 and _PHOTO_CREDIT.search(f.text) is not None,
    ),
    CueRule(
        "video-caption",
        "caption",
        lambda f: f.length < 40 and _VIDEO_CAPTION.match(f.text) is not None,
    ),
    CueRule(
        "byline",
        "meta",
        lambda f: f.length < 40 and not f.sentence_end and _BYLINE.match(f.text) is not None,
    ),
    CueRule(
        "pager",
        "navigation",
        lambda f: f.length < 60 and f.text.startswith(f.lexicons.pager),
    ),
    CueRule(
        "legal-lexicon",
        "footer",
        lambda f: not f.sentence_end and contains_any(f.text, f.lexicons.legal),
    ),
    CueRule(
        "breadcrumb",
        "breadcrumb",
        lambda f: f.length < 80 and _is_breadcrumb(f.text, f.lexicons),
    ),
    CueRule(
        "share-lexicon",
        "share",
        lambda f: f.length < 30 and contains_any(f.text, f.lexicons.share),
    ),
    CueRule(
        "comment-heading",
        "widget",
        lambda f: f.length < 20 and _starts_with_any(f.text.lstrip(">»›【[ "), f.lexicons.comments),
    ),
    CueRule(
        "related-heading",
        "related",
        lambda f: f.length < 20 and _starts_with_any(f.text.lstrip(">»› "), f.lexicons.related),
    ),
    CueRule(
        "widget-lexicon",
        "widget",
        lambda f: f.length < 60 and contains_any(f.text, f.lexicons.widget),
    ),
    CueRule("meta-lexicon", "meta", _meta),
    CueRule("date-only", "meta", lambda f: _DATE_ONLY.match(f.text) is not None),
    CueRule("corpus-repeat", "navigation", _corpus_repeat),
    *(CueRule(f"tag-{tag}", kind, _tag(tag)) for tag, kind in _TAG_KINDS),
    CueRule(
        "link-density",
        lambda f: "related" if f.length >= 15 else "navigation",
        lambda f: f.line.block.link_density >= 0.6 and not f.sentence_end,
    ),
    CueRule(
        "list-item",
        "navigation",
        lambda f: (
            (f.line.block.in_list or f.line.bulleted) and f.length < 20 and not f.sentence_end
        ),
    ),
    CueRule("short-tokens", "navigation", _short_tokens),
)


def _cue(
    line: Line,
    article: Article,
    lexicons: Lexicons,
    corpus: CorpusStats | None,
    gazetteer: Gazetteer | None,
) -> tuple[str, str] | None:
    """(kind, rule) of the first of CUE_RULES that holds for the line, or None."""
    facts = _Facts(
        line,
        line.text,
        line.length,
        line.has_sentence_end,
        # the key is read only against the gazetteer's boilerplate lines and the corpus
        line.key if (gazetteer is not None and gazetteer.boilerplate) or corpus is not None else "",
        line.block.tag_path.lower(),
        article,
        lexicons,
        corpus,
        gazetteer,
    )
    for cue in CUE_RULES:
        if cue.holds(facts):
            return (cue.kind if isinstance(cue.kind, str) else cue.kind(facts)), cue.rule
    return None


_Cue = tuple[str, str] | None


class CueMemo:
    """The cue of each distinct line seen in a run. An outlet's navigation, share prompts and
    footer repeat on every page of it (two thirds of the lines of the real pages imported
    three times each), and a line's cue depends on nothing else than what the key holds: its
    text (hence its length, sentence end, bullet and key), its block's tag path, link density
    and list membership, its article's outlet, and the run's lexicons, corpus and gazetteer,
    which the memo holds and starts afresh when they change (a cue rule reads nothing else of
    its _Facts: see CUE_RULES). Bounded: only lines up to LONGEST characters are kept (furniture
    is short; a paragraph is seldom seen twice, and a page may be one line of a megabyte), and
    the memo is emptied once it passes LIMIT lines (checked between articles), so it holds
    about LIMIT × LONGEST characters at most."""

    LIMIT = 50_000
    LONGEST = 200

    __slots__ = ("_inputs", "_found")

    def __init__(self) -> None:
        self._inputs: tuple[object, ...] | None = None
        self._found: dict[tuple[object, ...], _Cue] = {}

    def cues(
        self,
        lines: Sequence[Line],
        article: Article,
        lexicons: Lexicons,
        corpus: CorpusStats | None,
        gazetteer: Gazetteer | None,
    ) -> list[_Cue]:
        inputs = (lexicons, corpus, gazetteer)
        held = self._inputs
        if held is None or any(a is not b for a, b in zip(inputs, held, strict=True)):
            self._inputs, self._found = inputs, {}
        if len(self._found) > self.LIMIT:
            self._found = {}
        found, outlet, longest = self._found, outlet_key(article), self.LONGEST
        result = []
        for line in lines:
            if len(line.text) > longest:
                result.append(_cue(line, article, lexicons, corpus, gazetteer))
                continue
            b = line.block  # all of it but where it is
            key = (line.text, b.tag_path, b.link_density, b.in_list, b.heading, b.indent, outlet)
            if key in found:
                cue = found[key]
            else:
                cue = found[key] = _cue(line, article, lexicons, corpus, gazetteer)
            result.append(cue)
        return result

    def __len__(self) -> int:
        """How many lines it holds."""
        return len(self._found)


def _starts_with_any(text: str, words: tuple[str, ...]) -> bool:
    return text.startswith(words)


def _is_breadcrumb(text: str, lexicons: Lexicons) -> bool:
    return bool(_BREADCRUMB_ARROW.search(text)) and contains_any(text, lexicons.navigation)


def _is_editor_credit(text: str, lexicons: Lexicons) -> bool:
    """责任编辑:王五 — an editor-credit word with its colon (editor_credits.txt)."""
    return _credit_pattern(lexicons.editor_credits).search(text) is not None


@functools.lru_cache(maxsize=16)
def _credit_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    if not words:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile(rf"(?:{'|'.join(re.escape(w) for w in words)})\s*[:：]")


def _captions_after_images(
    lines: Sequence[Line], cues: list[tuple[str, str] | None]
) -> list[tuple[str, str] | None]:
    """The short line under an image file name is that image's caption."""
    result = list(cues)
    for index in range(1, len(lines)):
        follows_image = cues[index - 1] == ("caption", "image-file")
        line = lines[index]
        if (
            follows_image
            and result[index] is None
            and line.length < 80
            and not line.has_sentence_end
        ):
            result[index] = ("caption", "under-image")
    return result


def _is_paragraph(line: Line) -> bool:
    return line.length >= PARAGRAPH_MIN_LENGTH and (
        line.has_sentence_end or line.punctuation_share >= 0.03
    )


def _body_bounds(
    lines: Sequence[Line], cues: Sequence[tuple[str, str] | None], lexicons: Lexicons
) -> tuple[int, int, int]:
    """First and last paragraph of the body (first > last when the page has no prose), and the
    tail marker that cut it (len(lines) when none did): a short sentence after the last
    paragraph is still prose before the cut (吴政隆陪同调研。), a teaser after it."""
    paragraphs = [i for i, line in enumerate(lines) if cues[i] is None and _is_paragraph(line)]
    if not paragraphs:
        return len(lines), -1, len(lines)
    sizes = {i: lines[i].length for i in paragraphs}
    total = sum(sizes.values())
    seen = 0
    for index in range(paragraphs[0], len(lines)):
        seen += sizes.get(index, 0)
        cue = cues[index]
        ends_body = cue is not None and _ends_body(lines[index], cue, lexicons)
        # readers' comments may hold more prose than the article: their heading always cuts
        if ends_body and (seen * 2 >= total or cue == ("widget", "comment-heading")):
            last = max((i for i in paragraphs if i < index), default=paragraphs[0])
            return paragraphs[0], last, index
    return paragraphs[0], paragraphs[-1], len(lines)


def _ends_body(line: Line, cue: tuple[str, str], lexicons: Lexicons) -> bool:
    kind, _rule = cue
    return kind in TAIL_KINDS or _is_editor_credit(line.text, lexicons)


def _after_body(line: Line, previous: str | None) -> LineKind:
    """A line below the body with no cue of its own: a footer goes on to the page's end; a
    headline with a date or a teaser sentence is another article's link; a short label or
    counter is a widget."""
    if previous == "footer":
        return LineKind(line, "footer", "after-footer")
    if _ENDS_WITH_DATE.search(line.text) or line.length >= 15:
        return LineKind(line, "related", "after-body")
    return LineKind(line, "widget", "after-body")


def _before_body(line: Line) -> LineKind:
    if line.length >= TITLE_MIN_LENGTH:
        return LineKind(line, None, "title")
    return LineKind(line, "navigation", "before-body")


def _short_runs(verdicts: list[LineKind]) -> list[LineKind]:
    """Three or more short body lines in a row are a menu or a widget, not prose."""
    result = list(verdicts)
    run: list[int] = []
    for index in [*range(len(verdicts)), len(verdicts)]:
        verdict = verdicts[index] if index < len(verdicts) else None
        if verdict is not None and verdict.kind is None and verdict.line.length < TITLE_MIN_LENGTH:
            run.append(index)
            continue
        if len(run) >= 3:
            for i in run:
                result[i] = LineKind(verdicts[i].line, "widget", "short-run")
        run = []
    return result


def _normalized(text: str) -> str:
    return re.sub(r"[\s\W]+", "", text)


def _duplicates(verdicts: list[LineKind]) -> list[LineKind]:
    """A body line that repeats an earlier body line, exactly or nearly, is `duplicate`. A line
    the body says three times or more (债券市场存在泡沫吗？ asked of every expert in turn) is
    the article's own structure, not a paragraph the scraper copied."""
    result = list(verdicts)
    body = {
        index: _normalized(v.line.text)
        for index, v in enumerate(verdicts)
        if v.kind is None and v.line.length >= TITLE_MIN_LENGTH
    }
    recurring = {text for text, count in Counter(body.values()).items() if count >= 3}
    earlier = _NearIndex(text for text in body.values() if text not in recurring)
    for index, text in body.items():
        if text in recurring:
            continue
        if earlier.has_near(text):
            result[index] = LineKind(verdicts[index].line, "duplicate", "duplicate")
        else:
            earlier.add(text)
    return result


class _NearIndex:
    """The kept lines, found again by what `_near` would accept without comparing every pair.

    A line is a multiset of characters, written as the set of its tokens (character, n-th
    occurrence). `_near` needs two lines within 10 % in length to share at least 0.9 × their
    mean length of tokens, hence at least PREFIX_SHARE of the longer one's. Order the tokens
    rarest first: two such lines then share a token among the first len − ⌊PREFIX_SHARE·len⌋ + 1
    tokens of each (prefix filtering), so only lines sharing a rare token are compared. Same
    verdicts as comparing with every kept line, in time near linear for real text.
    """

    PREFIX_SHARE = 0.85  # ≤ 0.9 × (1 + 0.9) / 2, the least share a near pair can have
    # Text whose characters are all equally common (a name list, a number table) defeats the
    # prefix; past this many comparisons an article gets exact duplicates only, so no page can
    # hold an import up for more than a few seconds.
    COMPARISONS = 200_000
    # difflib's work grows with the pairs of equal characters of two lines (Σ count·count), a
    # few million per second: past this many an article gets exact duplicates only as well
    MATCHING_PAIRS = 5_000_000

    def __init__(self, texts: Iterable[str]) -> None:
        comparable = list(dict.fromkeys(text for text in texts if _comparable(text)))
        # most articles have no pair that could be near: then only exact copies are looked
        # for, and no line is cut into tokens (the costliest part of the index)
        self._only_exact = not _some_pair_may_be_near(comparable)
        self._given = frozenset(comparable)
        self._token_sets = {  # made once each
            text: frozenset(_tokens(text)) for text in comparable if not self._only_exact
        }
        self._rarity = Counter(token for tokens in self._token_sets.values() for token in tokens)
        # tokens of two lines or more: a line whose prefix holds none of them can neither find
        # nor be found by another line (see `_prefix`)
        self._shared = frozenset(token for token, count in self._rarity.items() if count > 1)
        self._prefixes: dict[str, list[Token]] = {}  # asked by has_near, then by add
        self._exact: set[str] = set()
        self._by_token: dict[tuple[str, int], list[tuple[str, frozenset[Token]]]] = {}
        self._comparisons_left = self.COMPARISONS
        self._pairs_left = self.MATCHING_PAIRS

    def _check_given(self, text: str) -> None:
        """Only lines given to the constructor are asked about: the pair check, the rarity
        counts and the shortcut in `_prefix` hold for those."""
        if text not in self._given:
            raise ValueError("the near-duplicate index was not given this line")

    def _tokens_of(self, text: str) -> frozenset[Token]:
        return self._token_sets[text]

    def _prefix(self, text: str) -> list[Token]:
        """Its tokens rarest first, by (rarity, token), cut to the prefix length; empty when
        that prefix holds only tokens of this one line: no other line shares one, so none can
        be found through it, and indexing it would serve no later line. Most lines of prose
        are such (their n-th 的 and rare characters are their own), and skip the sort."""
        found = self._prefixes.get(text)
        if found is None:
            tokens = self._tokens_of(text)
            size = len(tokens) - int(self.PREFIX_SHARE * len(tokens)) + 1
            if len(tokens - self._shared) >= size:
                found = []
            else:  # sorted by token in C, then stably by rarity alone
                found = sorted(sorted(tokens), key=self._rarity.__getitem__)[:size]
            self._prefixes[text] = found
        return found

    def has_near(self, text: str) -> bool:
        if text in self._exact:
            return True
        if not _comparable(text):
            return False
        self._check_given(text)
        if self._only_exact:
            return False
        tokens = self._tokens_of(text)
        seen: set[str] = set()
        for token in self._prefix(text):
            for other, other_tokens in self._by_token.get(token, ()):
                if other not in seen:
                    if self._comparisons_left <= 0:
                        return False
                    self._comparisons_left -= 1
                    seen.add(other)
                    if not _could_be_near(text, tokens, other, other_tokens):
                        continue
                    pairs = _matching_pairs(text, other)
                    if pairs > self._pairs_left:
                        return False
                    self._pairs_left -= pairs
                    if _similar(text, other):
                        return True
        return False

    def add(self, text: str) -> None:
        if _comparable(text):
            self._check_given(text)
        self._exact.add(text)
        if self._only_exact or not _comparable(text):
            return  # never compared: no token work for it
        entry = (text, self._tokens_of(text))
        for token in self._prefix(text):
            self._by_token.setdefault(token, []).append(entry)


Token = tuple[str, int]
PAIR_CHECKS = 20_000  # past this many pairs of similar length, the index itself decides


def _some_pair_may_be_near(texts: list[str]) -> bool:
    """Whether two of the distinct `texts` pass what every near pair passes: lengths within
    10 %, and few characters of either missing from the other. A character of `a` that `b`
    lacks leaves at least one of a's occurrences unmatched, so the matches difflib can find
    are at most len(a) − |set(a) − set(b)|, and near needs 2·matches ≥ RATIO·(len(a) + len(b)).
    Distinct paragraphs fail it at once, in C (set differences); exact copies are not pairs
    here (the index finds them without tokens)."""
    ordered = sorted(texts, key=len)
    # made for the lines that have one of similar length (about a third of a page's lines)
    characters: dict[int, frozenset[str]] = {}

    def of(index: int) -> frozenset[str]:
        if index not in characters:
            characters[index] = frozenset(ordered[index])
        return characters[index]

    checks = 0
    for i, a in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            b = ordered[j]
            if len(b) - len(a) > 0.1 * len(b):
                break  # longer ones differ more still
            checks += 1
            if checks > PAIR_CHECKS:
                return True
            need = NEAR_DUPLICATE_RATIO * (len(a) + len(b))
            if (
                2 * (len(a) - len(of(i) - of(j))) >= need - 1e-9
                and 2 * (len(b) - len(of(j) - of(i))) >= need - 1e-9
            ):
                return True
    return False


def _tokens(text: str) -> list[Token]:
    """The characters of `text` as a set: the n-th occurrence of a character is its own token."""
    # counted in C, then one token per occurrence: no Python step per character of the text
    return [
        (character, occurrence)
        for character, count in Counter(text).items()
        for occurrence in range(1, count + 1)
    ]


def _comparable(text: str) -> bool:
    """Whether a line may be a near (not only an exact) duplicate of another."""
    return NEAR_MIN_LENGTH <= len(text) <= NEAR_MAX_LENGTH


def _near(a: str, a_tokens: frozenset[Token], b: str, b_tokens: frozenset[Token]) -> bool:
    if a == b:
        return True
    comparable = _comparable(a) and _comparable(b)
    return comparable and _could_be_near(a, a_tokens, b, b_tokens) and _similar(a, b)


def _could_be_near(a: str, a_tokens: frozenset[Token], b: str, b_tokens: frozenset[Token]) -> bool:
    """The cheap tests for two comparable lines: within 10 % in length, enough characters
    shared."""
    if abs(len(a) - len(b)) > 0.1 * max(len(a), len(b)):
        return False
    # difflib's quick_ratio bound: the characters the two share, counted with repeats
    return 2 * len(a_tokens & b_tokens) / (len(a) + len(b)) >= NEAR_DUPLICATE_RATIO


def _similar(a: str, b: str) -> bool:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.ratio() >= NEAR_DUPLICATE_RATIO


def _matching_pairs(a: str, b: str) -> int:
    """(i, j) with a[i] == b[j]: what difflib's longest-match search walks through."""
    b_counts = Counter(b)
    return sum(count * b_counts[char] for char, count in Counter(a).items())
