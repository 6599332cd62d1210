"""Speed work a user relies on (issue 15): a ``--no-models`` check never pays for torch,
transformers or pandas; torch waits passively and gets its share of the cores; harper's
dictionary is built while spaCy loads; fluency scores do not depend on the documents checked
alongside (speed not bought with determinism); the bench's stage clock accounts for the warm
pipeline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import Future

import pytest

from textfix.checks.grammar import harper_backend
from textfix.models.loading import torch_threads
from textfix.records import Document


def _python(code: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"} | env
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=environment, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.strip().splitlines()[-1]


def test_no_models_check_imports_no_torch_transformers_or_pandas():
    """Nor spaCy's command line (typer, requests), which ``import spacy`` itself pulls in."""
    out = _python(
        "import sys, json, textfix\n"
        "found = textfix.Checker(use_models=False).check('The patients was treated.')\n"
        "print(json.dumps([len(found), sorted(m for m in ('torch', 'transformers', 'pandas',"
        " 'spacy.cli', 'typer', 'requests') if m in sys.modules)]))")
    issues, heavy = json.loads(out)
    assert issues >= 1  # the pipeline really ran (harper flags the agreement error)
    assert heavy == []


def test_spacy_parses_the_same_and_torch_still_imports_afterwards(nlp):
    out = _python(
        "import sys\n"
        "from textfix.stages.analyse import load_spacy\n"
        "doc = load_spacy()('The pain in the neck reduces when walking.')\n"
        "before = 'torch' in sys.modules\n"
        "import torch\n"
        "print(before, torch.ones(2).sum().item(), [(t.dep_, t.head.i) for t in doc])")
    before, total, parse = out.split(" ", 2)
    assert before == "False" and float(total) == 2.0
    expected = [(t.dep_, t.head.i) for t in nlp("The pain in the neck reduces when walking.")]
    assert parse == str(expected)


def test_spacys_command_line_still_imports_and_runs_after_textfix_loaded_spacy():
    out = _python(
        "import json\n"
        "from textfix.stages.analyse import load_spacy\n"
        "load_spacy()\n"
        "import spacy, spacy.cli\n"
        "print(json.dumps([hasattr(spacy.cli, 'download'), spacy.info()['spacy_version']]))")
    has_download, version = json.loads(out)
    assert has_download
    import spacy

    assert version == spacy.__version__


def test_torch_waits_passively_unless_the_user_chose(monkeypatch):
    assert _python("import textfix, os; print(os.environ['OMP_WAIT_POLICY'])") == "PASSIVE"
    assert _python("import textfix, os; print(os.environ['OMP_WAIT_POLICY'])",
                   OMP_WAIT_POLICY="ACTIVE") == "ACTIVE"


def test_torch_threads_are_the_cores_unless_set(monkeypatch):
    monkeypatch.delenv("TEXTFIX_TORCH_THREADS", raising=False)
    assert torch_threads() == (os.cpu_count() or 1)
    monkeypatch.setenv("TEXTFIX_TORCH_THREADS", "1")
    assert torch_threads() == 1


def test_prefetched_harper_linter_is_taken_by_the_backend():
    harper_backend.prefetch_linter()
    assert harper_backend._PENDING
    backend = harper_backend.HarperBackend()
    assert not harper_backend._PENDING  # taken, not built a second time
    assert any(m.detail == "AnA" for m in backend.check("This is a apple."))


def test_a_forked_child_never_waits_for_its_parents_linter_thread():
    never_done: Future = Future()
    key = repr(harper_backend.harper.Dialect.AMERICAN)
    harper_backend._PENDING[key] = (os.getpid() + 1, never_done)  # another process's thread
    backend = harper_backend.HarperBackend()  # would hang if it waited on that future
    assert backend.check("This is a apple.")


def test_fluency_scores_do_not_depend_on_the_documents_checked_alongside(nlp):
    """The int8 tagger scales activations over its whole input: batching documents together
    would make one line's flags depend on its neighbours (and on --jobs and chunking)."""
    from tests.helpers import paragraphs_document
    from textfix.checks.fluency import FluencyCheck
    from textfix.config import Config
    from textfix.stages.analyse import analyse

    texts = ["The level of sugar of the blood depends from the food.",
             "Against the background of stress, the organism reacts to pain strongly.",
             "Rest helps.", "Legs walking when walking, the pain in the nape of the neck goes.",
             "The level of salt of the blood depends from the food.",  # same length as the 1st
             "Rest helps. Sleep helps too."]
    check = FluencyCheck(Config())
    together = analyse([paragraphs_document(t, f"d{n}") for n, t in enumerate(texts)], nlp)
    found = check.check_many(together)
    for n, text in enumerate(texts):
        alone = analyse([paragraphs_document(text, f"d{n}")], nlp)
        assert check.check_many(alone)[0] == found[n] == list(check.check(alone[0]))
        assert alone[0].document.metadata["sentence_quality"] == \
            together[n].document.metadata["sentence_quality"]


def test_a_sentence_repeated_across_documents_is_encoded_once_with_the_same_numbers():
    from textfix.checks.fluency import FluencyCheck
    from textfix.config import Config

    tagger = FluencyCheck(Config()).model
    runs: list[int] = []
    encode = tagger._predict_jobs
    tagger._predict_jobs = lambda jobs, n, gate=None: runs.append(n) or encode(jobs, n, gate)
    texts = ["The level of sugar of the blood depends from the food.", "Rest helps.",
             "The level of sugar of the blood depends from the food."]
    found = tagger.predict(texts)
    assert runs == [2]
    assert found[0] == found[2] and found[0] is not found[2]
    assert found[0].word_spans is not found[2].word_spans
    assert [found[0], found[1]] == tagger.predict(texts[:2])


def test_stage_clock_accounts_for_the_warm_pipeline():
    from textfix.api import Checker
    from textfix.benchmarks.stages import ENGINE_PREFIX, PARSE, StageClock, instrument

    checker = Checker(use_models=False)
    clock = StageClock()
    instrument(checker.pipeline, clock)
    checker.check_many([Document(id="a", text="This is a apple."), "Rest helps."])
    stages = dict(clock.seconds)
    assert PARSE in stages and "check: grammar" in stages
    assert ENGINE_PREFIX + "harper" in stages
    assert stages[ENGINE_PREFIX + "harper"] <= stages["check: grammar"]


@pytest.mark.parametrize(("values", "text"), [([2.0], "2"), ([3.0, 1.0, 2.0], "2 (1–3)")])
def test_bench_figures_are_medians_with_their_spread(values, text):
    from textfix.benchmarks.measure import spread

    assert spread(values) == text
