"""Comparing before and after: changed protected items, deleted content, too-large rewrites."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from .tables import GRAMMATICAL_DOUBLES, STOPWORDS
from .tokens import Item, words

REWRITE_MIN_WORDS = 8  # a span this long is a sentence rewrite, whatever its source
REWRITE_MAX_CHANGED = 0.25  # share of content words a rewrite may drop or insert (at least 2)


def compare_items(old: list[Item], new: list[Item]) -> list[str]:
    """One reason per protected item that was changed, removed or added."""
    reasons = []
    for kind in _ordered_kinds(old + new):
        old_keys = Counter(i.key for i in old if i.kind == kind)
        new_keys = Counter(i.key for i in new if i.kind == kind)
        surface = {i.key: i.surface for i in new if i.kind == kind}
        surface.update({i.key: i.surface for i in old if i.kind == kind})
        removed = sorted((old_keys - new_keys).elements())
        added = sorted((new_keys - old_keys).elements())
        for gone, came in zip(removed, added, strict=False):
            reasons.append(f"changes the {kind} {_quote(kind, surface[gone])} to "
                           f"{_quote(kind, surface[came])}")
        for gone in removed[len(added):]:
            reasons.append(f"removes the {kind} {_quote(kind, surface[gone])}")
        for came in added[len(removed):]:
            reasons.append(f"adds the {kind} {_quote(kind, surface[came])}")
    return reasons


def _ordered_kinds(items: list[Item]) -> Iterator[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item.kind, None)
    return iter(seen)


def _quote(kind: str, surface: str) -> str:
    return surface if kind == "number" else f"'{surface}'"


def deletion_reasons(
    text: str, start: int, end: int, replacement: str, old: list[str], new: list[str],
    deletable: frozenset[str],
) -> list[str]:
    """Deleting words is unsafe unless they repeat their neighbours or are all ``deletable``."""
    gone = _removed_in_order(old, new)
    if not gone or set(gone) <= deletable or _double_degree(text, end, replacement, gone):
        return []
    if _still_beside(text, start, end, replacement, gone):
        return []
    return [f"deletes content ('{' '.join(gone)}')"]


IRREGULAR_DEGREES = frozenset({"better", "worse", "best", "worst", "less", "least"})


def _double_degree(text: str, end: int, replacement: str, gone: list[str]) -> bool:
    """"more easier" -> "easier": only a "more"/"most" before a comparative or superlative that
    the edit keeps goes, so nothing is lost."""
    if gone not in (["more"], ["most"]):
        return False
    kept = words(replacement) or words(text[end : end + 40])[:1]
    return bool(kept) and is_degree_form(kept[0], "er" if gone == ["more"] else "est")


def is_degree_form(word: str, suffix: str) -> bool:
    """A comparative ("er") or superlative ("est") of an adjective by lemminflect's dictionary
    ("easier": easy, "bigger": big), and never a noun ("liver", "number"): deleting "more"
    before "more liver" would drop content. lemminflect loads only when such a deletion comes."""
    if word in IRREGULAR_DEGREES:
        return True
    if not word.endswith(suffix):
        return False
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    adjective = lemmas.get("ADJ", ())
    return bool(adjective) and adjective[0] != word and "NOUN" not in lemmas


def _removed_in_order(old: list[str], new: list[str]) -> list[str]:
    """The words of ``old`` missing from ``new``, in reading order; [] if any word was added."""
    removed = Counter(old) - Counter(new)
    if Counter(new) - Counter(old):
        return []
    gone = []
    for word in old:
        if removed[word] > 0:
            gone.append(word)
            removed[word] -= 1
    return gone


def _still_beside(text: str, start: int, end: int, replacement: str, gone: list[str]) -> bool:
    """After the edit, do the deleted words still stand right before or after it (a repeat)?"""
    if len(gone) == 1 and gone[0] in GRAMMATICAL_DOUBLES:
        return False
    reach = 2 * (end - start) + 100
    before = words(text[max(0, start - reach) : start] + replacement)
    after = words(replacement + text[end : end + reach])
    n = len(gone)
    return before[-n:] == gone or after[:n] == gone


def is_rewrite(span: str, replacement: str, source: str) -> bool:
    if source == "model":
        return True
    if len(span.split()) >= REWRITE_MIN_WORDS:
        return True
    return len(replacement) >= 2 * len(span) and len(replacement) - len(span) >= 15


def rewrite_reasons(old: list[str], new: list[str]) -> list[str]:
    old_content = Counter(w for w in old if w not in STOPWORDS)
    new_content = Counter(w for w in new if w not in STOPWORDS)
    changed = sum(((old_content - new_content) + (new_content - old_content)).values())
    allowed = max(2, int(REWRITE_MAX_CHANGED * sum(old_content.values())))
    if changed > allowed:
        return [f"rewrite: needs review ({changed} content words changed)"]
    return []
