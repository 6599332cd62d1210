"""Numbers in digits and in words: "5", "-2", "1,5", "½", "two hundred and fifty", "type II".

Values are compared, not spellings, so "two" -> "2" passes; "1,5" -> "1.5" does not, because a
decimal comma and a thousands separator look alike and only an editor can tell which one it was.
"""

from __future__ import annotations

import re

from .tables import (
    FRACTION_CHARS,
    FRACTION_WORDS,
    MULTIPLIERS,
    NUMBER_WORDS,
    ROMAN_CONTEXT,
    TIMES_WORDS,
)
from .tokens import Item, Token
from .units import period_after, units

ROMAN_RE = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


# Words that make a following "one" a pronoun, not a count ("some one" for "someone")
PRONOUN_ONE = frozenset({"some", "any", "every", "no"})


def numbers_and_units(tokens: list[Token], text: str) -> list[Item]:
    """Every number, then every unit (which needs to know where the numbers stand)."""
    items: list[Item] = []
    numeric: set[int] = set()  # token indices that are numbers (for "5 g", "3 times a day")
    dose: set[int] = set()  # token indices that are numbers or units
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind == "num":
            sign = _sign(tok, text)
            items.append(Item("number", sign + tok.text, sign + tok.text))
            numeric.add(i)
        elif tok.kind == "frac":
            items.append(Item("number", FRACTION_CHARS[tok.text], tok.text))
            numeric.add(i)
        elif tok.kind == "word":
            if tok.lower == "one" and i > 0 and tokens[i - 1].lower in PRONOUN_ONE:
                i += 1  # "some one", "any one": the pronoun "someone" written as two words
                continue
            if _number_word_value(tok.lower) is not None or tok.lower in MULTIPLIERS:
                j = _number_phrase_end(tokens, i)
                value = _number_phrase_value(tokens[i : j + 1])
                items.append(Item("number", str(value), text[tok.start : tokens[j].end]))
                numeric.update(range(i, j + 1))
                i = j + 1
                continue
            _word_number(tokens, i, items, numeric, dose)
        i += 1
    dose |= numeric
    items += units(tokens, text, numeric, dose)
    return items


def _sign(tok: Token, text: str) -> str:
    """The "-" or "+" right before a number, unless it is a hyphen inside a word ("COVID-19")."""
    if tok.start > 0 and text[tok.start - 1] in "-−+" and (
        tok.start == 1 or text[tok.start - 2].isspace() or text[tok.start - 2] in "(["
    ):
        return "-" if text[tok.start - 1] in "-−" else "+"
    return ""


def _word_number(
    tokens: list[Token], i: int, items: list[Item], numeric: set[int], dose: set[int]
) -> None:
    """A one-word number that is not a written count: "half", "twice", "once a day", "II"."""
    tok = tokens[i]
    low = tok.lower
    if low in FRACTION_WORDS:
        items.append(Item("number", FRACTION_WORDS[low], tok.text))
        numeric.add(i)
    elif low in TIMES_WORDS:
        items.append(Item("number", TIMES_WORDS[low], tok.text))
        items.append(Item("unit", "time", tok.text))
        dose.add(i)
    elif low == "once" and period_after(tokens, i + 1):
        items.append(Item("number", "1", tok.text))
        items.append(Item("unit", "time", tok.text))
        dose.add(i)
    elif _roman_value(tok.text) and i > 0 and tokens[i - 1].lower in ROMAN_CONTEXT:
        items.append(Item("number", str(_roman_value(tok.text)), tok.text))
        numeric.add(i)
    elif len(tok.text) > 1 and _roman_value(tok.text):
        items.append(Item("number", tok.text, tok.text))  # "IV", "III": literal
        numeric.add(i)


def _number_word_value(word: str) -> int | None:
    """The value of "five", "twenty-five", "forty"; None for anything else."""
    parts = word.lower().split("-")
    if not all(p in NUMBER_WORDS for p in parts):
        return None
    if len(parts) == 2 and NUMBER_WORDS[parts[0]] % 10 == 0 and NUMBER_WORDS[parts[1]] < 10:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return NUMBER_WORDS[parts[0]] if len(parts) == 1 else None


def _roman_value(word: str) -> int | None:
    if not word or not ROMAN_RE.match(word):
        return None
    total, previous = 0, 0
    for char in reversed(word):
        value = ROMAN_VALUES[char]
        total += -value if value < previous else value
        previous = max(previous, value)
    return total


def _number_phrase_end(tokens: list[Token], i: int) -> int:
    """The last token of a written number starting at ``i`` ("two hundred and fifty")."""
    j, k = i, i + 1
    after_multiplier = tokens[i].lower in MULTIPLIERS
    while k < len(tokens):
        nxt = tokens[k].lower
        if nxt in MULTIPLIERS:
            after_multiplier = True
        elif after_multiplier and nxt == "and" and k + 1 < len(tokens) and (
            _number_word_value(tokens[k + 1].lower) is not None
        ):
            k += 1
            continue
        elif after_multiplier and _number_word_value(nxt) is not None:
            after_multiplier = False
        else:
            break
        j = k
        k += 1
    return j


def _number_phrase_value(tokens: list[Token]) -> int:
    total, current = 0, 0
    for tok in tokens:
        low = tok.lower
        if low in MULTIPLIERS:
            current = max(current, 1) * MULTIPLIERS[low]
            if MULTIPLIERS[low] >= 1000:
                total, current = total + current, 0
        elif low != "and":
            current += _number_word_value(low) or 0
    return total + current
