"""Did-you-mean hints for names a user typed: checks, categories, commands."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """``" (did you mean 'grammar'?)"`` for the closest choice, or ``""`` when none is close."""
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def choice_hint(message: str) -> str:
    """A did-you-mean for argparse's "invalid choice: 'chek' (choose from 'check', ...)"."""
    found = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
    if not found:
        return ""
    return did_you_mean(found.group(1), re.findall(r"'([^']*)'", found.group(2)))
