"""``collocation/course``: verbs of occurrence and course that Russian uses for diseases and
symptoms and English does not ("the disease proceeds" «протекает», "nausea is noted"
«отмечается», "complications take place", "the temperature kept at 38 °C" «держалась», "the
infection passes into the lungs" «переходит», "the tremor intensifies" «усиливается», "measles is
transferred" «передаётся», "attacks are repeated" «повторяются»). "Passes into" is "spreads
to" a place, "turns into" another condition and "becomes" what a form or stage is ("passes into
a chronic form" -> "becomes chronic").

The rule is over lemmas and roles, not phrases: a verb of ``COURSE_VERBS`` whose subject (or
passive subject) is a condition noun (``CONDITION_NOUNS``, or a word with a disease suffix:
"-itis", "-osis", "-emia", "-algia", "-pathy", "-ache") and that has no direct object. The
suggestion is the English verb of that meaning, inflected like the verb found; for "proceed",
"occur" when a frequency or "without" says how often or in what form the disease shows, "last"
when a length of time follows, else "progress".

A condition acting on something, the same calque with an object, is ``course_acting.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Finding, match_case
from .people import CLINICIANS, PEOPLE

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

CONDITION_NOUNS = frozenset({
    "disease", "illness", "infection", "condition", "disorder", "syndrome", "attack", "pain",
    "ache", "headache", "migraine", "poisoning", "cough", "fever", "temperature", "tremor",
    "rash", "symptom", "complication", "inflammation", "allergy", "asthma", "flu", "influenza",
    "cold", "seizure", "bleeding", "swelling", "nausea", "vomiting", "diarrhoea", "diarrhea",
    "itching", "itch", "spasm", "cramp", "dizziness", "weakness", "fatigue", "ulcer", "tumour",
    "tumor", "cancer", "pneumonia", "sore", "discomfort", "heartburn", "colic",
    "stroke", "angina", "eczema", "psoriasis", "measles", "chickenpox", "gout", "jaundice",
    "anaemia", "anemia", "insomnia", "depression", "anxiety", "edema", "oedema",
    "pregnancy", "labour", "labor", "acne", "arrhythmia", "constipation", "convulsion",
    "diabetes", "epilepsy", "fracture", "hernia", "herpes", "hives", "hypertension", "injury",
    "lesion", "malaria", "obesity", "paralysis", "shock", "sprain", "wound", "toxicosis",
    "rubella", "mumps", "pertussis", "chills", "sweating", "palpitations", "bloating",
    "tinnitus", "numbness", "tingling", "stiffness", "hoarseness", "sneezing", "exacerbation",
    "relapse", "outbreak", "epidemic", "virus", "sepsis", "burn", "bruise", "hiccups",
    "dependence", "dependency", "addiction", "drowsiness", "irritation", "scar", "redness",
    "soreness", "bruising", "blister", "lump", "wart", "scab", "crust", "papilloma", "polyp",
    "cyst", "boil", "abscess", "corn", "callus",
})
DISEASE_SUFFIXES = ("itis", "osis", "emia", "aemia", "algia", "pathy", "ache")
# lemma -> the English verb of that meaning (None: chosen by ``_proceed_verb``)
COURSE_VERBS: dict[str, str | None] = {
    "proceed": None, "flow": None, "meet": "occur", "arise": "occur", "note": "occur",
    "register": "occur", "mark": "occur", "fix": "occur", "keep": "stay",
    "hold": "last", "intensify": "get worse", "strengthen": "get worse",
    "amplify": "get worse", "weaken": "ease", "pass": "go away",
    "sharpen": "flare up", "aggravate": "get worse", "renew": "return", "resume": "return",
    "give": "radiate", "continue": "last", "transfer": "spread", "repeat": "recur",
    "descend": "go down", "tighten": "heal", "debut": "start", "calm": "ease",
    "release": "ease", "dissolve": "go away",  # «отпустила», «рассосался»
}
# Phrasal verbs of course: «боль прошла» as "went off" (an alarm or a bomb goes off, not a pain).
PHRASAL_COURSE = {("go", "off"): "go away"}
# Verbs whose object in clean health English is a disease or symptom.
CONDITION_VERBS = ("treat", "diagnose", "cure", "relieve")
CONDITION_EVIDENCE = 5
# Verbs English also uses for other subjects ("blood flows", "problems arise", "muscles weaken",
# "pass away"): only a listed condition noun makes them a calque, not the counts.
LIST_ONLY = frozenset({"flow", "arise", "weaken", "pass", "hold", "keep", "strengthen",
                       "sharpen", "renew", "resume", "aggravate", "give", "continue", "transfer",
                       "repeat", "descend", "tighten", "debut", "calm", "release",
                       "dissolve"})
# "is noted": the active use is English
PASSIVE_ONLY = frozenset({"note", "register", "mark", "fix", "meet", "transfer"})
# Russian reflexives MT renders either way ("attacks repeat" / "are repeated" «повторяются»)
BOTH_VOICES = frozenset({"meet", "repeat", "tighten", "intensify", "amplify", "strengthen",
                         "keep", "hold"})  # «держалась неделю»: "was kept / held for a week",
# with a length of time only (``course_finding``)
FREQUENCY = frozenset({"often", "usually", "rarely", "frequently", "sometimes", "commonly",
                       "mostly", "seldom", "without"})
DURATION = frozenset({"longer", "hours", "days", "weeks", "months", "hour", "day", "week",
                      "month", "minutes", "years"})
MANNER = frozenset({"slowly", "quickly", "rapidly", "fast", "atypically", "mildly", "severely",
                    "hard", "easily", "differently", "chronically", "acutely"})
# "proceeds" may mean occurs, progresses or lasts: the reading is the editor's call
HOLD = "offered only: occurs, progresses or lasts is the editor's call"
MARGIN = 4.0  # nominal: a rule over lemmas and roles has no count ratio


def is_condition(noun: Token, table: NgramTable | None = None) -> bool:
    """A disease or symptom: listed, a disease suffix, or a noun clean health English treats,
    diagnoses, prevents, relieves or develops (``CONDITION_EVIDENCE`` times). Not a person:
    patients are treated and diagnosed too ("the patient is registered at an endocrinologist"
    is no case being registered)."""
    lemma = noun.lemma_.lower()
    if lemma in PEOPLE or lemma in CLINICIANS:
        return False
    if lemma in CONDITION_NOUNS or noun.lower_ in CONDITION_NOUNS or \
            lemma.endswith(DISEASE_SUFFIXES):  # "measles" lemmatised "measle"
        return True
    return table is not None and sum(
        table.count("vo", verb, lemma) for verb in CONDITION_VERBS) >= CONDITION_EVIDENCE


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, that of the verb it depends on ("need to make"), or the noun a
    relative clause describes ("a headache that disturbs you"); in a sentence the parser left
    without a verb, the root noun before it (``_root_subject``)."""
    if verb.pos_ == "NOUN":  # a misread verb (``_misread_verb``): its subject, the root noun
        # before it, or the compound before it
        return next((c for c in verb.children if c.dep_ == "nsubj"), None) or \
            _root_subject(verb) or verb.nbor(-1)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ in ("xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX"):
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects and subjects[0].tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        return verb.head  # "a headache that disturbs you": the noun the clause describes
    return subjects[0] if subjects else _root_subject(verb)


FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})


def _root_subject(verb: Token) -> Token | None:
    """The root noun of a sentence the parser left without a finite verb, when ``verb`` (a
    finite form it hung inside a phrase) follows it: "Pneumonia in the elderly proceeds hard"
    ("proceeds" read as the object of "in"), "The pain in the joints amplifies"."""
    root = verb.sent.root
    misread_past = verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.i == root.i  # "The
    # migraine released after an hour": a past tense read as a participle on the root noun
    if root.i >= verb.i or root.pos_ not in ("NOUN", "PROPN") or \
            verb.dep_ in ("relcl", "acl") and not misread_past:
        return None
    if any(t.tag_ in FINITE_TAGS and t.pos_ in ("VERB", "AUX") and t.i != verb.i
           for t in verb.sent):
        return None
    return root


def tense_tag(verb: Token) -> str:
    """The verb's tag for inflecting its replacement; a form equal to its lemma tagged past
    ("the symptoms often renew": VBD) is a present, and a participle with no auxiliary ("the
    pain quickly passed": VBN) a past tense."""
    if verb.tag_ == "NNS":  # a misread verb: "intensifies"
        return "VBZ"
    if verb.tag_ in ("VBD", "VBN") and verb.lower_ == verb.lemma_.lower():
        return "VBP"
    if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return "VBD"
    return verb.tag_


# How a disease "proceeds" («протекает тяжело / легко / атипично»): what it is in English
SEVERITY = {"heavily": "severe", "hard": "severe", "severely": "severe", "gravely": "severe",
            "easily": "mild", "lightly": "mild", "mildly": "mild", "atypically": "atypical",
            "typically": "typical", "chronically": "chronic", "acutely": "acute",
            "hidden": "hidden", "latently": "latent", "asymptomatically": "symptomless",
            "heavier": "more severe", "harder": "more severe", "easier": "milder",
            "lighter": "milder"}


def _severity(verb: Token) -> tuple[Token, str] | None:
    """The adverb (or participle) right after "proceeds"/"flows" that says how severe the
    disease is, and "be" + the adjective English uses ("flows more heavily" -> "is more
    severe", "proceeds hidden" -> "is hidden")."""
    if verb.lemma_.lower() not in ("proceed", "flow"):
        return None
    nxt = verb.nbor() if verb.i + 1 < len(verb.doc) else None
    form = _in_a_form(verb, nxt)
    if form is not None:
        return form
    more = nxt is not None and nxt.lower_ in ("more", "less") and verb.i + 2 < len(verb.doc)
    word = verb.nbor(2) if more else nxt
    if word is None or word.lower_ not in SEVERITY or word.head.i not in (verb.i, nxt.i):
        return None
    return word, "be " + (f"{nxt.lower_} " if more else "") + SEVERITY[word.lower_]


def _in_a_form(verb: Token, nxt: Token | None) -> tuple[Token, str] | None:
    """"proceeds in a mild form" («протекает в лёгкой форме") -> "is mild": the form's
    adjective is what the disease is."""
    if nxt is None or nxt.lower_ != "in" or nxt.head.i != verb.i:
        return None
    form = next((c for c in nxt.children if c.dep_ == "pobj"), None)
    quality = [c for c in form.children if c.dep_ == "amod"] if form is not None else []
    if form is None or form.lemma_.lower() not in ("form", "course") or len(quality) != 1 or \
            any(c.lower_ == "of" for c in form.rights):
        return None  # "in the form of a rash": another construction
    return form, f"be {quality[0].lower_}"


def _proceed_verb(verb: Token) -> str:
    """"last" before a length of time, "progress" with a manner adverb ("proceeds slowly"),
    "occur" with a frequency or "without", else "progress"."""
    words = {t.lower_ for t in verb.subtree}
    if DURATION & words:
        return "last"
    modifiers = {c.lower_ for c in verb.children if c.dep_ in ("advmod", "prep")}
    if modifiers & MANNER:
        return "progress"
    return "occur" if modifiers & FREQUENCY else "progress"


def _misread_verb(word: Token) -> str | None:
    """The course verb of a sentence's root the tagger read as a plural noun, its subject as a
    compound before it ("The tremor intensifies at night": "tremor intensifies" as one noun);
    None for anything else. The compound must then be a condition. Every course verb makes its
    third person with a regular "-s", so the form is undone by rule: ``lemminflect``'s lemma
    table takes about 0.4 s to load."""
    if word.tag_ != "NNS":
        return None
    subject = any(c.dep_ == "compound" and c.i == word.i - 1 or c.dep_ == "nsubj"
                  for c in word.children)  # "Chickenpox in adults proceeds heavier"
    if not (word.dep_ == "ROOT" and subject or word.dep_ != "ROOT" and _root_subject(word)):
        return None  # "The pain in the joints amplifies": the verb hung inside the subject
    w = word.lower_
    stems = (w[:-3] + "y", w[:-2], w[:-1]) if w.endswith("ies") else (w[:-2], w[:-1])
    return next((s for s in stems if s in COURSE_VERBS or s == "take"), None)


def course_finding(table: NgramTable, verb: Token) -> Finding | None:
    lemma = verb.lemma_.lower() if verb.pos_ == "VERB" else _misread_verb(verb)
    nxt = verb.nbor() if verb.i + 1 < len(verb.doc) else None
    phrasal = PHRASAL_COURSE.get((lemma, nxt.lower_)) if lemma and nxt is not None else None
    if phrasal is not None:
        return _phrasal_finding(verb, nxt, phrasal)
    if lemma is None or lemma not in COURSE_VERBS and lemma != "take":
        return None
    from ...lexicon.templates import inflect_phrase

    place = lemma == "take" and any(c.lower_ == "place" and c.dep_ == "dobj"
                                    for c in verb.children)
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") and not place for c in verb.children):
        return None  # "take place" is the one object a course verb may have
    if lemma not in COURSE_VERBS and not place:
        return None
    calm_down = lemma == "calm" and nxt is not None and nxt.lower_ == "down"  # «утихает»
    if any(c.dep_ == "prt" for c in verb.children) and not calm_down:
        return None  # "passed down", "passes on": another verb
    subject = subject_of(verb)
    passive = (subject is not None and subject.dep_ == "nsubjpass") or \
        any(c.dep_ == "auxpass" for c in verb.children)
    particle = nxt is not None and not calm_down and (nxt.lower_ in ("away", "out", "down") or
                                    nxt.lower_ == "on" and nxt.dep_ == "prt")  # "passes on
    # the virus", not "passes on the third day"
    if subject is None or not is_condition(subject, None if lemma in LIST_ONLY else table) or \
            particle or \
            (passive != (lemma in PASSIVE_ONLY) and lemma not in BOTH_VOICES):
        return None  # "meet" both ways: "meets in 3%", "is met in 3%"
    preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "dative")}  # "gives to the
    # ear": the parser reads "to" as a dative
    if (lemma == "pass" and "from" in preps) or ("without" in preps and any(
            t.lemma_.lower() in ("symptom", "sign", "manifestation") for t in verb.subtree)):
        return None  # "pass from person to person": a route, which English says so; "proceeds
        # without symptoms": the lexicon's "causes no symptoms" (calques.yaml)
    if lemma == "pass" and preps & {"into", "to"}:
        new = _passes_into(verb, table)
    elif lemma in ("keep", "hold") and passive and not DURATION & {t.lower_ for t in
                                                                    verb.subtree}:
        return None  # "the temperature was kept at 37 °C" is a procedure
    elif lemma == "keep" and not preps & {"at", "for", "up"}:
        return None  # "the pain kept him awake" has an object; only "kept at 38 °C" is a course
    elif (lemma == "give" and not preps & {"to", "into"}) or \
            (lemma == "continue" and not DURATION & {t.lower_ for t in verb.subtree}):
        return None  # «боль отдаёт в руку»: "gives to/into" a place; «длится»: a length of time
    else:
        new = "occur" if place else (COURSE_VERBS[lemma] or _proceed_verb(verb))
        if lemma == "keep" and DURATION & {t.lower_ for t in verb.subtree}:
            new = "last"  # "the cough keeps for weeks" («держится»)
    span = _replaced_span(verb, new, passive, place)
    if span is None:
        return None
    first, last, tag, new, severity = span
    last = nxt if calm_down else last
    text = inflect_phrase(new, tag)
    return Finding("collocation/course", first, last, match_case(text, first.text), MARGIN,
                   f"'{verb.doc[first.i : last.i + 1].text}' for the course of a "
                   f"{subject.lemma_} follows the Russian; English says '{text}'.",
                   hold=HOLD if lemma in ("proceed", "flow") and severity is None else None)


def _phrasal_finding(verb: Token, particle: Token, new: str) -> Finding | None:
    """"The pain went off by the evening" -> "went away": a listed condition as the subject."""
    from ...lexicon.templates import inflect_phrase

    subject = subject_of(verb)
    if subject is None or particle.dep_ != "prt" or not is_condition(subject, None) or \
            any(c.dep_ in ("dobj", "auxpass") for c in verb.children):
        return None
    text = inflect_phrase(new, verb.tag_)
    found = f"{verb.text} {particle.text}"
    return Finding("collocation/course", verb, particle, match_case(text, verb.text), MARGIN,
                   f"'{found}' for the course of a {subject.lemma_} follows the Russian; "
                   f"English says '{text}'.")


STAGE_NOUNS = frozenset({"form", "stage", "phase"})


def _passes_into(verb: Token, table: NgramTable | None) -> str:
    """What "passes into" something is («переходит в»): "spread" to a place, "turn" into
    another condition ("the cold passed into bronchitis"), "become" what the form or stage is
    ("passes into a chronic form" -> "becomes chronic")."""
    prep = verb.nbor() if verb.i + 1 < len(verb.doc) else None
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None and \
        prep.lower_ == "into" else None
    if obj is None:
        return "spread"
    quality = [c for c in obj.children if c.dep_ == "amod" and c.i < obj.i]
    if obj.lemma_.lower() in STAGE_NOUNS and len(quality) == 1 and \
            obj.right_edge.i == obj.i:
        return f"become {quality[0].lower_}"
    return "turn" if is_condition(obj, table) else "spread"


def _replaced_span(verb: Token, new: str, passive: bool, place: bool
                   ) -> tuple[Token, Token, str, str, tuple[Token, str] | None] | None:
    """The words the English verb replaces (an auxiliary, "place", "into", an adverb of
    severity go too), the tag to inflect it to, the English words, and the severity reading."""
    first, last, tag = verb, verb, tense_tag(verb)
    if passive:  # "is noted" -> "occurs": the auxiliary goes too
        aux = [c for c in verb.children if c.dep_ == "auxpass"]
        if not aux or aux[0].i != verb.i - 1:
            return None
        first, tag = aux[0], aux[0].tag_
    if place:
        last = next(c for c in verb.children if c.lower_ == "place")
        if last.i != verb.i + 1:
            return None
    if new == "spread" and verb.i + 1 < len(verb.doc) and verb.nbor().lower_ == "into":
        last, new = verb.nbor(), "spread to"  # "passes into the lungs" -> "spreads to the lungs"
    elif new == "turn" and verb.i + 1 < len(verb.doc) and verb.nbor().lower_ == "into":
        last, new = verb.nbor(), "turn into"  # "the cold passed into bronchitis"
    elif new.startswith("become "):  # "passes into a chronic form" -> "becomes chronic"
        last = next(c for c in verb.nbor().children if c.dep_ == "pobj")
    severity = _severity(verb)
    if severity is not None:  # "proceeds atypically" -> "is atypical": no reading to choose
        last, new = severity
    return first, last, tag, new, severity


__all__ = ["CONDITION_NOUNS", "COURSE_VERBS", "FINITE_TAGS", "course_finding", "is_condition",
           "subject_of", "tense_tag"]
