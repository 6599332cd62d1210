"""Offsets in UTF-16 code units, as LanguageTool (Java strings) and its clients count them.

Python counts code points: a character outside the Basic Multilingual Plane (most emoji) is
one code point but two UTF-16 units, so every offset after it differs by one. Cyrillic and
other BMP letters count the same in both.
"""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class Utf16Map:
    """Converts between code-point and UTF-16 offsets of one text, both ways."""

    def __init__(self, text: str) -> None:
        self.text = text
        # code-point indices of the astral characters, in order (usually none)
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # their UTF-16 offsets, for the way back
        self._astral_units = [k + n for n, k in enumerate(self._astral)]

    def units(self, index: int) -> int:
        """The UTF-16 offset of code-point offset ``index``."""
        return index + bisect.bisect_left(self._astral, index)

    def index(self, units: int) -> int:
        """The code-point offset of UTF-16 offset ``units`` (inside a surrogate pair: its
        character's start)."""
        # each astral character that starts before ``units`` took one unit more; inside a
        # pair, the pair's own character counts too, which lands on that character's start
        return units - bisect.bisect_left(self._astral_units, units)

    def length(self, start: int, end: int) -> int:
        """The UTF-16 length of ``text[start:end]``."""
        return self.units(end) - self.units(start)


def utf16_len(text: str) -> int:
    return len(text) + len(_ASTRAL.findall(text))
