"""Spelling that knows English and science: real words and terms pass, typos are still caught."""

from __future__ import annotations

import subprocess
import sys

import pytest

from textfix.checks.grammar import GrammarCheck
from textfix.checks.grammar.frequency import MIN_ZIPF, TYPO_MARGIN, is_frequent_word, zipf
from textfix.checks.grammar.science import is_science_formation, science_vocabulary
from textfix.checks.grammar.vocabulary import load_vocabulary
from textfix.config import Config

from .helpers import parts_document, run_check

# Misspellings common enough to be in a frequency list (Zipf 2 to 4): never taken for words.
COMMON_MISSPELLINGS = ["recieve", "teh", "wich", "occured", "seperate", "definately", "thier",
                       "accomodate", "begining", "goverment", "wierd", "truely", "arguement",
                       "tommorow", "recomend", "alot", "medecine", "desease", "symptons"]


@pytest.fixture(scope="module")
def check() -> GrammarCheck:
    return GrammarCheck(Config(grammar_backend="harper"))


def spelling_flags(check, nlp, sentence: str) -> list[str]:
    document = parts_document([("paragraph", sentence)])
    return [i.span_text(document.text) for i in run_check(check, nlp, document)
            if i.category == "spelling"]


@pytest.mark.parametrize("sentence", [
    "The nurse inserted a cannula into a vein of the left arm.",
    "Neutralising antibodies were measured in sera from recovered patients.",
    "Vaccination strategies have used DNA plasmids and viral vectors.",
    "The replicase complex copies the viral genome in the cytoplasm.",
    "Virological and serological tests were negative in all patients.",
    "The compound was active in vivo and in vitro.",
    "He was a bona fide expert, and the cordon sanitaire was lifted in April.",
    "Fasting glucose above 7 mmol per litre suggests diabetes.",
    "The virus was found in pangolins, and a viral helicase unwinds its RNA.",
    "Non-essential travel was banned and post-graduate courses moved online.",
])
def test_clean_science_english_is_not_misspelt(check, nlp, sentence):
    assert spelling_flags(check, nlp, sentence) == []


@pytest.mark.parametrize(("sentence", "typo"), [
    ("Patients should recieve the vaccine in the autumn.", "recieve"),
    ("Wash your hands before teh meal.", "teh"),
    ("Ask the nurse wich tablet to take first.", "wich"),
    ("The fever occured two days after the injection.", "occured"),
    ("The diagnosic was confirmed by a blood test.", "diagnosic"),
    # frequent in web text, but the fix restores an apostrophe or a capital
    ("You dont need a prescription for this cream.", "dont"),
    ("She studied italian law before medicine.", "italian"),
])
def test_misspellings_a_frequency_list_knows_are_still_flagged(check, nlp, sentence, typo):
    document = parts_document([("paragraph", sentence)])
    assert typo in [i.span_text(document.text) for i in run_check(check, nlp, document)]


def test_frequent_misspellings_are_flagged_because_a_slip_away_word_is_far_commoner(check, nlp):
    sentences = [f"The nurse said {word} twice." for word in COMMON_MISSPELLINGS]
    document = parts_document([("paragraph", " ".join(sentences))])
    flagged = {i.span_text(document.text) for i in run_check(check, nlp, document)}
    assert [w for w in COMMON_MISSPELLINGS if w not in flagged] == []
    # most need no engine: a word one edit away is far commoner ("tommorow" needs harper's
    # two-edit suggestion "tomorrow")
    assert [w for w in COMMON_MISSPELLINGS if is_frequent_word(w)] == ["tommorow"]
    assert not is_frequent_word("tommorow", near=["tomorrow"])


def test_the_frequency_threshold_has_cases_on_both_sides():
    # above the minimum and no commoner neighbour: a word ("cannula" 2.45, "plasmids" 2.43)
    for word in ("cannula", "plasmids", "pangolin"):
        assert zipf(word) >= MIN_ZIPF and is_frequent_word(word), word
    # below the minimum: too rare for the list to vouch for ("cribiform", a slip of cribriform)
    for word in ("cribiform", "pateint"):
        assert zipf(word) < MIN_ZIPF and not is_frequent_word(word), word
    # above the minimum but a neighbour is commoner by the margin: a typo ("recieve"/"receive")
    assert zipf("recieve") >= MIN_ZIPF
    assert zipf("receive") >= zipf("recieve") + TYPO_MARGIN
    assert not is_frequent_word("recieve")


def test_word_frequencies_read_off_the_table_are_wordfreqs_own():
    """The direct table look-up (no ``import wordfreq``) gives what ``zipf_frequency`` gives,
    apostrophes and curly apostrophes included; anything else still goes to wordfreq."""
    from wordfreq import zipf_frequency

    for word in ("receive", "Don't", "don\u2019t", "children's", "ruble's", "o'clock", "qzxv",
                 "well-known", "café", "'tis", "COVID"):
        assert zipf(word) == zipf_frequency(word, "en"), word


def test_a_possessive_is_read_off_the_table_without_importing_wordfreq():
    code = ("import sys\nfrom textfix.checks.grammar.frequency import zipf\n"
            "print(zipf(\"children's\") > 4, zipf('don\\u2019t') > 5, 'wordfreq' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["True", "True", "False"]


@pytest.mark.parametrize(("word", "accepted"), [
    ("virological", True),  # virology
    ("replicase", True),  # replicate
    ("helicase", True),  # helical
    ("expiratory", True),  # expiration
    ("septicaemia", True),  # septic: "aemia" is reached although "emia" ends it too
    ("psychogenic", True),  # psych: "ogenic" is reached although "ic" ends it too
    ("diagnosic", False),  # stem "diagnosis", but one edit from that frequent word: a typo
    ("clinicial", False),  # no scientific suffix on a known stem
    ("zorbological", False),  # the stem "zorbology" is no word
])
def test_a_scientific_suffix_on_a_known_stem_is_a_term(word, accepted):
    assert is_science_formation(word) is accepted


def test_latin_words_are_accepted_inside_their_phrase_only():
    science = science_vocabulary()
    text = "A cordon sanitaire was set up; sanitaire alone is French."
    first = text.index("sanitaire")
    second = text.index("sanitaire", first + 1)
    assert science.in_phrase(text, first, first + len("sanitaire"))
    assert not science.in_phrase(text, second, second + len("sanitaire"))
    assert science.in_phrase("studies in vivo, then", 11, 15)


@pytest.mark.parametrize("unit", ["mmol", "µg", "mcg", "IU", "mg/dL", "kDa", "nm"])
def test_units_are_not_misspellings(unit):
    assert load_vocabulary().accepts(unit)


@pytest.mark.parametrize(("word", "near", "accepted"), [
    ("catarrhal", (), True),  # rare (Zipf 1.5) and no known word one slip away: a term
    ("peracetic", (), True),
    ("cromolyn", (), True),
    ("cribiform", (), False),  # unknown to the list; "cribriform" is one slip away
    ("pollens", (), False),  # rare, and "pollen" is one slip away and far commoner
    ("thrusted", (), False),
    ("tommorow", ("tomorrow",), False),  # the engine's suggestion is a known word
    ("xerosis", (), True),
])
def test_a_rare_long_word_with_no_known_neighbour_is_a_term(word, near, accepted):
    from textfix.checks.grammar.frequency import is_frequent_word

    assert is_frequent_word(word, near) is accepted
