"""Bad input is refused with one clear line naming the file and the problem, never a traceback."""

from __future__ import annotations

import hashlib
import io
import os
import stat
from pathlib import Path

import pytest

from textfix.cli import main
from textfix.errors import ConfigError, InputError
from textfix.ingest import InputOptions, read_path

from .bad_inputs.make_corpus import CASES, Case, available, make_case


def refusal(path: str | Path, options: InputOptions | None = None) -> str:
    with pytest.raises(InputError) as info:
        read_path(path, options or InputOptions())
    message = str(info.value)
    assert "\n" not in message and message.strip() == message
    return message


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_nonexistent_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert refusal(missing) == f"{missing}: file not found"


def test_directory(tmp_path: Path) -> None:
    assert "is a directory" in refusal(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", b"Some text.")
    path.chmod(0)
    try:
        assert "permission denied" in refusal(path)
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"The text\x00\x00\x01 with NUL bytes", "contains NUL bytes"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF file"),
        (bytes(range(1, 32)) * 20, "control characters"),
    ],
)
def test_binary_files(tmp_path: Path, data: bytes, expected: str) -> None:
    message = refusal(write(tmp_path, "data.txt", data))
    assert expected in message and "not text" in message


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.txt", b"")
    assert refusal(path) == f"{path} is empty"


@pytest.mark.parametrize("data", [b"   \n\t\r\n  ", "\u00a0\u2003\n".encode()])
def test_whitespace_only_file(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "blank.txt", data)
    assert refusal(path) == f"{path} contains only whitespace"


def test_file_above_max_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", b"The pain passes. " * 200)
    message = refusal(path, InputOptions(max_bytes=1024))
    assert message == f"{path} is 3.3 KB, above the 1 KB limit; raise it with --max-bytes"


def test_huge_file_message_in_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(int(31.2 * 1024 * 1024))  # sparse: costs no disk
    message = refusal(path)
    assert message == f"{path} is 31.2 MB, above the 20 MB limit; raise it with --max-bytes"


def test_stdin_above_max_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"x" * 5000), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", fake)
    assert "standard input is more than 4 KB" in refusal("-", InputOptions(max_bytes=4096))


def test_invalid_utf8_decodes_as_cp1251_with_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "ru.txt", "Головная боль — частый симптом.\n".encode("cp1251"))
    (doc,) = read_path(path)
    assert doc.text == "Головная боль — частый симптом.\n"
    assert "decoded as cp1251, not UTF-8" in doc.warnings


def test_markup_in_plain_text_is_kept_with_a_warning(tmp_path: Path) -> None:
    text = "The <b>dose</b> is small.\n<script>alert(1)</script>\n"
    (doc,) = read_path(write(tmp_path, "marked.txt", text.encode()))
    assert doc.text == text
    assert len(doc.warnings) == 1 and "HTML markup" in doc.warnings[0]
    assert "--format html" in doc.warnings[0]


@pytest.mark.parametrize(
    "markup",
    [
        b"<html><body><div><p>The pressure jumps<b> sharply<p>Unclosed <i>everything",
        b"<p>Broken &amp entity &#xZZ; and </p></p></div> stray end tags</p>",
        b"<html><<<>>><p>Junk <!-- unclosed comment <p>before text",
        b"<!DOCTYPE html><p>\xff\xfe mixed bytes <td>cell</p>",
    ],
)
def test_malformed_html_gives_text_or_a_clear_error(tmp_path: Path, markup: bytes) -> None:
    path = write(tmp_path, "broken.html", markup)
    try:
        docs = read_path(path)
    except InputError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)
        return
    (doc,) = docs
    assert doc.text.strip()
    for seg in doc.segments:
        assert doc.text[seg.start : seg.end].strip()


def test_html_without_readable_text(tmp_path: Path) -> None:
    path = write(tmp_path, "app.html", b"<html><head><script>render()</script></head>"
                                        b"<body><nav>Menu</nav></body></html>")
    assert "no readable text" in refusal(path)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"text": "Fine."}\n{"text": "Broken"\n', "line 2 is not valid JSON"),
        ('{"text": "Fine."}\n["a", "list"]\n', "line 2 is a JSON list, not an object"),
        ('{"id": 1, "body": "No text field."}\n', 'line 1 has no "text" field'),
        ('{"text": 42}\n', 'line 1 has a "text" field that is not a string'),
        ("\n\n", "contains only whitespace"),
    ],
)
def test_malformed_jsonl(tmp_path: Path, content: str, expected: str) -> None:
    path = write(tmp_path, "bad.jsonl", content.encode())
    message = refusal(path)
    assert expected in message and str(path) in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("id,body\n1,Some text.\n", "the header (line 1) has no 'text' column; found: id, body"),
        ("id,text\n1,Fine.\n2,Too,many,fields\n",
         "row 2 (line 3) has 4 fields but the header has 2"),
        ("note,id,text\nx,1,Fine.\ny\n", "row 2 (line 3) has no text field (1 of 3 fields)"),
        ("id,text\n", "contains no rows below its header"),
        ('id,text\n1,"An open quote\n2,next\n', "line 3 is not valid CSV (unexpected end of data)"),
        ("text\nHello, world.\n", "row 1 (line 2) has 2 fields but the header has 1; quote text"),
    ],
)
def test_malformed_csv(tmp_path: Path, content: str, expected: str) -> None:
    path = write(tmp_path, "bad.csv", content.encode())
    assert expected in refusal(path)


def test_unknown_format_option(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", b"Text.")
    with pytest.raises(ConfigError, match="unknown input format 'docx'"):
        read_path(path, InputOptions(format="docx"))


def test_permission_error_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same message when the OS refuses the read (as root the chmod test above is skipped)."""
    path = write(tmp_path, "locked.txt", b"Some text.")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    assert refusal(path) == f"{path} cannot be read: permission denied"


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: kind, mode and content hash (link target for links), so a
    created, changed, removed or re-moded file shows."""
    seen = {}
    for root, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            path = Path(root, name)
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                what = f"link:{os.readlink(path)}"
            elif stat.S_ISREG(info.st_mode):
                what = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                what = stat.filemode(info.st_mode)
            seen[str(path.relative_to(folder))] = f"{oct(info.st_mode)} {what}"
    return seen


@pytest.mark.parametrize("command", ["check", "fix"])
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_inputs_corpus(case: Case, command: str, tmp_path: Path, capsys) -> None:
    """tests/bad_inputs: each case is refused with exit 2 and one line naming the problem, no
    traceback, and nothing written, changed or removed next to it."""
    why_not = available(case)
    if why_not:
        pytest.skip(why_not)
    path = make_case(case, tmp_path / "corpus")
    before = snapshot(tmp_path)
    outputs = ["-o", str(tmp_path / "out")] if command == "fix" else []
    code = main([command, "--no-models", *case.args, *outputs, str(path)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith("textfix: error: ") and "Traceback" not in err
    assert "\x1b" not in err, "a control character reached the terminal"
    assert case.expected in err
    assert snapshot(tmp_path) == before


def test_corpus_script_writes_every_case(tmp_path: Path) -> None:
    from .bad_inputs.make_corpus import main as make_corpus

    assert make_corpus([str(tmp_path)]) == 0
    built = {p.name for p in tmp_path.iterdir()}
    assert built == {case.name for case in CASES if available(case) is None}


def test_page_declaring_an_undecodable_charset_is_guessed(tmp_path: Path) -> None:
    """A meta charset Python knows but cannot decode a page with ("undefined", "idna") used to
    escape as a UnicodeError traceback; the page is read like one without a declaration."""
    page = b'<html><head><meta charset="undefined"></head><body><p>The dose \xe9 is small.</p>'
    (doc,) = read_path(write(tmp_path, "page.html", page))
    assert "The dose" in doc.text and doc.metadata["encoding"] != "undefined"


def test_page_declaring_utf16_without_being_it_is_not_garbled(tmp_path: Path) -> None:
    page = b'<html><head><meta charset="utf-16"></head><body><p>Caf\xe9 au lait.</p></body>'
    (doc,) = read_path(write(tmp_path, "page.html", page))
    assert "Café au lait." in doc.text


def test_csv_cell_holding_a_long_article(tmp_path: Path) -> None:
    """csv's default 128 KB field limit refused a whole article in one cell."""
    article = "The organism reacts to strong stress. " * 5000
    path = write(tmp_path, "long.csv", f'id,text\n1,"{article}"\n'.encode())
    (doc,) = read_path(path)
    assert doc.text == article
