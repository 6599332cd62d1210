"""False alarms on clean native English (issue 12): the filters that tell them apart by context
keep flagging the same slips in machine translation."""

from __future__ import annotations

import pytest

from textfix.checks.grammar.match import GrammarMatch
from textfix.checks.grammar.native import (
    capitals_beside_corrections,
    is_lower_case_text,
    is_native_usage,
)
from textfix.checks.grammar.science import is_plural_of, is_prefixed_word
from textfix.checks.hidden_verbs import used_as_verb


def _match(text: str, word: str, detail: str, kind: str = "typography") -> GrammarMatch:
    start = text.index(word)
    return GrammarMatch(start, start + len(word), f"harper/{detail}", kind, "", [], detail)


def test_capitalisation_is_dropped_only_in_text_written_without_capitals():
    transcript = "and i think i have had a fever since yesterday"
    assert is_lower_case_text(transcript)
    assert is_native_usage(transcript, _match(transcript, "and", "SentenceCapitalization"))
    article = "The knee aches. the swelling starts after long walking."
    assert not is_native_usage(article, _match(article, "the", "SentenceCapitalization"))
    prose = "the knee aches. the swelling starts after long walking."  # typed without capitals
    assert not is_lower_case_text(prose)
    assert not is_native_usage(prose, _match(prose, "the", "SentenceCapitalization"))


def test_a_lower_case_sentence_being_corrected_anyway_gets_its_capitals_back():
    text = "the knee aches at night. the swelling starts after long walkng"
    sentences = [(0, 24), (25, len(text))]
    first = _match(text, "the knee", "SentenceCapitalization")
    second = _match(text, "the swelling", "SentenceCapitalization")
    typo = _match(text, "walkng", "SpellCheck", "spelling")
    back = capitals_beside_corrections(text, sentences, [first, second, typo], [typo])
    assert back == [second]  # the first sentence has nothing else to correct
    assert capitals_beside_corrections(text, sentences, [first, second], []) == []
    capitals = "The knee aches. the swelling starts after long walkng."
    assert capitals_beside_corrections(capitals, [(0, 15), (16, len(capitals))],
                                       [second, typo], [typo]) == []


def test_a_lone_quote_may_continue_in_the_next_segment_but_an_odd_third_is_flagged():
    lone = 'The minister said that "the risk of spread is high in every region.'
    assert is_native_usage(lone, _match(lone, '"', "UnclosedQuotes"))
    odd = 'He said "rest" and "drink water.'
    assert not is_native_usage(odd, _match(odd, '"drink'[0], "UnclosedQuotes"))


@pytest.mark.parametrize(("text", "span", "native"), [
    ("The patients had had the vaccine before.", "had had", True),
    ("The compound was described by Hussein A A in 2020.", "A A", True),
    ("The knee is very very sore.", "very very", False),
])
def test_grammatical_doublings_and_initials_are_not_repetitions(text, span, native):
    assert is_native_usage(text, _match(text, span, "RepeatedWords", "grammar")) is native


@pytest.mark.parametrize(("text", "word", "native"), [
    ("Children aged &lt; 5 years were excluded.", "lt", True),
    ("Join the #remoties channel to talk.", "remoties", True),
    ("The highest risk is in their 50s today.", "s", True),
    ("Drink water evry morning.", "evry", False),
])
def test_spelling_flags_on_what_is_no_word(text, word, native):
    assert is_native_usage(text, _match(text, word, "SpellCheck", "spelling")) is native


def test_word_formation_accepts_terms_but_not_slips_of_function_words():
    assert is_prefixed_word("upregulation") and is_prefixed_word("inviability")
    assert not is_prefixed_word("unnecesary")  # the rest is no common word
    stop = frozenset({"again", "against"})
    assert is_plural_of("exudates", frozenset(), stop)
    assert is_plural_of("pneumonias", frozenset(), stop)
    assert not is_plural_of("agains", frozenset(), stop)


def test_a_verb_opening_an_instruction_is_told_from_a_noun_that_can_be_a_verb():
    assert used_as_verb("scrub") and used_as_verb("lather") and used_as_verb("rinse")
    assert not used_as_verb("pain") and not used_as_verb("joint")


@pytest.mark.parametrize(("text", "span", "native"), [
    ("Phase II trials test the NCE in patients.", "the NCE", True),
    ("The highest risk is in their 50s and falls after.", "s and", True),
    ("Call us any time, any where.", "any where", False),
])
def test_merges_of_an_acronym_or_a_token_tail_are_dropped(text, span, native):
    assert is_native_usage(text, _match(text, span, "MergeWords", "style")) is native
