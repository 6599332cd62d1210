"""Units, doses and frequencies: "5 mg", "3 tablets", "twice a day", "b.i.d."."""

from __future__ import annotations

import re

from .tables import (
    FREQUENCY_ABBREVIATIONS,
    NUMBER_UNIT_WORDS,
    NUMBER_UNITS,
    PERIOD_ADVERBS,
    PERIODS,
    UNITS,
)
from .tokens import Item, Token

DOTTED_FREQUENCY_RE = re.compile(r"\b(b\.i\.d|t\.i\.d|q\.i\.d|q\.d|p\.r\.n)\.?", re.IGNORECASE)


def units(tokens: list[Token], text: str, numeric: set[int], dose: set[int]) -> list[Item]:
    """Every unit, period and frequency; ``numeric`` and ``dose`` are token indices found so far.

    Some words are units only after a number ("5 g", "3 times") and periods count only near a
    dose ("2 tablets a day", not "a day at the beach"), hence the indices.
    """
    items: list[Item] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.lower
        near_dose = any(j in dose for j in range(i - 3, i))
        if tok.text in UNITS or (low in ("percent", "per") and _percent_at(tokens, i)):
            key = UNITS.get(tok.text, "%")
            items.append(Item("unit", key, tok.text))
            dose.add(i)
            if low == "per":
                i += 2
                continue
        elif tok.text == "°" and i + 1 < len(tokens) and tokens[i + 1].text in ("C", "F"):
            items.append(Item("unit", "°" + tokens[i + 1].text, "°" + tokens[i + 1].text))
            dose.add(i)
            i += 2
            continue
        elif _after_number(tokens, i, numeric) and (
            tok.text in NUMBER_UNITS or _singular(low) in NUMBER_UNIT_WORDS
        ):
            key = NUMBER_UNITS.get(tok.text) or _singular(low)
            items.append(Item("unit", key, tok.text))
            dose.add(i)
        elif near_dose and period_after(tokens, i):
            period = period_after(tokens, i) or ""
            length = 1 if low in PERIOD_ADVERBS else 2
            items.append(Item("unit", period, text[tok.start : tokens[i + length - 1].end]))
            i += length
            continue
        elif near_dose and low in FREQUENCY_ABBREVIATIONS:
            items.append(Item("unit", FREQUENCY_ABBREVIATIONS[low], tok.text))
        i += 1
    for match in DOTTED_FREQUENCY_RE.finditer(text):
        key = match.group(1).replace(".", "").lower()
        items.append(Item("unit", key, match.group()))
    return items


def period_after(tokens: list[Token], i: int) -> str | None:
    """The period of "a day", "per week", "daily", "every hour" starting at token ``i``."""
    if i < len(tokens) and tokens[i].lower in PERIOD_ADVERBS:
        return PERIOD_ADVERBS[tokens[i].lower]
    if i + 1 < len(tokens) and tokens[i].lower in ("a", "an", "per", "each", "every", "at"):
        return PERIODS.get(tokens[i + 1].lower)
    return None


def _after_number(tokens: list[Token], i: int, numeric: set[int]) -> bool:
    j = i - 1
    if j >= 0 and tokens[j].text == "-":
        j -= 1
    return j in numeric


def _percent_at(tokens: list[Token], i: int) -> bool:
    low = tokens[i].lower
    return low == "percent" or (
        low == "per" and i + 1 < len(tokens) and tokens[i + 1].lower == "cent"
    )


def _singular(word: str) -> str:
    if word.endswith("sses") or word.endswith("ches"):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
