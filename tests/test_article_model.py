"""The article model (issue 12): which noun phrases it judges, what it reads, and what the check
does with its verdicts."""

from __future__ import annotations

import pytest

from textfix.models.article_model import LABELS, article_slots, stripped


def _slots(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(doc[s.anchor].text, LABELS[s.written]) for s in article_slots(doc)]


def test_slots_are_common_noun_phrases_with_an_article_or_none(nlp):
    found = _slots(nlp, "Patients need rest after the operation and a light meal.")
    assert found == [("Patients", "none"), ("rest", "none"), ("operation", "the"),
                     ("light", "a")]  # a phrase's first word after its article
    assert _slots(nlp, "Ask his doctor about this test.") == []  # other determiners


def test_names_acronyms_and_hyphenated_compounds_are_not_judged(nlp):
    assert _slots(nlp, "The WHO guidance was read by the SARS-CoV-2 team in London.") == []


def test_the_model_reads_the_sentence_without_the_judged_articles(nlp):
    doc = nlp("Take a tablet with the water after this meal.")
    slots = article_slots(doc)
    text, starts = stripped(doc, slots)
    assert text == "Take tablet with water after this meal."
    assert [text[a : a + 6] for a, _ in starts] == ["tablet", "water "]


@pytest.fixture(scope="module")
def check():
    from textfix.checks.article_model import ArticleModelCheck
    from textfix.config import Config

    return ArticleModelCheck(Config())


def _issues(check, text: str):
    from textfix.ingest import document_from_text
    from textfix.stages.analyse import analyse, load_spacy

    return list(check.check(analyse([document_from_text(text, "t")], load_spacy())[0]))


def test_a_dropped_article_is_offered_and_waits_for_an_editor(check):
    text = "She made appointment with a surgeon."
    issues = _issues(check, text)
    assert [text[i.start : i.end] for i in issues] == ["appointment"]
    suggestion = issues[0].suggestions[0]
    assert suggestion.text == "an appointment"
    assert suggestion.hold  # the model's choice is offered, never applied on its own


def test_a_the_before_a_noun_used_in_general_is_offered_for_deletion(check):
    text = "Avoid the alcohol for two days after the injection."
    issues = _issues(check, text)
    assert [(text[i.start : i.end], i.suggestions[0].text) for i in issues] == [
        ("the alcohol", "alcohol")]


def test_clean_sentences_and_specific_nouns_are_left_alone(check):
    for text in ("She made an appointment with a surgeon.",
                 "Glaucoma increases the pressure in the eye.",
                 "The results are in line with earlier studies."):
        assert _issues(check, text) == []
