"""Whether a preposition opens an adjunct of time, measure, degree or place, whatever the word
before it governs ("in the last days", "at least", "at the genome level"): the governed and
preposition rules leave such a preposition alone (``governed.py``, ``collocation/__init__``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Objects that make a preposition an adjunct of time, measure or degree, whatever the head.
ADJUNCT_OBJECTS = frozenset({
    "day", "week", "month", "year", "hour", "minute", "second", "time", "period", "morning",
    "evening", "night", "afternoon", "age", "case", "part", "addition", "general", "particular",
    "order", "fact", "way", "result", "term", "total", "average", "percent", "%", "stage",
    "phase", "moment", "end", "beginning", "situation", "setting", "context", "circumstance",
    "place", "area", "manner", "form", "degree", "extent",
})
# Objects that make one preposition a place adjunct ("at the genome level", "on the surface",
# "in the population") while the same noun can be another preposition's argument.
PLACES = frozenset({"home", "hospital", "clinic", "school", "work", "office", "pharmacy",
                    "ward", "centre", "center", "practice", "surgery", "university", "weekend"})
PLACE_ADJUNCTS = {"at": frozenset({"level", "site", "surface", "side"}) | PLACES,
                  "on": frozenset({"level", "site", "surface", "side"}),
                  "in": frozenset({"population", "world", "country", "region"}) | PLACES}
# Words right after the preposition that make it an adverbial ("at least", "in all", "by far").
ADJUNCT_STARTS = frozenset({"least", "most", "first", "last", "all", "far", "part", "general",
                            "particular", "addition", "total", "itself", "themselves",
                            "average"})
# Quantifiers that open a partitive ("vaccines from any of these strategies"): the preposition
# names a source or a share of something, not the head's government.
PARTITIVES = frozenset({"any", "some", "each", "one", "many", "both", "either", "none", "several"})


def adjunct_object(prep: Token) -> bool:
    """The preposition's object is a word of time, measure or degree ("in the last days", "at
    least", "in part"): an adjunct, whatever the head governs."""
    from ...models.ngrams import preposition_object

    doc = prep.doc
    nxt = doc[prep.i + 1] if prep.i + 1 < len(doc) else None
    obj = preposition_object(prep)
    partitive = nxt is not None and nxt.lower_ in PARTITIVES and prep.i + 2 < len(doc) and \
        doc[prep.i + 2].lower_ == "of"
    return obj in ADJUNCT_OBJECTS or obj in PLACE_ADJUNCTS.get(prep.lower_, ()) or partitive or (
        nxt is not None and nxt.lower_ in ADJUNCT_STARTS and nxt.head.i == prep.i)
    # ... "at least", "in all", but not "answered on all our questions" ("all" modifies the
    # object there)


__all__ = ["ADJUNCT_OBJECTS", "adjunct_object"]
