"""``collocation/course`` with an object: a condition acting on something, Russian style ("the
flu gives complications" «даёт» -> "causes", "the pain disturbs him" «беспокоит» -> "bothers"; the
object must be a condition or a person), "call" for "cause" («вызывать»), and a person who
"transferred" an illness or an operation («перенести») -> "had", or "tolerated" it well.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Finding, match_case
from .course import is_condition, subject_of, tense_tag
from .people import PEOPLE
from .procedure import PROCEDURES

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

MARGIN = 4.0  # nominal: a rule over lemmas and roles has no count ratio
# A condition acting on something, Russian style: "the flu gives complications" («даёт
# осложнения»), "the pain disturbs him at night" («беспокоит»). lemma -> (English verb, what the
# object must be: a condition or a person).
ACTING_VERBS: dict[str, tuple[str, str]] = {
    "give": ("cause", "condition"), "disturb": ("bother", "person"),
    "torment": ("trouble", "person"),
}
# «Вызывать» is "call" and "cause": "call" with a condition as its object is always "cause",
# whatever the subject ("the pills can call dependence", "call vomiting").
CAUSING_VERBS = {"call": "cause"}
# «Перенести инфаркт / операцию»: a person who "carried" or "transferred" an illness had it (in
# the past only: a person who "carries" a virus or a gene is a carrier, which English says too).
SUFFERED_VERBS = {"carry": "have", "transfer": "have"}
TOLERATED = frozenset({"well", "badly", "poorly", "easily", "hard"})  # how it was borne
CARRIED_THINGS = frozenset({"virus", "bacterium", "bacteria", "gene", "parasite", "infection",
                            "mutation", "trait", "pathogen"})
# Who a condition acts on: a person (``people.PEOPLE``) or a personal pronoun.
PERSON_OBJECTS = PEOPLE | frozenset({"you", "him", "her", "them", "me", "us", "people"})


def _names_something(obj: Token) -> bool:
    """A name follows the object ("call the disease 'Wuhan pneumonia'"): naming, not causing."""
    after = obj.right_edge.i + 1
    return after < len(obj.doc) and (obj.doc[after].pos_ in ("NOUN", "PROPN", "ADJ", "DET")
                                     or obj.doc[after].is_quote)


def acting_finding(table: NgramTable, verb: Token) -> Finding | None:
    """A condition as the subject of ``ACTING_VERBS`` with the object that verb needs: the
    English verb replaces it ("The flu often gives complications" -> "causes")."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB":
        return None
    if lemma in SUFFERED_VERBS:
        return _suffered(table, verb, lemma)
    if lemma not in ACTING_VERBS and lemma not in CAUSING_VERBS:
        return None
    from ...lexicon.templates import inflect_verb

    new, kind = ACTING_VERBS.get(lemma) or (CAUSING_VERBS[lemma], "condition")
    subject = subject_of(verb)
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if (lemma in ACTING_VERBS and (subject is None or not is_condition(subject))) or \
            any(c.dep_ in ("nsubjpass", "dative", "prt", "oprd", "ccomp", "xcomp")
                for c in verb.children) or len(objects) != 1:
        return None  # "the doctor gives him an injection": not a condition acting
    obj = objects[0]
    bare_past = verb.tag_ in ("VBN", "VBD") and not any(c.dep_ == "aux" for c in verb.children)
    if lemma in CAUSING_VERBS and (bare_past or _names_something(obj)):
        return None  # "a condition called ...", "call the disease 'Wuhan pneumonia'"
    fits = is_condition(obj, table) if kind == "condition" else \
        obj.lemma_.lower() in PERSON_OBJECTS or obj.lower_ in PERSON_OBJECTS
    if not fits:
        return None
    text = inflect_verb(new, tense_tag(verb))
    return Finding("collocation/course", verb, verb, match_case(text, verb.text), MARGIN,
                   f"'{verb.text} {obj.text}' follows the Russian; English says '{text}'.")


def _suffered(table: NgramTable, verb: Token, lemma: str) -> Finding | None:
    """"Patients who carried a heart attack" -> "had": a person, a past tense, an illness or a
    procedure; "tolerated" when an adverb says how well ("transferred the operation well")."""
    from ...lexicon.templates import inflect_verb

    subject = subject_of(verb)
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.tag_ not in ("VBD", "VBN") or subject is None or len(objects) != 1 or \
            subject.lemma_.lower() not in PERSON_OBJECTS | {"who", "i", "he", "she", "they",
                                                           "we"} or \
            objects[0].lemma_.lower() in CARRIED_THINGS:
        return None
    procedure = lemma == "transfer" and objects[0].lemma_.lower() in PROCEDURES
    if not procedure and not is_condition(objects[0], table):
        return None
    how = any(c.dep_ == "advmod" and c.lower_ in TOLERATED for c in verb.children)
    text = inflect_verb("tolerate" if how else SUFFERED_VERBS[lemma], verb.tag_)
    return Finding("collocation/course", verb, verb, match_case(text, verb.text), MARGIN,
                   f"'{verb.text} {objects[0].text}' follows the Russian «перенести»; English "
                   f"says '{text}'.")


__all__ = ["ACTING_VERBS", "acting_finding"]
