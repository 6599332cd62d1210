"""``collocation/article``: "the" before a singular noun that clean text uses bare in that place
("the obesity"), and a bare singular count noun that clean text never uses bare there ("take
tablet"). Scored by c(noun, determiner, post-modifier) and c(noun, determiner, context) from
``models/ngrams``; the confusion set is {the, a/an, no article}."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import MIN_PREFERRED, QUANTIFIER_NOUNS, Finding, match_case, rare

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ...models.ngrams import NgramTable

ARTICLE_MARGIN = 5.0
THE_MARGIN = 4.0  # "the" before a noun clean text uses bare
BARE_MARGIN = 3.0  # a bare singular noun clean text uses with an article in that context
BARE_OVERALL = 1.0  # ... and with an article overall
BARE_CONTEXTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
BARE_SPAN_POS = frozenset({"NOUN", "PROPN", "ADJ", "ADV"})



def _article_for(word: str) -> str:
    w = word.lower()
    vowel = w[:1] in "aeio" or (w[:1] == "u" and not w.startswith(("uni", "use", "usu", "ur")))
    return "an" if vowel or w.startswith(("hour", "honest", "herb")) else "a"


def check_article(table: NgramTable, token: Token) -> Finding | None:
    from ...models.ngrams import determiner_class

    det = determiner_class(token)
    if det is None and _sentence_initial_common(table, token):
        det = "0"  # "Patient was admitted ...": spaCy tags a capitalised first noun NNP
    # (no named-entity test: the pipeline loads spaCy without its NER, so ent_type_ is empty)
    if det is None or det == "a" or token.lower_ in QUANTIFIER_NOUNS:
        return None
    return _the_finding(table, token) if det == "the" else _bare_finding(table, token)


def _counts(table: NgramTable, token: Token) -> tuple[dict[str, int], dict[str, int]]:
    """c(noun, det, post-modifier) and c(noun, det, context) for det in the, a, 0."""
    from ...models.ngrams import has_post_modifier, noun_context

    lemma = token.lower_ if token.pos_ == "PROPN" else token.lemma_.lower()
    post = str(int(has_post_modifier(token)))
    ctx = noun_context(token)
    return ({d: table.count("dn", lemma, d, post) for d in ("the", "a", "0")},
            {d: table.count("dc", lemma, d, ctx) for d in ("the", "a", "0")})


def _sentence_initial_common(table: NgramTable, token: Token) -> bool:
    """A capitalised first word tagged NNP that clean text knows as a singular common noun."""
    if token.i != token.sent.start or token.tag_ != "NNP" or not token.is_title or \
            any(c.dep_ in ("det", "poss", "compound", "nummod") for c in token.children):
        return False
    return sum(table.count("dn", token.lower_, d, p) for d in ("the", "a") for p in "01") >= 50


def _mentioned_before(token: Token) -> bool:
    """The noun (or its lemma) already occurs earlier in the text: "the" may point back to it."""
    lemma = token.lemma_.lower()
    return any(t.lemma_.lower() == lemma for t in token.doc[: token.i - 1])


def _the_finding(table: NgramTable, token: Token) -> Finding | None:
    from ...models.ngrams import has_post_modifier

    by_det, in_ctx = _counts(table, token)
    if has_post_modifier(token) or _mentioned_before(token) or \
            any(c.dep_ in ("amod", "compound", "conj") for c in token.children):
        return None  # "the stress of caring", "the immune system": the modifier may license it;
        # "the safety, toxicity and metabolism of X": the article is the coordination's
    margin = table.log_ratio(by_det["0"], by_det["the"])
    if margin < THE_MARGIN or by_det["0"] < MIN_PREFERRED or \
            not rare(by_det["the"], by_det["0"]) or \
            table.log_ratio(in_ctx["0"], in_ctx["the"]) < 0:
        return None
    article = next(c for c in token.children if c.dep_ == "det")
    if article.i != token.i - 1 or token.left_edge.i != article.i:
        return None  # "the Defender 2020 exercise": only "the" right before the noun
    words = token.doc[article.i + 1 : token.i + 1].text
    return Finding("collocation/article", article, token, match_case(words, article.text),
                   margin, f"'{token.lemma_}' is used without 'the' in health English when "
                           "nothing specifies it.", by_det["0"], by_det["the"])


def _bare_finding(table: NgramTable, token: Token) -> Finding | None:
    """A bare singular count noun: the context's counts decide (a subject or object that clean
    text always gives an article), the noun's overall counts must not disagree."""
    from ...models.ngrams import has_post_modifier, noun_context

    hyphen = token.i + 1 < len(token.doc) and token.nbor().text == "-"
    if _bare_is_licensed(token) or has_post_modifier(token) or hyphen or \
            noun_context(token) not in BARE_CONTEXTS or not (token.is_lower or token.is_title):
        return None  # after a preposition a bare noun is often an idiom: "to hospital", "by mouth"
    from .course import is_condition

    if is_condition(token, table) and any(c.dep_ in ("amod", "compound") for c in token.children):
        return None  # "have congenital heart disease": a named condition takes no article
    by_det, in_ctx = _counts(table, token)
    with_article = by_det["the"] + by_det["a"]
    margin = table.log_ratio(in_ctx["the"] + in_ctx["a"], in_ctx["0"])
    if margin < BARE_MARGIN or with_article < MIN_PREFERRED or \
            table.log_ratio(with_article, by_det["0"]) < BARE_OVERALL:
        return None
    left = token.left_edge
    span = token.doc[left.i : token.i + 1]
    if any(t.pos_ not in BARE_SPAN_POS or (t.pos_ == "PROPN" and t.i != token.i) for t in span) \
            or (left.i > 0 and left.nbor(-1).pos_ in ("NUM", "SYM")):
        return None  # "mild to moderate increase", "3 fold greater risk": no simple noun phrase
    article = "the" if by_det["the"] >= by_det["a"] else _article_for(left.text)
    text = span.text[:1].lower() + span.text[1:] if left.i == token.sent.start else span.text
    return Finding("collocation/article", left, token, match_case(f"{article} {text}", left.text),
                   margin, f"'{token.lemma_}' is a count noun: health English puts an article "
                           "before it.", with_article, by_det["0"])


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
