"""Parsing made cheaper without changing a parse (issue 15): spaCy's attribute ruler and
lemmatizer with their look-ups indexed, and a block repeated in a batch parsed once. The parts of
speech, lemmas and morphology every check reads must be exactly what spaCy itself gives."""

from __future__ import annotations

import pickle

import pytest

from textfix.stages.analyse import PREFERRED_MODELS, load_spacy
from textfix.stages.lemma_index import IndexedWords
from textfix.stages.ruler_index import RulerIndex, index_attribute_ruler

# contractions and two-token patterns ("ai n't", "gon na"), white space tokens, questions,
# subordinate clauses, a heading and an MT-style sentence: what the ruler's exceptions are for
TEXTS = [
    "I ain't gonna do nothin' about it, y' know.",
    "He is n't here and we'd  have   gone\n\nif she's ready.",
    "Whether or not the drug works, doctors don't prescribe it till the tests come back.",
    "Symptoms of the disease: fever, cough and fatigue.",
    "An ache in both calves after a short stroll is known as intermittent claudication.",
    "What is it that you have been doing since Monday?",
    "TREATMENT OF HYPERTENSION IN ELDERLY PATIENTS",
]


@pytest.fixture(scope="module")
def nlp():
    return load_spacy()


def test_the_index_finds_what_the_matcher_finds(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    index = RulerIndex(ruler.patterns, ruler.vocab)
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        docs = list(nlp.pipe(TEXTS))
    for doc in docs:
        assert index.match(doc) == type(ruler).match(ruler, doc), doc.text  # spaCy's own


def test_the_loaded_pipeline_uses_the_index_and_still_pickles(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match.__self__, RulerIndex)
    copy = pickle.loads(pickle.dumps(nlp))
    text = TEXTS[0]
    assert [(t.pos_, t.lemma_, str(t.morph)) for t in copy(text)] == [
        (t.pos_, t.lemma_, str(t.morph)) for t in nlp(text)]
    assert [t.lemma_ for t in nlp("I ain't gonna")][1:4] == ["be", "not", "go"]


def test_a_ruler_with_patterns_the_index_cannot_read_keeps_its_matcher():
    import spacy

    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"TEXT": {"FUZZY": "colour"}}]], {"LEMMA": "color"})
    own = ruler.match
    assert not index_attribute_ruler(blank)
    assert ruler.match == own


def test_the_lemma_index_answers_like_its_list_and_gives_spacy_s_lemmas(nlp):
    words = IndexedWords(["knee", "ache", "swelling"])
    assert words == ["knee", "ache", "swelling"] and "ache" in words and "aches" not in words
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(words, IndexedWords) for words in table.values())
    import spacy

    for name in PREFERRED_MODELS:  # the same pipeline as spaCy loads it, tables as lists
        try:
            plain = spacy.load(name, exclude=["ner"])
            break
        except OSError:
            continue
    text = " ".join(TEXTS) + " The swellings worsened and the children's feet were bandaged."
    assert [t.lemma_ for t in nlp(text)] == [t.lemma_ for t in plain(text)]
    assert nlp.to_bytes()  # the tables still serialise


def test_a_block_repeated_in_a_batch_is_parsed_once_and_each_document_gets_its_own_doc(nlp):
    from tests.helpers import paragraphs_document
    from textfix.stages.analyse import analyse

    boilerplate = "Consult your doctor before taking any medication."
    texts = [boilerplate, "The knee hurts at night.", boilerplate]
    calls: list[list[str]] = []
    pipe = nlp.pipe

    class Counting:
        def pipe(self, texts, **kw):
            calls.append(list(texts))
            return pipe(texts, **kw)

    found = analyse([paragraphs_document(t, f"d{n}") for n, t in enumerate(texts)], Counting())
    assert calls == [[boilerplate, "The knee hurts at night."]]
    first, again = found[0].blocks[0].doc, found[2].blocks[0].doc
    assert first is not again
    assert [(t.text, t.pos_, t.dep_, t.lemma_) for t in first] == \
        [(t.text, t.pos_, t.dep_, t.lemma_) for t in again] == \
        [(t.text, t.pos_, t.dep_, t.lemma_) for t in nlp(boilerplate)]
