"""What every grammar engine reports, in its own module so the engines and the interface that
builds them import it without importing each other."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("spelling", "grammar", "typography", "style")


@dataclass
class GrammarMatch:
    """A backend's finding, with offsets into the text given to ``check()``."""

    start: int
    end: int
    rule: str  # "harper/Spelling", "languagetool/MORFOLOGIK_RULE_EN_US"
    kind: str  # spelling | grammar | typography | style
    message: str
    replacements: list[str] = field(default_factory=list)  # best first, as the backend ranked
    detail: str = ""  # the backend's finer rule name (harper's "SentenceCapitalization"), if any
