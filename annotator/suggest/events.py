"""Events: a trigger word typed by the schema, its sentence as evidence, the date and place said
in that sentence, and the officials named in the sentence (else in the paragraph).

Not every trigger is an event: a headline restates the story, reported speech (他说,…) talks
about plans and the past. An event is suggested only when its sentence reports that it happened
or is happening; the cues that say otherwise are in resources/lexicons/event_modality.txt
(future 将于, hope 希望, habit 每年, a rule for all 各级…要, a condolence message 致电…慰问,
negation 没有, and references back 会议精神, 座谈会上). A trigger inside a title 《…》, or a
noun phrase 对…的考察, names no event either.
A weak trigger (举行, 出席, 仪式: event_weak_triggers.txt) counts only when no other trigger does.
Which sentences tell one event: `event_merge`."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from typing import NamedTuple

from annotator.cleaning.chars import HAN
from annotator.suggest.dates import DateContext, DateMention, find_dates
from annotator.suggest.event_classifier import ADD, NO_TRIGGER, VETO, EventClassifier
from annotator.suggest.lexicons import Lexicons, contains_any

CLASSIFIED = "classifier"  # the trigger of an event only the classifier found
# a lexicon writes "," for either comma: each ASCII mark also stands for its full-width form
_WIDE = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}


def _marks(ascii_marks: str) -> str:
    """ASCII punctuation and its full-width forms (,;: and ，；：), as news writes either."""
    return ascii_marks + ascii_marks.translate(_WIDE)


_ENDS = "。" + _marks("!?")  # what ends a report's sentence
_SENTENCE = re.compile(f"[^{_ENDS}{_marks(';')}]+[{_ENDS}{_marks(';')}]?")
# the marks after a place that end it (来到…村,), a comma, and the marks a citation does not cross
_PUNCT = f"[{_marks(',;')}。、]"
_COMMA = f"[{_marks(',')}]"
_STOPS = _marks(",;:!?") + "。"
_QUOTE_OPEN = re.compile(r"[“「『]")
_QUOTE_CLOSE = re.compile(r"[”」』]")
_BLANK = "\u3000"  # stands in for quoted words: no trigger, cue or clause mark
_IN_THE_TALK = re.compile(r"[上中下里内后前时](?:同|与|和|向)")
_CLAUSE_BREAK = re.compile(f"[{_marks(',;:')}、]")
_TITLE = re.compile(r"《[^》]*》")
# 对北京人跳舞之风的考察: 对…的 makes the trigger a noun (a topic, a title), unless a light
# verb carries it as an act (对埃及进行为期三天的访问)
_NOMINAL = re.compile(f"对[^{_marks(',;:')}。]*的$")
_NOMINAL_REACH = 30  # characters looked back for 对…的
# 在疆期间, 在滨期间: a paragraph that sums up the stay somewhere the story told
_STAY_RECAP = re.compile(rf"在[{HAN}]{{1,8}}期间")
_NAME_RUN = re.compile(rf"[{HAN}·]+$")
_NAME_REACH = 40  # characters looked back for it


class _Words(NamedTuple):
    """The lexicons the grammar is built from, each field named after its file
    (event_activities.txt …), as `_grammar` reads them by those names."""

    event_activities: tuple[str, ...]
    event_place_stops: tuple[str, ...]
    event_time_words: tuple[str, ...]
    event_met_at: tuple[str, ...]
    event_done_at: tuple[str, ...]
    event_movement_verbs: tuple[str, ...]
    event_done_there: tuple[str, ...]
    event_trip_purposes: tuple[str, ...]
    event_come_purposes: tuple[str, ...]
    event_visit_verbs: tuple[str, ...]
    event_venue_ends: tuple[str, ...]
    event_venue_then: tuple[str, ...]
    event_light_verbs: tuple[str, ...]
    event_reference_verbs: tuple[str, ...]
    event_reference_objects: tuple[str, ...]
    event_cited_leaders: tuple[str, ...]
    event_triggers: tuple[tuple[str, str], ...]
    event_weak_triggers: tuple[tuple[str, str], ...]
    event_modality: tuple[tuple[str, str], ...]
    speech_verbs: tuple[str, ...]


_GRAMMAR_STEMS = _Words._fields  # the lexicons the event rules read


@dataclass(frozen=True, slots=True)
class _Grammar:
    """The patterns that find an event's place, a noun made an act by a light verb, and a
    leader cited, built from the words of their lexicons (event_activities.txt …); the
    localisers (上, 中, 后 …) and function words around them are grammar and stay here. With
    them the triggers, cues and speech verbs, so a sentence asks for them by the lexicons
    object, not by hashing the lists of words again (a cache keyed on a tuple hashes it
    whole on every call)."""

    places: tuple[re.Pattern[str], ...]
    time_word: re.Pattern[str]
    light_verb: re.Pattern[str]
    reference: re.Pattern[str]
    triggers: _Triggers
    weak_triggers: _Triggers
    cues: _Cues
    speech: re.Pattern[str]


@functools.lru_cache(maxsize=8)
def _grammar(lexicons: Lexicons) -> _Grammar:
    """The patterns of `lexicons` (Lexicons keeps its hash, so the lookup costs no rehash of
    the twenty lists; reading them cost more than a paragraph's search)."""
    return _built(_Words(*(lexicons.entries(stem) for stem in _GRAMMAR_STEMS)))


def _any(words: Iterable[str]) -> str:
    """An alternation of `words` in file order; one that matches nothing when there are none."""
    return "|".join(map(re.escape, words)) or "(?!)"


def _ends(words: Iterable[str]) -> str:
    """A lookbehind for any of `words`: one per length, as `re` wants them fixed-width."""
    by_length: dict[int, list[str]] = {}
    for word in words:
        by_length.setdefault(len(word), []).append(word)
    return "|".join(f"(?<={_any(group)})" for group in by_length.values()) or "(?!)"


@functools.lru_cache(maxsize=8)
def _built(words: _Words) -> _Grammar:
    # a place is a run of Han characters that holds no activity or verb of work (来疆考察交流 ->
    # no place)
    activities = _any(words.event_activities)
    place = rf"((?:(?!{activities}|{_any(words.event_place_stops)})[{HAN}]){{2,MAX}}?)"

    def upto(maximum: int) -> str:
        return place.replace("MAX", str(maximum))

    places = (
        # 在人民大会堂同…举行会谈, 在北京会晤…: the venue or city, then whom they met (before
        # the next pattern: 在日内瓦同瑞方外长举行会谈 is in 日内瓦); not 在会上, 在讲话中,
        # 在此期间 (a when or a where in the talk, not a place)
        rf"在{upto(12)}(?<![上中下里内后前时间])(?={_any(words.event_met_at)})",
        # 在成都召开, 在柳林乡主持召开, 在高雄市政府主持, 在新疆对接…工作: where it happens
        rf"在{upto(12)}(?:{activities}|{_any(words.event_done_at)})",
        # 来到于田县…村, 前往旗山区, 南下高雄: where the visitors went
        rf"(?:{_any(words.event_movement_verbs)}){upto(20)}"
        rf"(?=PUNCT|{activities}|{_any(words.event_done_there)})",
        rf"赴{upto(8)}(?:{_any(words.event_trip_purposes)})",
        # 参观自治区博物馆, 走访…服务中心: a visit names its venue by the kind of place it is
        # (来到 takes no 了)
        rf"(?:(?:{_any(words.event_visit_verbs)})了?|来到){upto(20)}"
        rf"(?:{_ends(words.event_venue_ends)})(?=PUNCT|$|{_any(words.event_venue_then)})",
        rf"来{upto(4)}(?:{_any(words.event_come_purposes)})",
        rf"在([{HAN}]{{2,4}})(?<!期间)(?<![时中上后前里])(?=COMMA)",
    )
    return _Grammar(
        tuple(re.compile(p.replace("PUNCT", _PUNCT).replace("COMMA", _COMMA)) for p in places),
        re.compile(_any(words.event_time_words)),
        re.compile(_any(words.event_light_verbs)),
        re.compile(
            rf"(?:{_any(words.event_reference_verbs)})[^{_STOPS}]{{0,24}}?"
            rf"(?:{_any(words.event_reference_objects)})"
            rf"|[^{_STOPS}、]{{2,8}}?(?:{_any(words.event_cited_leaders)})"
            r"(?:和党中央)?(?:关于|的?重要|的?嘱托|赋予)"
        ),
        _triggers(words.event_triggers),
        _triggers(words.event_weak_triggers),
        _cues(words.event_modality),
        _speech(words.speech_verbs),
    )


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class EventMention:
    type: str
    trigger: str
    sentence_start: int
    sentence_end: int
    sentence: str
    date: DateMention | None
    place: PlaceMention | None
    # sentences told of the same event and merged into this one (merge_events): (paragraph,
    # start, end), where its participants are looked for when its own sentence names none
    joined: tuple[tuple[int, int, int], ...] = ()
    # the run of Han characters that ends with the trigger (第九次全国对口支援新疆工作会议)
    name: str = ""
    # in a paragraph that sums up a stay (在疆期间…): its first event sentence tells the stay
    # itself (`recap`), the later ones what was done during it (`summed`)
    recap: bool = False
    summed: bool = False
    vague: bool = False  # its sentence says 近日, 日前…: on some day it does not fix
    # the sentence it was found in, when its evidence is another one (the recap of a stay is
    # told by the sentence that first stated the stay, perhaps paragraphs before)
    found_at: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Stay:
    """The span of days a story told and where (9月2日至4日,代表团在新疆…): what a later
    在疆期间 sums up."""

    date: DateMention
    place: PlaceMention | None
    start: int  # its sentence: the first that states the stay, the evidence of its event
    end: int
    sentence: str


@dataclass(frozen=True, slots=True)
class StoryContext(DateContext):
    """The date context of `find_dates` and the last stay the story told; `find_dates` keeps
    the subclass (it derives contexts with `dataclasses.replace`)."""

    stay: Stay | None = None

    @classmethod
    def of(cls, context: DateContext) -> StoryContext:
        if isinstance(context, StoryContext):
            return context
        return cls(**{f.name: getattr(context, f.name) for f in fields(context)})


def sentences(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    result = []
    for match in _SENTENCE.finditer(text):
        stripped = match.group().strip()
        if stripped:
            start = match.start() + match.group().index(stripped)
            result.append((start + offset, start + offset + len(stripped), stripped))
    return result


def find_place(sentence: str, offset: int, lexicons: Lexicons) -> PlaceMention | None:
    """The place `sentence` names as where its event happens, or None."""
    return _place_in(sentence, offset, _grammar(lexicons))


def _place_in(sentence: str, offset: int, grammar: _Grammar) -> PlaceMention | None:
    for pattern in grammar.places:
        for match in pattern.finditer(sentence):
            # 在前不久召开的…: a when, not a where; 在会上同代表们座谈: a where in the talk, then whom
            when = grammar.time_word.search(match.group(1))
            if not when and not _IN_THE_TALK.search(match.group(1)):
                return PlaceMention(match.start(1) + offset, match.end(1) + offset, match.group(1))
    return None


def find_events(
    text: str,
    offset: int,
    context: DateContext,
    lexicons: Lexicons,
    *,
    classifier: EventClassifier | None = None,
) -> tuple[list[EventMention], list[DateMention], DateContext]:
    """Events and dates of one paragraph, reading dates against (and updating) `context`.
    With `classifier`, its confident verdicts overrule the triggers (see event_classifier)."""
    events: list[EventMention] = []
    all_dates: list[DateMention] = []
    previous_date: DateMention | None = None
    story = StoryContext.of(context)
    if not any(c in text for c in _ENDS):  # a headline, not a report; or a dateline alone
        dates, after = find_dates(text, story, offset)
        return [], dates, replace(story, today=after.today, year=after.year)
    speech = _Speech()
    grammar = _grammar(lexicons)
    sums_up = "期间" in text  # once per paragraph, not once per sentence of a long one
    stay = story.stay if _STAY_RECAP.search(text) else None
    for start, end, sentence in sentences(text, offset):
        dates, after = find_dates(sentence, story, start)
        story = StoryContext.of(after)
        all_dates.extend(dates)
        # 近日, 日前: a time that fixes no day, so not the day the story last named either
        vague = not dates and contains_any(sentence, lexicons.event_vague_times)
        date = None if vague else dates[0] if dates else previous_date
        previous_date = date
        if date is None and story.last is not None and not sums_up and not vague:
            # a report goes on with the day it last named (随后, 当晚…); "在疆期间" sums up
            # the whole visit instead, on no one day
            date = DateMention(start, start, "", story.last, None)
        told, speech = _told(sentence, speech, grammar.speech)
        types = _types_in(told, grammar)
        if classifier is not None and told:
            types = _judged(types, told, classifier, lexicons)
        if stay_told := next((d for d in dates if d.end_date), None):
            told_stay = Stay(stay_told, _place_in(sentence, start, grammar), start, end, sentence)
            story = replace(story, stay=told_stay)
        if not types:
            continue
        if stay_told and story.stay:
            in_sentence = story.stay.place
        else:
            in_sentence = _place_in(sentence, start, grammar)
        recap = sums_up and not events
        stay_types = {e.type for e in events if e.recap}
        if stay_types & {t for t, _trigger, _position in types}:
            # a stop of the stay (深入…村,参观纪念馆,考察…,看望群众): the stay, not new events
            types = [t for t in types if t[0] in stay_types]
        for event_type, trigger, position in types:
            # the place said in the trigger's own clause (赴四川省学习考察,两省区在成都举行座谈会:
            # the 考察 is in 四川省), else the first the sentence names
            place = _clause_place(sentence, start, position, grammar) or in_sentence
            mention = EventMention(
                event_type,
                trigger,
                start,
                end,
                sentence,
                date,
                place,
                name=_name(told, position, trigger),
                recap=recap,
                summed=sums_up and not recap,
                vague=vague,
            )
            if recap and stay is not None:
                mention = _the_stay(mention, stay)
            events.append(mention)
    return events, all_dates, story


def _the_stay(recap: EventMention, stay: Stay) -> EventMention:
    """The recap of a stay (在疆期间,代表团先后…考察) as the event of the stay itself: told by
    the sentence that first stated it, on its span of days, where it was."""
    return replace(
        recap,
        sentence_start=stay.start,
        sentence_end=stay.end,
        sentence=stay.sentence,
        date=stay.date,
        place=stay.place or recap.place,
        found_at=(recap.sentence_start, recap.sentence_end),
    )


def _name(told: str, position: int, trigger: str) -> str:
    """The run of Han characters that ends with the trigger, looked back a bounded stretch."""
    if trigger == CLASSIFIED:
        return ""
    end = position + len(trigger)
    run = _NAME_RUN.search(told, max(0, end - _NAME_REACH), end)
    return run.group() if run else ""


def _judged(
    types: list[tuple[str, str, int]], told: str, classifier: EventClassifier, lexicons: Lexicons
) -> list[tuple[str, str, int]]:
    """The triggers' events unless the classifier is sure the sentence tells none; in a
    sentence that holds no trigger word at all, the type the classifier is sure of (its trigger:
    CLASSIFIED). A trigger the cues void (希望…看望, 《…考察》) stays void: the cues, not the
    model, say what did not happen."""
    if types:
        rules = types[0][0]
    elif has_trigger(told, lexicons):
        return []  # VOID: the cues decide
    else:
        rules = NO_TRIGGER
    verdict = classifier.classify(told, rules)
    if types and verdict.none >= VETO:
        return []
    event_type, probability = verdict.best_type()
    if event_type is None or probability < ADD or event_type == rules:
        return types
    if types:  # people type it otherwise: the first event takes their type
        return [(event_type, *types[0][1:]), *(t for t in types[1:] if t[0] != event_type)]
    return [(event_type, CLASSIFIED, 0)]


def references(text: str, offset: int = 0, *, lexicons: Lexicons) -> tuple[tuple[int, int], ...]:
    """Stretches of `text` that cite a leader's words (贯彻落实习近平总书记关于…的重要论述,
    学习…重要讲话精神): the officials named there are no participants of the sentence's event."""
    cited = _grammar(lexicons).reference.finditer(text)
    return tuple((m.start() + offset, m.end() + offset) for m in cited)


def has_trigger(sentence: str, lexicons: Lexicons) -> bool:
    """Whether any trigger word, weak ones included, occurs in `sentence`."""
    grammar = _grammar(lexicons)
    return any(
        triggers.pattern.search(sentence) is not None
        for triggers in (grammar.triggers, grammar.weak_triggers)
    )


def _clause_place(
    sentence: str, offset: int, position: int, grammar: _Grammar
) -> PlaceMention | None:
    clause_start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, position)), default=0)
    clause_end = _CLAUSE_BREAK.search(sentence, position)
    stop = clause_end.end() if clause_end else len(sentence)  # its mark: patterns look for it
    return _place_in(sentence[clause_start:stop], offset + clause_start, grammar)


def _types_in(sentence: str, grammar: _Grammar) -> list[tuple[str, str, int]]:
    """One (type, trigger, position) per event type the sentence reports, in the order the types first
    appear: its triggers, else its weak triggers (其他 only when nothing better)."""
    text = sentence
    strong, weak = grammar.triggers, grammar.weak_triggers
    if strong.pattern.search(text) is None and weak.pattern.search(text) is None:
        return []
    unreported = _Unreported.of(text, grammar.cues, grammar.light_verb)
    found = strong.first_of_each_type(text, unreported)
    if not found:
        found = weak.first_of_each_type(text, unreported)
        if len(found) > 1:
            found.pop("其他", None)
    ordered = sorted(found.items(), key=lambda item: item[1][0])
    return [(event_type, trigger, position) for event_type, (position, trigger) in ordered]


@dataclass(frozen=True, slots=True)
class _Speech:
    """Whether the sentences read so far of a paragraph are someone's words: after 说, / 表示,
    until the paragraph ends, the closing quote of a quoted speech, or a sentence that names
    the speaker again (罗文涛表示,…。唐振宇与罗文涛签署…: the report goes on)."""

    speaking: bool = False
    speaker: str = ""
    quoted: bool = False


def _told(sentence: str, speech: _Speech, verbs: re.Pattern[str]) -> tuple[str, _Speech]:
    """What `sentence` reports, not what it quotes (spoken stretches blanked, so positions
    stay those of the sentence), and the speech state after it."""
    told = sentence
    if speech.speaking:
        close = _QUOTE_CLOSE.search(sentence) if speech.quoted else None
        if close is not None:
            told, speech = _BLANK * close.end() + sentence[close.end() :], _Speech()
        elif len(speech.speaker) > 1 and speech.speaker in sentence:
            speech = _Speech()
        else:
            return "", speech
    said = verbs.search(told)
    if said is None:
        return told, speech
    before = told[: said.start()]
    if _QUOTE_OPEN.match(told, said.end()):
        close = _QUOTE_CLOSE.search(told, said.end())
        if close is not None:  # 他说:“…”,随后…: the report goes on after the quote
            rest = told[close.end() :]
            return before + _BLANK * (close.end() - said.start()) + rest, _Speech()
        return before, _Speech(True, quoted=True)
    speaker = before[max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0) :]
    return before, _Speech(True, speaker)


def _speech(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """A verb of speech and its comma or colon (说:, 强调,): what follows is what was said."""
    return re.compile(rf"(?:{_any(verbs)})[{_marks(',:')}]")


def _wide_forms(words: Iterable[str]) -> set[str]:
    return {form for word in words for form in (word, word.translate(_WIDE))}


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    """One scan for many words, the longest first where they share a start (国事访问, 访问)."""
    ordered = sorted(_wide_forms(words), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered)) if ordered else r"(?!)")


@dataclass(frozen=True, slots=True)
class _Triggers:
    pattern: re.Pattern[str]
    types: dict[str, str]  # trigger -> event type

    def first_of_each_type(self, text: str, unreported: _Unreported) -> dict[str, tuple[int, str]]:
        found: dict[str, tuple[int, str]] = {}
        for match in self.pattern.finditer(text):
            event_type = self.types[match.group()]
            if event_type not in found and not unreported.covers(match.start(), match.end()):
                found[event_type] = (match.start(), match.group())
        return found


def _triggers(pairs: tuple[tuple[str, str], ...]) -> _Triggers:
    types: dict[str, str] = {}
    for trigger, event_type in pairs:
        for form in _wide_forms((trigger,)):
            types.setdefault(form, event_type)  # the first line of a trigger wins
    return _Triggers(_alternation(types), types)


@dataclass(frozen=True, slots=True)
class _Cues:
    until_end: re.Pattern[str]  # future, hope, habitual, generic, condolence
    negated: re.Pattern[str]
    references: tuple[str, ...]


def _cues(pairs: tuple[tuple[str, str], ...]) -> _Cues:
    def of(kinds: Collection[str]) -> list[str]:
        return [cue for cue, kind in pairs if kind in kinds]

    return _Cues(
        _alternation(c for c, k in pairs if k not in ("negated", "reference")),
        _alternation(of({"negated"})),
        tuple(_wide_forms(of({"reference"}))),
    )


@dataclass(frozen=True, slots=True)
class _Unreported:
    """Where in a sentence a trigger reports no event: from the first future/hope/
    habit/rule/condolence cue to the end, the clauses holding a negation, book titles, a trigger
    followed by a reference cue (会议精神), a noun phrase 对…的考察. One scan per cue kind and
    lookups by bisection: a huge sentence of a broken page stays linear."""

    text: str
    void_from: int
    negated_clauses: frozenset[int]  # indices into clause_starts
    clause_starts: tuple[int, ...]
    titles: tuple[tuple[int, int], ...]  # sorted, not overlapping
    references: tuple[str, ...]
    light_verb: re.Pattern[str]

    @classmethod
    def of(cls, text: str, cues: _Cues, light_verb: re.Pattern[str]) -> _Unreported:
        clause_starts = (0, *(m.end() for m in _CLAUSE_BREAK.finditer(text)))
        first = cues.until_end.search(text)
        negated = frozenset(_index(clause_starts, m.start()) for m in cues.negated.finditer(text))
        return cls(
            text,
            first.start() if first else len(text),
            negated,
            clause_starts,
            tuple(m.span() for m in _TITLE.finditer(text)),
            cues.references,
            light_verb,
        )

    def covers(self, start: int, end: int) -> bool:
        title = bisect.bisect_right(self.titles, (start, len(self.text))) - 1
        return (
            start >= self.void_from
            or _index(self.clause_starts, start) in self.negated_clauses
            or (title >= 0 and self.titles[title][0] <= start < self.titles[title][1])
            or self.text.startswith(self.references, end)
            or _nominal(self.text, start, self.light_verb)
        )


def _index(starts: Sequence[int], position: int) -> int:
    return bisect.bisect_right(starts, position) - 1


def _nominal(text: str, position: int, light_verb: re.Pattern[str]) -> bool:
    nominal = _NOMINAL.search(text, max(0, position - _NOMINAL_REACH), position)
    return nominal is not None and not light_verb.search(nominal.group())
