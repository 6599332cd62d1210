"""textfix results as LanguageTool's ``/v2/check`` JSON.

Every field LanguageTool's clients read is there (``language_tool_python`` fails on a match
without ``rule.category.id``, ``rule.issueType``, ``context.offset`` or ``replacements[].value``),
with offsets and lengths in UTF-16 code units of the document as sent (markup included for
``data``). textfix's own category, rule, confidence and hold travel in an extra ``textfix``
object per match, which LanguageTool clients ignore.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import __version__
from ..api import CheckResult, Match
from .annotated import AnnotatedText
from .utf16 import Utf16Map, utf16_len

LANGUAGES = (
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "English (Australian)", "code": "en", "longCode": "en-AU"},
    {"name": "English (Canadian)", "code": "en", "longCode": "en-CA"},
    {"name": "English (New Zealand)", "code": "en", "longCode": "en-NZ"},
    {"name": "English (South African)", "code": "en", "longCode": "en-ZA"},
)  # one English for textfix: the variant is echoed, the checks are the same
CONTEXT_CHARS = 40  # either side of a match, as LanguageTool's context
# textfix category -> (LanguageTool category id, LanguageTool issueType). TYPOS, GRAMMAR and
# TYPOGRAPHY are LanguageTool's own ids, so clients colour them as they would LanguageTool's.
LT_CATEGORIES = {
    "spelling": ("TYPOS", "misspelling"),
    "grammar": ("GRAMMAR", "grammar"),
    "typography": ("TYPOGRAPHY", "typographical"),
    "calque": ("CALQUE", "mistranslation"),
    "meaning": ("MEANING", "mistranslation"),
    "terminology": ("TERMINOLOGY", "terminology"),
    "repetition": ("REPETITION", "duplication"),
    "fragment": ("FRAGMENT", "grammar"),
    "collocation": ("COLLOCATION", "style"),
    "fluency": ("FLUENCY", "style"),
    "style": ("STYLE", "style"),
    "boilerplate": ("BOILERPLATE", "non-conformance"),
}


@dataclass(frozen=True)
class MatchView:
    """One textfix match with what the LanguageTool side needs to know about it."""

    match: Match
    check: str  # the catalogue check that raises its rule ("" if none declares it)
    lt_category: str
    sentence: str  # the sentence the match sits in, as checked

    @property
    def rule(self) -> str:
        return self.match.rule

    @property
    def category(self) -> str:
        return self.match.category


def lt_category(category: str) -> tuple[str, str]:
    """(category id, issueType) for a textfix category; an unknown one keeps its name."""
    return LT_CATEGORIES.get(category, (category.upper().replace("-", "_"), "uncategorized"))


@lru_cache(maxsize=1)
def _rule_index() -> tuple[dict[str, str], list[Any], dict[str, str]]:
    """Rule id -> check name, the family rules, and check name -> its description."""
    from ..catalogue import catalogue

    known = catalogue()
    rules = list(known.rules())
    exact = {r.id: r.check for r in rules if not r.family}
    families = [r for r in rules if r.family]
    descriptions = {s.name: s.description for s in known}
    return exact, families, descriptions


def check_of(match: Match) -> str:
    exact, families, _ = _rule_index()
    if match.rule in exact:
        return exact[match.rule]
    return next((r.check for r in families if r.covers(match.rule)), "")


def views(result: CheckResult) -> list[MatchView]:
    return [MatchView(m, check_of(m), lt_category(m.category)[0], issue.context.strip())
            for m, issue in zip(result.matches, result.issues, strict=True)]


def _rule_json(view: MatchView) -> dict[str, Any]:
    from ..catalogue import catalogue

    category_id, issue_type = lt_category(view.category)
    known = catalogue().categories.get(view.category)
    name = view.category.capitalize() + (f": {known.description}" if known else "")
    description = _rule_index()[2].get(view.check) or view.match.message
    return {"id": view.rule, "description": description.split(". ")[0].rstrip("."),
            "issueType": issue_type, "category": {"id": category_id, "name": name}}


def _context(annotated: AnnotatedText, units: Utf16Map, start: int, end: int) -> dict:
    """LanguageTool's context: up to 40 characters either side, ``...`` where cut."""
    text = annotated.original
    left, right = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    before = ("..." if left else "") + text[left:start]
    window = before + text[start:right] + ("..." if right < len(text) else "")
    return {"text": window.replace("\n", " ").replace("\r", " "), "offset": utf16_len(before),
            "length": units.length(start, end)}


def match_json(view: MatchView, annotated: AnnotatedText, units: Utf16Map) -> dict[str, Any]:
    """One match; ``units`` maps the document as sent (``annotated.original``)."""
    m = view.match
    start, end = annotated.start(m.start), annotated.end(m.end)
    end = max(start, end)
    return {
        "message": m.message,
        "shortMessage": m.category.capitalize(),
        "replacements": [{"value": r} for r in m.replacements],
        "offset": units.units(start),
        "length": units.length(start, end),
        "context": _context(annotated, units, start, end),
        "sentence": view.sentence,
        "type": {"typeName": "Other"},
        "rule": _rule_json(view),
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
        "textfix": {"category": m.category, "rule": m.rule, "check": view.check,
                    "confidence": round(m.confidence, 4), "hold": m.hold,
                    "applied": m.applied},
    }


def response_json(language: str, annotated: AnnotatedText,
                  kept: list[MatchView]) -> dict[str, Any]:
    """The whole ``/v2/check`` answer."""
    units = Utf16Map(annotated.original)
    name = next(lang["name"] for lang in LANGUAGES if lang["longCode"] == language)
    return {
        "software": {"name": "textfix", "version": __version__, "apiVersion": 1,
                     "premium": False, "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {"name": name, "code": language,
                     "detectedLanguage": {"name": name, "code": language, "confidence": 1.0}},
        "matches": [match_json(v, annotated, units) for v in kept],
    }
