"""``collocation/passive-shown``: "is shown" for a recommendation, from Russian «показан»
("the patient is shown rest", "hospitalisation is shown if...", "insulin is shown to all
patients"). In English "is shown" means "is displayed" or, with "to" + verb, "is proved".

A rule over lemmas and roles: a passive "show" (auxiliary right before it) with no agent ("by"),
no clause or infinitive after it ("shown to reduce", "shown that"), and nothing in the sentence
that is displayed (``DISPLAY_WORDS``: "as shown in Figure 2"). The suggestion depends on who or
what is the subject: a person needs the thing ("the patient needs rest"), a treatment is
recommended, for the people named after "to" ("is recommended for all patients").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Finding, match_case

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

DISPLAY_WORDS = frozenset({
    "figure", "fig", "table", "panel", "chart", "image", "picture", "photo", "video", "film",
    "diagram", "graph", "map", "box", "appendix", "screen", "below", "above", "here", "left",
    "right", "arrow", "inset", "supplementary", "television", "tv", "online", "website",
    "study", "studies", "trial", "research", "evidence", "data", "experiment", "analysis",
})
PERSONS = frozenset({"patient", "child", "woman", "man", "person", "people", "adult", "baby",
                     "infant", "mother", "girl", "boy", "athlete", "smoker", "he", "she",
                     "they", "newborn", "teenager", "elderly"})
HOLD = "offered only: needs, is recommended or is indicated is the editor's call"
MARGIN = 4.0  # nominal: a rule over lemmas and roles has no count ratio


def passive_shown(table: NgramTable, verb: Token) -> Finding | None:
    if verb.lower_ != "shown" or verb.i == 0:
        return None
    from ...lexicon.templates import inflect_verb

    aux = verb.nbor(-1)
    negation = aux if aux.dep_ == "neg" and aux.i > 0 else None
    if negation is not None:  # "are not shown for a cold" -> "are not recommended"
        aux = aux.nbor(-1)
    if aux.dep_ != "auxpass" or aux.head.i != verb.i or aux.lemma_ != "be":
        return None
    if any(c.dep_ in ("agent", "xcomp", "ccomp", "advcl", "oprd") and c.i > verb.i and
           c.dep_ != "advcl" for c in verb.children):
        return None  # "shown by the scan", "shown to reduce", "shown that"
    nxt = verb.nbor() if verb.i + 1 < len(verb.doc) else None
    if nxt is None or nxt.lower_ in ("that", "how", "what", "as", "on", "by", "here"):
        return None
    if any(t.lower_ in DISPLAY_WORDS for t in verb.sent):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None:
        return None
    be = f"{aux.text} {negation.text}" if negation is not None else aux.text
    if subject.lemma_.lower() in PERSONS and negation is None:
        new = inflect_verb("need", aux.tag_) if aux.tag_ in ("VBZ", "VBD") else "need"
        last = verb
    elif nxt.lower_ == "to" and verb.nbor(2).pos_ in ("DET", "ADJ", "NOUN", "PRON", "NUM"):
        new, last = f"{be} recommended for", nxt
    else:
        new, last = f"{be} recommended", verb
    return Finding("collocation/passive-shown", aux, last, match_case(new, aux.text), MARGIN,
                   "«Показан» is a recommendation: English 'is shown' means 'is displayed' or "
                   "'is proved'.", hold=HOLD)


__all__ = ["DISPLAY_WORDS", "passive_shown"]
