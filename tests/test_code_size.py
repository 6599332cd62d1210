"""No module over 400 lines and no function over 60 in src/, except those the README explains."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "textfix"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _explained() -> set[str]:
    """'path' and 'path function' for each item of the README's "Long functions" section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Long functions", 1)[1].split("\n## ", 1)[0]
    found = set()
    for path, function in re.findall(r"^- `([^`]+\.py)`(?: `(\w+)`)?", section, re.M):
        found.add(f"{path} {function}".strip())
    return found


def _too_long() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC).as_posix()
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_MODULE_LINES:
            found.append(name)
        for node in ast.walk(ast.parse(text)):
            is_function = isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            if is_function and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                found.append(f"{name} {node.name}")
    return found


def test_long_modules_and_functions_are_explained_in_the_readme():
    unexplained = [item for item in _too_long() if item not in _explained()]
    assert not unexplained, (
        f"split these or say why in the README's 'Long functions' section: {unexplained}"
    )


def test_the_readme_lists_only_what_is_still_long():
    stale = _explained() - set(_too_long())
    assert not stale, f"no longer long: remove from the README's 'Long functions': {stale}"
