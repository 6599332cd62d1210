"""The collocation check: confusion sets (prepositions, light verbs, articles, intensity adverbs)
scored in their parsed context by n-gram counts of clean health English."""

from __future__ import annotations

from pathlib import Path

import pytest

from textfix.checks.collocation import (
    CollocationCheck,
    confidence,
    findings,
    preposition_scores,
    table_path,
)
from textfix.config import Config
from textfix.models.ngrams import NgramTable, events

from .helpers import apply_first, run_check

REPO = Path(__file__).resolve().parents[1]


def _table(**counts: int) -> NgramTable:
    """A hand-made count table: keyword names use '__' for the key's tabs."""
    return NgramTable({key.replace("__", "\t"): value for key, value in counts.items()})


# A head that governs "on" in clean text and is never followed by "from" there.
RELY = dict(h__rely__VERB=300, hp__rely__VERB__on=250, hp__rely__VERB__for=3, p__on=1000,
            p__from=1000, p__for=1000, po__on__sleep=4, po__from__sleep=4, po__for__sleep=2)


def test_the_scorer_prefers_the_counted_preposition_in_context(nlp):
    table = _table(**RELY)
    [(found, conf)] = list(findings(table, nlp("Recovery relies from good sleep.")))
    assert (found.rule, found.first.text, found.last.text) == (
        "collocation/preposition", "relies", "from")
    assert found.suggestion == "relies on"
    assert 0.5 <= conf <= 0.95


def test_the_scorer_leaves_a_preposition_clean_text_uses(nlp):
    counts = dict(RELY, hp__rely__VERB__from=60)  # now "rely from" is common too
    assert not list(findings(_table(**counts), nlp("Recovery relies from good sleep.")))


def test_a_rare_head_is_not_judged_by_its_counts(nlp):
    counts = {k: (v if not k.startswith("h__") else 10) for k, v in RELY.items()}
    found = [f for f, _ in findings(_table(**counts), nlp("Recovery relies from good sleep."))]
    assert [f.rule for f in found] == ["collocation/governed"]  # the governed table still knows


def test_a_head_the_counts_never_saw_is_judged_by_its_governed_preposition(nlp):
    [(found, _)] = findings(_table(), nlp("Her sister is married with a surgeon."))
    assert (found.rule, found.suggestion) == ("collocation/governed", "married to")
    assert not list(findings(_table(), nlp("He was married with two children by then.")))


def test_a_pair_clean_text_uses_is_never_flagged_by_the_governed_table(nlp):
    sentence = nlp("She insisted at a second scan.")
    common = _table(h__insist__VERB=40, hp__insist__VERB__at=6, hp__insist__VERB__on=30)
    assert not list(findings(common, sentence))
    rare = _table(h__insist__VERB=40, hp__insist__VERB__at=1, hp__insist__VERB__on=30)
    assert [f.suggestion for f, _ in findings(rare, sentence)] == ["insisted on"]


def test_confidence_grows_with_the_ratio():
    assert confidence(4.0, 4.0) == 0.5
    assert confidence(6.0, 4.0) < confidence(9.0, 4.0) <= 0.95


def test_table_round_trips_through_its_file(tmp_path: Path, nlp):
    table = _table(**RELY)
    table.meta["source"] = "hand-made"
    table.write(tmp_path)
    again = NgramTable.read(tmp_path)
    assert again.counts == table.counts and again.meta == {"source": "hand-made"}


def test_training_and_lookup_use_the_same_keys(nlp):
    doc = nlp("The outcome depends on the dose.")
    keys = {key for token in doc for key in events(token)}
    assert {"hp\tdepend\tVERB\ton", "po\ton\tdose", "h\tdepend\tVERB"} <= keys


# ---------------------------------------------------------------- the shipped table

@pytest.fixture(scope="module")
def shipped() -> NgramTable:
    return NgramTable.read(Path(table_path()))


def test_the_shipped_table_scores_depend_from_below_depend_on(shipped):
    scores = preposition_scores(shipped, "depend", "VERB", "treatment")
    assert scores["on"] - scores["from"] > 3
    assert shipped.count("hp", "depend", "VERB", "on") > 100


@pytest.fixture(scope="module")
def check() -> CollocationCheck:
    return CollocationCheck(Config())


@pytest.mark.parametrize(("text", "fixed"), [
    ("Your recovery depends from how well you sleep.",
     "Your recovery depends on how well you sleep."),
    ("The treatment depended from the type of the tumour.",
     "The treatment depended on the type of the tumour."),
])
def test_the_check_fixes_a_governed_preposition(check, nlp, text, fixed):
    issues = run_check(check, nlp, text)
    assert [i.rule for i in issues] == ["collocation/preposition"]
    assert apply_first(text, issues) == fixed


@pytest.mark.parametrize("text", [
    "Your recovery depends on how well you sleep.",
    "In March, doctors in the clinic treated patients with rest and fluids at home.",
    "Treatment of high blood pressure lowers the risk of a stroke.",
    "Wash your hands if you come into contact with someone who is ill.",
    "The cells make a kind of protein that fights infection.",
])
def test_the_check_leaves_clean_health_english_alone(check, nlp, text):
    assert run_check(check, nlp, text) == []


def test_the_shipped_card_names_data_licence_and_size():
    card = (REPO / "models" / "ngrams" / "README.md").read_text(encoding="utf-8")
    assert "MedQuAD" in card and "CC BY 4.0" in card and "MB" in card



def test_a_calque_verb_clean_text_never_uses_is_judged_on_that_alone(nlp):
    sentence = nlp("Impose a plaster on the cut.")
    unused = _table(o__plaster=5)
    [(found, _)] = findings(unused, sentence)
    assert (found.rule, found.suggestion) == ("collocation/verb-noun", "Apply")
    used = _table(o__plaster=5, v__impose=40)  # a verb clean text uses needs its object's counts
    assert not list(findings(used, sentence))


def test_a_fix_that_chooses_a_meaning_waits_for_an_editor(nlp):
    [(shown, _)] = findings(_table(), nlp("Patients with gout are shown a low-purine diet."))
    assert shown.rule == "collocation/passive-shown" and shown.hold
    [(course, _)] = findings(_table(), nlp("In most children, the illness proceeds slowly."))
    assert course.rule == "collocation/course" and course.hold  # progresses? lasts? occurs?
    [(severity, _)] = findings(_table(), nlp("In most children, the illness proceeds mildly."))
    assert (severity.suggestion, severity.hold) == ("is mild", None)  # one reading
    [(plain, _)] = findings(_table(), nlp("The patient insisted at a second scan."))
    assert plain.hold is None  # a governed preposition has one reading: applied when safe


def test_an_unused_verb_in_its_ordinary_sense_is_left_alone(nlp):
    table = _table(o__restriction=50, o__bandage=5)
    assert not list(findings(table, nlp("Many countries impose restrictions on travel.")))
    assert list(findings(table, nlp("Impose a bandage on the cut.")))


def test_general_english_profiles_veto_common_pairs_and_name_the_usual_one():
    from textfix.checks.collocation.general_english import common_pair, usual_instead

    assert common_pair("essential", "to") and common_pair("approve", "of")
    assert not common_pair("depends", "from") and not common_pair("interested", "by")
    assert usual_instead("participated", "at") == "in"
    assert usual_instead("participated", "in") is None  # the pair is usual
    assert usual_instead("zyxwv", "at") is None  # a word general English hardly uses


def test_the_shipped_bigram_files_are_what_the_installed_bigram_list_gives():
    """data/preposition_bigrams.tsv and adjective_bigrams.tsv are rebuilt, not edited: the build
    script's check mode."""
    import runpy

    script = Path(__file__).resolve().parents[1] / "scripts/build_general_bigrams.py"
    main = runpy.run_path(str(script))["main"]
    assert main(["--check"]) == 0


def test_a_british_spelling_is_counted_as_the_american_one():
    """MedQuAD is American: 'anaemia' and 'tumour' must find its counts, and no ordinary word
    may be respelled into another ('four', 'flour', 'shoe')."""
    from textfix.models.ngrams import american_spelling

    table = _table(dn__anemia__0__0=7, o__tumor=3, dn__four__0__0=2)
    assert table.count("dn", "anaemia", "0", "0") == 7
    assert table.count("o", "tumour") == 3
    assert table.count("dn", "four", "0", "0") == 2
    assert table.count("dn", "shoe", "0", "0") == 0
    for word in ("four", "flour", "hour", "your", "shoe", "does", "care", "devour", "aerobic"):
        assert american_spelling(word) == word
    assert american_spelling("oedema") == "edema"
    assert american_spelling("behaviour") == "behavior"
