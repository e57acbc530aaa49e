"""Boilerplate cues are data: an ordered table of (rule, kind, predicate) and word lists in
resources/lexicons/ (issue 17)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotator.model import Article, LexiconKind, region_kind
from annotator.resources import default_schema, resource_path
from annotator.suggest.boilerplate import CUE_RULES, classify_lines
from annotator.suggest.lexicons import Lexicons, default_lexicons
from annotator.suggest.lines import article_lines

BODY = "今天上午,省委书记张三在省会主持召开座谈会,听取各地关于经济工作的情况汇报并讲话。"


def verdicts(text: str, lexicons: Lexicons) -> dict[str, tuple[str | None, str]]:
    article = Article.plain("a1", text)
    return {
        v.line.text: (v.kind, v.rule)
        for v in classify_lines(article, article_lines(article), lexicons=lexicons)
    }


def copied_lexicons(tmp_path: Path) -> Path:
    folder = tmp_path / "lexicons"
    shutil.copytree(resource_path("lexicons"), folder)
    return folder


def test_each_rule_has_one_name_and_gives_a_kind_of_the_schema() -> None:
    names = [cue.rule for cue in CUE_RULES]
    assert len(names) == len(set(names))
    kinds = {region_kind(label.name) for label in default_schema().region_labels()}
    assert {cue.kind for cue in CUE_RULES if isinstance(cue.kind, str)} <= kinds


def test_an_editor_credit_word_added_to_its_lexicon_marks_the_line(tmp_path: Path) -> None:
    text = f"{BODY}\n主编:王五\n"
    assert verdicts(text, default_lexicons())["主编:王五"][1] != "meta-lexicon"
    folder = copied_lexicons(tmp_path)
    with open(folder / "editor_credits.txt", "a", encoding="utf-8") as out:
        out.write("主编\n")
    assert verdicts(text, Lexicons.load(folder))["主编:王五"] == ("meta", "meta-lexicon")


def test_a_pager_word_added_to_its_lexicon_marks_the_line(tmp_path: Path) -> None:
    text = f"{BODY}\n前一篇:市长调研\n"
    assert verdicts(text, default_lexicons())["前一篇:市长调研"][1] != "pager"
    folder = copied_lexicons(tmp_path)
    with open(folder / "pager.txt", "a", encoding="utf-8") as out:
        out.write("前一篇\n")
    assert verdicts(text, Lexicons.load(folder))["前一篇:市长调研"] == ("navigation", "pager")


def test_meta_lists_no_editor_credit_the_credit_rule_finds_anyway() -> None:
    lexicons = default_lexicons()
    with_colon = {f"{word}{colon}" for word in lexicons.editor_credits for colon in ":："}
    assert not with_colon & set(lexicons.meta)


def test_the_label_schema_declares_every_lexicon_file_and_its_label() -> None:
    kinds = {kind.stem: kind for kind in default_schema().lexicons}
    bundled = {path.stem for path in resource_path("lexicons").glob("*.txt")}
    assert {"editor_credits", "pager", "credits_after", "enumeration_ends"} <= set(kinds)
    # a file no kind names would be read by nobody; these four are read on their own (the name
    # tagger, tagged officials, the register's places), not into Lexicons
    read_elsewhere = {"official_titles", "person_contexts", "regions", "single_holder_posts"}
    assert bundled - read_elsewhere == set(kinds)
    lexicons = default_lexicons()
    assert all(hasattr(lexicons, stem) for stem in kinds)
    assert {kind.label for kind in kinds.values()} <= set(default_schema().names())


def test_a_lexicon_kind_declared_in_the_schema_is_read_without_code(tmp_path: Path) -> None:
    folder = copied_lexicons(tmp_path)
    (folder / "venues.txt").write_text("# halls\n人民大会堂\n会展中心\n", encoding="utf-8")
    kinds = (*default_schema().lexicons, LexiconKind("venues", "PLACE", longest_first=True))
    lexicons = Lexicons.load(folder, kinds)
    assert lexicons.venues == ("人民大会堂", "会展中心")
    assert lexicons.titles == default_lexicons().titles
    with pytest.raises(AttributeError, match="no lexicon kind 'stadiums'"):
        lexicons.stadiums  # noqa: B018 - the attribute read is what is tested


def test_a_bare_title_stands_for_its_holder_before_a_word_of_its_lexicon(tmp_path: Path) -> None:
    from annotator.suggest import suggest_article

    text = "今天上午,省委副书记、省长周立新到省政府调研并召开座谈会。省长强调,要做好各项工作。"
    article = Article.plain("a1", text)

    def title_only(lexicons: Lexicons) -> list[str]:
        spans = suggest_article(article, lexicons=lexicons).spans
        return [s.text for s in spans if s.rule == "title-only"]

    assert title_only(default_lexicons()) == ["省长"]
    folder = copied_lexicons(tmp_path)
    words = (folder / "title_only_after.txt").read_text(encoding="utf-8").splitlines()
    kept = [w for w in words if w != "强调"]
    (folder / "title_only_after.txt").write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert title_only(Lexicons.load(folder)) == []
