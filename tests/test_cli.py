"""End-to-end runs of the command line on team-written articles in corpus/."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from textfix.cli import main
from textfix.records import Edit
from textfix.stages.apply import apply_edits

from .helpers import run_cli

ARTICLE = Path(__file__).resolve().parents[1] / "corpus/articles/nape-pain-mt.txt"
ANNOTATIONS = Path(__file__).resolve().parents[1] / "corpus/annotations/nape-pain-mt.yaml"


@pytest.fixture(scope="module")
def article_report(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("report") / "report.json"
    assert main(["check", "--format", "json", "--report", str(out), str(ARTICLE)]) == 1
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
    # the MiniLM tagger behind the fluency check flags three short clean sentences here at
    # P(BAD) 0.24-0.36 with no fix offered (the old quality model flagged none): a known cost of
    # its recall on MT, tracked in the issue; anything beyond that is a regression
    assert len(clean_flagged) <= 3, f"clean sentences flagged: {clean_flagged}"
    for phrase in notes["boilerplate"]:
        assert _covered(doc, phrase, "boilerplate"), f"not recognised as boilerplate: {phrase}"


def test_fix_writes_corrected_article_without_boilerplate(tmp_path, capsys):
    original = ARTICLE.read_bytes()
    code, out, _ = run_cli(capsys, "fix", str(ARTICLE), "-o", str(tmp_path / "out"))
    assert code == 0  # a fix that wrote its outputs succeeded, whatever waits for an editor
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
                         "-o", str(tmp_path), "--fail-on-remaining")
    assert code == 1  # asked to fail: every issue still waits
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
    assert code == 0
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


def test_the_console_scripts_quick_exit_keeps_every_output_and_the_exit_code(tmp_path):
    """``cli.run`` ends the process without tearing the interpreter down: what went to stdout,
    the report file and the review database are all there, and the exit code is main's."""
    article = _article(tmp_path / "in")
    db = tmp_path / "review.db"
    proc = subprocess.run([sys.executable, "-m", "textfix.cli", "check", *FAST, "--format",
                           "json", "--save", str(db), "--report", str(tmp_path / "r.json"),
                           str(article)], capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr  # issues found
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["documents"][0]["issues"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from issues").fetchone()[0] >= 1
    listed = subprocess.run([sys.executable, "-m", "textfix.cli", "check", *FAST, "--format",
                             "jsonl", str(article)], capture_output=True, text=True)
    assert listed.returncode == 1 and json.loads(listed.stdout.splitlines()[0])["issues"]


def test_the_quick_exit_still_waits_for_threads_that_are_not_daemons(tmp_path):
    """As a normal exit does: a plug-in's thread finishing a write is not cut off, and idle
    pool workers left behind do not hang the exit."""
    out = tmp_path / "late.txt"
    script = ("import sys, threading, time\n"
              "from concurrent.futures import ThreadPoolExecutor\n"
              "from textfix.cli import run\n"
              "def late():\n"
              "    time.sleep(0.5)\n"
              f"    open({str(out)!r}, 'w').write('done')\n"
              "threading.Thread(target=late).start()\n"
              "ThreadPoolExecutor(2).submit(lambda: None)\n"
              "sys.argv = ['textfix', '--version']\n"
              "run()\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0 and proc.stdout.startswith("textfix ")
    assert out.read_text(encoding="utf-8") == "done"


# ---- outputs never overwrite without asking; output paths checked before any work ----------

SHORT = "The organism reacts to strong stress.\n"
FAST = ("--no-models", "--checks", "calque", "-q")  # enough to find an issue, in well under 1 s


def _article(folder: Path, name: str = "a.txt", text: str = SHORT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _one_line_error(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("textfix: error: "), err
    assert "Traceback" not in err
    return err


@pytest.fixture
def no_pipeline(monkeypatch):
    """Fail the test if the pipeline starts: a refusal must come before any work."""
    def refuse(*args, **kwargs):
        raise AssertionError("the pipeline ran before the outputs were checked")

    monkeypatch.setattr("textfix.parallel.run_documents", refuse)


@pytest.mark.parametrize("extra", [(), ("--overwrite",)], ids=["plain", "overwrite"])
def test_check_report_onto_its_input_is_refused(tmp_path, capsys, no_pipeline, extra):
    article = _article(tmp_path)
    code, _, err = run_cli(capsys, "check", *FAST, *extra, "--format", "json",
                           "--report", str(article), str(article))
    assert code == 2 and "is an input" in _one_line_error(err)
    assert article.read_text(encoding="utf-8") == SHORT


def test_html_report_onto_an_input_is_refused(tmp_path, capsys, no_pipeline):
    article = _article(tmp_path)
    glossary = _article(tmp_path, "terms.yaml", "terms: []\n")
    for argv in (["fix", "--html", str(article), "-o", str(tmp_path / "out")],
                 ["check", "--html", str(glossary), "--glossary", str(glossary)]):
        code, _, err = run_cli(capsys, *argv, *FAST, str(article))
        assert code == 2 and "is an input" in _one_line_error(err)
    assert article.read_text(encoding="utf-8") == SHORT
    assert glossary.read_text(encoding="utf-8") == "terms: []\n"
    assert not (tmp_path / "out").exists()


def test_output_through_a_link_to_the_input_is_refused(tmp_path, capsys, no_pipeline):
    article = _article(tmp_path)
    (tmp_path / "alias.json").symlink_to(article)
    (tmp_path / "hard.json").hardlink_to(article)
    for alias in ("alias.json", "hard.json"):
        code, _, err = run_cli(capsys, "check", *FAST, "--overwrite", "--format", "json",
                               "--report", str(tmp_path / alias), str(article))
        assert code == 2 and "is an input" in _one_line_error(err)
    assert article.read_text(encoding="utf-8") == SHORT


def test_existing_check_report_needs_overwrite(tmp_path, capsys):
    article = _article(tmp_path / "in")
    report = tmp_path / "report.json"
    report.write_text("keep me", encoding="utf-8")
    code, _, err = run_cli(capsys, "check", *FAST, "--format", "json", "--report", str(report),
                           str(article))
    assert code == 2 and "already exists; add --overwrite" in _one_line_error(err)
    assert report.read_text(encoding="utf-8") == "keep me"
    code, _, _ = run_cli(capsys, "check", *FAST, "--format", "json", "--report", str(report),
                         "--overwrite", str(article))
    assert code == 1 and json.loads(report.read_text(encoding="utf-8"))["documents"]


def test_fix_into_a_folder_with_outputs_needs_overwrite(tmp_path, capsys):
    article = _article(tmp_path / "in")
    out = tmp_path / "out"
    argv = ["fix", *FAST, str(article), "-o", str(out), "--html", str(out / "report.html")]
    assert run_cli(capsys, *argv)[0] == 0
    written = sorted(p.name for p in out.iterdir())
    assert written == ["a.txt", "issues.csv", "report.html", "report.json"]
    for path in out.iterdir():
        path.write_text("an editor's work", encoding="utf-8")
    code, _, err = run_cli(capsys, *argv)
    assert code == 2
    assert "and 1 more already exist; add --overwrite to replace them" in _one_line_error(err)
    assert all(p.read_text(encoding="utf-8") == "an editor's work" for p in out.iterdir())
    assert run_cli(capsys, *argv, "--overwrite")[0] == 0
    assert "body" in (out / "a.txt").read_text(encoding="utf-8")
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["documents"]


def test_in_place_keeps_the_first_backup_unless_overwrite(tmp_path, capsys):
    article = _article(tmp_path)
    backup = tmp_path / "a.txt.bak"
    assert run_cli(capsys, "fix", "--in-place", *FAST, str(article))[0] == 0
    corrected = article.read_text(encoding="utf-8")
    assert backup.read_text(encoding="utf-8") == SHORT and corrected != SHORT
    code, _, err = run_cli(capsys, "fix", "--in-place", *FAST, str(article))
    assert code == 2 and "a.txt.bak already exists" in _one_line_error(err)
    assert backup.read_text(encoding="utf-8") == SHORT
    assert article.read_text(encoding="utf-8") == corrected
    assert run_cli(capsys, "fix", "--in-place", "--overwrite", *FAST, str(article))[0] in (0, 1)
    assert backup.read_text(encoding="utf-8") == corrected


def test_in_place_twice_on_one_file_is_refused(tmp_path, capsys, no_pipeline):
    """The second copy would back up the corrected text over the original."""
    article = _article(tmp_path)
    code, _, err = run_cli(capsys, "fix", "--in-place", *FAST, str(article), str(article))
    assert code == 2 and "named for two outputs" in _one_line_error(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_fix_out_onto_an_input_file_fails_at_once(tmp_path, capsys, no_pipeline):
    """It used to end in a FileExistsError traceback after the whole run (20 s on an article)."""
    article = _article(tmp_path)
    started = time.perf_counter()
    code, _, err = run_cli(capsys, "fix", str(article), "-o", str(article))
    assert time.perf_counter() - started < 1.0
    assert code == 2
    assert f"-o {article} is an input file, not an output folder" in _one_line_error(err)
    assert article.read_text(encoding="utf-8") == SHORT


def test_fix_out_under_a_file_is_refused(tmp_path, capsys, no_pipeline):
    article = _article(tmp_path)
    other = _article(tmp_path, "notes.txt")
    code, _, err = run_cli(capsys, "fix", str(article), "-o", str(other / "out"))
    assert code == 2 and "is a file, not a folder" in _one_line_error(err)


def test_output_appearing_during_the_run_is_kept(tmp_path):
    from textfix.errors import OutputError
    from textfix.output_paths import write_text

    target = tmp_path / "report.json"
    write_text(target, "first", overwrite=False)
    with pytest.raises(OutputError, match="appeared while textfix was working"):
        write_text(target, "second", overwrite=False)
    assert target.read_text(encoding="utf-8") == "first"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"], "no temporary file left"
    write_text(target, "third", overwrite=True)
    assert target.read_text(encoding="utf-8") == "third"


def test_review_export_memory_never_replaces_without_overwrite(tmp_path, capsys):
    article = _article(tmp_path / "in")
    workspace = tmp_path / "ws.db"
    assert run_cli(capsys, "check", *FAST, "--save", str(workspace), str(article))[0] == 1
    saved = workspace.read_bytes()
    exported = tmp_path / "memory.json"
    exported.write_text("[]", encoding="utf-8")
    code, _, err = run_cli(capsys, "review", str(workspace), "--export-memory", str(exported))
    assert code == 2 and "already exists; add --overwrite" in _one_line_error(err)
    assert exported.read_text(encoding="utf-8") == "[]"
    assert run_cli(capsys, "review", str(workspace), "--export-memory", str(exported),
                   "--overwrite")[0] == 0
    assert exported.read_text(encoding="utf-8") != "[]"
    code, _, err = run_cli(capsys, "review", str(workspace), "--export-memory", str(workspace),
                           "--overwrite")
    assert code == 2 and "is an input" in _one_line_error(err)
    assert workspace.read_bytes() == saved


def test_save_onto_an_input_is_refused(tmp_path, capsys, no_pipeline):
    article = _article(tmp_path)
    code, _, err = run_cli(capsys, "check", *FAST, "--save", str(article), str(article))
    assert code == 2 and "is an input" in _one_line_error(err)
    assert article.read_text(encoding="utf-8") == SHORT


def test_batch_out_onto_its_input_table_is_refused(tmp_path, capsys):
    table = _article(tmp_path, "rows.jsonl", '{"id": 1, "text": "Some text."}\n')
    code, _, err = run_cli(capsys, "batch", str(table), "--out", str(table), "-q")
    assert code == 2 and "is an input file" in _one_line_error(err)
    assert table.read_text(encoding="utf-8") == '{"id": 1, "text": "Some text."}\n'


# ---- every failure: exit 2 and one line; --debug shows the traceback ------------------------

def _crash(*args, **kwargs):
    raise RuntimeError("kaput\n  in a second line")


@pytest.mark.parametrize("command", ["check", "fix"])
def test_unexpected_error_is_exit_2_and_one_line(tmp_path, capsys, monkeypatch, command):
    monkeypatch.setattr("textfix.cli_run.read_inputs", _crash)
    article = _article(tmp_path)
    code, _, err = run_cli(capsys, command, *FAST, str(article), *(
        ["-o", str(tmp_path / "out")] if command == "fix" else []))
    assert code == 2, "exit 1 means 'issues found'; a crash must not look like a finding"
    line = _one_line_error(err)
    assert "RuntimeError: kaput in a second line" in line and "--debug" in line


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_shows_the_traceback(tmp_path, capsys, monkeypatch, where):
    monkeypatch.setattr("textfix.cli_run.read_inputs", _crash)
    article = _article(tmp_path)
    argv = ["check", *FAST, str(article)]
    argv = ["--debug", *argv] if where == "before" else [*argv, "--debug"]
    code, _, err = run_cli(capsys, *argv)
    assert code == 2
    assert "Traceback (most recent call last)" in err and "_crash" in err
    assert err.splitlines()[-1].startswith("textfix: error: unexpected RuntimeError")


def test_machine_fault_is_one_line_naming_the_file(tmp_path, capsys, monkeypatch):
    def disk_full(path, data, replace=True):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr("textfix.output_paths.atomic_write_bytes", disk_full)
    article = _article(tmp_path)
    report = tmp_path / "r.json"
    code, _, err = run_cli(capsys, "check", *FAST, "--format", "json", "--report", str(report),
                           str(article))
    assert code == 2
    assert f"cannot write {report}: No space left on device" in _one_line_error(err)


def test_usage_error_is_one_line(capsys):
    assert main(["check", "--apply", "bold", "x.txt"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("textfix: error: ")
    assert "'bold' is not one of 'safe'" in err and "textfix check --help" in err


def test_several_bad_inputs_in_one_line(tmp_path, capsys):
    code, _, err = run_cli(capsys, "check", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert code == 2
    assert "2 inputs cannot be read: " in _one_line_error(err)


def test_report_into_a_new_folder_is_written(tmp_path, capsys):
    """It used to run the whole check, then fail on the missing folder."""
    article = _article(tmp_path)
    report = tmp_path / "reports" / "today" / "r.json"
    code, _, _ = run_cli(capsys, "check", *FAST, "--format", "json", "--report", str(report),
                         str(article))
    assert code == 1 and json.loads(report.read_text(encoding="utf-8"))["documents"]


def test_negative_jobs_is_a_usage_error(tmp_path, capsys, no_pipeline):
    code, _, err = run_cli(capsys, "check", *FAST, "--jobs", "-3", str(_article(tmp_path)))
    assert code == 2 and "--jobs must be positive" in _one_line_error(err)


class _ClosedPipe(io.StringIO):
    """stdout of ``textfix check ... | head`` once head has exited."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_reader_closing_stdout_ends_quietly(tmp_path, capsys, monkeypatch):
    article = _article(tmp_path)
    with monkeypatch.context() as patch:
        patch.setattr("sys.stdout", _ClosedPipe())
        code = main(["check", *FAST, "--format", "jsonl", str(article)])
    assert code == 141 and capsys.readouterr().err == ""


def test_broken_pipe_elsewhere_is_an_error(tmp_path, capsys, monkeypatch):
    """A worker's pipe breaking is a failure to report, not a reader that stopped."""
    def broken(*args, **kwargs):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("textfix.cli_run.read_inputs", broken)
    code, _, err = run_cli(capsys, "check", *FAST, str(_article(tmp_path)))
    assert code == 2 and "Broken pipe" in _one_line_error(err)


def test_os_error_anywhere_is_one_line_naming_the_file(tmp_path, capsys, monkeypatch):
    def io_error(*args, **kwargs):
        raise OSError(5, "Input/output error", "/mnt/share/a.txt")

    monkeypatch.setattr("textfix.cli_run.read_inputs", io_error)
    code, _, err = run_cli(capsys, "check", *FAST, str(_article(tmp_path)))
    assert code == 2
    assert _one_line_error(err) == "textfix: error: /mnt/share/a.txt: Input/output error\n"


@pytest.mark.parametrize("flags", [["-q"], ["--format", "json"]])
def test_text_ingest_could_not_check_is_named_on_stderr_without_a_summary(tmp_path, capsys,
                                                                          flags):
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><p Cramps come at night.</p>"
                    "<p>Stretch the calf before bed.</p></article></body></html>",
                    encoding="utf-8")
    code, out, err = run_cli(capsys, "check", "--no-models", *flags, str(page))
    assert code in (0, 1)
    [line] = [w for w in err.splitlines() if w.startswith("textfix: warning: ")]
    assert "Cramps come at night." in line


def test_fix_fails_on_remaining_only_when_asked(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Against the background of stress, the pain grows.\n", encoding="utf-8")
    assert run_cli(capsys, "fix", *FAST, str(article), "-o", str(tmp_path / "o1"))[0] == 0
    code = run_cli(capsys, "fix", *FAST, "--fail-on-remaining", str(article),
                   "-o", str(tmp_path / "o2"))[0]
    assert code == 1  # the «на фоне» calque is held for an editor
    clean = tmp_path / "b.txt"
    clean.write_text("Rest helps.\n", encoding="utf-8")
    assert run_cli(capsys, "fix", *FAST, "--fail-on-remaining", str(clean),
                   "-o", str(tmp_path / "o3"))[0] == 0


@pytest.mark.parametrize(("argv", "hint"), [
    (["chek", "a.txt"], "did you mean 'check'"),
    (["check", "--apply", "saf", "a.txt"], "did you mean 'safe'"),
    (["check", "--checks", "gramar", "a.txt"], "did you mean 'grammar'"),
])
def test_typos_in_commands_options_and_check_names_get_a_did_you_mean(capsys, argv, hint):
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse's own errors end the process
        code = stop.code
    err = capsys.readouterr().err
    assert code == 2 and hint in err and len(err.strip().splitlines()) == 1
