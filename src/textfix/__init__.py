"""textfix: flag and fix awkward machine-translated English in health articles.

The Python API the CLI is a thin layer over::

    import textfix
    checker = textfix.Checker()                 # loads spaCy, the engines and models once
    found = checker.check("Against the background of stress, reduces the leg.")
    for match in found: ...                     # offsets, line:column, rule, message, replacements
    checker.check_many(texts); checker.fix(text)
    textfix.check(text); textfix.fix(text)      # the same, with one shared default Checker
    pipeline = textfix.Pipeline(textfix.Config(apply="none"))   # the lower level: Documents in,
    results = pipeline.run(documents)                           # Results out
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

# torch's OpenMP threads sleep instead of spinning while they wait: on a machine whose cores are
# busy (shared servers, batch workers) spinning threads made the tagger 15x slower (100 sentences
# one by one: 56 s with 2 spinning threads, 3.8 s passive). Read once, when torch is imported.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from .api import Checker, CheckResult, Match
from .config import Config
from .records import Document, Edit, Issue, Result, Segment, Suggestion

if TYPE_CHECKING:
    from .pipeline import Pipeline

__version__ = "0.1.0"
__all__ = [
    "CheckResult", "Checker", "Config", "Document", "Edit", "Issue", "Match", "Pipeline",
    "Result", "Segment", "Suggestion", "check", "fix",
]

_default_checkers: dict[str, Checker] = {}


def __getattr__(name: str):  # heavy imports (spaCy) only when the pipeline is asked for
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)


def _checker(config: Config | None) -> Checker:
    """A Checker per distinct config, kept: a second call pays only for its text."""
    key = repr(config or Config())
    if key not in _default_checkers:
        _default_checkers[key] = Checker(config)
    return _default_checkers[key]


def check(text: str | Document | list | tuple, config: Config | None = None
          ) -> CheckResult | list[CheckResult]:
    """Check one text (offsets point into it), or a list of texts in one batched pass (a list
    of results back); every call reuses one Checker per config."""
    return _checker(config).check(text)


def fix(text: str | Document, config: Config | None = None) -> str:
    """The text with the policy's fixes applied (guard-approved ones by default)."""
    return _checker(config).fix(text)
