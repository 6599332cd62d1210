"""The surface families, found by regular expressions over the clean text (no parse needed):
repetition, dropped articles and subjects, random preposition swaps, broken agreement, adverb
before the auxiliary and subject–verb inversion."""

from __future__ import annotations

import re

from .core import Parsed, Site, pick
from .lexicon_calque import WORD_RE

ARTICLES_RE = re.compile(r"\b(the|a|an|The|A|An) (?=\w)")
PREPOSITION_SWAPS = {
    "in": ("on", "at"), "on": ("in", "at"), "at": ("in", "on"), "to": ("for", "in"),
    "for": ("to", "from"), "of": ("from", "for"), "from": ("of", "with"), "with": ("by", "from"),
    "by": ("with", "from"), "about": ("of", "on"), "into": ("in", "to"), "during": ("at", "in"),
}
PREPOSITION_RE = re.compile(r"\b(" + "|".join(PREPOSITION_SWAPS) + r")\b")
AGREEMENT_SWAPS = {
    "is": "are", "are": "is", "was": "were", "were": "was", "has": "have", "have": "has",
    "does": "do", "do": "does", "causes": "cause", "cause": "causes", "helps": "help",
    "help": "helps", "needs": "need", "need": "needs", "includes": "include",
    "include": "includes", "affects": "affect", "affect": "affects", "makes": "make",
    "make": "makes", "occurs": "occur", "occur": "occurs", "develops": "develop",
    "develop": "develops",
}
AGREEMENT_RE = re.compile(r"\b(" + "|".join(AGREEMENT_SWAPS) + r")\b")
PRONOUN_SUBJECT_RE = re.compile(r"^(It|They|You|We|He|She|This) (?=[a-z])")
AUXILIARIES = r"is|are|was|were|can|may|might|will|should|must|has|have|could|would|does|do"
ADVERBS = r"also|often|usually|always|sometimes|rarely|frequently|generally|typically|[a-z]+ly"
AUX_ADVERB_RE = re.compile(rf"\b({AUXILIARIES}) ({ADVERBS})\b")
INTRANSITIVE = (r"appears?|occurs?|develops?|begins?|starts?|arises?|happens?|comes?|lives?|"
                r"remains?|exists?|forms?|grows?|spreads?|lies|lie")
SUBJECT_VERB_PP_RE = re.compile(
    rf"^(?P<subj>[A-Z]\w*(?: (?!(?:{AUXILIARIES}|not|and|or|that|which|who)\b)[a-z][\w-]*){{0,3}})"
    rf" (?P<verb>{INTRANSITIVE}) "
    r"(?P<pp>(?:in|on|at|during|after|before|with|under|inside|near) [^,;:]+?)(?P<end>[.!?]?)$"
)


def repetition_sites(parsed: Parsed) -> list[Site]:
    """Repeat a word, or a content word two words later, as MT does: "the the pain", "pain in
    the legs walking legs"."""
    words = list(WORD_RE.finditer(parsed.text))
    if len(words) < 3:
        return []
    sites = []
    for k, m in enumerate(words):
        w = m.group(0)
        sites.append(Site(m.start(), m.end(), pick(f"{w} {w}")))
        if len(w) >= 4 and k + 2 < len(words):
            at = words[k + 2]
            sites.append(Site(at.start(), at.end(), pick(f"{at.group(0)} {w.lower()}")))
    return sites


def drop_article_sites(parsed: Parsed) -> list[Site]:
    """Drop an article (Russian has none): "the pain in the leg" → "pain in leg"; the site
    covers the next word too, where a reader notices the gap."""
    sites = []
    for m in ARTICLES_RE.finditer(parsed.text):
        nxt = WORD_RE.match(parsed.text, m.end())
        if nxt:
            sites.append(Site(m.start(), nxt.end(), pick(nxt.group(0))))
    return sites


def drop_subject_sites(parsed: Parsed) -> list[Site]:
    """Drop a pronoun subject at the start, as Russian allows: "It can cause pain" → "Can
    cause pain"."""
    m = PRONOUN_SUBJECT_RE.match(parsed.text)
    nxt = WORD_RE.match(parsed.text, m.end()) if m else None
    return [Site(0, nxt.end(), pick(nxt.group(0)))] if nxt else []


def wrong_preposition_sites(parsed: Parsed) -> list[Site]:
    """Swap any preposition for one a literal translation picks: "in the morning" → "at the
    morning", "allergy to" → "allergy for"."""
    return [Site(m.start(), m.end(), pick(*PREPOSITION_SWAPS[m.group(1)]))
            for m in PREPOSITION_RE.finditer(parsed.text)]


def wrong_agreement_sites(parsed: Parsed) -> list[Site]:
    """Break subject-verb agreement: "the symptoms are" → "the symptoms is"."""
    return [Site(m.start(), m.end(), pick(AGREEMENT_SWAPS[m.group(1)]))
            for m in AGREEMENT_RE.finditer(parsed.text)]


def adverb_order_sites(parsed: Parsed) -> list[Site]:
    """Put the adverb before the auxiliary, Russian order: "is usually caused" → "usually is
    caused", "can also help" → "also can help"."""
    return [Site(m.start(), m.end(), pick(f"{m.group(2)} {m.group(1).lower()}"))
            for m in AUX_ADVERB_RE.finditer(parsed.text)]


def inversion_sites(parsed: Parsed) -> list[Site]:
    """Front the place or time and put the verb before its subject, Russian order: "Pain
    appears in the leg at night." → "In the leg at night appears pain."."""
    m = SUBJECT_VERB_PP_RE.match(parsed.text)
    if not m:
        return []
    subj = m.group("subj")
    if not subj.isupper():
        subj = subj[:1].lower() + subj[1:]
    pp = m.group("pp")
    return [Site(0, len(parsed.text),
                 pick(f"{pp[:1].upper()}{pp[1:]} {m.group('verb')} {subj}{m.group('end')}"))]
