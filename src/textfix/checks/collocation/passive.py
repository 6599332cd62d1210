"""``collocation/passive-shown``: "is shown" for a recommendation, from Russian «показан»
("the patient is shown rest", "hospitalisation is shown if...", "insulin is shown to all
patients"). In English "is shown" means "is displayed" or, with "to" + verb, "is proved".

A rule over lemmas and roles: a passive "show" (auxiliary right before it) with no agent ("by"),
no clause or infinitive after it ("shown to reduce", "shown that"), and nothing in the sentence
that is displayed (``DISPLAY_WORDS``: "as shown in Figure 2"). The suggestion depends on who or
what is the subject: a person needs the thing ("the patient needs rest"), a treatment is
recommended, for the people named after "to" ("is recommended for all patients").

``collocation/passive-prescribed`` is the same Russian construction with a person as the subject
and the thing prescribed kept as an object («больным показаны / назначают / запрещён»): "patients
are shown compression stockings", "women over 50 are indicated a mammogram", "patients with an
ulcer are prohibited coffee", "all pregnant women are assigned an ultrasound". English says what
the person should do with the thing: "should wear compression stockings", "should have a
mammogram" (the verb the counts of clean text pair with the object, among the things a patient
does: ``PATIENT_VERBS``), "should avoid coffee", "are given an ultrasound".

``collocation/passive-procedure`` is «больному провели операцию» word for word: a person as the
passive subject of carrying out a procedure, the procedure kept as an object ("the patient was
carried out an operation", "the child was made a vaccination": "made" only with a procedure of
``procedure.PROCEDURES``, since "he was made a partner" is English). English says the person had
it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Finding, match_case
from .people import PEOPLE
from .procedure import first_word, is_procedure, procedure_object

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

DISPLAY_WORDS = frozenset({
    "figure", "fig", "table", "panel", "chart", "image", "picture", "photo", "video", "film",
    "diagram", "graph", "map", "box", "appendix", "screen", "below", "above", "here", "left",
    "right", "arrow", "inset", "supplementary", "television", "tv", "online", "website",
    "study", "studies", "trial", "research", "evidence", "data", "experiment", "analysis",
})
PERSONS = PEOPLE | frozenset({"people", "he", "she", "they", "elderly"})
HOLD = "offered only: needs, should or is recommended is the editor's call"
MARGIN = 4.0  # nominal: a rule over lemmas and roles has no count ratio


# lemma of the passive verb -> what the person does instead (None: the counts choose)
PRESCRIBING: dict[str, str | None] = {
    "show": None, "indicate": None, "recommend": None,
    "prohibit": "avoid", "forbid": "avoid", "contraindicate": "avoid",
    "assign": "given", "appoint": "given",
}
# What a patient does with a prescribed thing, for the counts to choose from: "have a test",
# "wear stockings", "follow a diet", "take antibiotics", "get a vaccine", "eat", "drink".
PATIENT_VERBS = ("have", "wear", "follow", "take", "get", "eat", "drink")
MIN_PATIENT_VERB = 3  # a pair seen less often does not choose ("take rest" 2, "get rest" 2)


def _aux_before(verb: Token) -> tuple[Token, Token | None] | None:
    """The passive auxiliary right before ``verb`` and the negation between them, if any."""
    if verb.i < 1:
        return None
    aux = verb.nbor(-1)
    negation = aux if aux.dep_ == "neg" and aux.i > 0 else None
    if negation is not None:
        aux = aux.nbor(-1)
    if aux.dep_ != "auxpass" or aux.head.i != verb.i or aux.lemma_ != "be":
        return None
    return aux, negation


def _patient_verb(table: NgramTable, obj: Token, shown: bool) -> str | None:
    """The verb clean text pairs most with the object among ``PATIENT_VERBS``; else "have", or
    None for an activity ("swimming") and after "shown", where ``passive_shown``'s "need"
    fits any object ("the patient needs rest")."""
    lemma = obj.lemma_.lower()
    counts = {v: table.count("vo", v, lemma) for v in PATIENT_VERBS}
    best = max(PATIENT_VERBS, key=lambda v: counts[v])
    if counts[best] >= MIN_PATIENT_VERB:
        return best
    return None if shown or lemma.endswith("ing") else "have"


AMOUNTS = frozenset({"plenty", "lot", "lots", "amount", "deal", "course", "dose"})


def _thing(obj: Token) -> Token:
    """The thing prescribed: the noun after "of" when the object is an amount ("plenty of
    rest", "a course of antibiotics")."""
    if obj.lemma_.lower() in AMOUNTS:
        for prep in obj.children:
            if prep.lower_ == "of":
                return next((c for c in prep.children if c.dep_ == "pobj"), obj)
    return obj


# «Пациентам рекомендуется пить»: a person "is recommended to" do something
INFINITIVE_ADVICE = frozenset({"recommend", "prescribe"})
INFINITIVE_HOLD = ("offered only: the person may be the one the advice is about, not the one "
                   "who acts («детям не рекомендуется давать аспирин»)")


def _advised_to(verb: Token, aux: Token, negation: Token | None) -> Finding | None:
    """"Patients are recommended to drink more" -> "Patients should drink more"."""
    to = verb.nbor() if verb.i + 2 < len(verb.doc) else None
    action = to.nbor() if to is not None else None
    if to is None or to.lower_ != "to" or action.pos_ != "VERB" or action.head.i != verb.i:
        return None
    text = "should not" if negation is not None else "should"
    found = verb.doc[aux.i : to.i + 1].text
    return Finding("collocation/passive-prescribed", aux, to, match_case(text, aux.text), MARGIN,
                   f"'{found}' keeps the Russian impersonal «рекомендуется»; English says "
                   f"'{text} {action.text}'.", hold=INFINITIVE_HOLD)


# «Препарат рекомендуется принимать после еды»: the thing advised is the passive subject and
# the verb that acts on it is left a bare infinitive ("the drug is recommended to take after
# meals"); English makes that verb passive ("should be taken"). The modal by the advice verb.
THING_ADVICE = {"recommend": "should", "indicate": "should", "show": "should",
                "advise": "should", "prescribe": "should", "allow": "can", "permit": "can",
                "prohibit": "must not", "forbid": "must not", "contraindicate": "must not"}
# What is done to a medicine, a food or a dressing: verbs that need the object the subject is.
ACTING_ON = frozenset({"take", "use", "apply", "give", "drink", "eat", "store", "keep", "inject",
                       "rinse", "wash", "chew", "swallow", "dissolve", "combine", "mix", "crush",
                       "change", "remove", "wear", "put", "insert", "administer", "dilute",
                       "shake", "heat", "cook", "boil"})


def passive_object_infinitive(table: NgramTable, verb: Token) -> Finding | None:
    """"The drug is recommended to take after meals" -> "should be taken"."""
    lemma = verb.lemma_.lower()
    if lemma not in THING_ADVICE or verb.tag_ != "VBN" or verb.i + 2 >= len(verb.doc):
        return None  # most tokens stop here
    found = _aux_before(verb)
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    to, action = verb.nbor(), verb.nbor(2)
    if found is None or subject is None or subject.pos_ not in ("NOUN", "PROPN") or \
            subject.lemma_.lower() in PERSONS or to.lower_ != "to" or action.tag_ != "VB" or \
            action.lemma_.lower() not in ACTING_ON or action.head.i != verb.i or \
            any(c.dep_ in ("dobj", "ccomp", "xcomp", "prt") for c in action.children):
        return None  # "is recommended to be lowered", "to take it", a person advised
    from ...lexicon.templates import inflect_verb

    aux, negation = found
    modal = THING_ADVICE[lemma]
    if negation is not None:  # "is not allowed to give" -> "must not be given"
        modal = "should not" if modal == "should" else "must not"
    text = f"{modal} be {inflect_verb(action.lemma_.lower(), 'VBN')}"
    found_text = verb.doc[aux.i : action.i + 1].text
    return Finding("collocation/passive-prescribed", aux, action, match_case(text, aux.text),
                   MARGIN, f"'{found_text}' keeps the Russian impersonal «рекомендуется "
                           f"принимать»; English says '{text}'.", hold=HOLD)


def passive_prescribed(table: NgramTable, verb: Token) -> Finding | None:
    lemma = verb.lemma_.lower()
    if (lemma not in PRESCRIBING and lemma not in INFINITIVE_ADVICE) or verb.tag_ != "VBN":
        return None  # most tokens stop here
    found = _aux_before(verb)
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if found is None or subject is None or subject.lemma_.lower() not in PERSONS:
        return None  # "the results are shown"
    advised = _advised_to(verb, *found) if lemma in INFINITIVE_ADVICE else None
    if advised is not None or lemma not in PRESCRIBING:
        return advised  # "were prescribed antibiotics" is English: only "prescribed to take"
    objects = [c for c in verb.children if c.dep_ in ("dobj", "oprd") and c.pos_ == "NOUN"]
    if len(objects) != 1 or objects[0].left_edge.i != verb.i + 1:
        return None  # "patients are shown how to inject"
    if lemma == "show" and any(t.lower_ in DISPLAY_WORDS for t in verb.sent):
        return None  # "patients are shown a video": displayed
    aux, negation = found
    new = PRESCRIBING[lemma] or _patient_verb(table, _thing(objects[0]), lemma == "show")
    if new is None or (negation is not None and new in ("avoid", "given")):
        return None
    if new == "given":
        text = f"{aux.text} given"
    else:
        text = f"should not {new}" if negation is not None else f"should {new}"
    found_text = verb.doc[aux.i : verb.i + 1].text
    return Finding("collocation/passive-prescribed", aux, verb, match_case(text, aux.text),
                   MARGIN, f"'{found_text} {objects[0].text}' keeps the Russian passive of "
                           f"prescribing; English says '{text} {objects[0].text}'.", hold=HOLD)


# «Больному провели операцию»: the verbs of carrying out a procedure, which English does not
# use in the passive with the procedure kept as an object ("was carried out an operation");
# "make" only with a procedure noun ("he was made a partner" is English).
PROCEDURE_VERBS = frozenset({"carry out", "perform", "conduct", "do", "make"})
FINITE_BE = frozenset({"VBD", "VBZ", "VBP", "VB"})  # "was", "is", "are", "(will) be"


def passive_procedure(table: NgramTable, verb: Token) -> Finding | None:
    """"The patient was carried out an operation" -> "The patient had an operation": a person
    as the passive subject and the procedure left as an object."""
    if verb.tag_ != "VBN":
        return None  # most tokens stop here
    from ...models.ngrams import verb_key

    key = verb_key(verb)
    found = _aux_before(verb) if key in PROCEDURE_VERBS else None
    if found is None or found[1] is not None or found[0].tag_ not in FINITE_BE:
        return None  # a negation needs "did not have": left to the editor
    aux = found[0]
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    particle = next((c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1), None)
    last = particle or verb
    obj = procedure_object([c for c in verb.children
                            if c.dep_ in ("dobj", "oprd") and c.pos_ == "NOUN"])
    if subject is None or subject.lemma_.lower() not in PERSONS or obj is None or \
            first_word(obj).i != last.i + 1:
        return None
    if key == "make" and not is_procedure(obj):
        return None  # "he was made a partner": English; "was made an injection" is not
    from ...lexicon.templates import inflect_verb

    text = inflect_verb("have", aux.tag_)
    found_text = verb.doc[aux.i : last.i + 1].text
    return Finding("collocation/passive-procedure", aux, last, match_case(text, aux.text), MARGIN,
                   f"'{found_text} {obj.text}' keeps the Russian impersonal «провели»; "
                   f"English says the person '{text}' it.")


def passive_shown(table: NgramTable, verb: Token) -> Finding | None:
    if verb.lower_ not in ("shown", "indicated") or verb.i == 0:
        return None
    if verb.lower_ == "indicated" and not _to_someone(verb):
        return None  # "surgery is indicated when ...": English; "is indicated to all patients"
    from ...lexicon.templates import inflect_verb

    found = _aux_before(verb)  # "are not shown for a cold" -> "are not recommended"
    if found is None:
        return None
    aux, negation = found
    if any(c.dep_ in ("agent", "xcomp", "ccomp", "oprd") and c.i > verb.i
           for c in verb.children):
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
    elif _to_someone(verb):
        new, last = f"{be} recommended for", nxt
    else:
        new, last = f"{be} recommended", verb
    return Finding("collocation/passive-shown", aux, last, match_case(new, aux.text), MARGIN,
                   f"«Показан» is a recommendation: English '{verb.lower_}' there means "
                   "'displayed', 'proved' or 'called for by a finding'.", hold=HOLD)


def _to_someone(verb: Token) -> bool:
    """"to" and a noun phrase right after the participle: the person advised («показан
    больным»), not an infinitive ("shown to reduce")."""
    return verb.i + 2 < len(verb.doc) and verb.nbor().lower_ == "to" and \
        verb.nbor(2).pos_ in ("DET", "ADJ", "NOUN", "PRON", "NUM")


__all__ = ["DISPLAY_WORDS", "passive_object_infinitive", "passive_prescribed",
           "passive_procedure", "passive_shown"]
