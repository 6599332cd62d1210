"""Matching: entries compiled into one spaCy ``Matcher``, context rules, overlaps resolved."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from .entries import Entry, LexMatch
from .pattern import PatternToken

if TYPE_CHECKING:  # spaCy loads when a lexicon is compiled, not when its module is imported
    from spacy.tokens import Doc, Span, Token
    from spacy.vocab import Vocab


def context_words(tokens: Iterable[Token]) -> set[str]:
    """Lower-cased lemmas and forms of the tokens: what context rules look for."""
    words: set[str] = set()
    for token in tokens:
        words.add(token.lower_)
        words.add(token.lemma_.lower())
    return words


DOC_WORDS = "textfix.context_words"  # doc.user_data key: the whole doc's context words


def doc_words(doc: Doc) -> frozenset[str]:
    """``context_words`` of a whole doc, worked out once: each lexicon's matcher asks first
    whether the doc holds the words its entries need (seven lexicons read every doc)."""
    words = doc.user_data.get(DOC_WORDS)
    if words is None:
        words = doc.user_data[DOC_WORDS] = frozenset(context_words(doc))
    return words


def _required_words(token: PatternToken) -> frozenset[str]:
    """Lower-cased words a required token must be (empty: any token will do)."""
    spec = token.spec
    if spec.get("OP") in ("?", "*"):
        return frozenset()
    for key in ("LEMMA", "LOWER"):
        if key in spec:
            value = spec[key]
            values = value["IN"] if isinstance(value, dict) else [value]
            return frozenset(v.lower() for v in values)
    return frozenset()


# Dependents that start another phrase or clause: a conjunct's words are not the match's own
# context ("seizures, muscle weakness and paralysis" lists three things).
NOT_OWN_PHRASE = frozenset({"conj", "cc", "appos", "relcl", "acl", "advcl", "parataxis",
                            "punct", "ccomp", "xcomp"})


# A verb's argument shares the verb's place adjuncts: "get seizures in the calf" hangs "in the
# calf" on "get".
VERB_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})


def own_phrase(span: Span) -> list[Token]:
    """The matched words, the subtrees of their dependents that belong to their phrase, and the
    prepositional phrases of the verb they are a subject or object of."""
    tokens: dict[int, Token] = {t.i: t for t in span}
    for token in span:
        for child in token.children:
            if child.dep_ not in NOT_OWN_PHRASE:
                tokens.update((t.i, t) for t in child.subtree)
        head = token.head
        if token.dep_ in VERB_ARGUMENTS and head.pos_ in ("VERB", "AUX") and head.i != token.i:
            for child in head.children:
                if child.dep_ == "prep":
                    tokens.update((t.i, t) for t in child.subtree)
    return [tokens[i] for i in sorted(tokens)]


class Lexicon:
    """Entries compiled into one Matcher: built once, applied to every parsed block."""

    def __init__(self, entries: Sequence[Entry], vocab: Vocab) -> None:
        self.entries = {e.id: e for e in entries}
        from spacy.matcher import Matcher

        self.matcher = Matcher(vocab)
        # match key hash → (entry id, compiled pattern); hashes are the same in every Vocab, so a
        # Doc parsed by another pipeline object still maps back
        self._keys: dict[int, tuple[str, tuple[PatternToken, ...]]] = {}
        # per pattern, the word sets of its required literal tokens: a doc lacking any of them
        # cannot match, and skipping the Matcher there makes checking clean text cheap
        self._needs: list[list[frozenset[str]]] = []
        for entry in entries:
            for index, seq in enumerate(entry.compiled):
                self._needs.append([n for t in seq if (n := _required_words(t))])
                # one key per compiled pattern keeps the alignment → slot mapping unambiguous
                key = f"{entry.id}#{index}"
                self._keys[vocab.strings.add(key)] = (entry.id, seq)
                self.matcher.add(key, [[t.spec for t in seq]])
        # patterns by a word of their first required set: a doc need only try the patterns one
        # of its own words names (trying every pattern on every doc cost more than matching)
        self._always = any(not needs for needs in self._needs)
        self._by_word: dict[str, list[int]] = {}
        for k, needs in enumerate(self._needs):
            for word in needs[0] if needs else ():
                self._by_word.setdefault(word, []).append(k)

    def __len__(self) -> int:
        return len(self.entries)

    def could_match(self, doc: Doc) -> bool:
        """Whether some pattern has each of its required words' sets met by the doc."""
        if self._always:  # a pattern with no required word could match anything
            return True
        words = doc_words(doc)
        return any(all(need & words for need in self._needs[k])
                   for word in words for k in self._by_word.get(word, ()))

    def raw_matches(self, doc: Doc) -> Iterator[LexMatch]:
        """Every match (overlaps included) with its slots, before context rules."""
        if not self.could_match(doc):
            return
        for match_id, start, end, alignment in self.matcher(doc, with_alignments=True):
            entry_id, seq = self._keys[match_id]
            slots: dict[str, list[int]] = {}
            for offset, position in enumerate(alignment):
                slot = seq[position].slot
                if slot:
                    slots.setdefault(slot, []).append(start + offset)
            yield LexMatch(
                self.entries[entry_id],
                doc[start:end],
                {name: doc[ix[0] : ix[-1] + 1] for name, ix in slots.items()},
            )

    def matches(self, doc: Doc) -> list[LexMatch]:
        """Matches that pass their context rules; overlaps go to the longest, then earliest."""
        kept: list[LexMatch] = []
        for match in self.raw_matches(doc):
            context = match.entry.context
            if context:
                window = doc if context.window == "paragraph" else match.span.sent
                # the phrase's own words do not count, its captured slots do: "violation of
                # {x}" is refused by forbid: law in "a violation of the law"
                in_slots = {t.i for slot in match.slots.values() for t in slot}
                inside = set(range(match.span.start, match.span.end)) - in_slots
                words = context_words(t for t in window if t.i not in inside)
                if context.window == "phrase":
                    near = context_words(t for t in own_phrase(match.span) if t.i not in inside)
                    allowed = context.allows(near, forbid_in=words)
                else:
                    allowed = context.allows(words)
                if not allowed or not context.allows_neighbours(match.span):
                    continue
            kept.append(match)
        order = {entry_id: i for i, entry_id in enumerate(self.entries)}
        kept.sort(key=lambda m: (-(m.span.end - m.span.start), m.span.start,
                                 order[m.entry.id]))
        taken: set[int] = set()
        chosen: list[LexMatch] = []
        for match in kept:
            positions = set(range(match.span.start, match.span.end))
            if positions & taken:
                continue
            taken |= positions
            chosen.append(match)
        return sorted(chosen, key=lambda m: m.span.start)
