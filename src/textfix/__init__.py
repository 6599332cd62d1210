"""textfix: flag and fix awkward machine-translated English in health articles.

The Python API the CLI is a thin layer over::

    import textfix
    result = textfix.check("Against the background of stress, reduces the leg.")
    for issue in result.issues: ...
    corrected = textfix.fix("...")              # the text with guard-approved fixes applied
    pipeline = textfix.Pipeline(textfix.Config(apply="none"))   # load models once, reuse
    results = pipeline.run(documents)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .config import Config
from .records import Document, Edit, Issue, Result, Segment, Suggestion

if TYPE_CHECKING:
    from .pipeline import Pipeline

__version__ = "0.1.0"
__all__ = [
    "Config", "Document", "Edit", "Issue", "Pipeline", "Result", "Segment", "Suggestion",
    "check", "fix",
]

_default_pipelines: dict[str, Pipeline] = {}


def __getattr__(name: str):  # heavy imports (spaCy) only when the pipeline is asked for
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)


def _pipeline(config: Config | None) -> Pipeline:
    from .pipeline import Pipeline

    if config is not None:
        return Pipeline(config)
    if "default" not in _default_pipelines:
        _default_pipelines["default"] = Pipeline(Config())
    return _default_pipelines["default"]


def check(text: str, config: Config | None = None, doc_id: str = "text") -> Result:
    """Check one text; offsets in the result point into ``text``."""
    from .ingest import document_from_text

    return _pipeline(config).run_one(document_from_text(text, doc_id))


def fix(text: str, config: Config | None = None) -> str:
    """The text with the policy's fixes applied (guard-approved ones by default)."""
    return check(text, config).corrected
