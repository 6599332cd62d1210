"""``collocation/instrument``: the Russian instrumental case rendered as "by" ("treated the wound
by iodine" «обработала рану йодом», "pneumonia is treated by antibiotics" «лечится антибиотиками»,
"rinse the eye by water"). English treats, washes and rinses *with* a substance; "by" names an
agent ("treated by a doctor") or a method ("by injection", "by mouth").

A rule over lemmas and classes: "by" right after a verb of treating or cleaning (``TREATING``,
active with its object or passive) whose object is a substance: a medicine of
``medicine_verb.ORAL`` or ``TOPICAL``, a drug name the guard protects, or a liquid or antiseptic of
``SUBSTANCES``. Causing verbs ("damaged by alcohol") are not in the list, so their agent stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Finding, match_case
from .medicine_verb import ORAL, TOPICAL, is_drug_name

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

# "covered by a bandage", "cured by medicine or surgery": English, so not listed
TREATING = frozenset({"treat", "wash", "rinse", "wipe", "clean", "cleanse", "disinfect",
                      "lubricate", "smear", "moisten", "soak", "gargle", "flush", "irrigate",
                      "wet", "rub", "spray"})
SUBSTANCES = frozenset({"iodine", "alcohol", "water", "soap", "solution", "saline", "peroxide",
                        "antiseptic", "disinfectant", "oil", "vinegar", "chlorhexidine",
                        "antibiotic", "drops", "drop", "spray", "syrup", "decoction",
                        "infusion", "tincture", "ice"})
MARGIN = 4.0  # nominal: a rule over classes has no count ratio


def instrument_finding(table: NgramTable, by: Token) -> Finding | None:
    """On "by": "treated the wound by iodine" -> "with iodine"."""
    if by.lower_ != "by" or by.dep_ not in ("prep", "agent"):
        return None  # most tokens stop here
    verb = by.head
    substance = next((c for c in by.children if c.dep_ == "pobj"), None)
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in TREATING or substance is None or \
            substance.pos_ != "NOUN" or not _is_substance(substance):
        return None
    if verb.tag_ == "VBN" and not any(c.dep_ == "auxpass" for c in verb.children) and \
            verb.dep_ != "ROOT":
        return None  # a participle inside a noun phrase describes; the parse is unsure there
    return Finding("collocation/instrument", by, by, match_case("with", by.text), MARGIN,
                   f"'{verb.text} … by {substance.text}' follows the Russian instrumental; "
                   "English says 'with' a substance ('by' names an agent).")


def _is_substance(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    return lemma in SUBSTANCES or lemma in ORAL or lemma in TOPICAL or is_drug_name(noun)


__all__ = ["instrument_finding"]
