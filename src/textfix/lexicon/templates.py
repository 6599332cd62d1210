"""Suggestion templates: ``{name}`` copies a captured slot, ``{s}`` adds "s" when the matched noun
is plural, ``{pl:feet|foot}`` picks by number, ``{v:cause}`` inflects "cause" like the matched
verb ("reduces" -> "causes"); the match's initial capital is copied."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:
    from spacy.tokens import Span

    from .entries import LexMatch

_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
# British "got" where ``lemminflect`` gives "gotten"; "are" for the plural present of "be" (a
# present plural verb's tag, VBP, is otherwise its lemma: "they carry" -> "they be")
PROJECT_FORMS = {("get", "VBN"): "got", ("be", "VBP"): "are"}


def inflect_verb(lemma: str, tag: str) -> str:
    """Inflect a verb lemma to a Penn tag with ``lemminflect`` (irregular and doubled forms:
    "spread", "recurred"; its rules for words it does not list). Imported on the first
    suggestion that needs it, so a run with nothing to inflect never pays for its tables."""
    if (lemma, tag) in PROJECT_FORMS:
        return PROJECT_FORMS[(lemma, tag)]
    if tag not in ("VBZ", "VBD", "VBN", "VBG"):
        return lemma
    from lemminflect import getInflection

    forms = getInflection(lemma, tag)
    return forms[0] if forms else lemma


def inflect_phrase(phrase: str, tag: str) -> str:
    """A verb phrase with its verb, the first word, inflected to a Penn tag ("go away", VBD ->
    "went away")."""
    verb, *rest = phrase.split(" ")
    return " ".join([inflect_verb(verb, tag), *rest])


def check_template(template: str, slots: frozenset[str], where: str) -> None:
    """Refuse a suggestion that names a slot the pattern does not capture."""
    for name in _PLACEHOLDER_RE.findall(template):
        if name == "s" or name.startswith("v:") and name[2:].isalpha():
            continue
        if name.startswith("pl:") and "|" in name:
            continue
        if name not in slots:
            raise ConfigError(
                f"{where}: suggestion {template!r} uses unknown placeholder {{{name}}}"
            )


def _is_plural(span: Span, slots: dict[str, Span]) -> bool:
    """Is the phrase's own noun (the last noun outside captured slots, else any) plural?"""
    in_slot = {t.i for s in slots.values() for t in s}
    nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN") and t.i not in in_slot]
    nouns = nouns or [t for t in span if t.pos_ in ("NOUN", "PROPN")]
    return bool(nouns) and (nouns[-1].tag_ in ("NNS", "NNPS") or "Plur" in nouns[-1].morph.get(
        "Number"))


def _misread_tag(span: Span) -> str:
    """The tag of a matched verb the tagger read as a plural noun ("the infection proceeds
    without symptoms": "proceeds" NNS) is VBZ; else the base form."""
    return "VBZ" if span[0].tag_ == "NNS" and span[0].lower_.endswith("s") else "VB"


def render(template: str, match: LexMatch) -> str:
    """Fill a suggestion template from a match and copy the match's initial capital."""

    def fill(m: re.Match[str]) -> str:
        name = m.group(1)
        if name == "s":
            return "s" if _is_plural(match.span, match.slots) else ""
        if name.startswith("pl:"):
            plural, _, singular = name[3:].partition("|")
            return plural if _is_plural(match.span, match.slots) else singular
        if name.startswith("v:"):
            verbs = [t for t in match.span if t.pos_ in ("VERB", "AUX")]
            if verbs and verbs[0].lemma_.lower() == name[2:]:
                return verbs[0].lower_  # "were" stays "were"
            return inflect_verb(name[2:], verbs[0].tag_ if verbs else _misread_tag(match.span))
        if name not in match.slots:
            return ""
        slot = match.slots[name]
        if m.start() > 0 and slot[0].is_sent_start and slot[0].pos_ != "PROPN" and (
            slot.text[:1].isupper() and not slot[0].text.isupper()
        ):  # capital only because the slot started the sentence: "Drugs of the statin group"
            return slot.text[0].lower() + slot.text[1:]  # → "Statin drugs"
        return slot.text

    text = _PLACEHOLDER_RE.sub(fill, template)
    text = re.sub(r"\s{2,}", " ", text).strip()
    if _headline(match.span):
        return headline_case(text)
    first = match.span.text[:1]
    if first.isupper() and text[:1].islower():
        text = text[0].upper() + text[1:]
    return text


# Words a headline leaves in lower case unless they open it ("What to Eat After a Heart Attack").
HEADLINE_SMALL_WORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "for", "by", "if",
    "as", "via", "with", "from", "into", "per", "vs"})


def _headline(span: Span) -> bool:
    """Is the matched text in headline case? A capital inside it on a word that is not a name,
    and no lower-case word but the small ones a headline leaves lower-case."""
    words = [t for t in span if t.is_alpha]
    capitals = [t for t in words[1:] if t.text[:1].isupper() and not t.is_upper
                and t.pos_ != "PROPN"]
    lower = [t for t in words[1:] if t.text.islower() and t.lower_ not in HEADLINE_SMALL_WORDS]
    return bool(capitals) and not lower


def headline_case(text: str) -> str:
    """Capitalise every word but the small ones (the first word always)."""
    words = text.split(" ")
    return " ".join(w[:1].upper() + w[1:] if k == 0 or w.lower() not in HEADLINE_SMALL_WORDS
                    else w for k, w in enumerate(words))
