"""``collocation/procedure-verb``: a medical procedure "made" or "carried out", the way Russian
says «сделать операцию / укол / прививку / анализ / УЗИ» ("the nurse made an injection", "you
need to make an ultrasound", "the surgeon made the operation").

English has the patient *have* a procedure and the health worker *perform* it (*give* an
injection or a vaccine). The n-gram counts cannot judge these pairs: clean health English
writes about procedures, not in the first person, so "have an ultrasound" or "give an
injection" is seen a handful of times at most, and the counts of "make" are about biology
("cells make protein"). So the rule works on a documented class of procedure nouns
(``PROCEDURES``) and the verbs Russian MT uses for «сделать» / «провести» (``CALQUE_VERBS``);
the suggestion depends on who the subject is (``HEALTH_WORKERS`` perform, anyone else has;
whoever gives it *to* someone gives it: "they did him an injection").

Three more Russian verbs of procedures follow the same classes: «наложить» ("imposed stitches"
-> "put in", "overlaid a bandage" -> "applied"), «сдать» ("hand over blood" -> "give", "hand
over the analyses" -> "have the tests") and «провести операцию» ("conducted the operation" ->
"performed"); ``_calque_pair`` says which verb is a calque with which class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Finding, match_case
from .course import subject_of
from .people import CLINICIANS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

# What is put on the body is applied, whoever does it («сделать / наложить компресс»).
APPLIED = frozenset({"compress", "bandage", "dressing", "splint", "tourniquet", "poultice"})
# Tests, scans, operations and shots: what a patient has and a health worker performs.
PROCEDURES = frozenset({
    "operation", "surgery", "analysis", "test", "injection", "shot", "vaccination",
    "inoculation", "ultrasound", "scan", "x-ray", "xray", "biopsy", "mammogram", "colonoscopy",
    "endoscopy", "gastroscopy", "ecg", "electrocardiogram", "cardiogram", "mri", "tomography",
    "examination", "check-up", "checkup", "puncture", "transfusion", "procedure", "smear",
    "ultrasonography", "fluorography", "bronchoscopy", "cystoscopy", "angiography", "massage",
    "abortion", "mammography", "dialysis", "amniocentesis", "appendectomy", "tonsillectomy",
    "caesarean", "cesarean", "circumcision", "colposcopy", "hysterectomy", "laparoscopy",
    "catheterisation", "catheterization", "cardiography", "electroencephalogram", "eeg",
}) | APPLIED
# What a health worker does to the patient with these: "give" rather than "perform".
GIVEN = frozenset({"injection", "shot", "vaccination", "inoculation", "transfusion", "massage"})
# Who performs a procedure: a clinician or a place or team of them.
HEALTH_WORKERS = CLINICIANS | frozenset({"team", "staff", "laboratory", "lab", "clinic",
                                        "hospital"})
# «сделать», «провести», «пройти»: "make" and "pass", and "carry out" and "put" («поставить
# укол») for what is given ("carry out an injection", "put an injection"); "do a test",
# "conduct a test", "carry out an operation", "put a bandage on" are English.
GIVEN_ONLY_VERBS = frozenset({"carry out", "put", "do"})  # "do a test" is English
# «наложить швы / повязку»: what is sewn in is put in, what is put on is applied ("imposed
# stitches" -> "put in stitches", "overlaid a bandage" -> "applied").
STITCHES = frozenset({"stitch", "seam", "suture"})
IMPOSING_VERBS = frozenset({"impose", "overlay", "superimpose"})
# «сдать кровь / анализ»: a sample handed over is given ("hand over blood" -> "give blood"); a
# test is had ("hand over a urine analysis" -> "have a urine test").
SAMPLES = frozenset({"blood", "urine", "stool", "saliva", "sputum", "sample", "semen"})
HANDING_VERBS = frozenset({"hand over", "hand in", "surrender"})
# «провести операцию»: "conduct" a test or a trial is English, an operation is performed
OPERATIONS = frozenset({"operation", "surgery"})
CALQUE_VERBS = frozenset({"make", "pass"}) | GIVEN_ONLY_VERBS | HANDING_VERBS  # «пройти»: "pass"
# «анализ» is a lab test: "make an analysis" -> "have a test" (singular, plural); «шов» a stitch
NOUN_CALQUES = {"analysis": ("test", "tests"), "seam": ("stitch", "stitches")}
MARGIN = 4.0  # nominal: a rule over lemmas and roles has no count ratio


def procedure_finding(table: NgramTable, obj: Token) -> Finding | None:
    """A procedure noun as the object of a calque verb: "have" it, or "perform"/"give" it."""
    lemma = obj.lemma_.lower()
    if obj.dep_ != "dobj" or not (is_procedure(obj) or lemma in SAMPLES or lemma in STITCHES):
        return None  # most tokens stop here
    from ...lexicon.templates import inflect_phrase
    from ...models.ngrams import verb_key

    verb = obj.head
    given_to = any(c.dep_ == "dative" for c in verb.children)
    if verb.pos_ != "VERB" or not _calque_pair(verb_key(verb), lemma) or \
            any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or \
            given_to and lemma not in GIVEN:
        return None  # "an incision was made", "made him a cast": another construction
    subject = subject_of(verb)
    worker = given_to or subject is not None and subject.lemma_.lower() in HEALTH_WORKERS
    if worker and verb_key(verb) == "take":
        return None  # "the nurse took the analysis": a sample taken, not a test had
    particle = [c for c in verb.children if c.dep_ == "prt"]
    last = particle[0] if particle and particle[0].i == verb.i + 1 else verb
    text = inflect_phrase(_english_verb(lemma, worker), verb.tag_)
    found = verb.doc[verb.i : last.i + 1].text
    english = f"{text} … {obj.text}"
    noun = _noun_calque(obj, last)
    if noun is not None:  # "make an analysis" -> "have a test": the noun goes too
        text, last = f"{text} {noun}", obj
        english = text
    return Finding("collocation/procedure-verb", verb, last, match_case(text, verb.text), MARGIN,
                   f"'{found} … {obj.text}' follows the Russian «сделать»; English says "
                   f"'{english}'.")


def _calque_pair(key: str, lemma: str) -> bool:
    """Is this verb (``verb_key``) a calque with this noun?"""
    if key in IMPOSING_VERBS:
        return lemma in APPLIED or lemma in STITCHES
    if key == "conduct":
        return lemma in OPERATIONS
    if key == "take":
        return lemma == "analysis"  # «сдать анализ»: "take an analysis"; "take a test" is English
    if lemma in SAMPLES:
        return key in HANDING_VERBS  # "pass urine", "take blood" are English
    if lemma in STITCHES:
        return False
    if key in GIVEN_ONLY_VERBS:
        return lemma in GIVEN
    return key in CALQUE_VERBS


def _english_verb(lemma: str, worker: bool) -> str:
    """What English does with the noun: a health worker gives or performs, anyone else has."""
    if lemma in SAMPLES:
        return "give"
    if lemma in STITCHES:
        return "put in"
    if lemma in APPLIED:
        return "apply"
    return ("give" if lemma in GIVEN else "perform") if worker else "have"


def is_procedure(obj: Token) -> bool:
    """A procedure noun, "X-ray" included."""
    return obj.lemma_.lower() in PROCEDURES or _x_ray(obj)


def procedure_object(objects: list[Token]) -> Token | None:
    """The one object of a verb, "X-ray" read as one word ("was done an X-ray": the tokenizer
    makes "X", "-" and "ray", all objects); None for none or several."""
    ray = next((o for o in objects if _x_ray(o)), None)
    if ray is not None:
        objects = [o for o in objects if o.i not in (ray.i - 2, ray.i - 1)]
    return objects[0] if len(objects) == 1 else None


def first_word(obj: Token) -> Token:
    """Where an object's words start: "X" of "X-ray", else its left edge."""
    return obj.doc[obj.i - 2].left_edge if _x_ray(obj) else obj.left_edge


def _x_ray(obj: Token) -> bool:
    """"X-ray", which the tokenizer splits into "X", "-", "ray"."""
    return obj.lower_ == "ray" and obj.i >= 2 and obj.nbor(-1).text == "-" and \
        obj.nbor(-2).lower_ == "x"


def _noun_calque(obj: Token, last: Token) -> str | None:
    """The English noun, with its article, for a calqued procedure noun right after the verb
    and its article ("an analysis" -> "a test"), or None."""
    forms = NOUN_CALQUES.get(obj.lemma_.lower())
    between = obj.doc[last.i + 1 : obj.i]
    if forms is None or len(between) > 1 or any(t.dep_ != "det" for t in between):
        return None
    noun = forms[1] if obj.tag_ == "NNS" else forms[0]
    article = between[0].lower_ if between else ""
    if article in ("a", "an"):
        article = "an" if noun[0] in "aeiou" else "a"
    return f"{article} {noun}".strip()


__all__ = ["GIVEN", "HEALTH_WORKERS", "PROCEDURES", "first_word", "is_procedure",
           "procedure_finding", "procedure_object"]
