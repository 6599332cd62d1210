"""Find what a batch works on: the files under a folder or a glob, or the rows of one table.

A batch works in *units*, each with a stable key (its path relative to the input root, or a
record id) that names its outputs and its manifest row. A folder or glob gives one unit per file;
a single JSONL/CSV/Parquet file gives one unit per ``id,text`` row, so a table of thousands of
articles resumes row by row.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..ingest.formats import EXTENSIONS

TABLE_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv", ".parquet")
_MAGIC = re.compile(r"[*?\[]")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class FileUnit:
    """One input file; ``key`` is its POSIX path relative to ``root``."""

    key: str
    path: Path

    @property
    def site(self) -> str:
        """The first folder of the relative path: the scrape's source site, by convention."""
        head, sep, _ = self.key.partition("/")
        return head if sep else ""


@dataclass(frozen=True)
class Discovery:
    """What INPUT names: ``files`` (folder/glob/single file) or ``table`` (rows as units)."""

    root: Path  # the folder keys are relative to
    files: tuple[FileUnit, ...] = ()
    table: Path | None = None


def discover(input_path: str | Path, exclude: Path | None = None) -> Discovery:
    """Resolve INPUT into units; ``exclude`` (the output folder) is never read as input.

    Hidden files and folders (``.git``, temporary files) are skipped; a folder is walked at any
    depth for the extensions the readers know, in sorted order so runs are reproducible.
    """
    text = str(input_path)
    path = Path(text)
    if _MAGIC.search(text) and not path.exists():
        return _from_glob(text, exclude)
    if not path.exists():
        raise InputError(f"{text}: no such file or folder")
    if path.is_dir():
        return _from_folder(path, exclude)
    if path.suffix.lower() in TABLE_SUFFIXES:
        return Discovery(root=path.parent.resolve(), table=path.resolve())
    resolved = path.resolve()
    return Discovery(root=resolved.parent, files=(FileUnit(resolved.name, resolved),))


def _from_folder(folder: Path, exclude: Path | None) -> Discovery:
    root = folder.resolve()
    skip = exclude.resolve() if exclude is not None else None
    units = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames
                             if not d.startswith(".") and (here / d).resolve() != skip)
        for name in sorted(filenames):
            if name.startswith(".") or Path(name).suffix.lower() not in EXTENSIONS:
                continue
            file = here / name
            units.append(FileUnit(file.relative_to(root).as_posix(), file))
    if not units:
        known = ", ".join(sorted(set(EXTENSIONS)))
        raise InputError(f"{folder} holds no input files (looked for {known})")
    return Discovery(root=root, files=tuple(sorted(units, key=lambda u: u.key)))


def _from_glob(pattern: str, exclude: Path | None) -> Discovery:
    """Keys are relative to the pattern's fixed leading folders (``site/**/*.txt`` → ``site``)."""
    parts = Path(pattern).parts
    fixed = _takewhile_fixed(parts)
    root = Path(*fixed).resolve() if fixed else Path.cwd().resolve()
    skip = exclude.resolve() if exclude is not None else None
    units = []
    for match in sorted(glob.glob(pattern, recursive=True)):
        file = Path(match).resolve()
        if not file.is_file() or file.name.startswith("."):
            continue
        if skip is not None and (file == skip or skip in file.parents):
            continue
        units.append(FileUnit(file.relative_to(root).as_posix(), file))
    if not units:
        raise InputError(f"{pattern} matches no files")
    return Discovery(root=root, files=tuple(units))


def _takewhile_fixed(parts: tuple[str, ...]) -> list[str]:
    fixed = []
    for part in parts[:-1]:
        if _MAGIC.search(part):
            break
        fixed.append(part)
    return fixed


def file_digest(path: Path) -> str:
    """SHA-256 of the bytes: an input whose digest changed since the last run is redone."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        return f"unreadable:{exc.strerror or exc}"
    return digest.hexdigest()


def text_digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def safe_name(key: str) -> str:
    """A record id as a file name; ids that needed changing get a short hash to stay unique."""
    cleaned = _UNSAFE.sub("_", key).strip("._") or "record"
    if cleaned != key:
        cleaned = f"{cleaned[:80]}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"
    return cleaned
