"""The same content word twice in a short stretch of one sentence.

Machine translation often renders a Russian word and its echo with one English lemma ("Legs
walking when walking", "the pathology is caused by such pathologies"). Rewriting such a sentence
needs an editor, so the check only names the word; the one repair it computes itself is an
immediately doubled word ("the the"), where dropping the second copy is always right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..catalogue import Category, CheckSpec, Source, check
from ..example import Example, Rule
from ..records import Issue, Suggestion
from ..stages.analyse import AnalysedDocument, Sentence, stop_words
from .base import Check

if TYPE_CHECKING:
    from spacy.tokens import Token

CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN"})
# Largest token distance (punctuation included) at which a repeat is flagged, by word class.
# Tuned on MedQuAD: clean clinical prose re-mentions nouns freely ("the protein ... this
# protein"), so nouns need to be close; the same verb twice in a few words is rarely intended.
WINDOW = {"VERB": 6, "NOUN": 5, "PROPN": 5, "ADJ": 4, "ADV": 4}
MODIFIER_WINDOW = 2  # "heart causes heart disease": a noun modifier echoing a nearby noun
# Words whose doubling is grammatical: "he said that that was fine", "she had had surgery".
DOUBLING_ALLOWED = frozenset({"that", "had"})
# "step by step", "day after day", "side to side", "from time to time", "hand in hand"
IDIOM_LINKS = frozenset({"by", "after", "to", "for", "upon", "in", "on", "over", "and", "or"})
# Separators across which a repeat is a list or a restatement, not an echo.
BARRIERS = frozenset({",", ":", ";", "(", ")", "[", "]", "\u2013", "\u2014", "/"})
# A relative clause often restates its head noun ("a protein that activates other proteins").
RELATIVE_WORDS = frozenset({"that", "which", "who", "whom", "whose", "where"})
# "a form of pentosuria called drug-induced pentosuria": naming repeats the name on purpose.
NAMING_WORDS = frozenset({"called", "named", "termed", "known"})
# "genes interact with other genes": a contrast between members of a class, not an echo.
CONTRAST_WORDS = frozenset({"other", "another"})
# Comparisons and examples repeat a word on purpose: "younger adults than older adults",
# "zinc as zinc oxide", "services such as doctor's services", "glands include glands that ...".
COMPARISON_WORDS = frozenset({"than", "as", "like", "versus", "vs", "from", "include",
                              "includes", "including"})
# Lemmas that recur by nature in clinical prose ("type 1 diabetes ... type 2").
GENERIC_LEMMAS = frozenset({"type", "percent", "year", "month", "week", "day", "hour", "time",
                            "level", "number", "case", "people", "person"})
# Dependencies that attach a modifier to the noun it names ("blood cell", "heart disease").
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss", "nummod"})


def _is_content(token: Token) -> bool:
    if token.pos_ not in CONTENT_POS or token.is_stop or not token.is_alpha or len(token) < 3:
        return False
    lemma = token.lemma_.lower()
    return lemma not in stop_words() and lemma not in GENERIC_LEMMAS


def _same_word(first: Token, second: Token) -> bool:
    """Same lemma, or the same spelling the tagger lemmatised two ways ("cramping" N and V)."""
    return first.lemma_.lower() == second.lemma_.lower() or first.lower_ == second.lower_


def _phrase_head(token: Token) -> Token:
    while token.dep_ in MODIFIER_DEPS and token.head is not token:
        token = token.head
    return token


def _coordinated(first: Token, second: Token) -> bool:
    """Parallel phrases ("red blood cells, white blood cells") repeat words on purpose."""
    a, b = _phrase_head(first), _phrase_head(second)
    if a is b and first.dep_ in MODIFIER_DEPS and second.dep_ in MODIFIER_DEPS:
        return False
    return b in a.conjuncts or a in b.conjuncts or b.head is a and b.dep_ == "appos"


NAMING_DEPS = frozenset({"compound", "amod", "nmod"})


def _own_modifiers(token: Token) -> set[str]:
    """Lemmas of the modifiers that name which thing the token's phrase is ("cystic" duct)."""
    head = _phrase_head(token)
    lemma = token.lemma_.lower()
    return {c.lemma_.lower() for c in head.children
            if c.dep_ in NAMING_DEPS and c.i != token.i and c.lemma_.lower() != lemma}


NUMBERED = re.compile(r"^(?:[IVX]+|\d+[a-z]?)$")  # "angiotensin I", "type 2", "factor VIII"


def _numbered_names(first: Token, second: Token) -> bool:
    """Both followed by a different number or Roman numeral: two members of a series
    ("converts angiotensin I to angiotensin II", "type 1 and type 2 diabetes")."""
    doc = first.doc
    if second.i + 1 >= len(doc):
        return False
    a, b = doc[first.i + 1].text, doc[second.i + 1].text
    return a != b and NUMBERED.match(a) is not None and NUMBERED.match(b) is not None


def _distinct_terms(first: Token, second: Token) -> bool:
    """Each occurrence is part of a term of its own: "heart problem, heart disease", "similar
    symptoms through a similar mechanism", "the cystic duct to the common bile duct", "touch
    the touch screen". Naming two things is not an echo of one."""
    a_mod, b_mod = first.dep_ in NAMING_DEPS, second.dep_ in NAMING_DEPS
    if a_mod and b_mod:
        return first.head.lemma_.lower() != second.head.lemma_.lower()
    if a_mod != b_mod and first.pos_ != second.pos_:
        return True  # a verb and a compound noun: "touch" / "touch screen"
    mods_a, mods_b = _own_modifiers(first), _own_modifiers(second)
    return bool(mods_a and mods_b and mods_a.isdisjoint(mods_b))


def _heading_run_in(first: Token, second: Token) -> bool:
    """A capitalised word inside the sentence marks a heading run into its paragraph
    ("Family History Family history plays ...", "Intraocular retinoblastoma In intraocular
    retinoblastoma, ...", "Radiation therapy Radiation therapy is ...") or a title ("read more
    at Smoking and Your Heart"): the repeat crosses the heading's end or names the title."""
    doc = first.doc
    opening = doc[first.sent.start].lower_
    for t in doc[first.i + 1 : second.i + 1]:
        if t.is_sent_start or not t.text[:1].isupper() or t.is_upper:
            continue
        if t.pos_ in ("ADP", "DET", "PRON", "CCONJ", "SCONJ") or t.i == second.i or \
                t.lower_ == opening:
            return True
    return False


def _between_blocks(tokens: list[Token], nominal: bool) -> bool:
    """Lists, asides, contrasts ("cancer, not lung cancer") and coordinations separate repeats."""
    if any(t.text in BARRIERS or t.pos_ in ("CCONJ", "NUM") for t in tokens):
        return True
    if any(t.text in ("-", "--") and t.whitespace_ for t in tokens):
        return True  # a spaced hyphen is a dash or a bullet, unlike "disease-like"
    return nominal and any(
        t.lower_ in RELATIVE_WORDS | CONTRAST_WORDS | NAMING_WORDS for t in tokens
    )


def _clause_verb(token: Token) -> Token | None:
    """The nearest verb above the token: whose argument (or argument's modifier) it is."""
    return next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _refers_back(first: Token, second: Token) -> bool:
    """A noun taken up again with a demonstrative or "the" as another verb's argument ("washing
    hands is to cleanse the hands of germs"), or as the subject of a new clause ("soap when soap
    is not available"): a reference back, not an echo."""
    if first.pos_ != "NOUN" or second.pos_ != "NOUN":
        return False
    if second.dep_ in ("nsubj", "nsubjpass") and \
            any(t.pos_ == "SCONJ" for t in first.doc[first.i + 1 : second.i]):
        return True
    determiners = {c.lower_ for c in second.children if c.dep_ == "det"}
    return bool(determiners & {"the", "this", "these", "that", "those"}) and \
        _clause_verb(first) is not _clause_verb(second)


def _window(first: Token, second: Token) -> int:
    if first.pos_ in ("NOUN", "PROPN") and (
        first.dep_ in MODIFIER_DEPS or second.dep_ in MODIFIER_DEPS
    ):
        return MODIFIER_WINDOW
    return min(WINDOW.get(first.pos_, 4), WINDOW.get(second.pos_, 4))


def _confidence(distance: int, window: int) -> float:
    """Closer repeats are more surely an echo: 0.85 when 2 apart, 0.5 at the window's edge."""
    return round(0.85 - 0.35 * (distance - 2) / max(1, window - 2), 3)


def repetition_rules() -> Iterator[Rule]:
    """Each rule with a sentence it must flag and a near miss it must leave alone."""
    origin = __name__
    yield Rule("repetition/doubled-word", "repetition", (
        Example.flagged("Drink a glass of water before the the meal.",
                        fix="Drink a glass of water before the meal."),
        Example.ok("She said that that diet helped her knees."),
        Example.ok("The forum was all blah blah blah about diets, so I asked a nurse."),
        Example.ok("The nurse said bye bye to the children and closed the door."),
    ), origin)
    yield Rule("repetition/same-word", "repetition", (
        Example.flagged("Knees aching when aching at night."),
        Example.ok("The pain comes back day after day."),
        Example.ok("Similar viruses cause similar symptoms in bats."),
        Example.ok("The bile passes through the cystic duct to the common bile duct."),
        Example.ok("Family History Family history plays a role in the risk of heart disease."),
        Example.ok("Gene therapy Gene therapy is a way to treat a disease by changing genes."),
        Example.ok("Learn more about quitting smoking at Smoking and Your Lungs."),
        Example.ok("Use water and soap when soap is at hand."),
        Example.ok("Wash your hands often to keep the hands free of germs."),
        Example.ok("The enzyme converts angiotensin I to angiotensin II."),
    ), origin)
    yield Rule("repetition/same-lemma", "repetition", (
        Example.flagged("The swelling is caused by such swellings of the ankles."),
        Example.ok("The protein binds to other proteins in the blood."),
    ), origin)


@check(CheckSpec(
    name="repetition",
    description="The same content word twice in a short stretch of one sentence; an immediately "
                "doubled word is removed.",
    categories=(Category("repetition", 0.7, "#d4ccff", "a word echoed within a sentence"),),
    sources=(Source("parser", 0.8, description="spaCy-based rules of this project"),),
    order=30,
    rules=repetition_rules,
))
class RepetitionCheck(Check):
    """Flag doubled words and a content lemma repeated within a few tokens."""

    source = "parser"

    def check(self, adoc: AnalysedDocument) -> Iterable[Issue]:
        for sentence in adoc.sentences():
            yield from self._doubled_words(sentence)
            yield from self._repeated_lemmas(sentence)

    def _issue(self, sentence: Sentence, first: Token, second: Token, rule: str, message: str,
               confidence: float, suggestions: list[Suggestion] | None = None) -> Issue:
        return Issue(
            start=sentence.block.char_start(first),
            end=sentence.block.char_end(second),
            category="repetition",
            rule=f"repetition/{rule}",
            message=message,
            source=self.source,
            confidence=confidence,
            suggestions=suggestions or [],
            context=sentence.text,
        )

    def _doubled_words(self, sentence: Sentence) -> Iterator[Issue]:
        """"the the": the one repetition whose repair is mechanical. A word three times or more
        in a row ("blah blah blah") and a doubled interjection ("bye bye", "ha ha") are said
        that way on purpose."""
        span = sentence.span
        for k, (first, second) in enumerate(zip(span[:-1], span[1:], strict=True)):
            if not (first.is_alpha and second.is_alpha) or first.whitespace_ != " ":
                continue  # a line break between them is layout, not a typo
            if first.lower_ != second.lower_ or first.lower_ in DOUBLING_ALLOWED:
                continue
            if first.pos_ == "INTJ" and second.pos_ == "INTJ":
                continue
            neighbours = span[max(k - 1, 0) : k].text.split() + span[k + 2 : k + 3].text.split()
            if any(word.lower() == first.lower_ for word in neighbours):
                continue
            if second.text[0].isupper():
                continue  # "Antibiotics Antibiotics are ...": a heading run into its text
            yield self._issue(
                sentence, first, second, "doubled-word",
                f"'{first.text}' is written twice in a row.", 0.95,
                [Suggestion(text=first.text, source="parser", score=0.9)],
            )

    def _repeated_lemmas(self, sentence: Sentence) -> Iterator[Issue]:
        tokens = [t for t in sentence.span if _is_content(t)]
        flagged: set[str] = set()
        for k, first in enumerate(tokens):
            lemma = first.lemma_.lower()
            if lemma in flagged:
                continue
            for second in tokens[k + 1 :]:
                distance = second.i - first.i
                if distance > max(WINDOW.values()):
                    break
                if distance == 1 or not _same_word(first, second):
                    continue  # distance 1 is a doubled word, handled above
                window = _window(first, second)
                if distance > window or self._legitimate(first, second):
                    continue
                flagged.add(lemma)
                same_word = first.lower_ == second.lower_
                rule = "same-word" if same_word else "same-lemma"
                shown = f"'{first.text}'" if same_word else f"'{first.text}' / '{second.text}'"
                yield self._issue(
                    sentence, first, second, rule,
                    f"{shown} used twice within {distance + 1} words; rephrase so the idea is "
                    "said once.",
                    _confidence(distance, window),
                )
                break

    @staticmethod
    def _legitimate(first: Token, second: Token) -> bool:
        doc = first.doc
        between = list(doc[first.i + 1 : second.i])
        if len(between) == 1 and between[0].lower_ in IDIOM_LINKS:
            return True
        if not any(t.whitespace_ for t in doc[first.i : second.i]):
            return True  # one hyphenated word: "face-to-face", "side-by-side"
        if _phrase_head(second).dep_ == "attr":
            return True  # a definition: "The disorder is a rare disorder of the skin."
        if any(t.lower_ in COMPARISON_WORDS for t in between):
            return True
        if first.text[:1].isupper() and not first.is_sent_start:
            return True  # a heading run into its paragraph: "Know the Signs Knowing the signs"
        # a compound modifier is nominal whatever its tag ("Hearing aids ... who have")
        nominal = first.pos_ in ("NOUN", "PROPN") or first.dep_ == "compound"
        if _between_blocks(between, nominal) or _coordinated(first, second):
            return True
        if _distinct_terms(first, second) or _heading_run_in(first, second) or \
                _refers_back(first, second) or _numbered_names(first, second):
            return True
        # a proper name repeated is a name, not an echo ("Down syndrome ... Down")
        return first.pos_ == "PROPN" and second.pos_ == "PROPN"
