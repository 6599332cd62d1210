"""Flags and edits never split what a reader sees as one character (a grapheme cluster)."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textfix.graphemes import (
    analysis_text,
    boundaries,
    cluster_bounds,
    edits_on_boundaries,
    snap_issues,
)
from textfix.ingest import document_from_text
from textfix.pipeline import Pipeline
from textfix.records import Edit, Issue, Suggestion

from .helpers import no_models_pipeline

# pieces that make clusters of more than one code point, or sit next to one
TRICKY = ["e\u0301", "i\u0308", "\u0301", "\u20d7", "\r\n", "\r", "\n", "👍🏽",
          "👨\u200d👩\u200d👧",
          "🏳️\u200d🌈", "🇷🇺", "🇷", "\u200b", "\u200d", "\u200c", "\u2060", "\ufeff", "\u00ad",
          "\u200f", "\u202e", "שָׁלוֹם", "مرحبا", "Тhe", "한국", "\u1100\u1161\u11a8", "क्ष",
          "क्\u200dष", "\u0600", "#\ufe0f\u20e3", " ", "a", "."]


@cache
def pipeline() -> Pipeline:
    """The pipeline as ``--no-models`` builds it, loaded once for the module."""
    return no_models_pipeline()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TRICKY), max_size=12), st.data())
def test_cluster_bounds_agree_with_reading_every_cluster(pieces, data) -> None:
    text = "".join(pieces)
    every = boundaries(text)
    for i in range(len(text) + 1):
        floor, ceil = cluster_bounds(text, i)
        assert floor == max(b for b in every if b <= i)
        assert ceil == min(b for b in every if b >= i)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30))
def test_cluster_bounds_agree_on_any_text(text: str) -> None:
    every = set(boundaries(text))
    assert {i for i in range(len(text) + 1) if cluster_bounds(text, i)[0] == i} == every


def test_analysis_text_composes_marks_and_maps_spans_back() -> None:
    text = "The tempe\u0301rature of a Nai\u0308ve pa\u20d7tient"  # no letter has a→ composed
    normal, offsets = analysis_text(text)
    assert normal == "The température of a Naïve patient"
    for word in ("température", "Naïve", "patient"):
        start = normal.index(word)
        original = text[offsets.start(start) : offsets.end(start + len(word))]
        assert original == {"température": "tempe\u0301rature", "Naïve": "Nai\u0308ve",
                            "patient": "pa\u20d7tient"}[word]
    assert analysis_text("plain ASCII")[1].pieces == []


def test_a_span_cutting_a_cluster_is_widened_and_loses_its_suggestions() -> None:
    text = "The tempe\u0301rature rises."
    cut = Issue(4, 9, "spelling", "harper/Spelling", "m", "harper",
                suggestions=[Suggestion("temp", "harper", safe=True)])
    whole = Issue(0, 3, "grammar", "r", "m", "harper", suggestions=[Suggestion("A", "harper")])
    snapped_cut, snapped_whole = snap_issues([cut, whole], text)
    assert (snapped_cut.start, snapped_cut.end) == (4, 10) and snapped_cut.suggestions == []
    assert snapped_whole == whole
    assert edits_on_boundaries([Edit(4, 9, "temp"), Edit(0, 3, "A")], text) == [Edit(0, 3, "A")]


@pytest.mark.parametrize(
    ("text", "word"),
    [("The tempe\u0301rature rises in the evening.", "tempe\u0301rature"),
     ("Nai\u0308ve patients often ask about the pain.", "Nai\u0308ve"),
     ("The pain\u0301 grows in the the evening.", "pain\u0301"),
     ("The patient\u200bfeels tired and\u200bhte pain grows.", "feels")],
)
def test_the_pipeline_never_cuts_a_word_with_a_combining_mark(text: str, word: str) -> None:
    result = pipeline().run_one(document_from_text(text))
    w0, w1 = text.index(word), text.index(word) + len(word)
    every = set(boundaries(text))
    for span in [*result.issues, *result.edits]:
        assert span.start in every and span.end in every, span
        assert not w0 < span.start < w1 and not w0 < span.end < w1, span  # the word stays whole
    assert "temṕ" not in result.corrected and "\u0301r" not in result.corrected
