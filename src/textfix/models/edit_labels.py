"""Edit labels on words: the label vocabulary and what one label makes of one word.

The runtime half of ``training.edit_labels`` (which reads labels off aligned sentences): the
edit tagger applies labels with these, and the suggestion stage names their kinds.
"""

from __future__ import annotations

from functools import lru_cache

KEEP, DELETE = "KEEP", "DELETE"
REPLACE, APPEND = "REPLACE_", "APPEND_"
CASES = ("$CASE_LOWER", "$CASE_CAPITAL", "$CASE_UPPER")
INFLECT = "$INFLECT_"


def with_case(new: str, old: str) -> str:
    """``new`` in the case pattern of the word it replaces (the encoder never saw case)."""
    if not new or new != new.lower():
        return new  # the label carries its own case (a name, an acronym)
    if len(old) > 1 and old.isupper():
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def change_case(word: str, label: str) -> str:
    if label == "$CASE_LOWER":
        return word.lower()
    if label == "$CASE_UPPER":
        return word.upper()
    return word[:1].upper() + word[1:]


@lru_cache(maxsize=65536)
def inflections(word: str) -> dict[str, tuple[str, ...]]:
    """Penn tag → forms of every lemma ``lemminflect`` knows for ``word`` (lower case)."""
    from lemminflect import getAllInflections, getAllLemmas

    forms: dict[str, tuple[str, ...]] = {}
    for lemmas in getAllLemmas(word.lower()).values():
        for lemma in lemmas:
            for tag, words in getAllInflections(lemma).items():
                forms.setdefault(tag, words)
    return forms


def inflect(word: str, label: str) -> str | None:
    tag, _, index = label[len(INFLECT):].partition(":")
    forms = inflections(word).get(tag, ())
    k = int(index or 0)
    return with_case(forms[k], word) if k < len(forms) else None


def apply_word(src: str, label: str) -> list[str]:
    """The words one label makes of one source word (its start slot aside)."""
    if label == KEEP:
        return [src]
    if label == DELETE:
        return []
    if label.startswith(REPLACE):
        words = label[len(REPLACE):].split(" ")
        return [with_case(words[0], src), *words[1:]]
    if label.startswith(APPEND):
        return [src, *label[len(APPEND):].split(" ")]
    if label in CASES:
        return [change_case(src, label)]
    if label.startswith(INFLECT):
        word = inflect(src, label)
        return [word if word is not None else src]
    return [src]


def label_kind(label: str) -> str:
    """The family of a label, for reports: keep, delete, replace, append, case, inflect."""
    for prefix, kind in ((REPLACE, "replace"), (APPEND, "append"), (INFLECT, "inflect"),
                         ("$CASE_", "case")):
        if label.startswith(prefix):
            return kind
    return label.lower()
