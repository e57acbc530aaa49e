"""The faster forms of the suggesters give exactly what the plain forms gave: each fast path is
held against a simple reference written here, on the seed pages and on generated text. Speed
itself is measured in `annotator bench suggest`, never here."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.cleaning import clean_page, damage
from annotator.model import Article
from annotator.resources import seeds_dir
from annotator.suggest.compose import Kept, SuggestContext
from annotator.suggest.dates import DATE_EXPRESSION
from annotator.suggest.event_classifier import EventClassifier, _features, sentence_features
from annotator.suggest.gazetteer import Gazetteer
from annotator.suggest.lexicons import default_lexicons
from annotator.suggest.names import NameRules
from annotator.suggest.officials import (
    _CLAUSE_BREAK,
    _LISTING_CLAUSE,
    TitleMention,
    _title_alternation,
    _title_chain,
    find_in_line,
    title_chain_before,
)
from annotator.suggest.person_tagger import _kind, feature_words, features
from annotator.suggest.suggesters import (
    TEACHING_RULES,
    OfficialRules,
    _in_text,
    _known_on_page,
    _score,
    _without_overlaps,
)
from annotator.suggest.tagged_officials import _title_after, official_title_words, title_words

# the characters the rules turn on: list marks, clause breaks, spaces, digits, date words,
# a surname, a title word's characters, a middle dot, an astral Han character
TEXT = st.text(
    alphabet="、,，。;: \u3000\n()“”12０９月日年至当今昨天晚马兴瑞习近平总书记省长·𠀀ab",
    max_size=60,
)


def seed_articles() -> list[Article]:
    paths = sorted(p for p in seeds_dir().iterdir() if p.suffix == ".txt")
    return [clean_page(p.read_bytes(), p.name) for p in paths]


def seed_lines() -> list[str]:
    return [line for article in seed_articles() for line in article.text.split("\n")]


def reference_features(text: str) -> list[list[str]]:
    """The person tagger's features, one character at a time."""
    words = feature_words()
    padded = "\x02\x02" + text + "\x03\x03"
    rows = []
    for i, c in enumerate(text):
        p2, p1, _, n1, n2 = padded[i : i + 5]
        kind = _kind(c)
        row = [f"c={c}", f"p1={p1}", f"p2={p2}", f"n1={n1}", f"n2={n2}"]
        row += [f"p1c={p1}{c}", f"cn1={c}{n1}", f"p2p1={p2}{p1}", f"n1n2={n1}{n2}", f"k={kind}"]
        row.append(f"kp={_kind(p1)}{kind}{_kind(n1)}")
        row += ["surname"] if c in words.surnames else []
        row += ["surname2"] if p1 + c in words.surnames else []
        row += ["after_title"] if any(text[:i].endswith(t) for t in words.titles) else []
        row += ["title_next"] if any(text.startswith(t, i + 1) for t in words.titles) else []
        rows.append(row)
    return rows


def test_tagger_features_on_the_seed_lines() -> None:
    lines = seed_lines()
    assert any(len(row) > 11 for line in lines for row in features(line))  # extras seen
    assert [features(line) for line in lines] == [reference_features(line) for line in lines]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_tagger_features_on_generated_text(text: str) -> None:
    assert features(text) == reference_features(text)


# the date expression without the lookahead that lets the scan skip characters
PLAIN_DATE = re.compile(DATE_EXPRESSION.pattern.split(")(?:", 1)[1][:-1])


def test_the_plain_date_expression_is_the_same_expression() -> None:
    assert DATE_EXPRESSION.pattern.startswith("(?=[")
    assert DATE_EXPRESSION.groupindex == PLAIN_DATE.groupindex


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_date_lookahead_skips_no_date(text: str) -> None:
    def found(pattern: re.Pattern[str]) -> list[tuple[tuple[int, int], dict]]:
        return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]

    assert found(DATE_EXPRESSION) == found(PLAIN_DATE)


def test_date_lookahead_on_the_seed_lines() -> None:
    for line in seed_lines():
        assert [m.span() for m in DATE_EXPRESSION.finditer(line)] == [
            m.span() for m in PLAIN_DATE.finditer(line)
        ]


_PLAIN_CLAUSE = re.compile("[^" + re.escape(_CLAUSE_BREAK) + r"\s\u3000]+")


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_listing_clauses_are_the_clauses_holding_a_list_mark(text: str) -> None:
    plain = [m.span() for m in _PLAIN_CLAUSE.finditer(text) if "、" in m.group()]
    assert [m.span() for m in _LISTING_CLAUSE.finditer(text)] == plain


def two_full_passes(context: SuggestContext) -> tuple:
    """OfficialRules as first written: every line read again with the names taught."""
    rules = NameRules(context.lexicons).with_known(_known_on_page(context))
    lines = context.prose
    first = [
        m for line in lines for m in find_in_line(line.text, rules) if m.rule in TEACHING_RULES
    ]
    rules = rules.with_known(m.name for m in first)
    return tuple(
        _in_text(line, mention, _score(mention.rule))
        for line in lines
        for mention in _without_overlaps(find_in_line(line.text, rules))
    )


def test_officials_second_pass_rereads_what_changes() -> None:
    lexicons = default_lexicons()
    # the seeds, and the seeds with their lines in reverse: a name taught by a later line
    articles = seed_articles()
    articles += [
        clean_page("\n".join(a.text.split("\n")[::-1]).encode(), "reversed.txt") for a in articles
    ]
    for article in articles:
        context = SuggestContext(article, lexicons, Gazetteer())
        found = OfficialRules().suggest(context, Kept())
        assert found.mentions == two_full_passes(context)


def test_classifier_features_without_cue_weights() -> None:
    """With `only` lacking cue kinds (the shipped model), the features are the full features
    cut to what the model weighs, as before."""
    lexicons = default_lexicons()
    classifier = EventClassifier.load(lexicons)
    assert classifier is not None
    weighted = classifier._weighted
    sentences = [s for line in seed_lines() for s in re.split("(?<=。)", line) if s]
    sentences += ["他希望明年再来参观。", "会议将于下周举行。"]
    for sentence in sentences:
        for only in (weighted, {**weighted, "cue": frozenset({"future", "hope"})}):
            everything = sentence_features(sentence, lexicons, "-")
            wanted = {f for f in everything if f.partition(":")[2] in only.get(f.split(":")[0], ())}
            assert _features(sentence, lexicons, "-", only) == wanted
    assert any("cue:hope" in sentence_features(s, lexicons, "-") for s in sentences)


def reference_title_chain_before(text: str, name_start: int, words: tuple[str, ...]) -> tuple:
    """title_chain_before as first written: every title word tested in turn."""
    lexicons = default_lexicons()
    pattern = _title_alternation(words, lexicons.title_body_suffixes)
    for word in words:
        if text.endswith(word, 0, name_start):
            match = pattern.match(text, name_start - len(word))
            if match is not None and match.end() == name_start:
                return tuple(_title_chain(text, match, pattern, lexicons))
    return ()


@settings(max_examples=300, deadline=None)
@given(TEXT.map(lambda t: "国务院副总理兼外交部长" + t + "自治区党委书记、省长"), st.data())
def test_title_chain_before_reads_as_every_word_tested(text: str, data: st.DataObject) -> None:
    words = official_title_words()
    start = data.draw(st.integers(0, len(text)))
    chain = title_chain_before(text, start, default_lexicons(), words)
    assert chain == reference_title_chain_before(text, start, words)


def test_title_chain_before_on_the_seed_lines() -> None:
    words = official_title_words()
    found = 0
    for line in seed_lines():
        for start in range(len(line) + 1):
            chain = title_chain_before(line, start, default_lexicons(), words)
            assert chain == reference_title_chain_before(line, start, words)
            found += bool(chain)
    assert found > 10


def reference_title_after(text: str, end: int) -> TitleMention | None:
    """_title_after as first written: every title word tested in turn, longest first."""
    words = official_title_words()
    bodies = default_lexicons().title_body_suffixes
    for word in words:
        if text.startswith(word, end) and not text.startswith(bodies, end + len(word)):
            return TitleMention(end, end + len(word), word, None)
    return None


@settings(max_examples=300, deadline=None)
@given(TEXT.map(lambda t: t + "省长书记总书记"), st.data())
def test_title_after_reads_as_every_word_tested(text: str, data: st.DataObject) -> None:
    lexicons = default_lexicons()
    words = title_words(lexicons.titles)
    for end in (len(text) - 1, len(text) - 2, data.draw(st.integers(0, len(text)))):
        found = _title_after(text, end, words, lexicons.title_body_suffixes)
        assert found == reference_title_after(text, end)


def test_title_after_on_the_seed_lines() -> None:
    lexicons = default_lexicons()
    words = title_words(lexicons.titles)
    found = 0
    for line in seed_lines():
        for end in range(len(line) + 1):
            after = _title_after(line, end, words, lexicons.title_body_suffixes)
            assert after == reference_title_after(line, end)
            found += after is not None
    assert found > 10


# the mojibake pattern as it was before its lookahead (cleaning/damage.py)
PLAIN_MOJIBAKE = re.compile(damage._MOJIBAKE.pattern.removeprefix(r"(?=[\u00c2-\u00ef])"))


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet="\u00c2\u00c3\u00df\u00e0\u00e4\u00ef\u00f0\u0080\u00a9\u00bf\u2014中a",
        max_size=30,
    )
)
def test_mojibake_lookahead_skips_no_match(text: str) -> None:
    assert PLAIN_MOJIBAKE.pattern != damage._MOJIBAKE.pattern
    assert [m.span() for m in damage._MOJIBAKE.finditer(text)] == [
        m.span() for m in PLAIN_MOJIBAKE.finditer(text)
    ]


def test_mojibake_lookahead_finds_utf8_read_as_latin1() -> None:
    text = "中" + "新疆日报".encode().decode("latin-1") + "文"
    found = [m.span() for m in damage._MOJIBAKE.finditer(text)]
    assert found == [m.span() for m in PLAIN_MOJIBAKE.finditer(text)]
    assert found == [(1, len(text) - 1)]


_TAG_PATH = st.lists(
    st.sampled_from(["html", "body", "div", "nav", "navbar", "footer", "aside", "header", "p",
                     "ul", "li", "nav-menu", "my_nav", "headers", "a.footer"]),
    max_size=8,
).map("/".join)  # fmt: skip


def _old_tag_holds(tag: str, tag_path: str) -> bool:
    return re.search(rf"(?:^|/){tag}\b", tag_path) is not None


@settings(max_examples=400)
@given(_TAG_PATH)
def test_each_tag_path_read_once_finds_the_tags_each_rule_found(tag_path: str) -> None:
    from annotator.suggest.boilerplate import _TAG_KINDS, _tags_in

    for tag, _ in _TAG_KINDS:
        assert (tag in _tags_in(tag_path)) == _old_tag_holds(tag, tag_path), (tag, tag_path)


def test_the_tag_paths_of_the_real_pages_give_the_tags_each_rule_found() -> None:
    from pathlib import Path

    from annotator.suggest.boilerplate import _TAG_KINDS, _tags_in

    pages = sorted((Path(__file__).parent / "data" / "real").glob("*.html"))
    paths = {b.tag_path.lower() for p in pages for b in clean_page(p.read_bytes(), p.name).blocks}
    assert len(paths) > 20
    for tag_path in paths:
        for tag, _ in _TAG_KINDS:
            assert (tag in _tags_in(tag_path)) == _old_tag_holds(tag, tag_path), (tag, tag_path)
