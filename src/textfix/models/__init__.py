"""Learned models at run time: loading and predicting with the health-English LM, the quality
model and the rewriter. Training and evaluation live in ``textfix.training``.

Heavy imports (torch, transformers) happen when a model is loaded, not when textfix starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .lm import HealthLM
    from .quality import QualityModel, QualityPrediction

__all__ = ["HealthLM", "QualityModel", "QualityPrediction"]


def __getattr__(name: str):
    if name == "HealthLM":
        from .lm import HealthLM

        return HealthLM
    if name in ("QualityModel", "QualityPrediction"):
        from . import quality

        return getattr(quality, name)
    raise AttributeError(name)
