"""Where shipped models live and how a load failure becomes an error the user can act on."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import BackendError

MODELS_DIR = Path(__file__).resolve().parents[3] / "models"
ENV_VARS = {"quality": "TEXTFIX_QUALITY_MODEL", "lm": "TEXTFIX_LM_MODEL"}


def default_model(kind: str) -> str:
    """The model a check uses: the environment variable, else the folder shipped in ``models/``."""
    return os.environ.get(ENV_VARS[kind]) or str(MODELS_DIR / kind)


def check_model_source(path_or_id: str, kind: str) -> None:
    """Fail early and clearly when a local path is given but holds no model.

    Anything that is not an existing path and does not look like a path is taken to be a Hugging
    Face model id and left to ``from_pretrained`` (which honours ``HF_HUB_OFFLINE``).
    """
    path = Path(path_or_id)
    looks_local = path.is_absolute() or path_or_id.startswith(".") or path.exists()
    if looks_local and not (path / "config.json").is_file():
        raise BackendError(
            f"{kind} model not found at {path}; run make models or pass --no-models"
        )


def load_failure(kind: str, path_or_id: str, exc: BaseException) -> BackendError:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
    return BackendError(f"cannot load {kind} model from {path_or_id}: {reason}")


def quiet_transformers() -> None:
    """No progress bars or advice on stderr: textfix's output is for its users."""
    from transformers.utils import logging

    logging.set_verbosity_error()
    logging.disable_progress_bar()


def torch_threads() -> int:
    """TEXTFIX_TORCH_THREADS, else every core: one process checking alone has them all, and
    ``parallel.share_cores`` sets cores ÷ jobs in each worker."""
    return int(os.environ.get("TEXTFIX_TORCH_THREADS") or 0) or os.cpu_count() or 1


def cpu_threads(n: int | None = None) -> None:
    """Set torch's threads once per process (``torch_threads()`` unless ``n`` is given)."""
    import torch

    n = n or torch_threads()
    if torch.get_num_threads() != n:
        torch.set_num_threads(n)


def load_pretrained(path_or_id: str, kind: str, model_class):
    """Tokenizer and model (in float32, on the CPU) from a folder or Hugging Face id, with every
    failure turned into one clear ``BackendError``: the one way textfix loads its models."""
    from transformers import AutoTokenizer

    from ..errors import TextfixError

    check_model_source(str(path_or_id), kind)
    cpu_threads()
    quiet_transformers()
    try:
        import torch

        tokenizer = AutoTokenizer.from_pretrained(path_or_id)
        model = model_class.from_pretrained(path_or_id, dtype=torch.float32)
    except TextfixError:
        raise
    except Exception as exc:  # noqa: BLE001 - any load failure is reported, never a traceback
        raise load_failure(kind, str(path_or_id), exc) from exc
    return tokenizer, model


def load_for_inference(path_or_id: str, kind: str, transformers_class: str):
    """Tokenizer and model for running (never training): a shipped-style local folder of an
    architecture ``models.plain`` knows loads without importing ``transformers`` (about 2 s and
    150 MB less start-up); anything else, a Hugging Face id included, through
    ``load_pretrained`` with ``transformers.<transformers_class>``."""
    from ..errors import TextfixError
    from .plain import ARCHITECTURES, FolderTokenizer, plain_model_type

    check_model_source(str(path_or_id), kind)
    model_type = plain_model_type(str(path_or_id))
    if model_type is None:
        import transformers

        return load_pretrained(str(path_or_id), kind, getattr(transformers, transformers_class))
    cpu_threads()
    folder = Path(path_or_id)
    try:
        return FolderTokenizer(folder), ARCHITECTURES[model_type].from_folder(folder)
    except TextfixError:
        raise
    except Exception as exc:  # noqa: BLE001 - any load failure is reported, never a traceback
        raise load_failure(kind, str(path_or_id), exc) from exc
