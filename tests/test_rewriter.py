"""The rewrite model and stage: training, loading, the gate, and the guard's last word."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import pytest

from textfix.config import Config
from textfix.errors import BackendError
from textfix.models.rewriter import Rewriter
from textfix.records import Issue
from textfix.stages.rewrite import HOLD_NOT_AGREED, RULE, RewriteStage
from textfix.training.data import jfleg_split, medquad_sentences

from .helpers import paragraphs_document

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


# --------------------------------------------------------------------------- stubs


class StubGenerator:
    """Returns fixed candidates for any sentence containing a key."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.seen: list[str] = []

    def candidates(self, sentences: Sequence[str], k: int = 4) -> list[list[str]]:
        self.seen.extend(sentences)
        return [next((v for key, v in self.table.items() if key in s), []) for s in sentences]


class StubLM:
    """Perplexity ratio by candidate: what the health LM would say."""

    def __init__(self, ratio: float = 0.5) -> None:
        self.ratio = ratio

    def rank(self, original: str, candidates: Sequence[str]) -> list[float]:
        return [self.ratio for _ in candidates]


class StubMeaning:
    def __init__(self, similarity: float = 0.95) -> None:
        self.value = similarity

    def similarities(self, original: str, candidates: Sequence[str]) -> list[float]:
        return [self.value for _ in candidates]


@pytest.fixture(scope="module")
def pipeline():
    from textfix.pipeline import Pipeline

    return Pipeline(Config(checks=("calque", "repetition")))


def run_with(pipeline, stage: RewriteStage, text: str):
    pipeline.rewriter = stage
    try:
        return pipeline.run_one(paragraphs_document(text))
    finally:
        pipeline.rewriter = None


def stage(table, ratio=0.3, similarity=0.96) -> RewriteStage:
    return RewriteStage(Config(rewrite=True), generator=StubGenerator(table), lm=StubLM(ratio),
                        meaning=StubMeaning(similarity))


# --------------------------------------------------------------------------- the stage


def test_a_gated_safe_rewrite_is_applied(pipeline):
    text = "Against the background of stress, the the organism weakens quickly."
    fixed = "Because of stress, the body weakens quickly."
    result = run_with(pipeline, stage({"stress": [fixed]}), text)
    rewrite = [i for i in result.issues if i.rule == RULE]
    assert len(rewrite) == 1
    assert (rewrite[0].start, rewrite[0].end) == (0, len(text))
    assert rewrite[0].suggestions[0].source == "model"
    assert HOLD_NOT_AGREED not in (rewrite[0].suggestions[0].hold or "")  # the gate agrees


def test_a_rewrite_the_models_only_mildly_prefer_is_offered_not_applied(pipeline):
    text = "Against the background of stress, the the organism weakens quickly."
    fixed = "Because of stress, the body weakens quickly."
    result = run_with(pipeline, stage({"stress": [fixed]}, ratio=0.7), text)
    rewrite = [i for i in result.issues if i.rule == RULE]
    assert len(rewrite) == 1 and HOLD_NOT_AGREED in rewrite[0].suggestions[0].hold
    assert fixed not in result.corrected


def test_a_rewrite_does_not_borrow_the_confidence_of_a_flag_on_the_same_sentence(pipeline):
    """A confident fluency flag over the sentence says something is wrong, not that the model's
    rewrite is right."""
    from textfix.pipeline import Pipeline

    text = "Fleck and the Rioters went home."
    rewritten = "Fleck and the rioters went home."
    flag = Issue(0, len(text), "fluency", "fluency/model", "odd", "model", confidence=0.9)

    class FlagEverything:
        def check_many(self, adocs):
            return [[flag] for _ in adocs]

    fresh = Pipeline(Config(checks=()))
    fresh.checks = [FlagEverything()]
    fresh.rewriter = stage({"Fleck": [rewritten]}, ratio=0.7)
    result = fresh.run_one(paragraphs_document(text))
    assert result.corrected == text
    rewrite = next(i for i in result.issues if i.rule == RULE)
    assert rewrite.confidence < flag.confidence and HOLD_NOT_AGREED in rewrite.suggestions[0].hold


def test_a_rewrite_changing_a_number_or_negation_is_never_applied(pipeline):
    text = "Against the background of stress, do not take more than 2 tablets a day."
    bad = ["Because of stress, take more than 2 tablets a day.",
           "Because of stress, do not take more than 3 tablets a day."]
    for candidate in bad:
        result = run_with(pipeline, stage({"tablets": [candidate]}), text)
        rewrite = next(i for i in result.issues if i.rule == RULE)
        assert rewrite.suggestions[0].safe is False
        assert rewrite.suggestions[0].guard_reason
        assert "not" in result.corrected and "2 tablets" in result.corrected
        assert candidate not in result.corrected


def test_no_rewrite_when_the_lm_or_the_meaning_check_says_no(pipeline):
    text = "Against the background of stress, the organism weakens."
    fixed = "Because of stress, the body weakens."
    for st in (stage({"stress": [fixed]}, ratio=0.95),
               stage({"stress": [fixed]}, similarity=0.3),
               stage({"stress": [text]})):  # the model copies: nothing to propose
        result = run_with(pipeline, st, text)
        assert not [i for i in result.issues if i.rule == RULE]


def test_looping_or_truncated_candidates_never_reach_the_gate():
    """A small seq2seq model can repeat itself, and a small LM scores repetition as fluent."""
    st = RewriteStage(Config(), generator=StubGenerator({}), lm=StubLM(0.3),
                      meaning=StubMeaning(0.99))
    original = "The company reorganized its production after the ban."
    looping = "The company reorganized its production: its production: its production."
    truncated = "The company reorganized."
    fixed = "The company reorganised its production after the ban."
    assert [v.text for v in st.judge(original, [looping, truncated, fixed])] == [fixed]
    # repetition the original already had is not held against the candidate
    repeated = "Wash, wash your hands, wash your hands often."
    assert st.judge(repeated, ["Wash, wash your hands, wash your hands very often."])
    # nor does a word that stutters ("Riotersersers" for the title "Rioters")
    assert [v.text for v in st.judge("Rioters", ["Riotersersers", "The rioters"])] == \
        ["The rioters"]


def test_only_flagged_sentences_are_sent_to_the_model(pipeline):
    text = "Wash your hands before meals. Against the background of stress, sleep suffers."
    st = stage({})
    run_with(pipeline, st, text)
    assert st.generator.seen == ["Against the background of stress, sleep suffers."]


def test_the_best_candidate_by_gain_and_meaning_wins():
    class Ranked(StubLM):
        def rank(self, original, candidates):
            return [0.6 if "body" in c else 0.8 for c in candidates]

    st = RewriteStage(Config(), generator=StubGenerator({}), lm=Ranked(),
                      meaning=StubMeaning(0.9))
    verdicts = st.judge("The organism is weak.", ["The organism is weak.", "The body is weak.",
                                                  "An organism is weak."])
    assert [v.text for v in verdicts] == ["The body is weak.", "An organism is weak."]
    assert max(verdicts, key=lambda v: v.score).text == "The body is weak."


# --------------------------------------------------------------------------- loading


def test_missing_model_folder_is_a_clear_error(tmp_path):
    with pytest.raises(BackendError, match="rewriter model not found"):
        Rewriter.load(str(tmp_path / "nowhere"))


def test_corrupt_model_folder_is_a_clear_error(tmp_path):
    (tmp_path / "config.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(BackendError, match="cannot load rewriter model"):
        Rewriter.load(str(tmp_path))


def test_stage_is_skipped_with_a_warning_when_a_model_is_missing(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        created = RewriteStage.create(Config(rewrite=True,
                                             rewriter_model=str(tmp_path / "nowhere")))
    assert created is None
    assert "rewrite stage skipped" in caplog.text


# --------------------------------------------------------------------------- data and training


def test_medquad_sentences_keeps_prose_only():
    answers = ["Key Points - Gout is a form of arthritis that causes pain. - It can flare up. "
               "Most people recover within a week or two of treatment."]
    assert medquad_sentences(answers) == [
        "Gout is a form of arthritis that causes pain.",
        "Most people recover within a week or two of treatment.",
    ]


def test_jfleg_split_is_even_lines_for_training(tmp_path):
    (tmp_path / "dev.src").write_text("a b .\nc d .\ne f .\n", encoding="utf-8")
    for k in range(2):
        (tmp_path / f"dev.ref{k}").write_text("A b.\nC d.\nE f.\n", encoding="utf-8")
    train, held = jfleg_split(tmp_path)
    assert [s for s, _ in train] == ["a b.", "e f."]
    assert [s for s, _ in held] == ["c d."]


@pytest.mark.skipif(not (DATA / "medquad" / "answers.txt.gz").is_file(),
                    reason="shared data not present")
def test_tiny_training_run_learns_and_loads_back(tmp_path):
    from textfix.training.rewriter import train_rewriter

    result = train_rewriter(DATA, tmp_path / "rw", tiny=True, steps=40, log=lambda m: None)
    first, last = result.history[:5], result.history[-5:]
    assert sum(last) / len(last) < sum(first) / len(first) - 0.3
    for name in ("config.json", "model.safetensors", "tokenizer.json",
                 "generation_config.json", "README.md"):
        assert (tmp_path / "rw" / name).is_file()
    rewriter = Rewriter.load(str(tmp_path / "rw"))
    out = rewriter.candidates(["The organism reacts to strong stress."], k=2)
    assert len(out) == 1 and 1 <= len(out[0]) <= 2
    assert all(isinstance(c, str) and c for c in out[0])

    # --init continues from the saved model: it starts where the first run ended
    more = train_rewriter(DATA, tmp_path / "rw2", tiny=True, steps=10, init=str(tmp_path / "rw"),
                          log=lambda m: None)
    assert more.history[0] < sum(first) / len(first) - 0.3
    card = (tmp_path / "rw2" / "README.md").read_text()
    assert "further trained from" in card
    assert "## Earlier training" in card and "40 steps of 8 pairs" in card  # the first run
    assert len(Rewriter.load(str(tmp_path / "rw2")).candidates(["The organism reacts."])) == 1


def test_the_safe_policy_applies_a_rewrite_the_guard_and_the_gate_accept(pipeline):
    """A sentence flagged without a fix of its own (here a bare fluency flag) gets the rewrite."""
    from textfix.records import Issue
    from textfix.stages.analyse import analyse
    from textfix.stages.policy import select_edits

    text = "Pain in the legs appears at night when the organism is tired."
    fixed = "Pain in the legs appears at night when the body is tired."
    adoc = analyse([paragraphs_document(text)], pipeline.nlp)[0]
    flag = Issue(0, 4, "fluency", "fluency/model", "odd", "model", confidence=0.7)
    for st, applied in ((stage({"Pain": [fixed]}), True),
                        (stage({"Pain": [fixed]}, similarity=0.2), False)):
        issues = st.apply(adoc, [flag])
        for issue in issues:
            pipeline.guard.review(issue, text)
        edits = select_edits(issues, text, "safe")
        assert ([(e.start, e.end, e.replacement) for e in edits] == [(0, len(text), fixed)]) \
            is applied
