"""The edit tagger in the pipeline: suggestions with the model's id, the guard, and holds."""

from __future__ import annotations

import pytest

from textfix.config import Config
from textfix.ingest import document_from_text
from textfix.pipeline import Pipeline
from textfix.report.serialize import to_jsonl_records
from textfix.stages.edit_suggestions import HOLD_LM, HOLD_UNSURE, EditSuggestionStage
from textfix.store import Workspace

from .test_edit_tagger import ScriptedTagger


@pytest.fixture(scope="module")
def pipeline_factory():
    base = Pipeline(Config(checks=("calque",), rank_with_lm=False))

    def make(script, lm=None):
        base.editor = EditSuggestionStage(tagger=ScriptedTagger(script), lm=lm or AgreeingLM())
        return base

    return make


class AgreeingLM:
    def sentence_score(self, texts):
        # pairs of (original, edited): the edited one always costs fewer bits
        return [5.0 if k % 2 == 0 else 4.0 for k in range(len(texts))]


class DisagreeingLM:
    def sentence_score(self, texts):
        return [5.0 if k % 2 == 0 else 6.0 for k in range(len(texts))]


SAFETY = "Take 10 mg of ibuprofen twice a day. Do not take these informations lightly."


def test_guard_blocks_tagger_edits_to_numbers_negation_and_drug_names(pipeline_factory) -> None:
    pipeline = pipeline_factory({"10": ("REPLACE_100", 0.97), "not": ("DELETE", 0.97),
                                 "ibuprofen": ("REPLACE_aspirin", 0.97),
                                 "informations": ("$INFLECT_NN", 0.97)})
    result = pipeline.run_one(document_from_text(SAFETY, doc_id="safety"))
    tagged = {SAFETY[i.start:i.end]: i.suggestions[0] for i in result.issues
              if i.source == "edit-tagger"}
    assert set(tagged) == {"10", " not", "ibuprofen", "informations"}
    for span in ("10", " not", "ibuprofen"):
        assert tagged[span].safe is False, span
    assert tagged["informations"].safe is True and tagged["informations"].hold is None
    assert result.corrected == SAFETY.replace("informations", "information")


def test_an_edit_the_lm_does_not_read_better_is_held(pipeline_factory) -> None:
    pipeline = pipeline_factory({"informations": ("$INFLECT_NN", 0.97)}, DisagreeingLM())
    result = pipeline.run_one(document_from_text(SAFETY, doc_id="held"))
    [issue] = [i for i in result.issues if i.source == "edit-tagger"]
    assert issue.suggestions[0].hold == HOLD_LM
    assert result.corrected == SAFETY


def test_unsure_edits_are_offered_only_in_flagged_sentences(pipeline_factory) -> None:
    text = "The organism reacts to stress. These informations help patients."
    pipeline = pipeline_factory({"reacts": ("$INFLECT_VBD", 0.6),
                                 "informations": ("$INFLECT_NN", 0.6)})
    result = pipeline.run_one(document_from_text(text, doc_id="flagged"))
    tagged = [i for i in result.issues if i.source == "edit-tagger"]
    # the calque check flagged the first sentence: its unsure edit is offered and held
    assert [text[i.start:i.end] for i in tagged] == ["reacts"]
    assert tagged[0].suggestions[0].text == "reacted"
    assert tagged[0].suggestions[0].hold == HOLD_UNSURE
    assert "reacted" not in result.corrected


def test_reports_and_workspace_record_the_model_that_made_a_suggestion(
        pipeline_factory, tmp_path) -> None:
    pipeline = pipeline_factory({"informations": ("$INFLECT_NN", 0.97)})
    result = pipeline.run_one(document_from_text(SAFETY, doc_id="model"))
    [record] = list(to_jsonl_records([result]))
    models = [s.get("model") for i in record["issues"] for s in i["suggestions"]
              if s["source"] == "edit-tagger"]
    assert models == ["textfix-edit-tagger@abc123"]
    workspace = Workspace.create_or_open(tmp_path / "w.textfix.sqlite")
    try:
        workspace.save([result], {"command": "test"})
        stored = [s["model"] for i in workspace.issues() for s in i["suggestions"]
                  if s["source"] == "edit-tagger"]
    finally:
        workspace.close()
    assert stored == ["textfix-edit-tagger@abc123"]


def test_edits_only_a_space_apart_are_offered_as_one_change(pipeline_factory) -> None:
    text = "Against the background of stress, the organism reacts badly."
    pipeline = pipeline_factory({"Against": ("REPLACE_due", 0.8), "the": ("DELETE", 0.8),
                                 "background": ("REPLACE_to", 0.8), "of": ("DELETE", 0.8)})
    result = pipeline.run_one(document_from_text(text, doc_id="merge"))
    tagged = [i for i in result.issues if i.source == "edit-tagger"]
    assert [(text[i.start:i.end], i.suggestions[0].text) for i in tagged] == [
        ("Against the background of", "Due to"), (" the", "")]


def test_the_edit_tagger_is_off_unless_asked_for():
    """It does not yet beat doing nothing on held-out data (the tagger's card), so a plain check
    must not pay for it; ``--edit-tagger`` turns it on, ``--no-models`` wins over it."""
    from textfix.cli import config_from_args, parse_args
    from textfix.stages.edit_suggestions import EditSuggestionStage

    assert config_from_args(parse_args(["check", "a.txt"])).suggest_edits is False
    assert EditSuggestionStage.create(Config()) is None
    assert config_from_args(parse_args(["check", "--edit-tagger", "a.txt"])).suggest_edits is True
    both = config_from_args(parse_args(["check", "--edit-tagger", "--no-models", "a.txt"]))
    assert both.suggest_edits is False
