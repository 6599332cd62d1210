"""The Python API: one Checker loads once and checks a string, many strings or a Document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import textfix
from textfix.errors import ConfigError

README = Path(__file__).resolve().parents[1] / "README.md"
TEXT = "Against the background of stress, the organism reacts to pain.\nRest helps."


@pytest.fixture(scope="module")
def checker() -> textfix.Checker:
    return textfix.Checker(rank_with_lm=False, checks=("calque", "terminology", "typography"))


def test_the_readme_example_runs(capsys):
    block = re.search(r"### Python API\n\n```python\n(.*?)```", README.read_text(), re.S)
    assert block, "README has no Python API example"
    exec(compile(block.group(1), "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "calque/" in out  # the example prints the calque it finds


def test_matches_carry_offsets_line_column_rule_and_replacements(checker):
    found = checker.check(TEXT)
    calque = next(m for m in found if m.rule.startswith("calque/"))
    assert TEXT[calque.start:calque.end] == calque.text
    assert (calque.line, calque.column) == (1, 1)
    assert calque.replacements and calque.message
    # TEXT's second line has no match: move the calque there to see line 2 counted
    moved = next(m for m in checker.check("Rest helps.\n" + TEXT) if m.rule.startswith("calque/"))
    assert (moved.line, moved.column) == (2, 1)
    row = found.to_dataframe().iloc[0].to_dict()
    assert {"start", "end", "line", "column", "rule", "replacements", "hold"} <= set(row)
    assert found.to_dict()["matches"][0]["rule"] == found.matches[0].rule


def test_check_many_keeps_the_order_and_check_refuses_a_list(checker):
    texts = ["The organism reacts to strong stress.", "Rest helps.", ""]
    results = checker.check_many(texts)
    assert [r.text for r in results] == texts
    with pytest.raises(TypeError, match="check_many"):
        checker.check(texts)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="check_many"):
        textfix.check(texts)  # type: ignore[arg-type]


def test_the_pipeline_is_built_once(checker):
    checker.check("Rest helps.")
    first = checker.pipeline
    checker.check("Sleep helps.")
    assert checker.pipeline is first


def test_a_hand_made_document_is_segmented_not_silently_empty():
    document = textfix.Document(id="x", text="Against the background of stress, pain grows.")
    result = textfix.Pipeline(textfix.Config(checks=("calque",), rank_with_lm=False)
                              ).run_one(document)
    assert any(i.rule.startswith("calque/") for i in result.issues)


def test_unknown_options_are_refused():
    with pytest.raises(ConfigError, match="unknown option"):
        textfix.Checker(aply="none")
