"""``--output-format``: ruff-style ``file:line:col`` lines editors jump to, LanguageTool's JSON,
and a terminal summary with positions, messages, headers and counts that add up."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from textfix.cli import main

FAST = ("--no-models", "--checks", "calque")
# emoji (two UTF-16 units) and Cyrillic before the flagged spans on their lines: a column is
# counted in characters, LanguageTool's offsets in UTF-16 units
TEXT = ("Sleep notes 😀 for Пациенты.\n"
        "\n"
        "Пациент 😀: against the background of stress, the pain grows.\n"
        "The organism reacts to strong stress.\n")
CONCISE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<rule>\S+) (?P<rest>.+)$")


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _json_documents(capsys, article: Path, *extra: str) -> list[dict]:
    code, out, _ = _run(capsys, "check", *FAST, *extra, "--output-format", "json", str(article))
    assert code == 1
    return json.loads(out)["documents"]


def _expected_positions(documents: list[dict], lines: bool) -> set[tuple[int, int, str, str]]:
    """(line, column, rule, flagged text) of every issue, worked out from the JSON report:
    ``--lines`` documents are named ``a:LINE``; a whole file's offsets count from its start."""
    expected = set()
    for doc in documents:
        for issue in doc["issues"]:
            start, flagged = issue["start"], doc["text"][issue["start"]:issue["end"]]
            if lines:
                line, col = int(doc["id"].rsplit(":", 1)[1]), start + 1
            else:
                line = doc["text"].count("\n", 0, start) + 1
                col = start - (doc["text"].rfind("\n", 0, start) + 1) + 1
            expected.add((line, col, issue["rule"], flagged))
    return expected


@pytest.mark.parametrize("lines", [False, True], ids=["text", "lines"])
def test_concise_lines_parse_and_point_at_the_flagged_text(capsys, article, lines):
    extra = ("--lines",) if lines else ()
    code, out, _ = _run(capsys, "check", *FAST, *extra, "--output-format", "concise",
                        str(article))
    assert code == 1
    expected = _expected_positions(_json_documents(capsys, article, *extra), lines)
    file_lines = TEXT.splitlines()
    seen = set()
    for row in out.splitlines():
        found = CONCISE.match(row)
        assert found and found["path"] == str(article), row
        line, col = int(found["line"]), int(found["col"])
        [flagged] = [f for (ln, c, rule, f) in expected
                     if (ln, c, rule) == (line, col, found["rule"])]
        assert file_lines[line - 1][col - 1:].startswith(flagged), row  # jumps to the text
        seen.add((line, col, found["rule"], flagged))
    assert seen == expected and len(expected) >= 3
    assert f"{article}:3:12: calque/against-the-background-of " in out  # after 'Пациент 😀: '


def test_grouped_format_heads_each_file(capsys, article):
    code, out, _ = _run(capsys, "check", *FAST, "--output-format", "grouped", str(article))
    assert code == 1
    head, *rows = out.rstrip("\n").split("\n")
    assert head == f"{article}:"
    assert rows and all(re.match(r"^  \d+:\d+ calque/\S+ ", r) for r in rows)


def test_lt_json_is_languagetools_check_answer(capsys, article):
    code, out, _ = _run(capsys, "check", *FAST, "--output-format", "lt-json", str(article))
    assert code == 1
    answer = json.loads(out)  # one document: one JSON object, as a LanguageTool client reads
    assert answer["software"]["name"] == "textfix" and answer["language"]["code"] == "en-US"
    units = TEXT.encode("utf-16-le")
    matches = answer["matches"]
    assert len(matches) == len(_json_documents(capsys, article)[0]["issues"])
    for m in matches:  # what language_tool_python needs of every match
        assert m["rule"]["category"]["id"] and m["rule"]["issueType"]
        assert isinstance(m["context"]["offset"], int)
        assert all("value" in r for r in m["replacements"])
    span = next(m for m in matches if m["rule"]["id"] == "calque/against-the-background-of")
    flagged = units[2 * span["offset"]: 2 * (span["offset"] + span["length"])]
    assert flagged.decode("utf-16-le").lower() == "against the background of"
    assert span["offset"] != TEXT.index("against")  # the emojis before it count twice


SUMMARY = re.compile(r"(\d+) issues?: (\d+) applied \+ (\d+) waiting for an editor"
                     r"(?:; plus (\d+) in boilerplate \((\d+) removed, (\d+) kept\))?")
NAPE = Path(__file__).resolve().parents[1] / "corpus/articles/nape-pain-mt.txt"


def test_summary_counts_add_up_and_match_every_row(capsys):
    code, out, _ = _run(capsys, "check", "--no-models", "--verbose", str(NAPE))
    assert code == 1
    [found] = [SUMMARY.search(line) for line in out.splitlines() if SUMMARY.search(line)]
    issues, applied, waiting, boilerplate, removed, kept = (int(g or 0) for g in found.groups())
    assert boilerplate > 0 and issues > 0  # the article has both kinds
    assert issues == applied + waiting and boilerplate == removed + kept
    # every issue is a row (--verbose), each with its own status: the totals count those rows
    statuses = re.findall(r"│ (applied|waiting) +│", out)
    assert len(statuses) == issues + boilerplate
    assert statuses.count("applied") == applied + removed
    # and they are the numbers the JSON report gives
    code, out, _ = _run(capsys, "check", "--no-models", "--format", "json", str(NAPE))
    score = json.loads(out)["documents"][0]["score"]
    assert (score["issues"], score["issues_applied"], score["waiting_review"],
            score["boilerplate_issues"]) == (issues, applied, waiting, boilerplate)


def test_summary_rows_have_position_message_headers_and_whole_rule_ids(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = _run(capsys, "check", "--no-models", "--verbose", str(NAPE))
    assert code == 1
    rows = [line for line in out.splitlines() if re.match(r"^ +\d+:\d+ │", line)]
    tables = [line for line in out.splitlines() if "│" in line or "┃" in line]
    assert rows and all(len(line) <= 80 for line in tables)  # the tables fit the terminal
    for row in rows:
        rule = row.split("│")[1].strip()
        assert re.fullmatch(r"[a-z0-9-]+/[a-z0-9-]+|[a-z0-9/-]+…", rule), row
    header = next(line for line in out.splitlines() if "line:col" in line)
    assert all(name in header for name in ("line:col", "rule", "status", "message"))
    assert "Teaser for another article" in out  # the messages are there


def test_fix_prints_another_format_instead_of_the_summary(tmp_path, capsys, article):
    code, out, err = _run(capsys, "fix", *FAST, "--output-format", "concise",
                          "-o", str(tmp_path / "out"), str(article))
    assert code == 0 and CONCISE.match(out.splitlines()[0])
    assert "Corrected text written" in err
