"""``collocation/course`` with "become": the Russian reflexive of a disease's course rendered as
"became" + a participle («обострилась», «усилилась», «ослабла»): "her asthma became aggravated",
"the pain has become intensified". English says the condition got worse (or eased).

A rule over lemmas and roles: a form of "become" right before the participle of a course verb of
``course.COURSE_VERBS`` meaning "get worse" or "ease" (the parser hangs either on the other),
with a condition as its subject (``course.is_condition``). Both words are replaced by "get
worse" / "ease", inflected like "become"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Finding, match_case
from .course import COURSE_VERBS, is_condition

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

MARGIN = 4.0  # nominal: a rule over lemmas and roles
MEANINGS = ("get worse", "ease")


BECOME = frozenset({"become", "becomes", "became", "becoming"})


def became_finding(table: NgramTable, participle: Token) -> Finding | None:
    """On the participle: "became aggravated" -> "got worse"."""
    if participle.tag_ != "VBN" or participle.i == 0 or participle.nbor(-1).lower_ not in BECOME:
        return None  # most tokens stop here
    meaning = COURSE_VERBS.get(participle.lemma_.lower())
    verb = participle.nbor(-1)
    if meaning not in MEANINGS or verb.i not in (participle.head.i, *(
            c.i for c in participle.children)):
        return None  # "became chronic", "became infected": English
    subject = next((c for c in [*participle.children, *verb.children]
                    if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or not is_condition(subject, table):
        return None
    from ...lexicon.templates import inflect_phrase

    text = inflect_phrase(meaning, verb.tag_)
    return Finding("collocation/course", verb, participle, match_case(text, verb.text), MARGIN,
                   f"'{verb.text} {participle.text}' is the Russian reflexive of a disease's "
                   f"course; English says it '{text}'.")


__all__ = ["became_finding"]
