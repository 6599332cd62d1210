"""Negations and meaning flips: "not", "n't", "avoid", "effective" -> "ineffective", "increase"
-> "decrease"."""

from __future__ import annotations

from collections import Counter

from .tables import NEGATIONS, NEGATIONS_WITHOUT_APOSTROPHE, NEGATIVE_PREFIXES
from .tokens import Item, Token


def negations(tokens: list[Token]) -> list[Item]:
    """Every negation word; "n't" and its apostrophe-less typings ("dont") count as "not"."""
    items = []
    for tok in tokens:
        low = tok.lower
        if tok.kind != "word":
            continue
        if low.endswith("n't") or low in NEGATIONS_WITHOUT_APOSTROPHE:
            items.append(Item("negation", "not", tok.text))
        elif low in NEGATIONS:
            items.append(Item("negation", NEGATIONS[low], tok.text))
    return items


def meaning_flips(
    old: list[str], new: list[str], opposites: tuple[tuple[str, str], ...]
) -> list[str]:
    """Negative prefixes added or dropped on the same stem, and swaps with an opposite."""
    removed = list((Counter(old) - Counter(new)).elements())
    added = list((Counter(new) - Counter(old)).elements())
    reasons = []
    for gone in removed:
        for came in added:
            prefix = negative_prefix(gone, came)
            if prefix:
                verb = "adds" if came.startswith(prefix) else "removes"
                reasons.append(
                    f"{verb} the negative prefix '{prefix.rstrip('-')}-' ({gone} → {came})"
                )
                continue
            if any(opposite(gone, came, a, b) or opposite(gone, came, b, a)
                   for a, b in opposites):
                reasons.append(f"replaces '{gone}' with its opposite '{came}'")
    return reasons


def opposite(gone: str, came: str, a: str, b: str) -> bool:
    """Does ``gone`` start with stem ``a`` and ``came`` with its opposite ``b``?

    A stem written "hyper-" is a prefix swap: the rest of both words must be the same
    ("hypertonic" -> "hypotonic"). Other stems allow a short ending ("increases", "lowered").
    """
    if a.endswith("-") and b.endswith("-"):
        a, b = a[:-1], b[:-1]
        return gone.startswith(a) and came.startswith(b) and gone[len(a):] == came[len(b):]
    return (
        gone.startswith(a) and came.startswith(b)
        and len(gone) - len(a) <= 4 and len(came) - len(b) <= 4
    )


def negative_prefix(a: str, b: str) -> str | None:
    """The negative prefix that turns one word into the other ("in" for effective/ineffective).

    Short prefixes need a long stem ("asleep" is not a negated "sleep"): the minimum stem length
    of each prefix is in ``data/guard_words.yaml``.
    """
    for short, long in ((a, b), (b, a)):
        for prefix, min_stem in NEGATIVE_PREFIXES.items():
            if long == prefix + short and len(short) >= min_stem:
                return prefix
    return None
