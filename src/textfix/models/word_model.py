"""Which word-level model the ``fluency`` check and ``textfix eval`` use, and loading it.

The fine-tuned MiniLM tagger (``models/tagger``) replaces the small quality model trained from
nothing (``models/quality``), which stays loadable for comparison. Both predict the same thing
(per-word P(BAD), sentence HTER) through ``predict(texts)`` and carry a ``threshold``.
"""

from __future__ import annotations

import os
from pathlib import Path

from .loading import MODELS_DIR
from .tagger import SETTINGS_FILE

TAGGER_ENV, QUALITY_ENV = "TEXTFIX_TAGGER_MODEL", "TEXTFIX_QUALITY_MODEL"


def is_tagger(path_or_id: str) -> bool:
    """A tagger folder carries ``textfix_tagger.json``; a Hugging Face id is asked for it."""
    if Path(path_or_id).is_dir() or path_or_id.startswith("."):
        return (Path(path_or_id) / SETTINGS_FILE).is_file()
    try:
        from transformers.utils import cached_file

        return cached_file(path_or_id, SETTINGS_FILE, _raise_exceptions_for_missing_entries=False,
                           _raise_exceptions_for_connection_errors=False) is not None
    except Exception:  # noqa: BLE001 - not reachable or not a tagger: the quality model loader
        return False   # reports the real problem


def word_model_source(path_or_id: str | None = None) -> tuple[str, str]:
    """(kind, path): an explicit model, else TEXTFIX_TAGGER_MODEL, else TEXTFIX_QUALITY_MODEL
    (either kind, told apart by its files); else the shipped tagger when ``models/tagger``
    exists, else ``models/quality``."""
    if os.environ.get(TAGGER_ENV) and not path_or_id:
        return "tagger", os.environ[TAGGER_ENV]
    path_or_id = path_or_id or os.environ.get(QUALITY_ENV)
    if path_or_id:
        return ("tagger" if is_tagger(path_or_id) else "quality"), path_or_id
    if (MODELS_DIR / "tagger" / SETTINGS_FILE).is_file():
        return "tagger", str(MODELS_DIR / "tagger")
    return "quality", str(MODELS_DIR / "quality")


def load_word_model(path_or_id: str | None = None):
    """The ``WordTagger`` or ``QualityModel`` ``word_model_source`` picks, loaded."""
    kind, source = word_model_source(path_or_id)
    if kind == "tagger":
        from .tagger import WordTagger

        model = WordTagger.load(source)
    else:
        from .quality import QualityModel

        model = QualityModel.load(source)
    model.kind = kind
    return model
