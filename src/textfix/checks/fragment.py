"""Sentence fragments and broken clause structure, read off the dependency parse.

Machine translation from Russian drops verbs and subjects that Russian can leave implicit
("Increases muscle tone.") and keeps Russian word order ("In tissues ... accumulates lactic
acid."). The small spaCy parser is imperfect, so every rule asks for plain structural evidence
(no finite verb at all, a finite verb with nothing that could be its subject) and stays silent
on shapes that clean English also produces: imperatives, headings, list items, labels ending in
a colon, parenthetical remarks and short FAQ-style answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..catalogue import Category, CheckSpec, check
from ..config import Config
from ..example import Example, Rule
from ..records import Issue
from ..stages.analyse import AnalysedDocument, Sentence
from .base import Check
from .hidden_verbs import (
    SUBJECT_DEPS,
    hidden_verb,
    lexicon,
    misread_imperative,
    mistagged_verb,
    past_tense_read_as_participle,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

EXEMPT_KINDS = frozenset({"heading", "caption", "boilerplate"})
FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})
# A conjunction introducing a clause that must have a verb: "When flat-footedness, ...".
# Concessive "although/though/while" and temporal "once/since" take verbless phrases in good
# English ("Although rare, ...", "Once a day, ...", "Since childhood, ..."), so they are left out.
CLAUSE_CONJUNCTIONS = frozenset({"when", "whenever", "if", "because"})
# Passives that legitimately keep an object: "Patients may be given antibiotics."
DITRANSITIVE = frozenset({"give", "offer", "prescribe", "tell", "show", "ask", "send", "teach",
    "allow", "deny", "grant", "award", "pay", "charge", "assign", "feed", "call", "name",
    "consider", "term", "label", "diagnose", "spare", "bring", "lend", "promise", "refuse", "hand",
    "serve", "advise", "recommend", "provide", "elect", "make", "keep", "leave", "cost", "bill"})
# "Confirmed case: a person with ...": a short label and its definition, as in glossaries
LABEL = re.compile(r"^\w[\w'-]*(?: [\w'-]+){0,3} ?: ")
LIST_MARKER = re.compile(r"^\s*(?:[-*\u2022\u2013\u2014\u25cf\u25aa]|\(?\d{1,2}[.)]|[a-z][.)])\s")
NOUN_PHRASE_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM"})
# An MT verbless clause is a bare noun phrase ("When flat-footedness,"); a longer stretch the
# parser read without a verb is more likely a clause whose verb it mis-tagged.
MAX_VERBLESS_CLAUSE = 5
# Leading adverbials that may stand before a subjectless verb in an MT sentence ("Often
# increases ..."); anything else before the verb is treated as a fronted phrase.
PRE_VERB_FILLER = frozenset({"ADV", "CCONJ", "INTJ", "PUNCT", "PART"})
# Nouns of measure and time after a passive: an adverbial ("taken a median of two days after")
MEASURE_NOUNS = frozenset({"median", "mean", "average", "total", "day", "week", "month", "year"})


def _words(span: Span | list[Token]) -> list[Token]:
    return [t for t in span if not (t.is_punct or t.is_space)]


def _finite_of(verb: Token) -> Token | None:
    """The verb's own finite form or its finite auxiliary, if any."""
    if verb.tag_ in FINITE_TAGS:
        return verb
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.tag_ in FINITE_TAGS:
            return child
    return None


def _has_subject(verb: Token) -> bool:
    return any(child.dep_ in SUBJECT_DEPS for child in verb.children)


def _bare_noun_before(before: list[Token]) -> bool:
    """A noun, pronoun or number before the verb under no preposition: a subject the parse lost."""
    return any(t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and t.dep_ not in ("pobj", "npadvmod")
               and not any(a.pos_ == "ADP" or a.dep_ == "prep" for a in t.ancestors)
               for t in before)


def _fronted_phrase_only(before: list[Token], root: Token) -> bool:
    """Everything before the verb belongs to prepositional phrases hanging off the verb."""
    if not before or before[0].pos_ != "ADP":
        return False
    fronted = {t.i for c in root.children if c.dep_ == "prep" and c.i < root.i for t in c.subtree}
    return all(t.i in fronted or t.pos_ in PRE_VERB_FILLER for t in before)


def _object_after(root: Token) -> bool:
    """A noun or an infinitive after the verb: the real subject, stranded in object position."""
    return any(
        (c.dep_ in ("dobj", "attr", "oprd") and c.pos_ in ("NOUN", "PROPN")) or c.dep_ == "xcomp"
        for c in root.children
        if c.i > root.i
    )


def _is_title_like(words: list[Token]) -> bool:
    """Headline-style capitalisation: most words capitalised, like an inline title."""
    alpha = [t for t in words if t.is_alpha and len(t) > 3]
    if len(alpha) < 2:
        return False
    capitalised = sum(1 for t in alpha if t.text[0].isupper())
    return capitalised / len(alpha) >= 0.6


def _in_parentheses(sentence: Sentence) -> bool:
    """A sentence that opens a parenthesis, or sits inside one left open before it."""
    if sentence.text.lstrip().startswith(("(", "[")):
        return True
    before = sentence.block.text[: sentence.span.start_char]
    return before.count("(") > before.count(")") or before.count("[") > before.count("]")


def _opens_block(sentence: Sentence) -> bool:
    """Whether nothing but markers and punctuation precede the sentence in its segment."""
    return not any(t.is_alpha for t in sentence.block.doc[: sentence.span.start])


def _exempt(sentence: Sentence) -> bool:
    """Shapes where a fragment is normal: structure labels, lists, asides, one-word answers."""
    if sentence.kind in EXEMPT_KINDS:
        return True
    if sentence.kind == "list_item" and _opens_block(sentence):
        return True  # "2. Abundant bleeding." labels the item; the sentences after it are prose
    text = sentence.text.strip()
    if not text or text.endswith((":", ";")) or LIST_MARKER.match(text) or LABEL.match(text):
        return True
    if _in_parentheses(sentence) or next((c for c in text if c.isalpha()), "").islower() or \
            any(len(t.text) > 1 and t.text.endswith(".") for t in sentence.span[-2:]):
        return True  # a list item, a spoken turn, a piece cut off its sentence ("... the U.S.")
    # a quoted sentence is someone's words, not the article's syntax
    return text[0] in "\"'\u201c\u2018\u00ab"


def fragment_rules() -> Iterator[Rule]:
    """Each rule with an MT sentence it must flag (no fix: the editor rewrites) and a near miss."""
    origin = __name__
    yield Rule("fragment/no-finite-verb", "fragment", (
        Example.flagged("Swelling of the ankles in the evening after a long day."),
        Example.ok("Swelling of the ankles is common in the evening after a long day."),
        Example.ok("Lower the salt in your meals and soups."),
        Example.ok("or a feeling of pressure in the middle of the chest"),
        Example.ok("A spokesman for the U.S."),
        Example.ok("Close contact: a person within two metres of a case for fifteen minutes."),
        # verbs the tagger reads as nouns (hidden_verbs.py): imperatives, a demonstrative or a
        # noun tagged as an adjective before the verb, a past tense read as a participle
        Example.ok("Lather hands with soap and rub them between the fingers."),
        Example.ok("Scrub for 20 seconds under running water."),
        Example.ok("This results in early-onset familial Parkinson disease."),
        Example.ok("Tumors involving the retina result in loss of vision in the upper part of "
                   "the visual field."),
        Example.ok("Strict measures to contain the pandemic cause large economic costs."),
        Example.ok("In the 1950s, equine coronavirus diverged from its ancestor after a jump "
                   "between species."),
        # a noun that can be a verb is still a noun here
        Example.flagged("Joint pains in the evening after a long walk."),
        Example.flagged("Pain for two weeks after the fall."),
    ), origin)
    yield Rule("fragment/no-subject", "fragment", (
        Example.flagged("Raises the level of sugar in the blood."),
        Example.ok("It raises the level of sugar in the blood."),
        Example.ok("In the worst affected countries including Spain and France, lockdowns like in "
                   "China, have been imposed."),
    ), origin)
    yield Rule("fragment/inverted-subject", "fragment", (
        Example.flagged("With age in the cartilage decreases the amount of water."),
        Example.flagged("For children is advised a shorter course of treatment."),
        Example.ok("With age, the amount of water in the cartilage decreases."),
    ), origin)
    yield Rule("fragment/broken-passive", "fragment", (
        Example.flagged("What can be provoked headaches."),
        Example.flagged("The patient was put a catheter after the operation."),
        Example.ok("They are enveloped viruses with a single-stranded RNA genome."),
        Example.ok("Patients may be given painkillers after surgery."),
        Example.ok("Blood samples were taken a median of three days after admission."),
    ), origin)
    yield Rule("fragment/verbless-clause", "fragment", (
        Example.flagged("When varicose veins, the legs swell in the evening."),
        Example.ok("If possible, rest the knee after walking."),
    ), origin)


@check(CheckSpec(
    name="fragment",
    description="Sentence fragments and broken clause structure read off the dependency parse "
                "(a dropped verb or subject, Russian word order).",
    categories=(Category("fragment", 1.0, "#ffc6ff", "a sentence without a verb or subject"),),
    order=40,
    rules=fragment_rules,
))
class FragmentCheck(Check):
    """Flag sentences with no finite verb, no subject, an inverted subject or a verbless clause."""

    source = "parser"

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        self.words = lexicon(config)

    def check(self, adoc: AnalysedDocument) -> Iterable[Issue]:
        for sentence in adoc.sentences():
            if _exempt(sentence):
                continue
            yield from self._check_sentence(sentence)

    def _check_sentence(self, sentence: Sentence) -> Iterator[Issue]:
        span = sentence.span
        words = _words(span)
        if len(words) < 2 or _is_title_like(words):
            return
        root = span.root
        issue = (
            self._no_finite_verb(sentence, words, root)
            or self._missing_subject(sentence, words, root)
            or self._broken_passive(sentence, root)
        )
        if issue:
            yield issue
        yield from self._verbless_clauses(sentence)

    def _issue(self, sentence: Sentence, start: int, end: int, rule: str, message: str,
               confidence: float) -> Issue:
        return Issue(
            start=start,
            end=end,
            category="fragment",
            rule=f"fragment/{rule}",
            message=message,
            source=self.source,
            confidence=confidence,
            context=sentence.text,
        )

    def _sentence_issue(self, sentence: Sentence, rule: str, message: str,
                        confidence: float) -> Issue:
        span = sentence.span
        while len(span) > 1 and span[-1].is_space:
            span = span[:-1]
        start, end = sentence.block.span_offsets(span)
        return self._issue(sentence, start, end, rule, message, confidence)

    def _no_finite_verb(self, sentence: Sentence, words: list[Token], root: Token) -> Issue | None:
        """No finite verb anywhere: "Why the calves when walking?"."""
        if len(words) < 4:
            return None  # "Not always.", "Yes, in most cases." are normal short answers
        if any(t.tag_ in FINITE_TAGS for t in sentence.span):
            return None
        if root.tag_ == "VB" or words[0].tag_ == "VB" or misread_imperative(words, self.words):
            return None  # imperative: "Drink more water.", "Lather hands with soap."
        if mistagged_verb(root) or hidden_verb(sentence.span, self.words) or \
                past_tense_read_as_participle(sentence.span, self.words) or \
                any(c.dep_ == "dobj" for c in root.children):  # "Lower the volume ...": a verb
            return None
        confidence = 0.8 if root.pos_ in ("NOUN", "PROPN", "ADJ") else 0.7
        return self._sentence_issue(
            sentence, "no-finite-verb",
            "This sentence has no finite verb; it reads as a fragment. Add a verb or join it "
            "to the sentence before.",
            confidence,
        )

    def _missing_subject(self, sentence: Sentence, words: list[Token], root: Token) -> Issue | None:
        """A finite main verb with nothing before it that could be its subject."""
        if root.pos_ not in ("VERB", "AUX") or _has_subject(root):
            return None
        finite = _finite_of(root)
        # VBP and VB are ambiguous with imperatives ("Take ...", "Avoid ..."); only VBZ/VBD are
        # unambiguously finite without a subject.
        if finite is None or finite.tag_ not in ("VBZ", "VBD"):
            return None
        if sentence.text.rstrip().endswith("?"):
            return None  # questions invert on purpose
        if any(t.dep_ in SUBJECT_DEPS for t in sentence.span):
            return None  # a subject elsewhere: the parse is unsure, stay silent
        if self.words.verbs and finite.tag_ == "VBZ" and finite.pos_ == "VERB" and \
                not self.words.can_be_verb(finite.lower_):
            return None  # "antibodies" tagged VBZ: a plural noun, not a verb ("is" is an AUX)
        before = [t for t in words if t.i < finite.i]
        if _bare_noun_before(before):
            return None
        commas = [t.i for t in sentence.span if t.text == "," and t.i < finite.i]
        # what stands right before the verb, after any fronted phrase closed by a comma
        tail = [t for t in before if not commas or t.i > commas[-1]]
        if all(t.pos_ in PRE_VERB_FILLER for t in tail):
            return self._sentence_issue(
                sentence, "no-subject",
                f"'{finite.text}' has no subject; say who or what {finite.text.lower()}.",
                0.75 if not before else 0.65,
            )
        if commas or root.lemma_ == "be" or not _fronted_phrase_only(before, root):
            return None  # "Among the causes are ...": inversion after a PP is fine with "be"
        if not _object_after(root):
            return None
        return self._sentence_issue(
            sentence, "inverted-subject",
            f"Russian word order: nothing before '{root.text}' is its subject; the noun after "
            "it probably is. Put the subject first ('Acid accumulates in ...', not 'In ... "
            "accumulates acid').",
            0.6,
        )

    def _broken_passive(self, sentence: Sentence, root: Token) -> Issue | None:
        """A passive that still carries an object: "What can be caused convulsions"."""
        if root.tag_ != "VBN" or root.lemma_ in DITRANSITIVE:
            return None
        if not any(c.dep_ == "auxpass" for c in root.children):
            return None
        # The object must follow the verb, only its own modifiers between: a parse that reaches
        # over a clause ("caused by mutations in the ZEB2 (also known as ...) gene") is no
        # evidence. After
        # "what", spaCy reads the stranded object as a dobj or an npadvmod.
        wh_subject = any(c.dep_ == "nsubjpass" and c.tag_ in ("WP", "WDT") for c in root.children)
        object_deps = ("dobj", "npadvmod") if wh_subject else ("dobj",)
        objects = [c for c in root.children
                   if c.dep_ in object_deps and c.pos_ in ("NOUN", "PROPN") and c.i > root.i
                   and c.lemma_.lower() not in MEASURE_NOUNS
                   and all(t.pos_ in NOUN_PHRASE_POS for t in root.doc[root.i + 1 : c.i])]
        if not objects or not wh_subject and not any(
                t.pos_ == "DET" for t in root.doc[root.i + 1 : objects[0].i]):
            return None  # "They are enveloped viruses": a participle before a bare noun is its
            # adjective as often; the calque's object has its determiner ("was put a catheter")
        return self._sentence_issue(
            sentence, "broken-passive",
            f"A passive '{root.text}' cannot take the object '{objects[0].text}'; use the active "
            "voice or make the object the subject.",
            0.6,
        )

    def _verbless_clauses(self, sentence: Sentence) -> Iterator[Issue]:
        """A clause conjunction followed only by a noun phrase: "When flat-footedness, ..."."""
        tokens = list(sentence.span)
        for k, tok in enumerate(tokens):
            if tok.lower_ not in CLAUSE_CONJUNCTIONS:
                continue
            opens_clause = k == 0 or tokens[k - 1].text in (",", ";", "-", "\u2013", "\u2014")
            if not opens_clause and not all(t.is_punct or t.pos_ == "CCONJ" for t in tokens[:k]):
                continue
            clause: list[Token] = []
            for t in tokens[k + 1 :]:
                if t.text == ",":
                    break
                clause.append(t)
            else:
                continue  # no comma closes the clause: not an introductory clause
            if not clause or len(_words(clause)) > MAX_VERBLESS_CLAUSE or clause[0].pos_ == "ADP":
                continue  # "when in doubt", "if in pain": set phrases
            if any(t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB") for t in clause):
                continue
            if hidden_verb([tok, *clause], self.words):
                continue  # "when the pain increases," with "increases" tagged as a noun
            if not any(t.pos_ in ("NOUN", "PROPN") for t in clause):
                continue  # "if possible", "when pregnant", "if untreated"
            start = sentence.block.char_start(tok)
            end = sentence.block.char_end(clause[-1])
            word = tok.text.lower()
            yield self._issue(
                sentence, start, end, "verbless-clause",
                f"The clause after '{tok.text}' has no verb; say what happens (e.g. '{word} a "
                f"person has ...', '{word} there is ...').",
                0.7,
            )
