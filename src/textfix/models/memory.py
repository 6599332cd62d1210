"""Hand freed heap memory back to the system between model batches.

glibc keeps the memory of freed tensors in its heap for reuse, but batches of different shapes
(sentences sorted by length, some stopping at the tagger's early exit) fragment it: on the 1,000
MLQE-PE dev lines the process held 100-170 MB more after the tagger's run than before it, and that
set the whole run's peak. ``malloc_trim`` returns the free pages. Elsewhere (another C library) this
does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache


@lru_cache(maxsize=1)
def _malloc_trim():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):
        return None


def release_freed_memory() -> None:
    """Return free heap pages to the system (glibc's ``malloc_trim(0)``; a no-op without it)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
