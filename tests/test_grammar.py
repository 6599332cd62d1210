"""The grammar check: real MT errors come through, clean medical text stays quiet."""

from __future__ import annotations

import gzip
import random
import re
from pathlib import Path

import harper
import pytest

from textfix.checks.grammar import GrammarCheck, confidence, hold_reason
from textfix.checks.grammar.backend import GrammarMatch, make_backend
from textfix.checks.grammar.harper_backend import (
    HarperBackend,
    quoted_in_order,
    replacement_text,
)
from textfix.checks.grammar.vocabulary import (
    MedicalVocabulary,
    is_acronym,
    is_medical_formation,
    load_vocabulary,
    looks_like_drug,
)
from textfix.config import Config
from textfix.errors import ConfigError
from textfix.records import Document, Segment
from textfix.stages.analyse import analyse
from textfix.stages.policy import MIN_CONFIDENCE

from .helpers import parts_document, run_check

MEDQUAD = Path(__file__).resolve().parents[2] / "shared/data/medquad/answers.txt.gz"
BUILD_FRACTION = 0.7  # scripts/build_medical_words.py builds the word list from the rest


@pytest.fixture(scope="module")
def check() -> GrammarCheck:
    return GrammarCheck(Config(grammar_backend="harper"))


def issues_for(check, nlp, paragraphs):
    document = parts_document(paragraphs)
    return document, run_check(check, nlp, document)


@pytest.mark.parametrize(
    ("sentence", "flagged", "fix"),
    [
        ("Doctors recommend to eat a apple every day.", "a", "an"),
        ("Cramps of the the calf muscles wake the patient at night.", "the the", "the"),
        ("He have a pain in the leg after a long walk.", "have", "has"),
        ("The patient received many informations about the treatment.", "informations", None),
    ],
)
def test_mt_errors_come_through(check, nlp, sentence, flagged, fix):
    issue = the_issue_on(check, nlp, sentence, flagged)
    assert issue.category == "grammar"
    assert issue.confidence >= 0.7
    if fix is not None:
        assert issue.suggestions[0].text == fix


@pytest.mark.parametrize(
    "sentence",
    ["The pathologies of the heart is often hidden for years.",
     "Muscle cramps in the legs is a frequent complaint of older people."],
)
def test_agreement_read_off_the_parse_is_offered_not_applied(check, nlp, sentence):
    # a parse of MT is often wrong ("who dies is silent" -> "are"): the editor decides
    issue = the_issue_on(check, nlp, sentence, "is")
    assert issue.rule == "parser/subject-verb-agreement"
    assert issue.suggestions[0].text == "are"
    assert all(s.hold for s in issue.suggestions)  # held for the editor, said why


def the_issue_on(check, nlp, sentence, flagged):
    document, issues = issues_for(check, nlp, [("paragraph", sentence)])
    hits = [i for i in issues if i.span_text(document.text) == flagged]
    assert hits, [(i.rule, i.span_text(document.text)) for i in issues]
    return hits[0]


def test_suggestions_harper_lists_in_no_fixed_order_come_in_one_order():
    """harper lists "chose"/"chosen" in a different order from one process to the next; the
    LM ranking reads the first as harper's best, so the same text must always get the same."""
    [match] = [m for m in HarperBackend().check("He choosed the red one.")
               if m.detail == "RegularIrregulars"]
    assert match.replacements == ["chose", "chosen"]
    assert match.message.index("'chose'") < match.message.index("'chosen'")
    assert quoted_in_order("Use 'chosen' or 'chose', not 'choosed'.", ["chose", "chosen"]) == (
        "Use 'chose' or 'chosen', not 'choosed'.")


def test_offsets_point_into_the_document(check, nlp):
    document, issues = issues_for(
        check,
        nlp,
        [("heading", "Night cramps"), ("paragraph", "Intro text here."),
         ("paragraph", "She eat a apple before sleep.")],
    )
    spans = {i.span_text(document.text) for i in issues}
    assert "a" in spans and "eat" in spans
    for issue in issues:
        assert issue.start > document.text.index("She")
        assert issue.context == "She eat a apple before sleep."


def test_medical_vocabulary_is_not_misspelt(check, nlp):
    text = (
        "Superficial thrombophlebitis and spasticity respond to treatment. "
        "Patients with HbA1c above 7% need metformin or empagliflozin. "
        "Chondromalacia and osteochondritis often cause knee pain."
    )
    _, issues = issues_for(check, nlp, [("paragraph", text)])
    assert [i for i in issues if i.category == "spelling"] == []


def test_real_misspelling_still_flagged(check, nlp):
    document, issues = issues_for(check, nlp, [("paragraph", "The docter will see you soon.")])
    spelling = [i for i in issues if i.category == "spelling"]
    assert [i.span_text(document.text) for i in spelling] == ["docter"]
    assert spelling[0].suggestions and len(spelling[0].suggestions) <= 5
    assert spelling[0].suggestions[0].text == "doctor"
    scores = [s.score for s in spelling[0].suggestions]
    assert scores == sorted(scores, reverse=True)


def test_a_sentence_opening_typo_is_offered_but_a_sentence_opening_name_is_not(check, nlp):
    text = "Beacuse the pain returns, rest. Sandhoff disease is rare. Enteo activists came."
    document, issues = issues_for(check, nlp, [("paragraph", text)])
    spelling = {i.span_text(document.text): i for i in issues if i.category == "spelling"}
    assert "Sandhoff" not in spelling
    # only its place capitalised a typo of a function word: as sure as any single near miss
    assert spelling["Beacuse"].confidence >= 0.5
    # a capitalised unknown word near a content word is as often a name: only the LM may
    # settle it (lm_ranking.py)
    assert spelling["Enteo"].confidence < 0.5


def test_list_items_and_headings_are_not_sentences(check, nlp):
    paragraphs = [("heading", "Night cramps. causes and care"),
                  ("list_item", "Rest first. then stretch the calf"),
                  ("paragraph", "Cramps are common. they happen at night.")]
    document, issues = issues_for(check, nlp, paragraphs)
    flagged = {i.span_text(document.text) for i in issues}
    assert "causes" not in flagged and "then" not in flagged
    assert "they" in flagged  # the same error in a paragraph is still reported


@pytest.mark.parametrize(
    ("word", "best", "applied"),
    [
        ("dont", "don't", True),  # only the apostrophe is missing
        ("italian", "Italian", True),  # only the case is wrong
        ("anti-virus", "antivirus", False),  # house style: both forms are English
        ("micro-loan", "microloan", False),
    ],
)
def test_spelling_fixes_that_change_no_letter_of_the_word(word, best, applied):
    match = GrammarMatch(0, len(word), "harper/Spelling", "spelling", "?", [best, "other"])
    assert applies_alone(match, word) is applied


def test_closing_up_a_word_written_as_two_is_confident_but_a_dialect_word_is_not():
    join = GrammarMatch(0, 15, "harper/WordChoice", "style", "?", ["wholeheartedly"], "MergeWords")
    assert applies_alone(join, "whole heartedly")
    regional = GrammarMatch(0, 12, "harper/Regionalism", "grammar", "?", ["cellphone"])
    assert not applies_alone(regional, "mobile phone")
    assert hold_reason(regional, "mobile phone") == "house style"


def applies_alone(match: GrammarMatch, word: str) -> bool:
    """Would the safe policy apply this flag's fix (the guard willing)? No hold, sure enough."""
    return hold_reason(match, word) is None and confidence(match, word) >= MIN_CONFIDENCE


def test_an_existential_question_keeps_its_there(check, nlp):
    for sentence in ("Is there money for treatment?", "Are there people who live here?"):
        document, issues = issues_for(check, nlp, [("paragraph", sentence)])
        assert "there" not in {i.span_text(document.text) for i in issues}
    document, issues = issues_for(check, nlp, [("paragraph", "They took there coats.")])
    assert "there" in {i.span_text(document.text) for i in issues}


def test_unknown_long_word_less_confident_than_agreement():
    spelling = GrammarMatch(0, 14, "harper/Spelling", "spelling", "?", [])
    agreement = GrammarMatch(
        0, 4, "harper/Agreement", "grammar", "?", ["has"], "PronounVerbAgreement"
    )
    assert confidence(spelling, "cardiomyopathy") < 0.5 < confidence(agreement, "have")


def test_user_word_file(tmp_path, nlp):
    words = tmp_path / "clinic.txt"
    words.write_text("# our clinic's words\nzorbexil\n", encoding="utf-8")
    text = "Take zorbexil twice a day."
    default = GrammarCheck(Config())
    extended = GrammarCheck(Config(extra_medical_words=(words,)))
    _, plain = issues_for(default, nlp, [("paragraph", text)])
    _, extra = issues_for(extended, nlp, [("paragraph", text)])
    assert any(i.category == "spelling" for i in plain)
    assert not any(i.category == "spelling" for i in extra)


def test_missing_word_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read medical word list"):
        load_vocabulary([tmp_path / "absent.txt"])


def test_vocabulary_rules():
    vocab = MedicalVocabulary(frozenset({"spasticity"}))
    assert vocab.accepts("Spasticity") and not vocab.accepts("spasmicity")
    assert is_medical_formation("gastroenteritis") and is_medical_formation("myelopathies")
    assert not is_medical_formation("becuase") and not is_medical_formation("teh")
    assert is_acronym("MRI") and is_acronym("BRCA1") and not is_acronym("Pain")
    assert looks_like_drug("atorvastatin") and not looks_like_drug("table")
    assert vocab.accepts("IgE") and vocab.accepts("q13") and not vocab.accepts("recieve")


@pytest.mark.parametrize(
    ("text", "kind", "problem", "expected"),
    [
        ("I ate a apple.", harper.SuggestionKind.REPLACE, "a", "an"),
        ("I think, uh, it is fine.", harper.SuggestionKind.REMOVE, " uh", ""),
        ("However the patient is ill.", harper.SuggestionKind.INSERT_AFTER, "However", "However,"),
    ],
)
def test_harper_suggestion_kinds(text, kind, problem, expected):
    """Our replacement for the lint's span gives the text harper's own apply_suggestion gives."""
    linter = harper.Linter()
    seen = []
    for lint in linter.lint(text, language="plaintext"):
        for suggestion in lint.suggestions:
            ours = replacement_text(lint, suggestion)
            spliced = text[: lint.span.start] + ours + text[lint.span.end :]
            assert spliced == linter.apply_suggestion(text, lint, suggestion)
            seen.append((suggestion.kind, lint.problem_text, ours))
    assert (kind, problem, expected) in seen


def test_unknown_backend_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown grammar backend"):
        make_backend(Config(grammar_backend="word"))


def test_backend_is_reused(check, nlp):
    assert isinstance(check.backend, HarperBackend)
    linter = check.backend.linter
    issues_for(check, nlp, [("paragraph", "One more sentence.")])
    assert check.backend.linter is linter


# --- measurement on clean NIH text -------------------------------------------------------------

BULLET = re.compile(r"\s+-\s+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"])")


def heldout_sentences(path: Path, n: int, seed: int = 13) -> list[tuple[str, str]]:
    """``n`` (sentence, segment kind) pairs from answers not used to build the word list.

    MedQuAD flattens bullet lists to " - "; the first sentence after a bullet is a list item.
    """
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        answers = [line.rstrip("\n") for line in handle if line.strip()]
    sentences: set[tuple[str, str]] = set()
    for answer in answers[int(len(answers) * BUILD_FRACTION) :]:
        for b, part in enumerate(BULLET.split(answer)):
            for s, sentence in enumerate(SENTENCE_END.split(part)):
                sentence = sentence.strip()
                if len(sentence.split()) >= 6 and sentence[-1] in ".!?":
                    kind = "list_item" if b > 0 and s == 0 else "paragraph"
                    sentences.add((sentence, kind))
    return random.Random(seed).sample(sorted(sentences), n)


def flagged_fraction(check: GrammarCheck, nlp, sample: list[tuple[str, str]]) -> float:
    documents = [
        Document(id=str(i), text=text, segments=[Segment(0, len(text), kind)])
        for i, (text, kind) in enumerate(sample)
    ]
    flagged = sum(1 for adoc in analyse(documents, nlp) if list(check.check(adoc)))
    return flagged / len(documents)


@pytest.mark.slow
def test_clean_health_text_is_rarely_flagged(check, nlp):
    if not MEDQUAD.is_file():
        pytest.skip(f"{MEDQUAD} is not present")
    fraction = flagged_fraction(check, nlp, heldout_sentences(MEDQUAD, 300))
    assert fraction < 0.08, f"{fraction:.1%} of clean sentences flagged"


if __name__ == "__main__":  # full figures: python tests/test_grammar.py [N]
    import sys

    from textfix.stages.analyse import load_spacy

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    sample = heldout_sentences(MEDQUAD, n)
    raw = GrammarCheck(Config(), backend=HarperBackend(disabled_rules=(), disabled_kinds=(),
                       regex_mask=None), vocabulary=MedicalVocabulary(frozenset()),
                       parser_agreement=False)
    raw.keep = lambda match, block: True  # type: ignore[method-assign]
    print(f"harper alone: {flagged_fraction(raw, load_spacy(), sample):.1%} of {n}")
    tuned = GrammarCheck(Config())
    print(f"GrammarCheck: {flagged_fraction(tuned, load_spacy(), sample):.1%} of {n}")


def test_batched_backend_calls_give_the_same_matches_as_one_call_per_text():
    from textfix.checks.grammar.backend import check_many

    backend = HarperBackend()
    texts = ["Eat a apple every day.", "", "The the cramp went away.",
             "He have a cramp in his leg.", "Nothing wrong here."]
    one_by_one = [[(m.start, m.end, m.rule) for m in backend.check(t)] for t in texts]
    batched = [[(m.start, m.end, m.rule) for m in ms] for ms in check_many(backend, texts)]
    assert batched == one_by_one
    assert any(one_by_one), "the texts must contain errors harper finds"


def test_a_text_repeated_in_a_batch_is_checked_once_with_the_same_matches():
    """Boilerplate repeated across a batch of articles costs one engine pass, not one each."""
    from textfix.checks.grammar.backend import check_many

    backend = HarperBackend()
    seen: list[str] = []
    engine = backend.check
    backend.check = lambda text, **kw: seen.append(text) or engine(text, **kw)
    texts = ["He have a cramp.", "Eat a apple.", "He have a cramp.", "He have a cramp."]
    found = check_many(backend, texts)
    assert "".join(seen).count("He have a cramp.") == 1
    assert found[0] == found[2] == found[3] and found[0] and found[0] is not found[2]
    blanked = ["He have a cramp.", "Eat a apple.", "He have a cramp.", "He have a      ."]
    again = check_many(backend, texts, blanked)  # another spelling text: checked on its own
    assert [[m.rule for m in ms] for ms in again] == [[m.rule for m in ms] for ms in found]
    assert "".join(seen).count("He have a cramp.") == 3


def test_a_texts_matches_do_not_depend_on_its_place_in_the_batch():
    """Harper flags a spaced colon at the very end of its input only: the last text of a chunk
    used to get flags its neighbours did not (results changed with batch size and --jobs)."""
    from textfix.checks.grammar.backend import check_many

    backend = HarperBackend()
    texts = ["Symptoms include :", "He go to school yesterday ...", "Nothing wrong here."]
    rules = [[(m.start, m.end, m.rule) for m in ms] for ms in check_many(backend, texts)]
    for order in (texts[::-1], [texts[0]], [texts[1]], texts[1:] + texts[:1]):
        again = dict(zip(order, check_many(backend, order), strict=True))
        assert [[(m.start, m.end, m.rule) for m in again[t]] for t in order] == \
            [rules[texts.index(t)] for t in order]


def test_style_lints_are_style_not_mt_awkwardness(check, nlp):
    """A grammar engine's style lint fires on native text as often as on MT: it is reported as
    "style", and the detection measures do not count it as a translation flag."""
    from textfix.training.detection_eval import MT_CATEGORIES

    native = "Recovery has been much more modest than expected."  # "much more": a double degree
    _, issues = issues_for(check, nlp, [("paragraph", native)])
    [lint] = [i for i in issues if i.rule == "harper/WordChoice"]
    assert lint.category == "style" and "style" not in MT_CATEGORIES


def test_other_dialects_spellings_are_not_misspellings(check, nlp):
    text = "The haemorrhage cost 600 roubles and caused offence."
    _, issues = issues_for(check, nlp, [("paragraph", text)])
    assert [i for i in issues if i.category == "spelling"] == []


def test_only_unambiguous_near_misses_are_confident_enough_to_apply(check, nlp):
    text = "People cannot find the poeple they need."
    document, issues = issues_for(check, nlp, [("paragraph", text)])
    (typo,) = [i for i in issues if i.category == "spelling"]
    assert typo.span_text(document.text) == "poeple"
    assert typo.suggestions[0].text == "people" and typo.confidence >= 0.5
    far = GrammarMatch(0, 8, "harper/Spelling", "spelling", "unknown", ["herein"])
    assert confidence(far, "heremian") < 0.5  # two edits away: a rare word, not a typo


def test_rules_that_never_fire_on_the_survey_are_off_unless_all_rules_are_asked_for():
    """harper's time goes to its ~900 rules; the ~780 that produced no lint on MT, post-edits,
    learner and clean health English (scripts/harper_rule_survey.py) are off by default, and
    ``--all-harper-rules`` (``Config.harper_all_rules``) brings every one back."""
    from textfix.checks.grammar.harper_backend import NOISY_RULES, silent_rules

    silent = silent_rules()
    known = set(harper.Linter(harper.Dialect.AMERICAN).get_default_lint_config())
    assert len(silent) > 500 and silent <= known, "harper renamed rules: re-run the survey"
    assert not silent & NOISY_RULES
    sentence = "I would like the another cup of tea."  # TheAnother: a silent rule
    default = make_backend(Config())
    every = make_backend(Config(harper_all_rules=True))
    assert "TheAnother" in silent
    assert [m.detail for m in every.check(sentence)] == ["TheAnother"]
    assert default.check(sentence) == []
    on = {rule for rule, value in default.linter.get_lint_config().items() if value is not False}
    assert not on & silent and "SpellCheck" in on


def test_all_harper_rules_option_reaches_the_config():
    from textfix.cli import config_from_args, parse_args

    assert config_from_args(parse_args(["check", "--all-harper-rules", "x.txt"])).harper_all_rules
    assert not config_from_args(parse_args(["check", "x.txt"])).harper_all_rules


def test_spelling_of_names_is_not_asked_for_and_the_issues_stay_the_same(check, nlp):
    """harper's time went mostly to spelling suggestions for unknown words, on MT mostly
    transliterated names, whose spelling lints are dropped anyway: the spelling rule reads the
    text with such names blanked, every other rule the text itself, and the issues are the same
    as with one Linter reading everything."""
    from textfix.checks.grammar.names import names_blanked

    text = ("Dr. Tkachenko told Navalny's doctors that Mr. Ivanov recieved 5 mg of the the "
            "drug in Chelyabinsk, and Chelyabinsk-based nurses saw the infosphere report on "
            "r/HealthWatchForum and in an MRI-free TrialNet-style note.")
    doc = nlp(text)
    blanked = names_blanked(doc, text)
    assert len(blanked) == len(text)
    assert "Tkachenko" not in blanked and "Ivanov" not in blanked
    assert "HealthWatchForum" not in blanked  # mixed case: accepted as written, never asked
    assert "MRI-free" in blanked and "TrialNet-style" in blanked
    assert "Navalny's" in blanked and "Chelyabinsk-based" in blanked  # joined: read as written
    assert "Dr." in blanked and "recieved" in blanked
    document = parts_document([("paragraph", text)])
    split = run_check(check, nlp, document)
    check.backend.splits_spelling = False
    try:
        single = run_check(check, nlp, document)
    finally:
        check.backend.splits_spelling = True
    assert [(i.start, i.end, i.rule, [s.text for s in i.suggestions]) for i in split] == \
        [(i.start, i.end, i.rule, [s.text for s in i.suggestions]) for i in single]
    assert any(text[i.start:i.end] == "recieved" for i in split)
