"""One interface for grammar engines, so the check does not care which one runs.

Both harper (embedded, offline) and LanguageTool (a local install or a server) report spans,
a rule, a message and replacements; :class:`GrammarMatch` is what they have in common.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ...config import Config
from ...errors import ConfigError

KINDS = ("spelling", "grammar", "typography", "style")
BACKENDS = ("harper", "languagetool")


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


class GrammarBackend(Protocol):
    name: str

    def check(self, text: str) -> list[GrammarMatch]: ...


def make_backend(config: Config, words: frozenset[str] = frozenset()) -> GrammarBackend:
    """Build the backend ``config.grammar_backend`` names; ``words`` are accepted spellings."""
    name = (config.grammar_backend or "harper").lower()
    if name == "harper":
        from .harper_backend import HarperBackend

        return HarperBackend(words=words)
    if name == "languagetool":
        from .languagetool_backend import LanguageToolBackend

        return LanguageToolBackend(url=config.languagetool_url)
    raise ConfigError(f"unknown grammar backend {name!r}; choose one of: {', '.join(BACKENDS)}")
