"""What a LanguageTool request asks for, read from its form fields, and which matches it keeps.

LanguageTool clients name rules and categories by the ids the server returned, so a filter
value matches a textfix match by its rule id (``calque/against-the-background-of``), a rule
family (``harper``: every ``harper/...`` rule), its check name (``grammar``), its textfix
category (``calque``) or its LanguageTool category id (``TYPOS``), case-insensitively for
categories. The pipeline always runs every check the server was started with; filters choose
among the matches, so one warm pipeline serves every request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .lt_format import LANGUAGES, MatchView

LEVELS = ("default", "picky")
# LanguageTool's ``mode``: clients that split a check into a text-level request and a
# paragraph-level one would see every textfix match twice, so only one of them gets matches
MODES = ("all", "allButTextLevelOnly", "textLevelOnly")


class RequestError(ValueError):
    """A request LanguageTool would answer with 400; the message is the response body."""


@dataclass(frozen=True)
class CheckOptions:
    language: str  # the long code answered, e.g. en-US
    enabled_rules: frozenset[str] = frozenset()
    disabled_rules: frozenset[str] = frozenset()
    enabled_categories: frozenset[str] = frozenset()
    disabled_categories: frozenset[str] = frozenset()
    enabled_only: bool = False
    level: str = "default"
    mode: str = "all"
    opt_in_checks: frozenset[str] = frozenset()  # checks that only run at level=picky

    def keeps(self, match: MatchView) -> bool:
        """Whether a match survives the request's filters (LanguageTool's semantics)."""
        in_rules = _rule_hit(match, self.enabled_rules)
        in_categories = _category_hit(match, self.enabled_categories)
        if self.enabled_only:
            return in_rules or in_categories
        if _rule_hit(match, self.disabled_rules) or _category_hit(match,
                                                                  self.disabled_categories):
            return False
        if match.check in self.opt_in_checks:  # a check off by default: picky, or asked for
            return self.level == "picky" or in_rules or in_categories
        return True


def _names(form: Mapping[str, str], key: str) -> frozenset[str]:
    return frozenset(v.strip() for v in form.get(key, "").split(",") if v.strip())


def _rule_hit(match: MatchView, names: frozenset[str]) -> bool:
    if not names:
        return False
    rule = match.rule
    return (rule in names or match.check in names
            or any(rule.startswith(n + "/") for n in names))


def _category_hit(match: MatchView, names: frozenset[str]) -> bool:
    if not names:
        return False
    folded = {n.lower() for n in names}
    return match.category.lower() in folded or match.lt_category.lower() in folded


def language_code(value: str) -> str:
    """The long code for a requested language; ``RequestError`` for one textfix cannot check."""
    wanted = value.strip().replace("_", "-").lower()
    if wanted == "auto":
        return "en-US"
    for language in LANGUAGES:
        if language["longCode"].lower() == wanted:
            return language["longCode"] if wanted != "en" else "en-US"
    codes = ", ".join(["auto", *(lang["longCode"] for lang in LANGUAGES)])
    raise RequestError(f"Error: '{value}' is not a language code known to textfix. "
                       f"Supported language codes are: {codes}")


def read_options(form: Mapping[str, str], opt_in_checks: frozenset[str]) -> CheckOptions:
    """The request's options; ``RequestError`` for values LanguageTool would refuse too."""
    if "language" not in form:
        raise RequestError("Error: Missing 'language' parameter")
    level = form.get("level", "default").strip().lower() or "default"
    if level not in LEVELS:
        raise RequestError(f"Error: 'level' must be one of {', '.join(LEVELS)}, not '{level}'")
    mode = form.get("mode", "all").strip() or "all"
    if mode not in MODES:
        raise RequestError(f"Error: 'mode' must be one of {', '.join(MODES)}, not '{mode}'")
    options = CheckOptions(
        language=language_code(form["language"]),
        enabled_rules=_names(form, "enabledRules"),
        disabled_rules=_names(form, "disabledRules"),
        enabled_categories=_names(form, "enabledCategories"),
        disabled_categories=_names(form, "disabledCategories"),
        enabled_only=form.get("enabledOnly", "false").strip().lower() == "true",
        level=level,
        mode=mode,
        opt_in_checks=opt_in_checks,
    )
    if options.enabled_only and not (options.enabled_rules or options.enabled_categories):
        raise RequestError("Error: You must specify enabled rules or categories when using "
                           "enabledOnly=true")
    return options
