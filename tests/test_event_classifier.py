"""The event classifier beside the trigger rules: trained from what people labelled (never
`auto`), reproducible, and joined to the rules without overruling the modality cues."""

from __future__ import annotations

from pathlib import Path

from annotator.cli import main
from annotator.model import AUTO, AnnotationSet, Article, Event, OffsetMap, Span
from annotator.store import Store
from annotator.suggest.dates import DateContext
from annotator.suggest.event_classifier import (
    NO_TRIGGER,
    NONE,
    EventClassifier,
    LabelledSentence,
    database_classifier_path,
    sentence_features,
    train_classifier,
)
from annotator.suggest.event_training import (
    labelled_articles,
    rule_labels,
    score_events,
    train_events,
)
from annotator.suggest.events import CLASSIFIED, find_events
from annotator.suggest.lexicons import default_lexicons

LEXICONS = default_lexicons()
SURNAMES = "张王李赵刘陈杨黄周吴郑孙"
BASE_PARAGRAPHS = (
    "国务院总理李鹏昨天在人民大会堂会见了日本客人。大家一致认为合作很好。",
    "代表团参观了工厂,天气很好。他希望明年再来参观。",
    "他说,今年要多开会。会议在北京召开。",
)
# 茶话会 is no trigger word: only people's labels can teach it
UNSEEN = "3月2日,县长孙强与老党员共度迎春茶话会。"


WHO = ("离退休老同志", "各界人士", "劳动模范", "青年代表", "老党员", "科技工作者")
HOW = ("欢聚", "共度", "相聚", "同聚")
WHAT = ("新春", "迎春", "重阳", "国庆")
WHEN = ("1月{day}日,", "昨天上午,", "")
TITLES = ("市委书记", "县长", "区委书记", "镇长", "厅长")
LATER = ("大家畅谈发展变化。", "现场气氛热烈。", "与会者纷纷发言。")


def _article(n: int) -> Article:
    """Sentences that vary but for the word 茶话会, so that word is what a model must learn."""
    who, how, what = WHO[n % 6], HOW[n % 4], WHAT[(n // 4) % 4]
    when, title = WHEN[n % 3].format(day=n + 1), TITLES[n % 5]
    text = (
        f"{when}{title}{SURNAMES[n]}明与{who}{how}{what}茶话会。{LATER[n % 3]}\n"
        f"{SURNAMES[n]}明在人民会堂会见了来访客人。"
    )
    return Article(
        f"{n:016x}", f"{n}.txt", text, text, OffsetMap.identity(len(text)), published="2024-01-10"
    )


def _labelled_store(store: Store, articles: int = 12, annotator: str = "alice") -> list[Article]:
    """People label each article's 茶话会 sentence a 宴会/招待会 and finish the article."""
    made = [_article(n) for n in range(articles)]
    store.add_articles(made)
    for article in made:
        end = article.text.index("。") + 1
        span = Span(article.id, annotator, "EVENT", 0, end, article.text[:end], 1)
        event = Event(article.id, annotator, "宴会/招待会", evidence=1, id=1)
        store.replace_annotation_set(
            AnnotationSet(article.id, annotator, "done", 1.0, (span,), (), (event,))
        )
    return made


def _base() -> list[LabelledSentence]:
    return [s for p in BASE_PARAGRAPHS * 3 for s in rule_labels(p, LEXICONS)]


def _events(text: str, classifier: EventClassifier | None) -> list[tuple[str, str]]:
    found, _dates, _context = find_events(
        text, 0, DateContext.for_published("2024-03-03"), LEXICONS, classifier=classifier
    )
    return [(e.type, e.trigger) for e in found]


def test_people_s_events_teach_it_a_word_the_rules_lack(tmp_path: Path) -> None:
    with Store.open(memory=True) as store:
        _labelled_store(store)
        articles = labelled_articles(store, LEXICONS)
    model = tmp_path / "events.crfsuite"
    train_events(_base(), articles, model, LEXICONS)
    classifier = EventClassifier(model, LEXICONS)
    assert _events(UNSEEN, None) == []  # the rules alone find nothing
    assert _events(UNSEEN, classifier) == [("宴会/招待会", CLASSIFIED)]
    assert _events("今天天气很好。", classifier) == []
    before, after = (
        score_events(articles, LEXICONS, None),
        score_events(articles, LEXICONS, classifier),
    )
    assert before.detection.matched == 0
    assert after.detection.matched == after.detection.support_a == 12
    assert after.type_accuracy == 1.0


def test_the_suggestions_never_teach_themselves(tmp_path: Path) -> None:
    with Store.open(memory=True) as store:
        _labelled_store(store, annotator=AUTO)
        assert labelled_articles(store, LEXICONS) == []


def test_an_unfinished_set_gives_only_its_events_and_gold_comes_first() -> None:
    with Store.open(memory=True) as store:
        (article,) = _labelled_store(store, articles=1)
        end = article.text.index("。") + 1
        span = Span(article.id, "gold", "EVENT", 0, end, article.text[:end], 1)
        store.replace_annotation_set(
            AnnotationSet(
                article.id, "gold", "in_progress", 1.0, (span,), (), (Event(article.id, "gold", "慰问", evidence=1, id=1),)
            )
        )  # fmt: skip
        (labelled,) = labelled_articles(store, LEXICONS)
    assert [s.label for _s, _e, s in labelled.sentences] == ["慰问"]  # gold's; its only sentence
    assert not labelled.complete


def test_a_planned_event_is_no_example_of_one_that_happened() -> None:
    with Store.open(memory=True) as store:
        (article,) = _labelled_store(store, articles=1)
        aset = store.get_annotation_set(article.id, "alice")
        store.save_event(Event(**{**_fields(aset.events[0]), "modality": "planned"}))
        (labelled,) = labelled_articles(store, LEXICONS)
    assert {s.label for _s, _e, s in labelled.sentences} == {NONE}


def _fields(event: Event) -> dict:
    return {name: getattr(event, name) for name in Event.__dataclass_fields__}


def test_training_is_reproducible(tmp_path: Path) -> None:
    sentences = _base()
    first, second = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    train_classifier(sentences, first, LEXICONS)
    train_classifier(sentences, second, LEXICONS)
    assert first.read_bytes() == second.read_bytes()


class _Sure:
    """A stand-in classifier that always gives one label with certainty."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.asked: list[str] = []

    def classify(self, sentence: str, rules: str):
        from annotator.suggest.event_classifier import Verdict

        self.asked.append(rules)
        return Verdict({self.label: 1.0, NONE if self.label != NONE else "会见": 0.0})


def test_a_sure_none_drops_a_rule_event_and_a_sure_type_retypes_it() -> None:
    assert _events("市长会见了外宾。", None) == [("会见", "会见")]
    assert _events("市长会见了外宾。", _Sure(NONE)) == []  # type: ignore[arg-type]
    assert _events("市长会见了外宾。", _Sure("会谈")) == [("会谈", "会见")]  # type: ignore[arg-type]


def test_the_cues_still_void_what_only_hopes_plans_or_titles() -> None:
    """No event on a sentence that only hopes, plans or titles, whatever the model says."""
    sure = _Sure("会见")
    for text in (
        "他希望明年再来看望乡亲们。",
        "双方将于下月签署协议。",
        "书架上摆着《关于古镇民居的考察》一书。",
    ):
        assert _events(text, sure) == []  # type: ignore[arg-type]
    assert sure.asked == []  # a voided trigger is not even put to the model
    assert _events("今天天气很好。", sure) == [("会见", CLASSIFIED)]  # type: ignore[arg-type]
    assert sure.asked == [NO_TRIGGER]


def test_train_writes_the_database_s_classifier_and_suggestions_use_it(tmp_path, capsys) -> None:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(
        "\n".join("  ".join(f"{c}/x" for c in paragraph) for paragraph in BASE_PARAGRAPHS * 40),
        encoding="utf-8",
    )
    db = tmp_path / "labels.db"
    with Store.open(db) as store:
        _labelled_store(store)
        unseen = Article("f" * 16, "new.txt", UNSEEN, UNSEEN, OffsetMap.identity(len(UNSEEN)))
        store.add_articles([unseen])
    assert main(["--db", str(db), "train", "--corpus", str(corpus), "--iterations", "5"]) == 0
    out = capsys.readouterr().out
    assert database_classifier_path(db).is_file()
    assert "event classifier:" in out and "after:" in out
    with Store.open(db) as store:
        (event,) = store.get_annotation_set(unseen.id, AUTO).events
    assert event.type == "宴会/招待会"


def test_evaluate_cross_validates_the_events_before_and_after(tmp_path, capsys) -> None:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(
        "\n".join("  ".join(f"{c}/x" for c in p) for p in BASE_PARAGRAPHS * 40), encoding="utf-8"
    )
    db = tmp_path / "labels.db"
    with Store.open(db) as store:
        _labelled_store(store, articles=12)
    args = ["--db", str(db), "evaluate", "--cross-validate", "2", "--only", "events"]
    assert main([*args, "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "event classifier, 2-fold cross-validation on 12 articles" in out
    before, after = [
        line for line in out.splitlines() if line.strip().startswith(("all", "after"))
    ][-2:]
    assert "events P" in before and "tuples F1" in after


def test_the_fast_features_are_the_weighted_features_of_the_full_ones(tmp_path: Path) -> None:
    """Suggestions compute only the features a model weighs; they must be exactly those of
    the full feature set the model was trained on."""
    with Store.open(memory=True) as store:
        _labelled_store(store)
        articles = labelled_articles(store, LEXICONS)
    model = tmp_path / "events.crfsuite"
    train_events(_base(), articles, model, LEXICONS)
    classifier = EventClassifier(model, LEXICONS)
    weighted = {attr for attr, _label in pycrfsuite_info(model).state_features}
    sentences = [
        UNSEEN,
        "與會人員參觀了智慧製造產業園。",
        "他希望明年再来看望乡亲们。",
        "１２月３日,会见。",
        "",
    ]
    sentences += [s.text for a in articles for _s, _e, s in a.sentences]
    for sentence in sentences:
        for rules in (NO_TRIGGER, "会见", "void"):
            full = set(sentence_features(sentence, LEXICONS, rules))
            assert classifier.active_features(sentence, rules) == full & weighted, sentence


def pycrfsuite_info(model: Path):
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    return tagger.info()


def test_a_sentence_telling_again_an_event_people_kept_is_no_none() -> None:
    """The suggestions merge it into that event: teaching the model it is none would make it
    drop the event's first sentence elsewhere."""
    text = _article(0).text + "\n随后,双方再次会见了来访客人。"
    article = Article("e" * 16, "again.txt", text, text, OffsetMap.identity(len(text)))
    start = text.index("\n") + 1
    end = text.index("\n", start)
    with Store.open(memory=True) as store:
        store.add_articles([article])
        span = Span(article.id, "alice", "EVENT", start, end, text[start:end], 1)
        event = Event(article.id, "alice", "会见", evidence=1, id=1)
        store.replace_annotation_set(
            AnnotationSet(article.id, "alice", "done", 1.0, (span,), (), (event,))
        )
        (labelled,) = labelled_articles(store, LEXICONS)
    labels = [(s.text, s.label) for _s, _e, s in labelled.sentences]
    assert labels[-2:] == [(text[start:end], "会见"), ("随后,双方再次会见了来访客人。", "会见")]
    assert labels[0][1] == NONE  # the 茶话会 nobody recorded here


def test_every_fold_holds_articles() -> None:
    from annotator.suggest.event_training import LabelledArticle, folds

    articles = [LabelledArticle(_article(n), (), (), True) for n in range(7)]
    dealt = folds(articles, 5)
    assert sorted(set(dealt)) == [0, 1, 2, 3, 4]
    assert folds(articles[::-1], 5) == dealt[::-1]  # the deal follows the articles, not the order


def test_cross_validation_of_names_alone_is_no_failure_for_want_of_events(tmp_path, capsys):
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(
        "\n".join("  ".join(f"{c}/x" for c in p) for p in BASE_PARAGRAPHS * 40), encoding="utf-8"
    )
    db = tmp_path / "labels.db"
    with Store.open(db) as store:
        _labelled_store(store, articles=2)
    args = ["--db", str(db), "evaluate", "--cross-validate", "3", "--corpus", str(corpus)]
    assert main([*args, "--only", "events"]) == 2  # asked for alone: they are missing
    assert "2 articles with labelled events cannot make 3 folds" in capsys.readouterr().err
