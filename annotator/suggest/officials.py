"""Find officials: names after a chain of titles, attendee lists, lists after 领导, 、-joined
lists of names, every later mention of a name found so (or known from the gazetteer), and a
surname + title (马书记) when one official alone has that surname. Reporters, photographers and
editors are never suggested: a name right after a credit word, or before 摄/报道, is dropped."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from annotator.suggest.lexicons import Lexicons, words_pattern
from annotator.suggest.names import NameRules, is_han, names_in_list
from annotator.suggest.strings import occurrences, occurrences_of_each
from annotator.suggest.taken import Taken

_CLAUSE_BREAK = '。,,;;::!?!?\n()()“”"「」【】[]'
# no organization's name holds these: a title phrase starts after them (and after the words of
# title_phrase_breaks.txt: 听取了|财政部部长)
_TITLE_BOUNDARY = frozenset(_CLAUSE_BREAK + "、丨| \u3000\t")
_LIST_SEPARATOR = re.compile(r"[、\s\u3000]+")
_NOT_IN_CLAUSE = re.escape(_CLAUSE_BREAK) + r"\s\u3000"
# a clause (a longest run of characters that are none of those) that holds a 、: tried only
# at a clause's start (the lookbehind), so each clause is read once, and the many clauses
# without a list are passed over in C, not looked at one by one
_LISTING_CLAUSE = re.compile(f"(?<![^{_NOT_IN_CLAUSE}])[^{_NOT_IN_CLAUSE}]*、[^{_NOT_IN_CLAUSE}]*")
_CLAUSE_BREAK_CHARACTER = re.compile("[" + re.escape(_CLAUSE_BREAK) + "]")
# a longer stretch before 出席/参加 without a clause break is a sentence going on, not a list
MAX_ATTENDEE_CLAUSE = 300
MAX_TITLE_LENGTH = 24
_SPACE_RUN = re.compile(r"\s*")  # what str.lstrip() removes
# what the regex `[\s((::]` matched: every character str.isspace() holds, brackets, colons
_CREDIT_GAP = "(（:：" + "".join(c for c in map(chr, range(0x3001)) if c.isspace())


@dataclass(frozen=True, slots=True)
class TitleMention:
    start: int
    end: int
    text: str
    organization: str | None


@dataclass(frozen=True, slots=True)
class NameMention:
    start: int
    end: int
    name: str
    rule: str
    titles: tuple[TitleMention, ...] = ()
    score: float | None = None  # a model's probability of the name; None: a rule's find


@functools.lru_cache(maxsize=8)  # built once per lexicon, not once per line
def _title_alternation(titles: tuple[str, ...], bodies: tuple[str, ...]) -> re.Pattern[str]:
    # 常委会, 主任会议: a title word glued to one of `bodies` names a body, not a person's title
    return re.compile(_alternation(titles) + (f"(?!{_alternation(bodies)})" if bodies else ""))


def _alternation(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"


def title_phrase_start(text: str, end_of_word: int, word_start: int, lexicons: Lexicons) -> int:
    """Where the title phrase (organization + title word) ending at `end_of_word` begins: a
    walk back from the title word over its organization, to the clause boundary."""
    breaks = lexicons.title_phrase_breaks
    position = word_start
    while position > 0 and end_of_word - position < MAX_TITLE_LENGTH:
        previous = text[position - 1]
        if (
            previous in _TITLE_BOUNDARY
            or previous in breaks
            or not (is_han(previous) or previous in "·")
        ):
            break
        position -= 1
    return position


def _title_chain(
    text: str, word_match: re.Match[str], pattern: re.Pattern[str], lexicons: Lexicons
) -> list[TitleMention]:
    """Titles in order, from the one just before the name back over 、-joined predecessors."""
    chain: list[TitleMention] = []
    match: re.Match[str] | None = word_match
    while match is not None:
        start = title_phrase_start(text, match.end(), match.start(), lexicons)
        phrase = text[start : match.end()]
        organization = phrase[: len(phrase) - len(match.group())] or None
        chain.append(TitleMention(start, match.end(), phrase, organization))
        match = None
        if start > 0 and text[start - 1] == "、":
            for word in lexicons.titles:  # endswith within the text: no copy of all before it
                if text.endswith(word, 0, start - 1):
                    match = pattern.match(text, start - 1 - len(word))
                    break
    return chain[::-1]


def is_credit(text: str, start: int, end: int, *, lexicons: Lexicons) -> bool:
    """Whether text[start:end] is a reporter's or photographer's credit (记者王兴瑞, …摄)."""
    # the spaces, brackets and colons between a credit word and the name (记者 王兴瑞, 摄影:)
    before = text[max(0, start - 6) : start].rstrip(_CREDIT_GAP)
    if before.endswith(lexicons.credits):  # one call for the tuple, not one per word
        return True
    # past the white space after the name, without copying the rest of the line per mention
    return text.startswith(lexicons.credits_after, _SPACE_RUN.match(text, end).end())


def find_in_line(text: str, rules: NameRules) -> list[NameMention]:
    """Mentions found by the title, leader-list and attendee rules in one line of text."""
    lexicons = rules.lexicons
    pattern = _title_alternation(lexicons.titles, lexicons.title_body_suffixes)
    mentions: list[NameMention] = []
    for match in pattern.finditer(text):
        name = rules.name_at(text, match.end())
        if name is None:
            continue
        titles = tuple(_title_chain(text, match, pattern, lexicons))
        end = match.end() + len(name)
        mentions.append(NameMention(match.end(), end, name, "title-chain", titles))
    for match in words_pattern(lexicons.leader_words).finditer(text):
        position = match.end()
        while True:
            name = rules.name_at(text, position)
            if name is None:
                break
            mentions.append(NameMention(position, position + len(name), name, "leader-list"))
            position += len(name)
            if position >= len(text) or text[position] != "、":
                break
            position += 1
    breaks: list[int] | None = None
    for match in words_pattern(lexicons.attendee_verbs).finditer(text):
        if breaks is None:  # once per line: walking back from every verb was quadratic
            breaks = [m.start() for m in _CLAUSE_BREAK_CHARACTER.finditer(text)]
        mentions.extend(_attendees(text, match.start(), rules, breaks))
    mentions.extend(_enumeration(text, rules))
    return [m for m in mentions if not is_credit(text, m.start, m.end, lexicons=lexicons)]


def _enumeration(text: str, rules: NameRules) -> list[NameMention]:
    """陈伟俊、薛斌分别介绍…: a clause opening with names joined by 、, trusted when one member is
    already known or a word like 分别/等/参加 follows the last. The first member may close a
    longer phrase (副省长刘海燕、陈建东) when it is a known name."""
    mentions: list[NameMention] = []
    if "、" not in text:  # most lines: no list at all
        return mentions
    for clause in _LISTING_CLAUSE.finditer(text):
        parts = clause.group().split("、")
        first = parts[0] if rules.is_name(parts[0]) else rules.known_suffix(parts[0])
        if first is None:
            continue
        last = rules.name_at(parts[-1], 0)
        if last is None:
            continue
        names = [first, *parts[1:-1], last]
        endings = rules.lexicons.not_name_endings
        if not all(rules.is_name(n) and n[-1] not in endings for n in names):
            continue
        closed = parts[-1][len(last) :].startswith(rules.lexicons.enumeration_ends)
        if not closed and not any(n in rules.known_set for n in names):
            continue
        position = clause.start() + len(parts[0]) - len(first)
        for name in names:
            mentions.append(NameMention(position, position + len(name), name, "enumeration"))
            position += len(name) + 1
    return mentions


def sole_surname_owners(names: Iterable[str], lexicons: Lexicons) -> dict[str, str]:
    """Surname -> the one official of that surname (马 -> 马兴瑞); a surname two officials
    share is ambiguous and left out, as is one that is not a Han character."""
    by_surname: dict[str, list[str]] = {}
    for name in sorted(set(names)):  # sorted: the same spans in the same order every run
        surname = name[:2] if name[:2] in lexicons.surnames and len(name) > 3 else name[:1]
        by_surname.setdefault(surname, []).append(name)
    return {
        surname: owners[0]
        for surname, owners in by_surname.items()
        if len(owners) == 1 and is_han(surname[0])
    }


def surname_title_mentions(
    text: str, owners: Mapping[str, str], taken: Taken, lexicons: Lexicons
) -> list[NameMention]:
    """马书记, 周省长: a surname and a title word, linked to the sole official of that surname
    (see sole_surname_owners); not a surname glued to a Han character before it (四川省长 is
    no one's surname)."""
    mentions: list[NameMention] = []
    for surname, owner in owners.items():
        if surname not in text:
            continue
        for match in _surname_title(
            surname, lexicons.titles, lexicons.title_body_suffixes
        ).finditer(text):
            start, end = match.span()
            if (start > 0 and is_han(text[start - 1])) or taken.overlaps(start, end):
                continue
            taken.add(start, end)
            mentions.append(NameMention(start, end, owner, "surname-title"))
    return mentions


def sole_title_holders(
    titles_by_person: Mapping[str, tuple[str, ...]], lexicons: Lexicons
) -> dict[str, str]:
    """Title word -> the one official whose title ends in it (省长 -> 周立新); a word two
    officials' titles end in is ambiguous and left out."""
    holders: dict[str, set[str]] = {}
    for name, titles in titles_by_person.items():
        for title in titles:
            word = next((w for w in lexicons.titles if title.endswith(w)), None)
            if word is not None:
                holders.setdefault(word, set()).add(name)
    return {word: next(iter(names)) for word, names in holders.items() if len(names) == 1}


def title_only_mentions(
    text: str, holders: Mapping[str, str], taken: Taken, lexicons: Lexicons
) -> list[NameMention]:
    """省长强调,… after 省委副书记、省长周立新: a bare title word that opens a clause and is
    followed by what a person says or does (title_only_after.txt) is a mention of its sole
    holder."""
    mentions: list[NameMention] = []
    for word, name in holders.items():
        for start in occurrences(word, text):
            end = start + len(word)
            opens_clause = start == 0 or text[start - 1] in _CLAUSE_BREAK or text[start - 1] == " "
            if not opens_clause or not text.startswith(lexicons.title_only_after, end):
                continue
            if taken.overlaps(start, end):
                continue
            taken.add(start, end)
            mentions.append(NameMention(start, end, name, "title-only"))
    return mentions


@functools.lru_cache(maxsize=4096)  # one pattern per surname, not one per surname and line
def _surname_title(
    surname: str, titles: tuple[str, ...], bodies: tuple[str, ...]
) -> re.Pattern[str]:
    return re.compile(re.escape(surname) + _title_alternation(titles, bodies).pattern)


def _attendees(
    text: str, verb_start: int, rules: NameRules, breaks: Sequence[int]
) -> list[NameMention]:
    """The names listed before an attendance verb, back to the clause break; `breaks` are the
    positions of the line's clause breaks, in order."""
    before = bisect.bisect_left(breaks, verb_start)
    clause_start = breaks[before - 1] + 1 if before else 0
    if verb_start - clause_start > MAX_ATTENDEE_CLAUSE:
        return []
    clause = text[clause_start:verb_start]
    # 雷洁琼、王光英、万国权等出席: the word closing the list is no part of its last name
    closing = next((w for w in rules.lexicons.enumeration_ends if clause.endswith(w)), "")
    names = names_in_list(rules, _LIST_SEPARATOR.split(clause[: len(clause) - len(closing)]))
    if not names:
        return []
    mentions: list[NameMention] = []
    position = clause_start
    for name in names:
        start = text.find(name, position, verb_start)
        if start < 0:
            return []
        mentions.append(NameMention(start, start + len(name), name, "attendee-list"))
        position = start + len(name)
    return mentions


def link_known(
    text: str, names: Sequence[str], taken: Taken, lexicons: Lexicons
) -> list[NameMention]:
    """Every other occurrence of a name already found, outside spans already taken. `names`
    come longest first (NameRules.known), so 马兴瑞 is claimed before a shorter name inside it."""
    mentions: list[NameMention] = []
    for name, starts in occurrences_of_each(names, text):
        for start in starts:
            end = start + len(name)
            if taken.overlaps(start, end):
                continue
            if is_credit(text, start, end, lexicons=lexicons) or _inside_longer_name(
                text, start, end
            ):
                continue
            taken.add(start, end)
            mentions.append(NameMention(start, end, name, "known-name"))
    return mentions


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """张柱 inside 张柱子, 马兴瑞 in 司马兴瑞: a Han character glued on both sides is suspicious
    only when it joins with a middle dot; otherwise Chinese text runs words together freely."""
    return (start > 0 and text[start - 1] == "·") or (end < len(text) and text[end] == "·")


def titles_by_name(mentions: Iterable[NameMention]) -> Mapping[str, tuple[str, ...]]:
    result: dict[str, list[str]] = {}
    for mention in mentions:
        titles = result.setdefault(mention.name, [])
        for title in mention.titles:
            if title.text not in titles:
                titles.append(title.text)
    return {name: tuple(titles) for name, titles in result.items()}


def title_chain_before(
    text: str, name_start: int, lexicons: Lexicons, words: tuple[str, ...]
) -> tuple[TitleMention, ...]:
    """The title chain that ends right before `name_start` (国务院副总理兼外交部长|钱其琛), read
    as the title rule reads it; `words` (longest first) may hold more titles than the lexicon."""
    pattern = _title_alternation(words, lexicons.title_body_suffixes)
    known, lengths = by_length(words)
    for length in lengths:  # one word at most of each length ends there: the longest first
        if length <= name_start and text[name_start - length : name_start] in known:
            match = pattern.match(text, name_start - length)
            if match is not None and match.end() == name_start:
                return tuple(_title_chain(text, match, pattern, lexicons))
    return ()


@functools.lru_cache(maxsize=8)
def by_length(words: tuple[str, ...]) -> tuple[frozenset[str], tuple[int, ...]]:
    """`words` as a set, and their lengths longest first: which word ends (or starts) at a
    position is one lookup per length, not a test of every word (a hundred, per name the
    tagger finds)."""
    return frozenset(words), tuple(sorted({len(word) for word in words}, reverse=True))
