"""``import spacy`` without what textfix never uses from it: thinc's torch wrappers and spaCy's
command line.

Both are imported by ``import spacy`` itself and cost every run start-up time:

- thinc imports torch only to offer its PyTorch wrappers, which the CNN English pipelines never
  use; that import was 1.2 of the 1.8 s ``import spacy`` took (2.6 s on a busy machine), paid
  by every ``--no-models`` run. thinc records torch as absent; torch itself imports normally
  later, for the models (parses are identical either way, checked on 200 MLQE-PE lines).
- ``spacy/__init__.py`` imports ``spacy.cli.info`` for ``spacy.info()``, and with it the whole
  ``spacy.cli`` package: every command, typer, jinja2, requests, weasel (0.25-0.3 s of the
  import, measured three times each way). While spaCy imports, ``spacy.cli`` is a placeholder
  whose ``info`` imports the real one when called; the placeholder is removed afterwards, so an
  ``import spacy.cli`` later gets the real package.
"""

from __future__ import annotations

import sys
from types import ModuleType


def import_spacy() -> ModuleType:
    """``spacy``, imported without torch (unless something already imported it) and without
    its command line."""
    if "spacy" in sys.modules:
        import spacy

        return spacy
    if "thinc.compat" not in sys.modules and "torch" not in sys.modules:
        sys.modules["torch"] = None  # type: ignore[assignment]  # makes ``import torch`` fail
        try:
            import thinc.compat  # noqa: F401
        finally:
            del sys.modules["torch"]
    placeholders = _command_line_placeholders() if "spacy.cli" not in sys.modules else {}
    sys.modules.update(placeholders)
    try:
        import spacy
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if isinstance(getattr(spacy, "cli", None), _Placeholder):  # set by the import system
        del spacy.cli  # so that ``spacy.cli`` imports the real package
    return spacy


class _Placeholder(ModuleType):
    """Stands for a ``spacy.cli`` module while spaCy imports."""


def _info(*args, **kwargs):
    """``spacy.info``: spaCy's own, imported on first call."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _command_line_placeholders() -> dict[str, ModuleType]:
    package = _Placeholder("spacy.cli")
    package.__path__ = []  # a package, so ``spacy.cli.info`` can be imported from it
    info = _Placeholder("spacy.cli.info")
    info.info = _info  # type: ignore[attr-defined]
    package.info = info  # type: ignore[attr-defined]
    return {"spacy.cli": package, "spacy.cli.info": info}
