"""The register of officials across the corpus: persons, posts with dates, contradictions."""

from __future__ import annotations

import json

import pytest
from review_helpers.scripted import seeded_store as _seeded_store

from annotator.cli import main
from annotator.model import Event, Official
from annotator.register import ArticleRecords, Decision, build_register
from annotator.register.loading import add_decision, register_of, undo_decision
from annotator.register.places import is_single_holder, name_key, title_province
from annotator.store import Store
from annotator.suggest.run import suggest_corpus


def seeded_store(path=None) -> Store:
    """The seeds with their suggestions, as `annotator import` leaves them."""
    store = _seeded_store(path)
    suggest_corpus(store)
    return store


def official(name: str, *titles: str, organization: str | None = None, id: int = 1) -> Official:
    return Official("a", "x", name, tuple(titles), organization, (), id)


def article(
    article_id: str,
    published: str | None,
    *officials: Official,
    title: str = "标题",
    events: tuple[Event, ...] = (),
    source: str = "auto",
) -> ArticleRecords:
    return ArticleRecords(article_id, title, published, source, tuple(officials), events)


# -- on the seeds, with the suggestions -----------------------------------------------------


@pytest.fixture(scope="module")
def seeds_register():
    with seeded_store() as store:
        scripts = {a.id: a.script for a in store.iter_articles()}
        return register_of(store), scripts


def test_ma_xingrui_is_one_person_across_the_seeds(seeds_register):
    register, _ = seeds_register
    (person,) = register.find("马兴瑞")
    assert len(person.articles) >= 3
    post = next(p for p in person.posts if p.title == "自治区党委书记")
    assert post.first_seen is not None and post.first_seen.startswith("2024")
    assert post.last_seen == "2024-09-04"
    assert person.sources == {"auto": len(person.articles)}


def test_erkin_tuniyaz_is_one_person_in_traditional_and_simplified_pages(seeds_register):
    register, scripts = seeds_register
    (person,) = register.find("艾爾肯‧吐尼亞孜")  # any spelling finds the one entry
    seen_scripts = {scripts[a] for a in person.articles}
    assert seen_scripts == {"traditional", "simplified"}
    # 新疆维吾尔自治区主席 (2022) and 自治区主席 (2024) are one post, written short later
    chair = next(p for p in person.posts if p.title.endswith("自治区主席"))
    assert chair.title == "新疆维吾尔自治区主席"
    assert (chair.first_seen[:4], chair.last_seen[:4]) == ("2022", "2024")


def test_the_seeds_raise_no_flags(seeds_register):
    register, _ = seeds_register
    assert [f for f in register.flags if f.kind != "unresolved"] == []


# -- identity --------------------------------------------------------------------------------


def test_one_name_in_two_provinces_at_once_is_two_persons_and_flagged():
    register = build_register(
        [
            article("a1", "2024-03-01", official("张伟", "河南省委书记")),
            article("a2", "2024-03-05", official("张伟", "四川省副省长")),
        ]
    )
    persons = register.find("张伟")
    assert len(persons) == 2
    (flag,) = [f for f in register.flags if f.kind == "same_name"]
    assert set(flag.articles) == {"a1", "a2"}
    assert all(flag in p.flags for p in persons)


def test_a_career_across_provinces_over_years_is_one_person():
    register = build_register(
        [
            article("a1", "2019-03-01", official("张伟", "河南省副省长")),
            article("a2", "2024-03-05", official("张伟", "四川省长")),
        ]
    )
    (person,) = register.find("张伟")
    assert [p.title for p in person.posts] == ["河南省副省长", "四川省长"]
    assert register.flags == ()


def test_reviewer_decisions_merge_and_split_and_survive_recomputation(tmp_path):
    with seeded_store(tmp_path / "r.db") as store:
        before = register_of(store)
        (ma,) = before.find("马兴瑞")
        first = ma.articles[0]
        add_decision(store, Decision("split", ((first, "马兴瑞"),)))
        split = register_of(store).find("马兴瑞")
        assert sorted(len(p.articles) for p in split) == [1, len(ma.articles) - 1]
        (lou,) = before.find("楼阳生")
        add_decision(store, Decision("merge", ((first, "马兴瑞"), (lou.articles[0], "楼阳生"))))
    with Store.open(tmp_path / "r.db") as store:  # stored: a new process sees the same
        merged = register_of(store)
        assert any({"马兴瑞", "楼阳生"} <= {p.name, *p.variants} for p in merged.persons)
        assert undo_decision(store).op == "merge"
        assert undo_decision(store).op == "split"
        assert undo_decision(store) is None
        assert [p.articles for p in register_of(store).find("马兴瑞")] == [ma.articles]


def test_spellings_are_one_key():
    assert name_key("艾爾肯‧吐尼亞孜") == name_key("艾尔肯·吐尼亚孜") == name_key("艾尔肯•吐尼亚孜")
    assert name_key("马 兴瑞") == "马兴瑞"


def test_a_surname_and_title_record_is_its_holder():
    register = build_register(
        [
            article(
                "a1",
                "2024-01-02",
                official("马兴瑞", "自治区党委书记", id=1),
                official("马书记", id=2),
                official("王书记", id=3),
            )
        ]
    )
    (person,) = register.find("马兴瑞")
    assert person.variants == ("马书记",)
    assert not register.find("马书记")
    (unresolved,) = register.flags
    assert unresolved.kind == "unresolved" and "王书记" in unresolved.message


# -- contradictions --------------------------------------------------------------------------


def test_two_holders_of_a_one_holder_post_on_overlapping_dates():
    register = build_register(
        [
            article("a1", "2024-01-10", official("马兴瑞", "自治区党委书记")),
            article("a2", "2024-03-01", official("马兴瑞", "自治区党委书记")),
            article("a3", "2024-02-01", official("楼阳生", "自治区党委书记")),
        ]
    )
    (clash,) = [f for f in register.flags if f.kind == "post_clash"]
    assert set(clash.persons) == {"马兴瑞", "楼阳生"}
    assert set(clash.articles) == {"a1", "a2", "a3"}


def test_a_successor_is_no_clash_and_deputies_are_many():
    register = build_register(
        [
            article("a1", "2020-01-10", official("陈全国", "自治区党委书记")),
            article("a2", "2022-03-01", official("马兴瑞", "自治区党委书记")),
            article(
                "a3",
                "2022-03-01",
                official("何忠友", "自治区党委副书记", id=1),
                official("张柱", "自治区党委副书记", id=2),
            ),
        ]
    )
    assert [f for f in register.flags if f.kind == "post_clash"] == []


def test_title_chains_that_contradict_on_one_day():
    register = build_register(
        [
            article("a1", "2024-05-01", official("黄强", "四川省委副书记", "省长")),
            article("a2", "2024-05-01", official("黄强", "省长")),  # shorter: an omission
            article("a3", "2024-05-01", official("黄强", "四川省政协主席")),
        ]
    )
    flags = [f for f in register.flags if f.kind == "title_chain"]
    assert {f.articles for f in flags} == {("a1", "a3"), ("a2", "a3")}


def test_one_title_given_to_different_people_in_copies_of_one_story():
    headline = "新疆党政代表团赴四川省学习考察"
    register = build_register(
        [
            article("a1", "2024-04-08", official("黄强", "四川省长"), title=headline),
            article("a2", "2024-04-08", official("王晓晖", "四川省长"), title=headline),
            article("a3", "2024-04-08", official("王晓晖", "四川省长"), title="另一篇报道的标题"),
        ]
    )
    owners = [f for f in register.flags if f.kind == "title_owner"]
    assert len(owners) == 1 and set(owners[0].articles) == {"a1", "a2"}


def test_a_contradicting_label_in_a_database_is_flagged(tmp_path):
    with seeded_store(tmp_path / "c.db") as store:
        (ma,) = register_of(store).find("马兴瑞")
        dated = next(a for a in ma.articles if store.get_article(a).published)
        # alice gives 马兴瑞's post to a second person in the same article
        for name in ("马兴瑞", "楼阳生"):
            store.save_official(Official(dated, "alice", name, ("自治区党委书记",), None, ()))
        store.set_status(dated, "alice", "done")
        register = register_of(store)
    clash = [f for f in register.flags if f.kind == "post_clash"]
    assert clash and dated in clash[0].articles
    assert register.find("楼阳生")[0].sources.get("alice") == 1


# -- places ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "province", "single"),
    [
        ("河南省委书记", "河南", True),
        ("四川省委副书记", "四川", False),
        ("自治区党委书记", None, True),
        ("省长", None, False),
        ("兵团党委第一书记", "新疆", True),
        ("东方电气集团董事长", None, False),
    ],
)
def test_places(title, province, single):
    assert title_province(title) == province
    assert is_single_holder(title) is single


# -- which labels ----------------------------------------------------------------------------


def test_gold_then_a_finished_person_then_the_suggestions(tmp_path):
    with seeded_store(tmp_path / "b.db") as store:
        (ma,) = register_of(store).find("马兴瑞")
        target = ma.articles[0]
        store.set_status(target, "bob", "in_progress")  # opened, nothing: must not hide auto
        assert target in register_of(store).find("马兴瑞")[0].articles
        store.save_official(Official(target, "alice", "马兴瑞", ("书记",), None, ()))
        store.set_status(target, "alice", "done")
        person = register_of(store).find("马兴瑞")[0]
        assert person.sources.get("alice") == 1
        only_auto = register_of(store, "auto").find("马兴瑞")[0]
        assert "alice" not in only_auto.sources


def test_export_register_jsonl_and_csv(tmp_path, capsys):
    db = tmp_path / "e.db"
    with seeded_store(db):
        pass
    capsys.readouterr()
    assert main(["--db", str(db), "register", "export"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    ma = next(line for line in lines if line["name"] == "马兴瑞")
    assert set(ma) >= {"name", "variants", "posts", "articles", "events", "flags"}
    assert main(["--db", str(db), "register", "export", "--csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("person,name,title,organization,first_seen,last_seen")
    assert any(row.startswith("马兴瑞,马兴瑞,自治区党委书记,") for row in rows)


def test_export_format_register_jsonl_csv_and_out(tmp_path, capsys):
    db = tmp_path / "x.db"
    with seeded_store(db):
        pass
    capsys.readouterr()
    assert main(["--db", str(db), "export", "--format", "register", "--annotator", "auto"]) == 0
    people = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert any(p["name"] == "马兴瑞" for p in people)
    out = tmp_path / "posts.csv"
    assert main(["--db", str(db), "export", "--format", "register", "--csv", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("person,name,title")
    assert main(["--db", str(db), "export", "--format", "jsonl", "--csv"]) == 2
