"""End-to-end runs of the command line on team-written articles in corpus/."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from textfix.apply import apply_edits
from textfix.cli import main
from textfix.model import Edit

ARTICLE = Path(__file__).resolve().parents[1] / "corpus/articles/nape-pain-mt.txt"
ANNOTATIONS = Path(__file__).resolve().parents[1] / "corpus/annotations/nape-pain-mt.yaml"


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def article_report(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("report") / "report.json"
    assert main(["check", "--format", "json", "-o", str(out), str(ARTICLE)]) == 1
    return json.loads(out.read_text(encoding="utf-8"))


def test_json_report_offsets_point_into_the_file(article_report):
    text = ARTICLE.read_text(encoding="utf-8")
    (doc,) = article_report["documents"]
    assert doc["text"] == text
    assert doc["issues"], "the MT article must get flags"
    for issue in doc["issues"]:
        assert 0 <= issue["start"] <= issue["end"] <= len(text)
        assert set(issue) >= {"start", "end", "category", "rule", "message", "confidence",
                              "suggestions"}


def _covered(doc: dict, phrase: str, category: str | None = None) -> bool:
    text = doc["text"]
    at = text.find(phrase)
    assert at >= 0, f"annotation phrase {phrase!r} not in the article"
    end = at + len(phrase)
    return any(
        i["start"] < end and at < i["end"] and category in (None, i["category"])
        for i in doc["issues"]
    )


def test_editor_annotations_are_mostly_flagged(article_report):
    notes = yaml.safe_load(ANNOTATIONS.read_text(encoding="utf-8"))
    (doc,) = article_report["documents"]
    flagged = [n["phrase"] for n in notes["flag"] if _covered(doc, n["phrase"])]
    missed = [n["phrase"] for n in notes["flag"] if n["phrase"] not in flagged]
    assert len(flagged) / len(notes["flag"]) >= 0.75, f"missed: {missed}"
    clean_flagged = [s for s in notes["clean"] if _covered(doc, s)]
    assert len(clean_flagged) <= 1, f"clean sentences flagged: {clean_flagged}"
    for phrase in notes["boilerplate"]:
        assert _covered(doc, phrase, "boilerplate"), f"not recognised as boilerplate: {phrase}"


def test_fix_writes_corrected_article_without_boilerplate(tmp_path, capsys):
    original = ARTICLE.read_bytes()
    code, out, _ = run_cli(capsys, "fix", str(ARTICLE), "-o", str(tmp_path / "out"))
    assert code == 1
    corrected = (tmp_path / "out" / ARTICLE.name).read_text(encoding="utf-8")
    notes = yaml.safe_load(ANNOTATIONS.read_text(encoding="utf-8"))
    for phrase in notes["boilerplate"]:
        assert phrase not in corrected
    for phrase in notes["keep"]:
        assert phrase in corrected, f"lost {phrase!r}"
    assert "Tension tension" not in corrected and "The body reacts" in corrected
    # "due to" would claim a cause the source may not: flagged, left for the editor
    assert "Against the background of" in corrected
    assert ARTICLE.read_bytes() == original, "fix must never touch its input"
    assert (tmp_path / "out" / "report.json").exists()
    assert (tmp_path / "out" / "issues.csv").exists()


def test_apply_none_returns_input_exactly(tmp_path, capsys):
    code, _, _ = run_cli(capsys, "fix", "--apply", "none", "-q", str(ARTICLE),
                         "-o", str(tmp_path))
    assert code == 1
    assert (tmp_path / ARTICLE.name).read_bytes() == ARTICLE.read_bytes()


def test_lines_jsonl_contract(tmp_path, capsys):
    lines = ["The organism reacts to strong stress.", "", "Water is good for the body.",
             "Against the background of diabetes, reduces the legs."]
    path = tmp_path / "mt.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", "--lines", "--format", "jsonl", str(path))
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["text"] for r in records] == [line for line in lines if line]
    assert code == 1
    for record in records:
        assert set(record) >= {"id", "text", "issues", "corrected"}
        for issue in record["issues"]:
            for suggestion in issue["suggestions"]:
                assert set(suggestion) >= {"text", "source", "score"}
    first = records[0]
    assert any(i["category"] == "calque" for i in first["issues"])
    assert first["corrected"] != first["text"]
    assert "body" in first["corrected"]


def test_exit_code_zero_when_nothing_is_found(tmp_path, capsys):
    path = tmp_path / "clean.txt"
    path.write_text("Drink water every day.\n", encoding="utf-8")
    code, _, _ = run_cli(capsys, "check", "--checks", "calque,typography", str(path))
    assert code == 0


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "make_input, expected",
    [
        (lambda d: d / "missing.txt", "not found"),
        (lambda d: d, "directory"),
        (lambda d: _write(d / "empty.txt", b""), "empty"),
        (lambda d: _write(d / "bin.txt", b"\x00\x01\x02PNG" * 50), "binary"),
    ],
    ids=["missing", "directory", "empty", "binary"],
)
def test_bad_input_one_line_error_and_no_output(tmp_path, capsys, make_input, expected):
    bad = make_input(tmp_path)
    out = tmp_path / "out"
    code, _, err = run_cli(capsys, "fix", str(ARTICLE), str(bad), "-o", str(out))
    assert code == 2
    assert expected in err.lower()
    assert "Traceback" not in err
    assert not out.exists(), "a bad input must stop the run before anything is written"


def test_fix_refuses_to_overwrite_its_input(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("The organism reacts to strong stress.\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "fix", str(article), "-o", str(tmp_path))
    assert code == 2 and "overwrite" in err
    assert article.read_text(encoding="utf-8") == "The organism reacts to strong stress.\n"


def test_in_place_keeps_a_backup(tmp_path, capsys):
    article = tmp_path / "a.txt"
    original = "The organism reacts to strong stress.\n"
    article.write_text(original, encoding="utf-8")
    code, _, _ = run_cli(capsys, "fix", "--in-place", "-q", str(article))
    assert code == 1
    assert (tmp_path / "a.txt.bak").read_text(encoding="utf-8") == original
    assert article.read_text(encoding="utf-8") != original


def test_unknown_check_is_a_usage_error(tmp_path, capsys):
    code, _, err = run_cli(capsys, "check", "--checks", "nonsense", str(ARTICLE))
    assert code == 2 and "nonsense" in err


def test_save_workspace_then_reopen(tmp_path, capsys):
    db = tmp_path / "ws.db"
    run_cli(capsys, "check", "-q", "--save", str(db), str(ARTICLE))
    from textfix.store import Workspace

    ws = Workspace.create_or_open(db)
    docs = ws.documents()
    assert len(docs) == 1 and ws.issues()


def test_html_report_is_written(tmp_path, capsys):
    html = tmp_path / "r.html"
    run_cli(capsys, "check", "-q", "--html", str(html), str(ARTICLE))
    page = html.read_text(encoding="utf-8")
    assert "<html" in page.lower() and "calque" in page


def test_python_api_matches_cli():
    import textfix

    text = "The organism reacts to strong stress."
    result = textfix.check(text)
    assert result.document.text == text
    edits = [Edit(e.start, e.end, e.replacement) for e in result.edits]
    assert apply_edits(text, edits) == result.corrected == textfix.fix(text)


def test_console_script_runs_as_a_process(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "textfix.cli", "check", str(tmp_path / "nope")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
