"""Engine flags that are false alarms on clean native English, told apart by the text around them.

Measured on the tuning half of ``scripts/clean_text_flags.py`` (TICO-19's English, held-out
MedQuAD) and on the TICO-19 sentences outside either half; each rule here has a must-not-flag
example in ``rules.py``:

- a text written wholly in lower case (a transcript, a chat line, an ASR segment: TICO-19's
  spoken phrases "and are you having a runny nose?") uses no capitals on purpose; "capitalise
  the sentence" and "capitalise 'i'" on each of its sentences say nothing an editor can act on
  sentence by sentence. A lower-case start in a text that does use capitals is still flagged,
  and so is one in a lower-case text that closes with a full stop or "!": that is prose typed
  without capitals, not a transcript (of TICO-19's 168 lower-case segments 3 end with a full
  stop, 141 of them spoken phrases; of JFLEG dev's 82 lower-case learner essays' lines most do).
  A sentence of such a text that is being corrected anyway (a misspelling, a wrong verb form)
  is brought to standard capitals along with the rest (``capitals_beside_corrections``): the
  writer of "i recieve alot of mails" did not choose lower case. On JFLEG's even (tuning)
  half the references confirmed 33 of the 37 sentence capitalisations harper proposed and
  textfix had dropped; the piggyback adds no flagged sentence anywhere, by construction.
- a word joined to the text before it by a dot, slash or at sign ("newtimes.ru", "r/science",
  "@who") or to the text after it by a slash ("u/...") opens no sentence: a domain, a path, a
  handle. Their capitalisation flags were 7 of the 18 edits textfix applied to 2,000 MLQE-PE
  train sentences, none of them made by the post-editors.
- a segment with a single double quote: a quotation that runs over several sentences or
  segments opens in one and closes in another, so one unpaired mark is no error by itself.
- "had had", "that that" are grammatical doublings; "A A" is a pair of initials.
- joining a word with an acronym ("the NCE" -> "theNCE") makes no word.
- a single letter, an HTML entity's name or a hashtag is no word to spell.
- "I" after a capitalised word is a Roman numeral ("Phase I trials", "Type I diabetes"), not the
  pronoun a verb agrees with.
- a modal after a question word has its subject after it ("How might vernal keratoconjunctivitis
  be treated?": MedQuAD asks this of hundreds of conditions), so an adjective there is the
  subject's, not a missing "be".
"""

from __future__ import annotations

import re

from .match import GrammarMatch
from .vocabulary import is_acronym

# Capitalisation rules: harper's lint kind, and LanguageTool's ids for the same two slips
CAPITALISATION_RULES = frozenset({"SentenceCapitalization", "CapitalizePersonalPronouns",
                                  "UPPERCASE_SENTENCE_START", "I_LOWERCASE"})
QUOTE_RULES = frozenset({"UnclosedQuotes", "EN_UNPAIRED_QUOTES"})
DOUBLE_QUOTES = re.compile("[\"\u201c\u201d]")
# doublings English grammar makes: past perfect of "have", a conjunction before a demonstrative
GRAMMATICAL_DOUBLINGS = frozenset({"had had", "that that"})


def is_lower_case_text(text: str) -> bool:
    """No capital letter anywhere and no closing full stop: the writer does not use capitals
    (transcripts, chat); prose typed in lower case ends its sentences with one."""
    return any(c.isalpha() for c in text) and not any(c.isupper() for c in text) and \
        not text.rstrip().endswith((".", "!"))


def is_joined_to_a_neighbour(text: str, match: GrammarMatch) -> bool:
    """The flagged word is part of a domain, path or handle, not a sentence's first word."""
    before = text[match.start - 1 : match.start]
    after = text[match.end : match.end + 1]
    return before in (".", "/", "@") or after == "/"


def is_capitalisation(match: GrammarMatch) -> bool:
    return match.detail in CAPITALISATION_RULES or match.rule.split("/", 1)[-1] in (
        CAPITALISATION_RULES)


def is_lone_quote(text: str, match: GrammarMatch) -> bool:
    """An "unclosed quote" that is the segment's only double quote mark."""
    return match.detail in QUOTE_RULES and len(DOUBLE_QUOTES.findall(text)) == 1


def is_grammatical_doubling(text: str, match: GrammarMatch) -> bool:
    """"had had", "that that", and initials ("Hussein A A") flagged as repeated words."""
    if match.detail != "RepeatedWords":
        return False
    span = " ".join(text[match.start : match.end].split())
    words = span.split()
    return span.lower() in GRAMMATICAL_DOUBLINGS or (
        len(words) == 2 and len(words[0]) == 1 and words[0].isupper())


def joins_an_acronym(text: str, match: GrammarMatch) -> bool:
    """A merge whose parts include an acronym ("the NCE" -> "theNCE") or the tail of a token
    ("50s and" -> "sand": harper splits the digits off)."""
    if match.detail != "MergeWords":
        return False
    mid_token = match.start > 0 and text[match.start - 1].isalnum()
    return mid_token or any(
        is_acronym(w.strip(".,;:()")) for w in text[match.start : match.end].split())


def is_not_a_word(text: str, match: GrammarMatch) -> bool:
    """A spelling flag on something that is no word to spell: one letter or symbol ("50s",
    "m/s", "2.9 Å", "S proteins"), an HTML entity's name ("&lt;"), a hashtag ("#remoties")."""
    if match.kind != "spelling":
        return False
    word = text[match.start : match.end]
    before, after = text[match.start - 1 : match.start], text[match.end : match.end + 1]
    return len(word.strip()) == 1 or (before == "&" and after == ";") or before == "#"


ROMAN_ONE = re.compile(r"\b[A-Z][a-z]+ I\s+$")  # "Phase I ", "Type I "


def is_roman_numeral_agreement(text: str, match: GrammarMatch) -> bool:
    """A pronoun-verb agreement flag on the word after a Roman numeral "I" ("Phase I trials")."""
    return match.detail == "PronounVerbAgreement" and \
        ROMAN_ONE.search(text[max(0, match.start - 40) : match.start]) is not None


QUESTION_WORD_BEFORE = re.compile(r"\b(?:how|what|why|when|where|which|who)\s+$", re.IGNORECASE)


def is_inverted_modal(text: str, match: GrammarMatch) -> bool:
    """harper's "missing 'be' after a modal" on a modal a question word inverted."""
    return match.detail == "ModalBeAdjective" and \
        QUESTION_WORD_BEFORE.search(text[max(0, match.start - 12) : match.start]) is not None


def capitals_beside_corrections(text: str, sentences: list[tuple[int, int]],
                                matches: list[GrammarMatch],
                                kept: list[GrammarMatch]) -> list[GrammarMatch]:
    """The capitalisation flags a lower-case text drops, back in the sentences (character
    spans) where another flag is kept: the sentence is being corrected anyway."""
    if not is_lower_case_text(text):
        return []
    corrected = [(s, e) for s, e in sentences
                 if any(s <= m.start < e and not is_capitalisation(m) for m in kept)]
    return [m for m in matches
            if is_capitalisation(m) and not is_joined_to_a_neighbour(text, m)
            and any(s <= m.start < e for s, e in corrected)]


def is_native_usage(text: str, match: GrammarMatch) -> bool:
    """Whether the flag is one of the false alarms above (``text``: the whole block)."""
    return ((is_capitalisation(match)
             and (is_lower_case_text(text) or is_joined_to_a_neighbour(text, match)))
            or is_lone_quote(text, match)
            or is_grammatical_doubling(text, match)
            or joins_an_acronym(text, match)
            or is_not_a_word(text, match)
            or is_roman_numeral_agreement(text, match)
            or is_inverted_modal(text, match))


__all__ = ["capitals_beside_corrections", "is_native_usage", "is_lower_case_text"]
