"""Teasers, "Continue reading" links, image captions and cut-off snippets are boilerplate."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from textfix.checks.boilerplate import BoilerplateCheck
from textfix.config import Config
from textfix.ingest import document_from_text, read_path
from textfix.ingest.boilerplate import mark_boilerplate
from textfix.records import Document, Edit, Segment
from textfix.stages.analyse import AnalysedDocument
from textfix.stages.apply import apply_edits

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "leg-cramps-mt-article.txt"


def kind_at(doc: Document, phrase: str) -> tuple[str, str]:
    """(kind, reason) of the segment holding the first occurrence of ``phrase``."""
    offset = doc.text.index(phrase)
    seg = doc.segment_at(offset)
    assert seg is not None, f"{phrase!r} is in no segment"
    return seg.kind, seg.reason


def reasons(doc: Document) -> Counter[str]:
    return Counter(s.reason for s in doc.segments if s.kind == "boilerplate")


@pytest.fixture(scope="module")
def sample() -> Document:
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE} is not present")
    (doc,) = read_path(SAMPLE)
    return doc


def test_sample_article_boilerplate_counts(sample: Document) -> None:
    assert reasons(sample) == {"teaser": 7, "continue-reading": 3, "caption": 3}
    links = [s for s in sample.segments if s.reason == "continue-reading"]
    assert all(sample.text[s.start : s.end].startswith("Continue reading") for s in links)
    assert sample.text.count("Continue reading") == len(links)


@pytest.mark.parametrize(
    "phrase",
    ["Daytime sleepiness", "Global IT control", "Hypochondria: Disease", "the level of liquid",
     "What mental diseases are inherited", "effects of vitamin D", "Heart disease in newborns",
     "Sharply dizzy", "In order not"],
)
def test_sample_teasers(sample: Document, phrase: str) -> None:
    assert kind_at(sample, phrase) == ("boilerplate", "teaser")


@pytest.mark.parametrize(
    "phrase", ["Water deficiency leads", "pregnant women can reduce", "In athletes, often reduces"]
)
def test_sample_captions(sample: Document, phrase: str) -> None:
    assert kind_at(sample, phrase) == ("boilerplate", "caption")


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("Legs walking when walking", "heading"),
        ("What can be caused convulsions", "heading"),
        ("Electrolyte balance failure", "heading"),
        ("Insufficient blood supply to the tissues", "heading"),
        ("Neurological pathology", "heading"),
        ("Sharp, piercing pain", "paragraph"),
        ("Doctors know many reasons", "paragraph"),
        ("The main causes of electrolyte", "paragraph"),
        ("unhealthy diet;", "list_item"),
        ("Why the calves when walking?", "paragraph"),
    ],
)
def test_sample_article_content_is_not_boilerplate(
    sample: Document, phrase: str, kind: str
) -> None:
    assert kind_at(sample, phrase) == (kind, "")
    assert sample.metadata["title"].startswith("Legs walking when walking")


def test_own_fixture_article() -> None:
    (doc,) = read_path(FIXTURES / "article.txt")
    assert reasons(doc) == {"teaser": 4, "continue-reading": 2, "caption": 2}
    assert kind_at(doc, "Fatty food weakens") == ("boilerplate", "caption")
    assert kind_at(doc, "Late dinner provokes") == ("boilerplate", "caption")
    assert kind_at(doc, "When to go to the doctor") == ("heading", "")
    assert kind_at(doc, "Main causes of heartburn") == ("heading", "")
    assert doc.metadata["title"] == "Heartburn after eating: what to do"


def test_truncated_snippet_and_link_texts_in_other_languages() -> None:
    text = ("Pressure in the morning\n\nThe pressure rises in the morning because of hormones.\n\n"
            "Doctors recommend to measure it twice a day, and to write down the…\n\n"
            "Читать далее »\n\nRead more...\n\nThe treatment is chosen by the doctor.\n")
    doc = document_from_text(text)
    assert kind_at(doc, "Doctors recommend") == ("boilerplate", "truncated-snippet")
    assert kind_at(doc, "Читать далее") == ("boilerplate", "continue-reading")
    assert kind_at(doc, "Read more") == ("boilerplate", "continue-reading")
    assert kind_at(doc, "The treatment is chosen") == ("paragraph", "")


def test_real_sentences_are_not_boilerplate() -> None:
    """A stylistic ellipsis, how/what headings with verbs, noun-phrase headings."""
    text = ("How the liver cleans the blood\n\nThe liver filters the blood day and night. And "
            "this is not all...\n\nSigns of a tired liver\n\nHeaviness on the right side appears "
            "after fatty food.\n\nWhat the doctor checks\nThe doctor palpates the liver.\n")
    doc = document_from_text(text)
    assert reasons(doc) == {}
    assert [s.kind for s in doc.segments] == ["heading", "paragraph", "heading", "paragraph",
                                              "heading", "paragraph"]


def test_patterns_file_extends_the_shipped_list(tmp_path: Path) -> None:
    from textfix.ingest.boilerplate import load_patterns

    extra = tmp_path / "extra.yaml"
    extra.write_text("continue_reading: [see the full story]\n", encoding="utf-8")
    text = "The pain passes in a week.\n\nSee the full story >>\n\nContinue reading →\n"
    segments = [Segment(0, 26, "paragraph"), Segment(28, 49, "paragraph"),
                Segment(51, 69, "paragraph")]
    shipped = mark_boilerplate(text, segments)
    extended = mark_boilerplate(text, segments, patterns=load_patterns(str(extra)))
    assert [s.reason for s in shipped] == ["", "", "continue-reading"]
    assert [s.reason for s in extended] == ["", "continue-reading", "continue-reading"]


def test_check_emits_one_deletion_issue_per_boilerplate_segment() -> None:
    (doc,) = read_path(FIXTURES / "article.txt")
    issues = list(BoilerplateCheck(Config()).check(AnalysedDocument(doc)))
    boilerplate = [s for s in doc.segments if s.kind == "boilerplate"]
    assert len(issues) == len(boilerplate) == 8
    for issue, seg in zip(issues, boilerplate, strict=True):
        assert issue.category == "boilerplate" and issue.source == "ingest"
        assert issue.rule == f"boilerplate/{seg.reason}"
        assert issue.start <= seg.start and seg.end <= issue.end
        assert issue.suggestions[0].text == "" and issue.suggestions[0].source == "ingest"
        assert 0.8 <= issue.confidence <= 1.0 and issue.message.endswith(".")
    cleaned = apply_edits(doc.text, [Edit(i.start, i.end, "") for i in issues])
    assert cleaned.startswith("Heartburn after eating: what to do\nHeartburn is a burning")
    assert cleaned.endswith("Self-treatment with soda is dangerous.\n")
    assert "\n\n\n" not in cleaned and "Continue reading" not in cleaned
    assert "The main food provocateurs:" in cleaned and "Fatty food weakens" not in cleaned
