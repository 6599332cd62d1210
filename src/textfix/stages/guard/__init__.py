"""The safety guard: may a suggestion be applied without an editor?

Health text is safety-critical, so the guard is built the other way round from a checker: it
does not look for something wrong, it looks for proof that nothing that matters changed. It
compares a window around the issue (the span widened to whole words plus a few words of context
on both sides, so that partial-word edits and multi-word items like "three times a day" are read
whole) before and after the replacement and refuses when any protected item differs:

- numbers (digits, decimals, ranges, fractions, signs; written numbers, "half", "twice", Roman
  numerals after "type"/"stage"/...), compared as a multiset of values. Written numbers count by
  value, so "two" -> "2" and "type II" -> "type 2" pass, while "1,5" -> "1.5" is refused: a decimal
  comma and a thousands separator look alike and only an editor can tell which one it was;
- units, doses and frequencies ("mg", "mcg" = "µg", "%", "kg", "times a day" = "times daily");
- negations ("not" = "n't" = "cannot"'s "not", "no", "never", "without", ...), negative prefixes on
  the same stem ("effective" -> "ineffective") and swaps with an opposite ("increase" ->
  "decrease");
- drug, disease and substance names from ``data/protected_terms.yaml`` plus suffix morphology, and
  capitalised multi-word names.

On top of that, deleting content is refused (a repeat of the neighbouring words, whitespace,
punctuation and the function words and empty nouns listed as ``deletable_words`` excepted) and a
whole-sentence rewrite must also be a small change. Boilerplate removals are let through: whether
teasers and captions go is the user's ``keep_boilerplate`` switch, not a matter of meaning.
Anything the guard cannot vouch for is unsafe.

One module per job: ``tokens`` (window, tokens, words), ``numbers``, ``units``, ``negation``,
``terms`` (protected names), ``compare`` (items, deletions, rewrites) and ``verdict`` (the
``Guard`` that puts them together). The word tables are data: ``data/guard_numbers.yaml``,
``data/guard_units.yaml`` and ``data/guard_words.yaml`` (read once by ``tables``).
"""

from .tokens import Item
from .verdict import Guard

__all__ = ["Guard", "Item"]
