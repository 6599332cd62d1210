"""Apply edits to the original text.

Edits are validated (inside the text, non-overlapping) and applied right to left so each edit's
offsets still point into the original text. No edits returns the input unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..records import Edit


class EditConflict(ValueError):
    """Two edits overlap or an edit falls outside the text: a bug upstream, never silently fixed."""


def validate_edits(text: str, edits: Iterable[Edit]) -> list[Edit]:
    """Return the edits sorted by position, refusing overlaps and out-of-range spans."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    previous_end = 0
    for edit in ordered:
        if not 0 <= edit.start <= edit.end <= len(text):
            raise EditConflict(f"edit {edit} is outside the text (length {len(text)})")
        if edit.start < previous_end:
            raise EditConflict(f"edit {edit} overlaps the edit before it")
        # two insertions at the same point would have an undefined order
        previous_end = edit.end if edit.end > edit.start else edit.end + 1
    return ordered


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """The text with every edit applied; offsets in ``edits`` refer to ``text`` as given."""
    pieces: list[str] = []
    cursor = 0
    for edit in validate_edits(text, edits):
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.replacement)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)
