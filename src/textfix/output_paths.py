"""Where a command may write, decided before any work starts.

A run that dies on its last write after minutes of work, or that quietly replaces a user's file,
costs more than a refusal at the start. So every command that writes files (``check -o``,
``--html``, ``fix -o``/``--in-place``, ``batch --out``, ``review --export-memory``) lists its
outputs and calls ``check_outputs`` first, and writes them with ``write_text``:

- an output that is one of the inputs (the same file, through any link) is refused, always;
- an output that already exists needs ``--overwrite``;
- two outputs that are the same file, an output that is a folder, an output under a file, or a
  folder that cannot be written to are refused;
- a file that appears while the command works is not replaced either (``write_text``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .atomic import atomic_write_bytes
from .errors import OutputError

PathLike = str | os.PathLike[str]
_SHOWN = 3  # existing outputs named in a refusal before "and N more"


def file_identity(path: PathLike) -> tuple:
    """What makes two names one file: device and inode for a file that exists (so links, hard
    links and ``./a`` vs ``a`` match), else the absolute path with links resolved."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return ("path", str(Path(path).resolve()))
    return ("inode", info.st_dev, info.st_ino)


def same_file(a: PathLike, b: PathLike) -> bool:
    return file_identity(a) == file_identity(b)


def _input_paths(inputs: Iterable[PathLike | None]) -> list[Path]:
    return [Path(p) for p in inputs if p is not None and str(p) != "-"]


def refuse_inputs(outputs: Iterable[PathLike], inputs: Iterable[PathLike | None],
                  hint: str = "choose another output") -> None:
    """Raise OutputError when any output is one of the inputs, whatever ``--overwrite`` says.
    One stat per path, so ``fix`` of thousands of files checks in linear time."""
    sources = {file_identity(source): source for source in _input_paths(inputs)}
    for output in outputs:
        source = sources.get(file_identity(output))
        if source is not None:
            shown = "" if Path(output) == source else f" ({source})"
            raise OutputError(f"{output} is an input{shown}; writing it would overwrite "
                              f"that input; {hint}")


def check_output_dir(folder: PathLike, inputs: Iterable[PathLike | None] = (),
                     option: str = "-o") -> None:
    """Refuse an output folder that is a file (an input file, often: ``fix -o article.txt``) or
    lies under a file, or that cannot be created or written to."""
    path = Path(folder)
    if path.exists() and not path.is_dir():
        if any(same_file(path, source) for source in _input_paths(inputs)):
            raise OutputError(f"{option} {path} is an input file, not an output folder; "
                              "choose a folder for the outputs")
        raise OutputError(f"{option} {path} is a file, not a folder; choose a folder for the "
                          "outputs")
    _writable_parent(path / "x")


def check_outputs(outputs: Iterable[PathLike], inputs: Iterable[PathLike | None] = (), *,
                  overwrite: bool = False, hint: str = "choose another output") -> None:
    """Refuse, before any work, outputs that would replace an input or an existing file (unless
    ``overwrite``), collide with each other, or cannot be written."""
    paths = [Path(p) for p in outputs]
    refuse_inputs(paths, inputs, hint)
    seen: set[tuple] = set()
    for path in paths:
        identity = file_identity(path)
        if identity in seen:
            raise OutputError(f"{path} is named for two outputs; give each its own file")
        seen.add(identity)
        if path.is_dir():
            raise OutputError(f"{path} is a folder; give a file name for this output")
        _writable_parent(path)
    if overwrite:
        return
    existing = [p for p in paths if p.exists() or p.is_symlink()]
    if existing:
        names = ", ".join(str(p) for p in existing[:_SHOWN])
        more = f" and {len(existing) - _SHOWN} more" if len(existing) > _SHOWN else ""
        verb = "exists" if len(existing) == 1 else "exist"
        them = "it" if len(existing) == 1 else "them"
        raise OutputError(f"{names}{more} already {verb}; add --overwrite to replace {them}")


def _writable_parent(path: Path) -> None:
    """The nearest existing folder above ``path`` must be a folder we may write into (missing
    folders below it are created later)."""
    parent = path.parent  # "." for a bare file name
    while not parent.exists():
        if parent.is_symlink():
            raise OutputError(f"cannot write {path}: {parent} is a broken symbolic link")
        if parent.parent == parent:
            break
        parent = parent.parent
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"cannot write {path}: {parent} is a file, not a folder")
    if parent.is_dir() and not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {path}: permission denied in {parent}")


def write_bytes(path: PathLike, data: bytes, *, overwrite: bool) -> None:
    """Write atomically, creating missing folders (``-o reports/today/r.json``); without
    ``overwrite`` a file that appeared since ``check_outputs`` ran is kept and the write refused."""
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, data, replace=overwrite)
    except FileExistsError:
        raise OutputError(f"{path} appeared while textfix was working and was left alone; "
                          "add --overwrite to replace it") from None
    except OSError as exc:  # name the output, not the temporary file beside it
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc


def write_text(path: PathLike, text: str, *, overwrite: bool) -> None:
    """``write_bytes`` of UTF-8 text (encoded first: unencodable text writes nothing)."""
    write_bytes(path, text.encode("utf-8"), overwrite=overwrite)
