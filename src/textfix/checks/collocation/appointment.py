"""``collocation/appointment``: «записаться к врачу» rendered word for word, "signed up to the
doctor", "registered for a dentist", "wrote down to the therapist". English makes an appointment
with a clinician.

A rule over lemmas and roles: a verb of enrolling (``ENROLLING``, with its particle where it has
one) whose preposition right after it is "to", "for" or "at" and whose object is a clinician
(``people.CLINICIANS``). One signs up for a course, registers at a clinic and registers with a
GP: only a clinician after "to", "for" or "at" is judged. The verb and the preposition are
replaced ("made an appointment with"); the clinician's words are kept as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Finding, match_case
from .people import CLINICIANS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

# verb lemma -> the particle it needs (None: none)
ENROLLING: dict[str, str | None] = {"sign": "up", "register": None, "enrol": None,
                                    "enroll": None, "write": "down", "record": None}
PREPOSITIONS = frozenset({"to", "for", "at"})
MARGIN = 4.0  # nominal: a rule over lemmas and roles has no count ratio


def appointment_finding(table: NgramTable, clinician: Token) -> Finding | None:
    """On the clinician: "signed up to the doctor" -> "made an appointment with the doctor"."""
    if clinician.dep_ != "pobj" or clinician.lemma_.lower() not in CLINICIANS:
        return None  # most tokens stop here
    prep = clinician.head
    verb = prep.head
    lemma = verb.lemma_.lower()
    if prep.lower_ not in PREPOSITIONS or verb.pos_ != "VERB" or lemma not in ENROLLING:
        return None
    if lemma == "register" and prep.lower_ in ("at", "to") and \
            any(c.dep_ == "auxpass" for c in verb.children):
        return _registered_with(clinician, prep)
    wanted = ENROLLING[lemma]
    particle = next((c for c in verb.children if c.dep_ == "prt"), None)
    if (particle.lower_ if particle is not None else None) != wanted:
        return None  # "signed the form for the doctor"
    last_of_verb = particle or verb
    if prep.i != last_of_verb.i + 1 or any(c.dep_ == "dobj" for c in verb.children):
        return None  # "wrote down the dose for the nurse"
    from ...lexicon.templates import inflect_verb

    text = f"{inflect_verb('make', verb.tag_)} an appointment with"
    found = verb.doc[verb.i : prep.i + 1].text
    return Finding("collocation/appointment", verb, prep, match_case(text, verb.text), MARGIN,
                   f"'{found} the {clinician.text}' follows the Russian «записаться к»; "
                   f"English says '{text}'.")


def _registered_with(clinician: Token, prep: Token) -> Finding:
    """«состоит на учёте у эндокринолога»: a patient "is registered at the endocrinologist";
    English registers a patient with a clinician, and the preposition alone changes."""
    return Finding("collocation/appointment", prep, prep, match_case("with", prep.text), MARGIN,
                   f"'registered {prep.text} the {clinician.text}' follows the Russian «на учёте "
                   f"у»; a patient is registered with a clinician.")


__all__ = ["appointment_finding"]
