"""The edit tagger's labels, their application on real text and offsets through passes."""

from __future__ import annotations

import pytest

from textfix.models.edit_apply import CharEdit, Passes, char_edits
from textfix.models.edit_tagger import EditSettings, EditTagger
from textfix.models.words import split_words
from textfix.records import Edit
from textfix.stages.apply import apply_edits
from textfix.training.edit_labels import (
    apply_labels,
    labels_from_edits,
    transform,
    with_case,
)


def words(text: str) -> list[str]:
    return [w for w, _, _ in split_words(text)]


@pytest.mark.parametrize(("src", "edits", "tgt"), [
    # a verb form (lemminflect), a deleted repeat and an inserted article
    ("He take the the pill", [(1, 2, ["takes"]), (3, 4, [])], "He takes the pill"),
    ("Patient has fever .", [(0, 1, ["The", "patient"])], "The patient has fever ."),
    ("The pain arise at night", [(2, 3, ["arises"])], "The pain arises at night"),
    ("Two symptom are common", [(1, 2, ["symptoms"])], "Two symptoms are common"),
    ("The organism reacts", [(1, 2, ["body"])], "The body reacts"),
    ("The Pain occurs", [(1, 2, ["pain"])], "The pain occurs"),
    ("Pain in leg", [(2, 2, ["the"])], "Pain in the leg"),
    ("In organism of patient", [(0, 2, ["In", "the", "body"])], "In the body of patient"),
])
def test_gold_labels_reproduce_the_target(src, edits, tgt) -> None:
    labels = labels_from_edits(words(src), edits)
    assert len(labels) == len(words(src)) + 1
    assert apply_labels(words(src), labels) == words(tgt)


def test_labels_are_transformations_not_word_lists() -> None:
    assert transform("arise", "arises") == "$INFLECT_VBZ"
    assert transform("arise", "arose") == "$INFLECT_VBD"
    assert transform("symptom", "symptoms") == "$INFLECT_NNS"
    assert transform("Pain", "pain") == "$CASE_LOWER"
    assert labels_from_edits(["The", "organism"], [(1, 2, ["body"])])[2] == "REPLACE_body"
    # a replacement at the start of a sentence is stored in lower case: the case comes back
    assert labels_from_edits(["A", "pain"], [(0, 1, ["The"])])[1] == "REPLACE_the"


def test_replacements_take_the_case_pattern_of_the_word_they_replace() -> None:
    assert with_case("body", "Organism") == "Body"
    assert with_case("body", "ORGANISM") == "BODY"
    assert with_case("body", "organism") == "body"
    assert with_case("COVID", "disease") == "COVID"  # a label with its own case keeps it


def test_char_edits_keep_untouched_characters_of_the_original() -> None:
    text = "Naïve patients take  the the pill."
    spans = [(s, e) for _, s, e in split_words(text)]
    labels = ["KEEP", "KEEP", "KEEP", "$INFLECT_VBD", "KEEP", "DELETE", "KEEP", "KEEP"]
    edits = char_edits(text, spans, labels, [0.9] * len(labels))
    out = apply_edits(text, [Edit(e.start, e.end, e.replacement) for e in edits])
    assert out == "Naïve patients took  the pill."


def test_offsets_map_back_to_the_original_through_passes() -> None:
    original = "Patient take drug every days."
    passes = Passes(original)
    # pass 1: "take" -> "takes", "days" -> "day"
    first = [CharEdit(8, 12, "takes", 0.9, ["$INFLECT_VBZ"]),
             CharEdit(24, 28, "day", 0.8, ["$INFLECT_NN"])]
    passes.apply(first)
    assert passes.text == "Patient takes drug every day."
    # pass 2, on the new text: an article before "drug" and "takes" -> "took"
    second = [CharEdit(8, 13, "took", 0.7, ["$INFLECT_VBD"]),
              CharEdit(14, 14, "the ", 0.6, ["APPEND_the"])]
    passes.apply(second)
    assert passes.text == "Patient took the drug every day."
    edits = passes.edits()
    assert apply_edits(original, [Edit(e.start, e.end, e.replacement) for e in edits]) \
        == passes.text
    took = next(e for e in edits if "took" in e.replacement)
    assert original[took.start:took.end] == "take"  # offsets point into the original
    assert took.confidence == 0.7 and took.labels == ["$INFLECT_VBZ", "$INFLECT_VBD"]
    assert all(original[e.start:e.end] != "drug" for e in edits)  # untouched words copied


class ScriptedTagger(EditTagger):
    """The runtime's passes and offsets around a scripted labeller (word → label)."""

    def __init__(self, script: dict[str, tuple[str, float]], passes: int = 3) -> None:
        self.settings = EditSettings(labels=["KEEP"], min_confidence=0.5,
                                     detect_confidence=0.9, passes=passes)
        self.script, self.model_hash, self.calls = script, "abc123", 0

    def label_probs(self, texts):
        self.calls += 1
        out = []
        for text in texts:
            spans = [(s, e) for _, s, e in split_words(text)]
            read = [self.script.get(text[s:e], ("KEEP", 0.99)) for s, e in spans]
            out.append((spans, ["KEEP"] + [lab for lab, _ in read],
                        [0.99] + [p for _, p in read]))
        return out


def test_iterative_tagging_gives_edits_on_the_original_with_confidence() -> None:
    tagger = ScriptedTagger({"informations": ("$INFLECT_NN", 0.95),
                             "information": ("APPEND_about", 0.6), "the": ("KEEP", 0.99)})
    text = "These informations the patient needs."
    [edits] = tagger.tag([text])
    out = apply_edits(text, [Edit(e.start, e.end, e.replacement) for e in edits])
    assert out == "These information about the patient needs."
    assert len(edits) == 1 and edits[0].confidence == 0.6  # the weakest label that made it
    assert text[edits[0].start:edits[0].end] == "informations"
    assert tagger.calls == 3  # a third pass found nothing more


def test_a_label_under_the_floor_is_not_applied() -> None:
    tagger = ScriptedTagger({"informations": ("$INFLECT_NN", 0.4)})
    assert tagger.tag(["These informations help."]) == [[]]


def test_a_deleted_first_word_leaves_a_capital() -> None:
    tagger = ScriptedTagger({"The": ("DELETE", 0.9)})
    text = "The stress raises blood pressure."
    [edits] = tagger.tag([text])
    assert apply_edits(text, [Edit(e.start, e.end, e.replacement) for e in edits]) \
        == "Stress raises blood pressure."


def test_a_damaged_edit_head_is_one_clear_error(tmp_path):
    """A half-copied model folder must say which model failed, never show a traceback."""
    import shutil

    from textfix.errors import BackendError
    from textfix.models.loading import MODELS_DIR

    folder = tmp_path / "tagger"
    shutil.copytree(MODELS_DIR / "tagger", folder)
    (folder / "edit_head.safetensors").write_bytes(b"\x00" * 32)
    with pytest.raises(BackendError, match="cannot load edit tagger model from"):
        EditTagger.load(folder)
