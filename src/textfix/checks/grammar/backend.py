"""One interface for grammar engines, so the check does not care which one runs.

Both harper (embedded, offline) and LanguageTool (a local install or a server) report spans,
a rule, a message and replacements; :class:`GrammarMatch` is what they have in common.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import replace
from typing import Any, Protocol, TypeVar

from ...config import Config
from ...errors import ConfigError
from ...repeats import once_each
from .match import KINDS, GrammarMatch

__all__ = ["BACKENDS", "KINDS", "GrammarBackend", "GrammarMatch", "check_many", "make_backend",
           "prefetch_backend", "run_in_background", "warm_backend"]

BACKENDS = ("harper", "languagetool")
T = TypeVar("T")


class GrammarBackend(Protocol):
    name: str

    def check(self, text: str) -> list[GrammarMatch]: ...


def make_backend(config: Config, words: frozenset[str] = frozenset()) -> GrammarBackend:
    """Build the backend ``config.grammar_backend`` names; ``words`` are accepted spellings."""
    name = (config.grammar_backend or "harper").lower()
    if name == "harper":
        from .harper_backend import HarperBackend

        return HarperBackend(words=words, silent=() if config.harper_all_rules else None)
    if name == "languagetool":
        from .languagetool_backend import LanguageToolBackend

        return LanguageToolBackend(url=config.languagetool_url)
    raise ConfigError(f"unknown grammar backend {name!r}; choose one of: {', '.join(BACKENDS)}")


def prefetch_backend(config: Config) -> None:
    """Start the slow part of building the backend in the background (harper's dictionary),
    so ``make_backend`` later finds it ready; a no-op for LanguageTool."""
    if (config.grammar_backend or "harper").lower() == "harper":
        from .harper_backend import prefetch_linter

        prefetch_linter()


def warm_backend(config: Config) -> None:
    """Start warming what harper builds per thread (``harper_backend.warm_spelling``) in the
    background; a no-op for LanguageTool."""
    if (config.grammar_backend or "harper").lower() == "harper":
        from .harper_backend import warm_spelling

        warm_spelling()


def run_in_background(backend: GrammarBackend, function: Callable[..., T], *args: Any) -> Future:
    """``function(backend, *args)`` started on harper's thread for the harper backend (harper
    works off the interpreter's lock, so the other checks run meanwhile); done here, errors
    raised here, for another backend. The grammar check's ``start_many`` hands it its work."""
    if getattr(backend, "name", "") == "harper":
        from .harper_backend import harper_thread

        return harper_thread().submit(function, backend, *args)
    done: Future = Future()
    done.set_result(function(backend, *args))
    return done


BATCH_SEPARATOR = "\n\n"
BATCH_MAX_CHARS = 20_000


def check_many(backend: GrammarBackend, texts: Sequence[str],
               spelling_texts: Sequence[str] | None = None) -> list[list[GrammarMatch]]:
    """Check many short texts in a few backend calls, offsets given back per text.
    ``spelling_texts``: each text with the words blanked whose spelling is not to be checked,
    for a backend that ``splits_spelling`` (harper); others get the texts alone.

    A harper call costs about as much for one sentence as for a page (measured: 1,000 MT lines
    took 4.5 s one by one and 1.7 s joined), and each LanguageTool call is an HTTP request, so
    texts are joined with blank lines into chunks. A match that crosses a separator belongs to
    no single text and is dropped. A text met twice is checked once (a text reads the same to
    the engine wherever it sits in a chunk, see ``_check_chunk``).
    """
    if not getattr(backend, "splits_spelling", False):
        spelling_texts = None
    pairs = list(zip(texts, spelling_texts or texts, strict=True))
    if len(set(pairs)) < len(pairs):  # a repeated text (boilerplate, a repeated line): once
        return once_each(pairs, lambda unique: check_many(
            backend, [t for t, _ in unique], [s for _, s in unique] if spelling_texts else None),
            list)
    results: list[list[GrammarMatch]] = [[] for _ in texts]
    chunk: list[int] = []
    size = 0
    for index, text in enumerate(texts):
        if chunk and size + len(text) > BATCH_MAX_CHARS:
            _check_chunk(backend, texts, chunk, results, spelling_texts)
            chunk, size = [], 0
        chunk.append(index)
        size += len(text) + len(BATCH_SEPARATOR)
    if chunk:
        _check_chunk(backend, texts, chunk, results, spelling_texts)
    return results


def _check_chunk(backend: GrammarBackend, texts: Sequence[str], chunk: list[int],
                 results: list[list[GrammarMatch]],
                 spelling_texts: Sequence[str] | None = None) -> None:
    starts = []
    offset = 0
    for index in chunk:
        starts.append(offset)
        offset += len(texts[index]) + len(BATCH_SEPARATOR)
    # Every text is followed by the separator, the last one too: a text then reads the same
    # to the engine whatever its place in the chunk (harper flags " :" at the very end of its
    # input but not before a blank line), so results do not depend on batching.
    joined = "".join(texts[i] + BATCH_SEPARATOR for i in chunk)
    if spelling_texts is None:
        matches = backend.check(joined)
    else:
        spelling = "".join(spelling_texts[i] + BATCH_SEPARATOR for i in chunk)
        matches = backend.check(joined, spelling_text=spelling)  # type: ignore[call-arg]
    for match in matches:
        position = bisect_right(starts, match.start) - 1
        index, start = chunk[position], starts[position]
        if match.end <= start + len(texts[index]):
            results[index].append(replace(match, start=match.start - start, end=match.end - start))
