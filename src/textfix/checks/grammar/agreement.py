"""Subject-verb agreement from spaCy's parse, for what harper's pattern rules miss.

harper catches "he have" but not "the pathologies of the heart is": the subject's head noun is
several words from the verb. spaCy's dependency parse links them directly, so a plural noun
subject (NNS) of a present/past singular verb form, or the reverse, is a likely MT agreement error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .match import GrammarMatch

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

RULE = "parser/subject-verb-agreement"
SINGULAR_VERBS = {"is": "are", "was": "were", "has": "have", "does": "do"}
PLURAL_VERBS = {v: k for k, v in SINGULAR_VERBS.items()}
# Singular nouns that take plural verbs ("the majority of patients are"), or words that look
# plural but are singular ("diabetes is") are not agreement errors.
QUANTITY_NOUNS = frozenset(
    {
        "majority", "number", "percentage", "proportion", "half", "rest", "lot", "part", "third",
        "quarter", "group", "couple", "variety", "range", "series", "total", "remainder", "most",
        "all", "some", "none", "family", "staff", "team", "set", "kind", "type", "sort", "pair",
        "percent", "%", "fifth", "tenth", "genitalia", "anyone", "everyone", "data", "media",
        "fraction", "share", "minority",
    }
)


# Singular nouns ending in -s ("rabies is"), and plurals without one ("lice are").
SINGULAR_IN_S = frozenset({"rabies", "diabetes", "measles", "mumps", "herpes", "scabies",
                           "news", "series", "species", "lupus", "shingles", "rickets"})
SINGULAR_ENDINGS = ("sis", "itis", "us", "ics", "ss")
IRREGULAR_PLURALS = frozenset({"lice", "mice", "feet", "teeth", "children", "people", "men",
                               "women", "geese", "data", "bacteria", "criteria", "phenomena"})


def _number(noun: Token) -> str | None:
    text = noun.lower_
    if text in SINGULAR_IN_S or text.endswith(SINGULAR_ENDINGS) or text in IRREGULAR_PLURALS:
        return None  # the tagger's number is unreliable here: leave it to the grammar engine
    if any(child.dep_ == "nummod" for child in noun.children):
        return None  # "ten minutes at a time is fine": an amount is often singular
    if any(c.isupper() for c in noun.text[1:]):
        return None  # "mRNAs", "CoVs": the tagger guesses the number of an acronym
    if any(c.dep_ in ("compound", "amod") and c.i < noun.i and c.lower_.endswith("ing")
           for c in noun.children):
        return None  # "washing hands with soap is": a gerund and its object, read as a noun
    if noun.tag_ == "NNS" and noun.lemma_.lower() != text:
        return "plural"
    if noun.tag_ == "NN" and text not in QUANTITY_NOUNS | {"average"}:
        return "singular"
    return None


def _is_compound_subject(noun: Token) -> bool:
    """"fever, aches and fatigue are": the parse may hang the list anywhere in the phrase, also
    on a noun inside it ("the impact of the pandemic and its mortality rate are")."""
    phrase = noun.doc[noun.left_edge.i : noun.i]
    return any(child.dep_ in ("conj", "cc") for child in noun.children) or noun.dep_ == "conj" \
        or any(t.lower_ in ("and", "or", ",") for t in phrase) \
        or any(t.dep_ == "cc" and t.head.pos_ in ("NOUN", "PROPN", "ADJ") for t in noun.subtree)


def _clause_between(subject: Token, verb: Token) -> bool:
    """A comma between subject and verb: an inserted clause, where the parse often takes a noun
    of the clause for the subject ("how it interacts with ... pangolins has to be")."""
    return any(t.text in (",", ";", ":") for t in subject.doc[subject.i + 1 : verb.i])


def agreement_errors(doc: Doc) -> Iterator[GrammarMatch]:
    """Verbs (be/have/do) whose number disagrees with their noun subject's."""
    for verb in doc:
        form = verb.lower_
        if form not in SINGULAR_VERBS and form not in PLURAL_VERBS:
            continue
        if verb.tag_ not in ("VBZ", "VBP", "VBD"):  # "can have", "help your child have"
            continue
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if verb.dep_ in ("aux", "auxpass") and not subjects:
            subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if len(subjects) != 1 or _is_compound_subject(subjects[0]):
            continue
        subject = subjects[0]
        if subject.i > verb.i or _clause_between(subject, verb):
            continue  # questions and inversions are the grammar engine's; see _clause_between
        number = _number(subject)
        if number == "plural" and form in SINGULAR_VERBS:
            fix = SINGULAR_VERBS[form]
        elif number == "singular" and form in PLURAL_VERBS and form != "were":
            fix = PLURAL_VERBS[form]  # "were" after a singular can be a subjunctive
        else:
            continue
        yield GrammarMatch(
            start=verb.idx,
            end=verb.idx + len(verb.text),
            rule=RULE,
            kind="grammar",
            message=f"The subject “{subject.text}” is {number}: use “{fix}”.",
            replacements=[fix if verb.text.islower() else fix.capitalize()],
            detail="SubjectVerbAgreement",
        )
