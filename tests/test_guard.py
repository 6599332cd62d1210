"""The guard refuses edits that change numbers, units, negations, drug and disease names."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from textfix.errors import ConfigError
from textfix.records import Issue, Suggestion
from textfix.stages.guard import Guard


@pytest.fixture(scope="module")
def guard() -> Guard:
    return Guard()


def reasons(guard: Guard, text: str, old: str, new: str, **kw) -> list[str]:
    """The guard's reasons for replacing the first ``old`` in ``text`` with ``new``."""
    start = text.index(old)
    return guard.reasons(text, start, start + len(old), new, **kw)


ACCEPTED = [
    # wording fixes typical of Russian->English machine translation
    ("The organism loses a lot of water.", "organism", "body"),
    ("2. Abundant bleeding. The volume of blood drops.", "Abundant bleeding", "Heavy bleeding"),
    ("This is what people call reduces the leg at night.", "reduces the leg", "cramps the leg"),
    ("It hurts the the calf muscle.", "the the", "the"),
    ("It hurts the the calf muscle.", "the ", ""),
    ("In medicine, this pathology is known as a spasm.", "pathology", "condition"),
    ("Against the background of stress, cramps begin.", "Against the background of", "Due to"),
    ("Muscles contract , and pain follows.", " ,", ","),
    ("The  calf hurts.", "  ", " "),
    ("It pulls in the calf area when walking.", "in the calf area", "in the calf"),
    ("Rest eases the appearance of pain.", "the appearance of pain", "pain"),
    # same protected items, different spelling
    ("Stress does not cause the problem.", "does not cause", "doesn't cause"),
    ("You cannot stop it.", "cannot", "can not"),
    ("You dont need to stop it.", "dont", "don't"),  # the apostrophe was missing, not the "not"
    ("There are two groups of causes.", "two", "2"),
    ("Adults with type II diabetes often complain.", "II", "2"),
    ("Take 5 mg of it twice a day.", "twice a day", "two times a day"),
    ("Take 5 mg of it three times a day.", "three times a day", "three times daily"),
    ("Give 50 mcg once a day.", "mcg", "µg"),
    ("The dose is 5-10 mg.", "5-10", "5 to 10"),
    ("About 10 % of adults suffer.", "10 %", "10%"),
    ("About 10 percent of adults suffer.", "10 percent", "10%"),
    ("Paracetamol eases the pain.", "Paracetamol", "Acetaminophen"),
    ("Warfarin thins the blood.", "Warfarin", "warfarin"),
    ("It increases the risk of cramps.", "increases", "raises"),
    ("Lack of trace elements, vitamins.", "Lack of", "A lack of"),
    ("Walking is more easier than running.", "more easier", "easier"),  # a double degree
    ("It is the most biggest risk.", "most biggest", "biggest"),
    ("Ask some one to drive you home.", "some one", "someone"),  # a pronoun, not a count
    ("A teaser for another article.", "A teaser for another article.", ""),
]


@pytest.mark.parametrize(("text", "old", "new"), ACCEPTED)
def test_safe_changes_are_accepted(guard: Guard, text: str, old: str, new: str) -> None:
    category = "boilerplate" if text.startswith("A teaser") else "calque"
    assert reasons(guard, text, old, new, category=category) == []


REFUSED = [
    # numbers
    ("Take 10 mg in the morning.", "10 mg", "100 mg", "changes the number 10 to 100"),
    ("Take 10 mg in the morning.", "0", "00", "changes the number 10 to 100"),
    ("There are two groups of causes.", "two", "three", "changes the number two to three"),
    ("A dose of 1,5 g is enough.", "1,5", "1.5", "changes the number 1,5 to 1.5"),
    ("The temperature fell to -5 degrees.", "-5", "5", "changes the number -5 to 5"),
    ("Drink half a glass of water.", "half", "a full", "removes the number half"),
    ("Adults with type II diabetes often complain.", "type II", "type I", "changes the number II"),
    ("Take 5 mg of it twice a day.", "twice", "three times", "changes the number twice"),
    # units and doses
    ("Take 10 mg in the morning.", "mg", "g", "changes the unit 'mg' to 'g'"),
    ("Take 10 mg in the morning.", "mg", "mcg", "changes the unit 'mg' to 'mcg'"),
    ("Give 200 IU every day.", "IU", "mg", "changes the unit 'IU' to 'mg'"),
    ("Take one tablet once daily.", "once daily", "sometimes", "removes the number once"),
    ("Take 5 mg of it three times a day.", "a day", "a week", "changes the unit 'a day'"),
    ("Glucose above 7 mmol/L is high.", "mmol/L", "mg/dL", "changes the unit 'mmol/L'"),
    ("Take 2 tablets at night.", "tablets", "spoons", "changes the unit 'tablets'"),
    # negations
    ("Stress does not cause the problem.", "does not cause", "causes",
     "removes the negation 'not'"),
    ("Cramps are never dangerous.", "never", "rarely", "removes the negation 'never'"),
    ("You dont need to stop it.", "dont", "dent", "removes the negation 'dont'"),
    ("Do it without warming up.", "without", "after", "removes the negation 'without'"),
    ("The drug is effective for cramps.", "effective", "ineffective",
     "adds the negative prefix 'in-'"),
    ("The drug is effective for cramps.", "ef", "inef", "adds the negative prefix 'in-'"),
    ("This is a typical symptom.", "typical", "atypical", "adds the negative prefix 'a-'"),
    ("It is harmful to the heart.", "is harmful", "is not harmful", "adds the negation 'not'"),
    ("It increases the risk of cramps.", "increases", "decreases",
     "replaces 'increases' with its opposite 'decreases'"),
    # drug names, classes, morphology
    ("Patients on warfarin bruise easily.", "warfarin", "aspirin",
     "changes the drug name 'warfarin' to 'aspirin'"),
    ("Diuretics wash out potassium.", "Diuretics", "Antacids", "changes the drug name"),
    ("Take atorvastatin daily.", "atorvastatin", "rosuvastatin", "changes the drug name"),
    ("Lisinopril lowers pressure.", "Lisinopril", "The pill", "removes the drug name"),
    ("Insulin is injected.", "Insulin", "Medicine", "removes the drug name 'Insulin'"),
    # disease names, heads, morphology
    ("Thrombophlebitis of the legs is dangerous.", "Thrombophlebitis", "Inflammation",
     "removes the disease name 'Thrombophlebitis'"),
    ("Varicose veins cause night cramps.", "Varicose veins", "Swollen veins",
     "removes the disease name 'Varicose veins'"),
    ("Epilepsy causes seizures.", "Epilepsy", "Stress", "removes the disease name 'Epilepsy'"),
    ("It is a sign of diabetes in adults.", "diabetes", "obesity", "changes the disease name"),
    ("It is a sign of Raynaud syndrome in adults.", "syndrome", "disease",
     "changes the disease name 'Raynaud syndrome' to 'Raynaud disease'"),
    ("It leads to neuropathy in the feet.", "neuropathy", "numbness", "removes the disease name"),
    # substances and clinical terms
    ("Calcium and magnesium matter.", "magnesium", "potassium", "changes the substance name"),
    ("Night convulsions wake the patient.", "convulsions", "cramps",
     "removes the medical term 'convulsions'"),
    # capitalised names
    ("The Pokrovsky Stem Cell Bank stores samples.", "Stem Cell", "Stemcell", "changes the name"),
    # deletions and rewrites
    ("The calf hurts badly when walking.", " badly", "", "deletes content ('badly')"),
    ("He had had a cramp.", "had ", "", "deletes content ('had')"),
    ("Cramps come only at night.", "only at night", "at night", "deletes content ('only')"),
    ("Eat more liver and greens.", "more liver", "liver", "deletes content ('more')"),
    ("Take one tablet at night.", "one tablet", "tablet", "removes the number one"),
    ("Avoid alcohol in the evening.", "Avoid", "Drink", "removes the negation 'Avoid'"),
]


def test_deleting_a_repeated_sentence_is_safe_but_not_a_different_one(guard: Guard) -> None:
    text = "Cramps start at night. Cramps start at night. The calf hurts."
    first = text.index("Cramps start at night. ")
    assert guard.reasons(text, first, first + 23, "") == []
    last = text.index(" The calf hurts.")
    assert guard.reasons(text, last, len(text), "") == ["deletes content ('the calf hurts')"]


@pytest.mark.parametrize(("text", "old", "new", "reason"), REFUSED)
def test_protected_changes_are_refused(
    guard: Guard, text: str, old: str, new: str, reason: str
) -> None:
    found = reasons(guard, text, old, new, category="calque")
    assert any(reason in r for r in found), found


def test_model_rewrite_needs_review_unless_small(guard: Guard) -> None:
    text = "Cramps are painful at night.\n"
    old = "Cramps are painful at night."
    big = "Night cramps hurt and can wake you from a deep sleep."
    small = "Cramps are very painful at night."
    assert reasons(guard, text, old, big, source="model")[0].startswith("rewrite: needs review")
    assert reasons(guard, text, old, small, source="model") == []
    # a short span replaced by a long sentence is a rewrite whatever its source
    assert reasons(guard, "Why?", "Why?", "Why does the calf go numb when a person walks?")


def test_rewrite_that_keeps_wording_but_drops_negation_names_the_negation(guard: Guard) -> None:
    text = "Quinine is not recommended for night cramps."
    found = reasons(guard, text, text, "Quinine is recommended for night cramps.", source="model")
    assert found == ["removes the negation 'not'"]


def test_review_sets_safe_and_reason_on_every_suggestion(guard: Guard) -> None:
    text = "Take 10 mg of warfarin."
    issue = Issue(5, 10, "terminology", "t/x", "m", "glossary", suggestions=[
        Suggestion("10 mg", "glossary"),
        Suggestion("100 mg", "model"),
    ])
    guard.review(issue, text)
    assert [s.safe for s in issue.suggestions] == [True, False]
    assert issue.suggestions[0].guard_reason == ""
    assert issue.suggestions[1].guard_reason == "changes the number 10 to 100"


def test_span_outside_the_text_is_unsafe(guard: Guard) -> None:
    assert guard.reasons("short", 3, 40, "x")


def test_user_files_add_protected_terms(tmp_path) -> None:
    yaml_file = tmp_path / "brands.yaml"
    yaml_file.write_text("drugs: [spazmalgon]\n", encoding="utf-8")
    txt_file = tmp_path / "words.txt"
    txt_file.write_text("# local terms\ncrampus\n", encoding="utf-8")
    text = "Spazmalgon eases crampus."
    assert reasons(Guard(), text, "Spazmalgon", "It") == []
    user = Guard([yaml_file, txt_file])
    assert "removes the drug name 'Spazmalgon'" in reasons(user, text, "Spazmalgon", "It")
    assert reasons(user, text, "crampus", "cramps") == ["removes the medical term 'crampus'"]


def test_broken_user_file_is_a_config_error(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("drugs: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        Guard([bad])
    with pytest.raises(ConfigError):
        Guard([tmp_path / "missing.yaml"])


@given(st.integers(0, 10_000), st.integers(0, 10_000),
       st.sampled_from(["mg", "ml", "mcg", "IU", "%", "tablets", "kg"]))
def test_any_change_of_a_dose_number_is_refused(guard: Guard, a: int, b: int, unit: str) -> None:
    text = f"The usual dose is {a} {unit} a day for adults."
    start = text.index(str(a))
    found = guard.reasons(text, start, start + len(str(a)), str(b))
    assert (found == []) == (a == b)


def test_every_number_in_a_real_article_is_protected(guard: Guard, shared_dir) -> None:
    path = shared_dir / "samples" / "leg-cramps-mt-article.txt"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    text = path.read_text(encoding="utf-8")
    matches = list(re.finditer(r"\d+", text))
    assert matches
    for match in matches:
        changed = str(int(match.group()) + 1)
        assert guard.reasons(text, match.start(), match.end(), changed), match.group()
