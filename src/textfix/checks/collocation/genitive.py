"""``collocation/genitive``: a chain of "of" genitives where English stacks the nouns, the way
Russian MT renders «уровень сахара крови» as "the level of sugar of the blood" and «болезнь
сердца» as "the disease of the heart".

The rule lists no phrases: for a noun A with "of (the) B" right after it, it looks up the mined
counts of clean health English (``lexicon/compounds.py``, ``data/compounds.tsv``) and flags only
when clean text writes "B A" side by side at least ``MIN_COMPOUND`` times and "A of (the) B" at
most ``MAX_OF_SHARE`` as often ("blood sugar" 304 : 0, "heart disease" 708 : 1; "risk of
infection" is common, so it is left alone). A third noun ("of the C") joins when "C B" passes the
same test: "the index of the mass of the body" -> "body mass index", and so does one after "in
(the)": "the level of sugar in the blood" -> "the blood sugar level". Only a singular A with
"the" or no article is judged: a plural head ("the bones of the hip") or an indefinite one ("a
fracture of the hip") reads naturally with "of". An adjective B brings with it moves along when
clean text writes the two as a unit ("the infection of the urinary tract" -> "urinary tract
infection"). The article is kept, dropped or made "a" by what clean text writes before the
compound itself ("muscle tone", "a heart attack"), else by the determiner counts of A in the
n-gram table ("the blood sugar level", "heart disease", "an asthma attack"). Written "A of the
B", with a generic B after "the", the chain is judged by how rare that very form is
(``MAX_OF_THE_SHARE``: "the loss of the hair" -> "hair loss", although "loss of hair" is
English). A person's things take the possessive (``person_genitive``: "the temperature of the
child" -> "the child's temperature").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lexicon.compounds import CompoundCounts, compound_table
from .base import QUANTIFIER_NOUNS, Finding, match_case
from .course import is_condition
from .people import CLINICIANS, PEOPLE

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

MIN_COMPOUND = 10  # "B A" seen side by side at least this often in clean text
MAX_OF_SHARE = 0.05  # "A of (the) B" at most this share of it
# "A of the B" as written: the calque's own form, with B generic after "the" ("the loss of the
# hair"), judged by how rare that form is beside "B A" ("loss of hair" alone is English).
MAX_OF_THE_SHARE = 0.1
MARGIN = 4.0  # nominal: the counts already passed their own test
NOUN_TAGS = frozenset({"NN", "NNS"})


def _counts(b: Token, a: Token) -> CompoundCounts | None:
    """The counts of "B A" if clean text writes it side by side often and the "of" form as
    written rarely, else None."""
    from ...models.ngrams import american_spelling

    table = compound_table()
    b_word = american_spelling(b.lemma_.lower())  # MedQuAD is American: "haemoglobin"
    with_the = any(c.dep_ == "det" and c.lower_ == "the" for c in b.children)
    for a_word in (a.lower_, a.lemma_.lower()):
        counts = table.get((b_word, american_spelling(a_word)))
        if not counts or counts.side < MIN_COMPOUND:
            continue
        if counts.of <= MAX_OF_SHARE * counts.side or \
                with_the and counts.of_the <= MAX_OF_THE_SHARE * counts.side:
            return counts
    return None


def _compound(b: Token, a: Token) -> bool:
    return _counts(b, a) is not None


def _of_object(noun: Token) -> tuple[Token, Token] | None:
    """("of", its bare or "the" noun object) right after ``noun``, or None."""
    if noun.i + 2 >= len(noun.doc) or noun.nbor().lower_ != "of" or noun.nbor().head.i != noun.i:
        return None
    of = noun.nbor()
    objects = [c for c in of.children if c.dep_ == "pobj"]
    if not objects or objects[0].tag_ not in NOUN_TAGS or objects[0].ent_type_:
        return None
    obj = objects[0]
    left = [c for c in obj.children if c.i < obj.i]
    modifiers = [c for c in left if c.lower_ != "the"]
    if obj.i - of.i > 1 + len(left) or len(modifiers) > 1 or \
            modifiers and _modifier(obj) is None:
        return None  # "of his blood", "of fresh blood", "of a child": not a plain genitive
    return of, obj


def _modifier(noun: Token) -> Token | None:
    """The one adjective right before ``noun`` that clean text writes with it as a unit
    ("urinary" in "of the urinary tract"): it moves with the noun into the compound. A noun
    there is left alone: "cancer of the bile duct" is counted as "cancer of (the) bile", so the
    counts cannot say that clean text prefers "bile duct cancer"."""
    before = noun.nbor(-1) if noun.i else None
    if before is None or before.dep_ != "amod" or before.head.i != noun.i:
        return None
    return before if _compound(before, noun) else None


def _in_object(noun: Token) -> tuple[Token, Token] | None:
    """("in", its bare or "the" noun object) right after ``noun``, wherever the parse hangs it:
    the third link of "the level of sugar in the blood" («уровень сахара в крови»)."""
    if noun.i + 2 >= len(noun.doc) or noun.nbor().lower_ != "in":
        return None
    prep = noun.nbor()
    nxt = prep.nbor()
    obj = prep.nbor(2) if nxt.lower_ == "the" and prep.i + 2 < len(noun.doc) else nxt
    if obj.tag_ not in NOUN_TAGS or obj.dep_ != "pobj" or obj.head.i != prep.i or \
            any(c.lower_ != "the" for c in obj.children):
        return None
    return prep, obj


MIN_ARTICLE_EVIDENCE = 3  # times clean text writes the compound alone with or without an article


def _article(table: NgramTable, head: Token, pair: CompoundCounts | None, words: str) -> str:
    """What replaces "the" before the compound ``words``: the article clean text writes before
    the compound itself when it has seen it alone often enough ("muscle tone", "a heart
    attack", for a two-noun compound); else by the head's own counts: "a" for a head clean text
    counts ("an asthma attack": "a" twice as often as "the" and more than bare), nothing for a
    condition ("heart disease"), else "the" as written ("the blood sugar level")."""
    if pair is not None and pair.the + pair.a + pair.bare >= MIN_ARTICLE_EVIDENCE:
        best = max(("", pair.bare), ("a", pair.a), ("the ", pair.the), key=lambda kv: kv[1])[0]
        if best == "a" and pair.the > 0:
            best = "the "  # the writer's "the", which clean text also writes: "The period of
            # incubation lasts" -> "The incubation period", not "An incubation period"
    else:
        counts = {d: table.count("dn", head.lower_, d, "0") for d in ("the", "a", "0")}
        indefinite = counts["a"] >= 2 * counts["the"] and counts["a"] > counts["0"]
        best = "a" if indefinite else "" if is_condition(head, table) else "the "
    if best == "a" and head.lemma_.lower() in PEOPLE | CLINICIANS:
        return "the "  # "the doctor of the family" is someone: "the family doctor"
    if best == "a":
        return "an " if words[:1] in "aeiou" else "a "
    return best


def _inside_chain(token: Token) -> bool:
    """``token`` is itself the B of an "A of (the) B" the rule flags from A."""
    of = token.head
    return token.dep_ == "pobj" and of.lower_ == "of" and _judged(of.head) and \
        _of_object(of.head) is not None and _compound(token, of.head)


def _judged(noun: Token) -> bool:
    """A common noun with "the" or no article, not a quantifier ("a kind of"), and not a gerund:
    "washing of hands" names an action and its object, as English does beside "hand washing";
    the calque is a noun of state or measure ("the level of sugar"). A plural reads naturally
    with "of" ("the bones of the hip") unless the chain goes on: to a person ("the valves of
    the heart of the patient") or, from inside another chain, to a third noun, both with "the"
    ("the treatment of the diseases of the kidneys"; "cancers of the nasal cavity" is English)."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() in QUANTIFIER_NOUNS or \
            noun.lower_.endswith("ing") or \
            any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
        return False
    return noun.tag_ == "NN" or noun.tag_ == "NNS" and (_plural_chain(noun) or
                                                        _never_of(noun))


def _never_of(noun: Token) -> bool:
    """"The disorders of the sleep": a plural with "the" before "of the" B where clean text
    writes "B A" and never "A of B" in any form (``sleep disorders`` 18 times, the "of" form
    never): the plural reads naturally with "of" only where English has that form."""
    found = _of_object(noun)
    if found is None or not any(c.lower_ == "the" for c in noun.children) or \
            not any(c.lower_ == "the" for c in found[1].children):
        return False
    counts = _counts(found[1], noun)
    return counts is not None and counts.of == 0 and counts.of_the == 0


def _plural_chain(noun: Token) -> bool:
    """A plural head whose "of (the) B" chain goes on (see ``_judged``)."""
    found = _of_object(noun)
    if found is None:
        return False
    if _owner(found[1], plural=True) is not None:
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN" \
        and all(any(c.lower_ == "the" for c in n.children) for n in (noun, found[1]))


# Heads whose "B A" counts are mostly a verb after a noun ("makes the heart work harder"), not
# a compound: the lexicon renders them ("the work of the heart" -> "heart function").
VERB_LIKE_HEADS = frozenset({"work"})


def genitive_chain(table: NgramTable, token: Token) -> Finding | None:
    if not _judged(token) or _inside_chain(token) or token.lemma_.lower() in VERB_LIKE_HEADS:
        return None
    found = _of_object(token)
    if found is None or not _compound(found[1], token) or _possessor(found[1]):
        return None  # "the health of the child": the child's, not "child health"
    nouns = [token, found[1]]
    further = _of_object(found[1]) or _in_object(found[1])
    if further is not None and _compound(further[1], found[1]):
        nouns.append(further[1])
    det = token.nbor(-1) if token.i > 0 and token.nbor(-1).lower_ == "the" else None
    first = det if det is not None and det.head.i == token.i else token
    parts = []
    for noun in reversed(nouns[1:]):
        modifier = _modifier(noun)
        parts += [modifier.lower_, noun.lemma_.lower()] if modifier else [noun.lemma_.lower()]
    words = " ".join([*parts, token.lower_])
    owner = _owner(nouns[-1], plural=True) if first is not token else None
    if owner is not None:  # "the pressure of the blood of the patient"
        words = f"the {owner.lower_}'s {words}"
        nouns.append(owner)
    elif first is not token:
        whole = len(parts) == 1  # the mined pair is the whole compound: its articles apply
        words = _article(table, token, _counts(found[1], token) if whole else None, words) + words
    found_text = token.doc[first.i : nouns[-1].i + 1].text
    return Finding("collocation/genitive", first, nouns[-1], match_case(words, first.text),
                   MARGIN, f"'{found_text}' follows the Russian genitive; health English "
                           f"says '{words}'.")


# People whose things English names with a possessive (``people.PEOPLE``): "the child's
# temperature" for "the temperature of the child" («температура ребёнка»).
# Heads that take "of" with a person in English ("the rest of the family", "the name of the
# patient" is a form's field, "the care of the patient" is care given to them).
NOT_POSSESSED = QUANTIFIER_NOUNS | frozenset({"rest", "name", "care", "treatment", "management",
                                             "examination", "role", "presence", "death",
                                             "birth", "consent", "side", "front", "back"})


def _owner(token: Token, plural: bool = False) -> Token | None:
    """The person of "of the PERSON" right after ``token``, with nothing after the person; a
    plural ``token`` only when asked (the last link of a chain: "the pain of the joints of the
    patient")."""
    tags = ("NN", "NNS") if plural else ("NN",)
    if token.tag_ not in tags or token.i + 3 >= len(token.doc) or token.nbor().lower_ != "of":
        return None
    the, person = token.doc[token.i + 2], token.doc[token.i + 3]
    if the.lower_ != "the" or person.tag_ != "NN" or person.lemma_.lower() not in PEOPLE or \
            person.head.i != token.i + 1 or any(c.i > person.i for c in person.children):
        return None  # "the temperature of the child with measles"
    after = person.nbor() if person.i + 1 < len(person.doc) else None
    if after is not None and (after.pos_ in ("ADP", "CCONJ", "NOUN", "PROPN") or
                              after.tag_ in ("WDT", "WP", "WP$", "POS")):
        return None  # "of the child with measles", "of the patient and his family": the
        # person's phrase goes on, wherever the parser hung it
    return person


def _possessor(noun: Token) -> bool:
    """A person with "the", the possessor of what comes before: "of the child"."""
    return noun.tag_ == "NN" and noun.lemma_.lower() in PEOPLE and \
        any(c.lower_ == "the" for c in noun.children)


def _bare_of(token: Token) -> Token | None:
    """B of "A of B" with B a bare singular noun ("state of health"), else None."""
    found = _of_object(token)
    if found is None or found[1].tag_ != "NN" or any(True for _ in found[1].lefts):
        return None
    return found[1]


def person_genitive(table: NgramTable, token: Token) -> Finding | None:
    """"the temperature of the child" -> "the child's temperature": a singular thing with "the"
    and nothing else before it, "of the" and a person with nothing after; a thing named by a
    phrase of its own keeps it ("the state of health of the child" -> "the child's state of
    health")."""
    person = _owner(token)  # most tokens stop here or at the next "of" test
    thing = token.lower_
    if person is None and token.tag_ == "NN" and (middle := _bare_of(token)) is not None:
        person = _owner(middle)
        thing = f"{token.lower_} of {middle.lower_}"
    if person is None or token.lemma_.lower() in NOT_POSSESSED or token.lower_.endswith("ing"):
        return None
    left = [c for c in token.children if c.i < token.i]
    if len(left) != 1 or left[0].lower_ != "the" or \
            left[0].i != token.i - 1 or _inside_chain(token):
        return None  # "a fever of the child"; "the blood" of "the pressure of the blood of
        # the patient": ``genitive_chain`` takes the whole
    first = left[0]
    text = match_case(f"the {person.lower_}'s {thing}", first.text)
    found_text = token.doc[first.i : person.i + 1].text
    return Finding("collocation/genitive", first, person, text, MARGIN,
                   f"'{found_text}' follows the Russian genitive; English says '{text}'.")


__all__ = ["genitive_chain", "person_genitive"]
