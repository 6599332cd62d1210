"""Reading a text for the guard: the window around an edit, its tokens and words, and Item."""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTEXT_WORDS = 4  # whole words of context read on each side of the span

TOKEN_RE = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*(?:/\d+)?)"
    r"|(?P<frac>[½¼¾⅓⅔⅛])"
    r"|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)*(?:-[^\W\d_]+)*(?:/[^\W\d_]+)?)"
    r"|(?P<other>\S)"
)


@dataclass(frozen=True)
class Item:
    """One protected thing found in a piece of text: its class, a value to compare, its words."""

    kind: str  # number | unit | negation | drug name | disease name | ... | name
    key: str
    surface: str


@dataclass
class Token:
    text: str
    kind: str  # num | frac | word | other
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def window(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to whole words, then by CONTEXT_WORDS words each side, within its line."""
    ws, we = start, end
    while ws > 0 and not text[ws - 1].isspace():
        ws -= 1
    while we < len(text) and not text[we].isspace():
        we += 1
    for _ in range(CONTEXT_WORDS):
        while ws > 0 and text[ws - 1] in " \t":
            ws -= 1
        while ws > 0 and not text[ws - 1].isspace():
            ws -= 1
        while we < len(text) and text[we] in " \t":
            we += 1
        while we < len(text) and not text[we].isspace():
            we += 1
    return ws, we


def tokenize(text: str) -> list[Token]:
    normalised = text.replace("’", "'")
    return [
        Token(m.group(), m.lastgroup or "other", m.start(), m.end())
        for m in TOKEN_RE.finditer(normalised)
    ]


def words(text: str) -> list[str]:
    """Lower-cased words and numbers; "percent" and "%" count as one word so neither is content."""
    found = []
    for tok in tokenize(text):
        if tok.kind in ("word", "num", "frac"):
            found.append("%" if tok.lower == "percent" else tok.lower)
        elif tok.text == "%":
            found.append("%")
    return found
