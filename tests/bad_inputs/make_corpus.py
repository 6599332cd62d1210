"""Write the bad-input corpus: files a careless or hostile user hands to textfix.

Generated, never committed, because half of it (binaries, unreadable modes, a FIFO, links to
devices, a 21 MB sparse file) does not survive git. ``tests/test_bad_input.py`` runs every case
through ``textfix check`` and ``textfix fix``; each must be refused with exit 2 and one line.

    python tests/bad_inputs/make_corpus.py DIR      # writes the corpus into DIR, lists the cases
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE = "The organism reacts to strong stress. Drink water every day.\n"


@dataclass(frozen=True)
class Case:
    """One bad input: ``make`` writes it into a folder and returns the path to pass."""

    name: str
    make: Callable[[Path], Path]
    expected: str  # a fragment of the one-line refusal
    args: tuple[str, ...] = ()  # extra options the case needs (e.g. a small --max-bytes)
    needs: tuple[str, ...] = field(default=())  # "posix", "non-root": where the case can exist


def _file(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _missing(folder: Path) -> Path:
    return folder / "missing.txt"


def _directory(folder: Path) -> Path:
    path = folder / "a-folder.txt"
    path.mkdir()
    (path / "inside.txt").write_text(ARTICLE, encoding="utf-8")
    return path


def _unreadable(folder: Path) -> Path:
    path = _file("unreadable.txt", ARTICLE.encode())(folder)
    path.chmod(0)
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def _device_link(folder: Path) -> Path:
    path = folder / "zeros.txt"
    path.symlink_to("/dev/zero")
    return path


def _broken_link(folder: Path) -> Path:
    path = folder / "dangling.txt"
    path.symlink_to(folder / "gone.txt")
    return path


def _sparse_huge(folder: Path) -> Path:
    path = folder / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # above the 20 MB default; sparse, costs no disk
    return path


def _odd_name(folder: Path) -> Path:
    """A binary file whose name is not valid UTF-8 (the message must still print)."""
    path = Path(os.fsdecode(os.fsencode(folder) + b"/caf\xe9.txt"))
    path.write_bytes(b"\x00\x01\x02\x03" * 64)
    return path


UTF16_TEXT = ARTICLE.encode("utf-16-le")

CASES: tuple[Case, ...] = (
    Case("missing", _missing, "file not found"),
    Case("directory", _directory, "is a directory"),
    Case("unreadable", _unreadable, "permission denied", needs=("posix", "non-root")),
    Case("fifo", _fifo, "not a regular file", needs=("posix",)),
    Case("device-link", _device_link, "not a regular file", needs=("posix",)),
    Case("broken-link", _broken_link, "broken symbolic link", needs=("posix",)),
    Case("empty", _file("empty.txt", b""), "is empty"),
    Case("whitespace", _file("blank.md", b" \n\t\r\n\xc2\xa0\n"), "contains only whitespace"),
    Case("bom-only", _file("bom.txt", codecs.BOM_UTF8), "contains only whitespace"),
    Case("huge", _sparse_huge, "above the 20 MB limit"),
    Case("past-max-bytes", _file("long.txt", ARTICLE.encode() * 40), "above the 1 KB limit",
         args=("--max-bytes", "1024")),
    Case("png", _file("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256))), "a PNG image"),
    Case("pdf", _file("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "a PDF file"),
    Case("docx", _file("article.md", b"PK\x03\x04\x14\x00\x06\x00" + bytes(200)),
         "a ZIP archive"),
    Case("gzip", _file("article.html", b"\x1f\x8b\x08\x00" + bytes(100)), "a gzip archive"),
    Case("nul-bytes", _file("nul.txt", ARTICLE.encode() + b"\x00\x00" + ARTICLE.encode()),
         "NUL bytes"),
    Case("control-noise", _file("noise.txt", bytes(range(1, 32)) * 30), "control characters"),
    Case("odd-file-name", _odd_name, "NUL bytes"),
    Case("utf16-no-bom", _file("utf16.txt", UTF16_TEXT), "UTF-16"),
    Case("utf16-be-no-bom", _file("utf16be.txt", ARTICLE.encode("utf-16-be")), "UTF-16"),
    Case("utf16-bom-truncated", _file("cut16.txt", codecs.BOM_UTF16_LE + UTF16_TEXT[:-1]),
         "byte-order mark"),
    Case("utf8-bom-then-invalid", _file("mixed.txt", codecs.BOM_UTF8 + b"Dose \xff\xfe\xfa."),
         "byte-order mark"),
    Case("script-only-html", _file("app.html", b"<html><head><script>render()</script></head>"
                                               b"<body><nav>Menu</nav></body></html>"),
         "no readable text"),
    Case("unclosed-script-html",
         _file("swallowed.html", b"<html><body><script>var page = 1;<p>The text.</p></body>"),
         "no readable text"),
    Case("markup-only-html", _file("tags.htm", b"<div><span></span><img src=x><br/></div>"),
         "no readable text"),
    Case("comment-only-html", _file("comment.html", b"<html><!-- <p>The text.</p> -->"),
         "no readable text"),
    Case("jsonl-broken", _file("mt.jsonl", b'{"text": "Fine."}\n{"text": "Broken"\n'),
         "line 2 is not valid JSON"),
    Case("jsonl-no-text", _file("rows.jsonl", b'{"id": 1, "body": "No text field."}\n'),
         'has no "text" field'),
    Case("jsonl-list", _file("list.jsonl", b'["a", "list"]\n'), "not an object"),
    Case("jsonl-deep-nesting",
         _file("deep.jsonl", b'{"text": "Fine.", "a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"),
         "nests JSON arrays or objects too deeply"),
    Case("jsonl-huge-number", _file("num.jsonl", b'{"text": "Fine.", "n": ' + b"9" * 5000 + b"}\n"),
         "cannot be read as JSON"),
    Case("jsonl-lone-surrogate", _file("half.jsonl", b'{"text": "The dose \\ud800 is small."}\n'),
         "surrogate"),
    # names with a line break or a terminal escape: the refusal stays on one line and must not
    # repaint the user's terminal
    Case("newline-in-name", _file("two\nlines.txt", b""), "two lines.txt is empty",
         needs=("posix",)),
    Case("escape-in-name", _file("\x1b[2Jwiped.txt", b""), "\\x1b[2Jwiped.txt is empty",
         needs=("posix",)),
    Case("csv-no-text-column", _file("rows.csv", b"id,body\n1,Some text.\n"), "no 'text' column"),
    Case("csv-open-quote", _file("quote.csv", b'id,text\n1,"An open quote\n2,next\n'),
         "not valid CSV"),
    Case("csv-header-only", _file("header.csv", b"id,text\n"), "no rows below its header"),
    Case("lines-blank", _file("mt.txt", b"\n\n  \n"), "contains only whitespace",
         args=("--lines",)),
    Case("max-bytes-zero", _file("ok.txt", ARTICLE.encode()), "--max-bytes must be positive",
         args=("--max-bytes", "0")),
)


def available(case: Case) -> str | None:
    """Why ``case`` cannot be built on this machine, or None when it can."""
    if "posix" in case.needs and os.name != "posix":
        return "needs a POSIX filesystem"
    if "non-root" in case.needs and os.name == "posix" and os.geteuid() == 0:
        return "root reads any file"
    return None


def make_case(case: Case, folder: Path) -> Path:
    """Build ``case`` in its own sub-folder of ``folder`` and return the path to pass."""
    home = folder / case.name
    home.mkdir(parents=True, exist_ok=True)
    return case.make(home)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    folder = Path(argv[0])
    for case in CASES:
        why_not = available(case)
        if why_not:
            print(f"{case.name}: skipped ({why_not})")
            continue
        path = make_case(case, folder)
        print(f"{case.name}: {path} {' '.join(case.args)}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
