"""The Guard: reads the window around an edit before and after, and records its verdict."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ...records import Issue
from .compare import compare_items, deletion_reasons, is_rewrite, rewrite_reasons
from .negation import meaning_flips, negations
from .numbers import numbers_and_units
from .terms import ProtectedTerms, names
from .tokens import Item, tokenize, window, words


class Guard:
    """Decides, for each suggestion, whether it keeps every protected item of the text intact."""

    def __init__(self, extra_files: Iterable[str | Path] = ()) -> None:
        extra_files = tuple(extra_files)
        self.lexicon = ProtectedTerms.load(extra_files) if extra_files else ProtectedTerms.shared()
        # The "before" window is the same for every suggestion of an issue (and for neighbouring
        # issues): read its protected items once. Bounded so a long batch does not grow it.
        self._items_cache: dict[str, list[Item]] = {}

    def review(self, issue: Issue, text: str) -> None:
        """Set ``safe`` and ``guard_reason`` on every suggestion of ``issue``; a refused one is
        held for an editor ("guard: <reason>")."""
        for suggestion in issue.suggestions:
            reasons = self.reasons(
                text, issue.start, issue.end, suggestion.text,
                source=suggestion.source, category=issue.category,
            )
            suggestion.safe = not reasons
            suggestion.guard_reason = "; ".join(reasons)
            if reasons:
                suggestion.hold_back(f"guard: {suggestion.guard_reason}")

    def review_all(self, issues: Iterable[Issue], text: str) -> None:
        for issue in issues:
            self.review(issue, text)

    def reasons(
        self, text: str, start: int, end: int, replacement: str, *,
        source: str = "", category: str = "",
    ) -> list[str]:
        """Why replacing ``text[start:end]`` with ``replacement`` needs an editor; [] if safe."""
        if not 0 <= start <= end <= len(text):
            return [f"the span {start}-{end} lies outside the text"]
        if category == "boilerplate":
            return []  # removal of non-article text: decided by keep_boilerplate, see package doc
        ws, we = window(text, start, end)
        before = text[ws:we]
        after = text[ws:start] + replacement + text[end:we]
        if before == after:
            return []
        reasons = compare_items(self._cached_items(before), self.items(after))
        old_words, new_words = words(before), words(after)
        reasons += meaning_flips(old_words, new_words, self.lexicon.opposites)
        if not reasons:
            reasons += deletion_reasons(
                text, start, end, replacement, old_words, new_words, self.lexicon.deletable
            )
        if not reasons and is_rewrite(text[start:end], replacement, source):
            reasons += rewrite_reasons(old_words, new_words)
        return reasons

    def _cached_items(self, text: str) -> list[Item]:
        items = self._items_cache.get(text)
        if items is None:
            if len(self._items_cache) >= 512:
                self._items_cache.clear()
            items = self._items_cache[text] = self.items(text)
        return items

    def items(self, text: str) -> list[Item]:
        """Every protected item in ``text``, in order of kind."""
        tokens = tokenize(text)
        items = numbers_and_units(tokens, text)
        items += negations(tokens)
        items += self.lexicon.items(tokens, text)
        items += names(text)
        return items
