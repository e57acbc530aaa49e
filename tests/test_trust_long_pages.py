"""Hostile page shapes (issue 18): deep or unclosed HTML and long one-line pages.

What is measured here is bytes and counted steps, never seconds: the shapes must cost work and
storage linear in the page, and the rewritten algorithms must give the same answers as the
ones they replaced (kept below as slow oracles)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PreformattedString
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.bench.long_pages import nested_divs, unclosed_fonts
from annotator.cleaning import clean_page
from annotator.cleaning.html import _BLOCKS, _HIDDEN, _LAYOUT_SPACE, _LINE_BREAKS, dump_html
from annotator.cleaning.tag_path import HEAD, TAIL, TagPath
from annotator.suggest import strings, suggest_article
from annotator.suggest.boilerplate import _TAG_KINDS
from annotator.suggest.lexicons import default_lexicons
from annotator.suggest.names import NameRules
from annotator.suggest.officials import NameMention, TitleMention, is_credit
from annotator.suggest.suggesters import _without_overlaps

DEPTH = 20_000


def flat_divs(count: int) -> bytes:
    """The lines of nested_divs(count), side by side."""
    return (
        "<html><body>" + "".join(f"<div>第{i}段</div>" for i in range(count)) + "</body></html>"
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
    page = unclosed_fonts(100_000)
    lines = page.count(b"<font")
    dump = dump_html(page.decode())
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
    if len(names) <= HEAD + TAIL:
        assert cut == whole
    # bounded: head, tail, one element per landmark kind and a "…" on each side of each
    assert len(cut.split("/")) <= HEAD + TAIL + 4 + 5
    assert cut == whole or "…" in cut
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


# --- long one-line pages: the rules' resolvers ------------------------------------------------


def _old_without_overlaps(mentions: list[NameMention]) -> list[NameMention]:
    """The resolver as it was: every candidate tested against every mention kept."""
    ranked = sorted(mentions, key=lambda m: (not m.titles, -(m.end - m.start), m.start))
    kept: list[NameMention] = []
    for mention in ranked:
        if all(mention.end <= k.start or k.end <= mention.start for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


_TITLE = (TitleMention(0, 1, "长", None),)
_mention = st.builds(
    lambda start, length, titled, name: NameMention(
        start, start + length, name, "rule", _TITLE if titled else ()
    ),
    st.integers(0, 60),
    st.integers(1, 8),
    st.booleans(),
    st.sampled_from(["甲", "乙", "丙"]),
)


@settings(max_examples=500)
@given(st.lists(_mention, max_size=40))
def test_overlap_resolution_keeps_what_the_pairwise_test_kept(mentions: list[NameMention]) -> None:
    assert _without_overlaps(mentions) == _old_without_overlaps(mentions)


class _CountedMention:
    """A mention that counts how often its bounds are read: the resolver's work, not its time."""

    def __init__(self, mention: NameMention, reads: list[int]) -> None:
        self._mention, self._reads, self.titles = mention, reads, mention.titles

    @property
    def start(self) -> int:
        self._reads[0] += 1
        return self._mention.start

    @property
    def end(self) -> int:
        self._reads[0] += 1
        return self._mention.end


def _resolver_reads(count: int) -> int:
    reads = [0]
    mentions = [
        _CountedMention(NameMention(4 * i, 4 * i + 3, "王伟", "rule"), reads) for i in range(count)
    ]
    assert len(_without_overlaps(mentions)) == count  # type: ignore[arg-type]
    return reads[0]


def test_overlap_resolution_work_grows_linearly_with_the_mentions() -> None:
    """A 1 MB one-line page holds tens of thousands of mentions: testing each against every one
    kept took a minute. Doubling the mentions may only double the bounds read."""
    small, large = _resolver_reads(2_000), _resolver_reads(4_000)
    assert large <= 2.2 * small, (small, large)
    assert small <= 20 * 2_000


_WORDS = st.text(alphabet="王伟中李希马", min_size=1, max_size=3)


@settings(max_examples=300)
@given(st.lists(_WORDS, max_size=12), st.text(alphabet="王伟中李希马、。", max_size=80))
def test_one_pass_over_the_text_finds_what_a_search_per_word_finds(
    words: list[str], text: str
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(strings, "_DIRECT_SEARCH", 10**12)
        direct = list(strings.occurrences_of_each(words, text))
        patch.setattr(strings, "_DIRECT_SEARCH", 0)
        assert list(strings.occurrences_of_each(words, text)) == direct
    assert direct == [(w, list(strings.occurrences(w, text))) for w in words if w in text]


@settings(max_examples=300)
@given(st.lists(_WORDS, max_size=12), st.text(alphabet="王伟中李希马", max_size=8))
def test_the_known_suffix_is_the_one_a_test_of_every_name_finds(
    names: list[str], text: str
) -> None:
    rules = NameRules(default_lexicons()).with_known(names)
    expected = next((n for n in rules.known if text.endswith(n) and n != text), None)
    assert rules.known_suffix(text) == expected


def _old_after_credit(text: str, start: int, end: int) -> bool:
    before = re.sub(r"[\s(（:：]+$", "", text[max(0, start - 6) : start])
    if any(before.endswith(word) for word in default_lexicons().credits):
        return True
    return text[end:].lstrip().startswith(default_lexicons().credits_after)


@settings(max_examples=300)
@given(
    st.text(alphabet="王伟记者 \u3000\t摄报道供图:", max_size=20),
    st.integers(0, 20),
    st.integers(0, 20),
)
def test_the_credit_after_a_name_is_read_without_copying_the_line(
    text: str, start: int, end: int
) -> None:
    start, end = sorted((min(start, len(text)), min(end, len(text))))
    assert is_credit(text, start, end, lexicons=default_lexicons()) == _old_after_credit(
        text, start, end
    )


# --- name rules: bounded reads, same answers --------------------------------------------------

_NAME_TEXT = st.text(alphabet="王伟中李希马艾尔肯·出席参加书记、。 ", max_size=40)


def _old_is_name(rules: NameRules, text: str) -> bool:
    from annotator.suggest.names import _TRANSLITERATED, DOT, MAX_HAN_NAME, is_han

    if text in rules.known_set:
        return True
    # what holds a stop word of two characters or a title word is no name (席参加, 江主席)
    if rules._holds_stop_word(text) or rules._holds_title(text):
        return False
    if DOT in text:
        return (
            _TRANSLITERATED.fullmatch(text) is not None
            and all(1 <= len(p) <= 8 for p in text.split(DOT))
            and not rules._starts_with_stop(text)
        )
    if not all(is_han(c) for c in text) or rules._starts_with_stop(text):
        return False
    surnames = rules.lexicons.surnames
    if text[:2] in surnames and 3 <= len(text) <= MAX_HAN_NAME:
        return True
    return text[:1] in surnames and 2 <= len(text) <= MAX_HAN_NAME


def _old_name_at(rules: NameRules, text: str, position: int) -> str | None:
    """name_at as it was: every known name tried, the whole run of Han characters read."""
    from annotator.suggest.names import _HAN_RUN, DOT, MAX_HAN_NAME

    for name in rules.known:
        if text.startswith(name, position):
            return name
    run_match = _HAN_RUN.match(text, position)
    if run_match is None:
        return None
    run = run_match.group()
    if rules._starts_with_stop(run):
        return None
    head = run.split(DOT, 1)[0]
    cut = rules._stop_position(head[: MAX_HAN_NAME + 1], 2)
    if cut is None and DOT in run:
        return rules._transliterated_prefix(run)
    if cut is None and len(run) > MAX_HAN_NAME:
        return None
    candidate = run[:cut] if cut is not None else run
    return candidate if _old_is_name(rules, candidate) else None


@settings(max_examples=500)
@given(st.lists(_WORDS, max_size=6), _NAME_TEXT, st.integers(0, 40), st.integers(0, 80))
def test_name_rules_answer_as_before_on_any_text(
    known: list[str], text: str, position: int, padding: int
) -> None:
    """Known names by length, a run read through a window, a name's length tested first: the
    same names as the rules that read everything (runs here stay under DOTTED_RUN_LIMIT)."""
    rules = NameRules(default_lexicons()).with_known(known)
    text = text[:position] + "王" * padding + text[position:]  # runs longer than the window
    position = min(position, len(text))
    assert rules.name_at(text, position) == _old_name_at(rules, text, position)
    assert rules.is_name(text[position:]) == _old_is_name(rules, text[position:])


def _name_test_characters(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A counter of the characters handed to NameRules.is_name: the name rules' work."""
    handed = [0]
    original = NameRules.is_name

    def counted(self: NameRules, text: str) -> bool:
        handed[0] += len(text)
        return original(self, text)

    monkeypatch.setattr(NameRules, "is_name", counted)
    return handed


@pytest.mark.parametrize("opener", ["省长", "领导"])
def test_a_run_of_dotted_names_costs_work_linear_in_its_length(
    opener: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """省长艾尔肯·省长艾尔肯·…: every title (or 领导) read the dotted run to its end and made
    one giant "name" of it (340 KB took four minutes)."""
    from annotator.suggest.officials import find_in_line

    rules = NameRules(default_lexicons())
    handed = _name_test_characters(monkeypatch)

    def work(repeats: int) -> int:
        handed[0] = 0
        find_in_line(f"{opener}艾尔肯·" * repeats, rules)
        return handed[0]

    small, large = work(1_000), work(2_000)
    assert large <= 2.3 * small, (small, large)


def test_attendee_lists_cost_work_linear_in_an_unpunctuated_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Titles, names and 出席 with no clause break: every verb read the line back to its
    start and tried to split all of it into names (200 KB took minutes). Count the characters
    handed to the name test, not seconds."""
    from annotator.bench.long_pages import _unpunctuated
    from annotator.suggest.officials import find_in_line

    rules = NameRules(default_lexicons())
    handed = _name_test_characters(monkeypatch)

    def work(pieces: int) -> int:
        rng = random.Random(7)
        line = "".join(_unpunctuated(rng) for _ in range(pieces))
        handed[0] = 0
        find_in_line(line, rules)
        return handed[0]

    small, large = work(300), work(600)
    assert large <= 2.3 * small, (small, large)


# --- near-duplicate lines: bounded comparisons ------------------------------------------------

_PROSE_ALPHABET = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"


def test_a_line_too_long_to_compare_is_a_duplicate_only_when_equal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two lines of 6,000 characters one character apart: difflib would walk every pair of
    equal characters. Past NEAR_MAX_LENGTH only an exact copy is a duplicate."""
    from annotator.suggest import boilerplate

    compared = [0]
    monkeypatch.setattr(boilerplate, "_similar", lambda a, b: compared.__setitem__(0, 1) or True)
    rng = random.Random(5)
    line = "".join(rng.choice(_PROSE_ALPHABET) for _ in range(boilerplate.NEAR_MAX_LENGTH + 1000))
    near = line[:-1] + "。"
    index = boilerplate._NearIndex([line, near])
    index.add(line)
    assert not index.has_near(near)
    assert index.has_near(line)  # the exact copy still is one
    assert compared[0] == 0


_PROSE_ALPHABET = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"


def test_difflib_work_per_article_has_a_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines that share their characters but not their order pass every cheap test, and difflib
    costs the pairs of equal characters: past MATCHING_PAIRS an article gets exact duplicates
    only, however many such lines it has."""
    from annotator.suggest import boilerplate

    calls = [0]
    similar = boilerplate._similar

    def counted(a: str, b: str) -> bool:
        calls[0] += 1
        return similar(a, b)

    monkeypatch.setattr(boilerplate, "_similar", counted)
    rng = random.Random(9)
    base = list("的一是" * 200)
    lines = []
    for _ in range(30):
        rng.shuffle(base)
        lines.append("".join(base))
    one = boilerplate._matching_pairs(lines[0], lines[1])
    monkeypatch.setattr(boilerplate._NearIndex, "MATCHING_PAIRS", 8 * one)
    index = boilerplate._NearIndex(lines)
    for line in lines:
        if not index.has_near(line):
            index.add(line)
    assert 1 <= calls[0] <= 8
