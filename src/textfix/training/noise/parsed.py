"""The parse-driven families: each reads the spaCy parse of the clean sentence and the word lists
in ``tables`` to find its eligible sites. Nothing here parses unless a family asks ``parsed.doc``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lexicon import inflect_verb
from .core import Parsed, Site, pick, span_site, token_site, with_case, word
from .tables import (
    ADJECTIVE_CALQUES,
    COLLOCATIONS,
    COMPOUND_CALQUES,
    COURSE_VERBS,
    DISEASE_SUFFIXES,
    DISEASES,
    FORM_ADJECTIVES,
    GOVERNMENT,
    HEAD_IN_GENITIVE,
    INTENSE_ADJECTIVES,
    INTENSITY_ADVERBS,
    INTENSITY_CALQUES,
    MASS_NOUNS,
    NOUN_CALQUES,
    OBJECT_GOVERNMENT,
    OCCURRENCE_VERBS,
    RECOMMEND_VERBS,
    REST_NOUNS,
    SYMPTOMS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

# where a noun phrase is an argument (a noun at ROOT is often a mis-tagged verb)
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj", "appos", "dative"})


def inflect(phrase: str, tag: str) -> str:
    """A verb phrase ("write out") with its first word inflected to a Penn tag."""
    verb, _, rest = phrase.partition(" ")
    verb = inflect_verb(verb, tag)
    return f"{verb} {rest}" if rest else verb


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _is_disease(tok: Token) -> bool:
    lemma = _lemma(tok)
    return tok.pos_ == "NOUN" and (lemma in DISEASES or lemma.endswith(DISEASE_SUFFIXES))


def _a_an(article: str, following: str) -> str:
    if article.lower() not in ("a", "an"):
        return article
    new = "an" if following[:1].lower() in "aeiou" else "a"
    return with_case(new, article)


def government_sites(parsed: Parsed) -> list[Site]:
    """Write the preposition Russian government asks for after a verb, adjective or noun:
    "depends on the dose" → "depends from the dose", "allergic to nuts" → "allergic on nuts",
    "at the age of 40" → "in the age of 40"."""
    sites = []
    for tok in parsed.doc:
        if tok.dep_ not in ("prep", "dative", "agent") or tok.pos_ != "ADP":
            continue
        prep = tok.lower_
        options = GOVERNMENT.get((_lemma(tok.head), prep)) or GOVERNMENT.get(
            (tok.head.lower_, prep))
        if options is None:
            objects = [c for c in tok.children if c.dep_ == "pobj"]
            options = OBJECT_GOVERNMENT.get((prep, _lemma(objects[0]))) if objects else None
        if options:
            sites.append(token_site(tok, lambda rng, o=options, t=tok.text: with_case(
                rng.choice(o), t)))
    return sites


def collocation_sites(parsed: Parsed) -> list[Site]:
    """Translate a verb–noun collocation word for word: "made the diagnosis" → "put the
    diagnosis", "prescribes antibiotics" → "writes out antibiotics", "take a blood test" →
    "hand over a blood analysis", "relieve pain" → "remove pain"."""
    sites = []
    for verb in parsed.doc:
        if verb.pos_ != "VERB":
            continue
        for noun in verb.children:
            if noun.dep_ not in ("dobj", "nsubjpass", "xcomp") or noun.pos_ not in (
                    "NOUN", "VERB"):
                continue
            key = next((k for k in ((_lemma(verb), _lemma(noun)), (_lemma(verb), noun.lower_),
                                    (_lemma(verb), "*")) if k in COLLOCATIONS), None)
            if key is None or (key[1] == "*" and noun.dep_ != "dobj"):
                continue
            verbs, new_noun = COLLOCATIONS[key]
            tag = verb.tag_
            if new_noun and noun.dep_ == "dobj" and 0 < noun.i - verb.i <= 4:
                plural = HEAD_IN_GENITIVE.get(new_noun.split()[0])
                written = new_noun if noun.tag_ != "NNS" else (plural[1] if plural else new_noun)
                middle = parsed.text[verb.idx + len(verb.text) : noun.idx]
                det = noun.doc[noun.i - 1] if noun.i - 1 > verb.i else None
                if det is not None and det.lower_ in ("a", "an") and noun.i - verb.i == 2:
                    middle = " " + _a_an(det.text, written) + " "
                sites.append(span_site(verb, noun, lambda rng, v=verbs, t=tag, m=middle, w=written:
                                       inflect(rng.choice(v), t) + m + w))
            else:
                sites.append(token_site(verb, lambda rng, v=verbs, t=tag: inflect(rng.choice(v),
                                                                                  t)))
            break
    return sites


def _genitive_chain(head: Token) -> list[Token]:
    """The noun compound ending in ``head`` ("blood sugar level"), left to right."""
    chain, i = [head], head.i - 1
    while i >= head.sent.start:
        tok = head.doc[i]
        if tok.dep_ != "compound" or tok.pos_ != "NOUN" or not tok.is_alpha or \
                not head.i >= tok.head.i > tok.i or word(tok) != word(tok).lower():
            break
        chain.insert(0, tok)
        i -= 1
    return chain


def genitive_chain_sites(parsed: Parsed) -> list[Site]:
    """Unfold a noun compound into a Russian genitive chain: "blood sugar level" → "the level
    of sugar of the blood", "blood test" → "analysis of blood"."""
    sites = []
    for head in parsed.doc:
        if head.pos_ != "NOUN" or head.dep_ not in _ARGUMENTS or not head.is_alpha or \
                head.text != head.text.lower() and head.i != head.sent.start:
            continue
        chain = _genitive_chain(head)
        if len(chain) < 2:
            continue
        bare = not any(c.dep_ in ("det", "poss", "amod", "nummod") for c in head.lefts)
        swap = HEAD_IN_GENITIVE.get(_lemma(head))
        head_word = (swap[head.tag_ == "NNS"] if swap else word(head))

        def write(rng, chain=chain, head_word=head_word, bare=bare) -> str:
            out = ("the " if bare and rng.random() < 0.5 else "") + head_word
            for tok in reversed(chain[:-1]):
                out += " of " + ("the " if rng.random() < 0.5 else "") + word(tok)
            return out

        first = chain[0]
        before = parsed.doc[first.i - 1] if first.i > first.sent.start else None
        if swap and before is not None and before.lower_ in ("a", "an"):
            sites.append(span_site(before, head, lambda rng, w=write, d=before.text, h=head_word:
                                   _a_an(d, h) + " " + w(rng)))
        else:
            sites.append(span_site(first, head, write))
    return sites


def noun_calque_sites(parsed: Parsed) -> list[Site]:
    """Name a thing the way a dictionary translates the Russian noun phrase: "treatment options"
    → "treatment variants", "preventive measures" → "measures of prevention", "a severe disease"
    → "a heavy disease", "drug treatment" → "medicamentous treatment"."""
    sites = []
    for tok in parsed.doc:
        lemma = _lemma(tok)
        if tok.pos_ == "NOUN" and lemma in NOUN_CALQUES and tok.text.islower():
            sites.append(token_site(tok, pick(NOUN_CALQUES[lemma][tok.tag_ == "NNS"])))
        if tok.dep_ not in ("amod", "compound") or tok.head.i != tok.i + 1:
            continue
        head = tok.head
        options = ADJECTIVE_CALQUES.get((lemma, _lemma(head))) or ADJECTIVE_CALQUES.get(
            (lemma, "*"))
        if tok.dep_ == "compound":
            options = (COMPOUND_CALQUES[(lemma, _lemma(head))],) if (
                lemma, _lemma(head)) in COMPOUND_CALQUES else None
        if options:
            written = word(head)
            sites.append(span_site(tok, head, lambda rng, o=options, n=written:
                                   rng.choice(o).format(n=n)))
    return sites


def generic_article_sites(parsed: Parsed) -> list[Site]:
    """Put "the" before a mass or abstract noun in a generic statement, where English has none:
    "Smoking harms the lungs" → "The smoking harms the lungs", "exercise helps" → "the
    exercise helps"."""
    sites = []
    for tok in parsed.doc:
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or _lemma(tok) not in MASS_NOUNS or \
                tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj"):
            continue
        if tok.sent.root.tag_ in ("VBD", "VBN") or any(
                c.dep_ in ("det", "poss", "predet", "nummod", "compound") for c in tok.lefts):
            continue
        first = tok.left_edge
        if first.dep_ not in ("amod", "compound") and first.i != tok.i:
            continue
        if first.i > 0 and tok.doc[first.i - 1].lower_ in ("the", "a", "an", "of", "'s"):
            continue
        written = word(first)
        sites.append(token_site(first, lambda rng, w=written: "the " + w))
    return sites


def intensity_sites(parsed: Parsed) -> list[Site]:
    """Calque Russian adverbs of intensity and put them before the verb: "hurts a lot" →
    "strongly hurts", "greatly reduces" → "very much reduces", "severe pain" → "strong pain"."""
    sites = []
    for tok in parsed.doc:
        if tok.pos_ == "ADJ" and _lemma(tok) in INTENSE_ADJECTIVES and tok.tag_ == "JJ" and \
                tok.dep_ == "amod" and _lemma(tok.head) in SYMPTOMS:
            sites.append(token_site(tok, pick("strong")))
            continue
        if tok.lower_ not in INTENSITY_ADVERBS or tok.dep_ not in ("advmod", "npadvmod") or \
                tok.head.pos_ != "VERB" or tok.lower_ == "strongly" and tok.i > tok.head.i:
            continue
        verb = tok.head
        first = tok
        if tok.lower_ in ("lot", "deal"):
            if tok.i < 1 or tok.doc[tok.i - 1].lower_ not in ("a", "great"):
                continue
            first = tok.doc[tok.i - 1 - (tok.lower_ == "deal")]
        if tok.i < verb.i and tok.lower_ != "strongly":
            sites.append(token_site(tok, pick(*INTENSITY_CALQUES)))
        elif tok.i > verb.i and first.i - verb.i <= 4 and not any(
                t.is_punct for t in verb.doc[verb.i : tok.i]):
            between = parsed.text[verb.idx : first.idx].rstrip()
            sites.append(span_site(verb, tok, lambda rng, b=between, v=verb: rng.choice(
                ("strongly", "very much", "very strongly")) + " " + (word(v) + b[len(v.text):])))
    return sites


def disease_course_sites(parsed: Parsed) -> list[Site]:
    """Say what a disease does with Russian verbs of course and occurrence, and its severity
    as a form: "the disease progresses slowly" → "the disease proceeds slowly", "pain occurs"
    → "pain arises", "severe asthma" → "asthma in a severe form"."""
    sites = []
    for tok in parsed.doc:
        if tok.pos_ == "VERB" and tok.tag_ != "VBN":
            subjects = [c for c in tok.children if c.dep_ == "nsubj"]
            subject = subjects[0] if subjects else None
            options = None
            if subject is not None and _is_disease(subject):
                options = COURSE_VERBS.get(_lemma(tok))
            elif subject is not None and _lemma(subject) in SYMPTOMS:
                options = OCCURRENCE_VERBS.get(_lemma(tok))
            if options:
                sites.append(token_site(tok, lambda rng, o=options, t=tok.tag_: inflect(
                    rng.choice(o), t)))
        elif tok.dep_ == "amod" and _lemma(tok) in FORM_ADJECTIVES and tok.head.i == tok.i + 1 \
                and _is_disease(tok.head) and tok.head.dep_ != "compound":
            options, written = FORM_ADJECTIVES[_lemma(tok)], word(tok.head)
            sites.append(span_site(tok, tok.head, lambda rng, o=options, n=written:
                                   f"{n} in {rng.choice(('a ', ''))}{rng.choice(o)} form"))
    return sites


def recommendation_sites(parsed: Parsed) -> list[Site]:
    """Give advice with Russian "is shown/is indicated": "rest is recommended" → "rest is
    indicated", "patients should rest" → "patients are shown rest", "you are advised to walk"
    → "you are shown walks"."""
    sites = []
    for tok in parsed.doc:
        lemma = _lemma(tok)
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        if lemma in RECOMMEND_VERBS and tok.tag_ == "VBN" and passive:
            goals = [c for c in tok.children if c.dep_ == "xcomp" and _lemma(c) in REST_NOUNS]
            if goals and goals[0].i == tok.i + 2 and tok.doc[tok.i + 1].lower_ == "to":
                sites.append(span_site(tok, goals[0], pick("shown " + REST_NOUNS[_lemma(
                    goals[0])])))
            else:
                sites.append(token_site(tok, pick("indicated", "shown")))
        elif tok.pos_ == "VERB" and lemma in REST_NOUNS and tok.tag_ == "VB" and tok.i > 0:
            modal = tok.doc[tok.i - 1]
            subjects = [c for c in tok.children if c.dep_ == "nsubj"]
            if modal.lower_ not in ("should", "must") or not subjects or \
                    subjects[0].lower_ in ("i", "it"):
                continue
            plural = subjects[0].tag_ in ("NNS", "NNPS") or subjects[0].lower_ in (
                "they", "we", "you")
            sites.append(span_site(modal, tok, pick(
                f"{'are' if plural else 'is'} shown {REST_NOUNS[lemma]}")))
    return sites
