"""The check interface: built once per pipeline, called on each analysed document.

A check is a class declared with its spec (``textfix.catalogue``)::

    @check(CheckSpec(name="calque", description=..., categories=(...), sources=(...)))
    class CalqueCheck(Check):
        def __init__(self, config: Config): ...
        def check(self, adoc: AnalysedDocument) -> Iterable[Issue]: ...

It is built once per pipeline (so it can load its data files or start its backend once).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from ..catalogue import catalogue
from ..config import Config
from ..records import Issue

if TYPE_CHECKING:
    from ..stages.analyse import AnalysedDocument


class Check:
    """Base class for checks: one job, the same signature, testable alone."""

    name: str = ""

    def __init__(self, config: Config) -> None:
        self.config = config

    def check(self, adoc: AnalysedDocument) -> Iterable[Issue]:
        raise NotImplementedError

    def check_many(self, adocs: Sequence[AnalysedDocument]) -> list[list[Issue]]:
        """Issues per document. Checks whose engine pays per call (harper, LanguageTool)
        override this to batch many documents into few calls."""
        return [list(self.check(adoc)) for adoc in adocs]

    def start_many(self, adocs: Sequence[AnalysedDocument]) -> Callable[[], list[list[Issue]]]:
        """``check_many`` in two steps: start it, and later take its issues from the function
        returned. A check whose engine works off the interpreter's lock (harper) runs it in the
        background meanwhile, so the pipeline starts every check before it takes any issues;
        by default the work is done here."""
        issues = self.check_many(adocs)
        return lambda: issues


def build_checks(config: Config) -> list[Check]:
    """The checks ``config.checks`` names, in that order (an unknown name gets a did-you-mean)."""
    known = catalogue()
    return [known.spec(name).build(config) for name in config.checks]
