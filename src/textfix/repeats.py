"""Work done once per distinct item of a batch, with every repeat given its own copy.

A batch of articles repeats itself (shared footers and disclaimers, a line met twice), and the
costly stages (spaCy's parse, the grammar engine, the tagger) give the same result for the same
text wherever it sits in the batch. So they work on the distinct items only; the first
occurrence takes the result, each repeat a copy, so no caller sees its result change when
another's is edited.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
R = TypeVar("R")


def once_each(items: Sequence[K], compute: Callable[[list[K]], Iterable[R]],
              copy: Callable[[R], R]) -> list[R]:
    """``compute`` over the distinct ``items`` (first-seen order), one result per item."""
    unique = list(dict.fromkeys(items))
    found = list(compute(unique))
    if len(unique) == len(items):
        return found
    by_item = dict(zip(unique, found, strict=True))
    seen: set[K] = set()
    out = []
    for item in items:
        out.append(copy(by_item[item]) if item in seen else by_item[item])
        seen.add(item)
    return out


__all__ = ["once_each"]
