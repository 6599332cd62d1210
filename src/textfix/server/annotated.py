"""LanguageTool's ``data`` parameter: text with markup, as editors' plug-ins send it.

``{"annotation": [{"text": "A "}, {"markup": "<b>"}, {"text": "test"},
{"markup": "<br/>", "interpretAs": "\\n"}]}``: only ``text`` parts and the ``interpretAs`` of
markup are checked (the *plain* text), but match offsets count every part as it stands in the
document (``text`` and ``markup``, never ``interpretAs``), as LanguageTool does. A match that
starts in an ``interpretAs`` stand-in starts at its markup; one that ends in it ends after it.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass


class AnnotationError(ValueError):
    """The ``data`` value is not LanguageTool's annotation JSON."""


@dataclass(frozen=True)
class Piece:
    plain_start: int
    plain_end: int
    original_start: int
    original_end: int
    is_text: bool  # a text part (one-to-one) or an interpretAs stand-in for markup


class AnnotatedText:
    """The plain text to check, the document as written, and the map between them."""

    def __init__(self, parts: list[tuple[str, str | None]]) -> None:
        """``parts``: (text, None) for a text part, (markup, interpretAs) for markup."""
        plain, original, pieces = [], [], []
        plain_at = original_at = 0
        for value, stand_in in parts:
            is_text = stand_in is None
            checked = value if is_text else stand_in
            if checked:
                pieces.append(Piece(plain_at, plain_at + len(checked), original_at,
                                    original_at + len(value), is_text))
            plain.append(checked)
            original.append(value)
            plain_at += len(checked)
            original_at += len(value)
        self.plain = "".join(plain)
        self.original = "".join(original)
        self._pieces = pieces
        self._starts = [p.plain_start for p in pieces]

    @classmethod
    def plain_text(cls, text: str) -> AnnotatedText:
        return cls([(text, None)])

    def start(self, plain: int) -> int:
        """The document offset of a match starting at ``plain`` (after any markup there)."""
        at = bisect.bisect_right(self._starts, plain) - 1
        if at < 0:
            return 0
        piece = self._pieces[at]
        if plain >= piece.plain_end:
            return piece.original_end
        return piece.original_start + (plain - piece.plain_start) if piece.is_text \
            else piece.original_start

    def end(self, plain: int) -> int:
        """The document offset of a match ending at ``plain`` (before any markup there)."""
        at = bisect.bisect_left(self._starts, plain) - 1
        if at < 0:
            return 0
        piece = self._pieces[at]
        if plain >= piece.plain_end or not piece.is_text:
            return piece.original_end
        return piece.original_start + (plain - piece.plain_start)


def parse_data(raw: str) -> AnnotatedText:
    """Read the ``data`` JSON; ``AnnotationError`` with a message a client can act on."""
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise AnnotationError(f"'data' is not valid JSON: {exc}") from None
    parts = value.get("annotation") if isinstance(value, dict) else None
    if not isinstance(parts, list):
        raise AnnotationError("'data' must be an object with an 'annotation' list")
    read: list[tuple[str, str | None]] = []
    for n, part in enumerate(parts):
        if not isinstance(part, dict):
            raise AnnotationError(f"annotation item {n} is not an object")
        text, markup = part.get("text"), part.get("markup")
        if isinstance(text, str) and markup is None:
            read.append((text, None))
        elif isinstance(markup, str) and text is None:
            stand_in = part.get("interpretAs", "")
            if not isinstance(stand_in, str):
                raise AnnotationError(f"annotation item {n}: 'interpretAs' must be a string")
            read.append((markup, stand_in))
        else:
            raise AnnotationError(f"annotation item {n} needs either 'text' or 'markup' "
                                  "(a string), not both")
    return AnnotatedText(read)
