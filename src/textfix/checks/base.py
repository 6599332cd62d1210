"""The check interface and registry.

A check is a class registered by name. It is built once per pipeline (so it can load its data
files or start its backend once) and called on each analysed document::

    @register("calque")
    class CalqueCheck(Check):
        def __init__(self, config: Config): ...
        def check(self, adoc: AnalysedDocument) -> Iterable[Issue]: ...

Adding a check means adding one module in ``textfix/checks/`` and its name to ``CHECK_MODULES``
in ``textfix/checks/__init__.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from ..config import Config
from ..errors import ConfigError
from ..model import Issue
from ..nlp import AnalysedDocument


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


CheckFactory = Callable[[Config], Check]
REGISTRY: dict[str, type[Check]] = {}


def register(name: str) -> Callable[[type[Check]], type[Check]]:
    def decorator(cls: type[Check]) -> type[Check]:
        cls.name = name
        REGISTRY[name] = cls
        return cls

    return decorator


def build_checks(config: Config) -> list[Check]:
    unknown = [n for n in config.checks if n not in REGISTRY]
    if unknown:
        raise ConfigError(
            f"unknown check(s): {', '.join(unknown)}; available: {', '.join(sorted(REGISTRY))}"
        )
    return [REGISTRY[name](config) for name in config.checks]
