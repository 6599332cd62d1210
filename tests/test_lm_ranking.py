"""The health LM ranks every check's fixes in their sentence: it settles ambiguous typos, never
names, and holds back fixes that make the sentence read worse."""

from __future__ import annotations

import pytest

from textfix.config import Config
from textfix.records import Issue, Suggestion
from textfix.stages.lm_ranking import (
    HOLD_READS_WORSE,
    Judgement,
    LMRanker,
    reweigh,
    same_word,
    settles_typo,
)
from textfix.stages.policy import MIN_CONFIDENCE, select_edits
from textfix.stages.ranking import best_suggestion


@pytest.fixture(scope="module")
def pipelines():
    from textfix.pipeline import Pipeline

    with_lm = Pipeline(Config(checks=("grammar",)))
    without = Pipeline(Config(checks=("grammar",), rank_with_lm=False))
    return with_lm, without


def fix(pipeline, text: str):
    from textfix.ingest import document_from_text

    return pipeline.run_one(document_from_text(text, doc_id="t"))


COMMON_WORDS = {"year", "yeah", "Because", "feel", "are", "was", "zealots", "focus", "focused",
                "the", "baby", "cut", "reread", "month", "months"}


def pieces(word: str) -> int:
    """A stand-in for the LM's vocabulary: a common word is one piece, anything else three."""
    return 1 if word in COMMON_WORDS else 3


def issue(word: str, text: str, suggestions: list[str], confidence: float,
          category: str = "spelling") -> Issue:
    start = text.index(word)
    return Issue(start, start + len(word), category, "harper/Spelling", "?", "harper",
                 confidence=confidence,
                 suggestions=[Suggestion(s, "harper", round(confidence * (1 - 0.12 * n), 4))
                              for n, s in enumerate(suggestions)])


def judged(word: str, text: str, gains: dict[str, float], confidence: float,
           category: str = "spelling") -> Issue:
    """An issue whose suggestions are ``gains``' keys, after the LM's judgement of them."""
    flagged = issue(word, text, list(gains), confidence, category)
    reweigh(flagged, Judgement(gains), text, pieces)
    return flagged


def test_the_shipped_lm_settles_a_short_typo_the_spelling_list_left_to_the_editor(pipelines):
    with_lm, without = pipelines
    text = "Drink water every day because ypu lose fluid when you sweat."
    plain = fix(without, text)
    flagged = [i for i in plain.issues if plain.document.text[i.start : i.end] == "ypu"]
    assert flagged and flagged[0].confidence < MIN_CONFIDENCE  # ambiguous without the LM
    assert plain.corrected == text
    assert fix(with_lm, text).corrected == text.replace("ypu", "you")


def test_numbers_doses_and_drug_names_survive_lm_ranking(pipelines):
    with_lm, _ = pipelines
    text = "Take 5 mg of ibuprofen twice a day, and do not take more than 20 mg."
    result = fix(with_lm, text)
    assert result.corrected == text


def test_a_capitalised_unknown_word_far_from_its_candidate_is_a_name_not_a_typo():
    text = "Parfenov posted a new series."
    assert not settles_typo("Parfenov", "Parent", 30.0, text, 0, pieces)
    text = "Beacuse it hurts, rest."
    assert settles_typo("Beacuse", "Because", 25.0, text, 0, pieces)
    # one edit from a word, but a name: a capitalised word needs the LM far surer
    assert not settles_typo("Ilya", "Ila", 13.3, "Ilya went home.", 0, pieces)


def test_handles_initials_and_rare_candidates_are_left_to_the_editor():
    text = "Posted by u/Forjoin today."
    start = text.index("Forjoin")
    assert not settles_typo("Forjoin", "Forjoined", 20.0, text, start, lambda w: 3)
    assert not settles_typo("u", "up", 20.0, "by u today", 3, lambda w: 1)
    # the candidate breaks into as many pieces as the word: the LM does not know it either
    assert not settles_typo("havchick", "hatcheck", 20.0, "a havchick", 2, lambda w: 4)


def test_an_ambiguous_typo_is_applied_only_when_the_lm_prefers_one_candidate_clearly():
    text = "I met her last yaer at the clinic."
    decided = judged("yaer", text, {"yeah": 4.0, "year": 18.0}, 0.35)
    assert decided.confidence >= MIN_CONFIDENCE
    assert best_suggestion(decided, text).text == "year"
    assert [e.replacement for e in select_edits([_safe(decided)], text, "safe")] == ["year"]

    undecided = judged("yaer", text, {"yeah": 16.0, "year": 17.0}, 0.35)
    assert undecided.confidence < MIN_CONFIDENCE


def test_two_forms_of_one_word_do_not_make_a_typo_ambiguous():
    text = "We focuse on sleep."
    forms = judged("focuse", text, {"focus": 26.5, "focused": 25.8}, 0.35)
    assert forms.confidence >= MIN_CONFIDENCE
    assert best_suggestion(forms, text).text == "focus"


def test_the_lm_does_not_override_the_checkers_nearer_word_when_settling_a_typo():
    text = "They may go to the house whitch the elderly person lives in."
    words = {"which", "with"}
    flagged = issue("whitch", text, ["which", "with"], 0.35)
    # "with" reads far better to the LM, but it is two edits away and "which" one
    reweigh(flagged, Judgement({"which": 10.0, "with": 30.1}), text,
            lambda w: 1 if w in words else 3)
    assert flagged.confidence < MIN_CONFIDENCE  # left to the editor
    assert select_edits([_safe(flagged)], text, "safe") == []


def test_a_form_of_the_checkers_word_the_lm_barely_prefers_does_not_replace_it():
    text = "For example, last monthe I bought a product."
    settled = judged("monthe", text, {"month": 25.0, "months": 27.1, "mouthe": 2.0}, 0.35)
    assert settled.confidence >= MIN_CONFIDENCE
    assert best_suggestion(settled, text).text == "month"
    clearly = judged("monthe", text, {"month": 20.0, "months": 27.1, "mouthe": 2.0}, 0.35)
    assert best_suggestion(clearly, text).text == "months"


def test_forms_of_a_word_are_told_from_other_words_that_start_the_same():
    assert same_word("successful", "successfully") and same_word("month's", "month")
    assert same_word("dose", "dosing") and same_word("focus", "focuses")
    assert not same_word("form", "format") and not same_word("than", "thank")


def test_short_and_foreign_words_need_more_than_a_near_miss():
    assert settles_typo("ther", "the", 16.4, "ther pain", 0, pieces)
    assert not settles_typo("baba", "baby", 6.5, "the baba", 4, pieces)  # short: slang as often
    assert not settles_typo("tête", "the", 48.0, "a tête", 2, pieces)  # not English
    assert not settles_typo("re-read", "reread", 11.2, "to re-read", 3, pieces)  # house style
    # three edits away is a different word, however much the LM likes it
    assert not settles_typo("voivode", "cut", 31.2, "the voivode", 4, pieces)


def test_a_fix_the_lm_finds_much_worse_waits_for_an_editor():
    text = "The patient feels dizzy."
    confident = judged("feels", text, {"feel": -12.0}, 0.9, category="grammar")
    assert confident.confidence == 0.9  # the problem is as sure as before: the fix is held
    assert all(s.hold == HOLD_READS_WORSE for s in confident.suggestions)
    assert select_edits([_safe(confident)], text, "safe") == []
    assert confident.suggestions  # still offered to the editor

    text = "actually the pain passed."
    capital = judged("actually", text, {"Actually": -12.0}, 0.6, category="typography")
    assert capital.suggestions[0].hold is None  # letter case is the checks' call, not the LM's


def test_a_spelling_candidate_farther_from_the_word_is_not_promoted_over_a_nearer_one():
    text = "The zelots ran around."
    zealots = judged("zelots", text, {"zealots": 2.0, "zero's": 9.0}, 0.7)
    assert best_suggestion(zealots, text).text == "zealots"
    grammar = judged("is", "They is ill.", {"are": 1.0, "was": 8.0}, 0.7, category="grammar")
    assert best_suggestion(grammar, "They is ill.").text == "was"


def test_hand_curated_alternatives_keep_their_order():
    text = "Against the background of stress, sleep worsens."
    span = "Against the background of"
    calque = Issue(0, len(span), "calque", "calque/against-the-background-of", "?", "lexicon",
                   confidence=0.8, suggestions=[Suggestion("Due to", "lexicon", 0.8),
                                                Suggestion("With", "lexicon", 0.7)])
    reweigh(calque, Judgement({"Due to": 60.0, "With": 72.0}), text, pieces)
    assert best_suggestion(calque, text).text == "Due to"


def test_no_models_on_the_command_line_means_no_lm_ranking():
    from textfix.cli import config_from_args, parse_args

    assert config_from_args(parse_args(["check", "a.txt"])).rank_with_lm is True
    config = config_from_args(parse_args(["check", "--no-models", "a.txt"]))
    assert config.rank_with_lm is False
    assert LMRanker.create(config) is None


def _safe(found: Issue) -> Issue:
    for suggestion in found.suggestions:
        suggestion.safe = True
    return found
