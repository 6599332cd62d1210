"""Checks: one module each, declared with ``@check(CheckSpec(...))`` (see ``textfix.catalogue``).

Modules here are discovered, not listed: a new check is a new module in this package (or in a
plugin package's ``textfix.checks`` entry point) and nothing else. Keep module imports light;
parsers, engines and models load when the check is built.
"""

from .base import Check, build_checks

__all__ = ["Check", "build_checks"]
