"""Spellings of other English dialects: a word harper's US dictionary flags but its British,
Australian or Canadian one accepts is a regional spelling, not a typo."""

from __future__ import annotations


class OtherDialects:
    """British, Australian and Canadian spellings ("roubles", "haemorrhage", "offence") are not
    misspellings; a spelling flag on a word another English dialect accepts is dropped."""

    DIALECTS = ("BRITISH", "AUSTRALIAN", "CANADIAN")

    def __init__(self) -> None:
        self._linters: list | None = None  # harper.Linter per dialect, built on first use
        self._cache: dict[str, bool] = {}

    def accepts(self, word: str) -> bool:
        """On harper's thread, like every lint (``harper_backend.on_harper_thread``): the
        tables harper's spelling builds are per thread, and that one has them."""
        if word not in self._cache:
            from .harper_backend import on_harper_thread

            self._cache[word] = on_harper_thread(self._accepted_somewhere, word)
        return self._cache[word]

    def _accepted_somewhere(self, word: str) -> bool:
        if self._linters is None:  # built on the first spelling flag, not at start-up
            self._linters = [self._linter(d) for d in self.DIALECTS]
        return any(
            not any(lint.lint_kind in ("Spelling", "Typo") for lint in linter.lint(word))
            for linter in self._linters
        )

    @staticmethod
    def _linter(dialect: str):
        """A harper Linter of ``dialect`` without the rules that never fire here (they cost
        most of a lint's time and no spelling lint comes from them)."""
        import harper

        from .harper_backend import silent_rules, switch_off

        return switch_off(harper.Linter(getattr(harper.Dialect, dialect)), silent_rules())
