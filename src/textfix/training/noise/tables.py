"""Word lists behind the parse-driven families: what Russian governs, collocates and calls
things. Keys are spaCy lemmas (lower case); values are what a word-for-word translation writes."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# (head lemma, fluent preposition) -> the preposition Russian government suggests
GOVERNMENT: dict[tuple[str, str], tuple[str, ...]] = {
    ("depend", "on"): ("from",), ("dependent", "on"): ("from",),
    ("interested", "in"): ("by",), ("interest", "in"): ("to",),
    ("marry", "to"): ("with", "on"), ("married", "to"): ("with", "on"),
    ("insist", "on"): ("at", "in"), ("suffer", "from"): ("of", "by"),
    ("consist", "of"): ("from",), ("complain", "of"): ("on",), ("complain", "about"): ("on",),
    ("recover", "from"): ("after",), ("treat", "for"): ("from",), ("treatment", "for"): ("from",),
    ("medicine", "for"): ("from",), ("drug", "for"): ("from",), ("cure", "for"): ("from",),
    ("remedy", "for"): ("from",), ("vaccine", "against"): ("from",),
    ("allergic", "to"): ("on",), ("allergy", "to"): ("on",), ("similar", "to"): ("on",),
    ("typical", "of"): ("for",), ("characteristic", "of"): ("for",), ("reason", "for"): ("of",),
    ("increase", "in"): ("of",), ("decrease", "in"): ("of",), ("rise", "in"): ("of",),
    ("change", "in"): ("of",), ("reduction", "in"): ("of",), ("drop", "in"): ("of",),
    ("test", "for"): ("on",), ("screen", "for"): ("on",), ("need", "for"): ("in",),
    ("react", "to"): ("on",), ("respond", "to"): ("on",), ("response", "to"): ("on",),
    ("reaction", "to"): ("on",), ("aim", "at"): ("on",), ("attention", "to"): ("on",),
    ("look", "at"): ("on",), ("hope", "for"): ("on",), ("prepare", "for"): ("to",),
    ("ready", "for"): ("to",), ("indication", "for"): ("to",), ("care", "about"): ("of",),
    ("worry", "about"): ("for",), ("admit", "to"): ("in",), ("help", "with"): ("in",),
    ("angry", "with"): ("on",), ("laugh", "at"): ("over",), ("research", "on"): ("of",),
    ("research", "into"): ("of",), ("effective", "against"): ("at",), ("resistant", "to"): ("for",),
}
# (preposition, object lemma) -> the preposition a literal translation of the phrase uses
OBJECT_GOVERNMENT: dict[tuple[str, str], tuple[str, ...]] = {
    ("at", "age"): ("in",), ("at", "dose"): ("in",), ("on", "examination"): ("at", "during"),
    ("on", "admission"): ("at",), ("at", "night"): ("in",), ("in", "morning"): ("at",),
    ("on", "weekend"): ("in",),
}

# (verb lemma, object lemma or "*") -> (verbs written instead, the object noun written instead)
COLLOCATIONS: dict[tuple[str, str], tuple[tuple[str, ...], str | None]] = {
    ("make", "diagnosis"): (("put",), None), ("make", "decision"): (("accept",), None),
    ("prescribe", "*"): (("write out", "appoint"), None),
    ("treat", "*"): (("carry out treatment of",), None),
    ("give", "treatment"): (("carry out", "conduct"), None),
    ("provide", "treatment"): (("carry out",), None), ("give", "therapy"): (("carry out",), None),
    ("receive", "treatment"): (("pass",), None), ("get", "treatment"): (("pass",), None),
    ("undergo", "treatment"): (("pass",), None), ("receive", "therapy"): (("pass",), None),
    ("do", "test"): (("hand over",), "analysis"), ("take", "test"): (("hand over",), "analysis"),
    ("have", "test"): (("hand over",), "analysis"), ("get", "test"): (("hand over",), "analysis"),
    ("undergo", "examination"): (("pass",), None), ("undergo", "screening"): (("pass",), None),
    ("have", "checkup"): (("pass",), None), ("get", "checkup"): (("pass",), None),
    ("have", "surgery"): (("transfer",), None), ("undergo", "surgery"): (("transfer",), None),
    ("perform", "surgery"): (("make", "conduct"), None),
    ("perform", "operation"): (("make",), None),
    ("take", "medicine"): (("drink", "accept"), None),
    ("take", "medication"): (("drink", "accept"), None),
    ("take", "drug"): (("accept",), None), ("take", "pill"): (("drink", "accept"), None),
    ("take", "tablet"): (("drink", "accept"), None), ("take", "antibiotic"): (("drink",), None),
    ("take", "vitamin"): (("drink", "accept"), None), ("take", "supplement"): (("accept",), None),
    ("take", "measure"): (("accept",), None), ("take", "step"): (("accept",), None),
    ("take", "precaution"): (("accept",), None), ("take", "bath"): (("accept",), None),
    ("take", "shower"): (("accept",), None), ("pay", "attention"): (("turn",), None),
    ("have", "effect"): (("render",), None), ("have", "impact"): (("render",), None),
    ("have", "influence"): (("render",), None), ("exert", "effect"): (("render",), None),
    ("see", "doctor"): (("turn to", "address to"), None),
    ("see", "physician"): (("turn to",), None), ("consult", "doctor"): (("address to",), None),
    ("visit", "doctor"): (("turn to",), None), ("see", "specialist"): (("turn to",), None),
    ("lose", "weight"): (("throw off", "drop"), None), ("quit", "smoking"): (("throw",), None),
    ("stop", "smoking"): (("throw",), None), ("follow", "diet"): (("observe", "keep"), None),
    ("follow", "recommendation"): (("observe",), None), ("follow", "advice"): (("observe",), None),
    ("relieve", "pain"): (("remove", "take off"), None), ("ease", "pain"): (("remove",), None),
    ("relieve", "symptom"): (("remove",), None), ("relieve", "itching"): (("remove",), None),
    ("do", "exercise"): (("make",), None),
}
# nouns the tagger sees as count nouns in a compound that reads as "N of N" in Russian
HEAD_IN_GENITIVE = {"test": ("analysis", "analyses")}
# noun lemma -> (singular, plural) of the calque
NOUN_CALQUES: dict[str, tuple[str, str]] = {
    "medication": ("preparation", "preparations"), "option": ("variant", "variants"),
    "lifestyle": ("way of life", "ways of life"), "condition": ("state", "states"),
    "remedy": ("means", "means"), "painkiller": ("anaesthetic", "anaesthetics"),
    "injection": ("prick", "pricks"), "checkup": ("inspection", "inspections"),
    "exercise": ("physical load", "physical loads"), "recovery": ("convalescence",
                                                                  "convalescences"),
}
# (adjective lemma, head noun lemma or "*") -> what is written for the adjective + noun;
# "{n}" stands for the noun as written
ADJECTIVE_CALQUES: dict[tuple[str, str], tuple[str, ...]] = {
    ("preventive", "*"): ("{n} of prevention", "prophylactic {n}"),
    ("preventative", "*"): ("{n} of prevention", "prophylactic {n}"),
    ("surgical", "treatment"): ("operative {n}",), ("surgical", "intervention"): ("operative {n}",),
    ("high", "pressure"): ("increased {n}", "raised {n}"), ("low", "pressure"): ("lowered {n}",),
    ("high", "level"): ("increased {n}",), ("low", "level"): ("lowered {n}",),
    ("severe", "disease"): ("heavy {n}",), ("severe", "illness"): ("heavy {n}",),
    ("severe", "case"): ("heavy {n}",), ("mild", "symptom"): ("light {n}",),
    ("mild", "case"): ("light {n}",), ("healthy", "lifestyle"): ("healthy way of life",
                                                               "healthy image of life"),
}
COMPOUND_CALQUES = {("drug", "treatment"): "medicamentous {n}", ("drug", "therapy"):
                    "medicamentous {n}"}

# uncountable and abstract nouns that take no article in a generic statement
MASS_NOUNS = _words("""
exercise smoking alcohol stress obesity sleep nutrition water salt sugar fat caffeine nicotine
tobacco inflammation treatment prevention health information research surgery therapy education
activity fatigue anxiety depression diabetes cancer hypertension insomnia blood oxygen calcium
iron protein fiber fibre cholesterol weight pain nausea dehydration malnutrition radiation
chemotherapy immunity infection medicine
""")

DISEASES = _words("""
disease illness condition disorder syndrome infection cancer tumor tumour asthma diabetes
pneumonia arthritis hepatitis flu influenza sickness allergy hypertension eczema psoriasis
""")
DISEASE_SUFFIXES = ("itis", "osis", "emia", "aemia", "oma", "pathy")
SYMPTOMS = _words("""
pain ache headache symptom sign rash swelling fever cough itching itch bleeding inflammation
nausea vomiting dizziness fatigue complication seizure spasm cramp discomfort numbness weakness
""")
# verbs of course (a disease's) and of occurrence (a symptom's), and their calques
COURSE_VERBS = {"progress": ("proceed", "flow"), "develop": ("proceed", "flow"),
                "advance": ("proceed",), "evolve": ("flow",), "resolve": ("pass",),
                "disappear": ("pass",), "run": ("proceed", "flow")}
OCCURRENCE_VERBS = {"occur": ("arise",), "appear": ("arise",), "happen": ("arise",),
                    "develop": ("arise",), "start": ("arise",), "begin": ("arise",)}
FORM_ADJECTIVES = {"severe": ("severe", "heavy"), "mild": ("mild", "light"),
                   "chronic": ("chronic",), "acute": ("acute", "sharp"), "moderate": ("moderate",)}

INTENSITY_ADVERBS = frozenset({"badly", "severely", "greatly", "much", "considerably",
                               "dramatically", "lot", "deal", "strongly"})
INTENSITY_CALQUES = ("strongly", "very much", "very strongly")
INTENSE_ADJECTIVES = frozenset({"severe", "intense", "bad", "terrible", "excruciating"})

# what "are shown ..." is followed by in place of "should VERB" / "are advised to VERB"
REST_NOUNS = {"rest": "rest", "sleep": "sleep", "walk": "walks", "swim": "swimming",
              "relax": "rest", "exercise": "physical exercises", "diet": "a diet"}
RECOMMEND_VERBS = frozenset({"recommend", "advise", "suggest", "encourage"})
