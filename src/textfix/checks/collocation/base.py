"""What every confusion set of the collocation check shares: the finding, the rarity test and the
confidence scale (thresholds chosen on tuning data only, see ``models/ngrams/README.md``)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

MIN_PREFERRED = 8  # the preferred form must be seen this often
MAX_CURRENT = 2  # ... and the form found at most this often
MAX_CURRENT_SHARE = 0.01

# Nouns that quantify or classify ("a kind of", "a lot of", "in part"): no collocation or
# article of their own to judge.
QUANTIFIER_NOUNS = frozenset({"kind", "type", "sort", "lot", "number", "part", "deal", "bit",
                              "variety", "range", "amount", "majority", "couple", "form"})


def data_rows(name: str, columns: int = 0) -> list[list[str]]:
    """The tab-separated rows of ``textfix/data/<name>``, comment lines ("#") left out; split
    into at most ``columns`` fields when given (the last keeps any further tabs)."""
    from importlib import resources

    text = resources.files("textfix").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t", columns - 1 if columns else -1)
            for line in text.splitlines() if line and not line.startswith("#")]


def rare(current: int, preferred: int) -> bool:
    """Clean text (almost) never uses the form found: at most ``MAX_CURRENT`` times, or
    ``MAX_CURRENT_SHARE`` of the preferred form's count for very frequent contexts."""
    return current <= max(MAX_CURRENT, MAX_CURRENT_SHARE * preferred)


@dataclass(frozen=True)
class Finding:
    """One flag before it becomes an Issue: tokens [first, last] replaced by ``suggestion``."""

    rule: str
    first: Token
    last: Token
    suggestion: str
    margin: float
    message: str
    support: int = 0  # how often clean text has the preferred form here
    current: int = 0  # how often it has the form found
    hold: str | None = None  # why the fix waits for an editor however sure the flag is


def object_log_prob(table: NgramTable, prep: str, obj: str) -> float:
    """log P(obj | prep): how well the object fits the preposition (add-alpha smoothed)."""
    return math.log((table.count("po", prep, obj) + table.alpha) / (table.count("p", prep) + 1))


def confidence(margin: float, threshold: float) -> float:
    """How sure the flag is: 0.5 at the threshold, towards 0.95 as the ratio grows."""
    return round(min(0.95, 0.5 + 0.45 * (1 - math.exp(-(margin - threshold) / 2))), 3)


def match_case(new: str, old: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new
