"""Governed prepositions: the preposition an English head word requires, for heads the MedQuAD
counts know too little about ("insist", "married", "addiction").

Russian MT keeps the Russian government of a word ("зависит от" -> "depends from", "настаивать
на" -> "insist at", "женат на" -> "married with", "нуждаться в" -> "need in"). Two confusion
sets, both over the prepositions ``CONFUSABLE``:

- ``collocation/governed``: a head of ``GOVERNED`` (``data/governed_prepositions.txt``: 264
  verbs, adjectives and nouns with their standard dependent prepositions, from general English
  usage, not the dev set) followed at once by a preposition it does not govern. The suggestion
  is the governed preposition clean health English uses most with that head.
- ``collocation/transitive``: a verb of ``TRANSITIVE`` (verbs English uses with a direct
  object where Russian has a preposition) followed by a preposition; the suggestion drops it.

A verb or adjective the table lacks gets its profile from general English
(``general_english``: Google Books bigrams), and general English vetoes a pair it uses about as
much as the head's usual one. The counts veto both: nothing is flagged where MedQuAD uses the
pair found at least ``COMMON_SHARE`` of the head's prepositions and ``COMMON_COUNT`` times (unless
its object belongs with the governed preposition: "participated at the trial"), where the object is
a time or quantity word (an adjunct: "visited in the last days", "in part"), or where the object
fits the preposition found far better than the suggested one (``OBJECT_MARGIN``: "married with
children"). A preposition that opens a range ("from 4 to 72") is left alone.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from .adjuncts import adjunct_object
from .base import object_log_prob
from .course import is_condition
from .general_english import common_pair, usual_instead
from .governed_cases import (
    OBJECT_THEN_PREPOSITION,
    TRANSITIVE,
    misread_root_verb,
    misread_transitive,
    special_finding,
)
from .people import CLINICIANS
from .time_prepositions import duration_finding

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

# The confusion set of prepositions a Russian government is carried over into.
CONFUSABLE = frozenset({"of", "in", "on", "at", "from", "by", "with", "to", "for", "about",
                        "into"})

GOVERNED_FILE = "governed_prepositions.txt"  # in textfix/data: "POS lemma: prepositions"


def _parse(text: str) -> dict[tuple[str, str], tuple[str, ...]]:
    table = {}
    for line in text.strip().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pos, _, rest = line.partition(" ")
        lemma, _, preps = rest.partition(":")
        table[(lemma.strip(), pos)] = tuple(preps.split())
    return table


def _shipped_table() -> str:
    return resources.files("textfix").joinpath("data", GOVERNED_FILE).read_text(encoding="utf-8")


GOVERNED = _parse(_shipped_table())
# After a noun, "in", "with", "for" and "about" open adjuncts of place, means and topic far more
# often than they replace a governed preposition ("a vaccine in mice", "damage with exudates"):
# a noun's preposition is judged only when it is one Russian government carries over.
NOUN_FLAGGABLE = frozenset({"from", "on", "at", "to", "into"})
LIGHT_VERBS = frozenset({"pay", "have", "give", "show", "take", "draw", "make", "feel",
                         "express", "find", "need"})
# Prepositions that open adjuncts of place, direction and source after a participle
PLACE_PREPOSITIONS = frozenset({"in", "into", "at", "from", "on"})
PARTICIPLE_OBJECT_MARGIN = 1.0  # log P(obj | suggested) - log P(obj | found), for participles
COMMON_SHARE = 0.05  # clean text uses the pair found this often among the head's prepositions
COMMON_COUNT = 5  # ... and at least this often
OBJECT_MARGIN = 2.5  # log P(obj | found) - log P(obj | suggested) above this: an adjunct
MIN_OBJECT_PAIR = 2  # clean text has the noun as that verb's direct object this often
OVERRULE_SHARE = 0.25  # a common pair is still flagged when it is at most this share of the
OVERRULE_OBJECT_MARGIN = 3.0  # governed pair and the object fits that preposition this much
# better (log P(obj | governed) - log P(obj | found))
NEVER_BEST_COUNT = 200  # governed pair this common, pair found never: "age" after it is an
# argument ("depends from age and weight"), not an adjunct (a number still is: "from 40")
NOUN_OF_MIN_BEST = 20  # a noun's "of" is judged when clean text has its governed preposition
NOUN_OF_MAX_SHARE = 0.06  # at least this often and "of" at most this share of its prepositions
GENERAL_OBJECT_GAIN = 1.0  # a head known only to general English: the object must fit the
# usual preposition this much better (log P(obj | usual) - log P(obj | found))
MARGIN = 4.0  # the nominal margin of a table-backed flag (confidence 0.5 + a little)


def _head_entry(head: Token) -> tuple[str, tuple[str, ...]] | None:
    """The head's lemma and governed prepositions, trying the lemma and the form as written
    (participles: "married", "interested")."""
    tries = [(head.lemma_.lower(), head.pos_)]
    if verb_tagged_noun(head):
        tries.append((head.lemma_.lower(), "VERB"))
    if head.tag_ in ("VBN", "JJ") and head.pos_ in ("ADJ", "VERB"):  # "married", "interested"
        tries += [(head.lower_, "ADJ"), (head.lemma_.lower(), "ADJ")]
    if head.pos_ == "VERB":
        tries.append((head.lower_, "VERB"))
    for lemma, tag in tries:
        entry = GOVERNED.get((lemma, tag))
        if entry is not None:
            return lemma, entry
    return None


def verb_tagged_noun(head: Token) -> bool:
    """A word the tagger took for a plural noun although it has a subject ("The skin of
    newborns differs of adult skin": "differs" tagged NNS, "skin" its nsubj), or the root of a
    sentence with no verb whose subject it took for a compound ("The baby reacts on noise."):
    a verb."""
    if head.pos_ != "NOUN" or head.tag_ != "NNS":
        return False
    return any(c.dep_ == "nsubj" for c in head.children) or \
        misread_root_verb(head) and any(c.dep_ == "det" for c in head.children)


def head_pos(head: Token) -> str:
    """The part of speech the head's government is looked up and counted under."""
    return "VERB" if verb_tagged_noun(head) else head.pos_


def object_gain(table: NgramTable, obj: str, better: str, found: str) -> float:
    """How much better the object fits preposition ``better`` than ``found``:
    log P(obj | better) - log P(obj | found)."""
    return object_log_prob(table, better, obj) - object_log_prob(table, found, obj)


def participle_adjunct(table: NgramTable, prep: Token, best: str) -> bool:
    """A participle's preposition of place, direction or source ("identified from Europe",
    "referred into the containment pathway", "reported at autopsy"): a passive or a reduced
    relative has its object promoted, so what follows is mostly an adjunct, not the verb's
    government. Judged only when the object itself prefers the suggested preposition
    (``PARTICIPLE_OBJECT_MARGIN``) and is not a name (the parser has no entity recognizer:
    a proper noun after these prepositions is a place or an institution)."""
    from ...models.ngrams import preposition_object

    head = prep.head
    participle = head.tag_ == "VBN" or (head.tag_ == "VBD" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children))
    if not participle or prep.lower_ not in PLACE_PREPOSITIONS:
        return False
    obj = preposition_object(prep)
    if obj is None or any(c.dep_ == "pobj" and c.pos_ == "PROPN" for c in prep.children):
        return True  # a name after "in", "from", "at": a place or an institution
    return object_gain(table, obj, best, prep.lower_) < PARTICIPLE_OBJECT_MARGIN


def _is_adjunct(table: NgramTable, prep: Token, found: str, best: str | None,
                never: bool = False) -> bool:
    """The preposition opens an adjunct, not the head's argument (``never``: see
    ``NEVER_BEST_COUNT``)."""
    from ...models.ngrams import preposition_object

    if any(c.dep_ == "prep" for c in prep.children) or prep.i + 1 >= len(prep.doc):
        return True  # "from 4 to 72", a stranded preposition
    nxt = prep.nbor()
    if nxt.like_num or nxt.pos_ in ("NUM", "ADV", "SCONJ", "PUNCT") or nxt.lower_ in (
            "which", "what", "whom", "where", "when"):
        return True
    if prep.head.pos_ == "NOUN" and any(c.dep_ == "pobj" and c.pos_ == "PROPN"
                                        for c in prep.children):
        return True  # "tablets from China": a noun's place or origin
    if adjunct_object(prep) and not never:
        return True
    obj = preposition_object(prep)
    if obj is None or best is None:
        return False
    return object_gain(table, obj, found, best) > OBJECT_MARGIN


def _never_with(table: NgramTable, lemma: str, pos: str, found: str, best: str) -> bool:
    return table.count("hp", lemma, pos, found) == 0 and \
        table.count("hp", lemma, pos, best) >= NEVER_BEST_COUNT


def _common(table: NgramTable, lemma: str, pos: str, prep: str) -> bool:
    counts = {p: table.count("hp", lemma, pos, p) for p in CONFUSABLE}
    found = counts[prep]
    return found >= max(COMMON_COUNT, COMMON_SHARE * sum(counts.values()))


def _object_overrules(table: NgramTable, lemma: str, pos: str, prep: Token, best: str) -> bool:
    """The pair found is common but not the head's usual one, and the object belongs with the
    governed preposition ("participated at the trial": clean text has "participate at" for
    places, and "trial" after "in" far more than after "at")."""
    from ...models.ngrams import preposition_object

    obj = preposition_object(prep)
    found = table.count("hp", lemma, pos, prep.lower_)
    if obj is None or found > OVERRULE_SHARE * table.count("hp", lemma, pos, best):
        return False
    return object_gain(table, obj, best, prep.lower_) >= OVERRULE_OBJECT_MARGIN


def _general_entry(table: NgramTable, head: Token, prep: Token
                   ) -> tuple[str, tuple[str, ...]] | None:
    """For a verb or adjective the governed table lacks: the usual preposition general English
    puts after it, when it never puts ``prep`` there and the object, too, belongs with the usual
    one (``GENERAL_OBJECT_GAIN``: "participated at the trial" -> "in"; "remember with fondness"
    stays). Only a finite verb, a base form or an adjective whose preposition the parse hangs on
    it: after participles and gerunds a preposition mostly opens an adjunct ("tracked from
    emergence")."""
    from ...models.ngrams import preposition_object

    finite = head.tag_ in ("VB", "VBP", "VBZ", "JJ") or (
        head.tag_ == "VBD" and any(c.dep_ == "nsubj" for c in head.children))
    if not finite or prep.head.i != head.i or head.pos_ not in ("VERB", "ADJ"):
        return None
    best, obj = usual_instead(head.text, prep.lower_), preposition_object(prep)
    if best is None or obj is None or \
            object_gain(table, obj, best, prep.lower_) < GENERAL_OBJECT_GAIN:
        return None
    return head.lemma_.lower(), (best,)


def _later_governed(head: Token, prep: Token, allowed: tuple[str, ...]) -> set[str]:
    """Governed prepositions after ``prep`` that hang on the head, its verb or the phrase in
    between ("differs of the old one in smell": "in" is taken, so the fix is "from")."""
    return {t.lower_ for t in prep.doc[prep.i + 1 : prep.sent.end]
            if t.dep_ == "prep" and t.lower_ in allowed and
            (t.head.i in (head.i, head.head.i) or t.head in head.subtree)}


def _noun_of_is_foreign(table: NgramTable, lemma: str, best: str) -> bool:
    """A noun clean text (almost) never follows with "of" but often with its governed
    preposition ("the reason of" for "the reason for"): only then is a noun's "of" judged, since
    "of" is how English attaches most nouns' arguments."""
    total = sum(table.count("hp", lemma, "NOUN", p) for p in CONFUSABLE)
    return table.count("hp", lemma, "NOUN", best) >= NOUN_OF_MIN_BEST and \
        table.count("hp", lemma, "NOUN", "of") <= NOUN_OF_MAX_SHARE * total


# Heads whose «от» a condition is protection against it ("vaccinated against measles").
PROTECTING = frozenset({"vaccinate", "immunize", "immunise", "inoculate", "protect", "vaccine",
                        "vaccination", "protection", "immunity", "insure", "insurance"})


def _against_what(table: NgramTable, lemma: str, pos: str, prep: Token,
                  allowed: tuple[str, ...], best: str) -> str:
    """Russian «от» before a complaint: a remedy "from" a cough is one "for" it («средство от
    кашля»), a patient "treated from" tuberculosis is treated "for" it, a child "vaccinated
    from" measles is vaccinated "against" it."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    complaint = obj is not None and is_condition(obj, table)
    if lemma in PROTECTING and "against" in allowed and (complaint or pos == "VERB"):
        return "against"
    if "for" in allowed and (pos == "NOUN" or complaint):
        return "for"
    return best


def _by_a_person(head: Token, prep: Token) -> bool:
    """A passive participle whose prepositional object is a health worker: the agent, "by"."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    word = obj.lemma_.lower() if obj is not None else ""
    worker = word in CLINICIANS or word in ("team", "staff") or \
        word.endswith(("ologist", "iatrist", "ician", "ntist", "apist", "acist"))
    return worker and head.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in head.children)


def governed_finding(table: NgramTable, prep: Token) -> tuple[Token, str, str] | None:
    """(head, suggestion for "head prep", message) when the word before ``prep`` governs
    another preposition, else None."""
    if prep.lower_ in ("during", "before"):  # «страх перед»: only after a word of fear
        return duration_finding(prep) if prep.lower_ == "during" else \
            special_finding(prep.nbor(-1), prep) if prep.i > 0 else None
    if prep.lower_ not in CONFUSABLE or prep.pos_ != "ADP" or prep.i == 0:
        return None
    head = prep.nbor(-1)
    if head.tag_ == "PRP" and head.dep_ == "dobj" and head.i > 0 and \
            head.head.i == head.i - 1 == prep.head.i:
        head = head.head  # "congratulated her with": the verb governs, past its pronoun object
    nxt = prep.nbor() if prep.i + 1 < len(prep.doc) else None
    light = head.dep_ == "dobj" and prep.head.i == head.head.i and \
        head.head.lemma_.lower() in LIGHT_VERBS  # "pay attention on": the noun's preposition
    if (head.pos_ == "NOUN" and prep.head.i != head.i and not light) or prep.is_title or \
            (nxt is not None and nxt.pos_ in ("VERB", "AUX") and
             (prep.lower_ == "to" or nxt.tag_ != "VBG" or nxt.head.i != prep.i)):
        return None  # "carry the drugs into the liver": the verb's; "Treatments To Lower"; a
        # gerund the preposition governs is its object ("aimed on lowering")
    if head.pos_ not in ("VERB", "ADJ", "NOUN") or prep.dep_ in ("prt", "agent") or \
            (head.pos_ == "NOUN" and prep.lower_ == "by") or \
            (head.tag_ == "VBN" and prep.lower_ == "by"):
        return None  # "by" names an agent
    if head.dep_ == "dobj" and _verb_takes_it(head, prep, light):
        return None
    special = special_finding(head, prep)
    if special is not None:
        return special
    entry = _head_entry(head) or (None if head.lemma_.lower() in TRANSITIVE else
                                  _general_entry(table, head, prep))  # "refused to treatment"
    pos = head_pos(head)
    if entry is not None and prep.lower_ not in entry[1] and \
            (pos != "NOUN" or light or prep.lower_ in NOUN_FLAGGABLE | {"of"}):  # "take care
        # about": after a light verb the noun governs as a verb would
        lemma, allowed = entry
        later = _later_governed(head, prep, allowed)
        if (pos == "NOUN" and prep.lower_ == "of" or head.i < prep.i - 1) and later:
            return None  # "contact of infected persons with groups": "of" names an argument;
            # "Thank you to the team for ...": the governed one comes later
        best = max((p for p in allowed if p not in later or later >= set(allowed)),
                   key=lambda p: (table.count("hp", lemma, pos, p), -allowed.index(p)))
        if prep.lower_ == "from":
            best = _against_what(table, lemma, pos, prep, allowed, best)
        if _by_a_person(head, prep):
            best = "by"  # «осмотрен у кардиолога»: "examined at a cardiologist" -> "by"
        noun_of = pos == "NOUN" and prep.lower_ == "of"
        if noun_of and not _noun_of_is_foreign(table, lemma, best):
            return None  # a noun's "of" is its argument ("adherence of cells")
        if not noun_of and _common(table, lemma, pos, prep.lower_) and \
                not _object_overrules(table, lemma, pos, prep, best):
            return None
        never = _never_with(table, lemma, pos, prep.lower_, best)
        if _is_adjunct(table, prep, prep.lower_, best, never) or \
                not light and common_pair(head.text, prep.lower_):
            return None  # general English's "care about" is the verb's, not "take care"'s
        words = prep.doc[head.i : prep.i].text  # the head, and a pronoun object after it
        return head, f"{words} {best}", (f"'{head.lower_} {prep.lower_}' follows the Russian; "
                                         f"English says '{head.lower_} {best}'.")
    return _transitive_finding(table, head, prep)


def _verb_takes_it(noun: Token, prep: Token, light: bool) -> bool:
    """After a verb's object the preposition is the verb's: "compared the results to PCR"
    ("compare X to Y", not "results to"), "take the drug with food" (what goes with the
    action, not the noun's argument)."""
    return not light and _verb_governs(noun, prep) or prep.lower_ == "with"


def _verb_governs(noun: Token, prep: Token) -> bool:
    """The object of one of ``OBJECT_THEN_PREPOSITION``'s verbs, followed by that verb's own
    preposition: "compared chest CT results to PCR" (the tagger may read "results" as a verb)."""
    verb = noun.head
    return verb.pos_ == "VERB" and \
        prep.lower_ in OBJECT_THEN_PREPOSITION.get(verb.lemma_.lower(), ())


def _transitive_finding(table: NgramTable, head: Token, prep: Token
                        ) -> tuple[Token, str, str] | None:
    """An active verb of ``TRANSITIVE`` whose prepositional object clean text has as its direct
    object ("answered on the questions": answer + question is a usual verb-object pair), or
    followed by a preposition general English never puts after it although it knows the verb
    well (``general_english.usual_instead``: "refused from")."""
    from ...models.ngrams import preposition_object

    lemma = head.lemma_.lower()
    obj = preposition_object(prep)
    if misread_transitive(head, prep) or (
            head.pos_ == "VERB" and lemma in TRANSITIVE and head.tag_ != "VBN" and obj and
            head.i == prep.i - 1 and (table.count("vo", lemma, obj) >= MIN_OBJECT_PAIR or
                                      usual_instead(head.text, prep.lower_) is not None) and
            not _is_adjunct(table, prep, prep.lower_, None) and
            not common_pair(head.text, prep.lower_)):
        return head, head.text, (f"'{lemma}' takes a direct object in English: "
                                 f"'{prep.lower_}' is the Russian preposition.")
    return None


__all__ = ["participle_adjunct", "CONFUSABLE", "GOVERNED", "TRANSITIVE",
           "governed_finding", "MARGIN"]
