"""Agreement metrics: hand-computed cases, degenerate cases, and independent references
(scikit-learn's Cohen's kappa, the `krippendorff` package, scipy's bipartite matching)."""

from __future__ import annotations

import json
import random
import string
import warnings

import krippendorff
import numpy as np
import pytest
from review_helpers.references import per_character, reference_alpha
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching
from sklearn.metrics import cohen_kappa_score

from annotator.model import ENTITY_LABELS, REGION_LABELS, AnnotationSet, Event, Official, Span
from annotator.review.agreement import ALL, ArticleSets, measure_agreement
from annotator.review.characters import (
    CategoryCodes,
    category_profile,
    cohen_kappa,
    krippendorff_alpha,
    paint,
)
from annotator.review.records import event_keys, official_names
from annotator.review.spans import exact_matches, overlap_matches
from annotator.scoring import MatchCounts, count_overlap_pairs, multiset_matches, set_matches

# --- helpers -------------------------------------------------------------------------------


def span(label: str, start: int, end: int, annotator: str = "a", article: str = "x") -> Span:
    return Span(article, annotator, label, start, end, "?" * (end - start))


def aset(annotator: str, spans=(), article: str = "x", **fields) -> AnnotationSet:
    spans = tuple(span(label, s, e, annotator, article) for label, s, e in spans)
    return AnnotationSet(article, annotator, spans=spans, **fields)


def random_spans(rng: random.Random, length: int, labels, count: int) -> list[tuple[str, int, int]]:
    out = []
    for _ in range(count):
        start = rng.randrange(length)
        out.append((rng.choice(labels), start, min(length, start + rng.randint(1, 12))))
    return out


def random_corpus(seed: int, annotators, articles: int = 20) -> list[ArticleSets]:
    """Annotators who copy a shared 'truth' with noise, so agreement is neither 0 nor 1."""
    rng = random.Random(seed)
    corpus = []
    for number in range(articles):
        article_id = f"art{number:03d}"
        length = rng.randint(0, 120)
        text = "".join(rng.choice(string.ascii_letters) for _ in range(length))
        truth = (
            random_spans(rng, length, ENTITY_LABELS[:3], rng.randint(0, 8))
            + random_spans(rng, length, REGION_LABELS[:3], rng.randint(0, 3))
            if length
            else []
        )
        sets = {}
        for name in annotators:
            mine = [s for s in truth if rng.random() < 0.8]
            if length:
                mine += random_spans(rng, length, ENTITY_LABELS[:3] + REGION_LABELS[:2], 2)
            sets[name] = aset(name, mine, article_id)
        corpus.append(ArticleSets(article_id, text, sets))
    return corpus


# --- counts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "precision", "recall", "f1"),
    [
        (MatchCounts(2, 4, 5), 2 / 5, 2 / 4, 4 / 9),
        (MatchCounts(3, 3, 3), 1.0, 1.0, 1.0),
        (MatchCounts(0, 3, 0), None, 0.0, 0.0),  # B labelled nothing: precision undefined
        (MatchCounts(0, 0, 2), 0.0, None, 0.0),  # A labelled nothing: recall undefined
        (MatchCounts(0, 0, 0), None, None, None),  # nobody labelled anything
    ],
)
def test_match_counts_ratios(counts, precision, recall, f1):
    assert (counts.precision, counts.recall, counts.f1) == pytest.approx((precision, recall, f1))


def test_match_counts_json_carries_null_for_undefined():
    assert json.loads(json.dumps(MatchCounts(0, 0, 0).as_json())) == {
        "precision": None,
        "recall": None,
        "f1": None,
        "support_a": 0,
        "support_b": 0,
    }


# --- span matching -------------------------------------------------------------------------


def test_exact_matches_per_label():
    a = aset("a", [("OFFICIAL", 0, 3), ("OFFICIAL", 5, 8), ("ORG", 10, 14)]).spans
    b = aset("b", [("OFFICIAL", 0, 3), ("OFFICIAL", 5, 9), ("PLACE", 10, 14)]).spans
    assert exact_matches(a, b) == {
        "OFFICIAL": MatchCounts(1, 2, 2),
        "ORG": MatchCounts(0, 1, 0),
        "PLACE": MatchCounts(0, 0, 1),
    }


def test_exact_duplicate_span_matches_once():
    a = aset("a", [("DATE", 1, 4), ("DATE", 1, 4)]).spans
    b = aset("b", [("DATE", 1, 4)]).spans
    assert exact_matches(a, b) == {"DATE": MatchCounts(1, 2, 1)}


@pytest.mark.parametrize(
    ("a", "b", "pairs"),
    [
        ([(0, 5)], [(4, 9)], 1),  # one shared character is enough
        ([(0, 5)], [(5, 9)], 0),  # touching is not overlapping
        ([(0, 10)], [(0, 2), (3, 5)], 1),  # one to one: a long span matches once
        ([(0, 2), (3, 5)], [(0, 10)], 1),
        ([(0, 4), (3, 8)], [(3, 4), (0, 1)], 2),  # greedy by start would pair (0,4)-(3,4) only
        ([], [(0, 1)], 0),
    ],
)
def test_count_overlap_pairs_hand_cases(a, b, pairs):
    assert count_overlap_pairs(a, b) == pairs
    assert count_overlap_pairs(b, a) == pairs


@pytest.mark.parametrize("seed", range(5))
def test_count_overlap_pairs_is_a_maximum_matching(seed):
    rng = random.Random(seed)
    for _ in range(300):
        a = [(s, s + rng.randint(1, 8)) for s in rng.choices(range(30), k=rng.randint(1, 7))]
        b = [(s, s + rng.randint(1, 8)) for s in rng.choices(range(30), k=rng.randint(1, 7))]
        graph = csr_matrix([[int(bs < e and s < be) for bs, be in b] for s, e in a])
        best = int((maximum_bipartite_matching(graph, perm_type="column") >= 0).sum())
        assert count_overlap_pairs(a, b) == best


def test_overlap_matching_needs_the_same_label():
    a = aset("a", [("ORG", 0, 8), ("PLACE", 0, 3)]).spans
    b = aset("b", [("PLACE", 1, 5)]).spans
    assert overlap_matches(a, b) == {"ORG": MatchCounts(0, 1, 0), "PLACE": MatchCounts(1, 1, 1)}


# --- characters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([("ORG", 0, 6), ("PLACE", 0, 3)], "OOOOOO.."),  # same start: the longer wins
        ([("PLACE", 2, 4), ("ORG", 0, 6)], "OOOOOO.."),  # nested: the outer one wins
        ([("ORG", 0, 4), ("PLACE", 2, 7)], "OOOOPPP."),  # crossing: the first start wins
        ([("PLACE", 1, 3), ("ORG", 1, 3)], ".OO....."),  # identical: label order decides
        ([], "........"),
    ],
)
def test_paint_overlap_rule(spans, expected):
    codes = CategoryCodes()
    painted = paint(8, aset("a", spans).spans, codes)
    letter = {0: ".", codes.code("ORG"): "O", codes.code("PLACE"): "P"}
    assert "".join(letter[c] for c in painted) == expected


@pytest.mark.parametrize(("start", "end"), [(5, 12), (-1, 2), (3, 3)])
def test_paint_refuses_span_outside_text(start, end):
    bad = Span("x", "a", "ORG", start, end, "")
    with pytest.raises(ValueError, match="falls outside the text of article x"):
        paint(10, [bad], CategoryCodes())


def test_category_profile_counts_every_character_once():
    codes = CategoryCodes()
    a = aset("a", [("ORG", 0, 4)]).spans
    b = aset("b", [("ORG", 2, 6)]).spans
    org = codes.code("ORG")
    assert category_profile(10, [a, b], codes) == {
        (org, 0): 2,
        (org, org): 2,
        (0, org): 2,
        (0, 0): 4,
    }


def test_kappa_and_alpha_hand_computed():
    # A = x x y y, B = x y y y: p_o = 3/4, p_e = (2*1 + 2*3)/16 = 1/2, kappa = 1/2.
    # Coincidences o_xx=2, o_xy=o_yx=1, o_yy=4; n=8, n_x=3, n_y=5: alpha = 1 - 7*2/30 = 8/15.
    profile = {(1, 1): 1, (1, 2): 1, (2, 2): 2}
    assert cohen_kappa(profile) == pytest.approx(0.5)
    assert krippendorff_alpha(profile) == pytest.approx(8 / 15)


def test_alpha_hand_computed_three_coders():
    # Units (x,x,y) and (y,y,y): o_xx = 2/2, o_xy = o_yx = 2/2, o_yy = 2/2 + 6/2 = 4;
    # n = 6, n_x = 2, n_y = 4: alpha = 1 - 5 * 2 / (2 * 2 * 4) = 3/8.
    assert krippendorff_alpha({(1, 1, 2): 1, (2, 2, 2): 1}) == pytest.approx(3 / 8)


@pytest.mark.parametrize(
    "profile",
    [
        {},  # no characters at all
        {(0, 0): 50},  # nobody labelled anything: one category only
        {(3, 3): 7},  # everybody labelled everything the same
    ],
)
def test_kappa_and_alpha_undefined_with_one_category(profile):
    assert cohen_kappa(profile) is None
    assert krippendorff_alpha(profile) is None


def test_kappa_is_defined_when_only_one_annotator_varies():
    # p_e = 0 when A always says x and B always says y: kappa = 0, not undefined.
    assert cohen_kappa({(1, 2): 4}) == 0.0
    assert cohen_kappa({(1, 1): 2, (1, 2): 2}) == 0.0


# --- records -------------------------------------------------------------------------------


def test_official_names_and_event_tuples():
    a = AnnotationSet(
        "x",
        "a",
        officials=(
            Official("x", "a", "马兴瑞"),
            Official("x", "a", " 王宁 "),
            Official("x", "a", ""),
        ),
        events=(Event("x", "a", "座谈会/会议", "2024-09-02", "乌鲁木齐"), Event("x", "a", "参观")),
    )
    b = AnnotationSet(
        "x",
        "b",
        officials=(
            Official("x", "b", "王宁"),
            Official("x", "b", "王宁"),
            Official("x", "b", "楼阳生"),
        ),
        events=(Event("x", "b", "座谈会/会议", "2024-09-02", "乌鲁木齐"),),
    )
    assert official_names(a) == {"马兴瑞", "王宁"}
    assert set_matches(official_names(a), official_names(b)) == MatchCounts(1, 2, 2)
    assert multiset_matches(event_keys(a), event_keys(b)) == MatchCounts(1, 2, 1)


# --- corpus --------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("group", ["entities", "boilerplate"])
def test_kappa_matches_scikit_learn(seed, group):
    corpus = random_corpus(seed, ["a", "b"])
    a, b = per_character(corpus, ["a", "b"], group)
    result = measure_agreement(corpus, ["a", "b"]).pairs[0]
    assert result.kappa[group] == pytest.approx(cohen_kappa_score(a, b))


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("annotators", [["a", "b"], ["a", "b", "c"], ["a", "b", "c", "d"]])
@pytest.mark.parametrize("group", ["entities", "boilerplate"])
def test_alpha_matches_krippendorff_package(seed, annotators, group):
    corpus = random_corpus(seed, annotators)
    result = measure_agreement(corpus, annotators)
    assert result.alpha[group] == pytest.approx(
        reference_alpha(per_character(corpus, annotators, group))
    )
    for pair in result.pairs:
        assert pair.alpha[group] == pytest.approx(
            reference_alpha(per_character(corpus, pair.annotators, group))
        )


def test_corpus_span_scores_sum_the_articles():
    corpus = random_corpus(7, ["a", "b"])
    result = measure_agreement(corpus, ["a", "b"]).pairs[0]
    expected: dict[str, MatchCounts] = {}
    for article in corpus:
        for label, c in exact_matches(article.sets["a"].spans, article.sets["b"].spans).items():
            expected[label] = expected.get(label, MatchCounts()) + c
    assert {k: v for k, v in result.exact.items() if k != ALL} == expected
    assert result.exact[ALL] == sum(expected.values(), MatchCounts())
    assert {s.article_id for s in result.per_article} == {a.article_id for a in corpus}


def test_first_annotator_is_the_reference():
    corpus = random_corpus(3, ["a", "b"])
    ab = measure_agreement(corpus, ["a", "b"]).pairs[0]
    ba = measure_agreement(corpus, ["b", "a"]).pairs[0]
    for label, counts in ab.overlap.items():
        assert counts.precision == ba.overlap[label].recall
        assert counts.support_a == ba.overlap[label].support_b
    assert ab.kappa == pytest.approx(ba.kappa)


def test_only_articles_everyone_labelled_take_part():
    corpus = random_corpus(5, ["a", "b", "c"])
    full = measure_agreement(corpus, ["a", "b", "c"])
    missing = ArticleSets("lonely", "abcdef", {"a": aset("a", [("ORG", 0, 6)], "lonely")})
    skipped = ArticleSets(
        "skipped",
        "abcdef",
        {
            n: aset(n, [("ORG", 0, 2)], "skipped", status="skipped" if n == "c" else "done")
            for n in "abc"
        },
    )
    with_extra = measure_agreement([*corpus, missing, skipped], ["a", "b", "c"])
    figures = with_extra.as_json()
    assert figures.pop("excluded") == {"missing": 1, "skipped": 1}  # said, not silently dropped
    assert figures == {k: v for k, v in full.as_json().items() if k != "excluded"}
    assert with_extra.articles == len(corpus)


def test_empty_articles_and_no_labels_give_null():
    # Both annotators finished both articles and found nothing: they take part, with no figure.
    def finished_empty(article_id: str, text: str) -> ArticleSets:
        return ArticleSets(
            article_id, text, {n: aset(n, article=article_id, status="done") for n in "ab"}
        )

    corpus = [finished_empty("empty", ""), finished_empty("plain", "abc")]
    data = json.loads(json.dumps(measure_agreement(corpus, ["a", "b"]).as_json()))
    assert data["articles"] == 2
    assert data["kappa"] == {"entities": None, "boilerplate": None}
    assert data["alpha"] == {"entities": None, "boilerplate": None}
    assert data["spans"]["exact"] == {ALL: MatchCounts().as_json()}
    assert data["per_article"] == [{"id": "empty", "f1": None}, {"id": "plain", "f1": None}]


def test_no_common_articles():
    corpus = [ArticleSets("x", "abc", {"a": aset("a", [("ORG", 0, 1)])})]
    data = measure_agreement(corpus, ["a", "b"]).as_json()
    assert data["articles"] == 0
    assert data["kappa"]["entities"] is None
    assert data["per_article"] == []


def test_per_article_list_is_worst_first():
    def article(article_id, b_spans):
        return ArticleSets(
            article_id,
            "x" * 20,
            {
                "a": aset("a", [("ORG", 0, 2), ("ORG", 4, 6)], article_id),
                "b": aset("b", b_spans, article_id),
            },
        )

    corpus = [
        article("perfect", [("ORG", 0, 2), ("ORG", 4, 6)]),
        article("half", [("ORG", 0, 2)]),
        article("none", [("PLACE", 10, 12)]),
        article("half-noisy", [("ORG", 0, 2), ("ORG", 8, 9), ("ORG", 10, 11)]),
    ]
    result = measure_agreement(corpus, ["a", "b"]).pairs[0]
    assert [s.article_id for s in result.per_article] == ["none", "half-noisy", "half", "perfect"]
    assert [s.f1 for s in result.per_article] == pytest.approx([0.0, 0.4, 2 / 3, 1.0])


def test_json_shape_for_two_annotators():
    data = json.loads(
        json.dumps(measure_agreement(random_corpus(1, ["a", "b"]), ["a", "b"]).as_json())
    )
    assert set(data) >= {
        "annotators",
        "articles",
        "spans",
        "kappa",
        "alpha",
        "officials",
        "per_article",
    }
    assert data["annotators"] == ["a", "b"]
    assert set(data["spans"]) == {"exact", "overlap"}
    assert set(data["spans"]["exact"]["_all"]) == {
        "precision",
        "recall",
        "f1",
        "support_a",
        "support_b",
    }
    assert set(data["officials"]) == {"precision", "recall", "f1"}
    assert set(data["per_article"][0]) == {"id", "f1"}


def test_json_shape_for_three_annotators():
    data = measure_agreement(random_corpus(2, ["a", "b", "c"]), ["a", "b", "c"]).as_json()
    assert [pair["annotators"] for pair in data["pairs"]] == [["a", "b"], ["a", "c"], ["b", "c"]]
    assert set(data["alpha"]) == {"entities", "boilerplate"}
    assert data["articles"] == 20


@pytest.mark.parametrize("annotators", [[], ["a"], ["a", "a"]])
def test_needs_two_distinct_annotators(annotators):
    with pytest.raises(ValueError, match="two or more distinct annotators"):
        measure_agreement([], annotators)


def test_undefined_where_the_references_give_nan():
    # Everybody labels every character alike: both references return NaN; we say None.
    corpus = [
        ArticleSets("x", "abcd", {n: aset(n, [("ORG", 0, 4)]) for n in "ab"}),
        ArticleSets("y", "ef", {n: aset(n, [("ORG", 0, 2)], "y") for n in "ab"}),
    ]
    a, b = per_character(corpus, ["a", "b"], "entities")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert np.isnan(cohen_kappa_score(a, b))
        assert np.isnan(
            krippendorff.alpha(
                reliability_data=np.zeros((2, len(a))),
                value_domain=[0, 1],
                level_of_measurement="nominal",
            )
        )
    result = measure_agreement(corpus, ["a", "b"])
    assert result.pairs[0].kappa["entities"] is None
    assert result.alpha["entities"] is None
