"""The command line behaves like the CLIs operators already script (ruff, Vale): typos get a
did-you-mean on one line, bad values are refused before any work, every command's help is
grouped and shows examples, and ``-o`` means the output folder in every command."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest

from textfix.cli import app, load_all_commands, main

from .helpers import modules_after_cli

FAST = ("--no-models", "--checks", "calque", "-q")
SHORT = "The organism reacts to strong stress.\n"


@pytest.fixture
def no_pipeline(monkeypatch):
    """Fail the test if the pipeline starts: a refusal must come before any work."""
    def refuse(*args, **kwargs):
        raise AssertionError("the pipeline ran before the command line was checked")

    monkeypatch.setattr("textfix.parallel.run_documents", refuse)


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _usage_error(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("textfix: error: "), err
    assert "Usage:" not in err and "Traceback" not in err
    return err


@pytest.mark.parametrize(("argv", "hint"), [
    (["chek", "a.txt"], "did you mean 'check'"),
    (["check", "--checks", "gramar", "a.txt"], "did you mean 'grammar'"),
    (["check", "--disable", "fluncy", "a.txt"], "did you mean 'fluency'"),
    (["fix", "--categories", "calqe", "a.txt"], "did you mean 'calque'"),
    (["check", "--apply", "saf", "a.txt"], "did you mean 'safe'"),
    (["check", "--output-format", "concice", "a.txt"], "did you mean 'concise'"),
    (["check", "--chekcs", "calque", "a.txt"], "Did you mean '--checks'"),
    (["train", "tager", "--out", "x"], "did you mean 'tagger'"),
])
def test_typos_get_a_did_you_mean_on_one_line(capsys, no_pipeline, argv, hint):
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    assert hint in _usage_error(err)
    assert f"(see 'textfix{' ' + argv[0] if argv[0] in app.commands else ''} --help')" in err


@pytest.mark.parametrize("argv", [
    ["check", "--jobs", "-1"], ["fix", "-j", "-2"], ["check", "--max-bytes", "0"],
    ["batch", "--jobs", "-1", "-o", "out"],
])
def test_out_of_range_values_are_refused_before_any_work(tmp_path, capsys, no_pipeline, argv):
    article = tmp_path / "a.txt"
    article.write_text(SHORT, encoding="utf-8")
    code, _, err = _run(capsys, *argv, str(article))
    assert code == 2 and "must be positive" in _usage_error(err)


def test_a_bad_option_value_is_refused_by_every_command(capsys):
    load_all_commands()
    code, _, err = _run(capsys, "review", "ws.db", "--port", "70000")
    assert code == 2 and "70000" in _usage_error(err)


def _help(capsys, *argv: str) -> str:
    code, out, _ = _run(capsys, *argv, "--help")
    assert code == 0
    return out


def test_every_command_has_a_description_and_examples(capsys):
    load_all_commands()
    assert {"check", "fix", "checks", "train", "eval", "review", "batch", "serve"} <= set(
        app.commands)
    assert "Examples:" in _help(capsys)
    for name, command in app.commands.items():
        text = _help(capsys, name)
        assert "\nExamples:\n" in text, name
        examples = text.split("\nExamples:\n", 1)[1].splitlines()
        assert examples and all(line.strip().startswith(("textfix ", "cat ", "TEXTFIX_"))
                                for line in examples if line.strip()), name
        assert command.help and len(command.help.split()) >= 8, f"{name} has no description"
        assert command.get_short_help_str(), name


def test_check_and_fix_help_is_grouped(capsys):
    for name in ("check", "fix"):
        text = _help(capsys, name)
        headings = [line[:-1] for line in text.splitlines() if line and line[0] != " "
                    and line.endswith(":")]
        assert headings[:5] == ["Input", "Checks", "Models", "Output", "Run"], headings
        section = text.split("\nChecks:\n", 1)[1].split("\n\n", 1)[0]
        assert "--checks" in section and "--disable" in section and "--jobs" not in section
        run = text.split("\nRun:\n", 1)[1].split("\n\n", 1)[0]
        assert "--jobs" in run and "--debug" in run


def test_version(capsys):
    code, out, _ = _run(capsys, "--version")
    from textfix import __version__

    assert code == 0 and out == f"textfix {__version__}\n"


def test_main_exits_with_its_code_as_a_console_script(monkeypatch, capsys):
    """``[project.scripts] textfix = "textfix.cli:run"``: ``run`` exits with what main
    returns, so main returns an int for every outcome and never raises SystemExit itself."""
    for argv in (["--help"], ["chek"], ["check"]):
        monkeypatch.setattr("sys.argv", ["textfix", *argv])
        assert isinstance(main(), int)
    capsys.readouterr()


# ---- one meaning for -o: the output folder, in every command --------------------------------

def _article(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "a.txt"
    path.write_text(SHORT, encoding="utf-8")
    return path


def test_o_is_the_output_folder_for_check_fix_and_batch(tmp_path, capsys):
    article = _article(tmp_path / "in")
    code, out, _ = _run(capsys, "check", *FAST, "--output-format", "json",
                        "-o", str(tmp_path / "check-out"), str(article))
    assert code == 1 and out == ""
    report = json.loads((tmp_path / "check-out" / "report.json").read_text(encoding="utf-8"))
    assert report["documents"][0]["issues"]
    code, _, _ = _run(capsys, "fix", *FAST, "-o", str(tmp_path / "fix-out"), str(article))
    assert code == 0 and (tmp_path / "fix-out" / "a.txt").is_file()
    assert (tmp_path / "fix-out" / "report.json").is_file()
    batch = app.commands["batch"]
    out_option = next(p for p in batch.params if p.name == "out")
    assert "-o" in out_option.opts and "--out" in out_option.opts


def test_report_names_the_report_file_in_check_and_fix(tmp_path, capsys):
    article = _article(tmp_path / "in")
    for command, expected in (("check", 1), ("fix", 0)):
        report = tmp_path / f"{command}.txt"
        code, _, _ = _run(capsys, command, *FAST, "--output-format", "concise", "--report",
                          str(report), "-o", str(tmp_path / f"{command}-out"), str(article))
        assert code == expected
        assert report.read_text(encoding="utf-8").startswith(f"{article}:1:1: calque/")


@pytest.mark.parametrize("old", [["--output"], ["-o"]])
def test_old_report_spellings_still_work_with_a_deprecation_note(tmp_path, capsys, old):
    article = _article(tmp_path)
    report = tmp_path / "r.json"
    code, out, err = _run(capsys, "check", *FAST, "--format", "json", *old, str(report),
                          str(article))
    assert code == 1 and out == ""
    assert json.loads(report.read_text(encoding="utf-8"))["documents"]
    [note] = err.splitlines()
    assert note.startswith("textfix: warning: ") and "deprecated" in note
    assert f"--report {report}" in note or "--report FILE" in note


def test_format_is_an_alias_of_output_format():
    load_all_commands()
    option = next(p for p in app.commands["check"].params if p.name == "output_format")
    assert isinstance(option, click.Option)
    assert {"--output-format", "--format"} <= set(option.opts)


def test_the_command_list_shows_each_commands_own_help(capsys):
    """``textfix --help`` lists the feature commands from ``FEATURE_COMMANDS`` without
    importing them: that one-line help must be the command's own."""
    from textfix.cli import FEATURE_COMMANDS

    load_all_commands()
    for name, (_, short_help) in FEATURE_COMMANDS.items():
        assert app.commands[name].get_short_help_str(limit=200) == short_help, name
    assert all(f"  {name} " in _help(capsys) for name in FEATURE_COMMANDS)


HEAVY = ("spacy", "torch", "pandas", "fastapi", "starlette", "uvicorn", "transformers",
         "textfix.pipeline", "textfix.server.cli", "textfix.batch.cli", "textfix.review.cli")


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"], ["fix", "--help"]])
def test_help_imports_nothing_heavy(argv):
    code, imported = modules_after_cli(argv, HEAVY)
    assert code == 0
    assert not any(imported), [m for m, flag in zip(HEAVY, imported, strict=True) if flag]


@pytest.mark.parametrize("fmt", ["text", "json", "concise"])
def test_a_check_without_csv_never_imports_pandas(tmp_path, fmt):
    """pandas costs ~0.3 s of every start-up; only the CSV report and notebooks need it."""
    text = tmp_path / "one.txt"
    text.write_text("The patient should to take the tablet every days.\n", encoding="utf-8")
    code, [pandas] = modules_after_cli(["check", str(text), "--no-models", "--output-format",
                                        fmt], ["pandas"])
    assert code in (0, 1) and not pandas  # checked (issues found or not), pandas never loaded
