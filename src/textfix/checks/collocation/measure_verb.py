"""``collocation/measure-verb``: how a measurement moves, as Russian MT renders «упала»,
«поднялась», «повысилось», «понизился» ("the temperature fell down", "the pressure rose up",
"the sugar raised", "the level lowered").

English says a measure *falls*, *drops* or *goes down*, and *rises* or *goes up*: "fall down"
is what a person does, "rise up" what a crowd does, and "raise" and "lower" take an object.
The rule works on roles: a measure noun (``MEASURES``) as the subject of a verb of
``MOVES`` with its particle, or of "raise" / "lower" with no object and not in the passive.
The English verb is inflected like the verb found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Finding, match_case
from .course import FINITE_TAGS, subject_of, tense_tag

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

MEASURES = frozenset({
    "temperature", "pressure", "level", "sugar", "glucose", "weight", "pulse", "rate", "count",
    "cholesterol", "fever", "haemoglobin", "hemoglobin", "value", "concentration", "reading",
    "saturation", "tone", "acidity", "appetite",
})
# (verb, particle) -> the English verb phrase; a verb with no particle is one that needs an
# object in English ("the sugar raised" -> "rose").
MOVES: dict[tuple[str, str | None], str] = {
    ("fall", "down"): "go down", ("drop", "down"): "drop", ("decrease", "down"): "go down",
    ("rise", "up"): "rise", ("increase", "up"): "go up", ("jump", "up"): "jump",
    ("raise", None): "rise", ("lower", None): "fall",
}
MARGIN = 4.0  # nominal: a rule over roles has no count ratio


def measure_finding(table: NgramTable, verb: Token) -> Finding | None:
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in ("fall", "drop", "decrease", "rise", "increase",
                                            "jump", "raise", "lower"):
        return None  # most tokens stop here
    from ...lexicon.templates import inflect_phrase

    particles = [c for c in verb.children if c.dep_ in ("prt", "advmod") and
                 c.i == verb.i + 1 and c.lower_ in ("up", "down")]
    key = (lemma, particles[0].lower_ if particles else None)
    subject = _subject(verb)
    if key not in MOVES or subject is None or \
            subject.lemma_.lower() not in MEASURES or \
            any(c.dep_ in ("dobj", "auxpass", "nsubjpass") for c in verb.children):
        return None  # "raised the dose", "was lowered": English
    text = inflect_phrase(MOVES[key], tense_tag(verb))  # "raised" -> "rose"
    last = particles[0] if particles else verb
    found = verb.doc[verb.i : last.i + 1].text
    return Finding("collocation/measure-verb", verb, last, match_case(text, verb.text), MARGIN,
                   f"A {subject.lemma_} does not '{found}' in English: it "
                   f"{'goes down' if lemma in ('fall', 'drop', 'decrease', 'lower') else 'rises'}"
                   f" ('{text}').")


def _subject(verb: Token) -> Token | None:
    """The verb's active subject; or the noun a participle hangs on when the parser made the
    sentence a noun phrase ("Her blood sugar raised after the meal": no finite verb)."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.dep_ == "ROOT" and \
            verb.head.i < verb.i and not any(t.tag_ in FINITE_TAGS for t in verb.sent):
        return verb.head
    subject = subject_of(verb)
    return subject if subject is not None and subject.dep_ == "nsubj" else None


__all__ = ["MEASURES", "measure_finding"]
