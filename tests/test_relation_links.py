"""Relations in the data model: officials link the TITLE and ORG spans naming their posts,
events the PLACE, DATE and OFFICIAL spans of their parts (span ids of their own set)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, replace

import pytest

from annotator.formats.label_merge import merged
from annotator.formats.record import from_record, to_record
from annotator.formats.validate import check_record
from annotator.model import (
    LINK_LABELS,
    AnnotationSet,
    Article,
    Event,
    Official,
    OfficialDraft,
    Span,
)
from annotator.review.record_disagreements import (
    describe,
    fingerprint,
    official_draft,
    set_drafts,
    substance,
)
from annotator.services.span_links import NoLink, change_link
from annotator.store import Store
from annotator.store.errors import SpanRejected
from annotator.store.validation import content_problems

TEXT = "9月2日，自治区党委书记马兴瑞在乌鲁木齐会见了新疆政府省长楼阳生。"
ARTICLE = "rel0000000000001"


def at(word: str, label: str, span_id: int | None = None) -> Span:
    start = TEXT.index(word)
    return Span("", "", label, start, start + len(word), word, id=span_id)


@pytest.fixture
def store():
    with Store.open(memory=True) as opened:
        opened.add_articles([Article.plain(ARTICLE, TEXT)])
        yield opened


def draft_set(annotator: str = "alice") -> AnnotationSet:
    """A draft: 马兴瑞 linked to his title and organization, a meeting linked to its parts."""
    spans = (
        at("9月2日", "DATE", 1),
        at("党委书记", "TITLE", 2),
        at("自治区党委", "ORG", 3),
        at("马兴瑞", "OFFICIAL", 4),
        at("乌鲁木齐", "PLACE", 5),
        at("省长", "TITLE", 6),
        at("楼阳生", "OFFICIAL", 7),
        at("马兴瑞在乌鲁木齐会见了新疆政府省长楼阳生", "EVENT", 8),
    )
    officials = (
        Official("", "", "马兴瑞", ("自治区党委书记",), "自治区党委", (4,), id=1,
                 title_spans=(2,), organization_span=3),
        Official("", "", "楼阳生", ("省长",), None, (7,), id=2, title_spans=(6,)),
    )  # fmt: skip
    events = (
        Event("", "", "会见", date="2024-09-02", place="乌鲁木齐", participants=(1, 2),
              evidence=8, place_span=5, date_span=1, participant_spans=(4, 7)),
    )  # fmt: skip
    aset = AnnotationSet(ARTICLE, annotator, spans=spans, officials=officials, events=events)
    owner = {"article_id": ARTICLE, "annotator": annotator}
    return replace(
        aset,
        spans=tuple(replace(s, **owner) for s in aset.spans),
        officials=tuple(replace(o, **owner) for o in aset.officials),
        events=tuple(replace(e, **owner) for e in aset.events),
    )


def texts(aset: AnnotationSet, ids) -> list[str]:
    spans = aset.span_by_id()
    return [spans[i].text for i in ids]


def linked_texts(aset: AnnotationSet) -> tuple:
    """What the links of a set say, independent of ids."""
    (event,) = aset.events
    return (
        *official_links(aset),
        texts(aset, [event.place_span, event.date_span]),
        sorted(texts(aset, event.participant_spans)),
    )


def official_links(aset: AnnotationSet) -> tuple:
    ma = next(o for o in aset.officials if o.name == "马兴瑞")
    lou = next(o for o in aset.officials if o.name == "楼阳生")
    return (
        texts(aset, ma.title_spans),
        texts(aset, [ma.organization_span] if ma.organization_span else []),
        texts(aset, lou.title_spans),
    )


EXPECTED = (["党委书记"], ["自治区党委"], ["省长"], ["乌鲁木齐", "9月2日"], ["楼阳生", "马兴瑞"])


def test_replace_annotation_set_gives_links_the_real_span_ids(store):
    # draft ids 1..8 collide with nothing here; a second set makes real ids differ from drafts
    store.replace_annotation_set(draft_set("bob"))
    stored = store.replace_annotation_set(draft_set("alice"))
    assert linked_texts(stored) == EXPECTED
    assert min(stored.span_by_id()) > 8  # the ids are the store's, not the draft's


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda o, e: (replace(o, title_spans=(4,)), e), "a OFFICIAL span, not TITLE"),
        (lambda o, e: (replace(o, organization_span=99), e), "not in the set"),
        (lambda o, e: (o, replace(e, place_span=1)), "a DATE span, not PLACE"),
        (lambda o, e: (o, replace(e, participant_spans=(6,))), "a TITLE span, not OFFICIAL"),
    ],
)
def test_a_link_to_a_span_of_another_label_or_none_refuses_the_set(store, change, words):
    aset = draft_set()
    official, event = change(aset.officials[0], aset.events[0])
    bad = replace(aset, officials=(official, aset.officials[1]), events=(event,))
    with pytest.raises(SpanRejected, match=words):
        store.replace_annotation_set(bad)
    assert not store.has_annotation_set(ARTICLE, "alice")


def test_save_official_and_event_check_their_links(store):
    stored = store.replace_annotation_set(draft_set())
    ma = next(o for o in stored.officials if o.name == "马兴瑞")
    mention = ma.mentions[0]
    with pytest.raises(SpanRejected, match="not TITLE"):
        store.save_official(replace(ma, title_spans=(mention,)))
    with pytest.raises(SpanRejected, match="not PLACE"):
        store.save_event(replace(stored.events[0], place_span=mention))
    assert store.get_annotation_set(ARTICLE, "alice") == stored


def test_deleting_a_linked_span_unlinks_it_and_undo_links_it_again(store):
    stored = store.replace_annotation_set(draft_set())
    by_text = {s.text: s for s in stored.spans}
    for word in ("党委书记", "乌鲁木齐", "楼阳生"):
        store.delete_span(by_text[word].id)
    after = store.get_annotation_set(ARTICLE, "alice")
    ma = next(o for o in after.officials if o.name == "马兴瑞")
    assert ma.title_spans == () and ma.organization_span == by_text["自治区党委"].id
    (event,) = after.events
    assert event.place_span is None and event.date_span == by_text["9月2日"].id
    assert texts(after, event.participant_spans) == ["马兴瑞"]
    for _ in range(3):
        store.undo("alice", ARTICLE)
    assert store.get_annotation_set(ARTICLE, "alice").officials == stored.officials
    assert store.get_annotation_set(ARTICLE, "alice").events == stored.events


def test_relabelling_a_linked_span_unlinks_it(store):
    stored = store.replace_annotation_set(draft_set())
    title = next(s for s in stored.spans if s.text == "党委书记")
    store.relabel_span(title.id, "ORG")
    ma = next(o for o in store.get_annotation_set(ARTICLE, "alice").officials if o.name == "马兴瑞")
    assert title.id not in ma.title_spans


def test_merging_officials_keeps_both_links(store):
    stored = store.replace_annotation_set(draft_set())
    ma, lou = sorted(stored.officials, key=lambda o: o.name != "马兴瑞")
    merged_one = store.merge_officials(lou.id, ma.id)
    assert merged_one.title_spans == (*ma.title_spans, *lou.title_spans)
    assert merged_one.organization_span == ma.organization_span
    lou_only = replace(lou, organization_span=ma.organization_span, organization="自治区党委")
    from annotator.store.official_merge import merged_official

    assert merged_official(replace(ma, organization_span=None), lou_only).organization_span == (
        ma.organization_span
    )


def test_validation_names_a_stored_link_to_a_span_of_the_wrong_label(tmp_path):
    path = tmp_path / "a.db"
    with Store.open(path) as opened:
        opened.add_articles([Article.plain(ARTICLE, TEXT)])
        stored = opened.replace_annotation_set(draft_set())
    mention = next(s.id for s in stored.spans if s.label == "OFFICIAL")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE officials SET title_spans = ?", (json.dumps([mention]),))
    with sqlite3.connect(path) as conn:
        problems = content_problems(conn)
    assert problems and "title_spans links span" in problems[0] and "not TITLE" in problems[0]


def test_drafts_carry_links_as_span_keys_and_gold_takes_them(store):
    stored = store.replace_annotation_set(draft_set())
    officials, events = set_drafts(stored)
    ma = next(d for _, d in officials if d.name == "马兴瑞")
    assert ma.title_spans == (("TITLE", *span_range("党委书记")),)
    assert ma.organization_span == ("ORG", *span_range("自治区党委"))
    ((_, event),) = events
    assert event.place_span == ("PLACE", *span_range("乌鲁木齐"))
    assert len(event.participant_spans) == 2
    keys = [(s.label, s.start, s.end) for s in stored.spans]
    store.edit_records(
        ARTICLE, "gold", "take", add_spans=keys,
        officials=[(None, d) for _, d in officials], events=[d for _, d in events],
    )  # fmt: skip
    assert linked_texts(store.get_annotation_set(ARTICLE, "gold")) == EXPECTED


def span_range(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def test_a_draft_without_links_keeps_the_fingerprint_decisions_were_stored_with():
    draft = OfficialDraft("马兴瑞", ("书记",), None, (("OFFICIAL", 3, 6),))
    before_links = {
        k: v
        for k, v in asdict(draft).items()
        if k in ("name", "titles", "organization", "mentions")
    }
    assert fingerprint(draft)[1] == json.dumps(before_links, ensure_ascii=False, sort_keys=True)
    linked = replace(draft, title_spans=(("TITLE", 0, 2),))
    assert fingerprint(linked) != fingerprint(draft)


def test_official_draft_leaves_out_links_to_missing_spans():
    official = Official(ARTICLE, "a", "马兴瑞", mentions=(4,), title_spans=(2, 9), id=1)
    spans = {s.id: s for s in draft_set().spans}
    assert official_draft(official, spans).title_spans == (("TITLE", *span_range("党委书记")),)


def test_import_merge_renumbers_links_and_adds_them_to_an_existing_official(store):
    existing = store.replace_annotation_set(replace(draft_set(), events=()))
    bare = replace(
        existing, officials=tuple(replace(o, title_spans=()) for o in existing.officials)
    )
    existing = store.replace_annotation_set(bare)
    change = merged(existing, draft_set())
    stored = store.replace_annotation_set(change.result)
    assert linked_texts(stored) == EXPECTED
    assert change.records_extended == 2


def test_native_record_carries_links_and_reads_them_back():
    aset = draft_set()
    article = Article.plain(ARTICLE, TEXT)
    record = to_record(article, aset)
    check_record(record)  # the JSON Schema knows the link fields
    ma = next(o for o in record["officials"] if o["name"] == "马兴瑞")
    local = {s["id"]: s["text"] for s in record["spans"]}
    assert [local[i] for i in ma["title_spans"]] == ["党委书记"]
    assert local[ma["organization_span"]] == "自治区党委"
    (event,) = record["events"]
    assert (local[event["place_span"]], local[event["date_span"]]) == ("乌鲁木齐", "9月2日")
    back = from_record(record, 1).to_set(ARTICLE, "alice", status="todo")
    assert linked_texts(back) == EXPECTED


def test_a_native_record_without_links_still_imports_and_a_bad_link_is_refused():
    record = to_record(Article.plain(ARTICLE, TEXT), draft_set())
    for item in (*record["officials"], *record["events"]):
        for name in ("title_spans", "organization_span", "place_span", "date_span",
                     "participant_spans"):  # fmt: skip
            item.pop(name, None)
    old = from_record(record, 1)
    assert all(o.title_spans == () and o.organization_span is None for o in old.officials)
    assert old.events[0].place_span is None and old.events[0].participant_spans == ()
    record["events"][0]["place_span"] = record["officials"][0]["mentions"][0]
    with pytest.raises(ValueError, match="place_span links span .* not PLACE"):
        from_record(record, 1)


# -- the window's L key, without the window (services.span_links) -------------------------------


def stored_set(store: Store) -> AnnotationSet:
    draft = draft_set()
    bare = replace(
        draft,
        officials=tuple(
            replace(o, title_spans=(), organization_span=None) for o in draft.officials
        ),
        events=tuple(
            replace(e, place_span=None, date_span=None, participant_spans=()) for e in draft.events
        ),
    )
    return store.replace_annotation_set(bare)


def span_of(aset: AnnotationSet, word: str, label: str) -> Span:
    return next(s for s in aset.spans if s.text == word and s.label == label)


def test_a_title_links_to_the_nearest_official_and_a_second_time_unlinks(store):
    aset = stored_set(store)
    change = change_link(aset, TEXT, span_of(aset, "省长", "TITLE"))
    assert change.after.name == "楼阳生" and change.linked  # 省长楼阳生: right before the name
    store.save_official(change.after)
    aset = store.get_annotation_set(ARTICLE, "alice")
    again = change_link(aset, TEXT, span_of(aset, "省长", "TITLE"))
    assert not again.linked and again.after.title_spans == ()


def test_a_chosen_record_wins_and_single_links_are_replaced(store):
    aset = stored_set(store)
    lou = next(o for o in aset.officials if o.name == "楼阳生")
    change = change_link(aset, TEXT, span_of(aset, "党委书记", "TITLE"), official=lou)
    assert change.after.name == "楼阳生"
    org = change_link(aset, TEXT, span_of(aset, "自治区党委", "ORG"))
    assert org.after.organization_span == span_of(aset, "自治区党委", "ORG").id


def test_event_parts_link_to_the_event_whose_evidence_holds_them(store):
    aset = stored_set(store)
    for word, label, field in (
        ("乌鲁木齐", "PLACE", "place_span"),
        ("楼阳生", "OFFICIAL", "participant_spans"),
    ):
        change = change_link(aset, TEXT, span_of(aset, word, label))
        assert change.field == field and change.after.evidence == aset.events[0].evidence
    # 9月2日 stands before the sentence, in its line: the nearest evidence takes it
    assert change_link(aset, TEXT, span_of(aset, "9月2日", "DATE")).field == "date_span"


@pytest.mark.parametrize(
    ("word", "label", "reason"), [("马兴瑞在乌鲁木齐会见了新疆政府省长楼阳生", "EVENT", "no_link")]
)
def test_a_label_that_links_nothing_is_refused_with_its_reason(store, word, label, reason):
    aset = stored_set(store)
    with pytest.raises(NoLink) as refused:
        change_link(aset, TEXT, span_of(aset, word, label))
    assert refused.value.reason == reason


def test_no_event_to_link_to_is_said(store):
    aset = replace(stored_set(store), events=())
    with pytest.raises(NoLink) as refused:
        change_link(aset, TEXT, span_of(aset, "乌鲁木齐", "PLACE"))
    assert refused.value.reason == "no_event"


def test_two_versions_that_differ_in_their_links_alone_read_differently(store):
    stored = store.replace_annotation_set(draft_set())
    officials, events = set_drafts(stored)
    for _, draft in (*officials, *events):
        unlinked = substance(draft)  # links (and mentions or evidence) dropped
        bare = replace(draft, **{k: v for k, v in asdict(unlinked).items() if k in LINK_LABELS})
        assert describe(draft) != describe(bare)
        assert "linked span" in describe(draft) and "linked span" not in describe(bare)
