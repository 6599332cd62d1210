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
    assert calque.category == "calque" and 0 < calque.confidence <= 1
    assert calque.hold and not calque.applied  # offered to an editor, not applied
    # TEXT's second line has no match: move the calque there to see line 2 counted
    moved = next(m for m in checker.check("Rest helps.\n" + TEXT) if m.rule.startswith("calque/"))
    assert (moved.line, moved.column) == (2, 1)
    row = found.to_dataframe().iloc[0].to_dict()
    assert {"start", "end", "line", "column", "rule", "category", "confidence", "replacements",
            "applied", "hold"} <= set(row)
    assert found.to_dict()["matches"][0]["rule"] == found.matches[0].rule


def test_an_applied_fix_is_marked_and_in_the_corrected_text(checker):
    found = checker.check("Rest  helps.")
    spaces = next(m for m in found if m.rule == "typography/double-space")
    assert spaces.applied and spaces.hold is None and spaces.replacements[0] == " "
    assert found.corrected == "Rest helps." == checker.fix("Rest  helps.")


def test_check_takes_a_list_and_check_many_keeps_the_order(checker):
    texts = ["The organism reacts to strong stress.", "Rest helps.", ""]
    results = checker.check_many(texts)
    assert [r.text for r in results] == texts
    assert [r.text for r in checker.check(texts)] == texts
    assert [r.text for r in textfix.check(texts, checker.config)] == texts
    with pytest.raises(TypeError, match="check_many"):
        checker.check(iter(texts))  # type: ignore[arg-type]


def test_check_many_is_one_pipeline_pass(checker, monkeypatch):
    import textfix.pipeline

    passes = []
    analyse = textfix.pipeline.analyse
    monkeypatch.setattr(textfix.pipeline, "analyse",
                        lambda docs, *a, **k: passes.append(len(docs)) or analyse(docs, *a, **k))
    results = checker.check_many([TEXT, "Rest  helps.", textfix.Document(id="d", text=TEXT)])
    assert passes == [3]
    assert [len(r) > 0 for r in results] == [True, True, True]


def test_module_check_reuses_one_pipeline(monkeypatch):
    import textfix.pipeline

    built = []

    class Counted(textfix.pipeline.Pipeline):
        def __init__(self, config=None):
            built.append(config)
            super().__init__(config)

    monkeypatch.setattr(textfix.pipeline, "Pipeline", Counted)
    config = textfix.Config(checks=("repetition",), rank_with_lm=False)  # a config of its own
    textfix.check("Rest helps.", config)
    textfix.check(["Sleep helps.", "Walking helps."], config)
    assert textfix.fix("Rest helps.", config) == "Rest helps."
    assert len(built) == 1


def test_checker_options_disable_checks_and_models():
    plain = textfix.Checker(use_models=False, disable="typography")
    assert "fluency" not in plain.config.checks and "typography" not in plain.config.checks
    assert "calque" in plain.config.checks and not plain.config.rank_with_lm
    with pytest.raises(ConfigError, match="did you mean 'calque'"):
        textfix.Checker(checks=("calqeu",))


def test_a_checker_pickles_without_its_pipeline(checker):
    import pickle

    checker.check("Rest helps.")
    copy = pickle.loads(pickle.dumps(checker))
    assert copy.config == checker.config and copy._pipeline is None


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


SRC = Path(textfix.__file__).resolve().parent
# modules run with `python -m` that parse flags of their own; CSS custom properties ("--ink:")
OWN_PARSERS = ("benchmarks", "detection_eval.py", "compounds.py")  # their own argparse
FLAG = re.compile(r"(?<![\w(-])--[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?![\w:-])")


def _flags_in_messages() -> dict[str, str]:
    import ast

    found = {}
    for path in SRC.rglob("*.py"):
        if any(part in OWN_PARSERS for part in path.relative_to(SRC).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for flag in FLAG.findall(node.value):
                    found.setdefault(flag, f"{path.relative_to(SRC)}:{node.lineno}")
    return found


def _cli_flags() -> set[str]:
    """Every long option of every command, hidden ones too, read off the click objects."""
    import contextlib
    import io

    import click

    from textfix import cli

    with contextlib.redirect_stdout(io.StringIO()):
        cli.main(["--help"])  # registers the commands that live with their feature

    def walk(command: click.Command, ctx: click.Context) -> set[str]:
        flags = {o for p in command.get_params(ctx) for o in (*p.opts, *p.secondary_opts)}
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                flags |= walk(sub, click.Context(sub, parent=ctx))
        return flags

    return walk(cli.app, click.Context(cli.app))


def test_messages_name_only_flags_the_cli_has():
    flags = _cli_flags()
    assert {"--overwrite", "--no-models", "--checks", "--resume"} <= flags
    stale = {flag: where for flag, where in _flags_in_messages().items() if flag not in flags}
    assert not stale, f"messages name flags no command has: {stale}"
