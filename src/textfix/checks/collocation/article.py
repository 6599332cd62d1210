"""``collocation/article``: the confusion set {the, a/an, no article} before a noun, scored in
context by clean health English (MedQuAD counts) in three places Russian MT gets it wrong
(Russian has no articles):

- "the" before a singular mass or abstract noun used generically ("avoid the stress", "the
  diabetes", "the folic acid"): c(noun, determiner) without a post-modifier from the n-gram table
  (``dn``). Flagged when the bare noun is ``THE_MARGIN`` (log ratio) more usual than "the" with
  it, as a subject or object, after "with"/"without", or after "of" for a disease or symptom
  ("the symptoms of the poisoning"). A noun compound ("the food poisoning") is judged by its
  head noun.
- "the" before a generic plural ("Breastfeeding protects the babies"): how often clean text has
  "the" + that plural with nothing after it (``data/article_plurals.tsv``, built from MedQuAD by
  ``scripts/build_article_nouns.py``); only in a generic clause (present tense or a modal, no
  past), since "the patients were randomised" refers to a study's patients.
- no article before a singular count noun that clean text never uses bare in that role ("take
  tablet", "If child has a rash"): c(noun, determiner, context) (``dc``) and the noun's overall
  counts must agree. A lone capitalised noun opening a sentence as a finite verb's subject
  ("Nurse will show you") is judged by word frequencies (a count noun's plural is about as
  common as its singular) unless the table's counts for subjects say it goes bare.

Never flagged: a noun with a post-modifier ("the stress of caring"), one mentioned earlier (the
article may point back to it), an adjective before the noun ("the immune system"), a
coordination, a name. The suggestion only inserts or deletes the article: the noun phrase's
words are copied as written, so a number or a term is never touched. Thresholds were chosen on
the dev set's tune half and clean tuning sentences only.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .article_have import had_with_article
from .article_phrases import generic_phrase, indefinite_phrase, lone_adjective
from .base import MIN_PREFERRED, QUANTIFIER_NOUNS, Finding, data_rows, match_case
from .course import is_condition
from .tense import generic_clause, narrative

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ...models.ngrams import NgramTable

RULE = "collocation/article"
ARTICLE_MARGIN = 3.0  # the nominal threshold the confidence scale starts from
THE_MARGIN = 3.0  # "the" before a singular noun clean text uses bare (log ratio bare : the)
THE_SUBJECT_MARGIN = 4.0  # ... as a subject: "The remission can be temporary" (one named just
# before, in a text the check sees one sentence of) was the usual false alarm on tuning text
THE_MAX_SHARE = 0.04  # ... and "the" at most this share of the noun's unmodified uses
BARE_MARGIN = 3.0  # a bare singular noun clean text uses with an article in that context
BARE_OVERALL = 1.0  # ... and with an article overall
BARE_CONTEXTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
BARE_SPAN_POS = frozenset({"NOUN", "PROPN", "ADJ", "ADV"})
# Where the n-gram table knows a noun fewer than THIN_TABLE times, word frequencies judge it:
# a singular at least THIN_MIN_ZIPF (wordfreq) whose plural is at most COUNT_PLURAL_GAP less
# frequent is a count noun, and a lone one as a subject or object needs an article.
THIN_TABLE = 20
NEVER_BARE_MIN = 10  # a noun clean text has this often, never once bare: "Call ambulance"
INSTRUCTION_NEVER_BARE_MIN = 3  # ... as an instruction's object ("Put bandage on the wound")
# What one has, needs or gets is new to the text: "a/an", whatever the noun's usual article
# ("She needs operation" -> "an operation", though clean text writes "the operation" more).
HAVING_VERBS = frozenset({"have", "need", "require", "get", "undergo", "develop", "want"})
THIN_MIN_ZIPF = 3.5
COUNT_PLURAL_GAP = 0.4
MASS_PLURAL_GAP = 1.2  # a plural this much rarer (zipf) than the singular: a mass noun
# Words right after a noun that usually open its own modifier, however the parse hangs them.
NOUN_MODIFIER_STARTS = frozenset({"of", "for", "in", "on", "to", "at", "about", "from", "with",
                                  "among", "between", "by", "that", "which", "who", "whose"})
PLURAL_FILE = "article_plurals.tsv"
PLURAL_MIN = 100  # a plural seen fewer times has no reliable profile
PLURAL_MAX_SHARE = 0.012  # "the" + plural with nothing after it, at most this share
PLURAL_ROLES = frozenset({"dobj"})  # a generic plural object; subjects and prepositional
# objects with "the" were as often specific as generic on clean tuning text
# Where a generic singular noun stands: a subject, an object, or the object of "with"/"without"
# ("patients with the diabetes"); after "of", "from", "through" and the like "the" usually
# points to something specific ("the extent of the spread", "recover from the stress").
THE_ROLES = frozenset({"nsubj", "nsubjpass", "dobj"})
THE_PREPOSITIONS = frozenset({"with", "without"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def article_for(word: str) -> str:
    w = word.lower()
    vowel = w[:1] in "aeio" or (w[:1] == "u" and not w.startswith(("uni", "use", "usu", "ur")))
    return "an" if vowel or w.startswith(("hour", "honest", "herb")) else "a"


def check_article(table: NgramTable, token: Token) -> Finding | None:
    from ...models.ngrams import determiner_class

    if token.tag_ == "NNS" and token.pos_ == "NOUN":  # "diabetes" tagged plural: clean text
        # counts it as a singular noun
        singular = table.count("dn", token.lower_, "0", "0") >= MIN_PREFERRED
        return _the_finding(table, token) if singular else _plural_finding(table, token)
    det = determiner_class(token)
    if det is None and (_sentence_initial_common(table, token) or opening_subject(token)):
        det = "0"  # "Patient was admitted ...": spaCy tags a capitalised first noun NNP
    # (no named-entity test: the pipeline loads spaCy without its NER, so ent_type_ is empty)
    if det is None or det == "a" or token.lower_ in QUANTIFIER_NOUNS:
        return None
    phrase = _phrase_finding(table, token, det)
    if phrase is not None:
        return phrase
    return _the_finding(table, token) if det == "the" else _bare_finding(table, token)


def _phrase_finding(table: NgramTable, token: Token, det: str) -> Finding | None:
    """An adjective + noun judged by the phrase's own article profile (``article_phrases``)."""
    from ...models.ngrams import has_post_modifier, noun_context

    adjective = lone_adjective(token)
    if adjective is None or has_post_modifier(token) or token.dep_ in ("conj", "appos"):
        return None
    if det == "the":
        dets = [c for c in token.children if c.dep_ == "det"]
        counts = generic_phrase(adjective, token)
        if counts is None or len(dets) != 1 or dets[0].i != adjective.i - 1 or \
                token.dep_ not in ("nsubj", "nsubjpass") or narrative(token) or \
                _mentioned_before(token):
            return None  # only a subject: an object with "the" was as often specific on clean
            # text ("combating the viral infection")
        total, the = counts
        return _deletion(dets[0], token, table.log_ratio(total - the, the),
                         f"'{adjective.lower_} {token.lower_}' is used without 'the' in health "
                         "English when nothing specifies it.", total - the, the)
    counts = indefinite_phrase(adjective, token)
    if counts is None or noun_context(token) not in BARE_CONTEXTS or _bare_is_licensed(token) \
            or token.left_edge.i != adjective.i:
        return None
    total, with_a = counts
    words = f"{adjective.text} {token.text}"
    if adjective.i == token.sent.start:
        words = words[:1].lower() + words[1:]
    text = match_case(f"{article_for(adjective.text)} {words}", adjective.text)
    return Finding(RULE, adjective, token, text, table.log_ratio(with_a, total - with_a),
                   f"'{adjective.lower_} {token.lower_}' takes 'a' in health English.", with_a,
                   total - with_a)


def _counts(table: NgramTable, token: Token) -> tuple[dict[str, int], dict[str, int]]:
    """c(noun, det, post-modifier) and c(noun, det, context) for det in the, a, 0."""
    from ...models.ngrams import has_post_modifier, noun_context

    lemma = token.lower_ if token.pos_ == "PROPN" or token.tag_ == "NNS" else token.lemma_.lower()
    post = str(int(has_post_modifier(token)))
    ctx = noun_context(token)
    return ({d: table.count("dn", lemma, d, post) for d in ("the", "a", "0")},
            {d: table.count("dc", lemma, d, ctx) for d in ("the", "a", "0")})


def _sentence_initial_common(table: NgramTable, token: Token) -> bool:
    """A capitalised first word tagged NNP that clean text knows as a singular common noun."""
    # the tag first: ``token.sent`` walks the parse to find the sentence (most tokens stop here)
    if token.tag_ != "NNP" or not token.is_title or token.i != token.sent.start or \
            any(c.dep_ in ("det", "poss", "compound", "nummod") for c in token.children):
        return False
    return sum(table.count("dn", token.lower_, d, p) for d in ("the", "a") for p in "01") >= 50


def _mentioned_before(token: Token) -> bool:
    """The noun (or its lemma) already occurs earlier in the text: "the" may point back to it."""
    lemma = token.lemma_.lower()
    return any(t.lemma_.lower() == lemma for t in token.doc[: token.i - 1])


def _leading_the(table: NgramTable, noun: Token) -> Token | None:
    """The "the" that opens the noun's phrase, with only noun compounds between ("the food
    poisoning"); None when anything else stands there or follows the noun as its modifier."""
    from ...models.ngrams import has_post_modifier

    dets = [c for c in noun.children if c.dep_ == "det"]
    if len(dets) != 1 or dets[0].lower_ != "the" or noun.left_edge.i != dets[0].i or \
            has_post_modifier(noun) or _mentioned_before(noun) or noun.dep_ in ("conj", "appos"):
        return None
    between = noun.doc[dets[0].i + 1 : noun.i]
    if any(t.dep_ != "compound" or t.pos_ != "NOUN" or t.head.i != noun.i or not t.is_alpha
           for t in between) or (noun.i + 1 < len(noun.doc) and noun.nbor().text == "-"):
        return None  # "the immune system", "the Defender 2020 exercise": the modifier may
        # license the article
    if any(c.dep_ in ("amod", "conj", "cc", "nummod", "poss") for c in noun.children):
        return None  # "the safety, toxicity and metabolism of X": the coordination's article
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if after is not None and (after.pos_ in ("NOUN", "PROPN", "PART", "ADJ") or
                              after.lower_ in NOUN_MODIFIER_STARTS):
        return None  # "the chance for humans to ...": a modifier the parse hung elsewhere;
        # "uses the patients immune system": a possessive without its apostrophe
    return dets[0] if _compound_is_bare(table, dets[0], noun) else None


def _deletion(article: Token, noun: Token, margin: float, message: str, support: int,
              current: int) -> Finding:
    """Drop the article: the phrase's words are copied as written."""
    words = noun.doc[article.i + 1 : noun.i + 1].text
    return Finding(RULE, article, noun, match_case(words, article.text), margin, message,
                   support, current)


def _generic_place(table: NgramTable, noun: Token) -> bool:
    """A subject or object (``THE_ROLES``), the object of "with"/"without", or a disease or
    symptom after "of" ("the symptoms of the poisoning"; "the management of the crisis" names
    a particular one as often as not)."""
    if noun.dep_ == "pobj":
        return noun.head.lower_ in THE_PREPOSITIONS or (
            noun.head.lower_ == "of" and is_condition(noun, table))
    return noun.dep_ in THE_ROLES


def _compound_is_bare(table: NgramTable, article: Token, noun: Token) -> bool:
    """Each noun of a compound before the head is one clean text uses bare too: in "the body
    instructions" (a misparsed "gives the body instructions") "the" belongs to "body"."""
    return all(table.log_ratio(table.count("dn", t.lemma_.lower(), "0", "0"),
                               table.count("dn", t.lemma_.lower(), "the", "0")) >= 0
               for t in noun.doc[article.i + 1 : noun.i])


def _the_finding(table: NgramTable, token: Token) -> Finding | None:
    article = _leading_the(table, token)
    if article is None or not _generic_place(table, token) or \
            narrative(token):
        return None
    by_det, in_ctx = _counts(table, token)
    bare, the = by_det["0"], by_det["the"]
    margin = table.log_ratio(bare, the)
    subject = token.dep_ in ("nsubj", "nsubjpass")
    if margin < (THE_SUBJECT_MARGIN if subject else THE_MARGIN) or bare < MIN_PREFERRED or \
            the > THE_MAX_SHARE * (bare + the + by_det["a"]) or in_ctx["0"] == 0:
        return None  # ... or clean text never has the noun bare in this role: "doctor or
        # pharmacist" counts a bare "pharmacist", "ask the pharmacist" needs its article
    return _deletion(article, token, margin, f"'{token.lemma_}' is used without 'the' in health "
                     "English when nothing specifies it.", bare, the)


@lru_cache(maxsize=1)
def plural_counts() -> dict[str, tuple[int, int]]:
    """word -> (occurrences, "the" + word with nothing after it) from ``PLURAL_FILE``."""
    return {word: (int(total), int(the)) for word, total, the in data_rows(PLURAL_FILE)}


def _plural_finding(table: NgramTable, token: Token) -> Finding | None:
    article = _leading_the(table, token)
    if article is None or token.dep_ not in PLURAL_ROLES or not token.is_lower:
        return None
    total, the = plural_counts().get(token.lower_, (0, 0))
    if total < PLURAL_MIN or the > PLURAL_MAX_SHARE * total or not generic_clause(token):
        return None
    margin = max(0.0, -_log_share(the, total))
    return _deletion(article, token, margin, f"Health English speaks of '{token.lower_}' in "
                     "general without 'the'.", total, the)


def _log_share(part: int, whole: int) -> float:
    import math

    return math.log((part + 0.5) / (whole + 1))
def _bare_finding(table: NgramTable, token: Token) -> Finding | None:
    """A bare singular count noun: the context's counts decide (a subject or object that clean
    text always gives an article), the noun's overall counts must not disagree."""
    from ...models.ngrams import has_post_modifier, noun_context

    hyphen = token.i + 1 < len(token.doc) and token.nbor().text == "-"
    context = noun_context(token)
    if _bare_is_licensed(token) or hyphen or context not in BARE_CONTEXTS or \
            not (token.is_lower or token.is_title):
        return None  # after a preposition a bare noun is often an idiom: "to hospital", "by mouth"
    instruction = context == "dobj" and _imperative(token.head)
    had = had_with_article(token)
    if has_post_modifier(token) and context != "attr" and not (instruction or had):
        return None  # "provide care for", "take advice from": a modifier often makes a mass
        # use; a predicate noun stays a count noun ("Migraine is serious disease that ..."),
        # and so does the object of an instruction ("Drink glass of water")
    from .course import is_condition

    predicate = context == "attr"
    named = ("compound",) if predicate else ("amod", "compound")
    if is_condition(token, table) and any(c.dep_ in named for c in token.children):
        return None  # "have congenital heart disease": a named condition takes no article;
        # "Diabetes is chronic disease": what a condition is, a predicate, takes one
    by_det, in_ctx = _counts(table, token)
    with_article = by_det["the"] + by_det["a"]
    margin = table.log_ratio(in_ctx["the"] + in_ctx["a"], in_ctx["0"])
    table_thin = sum(by_det.values()) < THIN_TABLE
    opening = opening_subject(token)
    thin = (table_thin or opening) and _count_noun_by_frequency(token, opening) and \
        in_ctx["0"] <= in_ctx["the"] + in_ctx["a"]
    never_bare = by_det["0"] == 0 and in_ctx["0"] == 0 and _has_plural(token.lower_) and \
        with_article >= (INSTRUCTION_NEVER_BARE_MIN if instruction else NEVER_BARE_MIN)
    if thin or never_bare or had:
        margin = BARE_MARGIN  # "Take tablet": MedQuAD hardly speaks of tablets
    elif margin < BARE_MARGIN or with_article < MIN_PREFERRED or \
            not predicate and table.log_ratio(with_article, by_det["0"]) < BARE_OVERALL:
        return None  # a predicate is judged by its own role's counts ("is a disease" 468 : 20)
    left = token.left_edge
    span = token.doc[left.i : token.i + 1]
    if any(t.pos_ not in BARE_SPAN_POS or (t.pos_ == "PROPN" and t.i != token.i) for t in span) \
            or (left.i > 0 and left.nbor(-1).pos_ in ("NUM", "SYM")):
        return None  # "mild to moderate increase", "3 fold greater risk": no simple noun phrase
    first_mention = context == "dobj" and token.head.lemma_.lower() in HAVING_VERBS
    article = _missing_article(by_det, in_ctx, thin and table_thin or first_mention,
                               left.text)  # an opening subject the table knows: its counts
    if any(t.tag_ in ("JJS", "RBS") or t.lower_ in DEFINITE_MODIFIERS for t in span[:-1]):
        article = "the"  # "is best way" -> "the best way", never "a best way"
    text = span.text[:1].lower() + span.text[1:] if left.i == token.sent.start else span.text
    return Finding("collocation/article", left, token, match_case(f"{article} {text}", left.text),
                   margin, f"'{token.lemma_}' is a count noun: health English puts an article "
                           "before it.", with_article, by_det["0"])


# A superlative, an ordinal or a word of uniqueness before the noun asks for "the".
DEFINITE_MODIFIERS = frozenset({"same", "only", "first", "second", "third", "last", "next",
                                "main", "following", "best", "worst", "most", "least"})


def _missing_article(by_det: dict[str, int], in_ctx: dict[str, int], thin: bool,
                     first_word: str) -> str:
    """"the" or "a/an" for a bare noun: its counts in the same role when clean text gives it an
    article there often enough ("have a baby" although "the baby" is commoner overall), else
    its counts overall; a noun the table hardly knows gets "a/an"."""
    counts = in_ctx if in_ctx["the"] + in_ctx["a"] >= MIN_PREFERRED else by_det
    if thin or counts["a"] > counts["the"]:
        return article_for(first_word)
    return "the"


IRREGULAR_PLURALS = {"child": "children", "man": "men", "woman": "women", "person": "people",
                     "foot": "feet", "tooth": "teeth", "mouse": "mice"}


def plural_of(noun: str) -> str:
    """The plural of a lower-case noun ("tablet" -> "tablets", "city" -> "cities")."""
    if noun in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[noun]
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _has_plural(word: str, gap: float = MASS_PLURAL_GAP) -> bool:
    """The word's plural is in common use, at most ``gap`` (zipf) rarer than the singular: a
    count noun, not "news" or "advice"."""
    from ..grammar.frequency import zipf

    return zipf(plural_of(word)) >= zipf(word) - gap


def _count_noun_by_frequency(noun: Token, opening: bool) -> bool:
    """A common English word whose plural is about as frequent as its singular ("tablet",
    "tablets") is a count noun; mass and abstract nouns have rare plurals ("stress", "advice").
    Used only for a lone noun object of an instruction ("Take tablet with water") where the
    n-gram table has too few uses of the noun, and for a lone subject opening a sentence
    (``opening``: "Nurse will show you"): there clean text always has an article or a
    possessive; on clean tuning text other subjects and objects of statements were as often
    abstract nouns used bare ("provided notification")."""
    from ..grammar.frequency import zipf

    word = noun.lower_
    if not (opening or (noun.dep_ == "dobj" and _imperative(noun.head))) or \
            not word.isalpha() or any(True for _ in noun.children):
        return False
    return zipf(word) >= THIN_MIN_ZIPF and _has_plural(word, COUNT_PLURAL_GAP)


def _imperative(verb: Token) -> bool:
    """A base-form verb opening its sentence as the root: an instruction ("Put bandage on")."""
    return verb.tag_ == "VB" and verb.dep_ == "ROOT" and verb.i == verb.sent.start


def opening_subject(noun: Token) -> bool:
    """A lone capitalised singular noun opening a sentence as the subject of a finite verb
    ("Nurse will show you how to use it"): Russian has no article there, English prose always
    has one. A headline ("Study finds ...", no closing full stop) is left alone."""
    if not noun.is_title or noun.tag_ not in ("NN", "NNP") or not noun.is_sent_start or \
            noun.dep_ not in ("nsubj", "nsubjpass"):
        return False  # the cheap tests first: ``noun.sent`` walks the parse
    if noun.sent[-1].text not in (".", "!"):
        return False
    verb = noun.head
    if verb.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "compound", "attr"):
        return False  # "Hazard controls ... include": the "verb" is a noun the parser misread
    return verb.tag_ in FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS
                                           for c in verb.children)


def _bare_is_licensed(noun: Token) -> bool:
    """Places where a bare singular noun is normal whatever the noun: headings and fragments
    (no verb), lists, compounds and names, "type 2 diabetes", after "per", "such as"."""
    sent: Span = noun.sent
    if not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return True
    if noun.head.lower_ in ("per", "as", "like", "versus", "vs") or noun.dep_ in ("appos", "conj"):
        return True
    if any(c.dep_ == "cc" or c.dep_ == "conj" for c in noun.children):
        return True
    return noun.is_title and noun.i > noun.sent.start and noun.pos_ != "PROPN"
