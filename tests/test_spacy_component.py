"""The spaCy component: ``nlp.add_pipe("textfix")`` found through spaCy's entry points, issues
as Spans on the doc's tokens, batched in ``nlp.pipe``, and pipelines that save and load."""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy

import textfix
from textfix.errors import ConfigError

CONFIG = {"checks": ["calque", "typography"], "use_models": False}
# emoji (one of several code points), Cyrillic and a double space ahead of a calque
TEXT = ("Врач 👩‍⚕️ сказал: against the background of stress, the organism reacts to pain.\n"
        "The dose is 5  mg daily.")


@pytest.fixture(scope="module")
def nlp() -> spacy.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("textfix", config=CONFIG)
    return nlp


def _covers(span: spacy.tokens.Span, start: int, end: int) -> bool:
    """The span's tokens (with the whitespace after the last) hold the characters start:end."""
    return span.start_char <= start and end <= span.end_char + len(span[-1].whitespace_)


def test_add_pipe_finds_textfix_in_a_python_that_never_imported_it():
    names = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert names.get("textfix") == "textfix.spacy_component:make_textfix"
    script = (
        "import spacy\n"
        "nlp = spacy.blank('en')\n"
        f"nlp.add_pipe('textfix', config={CONFIG!r})\n"
        "doc = nlp('Against the background of stress, pain grows.')\n"
        "print([(s.text, s._.textfix.rule) for s in doc._.textfix_issues])\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "('Against the background of', 'calque/against-the-background-of')" in run.stdout


def test_spans_sit_on_the_issue_offsets_with_emoji_and_cyrillic(nlp):
    doc = nlp(TEXT)
    expected = textfix.Checker(**CONFIG).check(TEXT)  # what the Python API reports
    spans = doc._.textfix_issues
    assert [(s._.textfix.start, s._.textfix.end, s._.textfix.rule) for s in spans] == [
        (m.start, m.end, m.rule) for m in expected]
    assert {s._.textfix.category for s in spans} == {"calque", "typography"}
    for span in spans:
        issue = span._.textfix
        assert TEXT[issue.start:issue.end] == issue.text  # offsets into the original text
        assert span.label_ == issue.category
        assert _covers(span, issue.start, issue.end), (span.text, issue)
    calque = next(s for s in spans if s.label_ == "calque")
    assert calque.text == "against the background of"
    assert calque._.textfix.replacements and calque._.textfix.message
    assert calque._.textfix.hold  # offered to an editor, not applied
    # the double space is all whitespace: the span takes the token it follows, not nothing
    spaces = next(s for s in spans if s._.textfix.rule == "typography/double-space")
    assert spaces.text.startswith("5") and spaces._.textfix.replacements[0] == " "
    assert doc._.textfix_corrected == TEXT.replace("5  mg", "5 mg")


def test_the_real_english_pipeline_keeps_its_own_annotations():
    from textfix.stages.analyse import PREFERRED_MODELS

    name = next(n for n in PREFERRED_MODELS if spacy.util.is_package(n))
    english = spacy.load(name)
    english.add_pipe("textfix", config=CONFIG)
    doc = english("Pain grows against the background of stress.")
    calque = next(s for s in doc._.textfix_issues if s.label_ == "calque")
    assert calque.text == "against the background of"
    assert calque.root.dep_  # the parser's work is still there


def test_nlp_pipe_checks_a_batch_of_docs_in_one_textfix_pass(nlp, monkeypatch):
    component = nlp.get_pipe("textfix")
    passes = []
    check_many = component.checker.check_many
    monkeypatch.setattr(component.checker, "check_many",
                        lambda texts: passes.append(len(texts)) or check_many(texts))
    texts = [f"Case {n}: against the background of stress, pain grows." for n in range(9)]
    docs = list(nlp.pipe(texts, batch_size=4))
    assert passes == [4, 4, 1]
    assert [d.text for d in docs] == texts
    assert all(d._.textfix_issues[0]._.textfix.rule.startswith("calque/") for d in docs)
    pipeline = component.checker.pipeline
    list(nlp.pipe(texts[:2]))
    assert component.checker.pipeline is pipeline  # loaded once per component


def test_a_doc_textfix_never_saw_says_so_and_an_empty_one_has_no_issues(nlp):
    assert spacy.blank("en")("Against the background of stress.")._.textfix_issues is None
    assert nlp("")._.textfix_issues == []


def test_issues_survive_pickling_and_doc_bytes(nlp):
    doc = nlp(TEXT)
    before = [(s.start, s.end, s._.textfix) for s in doc._.textfix_issues]
    copies = [pickle.loads(pickle.dumps(doc)),  # what nlp.pipe(n_process=2) does to docs
              spacy.tokens.Doc(nlp.vocab).from_bytes(doc.to_bytes())]
    for copy in copies:
        assert [(s.start, s.end, s._.textfix) for s in copy._.textfix_issues] == before


def test_options_pick_the_checks_and_the_policy():
    nlp = spacy.blank("en")
    nlp.add_pipe("textfix", config={**CONFIG, "disable": ["typography"], "apply": "none"})
    doc = nlp(TEXT)
    assert {s.label_ for s in doc._.textfix_issues} == {"calque"}
    assert doc._.textfix_corrected == TEXT
    assert "fluency" not in nlp.get_pipe("textfix").checker.config.checks  # use_models off


def test_a_misspelt_check_fails_at_add_pipe_with_a_suggestion():
    with pytest.raises(ConfigError, match="did you mean 'calque'"):
        spacy.blank("en").add_pipe("textfix", config={"checks": ["calqeu"]})


def test_a_pipeline_with_textfix_saves_and_loads(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["textfix"]
    assert loaded.get_pipe_config("textfix")["checks"] == CONFIG["checks"]
    doc = loaded("Against the background of stress, pain grows.")
    assert [s.label_ for s in doc._.textfix_issues] == ["calque"]


def test_the_readme_example_runs(capsys):
    readme = Path(__file__).resolve().parents[1] / "README.md"
    block = re.search(r"### spaCy component\n\n```python\n(.*?)```", readme.read_text(), re.S)
    assert block, "README has no spaCy component example"
    exec(compile(block.group(1), "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "calque/against-the-background-of" in out and "Rest helps." in out
