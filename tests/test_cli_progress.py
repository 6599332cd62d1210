"""A progress bar on ``check``/``fix`` when the input is long and stderr is a terminal (a real
pseudo-terminal here), never on a pipe or for a short input."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from textfix.cli_progress import LONG_SEGMENTS

CLI = "import sys; from textfix.cli import main; sys.exit(main(sys.argv[1:]))"
LINE = "The organism reacts to strong stress, against the background of fatigue."
BAR = "━"  # rich's bar, drawn only on a terminal


def _run(argv: list[str], tty: bool) -> tuple[int, str, str]:
    """Run textfix in a child with stderr on a pseudo-terminal (``tty``) or a pipe."""
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    if not tty:
        proc = subprocess.run([sys.executable, "-c", CLI, *argv], capture_output=True,
                              text=True, env=env, timeout=300)
        return proc.returncode, proc.stdout, proc.stderr
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-c", CLI, *argv], stdout=subprocess.PIPE,
                            stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    out = proc.stdout.read().decode() if proc.stdout else ""
    code = proc.wait(timeout=300)
    os.close(leader)
    return code, out, b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def long_input(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("long") / "mt.txt"
    path.write_text("\n".join([LINE] * (LONG_SEGMENTS + 30)) + "\n", encoding="utf-8")
    return path


ARGS = ["check", "--no-models", "--checks", "calque", "--lines", "--output-format", "concise"]


def test_bar_on_a_terminal_for_a_long_input(long_input):
    code, out, err = _run([*ARGS, str(long_input)], tty=True)
    assert code == 1
    assert BAR in err and "check" in err and "%" in err
    assert out.count("\n") >= LONG_SEGMENTS  # the report itself is untouched on stdout


def test_no_bar_on_a_pipe(long_input):
    code, out, err = _run([*ARGS, str(long_input)], tty=False)
    assert code == 1 and out.count("\n") >= LONG_SEGMENTS
    assert BAR not in err and "%" not in err


def test_no_bar_for_a_short_input_or_when_asked(tmp_path, long_input):
    short = tmp_path / "short.txt"
    short.write_text(LINE + "\n", encoding="utf-8")
    for argv in ([*ARGS, str(short)], [*ARGS, "--no-progress", str(long_input)]):
        code, _, err = _run(argv, tty=True)
        assert code == 1 and BAR not in err, argv


def test_the_pipeline_reports_progress_up_to_the_end(long_input):
    """In-process: the run tells the bar each stage of each chunk, in order, up to 100%, and
    running in chunks for the bar changes no result."""
    from textfix.config import Config
    from textfix.ingest import InputOptions, read_path
    from textfix.parallel import run_documents

    seen: list[tuple[float, str]] = []
    documents = read_path(str(long_input), InputOptions(lines=True))
    config = Config(checks=("calque",), rank_with_lm=False)
    results = run_documents(config, documents, 1,
                            progress=lambda done, stage: seen.append((done, stage)))
    shares = [done for done, _ in seen]
    assert shares == sorted(shares) and shares[-1] == 1.0 and len(shares) > 2
    assert "calque" in {stage for _, stage in seen}
    assert [r.issues for r in results] == [r.issues for r in run_documents(config, documents, 1)]
