"""Write files so a reader sees the old content or the new one, never half of the new one.

The data goes to a temporary file in the target's directory (same filesystem, so ``os.replace``
is atomic), is fsynced, then renamed over the target. On any error the temporary file is removed
and the target is left as it was. With ``replace=False`` the temporary file is hard-linked to the
target name instead, which fails if a file of that name exists: no-clobber, still atomic.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)


def atomic_write_bytes(path: str | Path, data: bytes, replace: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically; keep the old file's permissions if it had one.

    ``replace=False``: raise FileExistsError, writing nothing, when ``path`` exists.
    """
    target = Path(path)
    directory = target.parent  # "." for a bare file name
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, _mode_for(target))
        if replace:
            os.replace(tmp_name, target)
        else:
            _link_new(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(directory)


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8",
                      replace: bool = True) -> None:
    """Encode first (unencodable text fails before anything is written), then write atomically."""
    atomic_write_bytes(path, text.encode(encoding), replace=replace)


def _link_new(tmp_name: str, target: Path) -> None:
    """Give the finished temporary file the target's name unless that name is taken."""
    try:
        os.link(tmp_name, target)
    except FileExistsError:
        raise
    except OSError:  # no hard links here (some network and FAT filesystems): check, then rename
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "File exists", str(target)) from None
        os.replace(tmp_name, target)
        return
    os.unlink(tmp_name)


def _mode_for(target: Path) -> int:
    """The existing file's mode, or what a plain ``open(path, "w")`` would have given."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        return 0o666 & ~_UMASK


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable where the platform allows it (not on Windows)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
