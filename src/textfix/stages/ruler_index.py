"""spaCy's attribute ruler with its patterns looked up by tag and word instead of run through the
general ``Matcher``.

The English pipelines' ``attribute_ruler`` maps fine tags to parts of speech and morphology with
about 180 one- and two-token patterns. Its ``Matcher`` walks every pattern over every token, which
cost more than the tagger and parser together under cProfile: 1.1 of the 4 seconds spaCy spent
on 1,000 MLQE-PE lines. Nearly every pattern fixes a token's tag or its lower-case form, so a
dictionary keyed on those finds the few patterns that can match a token. The ruler itself still
applies the attributes; only its ``match`` is replaced, and it returns the same list, order
included:
checked equal on 17,759 texts (MLQE-PE train MT and post-edits, JFLEG dev, TICO-19 English),
where it took 2.9 s against the ``Matcher``'s 11.6 s.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# a token as the patterns read it: (tag, lower-case form, dependency label, is white space)
Row = tuple[str, str, str, bool]
RowTest = Callable[[Row], bool]
Candidate = tuple[int, list[RowTest]]  # a pattern's number and one test per token
FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
INDEXED = ("TAG", "LOWER", "DEP")  # what a pattern is filed under, in this order of preference


class UnsupportedPattern(ValueError):
    """A pattern this index cannot read exactly; the ruler keeps its own ``Matcher``."""


def value_test(field: int, value: Any) -> RowTest:
    """One attribute's condition: a value, or ``{"IN": [...]}``, ``{"NOT_IN": [...]}``,
    ``{"REGEX": "..."}`` as the ``Matcher`` reads them."""
    if not isinstance(value, dict):
        return lambda row: row[field] == value
    if value.keys() == {"IN"}:
        return lambda row, values=frozenset(value["IN"]): row[field] in values
    if value.keys() == {"NOT_IN"}:
        return lambda row, values=frozenset(value["NOT_IN"]): row[field] not in values
    if value.keys() == {"REGEX"}:
        return lambda row, rx=re.compile(value["REGEX"]): bool(rx.search(row[field]))
    raise UnsupportedPattern(str(value))


def token_test(spec: dict[str, Any]) -> RowTest:
    """One token's pattern (``{"TAG": "NN", "LOWER": {"IN": [...]}}``) as a predicate."""
    if not spec or set(spec) - FIELDS.keys():
        raise UnsupportedPattern(str(spec))
    tests = [value_test(FIELDS[attr], value) for attr, value in spec.items()]
    if len(tests) == 1:
        return tests[0]

    def every(row: Row) -> bool:  # a loop, not all(): no generator per token
        for test in tests:  # noqa: SIM110
            if not test(row):
                return False
        return True

    return every


def filed_under(spec: dict[str, Any]) -> tuple[int, list[str]] | None:
    """The field and the values a one-token pattern requires, when it requires some."""
    for attr in INDEXED:
        value = spec.get(attr)
        if isinstance(value, str):
            return FIELDS[attr], [value]
        if isinstance(value, dict) and value.keys() == {"IN"}:
            return FIELDS[attr], list(value["IN"])
    return None


class RulerIndex:
    """The ruler's patterns filed under the tag, word or label their first token requires."""

    def __init__(self, patterns: list[dict[str, Any]], vocab: Any) -> None:
        self.patterns, self.vocab = patterns, vocab
        self.strings = vocab.strings
        self.filed: tuple[dict[str, list[Candidate]], ...] = (
            defaultdict(list), defaultdict(list), defaultdict(list))
        self.anywhere: list[Candidate] = []
        for number, entry in enumerate(patterns):
            for pattern in entry["patterns"]:
                candidate = (number, [token_test(spec) for spec in pattern])
                where = filed_under(pattern[0])
                if where is None:
                    self.anywhere.append(candidate)
                else:
                    for value in where[1]:
                        self.filed[where[0]][value].append(candidate)
        self.keys = [self.strings[str(n)] for n in range(len(patterns))]

    def __reduce__(self) -> tuple[type, tuple[list[dict[str, Any]], Any]]:
        """Pickled as its patterns (its tests are closures): a pickled pipeline still loads."""
        return RulerIndex, (self.patterns, self.vocab)

    def rows(self, doc: Doc) -> list[Row]:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        strings = self.strings
        return [(strings[tag], strings[lower], strings[dep], bool(space))
                for tag, lower, dep, space in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()]

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What ``AttributeRuler.match`` returns: (pattern number, key, start, end), sorted."""
        rows = self.rows(doc)
        tags, words, labels = self.filed
        found: set[tuple[int, int, int]] = set()
        for i, row in enumerate(rows):
            for number, tests in (*tags.get(row[0], ()), *words.get(row[1], ()),
                                  *labels.get(row[2], ()), *self.anywhere):
                if not tests[0](row):
                    continue
                end = i + len(tests)
                if end == i + 1 or (end <= len(rows) and all(
                        test(rows[i + k]) for k, test in enumerate(tests[1:], 1))):
                    found.add((number, i, end))
        return sorted((number, self.keys[number], start, end) for number, start, end in found)


def index_attribute_ruler(nlp: Language) -> bool:
    """Give the pipeline's attribute ruler the indexed ``match``; False (and the ruler left as
    it is) when it has none or a pattern uses something the index does not read."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        ruler.match = RulerIndex(ruler.patterns, ruler.vocab).match
    except UnsupportedPattern:
        return False
    return True


__all__ = ["RulerIndex", "index_attribute_ruler"]
