"""Real Chinese pages write full-width punctuation (，：；！？（）), the seeds ASCII. Several rules
listed a mark twice in ASCII (`[::]`, `"((::"`, `"。,,;;!!??"`): the full-width twin had been
lost, so those rules never fired on real pages. Each rule here is tried in both forms, and a scan
keeps a lost twin from coming back."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import annotator
from annotator.cleaning.damage import find_damage
from annotator.model import Article
from annotator.suggest.boilerplate import classify_lines
from annotator.suggest.lexicons import default_lexicons
from annotator.suggest.lines import article_lines
from annotator.suggest.officials import is_credit

BODY = "今天上午，省委书记张三在省会主持召开座谈会，听取各地关于经济工作的情况汇报并讲话。"
WIDE = str.maketrans(":,;!?()>", "：，；！？（）＞")


def kinds(text: str) -> dict[str, str | None]:
    article = Article.plain("a1", text)
    lines = article_lines(article)
    verdicts = classify_lines(article, lines, lexicons=default_lexicons())
    return {v.line.text: v.kind for v in verdicts}


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("记者:王兴瑞 摄)", "caption"),
        ("视频:市长到企业调研", "caption"),
        ("责任编辑:王五", "meta"),
        ("2024年5月23日 10:30:00", "meta"),
    ],
)
@pytest.mark.parametrize("width", ["ascii", "full"])
def test_a_boilerplate_rule_reads_full_width_marks_as_it_reads_ascii(
    line: str, kind: str, width: str
) -> None:
    line = line.translate(WIDE) if width == "full" else line
    found = kinds(f"{BODY}\n{line}\n{BODY}")
    assert found[line] == kind, found


@pytest.mark.parametrize("gap", ["记者:", "记者：", "记者(", "记者（", "记者 "])
def test_a_credit_is_told_across_a_full_width_gap(gap: str) -> None:
    text = f"本报{gap}王兴瑞报道"
    start = text.index("王兴瑞")
    assert is_credit(text, start, start + 3, lexicons=default_lexicons())


def test_a_line_of_full_width_prose_has_the_punctuation_share_of_its_ascii_twin() -> None:
    [wide] = article_lines(Article.plain("a1", BODY))
    [narrow] = article_lines(Article.plain("a1", BODY.replace("，", ",")))
    assert wide.punctuation_share == narrow.punctuation_share > 0.05
    assert article_lines(Article.plain("a1", "真的吗？"))[0].has_sentence_end


def test_two_lost_stretches_across_a_full_width_comma_stay_two() -> None:
    text = "日?报?，新?闻?"
    assert len(find_damage(text)) == len(find_damage(text.replace("，", ",")))


_TWINS = set(":;,!?()")


def _literals(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string literal but docstrings; an f-string as one text, `{}` for its fields."""
    inside = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
              for part in node.values}  # fmt: skip
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(p.value if isinstance(p, ast.Constant) else "{}" for p in node.values)
            found.append((node.lineno, text))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in inside | docstrings
        ):
            found.append((node.lineno, node.value))
    return found


def _sets_of_marks(tree: ast.AST) -> list[tuple[int, str]]:
    """Regex character classes, and short literals made of marks only (a set of marks)."""
    found = []
    for line, text in _literals(tree):
        classes = re.finditer(r"(?<!\\)\[([^\[\]]+)\]", text)
        found += [(line, m.group(1)) for m in classes if ", " not in m.group(1)]
        if 2 < len(text) < 20 and not re.search(r"[\w\s{}\-]|\(\?", text):
            found.append((line, text))
    return found


def test_no_rule_lists_an_ascii_mark_twice_where_a_full_width_twin_belongs() -> None:
    core = Path(annotator.__file__).parent
    repeated = []
    for path in sorted(core.rglob("*.py")):
        for line, marks in _sets_of_marks(ast.parse(path.read_text(encoding="utf-8"))):
            bare = re.sub(r"\\.", "", marks)
            twice = {c for c in _TWINS if bare.count(c) > 1}
            if twice:
                repeated.append(f"{path.relative_to(core)}:{line}: {marks!r}")
    assert not repeated, repeated
