"""scripts/new_outlet_experiment.py reads an outside NER corpus as the issue's measurement needs:
persons (not nominal mentions) with exact offsets, officials = persons beside a title word."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def script():
    spec = importlib.util.spec_from_file_location(
        "new_outlet_experiment", ROOT / "scripts" / "new_outlet_experiment.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def conll(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_persons_are_read_with_offsets_and_nominal_mentions_are_not_names(tmp_path):
    rows = ["总\tO", "理\tO", "李\tB-PER", "鹏\tI-PER", "会\tO", "见\tO", "张\tB-PER", "三\tI-PER",
            "", "他0\tB-PER.NOM", "们1\tI-PER.NOM", "王0\tB-PER.NAM", "五0\tI-PER.NAM", "李0\tB-PER.NAM"]
    found = list(script().read_conll(conll(tmp_path / "x.conll", rows)))
    assert found == [("总理李鹏会见张三", ((2, 4), (6, 8))), ("他们王五李", ((2, 4), (4, 5)))]


def test_articles_join_sentences_by_lines_and_officials_stand_beside_a_title(tmp_path):
    rows = []
    for sentence in ("外交部长唐家璇说", "他见了张三", "江泽民主席出席"):
        names = {"唐家璇": 4, "张三": 3, "江泽民": 0}
        name = next(n for n in names if n in sentence)
        at = sentence.index(name)
        for i, char in enumerate(sentence):
            tag = "O" if not at <= i < at + len(name) else ("B-PER" if i == at else "I-PER")
            rows.append(f"{char}\t{tag}")
        rows.append("")
    (article,) = script().articles(conll(tmp_path / "x.conll", rows), 10)
    assert article.text == "外交部长唐家璇说\n他见了张三\n江泽民主席出席"
    names = [article.text[s:e] for s, e in article.persons]
    officials = [article.text[s:e] for s, e in article.officials]
    assert names == ["唐家璇", "张三", "江泽民"] and officials == ["唐家璇", "江泽民"]
