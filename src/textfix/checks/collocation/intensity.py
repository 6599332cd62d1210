"""``collocation/intensity-calque``: an adverb of degree put before a finite verb the way Russian
puts «очень», «сильно», «слабо» ("very helps", "strongly coughs", "weakly raises").

The counts of verb + intensity adverb (``va`` in ``models/ngrams``) are too sparse to judge most
verbs (65 pairs reach the minimum count), so this rule works on the part of speech and lets the
counts veto:

- "very" or "much" right before a finite verb (VB, VBZ, VBP, VBD) is never English: always
  flagged ("much helps", "very much worries").
- "strongly", "weakly" and "very strongly" right before a finite verb are flagged unless the
  verb is one English pairs with them (``DEGREE_VERBS``: stance and association verbs,
  "strongly recommend", "weakly binds") or clean health English has the pair at all.

After a finite verb with no object, "strongly", "weakly" and "much" are the same calque ("bleeds
strongly", "smokes much"): flagged where the verb's kind or the counts name the adverb English
uses there; "much" is left in negations and questions ("it does not help much").

The confusion set of the suggestion is {a lot, badly, heavily, greatly, sharply, widely,
seriously, a little, slightly, poorly}: after the verb when it has no object ("coughs badly",
"helps a little"), after its particle ("falls out a lot"), before it when it has one ("seriously
harms the liver", "slightly raises blood pressure"), and "a lot of" on a bare object ("lost a
lot of weight"); the verb's kind (``STRONG_AFTER``, ``STRONG_BEFORE``, ``WEAK_AFTER``) or, where
clean text has the verb with an intensity adverb often enough, the counts choose. A verb the
tagger read as a noun or an adjective is still judged when it is the root of a sentence with no
other finite verb ("my back very hurts", "her legs strongly swell"), and a past tense it read as
a participle when it has a subject and no auxiliary ("the arm weakly hurt").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Finding, match_case
from .governed import verb_tagged_noun

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

FINITE = frozenset({"VB", "VBZ", "VBP", "VBD"})
CALQUES = {"very": "strong", "much": "strong", "strongly": "strong", "weakly": "weak",
           "highly": "strong"}  # «сильно поднялась»: "highly rose"
ALWAYS = frozenset({"very", "much"})  # never before a finite verb in English
# Verbs English does pair with "strongly"/"weakly": stance, advice, association, binding.
DEGREE_VERBS = frozenset({
    "recommend", "advise", "urge", "encourage", "suggest", "believe", "feel", "support",
    "oppose", "agree", "disagree", "object", "argue", "deny", "condemn", "prefer", "favour",
    "favor", "emphasise", "emphasize", "suspect", "associate", "correlate", "link", "relate",
    "predict", "indicate", "influence", "depend", "bind", "react", "interact", "express",
    "resemble", "smell", "taste", "contribute", "resist", "hold", "doubt", "discourage",
    "consider", "impact", "attract", "absorb", "inhibit", "stimulate", "activate", "induce",
    "correspond", "contrast", "affect",
    # ... and with "highly": esteem ("highly appreciate", "highly rate")
    "appreciate", "value", "praise", "rate", "regard", "respect", "esteem", "commend",
    "prize", "rank", "score",
})
NEGATIONS = frozenset({"not", "n't", "never", "no", "hardly", "nobody", "nothing"})
MARGIN = 4.0  # nominal: a part-of-speech rule has no count ratio


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children)


# The adverb English puts on a verb of a given kind, for a strong degree (the confusion set of
# the suggestion): bodily symptoms go "badly" ("coughs badly", "peels badly"), bleeding and
# sweating "heavily", measures of difference and change "greatly" ("differ greatly"),
# spreading "widely"; harm done to an object is "seriously" ("seriously harms the liver").
# Counts of verb + adverb in clean text (``va``) win when the table has the verb.
STRONG_AFTER: dict[str, str] = {
    **dict.fromkeys(("hurt", "ache", "cough", "itch", "peel", "swell", "burn", "sting", "throb",
                     "wheeze", "limp", "tremble", "shake", "water"), "badly"),
    **dict.fromkeys(("bleed", "sweat", "smoke", "drink", "snore"), "heavily"),
    **dict.fromkeys(("differ", "vary", "change", "improve", "worsen", "fluctuate", "suffer"),
                    "greatly"),
    # a quantity that moves: "rises sharply", "fell sharply" («резко», «сильно упал»)
    **dict.fromkeys(("rise", "fall", "drop", "increase", "decrease", "decline", "climb", "jump",
                     "plunge", "soar"), "sharply"),
    **dict.fromkeys(("spread",), "widely"),
}
# Functions of the body done weakly («плохо ест», «слабо видит») are done "poorly"; any other
# weak degree is "a little" after the verb, "slightly" before an object.
WEAK_AFTER = frozenset({"eat", "sleep", "see", "hear", "heal", "grow", "gain", "develop",
                        "work", "act", "function", "respond", "digest", "absorb", "breathe",
                        # abilities: "the leg weakly moves" is "moves poorly", not "a little"
                        "move", "walk", "swallow", "chew", "speak", "talk", "recover",
                        "remember", "concentrate"})
STRONG_BEFORE: dict[str, str] = dict.fromkeys(
    ("harm", "damage", "injure", "impair", "weaken", "undermine", "threaten"), "seriously")
COUNTED = ("a lot", "badly", "greatly", "severely", "significantly", "considerably", "heavily",
           "widely")
MIN_COUNTED = 5  # a pair seen less often says little ("differ significantly": 2)


def _counted(table: NgramTable, lemma: str, has_object: bool) -> str | None:
    """The adverb clean text uses most with this verb, if it has one often enough."""
    options = [a for a in COUNTED if not (has_object and a in ("a lot", "badly"))]
    best = max(options, key=lambda a: table.count("va", lemma, a))
    return best if table.count("va", lemma, best) >= MIN_COUNTED else None


# Verbs of liking and wanting take "really" where Russian has «очень» ("very love" -> "really
# love"): a degree adverb after them ("love greatly") is no English.
FEELING_VERBS = frozenset({"love", "like", "want", "enjoy", "hate", "hope", "fear", "miss",
                           "wish", "prefer", "dislike", "appreciate"})
# ... and so do verbs that stir a feeling in someone, with that someone as the object ("the smell
# very irritates her" -> "really irritates her", never "greatly irritates"; "she very worries",
# with no object, "worries a lot")
STIRRING_VERBS = frozenset({"irritate", "annoy", "bother", "disturb", "frighten", "scare",
                            "upset", "trouble", "torment", "torture", "worry"})


def _mass_object(verb: Token) -> Token | None:
    """The verb's object when it is a bare singular noun ("lost weight", "drinks water"): the
    strong degree goes on it ("lost a lot of weight")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if len(objects) != 1 or objects[0].tag_ != "NN" or objects[0].i != verb.i + 1 or \
            any(c.i < objects[0].i for c in objects[0].children):
        return None
    return objects[0]


def _suggestion(table: NgramTable, strength: str, verb: Token) -> tuple[str, bool]:
    """(words, before the verb?); "a lot of" goes after the verb, before its bare object."""
    lemma, has_object = verb.lemma_.lower(), _has_object(verb)
    if strength == "strong" and (lemma in FEELING_VERBS or
                                 lemma in STIRRING_VERBS and has_object):
        return "really", True
    if strength != "strong":
        if lemma in WEAK_AFTER and not has_object:
            return "poorly", False
        return ("slightly", True) if has_object else ("a little", False)
    if _mass_object(verb) is not None:
        return "a lot of", False
    if _particle(verb) is not None and not has_object:
        return "a lot", False  # "falls out a lot": a phrasal verb is not its verb's kind
    counted = _counted(table, lemma, has_object)
    if has_object:
        return counted or STRONG_BEFORE.get(lemma, "greatly"), True
    return counted or STRONG_AFTER.get(lemma, "a lot"), False


MIN_VERB_USES = 20  # clean text uses the word as a verb at least this often


def _finite_verb(table: NgramTable, word: Token) -> bool:
    """A finite verb, also where the tagger took it for a plural noun: with a subject ("The
    skin differs"), or as the root of a sentence with no other finite verb when clean text
    uses the word as a verb ("my lower back very hurts", "the child coughs strongly", "her legs
    strongly swell": "swell" tagged JJ)."""
    if word.tag_ in FINITE and word.pos_ == "VERB" or verb_tagged_noun(word):
        return True
    subject = any(c.dep_ == "nsubj" for c in word.children)
    if word.tag_ == "VBN" and subject and not any(c.dep_ in ("aux", "auxpass")
                                                  for c in word.children):
        return True  # "the arm weakly hurt": a past tense the tagger read as a participle
    return (word.tag_ == "NNS" or word.tag_ in ("NN", "NNP", "JJ") and subject) and \
        word.dep_ == "ROOT" and \
        any(_known_verb(table, lemma) for lemma in _verb_lemmas(word)) and \
        not any(t.tag_ in FINITE and t.pos_ in ("VERB", "AUX") for t in word.sent)


def _verb_lemmas(word: Token) -> tuple[str, ...]:
    """The word's lemma, and for a past tense the tagger read as an adjective ("the pain a
    little decreased": "decreased" JJ, its own lemma) the stems it may come from."""
    lemma = word.lemma_.lower()
    if word.tag_ == "JJ" and lemma.endswith("ed"):
        return lemma, lemma[:-1], lemma[:-2]
    return (lemma,)


def _known_verb(table: NgramTable, lemma: str) -> bool:
    """Clean text uses the word as a verb, or a verb kind above lists it ("tremble": 13 uses)."""
    return table.count("v", lemma) >= MIN_VERB_USES or lemma in STRONG_AFTER or \
        lemma in WEAK_AFTER


def _has_subject(token: Token, verb: Token) -> bool:
    """The finite verb has a subject, or a noun stands right before the adverb (a compound
    subject the parser hung on the adverb: "Ginger tea weakly helps")."""
    return verb.dep_ == "conj" or any(c.dep_ == "nsubj" for c in verb.children) or (
        token.i > 0 and token.nbor(-1).pos_ in ("NOUN", "PROPN", "PRON")
        and token.nbor(-1).head.i in (token.i, verb.i)) or (
        verb.pos_ == "NOUN" and verb.dep_ == "ROOT")  # a misread verb: no parse to read


def intensity_calque(table: NgramTable, token: Token) -> Finding | None:
    adverb = token.lower_
    if adverb not in CALQUES or token.i + 1 >= len(token.doc):
        return None
    first = token
    if adverb in ("strongly", "much") and token.i > 0 and token.nbor(-1).lower_ == "very":
        first = token.nbor(-1)  # "very strongly differ", "very much helps"
    misparsed = (adverb.endswith("ly") or adverb in ALWAYS) and (
        token.tag_ == "RB" and token.dep_ == "nsubj" or
        token.tag_ == "JJ" and token.dep_ == "amod")  # "She much smokes": "much" on "smokes"
    if token.dep_ != "advmod" and not misparsed:
        return None  # "much remains unknown": a subject; "Herbal tea weakly helps",
        # "the child weakly eats" (an adjective on a plural noun): misparsed
    verb = token.nbor()
    on_subject = token.head.i == token.i - 1 and token.head.pos_ in ("NOUN", "PROPN")
    if not _finite_verb(table, verb) or token.head.i != verb.i and not on_subject or \
            not _has_subject(token, verb):
        return None  # a finite verb has its subject ("provide strongly suggestive evidence");
        # "The patient very worries": the tagger took the verb for a plural noun; "This cream
        # weakly helps": the parser hung the adverb on the subject before it
    lemma = verb.lemma_.lower()
    if adverb not in ALWAYS and (lemma in DEGREE_VERBS or table.count("va", lemma, adverb) > 0):
        return None
    words, before = _suggestion(table, CALQUES[adverb], verb)
    last = _particle(verb) or verb  # "falls out a lot": after the particle
    moved = verb.doc[verb.i : last.i + 1].text
    text = f"{words} {moved}" if before else f"{moved} {words}"
    found = token.doc[first.i : last.i + 1].text.lower()
    message = f"'{found}' follows the Russian; English says '{text}'."
    return Finding("collocation/intensity-calque", first, last, match_case(text, first.text),
                   MARGIN, message)


def _particle(verb: Token) -> Token | None:
    """The particle right after a phrasal verb ("falls out"), which the adverb follows."""
    nxt = verb.nbor() if verb.i + 1 < len(verb.doc) else None
    return nxt if nxt is not None and nxt.dep_ == "prt" and nxt.head.i == verb.i else None


def intensity_after(table: NgramTable, token: Token) -> Finding | None:
    """The same calque after a verb with no object ("bleeds strongly", "smokes much"): the
    degree adverb English puts there replaces it, for a verb whose kind or counts name one.
    "much" after a verb is English only in negations and questions ("it does not help much")
    or after a degree word ("so much")."""
    adverb = token.lower_
    if adverb not in CALQUES or adverb == "very" or token.dep_ != "advmod" or token.i == 0:
        return None
    verb, head = token.nbor(-1), token.head
    on_verb = head.i == verb.i or (head.dep_ == "prep" and head.head.i == verb.i)  # "hurts
    # strongly after walks": the parser may hang the adverb on the preposition after it
    if not _finite_verb(table, verb) or not on_verb or _has_object(verb) or \
            not _has_subject(verb, verb):
        return None
    lemma = verb.lemma_.lower()
    if adverb == "much":
        before = verb.doc[verb.sent.start : verb.i]
        if any(t.lower_ in NEGATIONS for t in before) or verb.sent[-1].text == "?":
            return None
    elif lemma in DEGREE_VERBS or table.count("va", lemma, adverb) > 0 or (
            lemma not in STRONG_AFTER and _counted(table, lemma, False) is None):
        return None  # "acts strongly on the liver": no verb kind, no counts, no better adverb
    words, _ = _suggestion(table, CALQUES[adverb], verb)
    text = f"{verb.text} {words}"
    message = f"'{verb.lower_} {adverb}' follows the Russian; English says '{text}'."
    return Finding("collocation/intensity-calque", verb, token, text, MARGIN, message)


# Adjectives English does grade with "strongly": association, evidence, chemistry, attitude.
STRONGLY_ADJECTIVES = frozenset({
    "associated", "correlated", "linked", "related", "dependent", "positive", "negative",
    "suggestive", "predictive", "reactive", "acidic", "alkaline", "basic", "polar", "opposed",
    "worded", "held", "motivated", "bound", "conserved", "influenced", "recommended",
    "supportive", "critical", "favourable", "favorable", "consistent", "inconsistent",
    "significant", "different", "similar", "active", "expressed", "selective", "protective",
})


def intensity_adjective(table: NgramTable, token: Token) -> Finding | None:
    """«Сильно» before a plain adjective ("the skin is strongly dry", "he is strongly ill"):
    English grades such adjectives with "very"; adjectives of association and evidence
    ("strongly associated", "strongly positive") and participles keep "strongly"."""
    if token.lower_ != "strongly" or token.i + 1 >= len(token.doc):
        return None
    adjective = token.nbor()
    if adjective.tag_ != "JJ" or token.head.i != adjective.i or \
            adjective.dep_ not in ("acomp", "amod", "attr", "ROOT") or \
            adjective.lower_ in STRONGLY_ADJECTIVES or \
            adjective.lower_.endswith(("ive", "ic")):
        return None  # "strongly positive", "strongly acidic", "strongly diuretic"
    text = f"very {adjective.text}"
    return Finding("collocation/intensity-calque", token, adjective,
                   match_case(text, token.text), MARGIN,
                   f"'strongly {adjective.lower_}' follows the Russian «сильно»; English says "
                   f"'{text}'.")


# Participles of how well something works or is done: done badly is done "poorly" ("poorly
# tolerated", «плохо переносится»); "badly damaged" is a degree and stays.
HOW_WELL = frozenset({"tolerate", "absorb", "digest", "control", "understand", "study",
                      "differentiate", "perfuse", "ventilate", "nourish", "supply", "treat",
                      "manage", "document", "characterise", "characterize", "define"})


def badly_participle(table: NgramTable, token: Token) -> Finding | None:
    """"The drug is badly tolerated" -> "poorly tolerated"."""
    if token.lower_ != "badly" or token.i + 1 >= len(token.doc):
        return None
    participle = token.nbor()
    if participle.tag_ != "VBN" or token.head.i != participle.i or \
            participle.lemma_.lower() not in HOW_WELL:
        return None
    text = f"poorly {participle.text}"
    return Finding("collocation/intensity-calque", token, participle,
                   match_case(text, token.text), MARGIN,
                   f"'badly {participle.lower_}' follows the Russian «плохо»; English says "
                   f"'{text}'.")


def little_before(table: NgramTable, token: Token) -> Finding | None:
    """«Немного уменьшилась»: "the pain a little decreased" -> "decreased a little"."""
    if token.lower_ not in ("little", "bit") or token.i < 1 or token.i + 1 >= len(token.doc) or \
            token.nbor(-1).lower_ != "a":
        return None
    verb = token.nbor()
    if not _finite_verb(table, verb):
        return None
    article = token.nbor(-1)
    text = f"{verb.text} a {token.text}"
    return Finding("collocation/adverb-order", article, verb, match_case(text, article.text),
                   MARGIN, f"English puts 'a {token.text}' after the verb: '{text}'.")


__all__ = ["CALQUES", "DEGREE_VERBS", "STRONG_AFTER", "badly_participle", "intensity_adjective",
           "intensity_after", "intensity_calque", "little_before"]
