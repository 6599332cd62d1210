"""Properties of applying edits: text outside the edits is never touched, overlaps never pass."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textfix.records import Edit, Issue, Suggestion
from textfix.stages.apply import EditConflict, apply_edits, validate_edits
from textfix.stages.policy import select_edits

from .helpers import no_models_pipeline

texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
replacements = st.text(alphabet="ab \n–µ", max_size=6)


@st.composite
def text_and_disjoint_edits(draw):
    """A text and edits whose spans never overlap (touching and insertions allowed)."""
    text = draw(texts)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=10)))
    edits, previous_end = [], -1
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if a < previous_end:  # an insertion claims the character after it, as in apply
            continue
        edits.append(Edit(a, b, draw(replacements)))
        previous_end = b if b > a else b + 1
    return text, edits


@given(texts)
def test_no_edits_return_the_input_unchanged(text: str) -> None:
    assert apply_edits(text, []) == text
    assert select_edits([], text, "safe") == []


@given(text_and_disjoint_edits(), st.randoms())
def test_text_between_edits_is_preserved_in_order(case, rnd) -> None:
    text, edits = case
    shuffled = edits[:]
    rnd.shuffle(shuffled)  # the order edits are given in does not matter
    result = apply_edits(text, shuffled)
    cursor, position = 0, 0
    for edit in edits:
        kept = text[cursor : edit.start]
        assert result[position : position + len(kept)] == kept
        position += len(kept)
        assert result[position : position + len(edit.replacement)] == edit.replacement
        position += len(edit.replacement)
        cursor = edit.end
    assert result[position:] == text[cursor:]


@given(st.text(min_size=2, max_size=40), st.data())
def test_overlapping_edits_are_rejected(text: str, data) -> None:
    a = data.draw(st.integers(0, len(text) - 1))
    b = data.draw(st.integers(a + 1, len(text)))
    c = data.draw(st.integers(a, b - 1))  # starts inside the first edit
    d = data.draw(st.integers(c, len(text)))
    with pytest.raises(EditConflict):
        apply_edits(text, [Edit(a, b, "x"), Edit(c, d, "y")])


@given(st.text(max_size=20), st.integers(0, 20))
def test_two_insertions_at_one_point_are_rejected(text: str, at: int) -> None:
    at = min(at, len(text))
    with pytest.raises(EditConflict):
        apply_edits(text, [Edit(at, at, "x"), Edit(at, at, "y")])


CATEGORIES = ["grammar", "calque", "repetition", "typography", "boilerplate", "spelling"]


@st.composite
def text_and_random_issues(draw):
    text = draw(st.text(alphabet="ab c\n", min_size=1, max_size=60))
    issues = []
    for n in range(draw(st.integers(0, 15))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 12)))
        suggestions = [
            Suggestion(draw(replacements), draw(st.sampled_from(["harper", "lexicon", "model"])),
                       score=draw(st.floats(0, 1)), safe=draw(st.sampled_from([True, False, None])))
            for _ in range(draw(st.integers(0, 3)))
        ]
        issues.append(Issue(start, end, draw(st.sampled_from(CATEGORIES)), f"rule{n}", "m",
                            "harper", confidence=draw(st.floats(0, 1)), suggestions=suggestions))
    return text, issues


@settings(max_examples=200)
@given(text_and_random_issues(), st.sampled_from(["safe", "all", "none"]), st.booleans())
def test_select_edits_never_returns_overlapping_edits(case, policy, keep_boilerplate) -> None:
    text, issues = case
    edits = select_edits(issues, text, policy, keep_boilerplate)
    validate_edits(text, edits)  # raises on overlaps or spans outside the text
    apply_edits(text, edits)
    if policy == "none":
        assert edits == []
    if policy == "safe":
        safe_replacements = {
            (i.start, i.end, s.text) for i in issues for s in i.suggestions
            if s.safe is True and i.confidence >= 0.5
        }
        boilerplate = [i for i in issues if i.category == "boilerplate" and i.end > i.start]
        for edit in edits:
            if (edit.start, edit.end, edit.replacement) in safe_replacements:
                continue
            # anything else must be the deletion of a boilerplate block
            assert not keep_boilerplate
            assert edit.replacement in ("", "\n")
            assert any(edit.start <= b.start and b.end <= edit.end for b in boilerplate)


# -- check → fix → apply on English health text with random Unicode mixed in ----------------
SENTENCES = [
    "Against the background of stress, the organism reacts by a spasm.",
    "Take 2 tablets of ibuprofen no more than 3 times a day.",
    "Tension tension of the back is felt in the evening.",
    "The tempeature rises and hte pain in the musles grows.",
    "Strong stress also gives to the back.",
    "Lovers of sweets should control the level of sugar in blood.",
    "Read also: 10 signs of vitamin D deficiency",
    "Continue reading →",
]
NOISE = ["\u0301", "\u0308", "\u0327", "\u20d7", "e\u0301", "👍", "👍🏽", "👨\u200d👩\u200d👧",
         "🏳️\u200d🌈", "🇷🇺", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200f",
         "\u202e", "שלום", "مرحبا", "\r\n", "\r", "Т", "организм", "ё", "한", "क्ष"]


@st.composite
def health_text_with_unicode(draw) -> str:
    sentences = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4))
    breaks = [draw(st.sampled_from([" ", "\n", "\r\n", "\n\n", "\r\n\r\n"])) for _ in sentences]
    text = "".join(s + b for s, b in zip(sentences, breaks, strict=True))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(NOISE)) + text[at:]
    return text


@pytest.fixture(scope="module")
def no_models_pipelines():
    """``--no-models`` pipelines under the safe and the none policy, loaded once."""
    return no_models_pipeline(apply="safe"), no_models_pipeline(apply="none")


@pytest.mark.slow
def test_spans_and_edits_keep_grapheme_clusters_whole_and_none_changes_nothing(
        no_models_pipelines) -> None:
    from textfix.graphemes import boundaries
    from textfix.ingest import document_from_text

    safe, none = no_models_pipelines

    @settings(max_examples=40, deadline=None)
    @given(health_text_with_unicode())
    def check(text: str) -> None:
        every = set(boundaries(text))
        result = safe.run_one(document_from_text(text))
        for span in [*result.issues, *result.edits]:
            assert span.start in every and span.end in every, (span, text)
        assert result.corrected == apply_edits(text, result.edits)
        untouched = none.run_one(document_from_text(text))
        assert untouched.edits == [] and untouched.corrected == text

    check()


@pytest.mark.slow
@pytest.mark.parametrize("raw", [
    "\ufeffThe tempe\u0301rature\u200b rises.\r\nAgainst the background of stress "
    "👨\u200d👩\u200d👧 the organism reacts.\r\n\r\nRead also: 10 signs\r\n",
    "Nai\u0308ve \u202eпациенты\u202c feel hte pain.\rTension tension of the back.\n",
])
def test_fix_with_apply_none_writes_the_input_byte_for_byte(raw: str, tmp_path) -> None:
    from textfix.cli import main as textfix_main

    source = tmp_path / "article.txt"
    source.write_bytes(raw.encode("utf-8"))
    out = tmp_path / "out"
    code = textfix_main(["fix", "-q", "--no-models", "--apply", "none", "-o", str(out),
                         str(source)])
    assert code in (0, 1)
    written = [p for p in out.rglob("*") if p.is_file() and p.suffix == ".txt"]
    assert len(written) == 1 and written[0].read_bytes() == raw.encode("utf-8")
    assert source.read_bytes() == raw.encode("utf-8")


def test_boilerplate_at_the_end_takes_its_blank_space_but_not_the_deletion_before_it() -> None:
    """A teaser at the very end takes the spaces before it with it, up to a deletion just
    before it and never into it (found by the property test above: the two overlapped)."""
    text = "Body text. Share this  Read more"
    issues = [Issue(11, 22, "boilerplate", "b1", "m", "textfix", confidence=0.9),
              Issue(23, 32, "boilerplate", "b2", "m", "textfix", confidence=0.9)]
    edits = select_edits(issues, text, "safe")
    validate_edits(text, edits)
    assert apply_edits(text, edits) == "Body text. "
