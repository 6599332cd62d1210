"""Checks, each a module with one job, registered by name (see ``base.py``)."""

from importlib import import_module

from .base import REGISTRY, Check, build_checks, register

CHECK_MODULES = (
    "grammar",
    "calque",
    "repetition",
    "fragment",
    "terminology",
    "typography",
    "boilerplate",
    "fluency",
)

for _module in CHECK_MODULES:
    import_module(f"{__name__}.{_module}")

__all__ = ["REGISTRY", "Check", "build_checks", "register", "CHECK_MODULES"]
