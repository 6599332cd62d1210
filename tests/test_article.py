"""collocation/article: "the" on a generic mass noun or plural, a missing article before a
singular count noun, judged by counts of clean health English; the fix only adds or drops the
article."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from textfix.checks.collocation import CollocationCheck
from textfix.checks.collocation.article import plural_counts
from textfix.config import Config

from .helpers import apply_first, run_check

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def check() -> CollocationCheck:
    return CollocationCheck(Config())


def _articles(check, nlp, text):
    return [i for i in run_check(check, nlp, text) if i.rule == "collocation/article"]


@pytest.mark.parametrize(("text", "fixed"), [
    ("People with gout should limit the alcohol.",
     "People with gout should limit alcohol."),
    ("Adults with the diabetes need their eyes checked every year.",
     "Adults with diabetes need their eyes checked every year."),
    ("Tobacco smoke harms the infants.", "Tobacco smoke harms infants."),
])
def test_a_superfluous_the_is_dropped_and_nothing_else_changes(check, nlp, text, fixed):
    found = _articles(check, nlp, text)
    assert len(found) == 1
    assert text[found[0].start:found[0].end].lower().startswith("the ")
    assert apply_first(text, found) == fixed


@pytest.mark.parametrize("text", [
    # the same nouns where "the" is right: specified, pointed back to, told of in the past
    "People with gout should limit the alcohol they drink at weekends.",
    "Alcohol harms the liver, and the alcohol in beer is no exception.",
    "The patient stopped drinking, and the alcohol withdrawal began on day two.",
    "Tobacco smoke harmed the infants.",
    "The infants in the trial received two doses.",
    "The immune system fights infection.",
])
def test_the_is_left_where_it_is_specific(check, nlp, text):
    assert _articles(check, nlp, text) == []


def test_a_missing_article_is_inserted_before_the_noun(check, nlp):
    text = "If patient has chest pain, call an ambulance."
    found = _articles(check, nlp, text)
    assert apply_first(text, found) == "If the patient has chest pain, call an ambulance."


def test_a_count_noun_the_table_barely_knows_is_judged_by_its_plural(check, nlp):
    """MedQuAD hardly mentions tablets; "tablets" being as common as "tablet" in English makes
    it a count noun, and a lone object of an instruction gets "a"."""
    text = "Dissolve tablet in half a glass of water."
    assert apply_first(text, _articles(check, nlp, text)) == \
        "Dissolve a tablet in half a glass of water."
    assert _articles(check, nlp, "Drink water before every meal.") == []
    assert _articles(check, nlp, "The lab provided notification to the agency.") == []


def test_the_shipped_plural_table_holds_generic_plurals_rarely_seen_with_the():
    counts = plural_counts()
    total, the = counts["infants"]
    assert total >= 100 and the / total < 0.02
    assert all(word.endswith("s") or word in ("children", "people", "women", "men", "feet",
                                               "teeth", "mice", "geese", "lice") for word in counts)


def _builder():
    """``scripts/build_article_nouns.py`` as a module (scripts are no package)."""
    spec = importlib.util.spec_from_file_location("builder",
                                                  REPO / "scripts" / "build_article_nouns.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    return builder


def test_the_builder_counts_the_only_where_nothing_specifies_the_plural():
    builder = _builder()
    total, the_bare = builder.count(["The babies of smokers weigh less. Babies cry. "
                                     "Feed the babies often."])
    assert total["babies"] == 3
    assert the_bare["babies"] == 1  # "the babies of smokers" is specified


def test_the_builder_counts_what_is_had_only_where_its_phrase_ends():
    builder = _builder()
    seen = builder.count_have(["If you have a cold, rest. She had a cold and a cough. "
                               "They have cold hands. He has diarrhea after meals."])
    assert seen["cold"]["a"] == 2 and seen["cold"]["0"] == 0  # "cold hands": not its phrase end
    assert seen["diarrhea"]["0"] == 1


@pytest.mark.parametrize(("text", "fixed"), [
    ("My husband has cough that does not go away.",
     "My husband has a cough that does not go away."),
    ("The test shows whether you have infection.",
     "The test shows whether you have an infection."),
])
def test_what_is_had_gets_the_article_clean_text_gives_it(check, nlp, text, fixed):
    assert apply_first(text, _articles(check, nlp, text)) == fixed


def test_what_clean_text_also_has_bare_is_left_alone(check, nlp):
    assert _articles(check, nlp, "She has diarrhea after every meal.") == []
    assert _articles(check, nlp, "If you have fever, call the doctor.") == []
