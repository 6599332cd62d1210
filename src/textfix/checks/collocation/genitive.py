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
fracture of the hip") reads naturally with "of". The article is kept, dropped or made "a" by the
determiner counts of A in the n-gram table ("the blood sugar level", "heart disease", "an asthma
attack").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import QUANTIFIER_NOUNS, Finding, match_case

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

MIN_COMPOUND = 10  # "B A" seen side by side at least this often in clean text
MAX_OF_SHARE = 0.05  # "A of (the) B" at most this share of it
MARGIN = 4.0  # nominal: the counts already passed their own test
NOUN_TAGS = frozenset({"NN", "NNS"})


def _compound(b: Token, a: Token) -> bool:
    from ...lexicon.compounds import compound_table

    table = compound_table()
    b_word = b.lemma_.lower()
    for a_word in (a.lower_, a.lemma_.lower()):
        n, of = table.get((b_word, a_word), (0, 0))
        if n >= MIN_COMPOUND and of <= MAX_OF_SHARE * n:
            return True
    return False


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
    if any(c.lower_ != "the" for c in left) or obj.i - of.i > 1 + len(left):
        return None  # "of his blood", "of fresh blood", "of a child": not a plain genitive
    return of, obj


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


def _article(table: NgramTable, head: Token) -> str:
    """What replaces "the" before the compound: "a" for a head clean text counts ("an asthma
    attack": "a" twice as often as "the" and more than bare), nothing for a condition ("heart
    disease"), else "the" as written ("the blood sugar level")."""
    from .course import is_condition

    counts = {d: table.count("dn", head.lower_, d, "0") for d in ("the", "a", "0")}
    if counts["a"] >= 2 * counts["the"] and counts["a"] > counts["0"]:
        return "an " if head.lower_[:1] in "aeiou" else "a "
    return "" if is_condition(head, table) else "the "


def _inside_chain(token: Token) -> bool:
    """``token`` is itself the B of an "A of (the) B" the rule flags from A."""
    of = token.head
    return token.dep_ == "pobj" and of.lower_ == "of" and _judged(of.head) and \
        _of_object(of.head) is not None and _compound(token, of.head)


def _judged(noun: Token) -> bool:
    """A singular common noun with "the" or no article, not a quantifier ("a kind of"), and not
    a gerund: "washing of hands" names an action and its object, as English does beside "hand
    washing"; the calque is a noun of state or measure ("the level of sugar")."""
    return noun.tag_ == "NN" and noun.pos_ == "NOUN" and \
        noun.lemma_.lower() not in QUANTIFIER_NOUNS and not noun.lower_.endswith("ing") and \
        not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)


def genitive_chain(table: NgramTable, token: Token) -> Finding | None:
    if not _judged(token) or _inside_chain(token):
        return None
    found = _of_object(token)
    if found is None or not _compound(found[1], token):
        return None
    nouns = [token, found[1]]
    further = _of_object(found[1]) or _in_object(found[1])
    if further is not None and _compound(further[1], found[1]):
        nouns.append(further[1])
    det = token.nbor(-1) if token.i > 0 and token.nbor(-1).lower_ == "the" else None
    first = det if det is not None and det.head.i == token.i else token
    words = " ".join([n.lemma_.lower() for n in reversed(nouns[1:])] + [token.lower_])
    if first is not token:
        words = _article(table, token) + words
    found_text = token.doc[first.i : nouns[-1].i + 1].text
    return Finding("collocation/genitive", first, nouns[-1], match_case(words, first.text),
                   MARGIN, f"'{found_text}' follows the Russian genitive; health English "
                           f"says '{words}'.")


__all__ = ["genitive_chain"]
