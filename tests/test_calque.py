"""The calque check: curated Russian→English literal translations, flagged with fixes."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from textfix.checks.calque import CalqueCheck
from textfix.config import Config
from textfix.stages.analyse import analyse

from .helpers import apply_first, lines_document, run_check


@pytest.fixture(scope="module")
def check() -> CalqueCheck:
    return CalqueCheck(Config())


@pytest.mark.parametrize(
    "text",
    ["At night it reduces the leg.", "At night they reduce legs.", "At night it reduces the legs."],
)
def test_inflections_are_one_entry(check, nlp, text):
    issues = run_check(check, nlp, text)
    assert [i.rule for i in issues] == ["calque/reduce-the-leg"]
    assert apply_first(text, issues).startswith("At night ")
    assert "leg cramps" in apply_first(text, issues)


# (MT-style sentence, rule, the sentence after applying every first suggestion)
MT_CASES = [
    ("Against the background of stress, pressure rises.", "against-the-background-of",
     "Due to stress, pressure rises."),
    ("In athletes it often reduces the legs.", "reduce-the-leg",
     "In athletes it often causes leg cramps."),
    ("Violation of venous outflow causes swelling.", "violation-of",
     "Impaired venous outflow causes swelling."),
    ("The organism reacts to cold.", "the-organism-as-subject", "The body reacts to cold."),
    ("Abundant bleeding lowers iron levels.", "abundant-bleeding",
     "Heavy bleeding lowers iron levels."),
    ("Strong stress makes it worse.", "strong-stress", "Severe stress makes it worse."),
    ("Lovers of tight shoes suffer more.", "lovers-of", "People who like tight shoes suffer more."),
    ("A tight diet is dangerous.", "tight-diet", "A strict diet is dangerous."),
    ("Tight diets are dangerous.", "tight-diet", "Strict diets are dangerous."),
    ("She feels pain in the calf area.", "in-the-area-of-a-body-part",
     "She feels pain in the calf."),
    ("Beneficial substances are lost with sweat.", "beneficial-substances",
     "Nutrients are lost with sweat."),
    ("This deficiency is often observed in the elderly.", "is-observed",
     "This deficiency often occurs in the elderly."),
    ("Doctors carry out treatment of the main disease.", "carry-out-treatment",
     "Doctors treat the main disease."),
    ("Drugs of the group of diuretics wash out potassium.", "drugs-of-the-group",
     "Diuretics wash out potassium."),
    ("The volume of fluid sharply decreases.", "sharply-decreases",
     "The volume of fluid drops sharply."),
    ("With this pathology, blood flow slows.", "pathology-for-disease",
     "With this condition, blood flow slows."),
    ("Walking causes the appearance of pain in the calves.", "appearance-of-pain",
     "Walking causes pain in the calves."),
    ("The attack always arises spontaneously.", "arises-spontaneously",
     "The attack always comes on suddenly."),
    ("All the nutrients of the maternal organism go to the baby.", "organism-for-body",
     "All the nutrients of the maternal body go to the baby."),
    ("It should be noted that cramps pass quickly.", "it-should-be-noted",
     "Note that cramps pass quickly."),
    ("Electrolyte balance failure is common.", "balance-failure",
     "Electrolyte imbalance is common."),
    ("Do not drink pills on an empty stomach.", "drink-pills",
     "Do not take pills on an empty stomach."),
    ("You should turn to a doctor at once.", "turn-to-a-doctor",
     "You should see a doctor at once."),
    ("Cramps can be treated in home conditions.", "in-home-conditions",
     "Cramps can be treated at home."),
    ("In diabetes, blood circulation is violated.", "is-violated",
     "In diabetes, blood circulation is impaired."),
]


@pytest.mark.parametrize(("text", "rule", "fixed"), MT_CASES)
def test_mt_sentences_fire_and_first_fix_is_grammatical(check, nlp, text, rule, fixed):
    issues = run_check(check, nlp, text)
    assert f"calque/{rule}" in [i.rule for i in issues]
    for issue in issues:
        assert issue.category == "calque"
        assert issue.context == text
        assert issue.suggestions and issue.suggestions[0].source == "lexicon"
        assert all(0.0 <= s.score <= 1.0 for s in issue.suggestions)
    assert apply_first(text, issues) == fixed


CORRECT_ENGLISH = [
    "Acute pain in the calf may signal a blood clot.",
    "Raising the legs can reduce leg swelling.",
    "Stretching reduces muscle tone and eases the pain.",
    "Heavy bleeding during periods can cause anemia.",
    "Severe stress can raise blood pressure.",
    "A number of trace minerals keep nerves working.",
    "The organism that causes the infection lives in soil.",
    "The disease was first observed in the 1950s.",
    "Leg cramps are common in pregnancy.",
    "Flat feet are usually harmless.",
    "A strict diet is sometimes needed.",
    "See a doctor if the pain lasts more than a week.",
    "The mutation arises spontaneously in most cases.",
    "Researchers observed this effect in mice.",
    "The main reason for the delay was a lack of staff.",
    "Pathology results showed no cancer cells.",
    "The doctor performs a physical examination.",
]


@pytest.mark.parametrize("text", CORRECT_ENGLISH)
def test_correct_english_is_not_flagged(check, nlp, text):
    assert run_check(check, nlp, text) == []


def test_offsets_point_into_the_document_across_paragraphs(check, nlp):
    text = "Heading line\n\nMy legs hurt. Strong stress at work makes it worse.\n"
    issues = run_check(check, nlp, text)
    [issue] = issues
    assert text[issue.start : issue.end] == "Strong stress"
    assert issue.context == "Strong stress at work makes it worse."


def test_user_yaml_and_tsv_files_add_entries(nlp, tmp_path: Path):
    yaml_file = tmp_path / "team.yaml"
    yaml_file.write_text(
        "entries:\n"
        "  - id: hot-flushes\n"
        "    pattern: hot flush\n"
        "    message: US readers say 'hot flashes'.\n"
        "    suggestions: ['hot flash{pl:es|}']\n",
        encoding="utf-8",
    )
    tsv_file = tmp_path / "team.tsv"
    tsv_file.write_text(
        # patterns name lemmas: "hour" matches "hours"
        "morning-hours\tin the morning hour\tSay 'in the morning'.\tin the morning\t0.6\n",
        encoding="utf-8",
    )
    check = CalqueCheck(Config(extra_calques=(yaml_file, tsv_file)))
    text = "Hot flushes come in the morning hours."
    issues = run_check(check, nlp, text)
    assert [i.rule for i in issues] == ["calque/hot-flushes", "calque/morning-hours"]
    assert issues[1].confidence == 0.6
    assert apply_first(text, issues) == "Hot flashes come in the morning."


def medquad_sentences(path: Path, count: int) -> list[str]:
    """Every 7th answer, cut into sentences by punctuation: a spread over the whole file."""
    sentences: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number % 7:
                continue
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", line.strip()):
                if len(sentence.split()) >= 4:
                    sentences.append(sentence)
            if len(sentences) >= count:
                return sentences[:count]
    return sentences


@pytest.mark.slow
def test_false_flag_rate_on_professional_english_is_under_two_percent(check, nlp, shared_dir):
    path = shared_dir / "data" / "medquad" / "answers.txt.gz"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    sentences = medquad_sentences(path, 2000)
    assert len(sentences) == 2000
    documents = [lines_document(s, doc_id=f"mq{i}") for i, s in enumerate(sentences)]
    flagged = [
        a.document.text
        for a in analyse(documents, nlp, batch_size=256)
        if list(check.check(a))
    ]
    assert len(flagged) / len(sentences) < 0.02, flagged[:20]


def test_sample_article_calques_are_flagged(check, nlp, shared_dir):
    path = shared_dir / "samples" / "leg-cramps-mt-article.txt"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    text = path.read_text(encoding="utf-8")
    issues = run_check(check, nlp, text)
    flagged = {(i.rule, text[i.start : i.end].lower()) for i in issues}
    for expected in [
        ("calque/reduce-the-leg", "reduces the leg"),
        ("calque/against-the-background-of", "against the background of"),
        ("calque/abundant-bleeding", "abundant bleeding"),
        ("calque/tight-diet", "tight diet"),
        ("calque/strong-stress", "strong stress"),
        ("calque/lovers-of", "lovers of"),
        ("calque/violation-of", "violation of venous outflow"),
    ]:
        assert expected in flagged
    assert "Heavy bleeding" in apply_first(text, issues)
