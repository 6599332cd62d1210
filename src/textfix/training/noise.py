"""A noise model of Russian→English machine-translation errors, for rewrite training pairs.

The rewrite model learns to turn MT-style English into fluent English, but there are few real
(MT, fluent) pairs about health. So clean health sentences are corrupted the way MT corrupts
them and the model learns the way back. Each noise is one small function ``(text, rng) -> text``
that returns the text unchanged when it does not apply, with a probability of being tried
(``NOISES``). ``corrupt`` is seeded and deterministic: the same sentence and seed always give the
same corruption.

The calque noise reads the project's own lexicon (``data/calques.yaml``) backwards: where a clean
sentence has an entry's fluent suggestion ("heavy bleeding", "in the body"), the entry's literal
translation is written instead ("abundant bleeding", "in the organism"). New lexicon entries thus
become training data without code changes.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..lexicon import inflect_verb, load_entries, shipped

NoiseFn = Callable[[str, random.Random], str]

WORD_RE = re.compile(r"[A-Za-z][\w'-]*")
_GROUP_RE = re.compile(r"\(([^()]*)\)|(\S+)")
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
VERB_TAGS = ("VB", "VBZ", "VBD", "VBG")
FUNCTION_WORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "into", "about",
    "as", "and", "or", "it", "is", "are", "this", "that", "these", "those", "its", "their",
    "your", "his", "her", "out", "up",
})


# --------------------------------------------------------------------------- calques in reverse


@dataclass(frozen=True)
class _Atom:
    """One position of a calque pattern, as needed to write it out (not to match it)."""

    words: tuple[str, ...] = ()  # alternatives (lemmas or exact forms); empty for a slot
    slot: str | None = None
    optional: bool = False
    verb: bool = False  # tagged :VERB: inflected like the suggestion's {v:...}
    noun: bool = False  # tagged :NOUN: the word made plural for {s}
    exact: bool = False  # =form: written as is, never inflected


@dataclass(frozen=True)
class CalqueRule:
    """A fluent phrase (regex over a clean sentence) and the literal pattern to write instead."""

    entry_id: str
    fluent: re.Pattern[str]
    atoms: tuple[tuple[_Atom, ...], ...]  # required pieces; a piece of several atoms is a group
    verb_lemma: str | None  # the fluent side's {v:lemma}: inflect the pattern's verb alike
    plural_form: str | None  # the plural of the fluent side's {pl:plural|singular}


def _parse_pattern(pattern: str) -> tuple[tuple[_Atom, ...], ...] | None:
    """Pieces of a pattern; None for what cannot be written out (``_``, "be" + participle)."""
    pieces: list[tuple[_Atom, ...]] = []
    for group, atom in _GROUP_RE.findall(pattern):
        texts = group.split() if group else [atom]
        atoms = []
        for text in texts:
            parsed = _parse_atom(text)
            if parsed is None:
                return None
            atoms.append(parsed)
        if group:
            atoms = [replace(a, optional=True) for a in atoms]
        pieces.append(tuple(atoms))
    return tuple(pieces)


def _parse_atom(text: str) -> _Atom | None:
    optional = text[-1] in "?*" and len(text) > 1
    text = text.rstrip("+*?").lstrip("^")
    if text.startswith("{"):
        head = text[1:-1].partition(":")[0]
        name, _, alts = head.partition("=")
        return _Atom(tuple(alts.split("|")) if alts else (), name, optional)
    word, _, pos = text.partition(":")
    words = tuple(w.lstrip("=").lower() for w in word.split("|"))
    if "_" in words or "be" in words:
        return None
    tags = pos.split("|")
    return _Atom(words, None, optional, "VERB" in tags, "NOUN" in tags, "=" in word)


def _fluent_regex(template: str, slots: dict[str, tuple[str, ...]], at_start: bool) -> str | None:
    """A regex finding a suggestion's text in clean English; None if it has no literal word."""
    literal = WORD_RE.findall(_PLACEHOLDER_RE.sub(" ", template))
    if not literal or (len(literal) == 1 and literal[0].lower() in FUNCTION_WORDS):
        return None  # "with" or "{x}" alone would turn every "with" or any word into a calque
    out, pos = [], 0
    for m in _PLACEHOLDER_RE.finditer(template):
        out.append(re.escape(template[pos : m.start()]))
        name = m.group(1)
        if name == "s":
            out.append("(?P<_s>s?)")
        elif name.startswith("pl:"):
            plural, _, singular = name[3:].partition("|")
            out.append(f"(?P<_pl>{re.escape(plural)}|{re.escape(singular)})")
        elif name.startswith("v:"):
            forms = "|".join(dict.fromkeys(inflect_verb(name[2:], t) for t in VERB_TAGS))
            out.append(f"(?P<_v>{forms})")
        elif slots.get(name):
            out.append(f"(?P<{name}>{'|'.join(re.escape(a) for a in slots[name])})")
        else:
            out.append(rf"(?P<{name}>[A-Za-z][\w-]*)")
        pos = m.end()
    out.append(re.escape(template[pos:]))
    body = "".join(out)
    return ("^" if at_start else r"(?<![\w-])") + body + r"(?![\w-])"


@lru_cache(maxsize=4)
def calque_rules(paths: tuple[Path, ...] = ()) -> tuple[CalqueRule, ...]:
    """Reverse rules from the shipped calque lexicon (and extra files), built once."""
    rules = []
    for entry in load_entries([shipped("calques.yaml"), *paths]):
        for pattern in entry.patterns:
            pieces = _parse_pattern(pattern)
            if pieces is None:
                continue
            slots = {a.slot: a.words for piece in pieces for a in piece if a.slot}
            if any(a.slot and not a.words for piece in pieces for a in piece) and not all(
                "{" + s + "}" in " ".join(entry.suggestions) for s in slots
            ):
                continue
            at_start = pattern.lstrip().startswith("^")
            for suggestion in entry.suggestions:
                regex = _fluent_regex(suggestion, slots, at_start)
                if regex is None:
                    continue
                verb = re.search(r"\{v:(\w+)\}", suggestion)
                plural = re.search(r"\{pl:([^|}]+)\|", suggestion)
                rules.append(CalqueRule(entry.id, re.compile(regex, re.IGNORECASE), pieces,
                                        verb.group(1) if verb else None,
                                        plural.group(1).lower() if plural else None))
    return tuple(rules)


def _plural(word: str) -> str:
    if re.search(r"(s|sh|ch|x|z)$", word):
        return word + "es"
    return word[:-1] + "ies" if re.search(r"[^aeiou]y$", word) else word + "s"


def _write_calque(rule: CalqueRule, match: re.Match[str], rng: random.Random) -> str:
    groups = match.groupdict()
    tag = "VB"
    if rule.verb_lemma and groups.get("_v"):
        form = groups["_v"].lower()
        tag = next((t for t in VERB_TAGS if inflect_verb(rule.verb_lemma, t) == form), "VB")
    plural = bool(groups.get("_s")) or (
        rule.plural_form is not None and (groups.get("_pl") or "").lower() == rule.plural_form
    )
    chosen: list[tuple[_Atom, str]] = []
    for piece in rule.atoms:
        if any(a.optional for a in piece) and rng.random() < 0.5:
            continue
        for atom in piece:
            if atom.slot:
                value = groups.get(atom.slot) or ""
                if value:
                    chosen.append((atom, value))
                continue
            words = atom.words
            if atom.exact and len(words) > 1:  # "=reason|=reasons": the form that agrees
                words = tuple(w for w in words if w.endswith("s") == plural) or words
            chosen.append((atom, rng.choice(words)))
    if not chosen:
        return match.group(0)
    literal = [i for i, (a, _) in enumerate(chosen) if not a.slot]
    if rule.verb_lemma and literal:
        verbs = [i for i in literal if chosen[i][0].verb] or literal[:1]
        atom, word = chosen[verbs[0]]
        chosen[verbs[0]] = (atom, inflect_verb(word, tag))
    nouns = [i for i in literal if chosen[i][0].noun] or [
        i for i in literal if chosen[i][1] not in FUNCTION_WORDS and not chosen[i][0].verb]
    if plural and nouns and not chosen[nouns[-1]][0].exact:
        atom, word = chosen[nouns[-1]]
        chosen[nouns[-1]] = (atom, _plural(word))
    text = " ".join(w for _, w in chosen)
    text = re.sub(r"\s+-\s+", "-", text)
    if match.group(0)[:1].isupper():
        text = text[:1].upper() + text[1:]
    return text


def calque(text: str, rng: random.Random) -> str:
    """Write a lexicon calque in place of its fluent form: "heavy bleeding" → "abundant
    bleeding", "in the body" → "in the organism" (one phrase per call)."""
    found = [(rule, m) for rule in calque_rules() for m in rule.fluent.finditer(text)]
    if not found:
        return text
    rule, match = rng.choice(found)
    return text[: match.start()] + _write_calque(rule, match, rng) + text[match.end() :]


# --------------------------------------------------------------------------- other noises

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


def repetition(text: str, rng: random.Random) -> str:
    """Repeat a word, or a content word a few words later, as MT does: "the the pain",
    "pain in the legs when walking legs"."""
    words = list(WORD_RE.finditer(text))
    if len(words) < 3:
        return text
    m = rng.choice(words)
    if rng.random() < 0.5 or len(m.group(0)) < 4:
        return text[: m.end()] + " " + m.group(0) + text[m.end() :]
    later = [w for w in words if w.start() > m.end()][:4]
    if not later:
        return text[: m.end()] + " " + m.group(0) + text[m.end() :]
    at = rng.choice(later)
    return text[: at.end()] + " " + m.group(0).lower() + text[at.end() :]


def drop_article(text: str, rng: random.Random) -> str:
    """Drop one or two articles (Russian has none): "the pain in the leg" → "pain in leg"."""
    hits = list(ARTICLES_RE.finditer(text))
    if not hits:
        return text
    for m in sorted(rng.sample(hits, min(len(hits), rng.choice((1, 1, 2)))),
                    key=lambda m: -m.start()):
        rest = text[m.end() :]
        if m.start() == 0:
            rest = rest[:1].upper() + rest[1:]
        text = text[: m.start()] + rest
    return text


def drop_subject(text: str, rng: random.Random) -> str:
    """Drop a pronoun subject at the start, as Russian allows: "It can cause pain" → "Can
    cause pain"."""
    m = PRONOUN_SUBJECT_RE.match(text)
    if not m:
        return text
    rest = text[m.end() :]
    return rest[:1].upper() + rest[1:]


def wrong_preposition(text: str, rng: random.Random) -> str:
    """Swap a preposition for one a literal translation picks: "in the morning" → "at the
    morning", "allergy to" → "allergy for"."""
    hits = list(PREPOSITION_RE.finditer(text))
    if not hits:
        return text
    m = rng.choice(hits)
    return text[: m.start()] + rng.choice(PREPOSITION_SWAPS[m.group(1)]) + text[m.end() :]


def wrong_agreement(text: str, rng: random.Random) -> str:
    """Break subject-verb agreement: "the symptoms are" → "the symptoms is"."""
    hits = list(AGREEMENT_RE.finditer(text))
    if not hits:
        return text
    m = rng.choice(hits)
    return text[: m.start()] + AGREEMENT_SWAPS[m.group(1)] + text[m.end() :]


def adverb_order(text: str, rng: random.Random) -> str:
    """Put the adverb before the auxiliary, Russian order: "is usually caused" → "usually is
    caused", "can also help" → "also can help"."""
    hits = list(AUX_ADVERB_RE.finditer(text))
    if not hits:
        return text
    m = rng.choice(hits)
    aux, adverb = m.group(1), m.group(2)
    if m.start() == 0 or text[m.start() - 1 : m.start()] == "":
        aux, adverb = aux.lower(), adverb.capitalize()
    return text[: m.start()] + f"{adverb} {aux}" + text[m.end() :]


def inversion(text: str, rng: random.Random) -> str:
    """Front the place or time and put the verb before its subject, Russian order: "Pain
    appears in the leg at night." → "In the leg at night appears pain."."""
    m = SUBJECT_VERB_PP_RE.match(text)
    if not m:
        return text
    subj = m.group("subj")
    if not subj.isupper():
        subj = subj[:1].lower() + subj[1:]
    pp = m.group("pp")
    return f"{pp[:1].upper()}{pp[1:]} {m.group('verb')} {subj}{m.group('end')}"


@dataclass(frozen=True)
class Noise:
    name: str
    probability: float  # chance that ``corrupt`` tries this noise on a sentence
    fn: NoiseFn


NOISES: tuple[Noise, ...] = (
    Noise("calque", 0.6, calque),
    Noise("repetition", 0.15, repetition),
    Noise("drop_article", 0.3, drop_article),
    Noise("drop_subject", 0.3, drop_subject),
    Noise("wrong_preposition", 0.2, wrong_preposition),
    Noise("wrong_agreement", 0.2, wrong_agreement),
    Noise("adverb_order", 0.3, adverb_order),
    Noise("inversion", 0.5, inversion),
)


def corrupt(text: str, seed: int | random.Random, noises: Sequence[Noise] = NOISES,
            attempts: int = 3) -> tuple[str, list[str]]:
    """The sentence with MT-style errors and the names of the noises that changed it.

    Noises are tried in order, each with its probability; if none changed the sentence, up to
    ``attempts`` more rounds are made. Returns ``(text, [])`` when nothing applies.
    """
    rng = seed if isinstance(seed, random.Random) else random.Random(seed)
    for _ in range(attempts):
        out, applied = text, []
        for noise in noises:
            if rng.random() < noise.probability:
                changed = noise.fn(out, rng)
                if changed != out:
                    out = changed
                    applied.append(noise.name)
        if applied:
            return out, applied
    return text, []


def noisy_pairs(sentences: Iterable[str], seed: int = 0,
                keep_clean: float = 0.1) -> list[tuple[str, str, list[str]]]:
    """(noisy, clean, noises) for each sentence; a share ``keep_clean`` stays unchanged so the
    model also learns to leave fluent English alone."""
    rng = random.Random(seed)
    pairs = []
    for sentence in sentences:
        if rng.random() < keep_clean:
            pairs.append((sentence, sentence, []))
            continue
        noisy, applied = corrupt(sentence, rng)
        pairs.append((noisy, sentence, applied))
    return pairs
