"""Prepositions of time Russian MT carries over: «в течение 10 дней» -> "during 10 days" (English
"for 10 days"), «через два часа» -> "through two hours" ("in two hours", "two hours after").
Both are read off the words after the preposition: a number (or "several", "a few") and a unit
of time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import match_case

if TYPE_CHECKING:
    from spacy.tokens import Token

DURATION_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year",
                            "decade"})


def amount_of_time(prep: Token, amounts: tuple[str, ...] = ("several", "a", "few")) -> bool:
    """A number (or one of ``amounts``) and a unit of time right after ``prep``: "two weeks",
    "a few days"; "the first 10 days" or "day 3" name a stretch or a point instead."""
    if prep.i + 2 >= len(prep.doc):
        return False
    amount, unit = prep.nbor(), prep.nbor(2)
    return (amount.like_num or amount.lower_ in amounts) and \
        unit.lemma_.lower() in DURATION_UNITS


def duration_finding(prep: Token) -> tuple[Token, str, str] | None:
    """"during 10 days" («в течение 10 дней»): a length of time takes "for" in English;
    "during the first 10 days" (a stretch named by its article) stays."""
    if prep.lower_ == "during" and amount_of_time(prep, ("several", "many", "few")):
        return prep, "for" if prep.is_lower else "For", (
            "«В течение 10 дней» is 'for 10 days': 'during' needs a named stretch of time.")
    return None


def through_finding(prep: Token) -> tuple[Token, Token, str] | None:
    """"through two hours" («через два часа»): after a length of time English says "in two
    hours", and before "after"/"later" nothing ("two hours after the meal"). (first token,
    last token, replacement)"""
    if prep.lower_ != "through" or not amount_of_time(prep):
        return None
    amount, unit = prep.nbor(), prep.nbor(2)
    following = prep.doc[unit.i + 1].lower_ if unit.i + 1 < len(prep.doc) else ""
    if following in ("of", "old", "-") or \
            any(t.lower_ in ("from", "between") for t in prep.doc[prep.sent.start : prep.i]):
        return None  # "from 6 months through 5 years", "through 12 weeks of pregnancy": "up to"
    if following in ("after", "later", "before"):
        return prep, unit, f"{amount.text} {unit.text}"
    return prep, prep, match_case("in", prep.text)


__all__ = ["DURATION_UNITS", "amount_of_time", "duration_finding", "through_finding"]
