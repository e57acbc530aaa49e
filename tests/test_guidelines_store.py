"""Guidelines per database: the schema's definitions and examples (both languages), the
database's own edits saved at once, never overwritten unseen, never lost, and handed out."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.model import Article
from annotator.resources import default_schema, parse_schema
from annotator.store import Store, StoreError
from annotator.store.guidelines import MAX_CHARS, GuidelinesConflict


def test_every_label_of_the_schema_has_a_guide_and_examples_in_both_languages() -> None:
    for label in default_schema().labels:
        assert {lang for lang, _ in label.guide} == {"zh", "en"}, label.name
        assert label.examples, label.name
        for example in label.examples:
            assert {lang for lang, _ in example.notes} == {"zh", "en"}, label.name
        if label.group == "entity":  # the labelled part is shown in 【】
            assert any("【" in e.text for e in label.examples), label.name


def test_a_stored_schema_from_before_guides_shows_the_default_ones() -> None:
    old = '[[labels]]\nname = "OFFICIAL"\ngroup = "entity"\ncolor = "#d94f4f"\nkey = "1"\n'
    label = parse_schema(old).get("OFFICIAL")
    assert label.guide == default_schema().get("OFFICIAL").guide
    assert label.examples == default_schema().get("OFFICIAL").examples


def test_guidelines_persist_and_blank_goes_back_to_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    with Store.open(path) as store:
        assert store.guidelines() == {}
        assert store.save_guidelines("OFFICIAL", "只标人名。", expected=None, by="alice")
        assert not store.save_guidelines("OFFICIAL", "只标人名。", expected="只标人名。", by="alice")
    with Store.open(path) as store:
        assert store.guidelines() == {"OFFICIAL": "只标人名。"}
        store.save_guidelines("OFFICIAL", "  ", expected="只标人名。", by="alice")
        assert store.guidelines() == {}
        assert [h["text"] for h in store.guidelines_history()] == ["只标人名。"]


def test_a_save_over_someone_elses_edit_is_refused_and_nothing_is_lost(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    with Store.open(path) as alice, Store.open(path) as bob:
        alice.save_guidelines("TITLE", "v1", expected=None, by="alice")
        bob.save_guidelines("TITLE", "bob's v2", expected="v1", by="bob")
        with pytest.raises(GuidelinesConflict) as refused:
            alice.save_guidelines("TITLE", "alice's v2", expected="v1", by="alice")
        assert refused.value.current == "bob's v2"
        assert alice.guidelines()["TITLE"] == "bob's v2"
        assert [h["text"] for h in alice.guidelines_history()] == ["v1"]


@pytest.mark.parametrize(
    ("label", "text", "message"),
    [
        ("NOPE", "x", "unknown label"),
        ("ORG", "长" * (MAX_CHARS + 1), "at most"),
        ("ORG", "a\x00b", "NUL"),
        ("ORG", 3, "text"),
    ],
)
def test_bad_guidelines_are_refused_and_change_nothing(label, text, message) -> None:
    with Store.open(memory=True) as store:
        with pytest.raises(StoreError, match=message):
            store.save_guidelines(label, text, expected=None, by="alice")
        assert store.guidelines() == {}


def test_a_damaged_guidelines_setting_says_so() -> None:
    with Store.open(memory=True) as store:
        store.set_setting("guidelines", "[1, 2]")
        with pytest.raises(StoreError, match="damaged"):
            store.guidelines()


def test_a_handout_carries_the_leads_guidelines(tmp_path: Path) -> None:
    from annotator.teams.handout import hand_out

    with Store.open(tmp_path / "lead.db") as lead:
        lead.add_articles([Article.plain(f"a{n}", f"第{n}篇。马兴瑞讲话。") for n in range(2)])
        lead.save_guidelines("OFFICIAL", "团队规则：只标人名。", expected=None, by="lead")
        hand_out(lead, ["alice"], tmp_path / "out", overlap=0.0, size=2, seed=1)
    with Store.open(tmp_path / "out" / "alice.db") as share:
        assert share.guidelines() == {"OFFICIAL": "团队规则：只标人名。"}


def test_drafts_saved_while_typing_keep_one_history_entry_per_sitting() -> None:
    with Store.open(memory=True) as store:
        store.save_guidelines("ORG", "v1", expected=None, by="lead")
        for n, text in enumerate(["a", "ab", "abc"]):
            previous = "v1" if n == 0 else ["a", "ab"][n - 1]
            store.save_guidelines("ORG", text, expected=previous, by="alice")
        store.save_guidelines("ORG", "bob's", expected="abc", by="bob")
        assert [(h["text"], h["by"]) for h in store.guidelines_history()] == [
            ("v1", "alice"),
            ("abc", "bob"),
        ]
