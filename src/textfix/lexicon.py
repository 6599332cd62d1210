"""Data-file lexicons (calques, glossary): load, validate, compile to a spaCy ``Matcher``, match.

Editors curate the entries in YAML (or TSV) files, so the matching rules are data, not code. One
entry names a phrase by lemmas ("reduce (the) leg"), so every inflection of it ("reduces the
legs", "reduce legs") is one entry with one rule id. The pattern syntax is documented at the top of
``data/calques.yaml``; in short, tokens are separated by spaces and each token is one of:

``word`` (a lemma, any case) · ``a|b`` (any of these lemmas) · ``=word`` (this exact form, not
the lemma) · ``_`` (any token) · ``{name}`` (any token, captured for the suggestions; ``{name=a|b}``
limits it to lemmas) · ``^word`` (starts a sentence) ·
``...:NOUN`` or ``...:NOUN|PROPN`` (part-of-speech constraint) · a ``+``/``*``/``?`` suffix
(one or more / zero or more / optional) · ``(...)`` (an optional group of one or more tokens).

Suggestions are templates: ``{name}`` copies a captured slot, ``{s}`` adds "s" when the matched
noun is plural, ``{pl:feet|foot}`` picks by number and ``{v:cause}`` inflects "cause" like the
matched verb ("reduces" → "causes").
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .errors import ConfigError
from .example import Example, parse_examples

if TYPE_CHECKING:  # spaCy loads when a lexicon is compiled, not when its module is imported
    from spacy.tokens import Doc, Span, Token
    from spacy.vocab import Vocab

DATA_DIR = Path(__file__).parent / "data"
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# spaCy's Universal POS tags (spacy.parts_of_speech.IDS; tests/test_lexicon.py keeps them equal)
UPOS = frozenset({"ADJ", "ADP", "ADV", "AUX", "CONJ", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
                  "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X", "EOL", "SPACE"})
WINDOWS = ("sentence", "paragraph")
SEVERITIES = ("info", "warning", "error")
ENTRY_KEYS = frozenset(
    {"id", "pattern", "message", "suggestions", "confidence", "hold", "context", "severity",
     "concept", "examples"}
)
CONTEXT_KEYS = frozenset({"require", "forbid", "window", "prev_not", "next_not"})
TSV_COLUMNS = ("id", "pattern", "message", "suggestions", "confidence", "require", "forbid",
               "window")
MAX_EXPANSIONS = 64  # optional multi-token groups expand into this many patterns at most



def lemma_spec(alts: Sequence[str]) -> dict[str, Any]:
    """Match any of these lemmas in any common casing.

    spaCy keeps the capital in some lemmas (a heading's "Flatfoot" tagged PROPN); the native
    LEMMA attribute with every casing is many times faster than a lower-casing extension.
    """
    forms = list(dict.fromkeys(f for a in alts for f in (a, a.capitalize(), a.upper())))
    return {"LEMMA": {"IN": forms}}


# --------------------------------------------------------------------------------------------
# Data classes


@dataclass(frozen=True)
class Context:
    """Words that must (any of ``require``) or must not (any of ``forbid``) be near a match.

    ``prev_not``/``next_not`` refuse a match whose neighbouring token has one of these lemmas
    (lower case) or parts of speech (upper case): "reduces leg" yes, "reduces leg swelling" no.
    """

    require: frozenset[str] = frozenset()
    forbid: frozenset[str] = frozenset()
    window: str = "sentence"  # sentence | paragraph
    prev_not: frozenset[str] = frozenset()
    next_not: frozenset[str] = frozenset()

    def allows(self, words: set[str]) -> bool:
        if self.require and not (self.require & words):
            return False
        return not (self.forbid & words)

    def allows_neighbours(self, span: Span) -> bool:
        doc = span.doc
        for token, refused in ((span.start - 1, self.prev_not), (span.end, self.next_not)):
            if refused and 0 <= token < len(doc):
                neighbour = doc[token]
                if {neighbour.pos_, neighbour.lemma_.lower(), neighbour.lower_} & refused:
                    return False
        return True


@dataclass(frozen=True)
class PatternToken:
    """One compiled pattern position: the Matcher spec and the slot it captures, if any."""

    spec: dict[str, Any]
    slot: str | None = None


@dataclass(frozen=True)
class Entry:
    """One curated rule: a phrase to flag, why, and what to write instead."""

    id: str
    patterns: tuple[str, ...]
    message: str
    suggestions: tuple[str, ...]
    confidence: float = 0.7  # how sure the phrase is wrong
    hold: str | None = None  # why its fixes wait for an editor ("house style"), or None
    context: Context | None = None
    severity: str = "warning"
    concept: str = ""
    origin: str = ""  # "file, entry N (id)": where an editor finds it
    examples: tuple[Example, ...] = ()  # see example.py; TSV entries have none
    compiled: tuple[tuple[PatternToken, ...], ...] = field(default=(), compare=False, repr=False)

    @property
    def slots(self) -> frozenset[str]:
        return frozenset(t.slot for p in self.compiled for t in p if t.slot)


@dataclass
class LexMatch:
    """A match of an entry in a parsed block, with its captured slots."""

    entry: Entry
    span: Span
    slots: dict[str, Span]


# --------------------------------------------------------------------------------------------
# Pattern syntax

_GROUP_RE = re.compile(r"\(([^()]*)\)|(\S+)")


def _parse_atom(atom: str, where: str) -> list[PatternToken]:
    """Compile one space-free pattern token; a hyphenated word becomes several tokens."""
    op = None
    if len(atom) > 1 and atom[-1] in "+*?":
        atom, op = atom[:-1], atom[-1]
    slot = None
    pos: list[str] = []
    sent_start = atom.startswith("^") and len(atom) > 1
    atom = atom[1:] if sent_start else atom
    if atom.startswith("{") and atom.endswith("}"):
        inner = atom[1:-1]
        head, _, pos_text = inner.partition(":")
        slot, _, lemmas = head.partition("=")
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", slot) or slot in ("s", "v"):
            raise ConfigError(f"{where}: bad slot name {{{inner}}} (letters, not 's' or 'v')")
        pos = pos_text.split("|") if pos_text else []
        spec: dict[str, Any] = {}
        if lemmas:
            alts = [a.lower() for a in lemmas.split("|")]
            if not all(alts):
                raise ConfigError(f"{where}: bad alternatives in slot {{{inner}}}")
            spec.update(lemma_spec(alts))
    else:
        word, _, pos_text = atom.partition(":")
        pos = pos_text.split("|") if pos_text else []
        exact = word.startswith("=")
        word = word.lstrip("=").lower()
        if not word:
            raise ConfigError(f"{where}: empty word in pattern token {atom!r}")
        if word == "_":
            spec = {}
        elif "-" in word and len(word) > 1 and "|" not in word:
            if op or pos:
                raise ConfigError(f"{where}: put ':POS' or '{op}' on a hyphenated word's parts")
            parts = [p for p in re.split(r"(-)", word) if p]
            return [PatternToken({"LOWER": p} if exact else lemma_spec([p])) for p in parts]
        else:
            marks = ("=" if exact else "") + ("^" if sent_start else "")
            # "=a|=b" means "=a|b"; a mark only on a later alternative would be silently
            # matched as a literal character and never fire
            alts = [a.lstrip(marks) if marks else a for a in word.split("|")]
            if any(a[:1] in ("=", "^") for a in alts if a):
                raise ConfigError(
                    f"{where}: '=' and '^' mark the whole token {atom!r}: put them before its "
                    "first alternative"
                )
            if any(not a or " " in a for a in alts):
                raise ConfigError(f"{where}: bad alternatives {word!r}")
            if any("-" in a and a != "-" for a in alts):
                raise ConfigError(
                    f"{where}: hyphenated alternatives {word!r}: write them as separate patterns"
                )
            spec = {"LOWER": {"IN": alts}} if exact else lemma_spec(alts)
    bad_pos = [p for p in pos if p not in UPOS]
    if bad_pos:
        raise ConfigError(f"{where}: unknown part of speech {', '.join(bad_pos)} in {atom!r}")
    if pos:
        spec["POS"] = pos[0] if len(pos) == 1 else {"IN": pos}
    if sent_start:
        spec["IS_SENT_START"] = True
    if op:
        spec["OP"] = op
    return [PatternToken(spec, slot)]


def compile_pattern(pattern: str, where: str) -> list[tuple[PatternToken, ...]]:
    """Compile a readable pattern into Matcher patterns (optional groups are expanded)."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise ConfigError(f"{where}: pattern must be a non-empty string")
    if pattern.count("(") != pattern.count(")"):
        raise ConfigError(f"{where}: unbalanced parentheses in pattern {pattern!r}")
    pieces: list[tuple[bool, list[PatternToken]]] = []  # (optional group?, tokens)
    for group, atom in _GROUP_RE.findall(pattern):
        if atom:
            if "(" in atom or ")" in atom:
                raise ConfigError(f"{where}: nested or unspaced parentheses in {pattern!r}")
            pieces.append((False, _parse_atom(atom, where)))
            continue
        tokens = [t for a in group.split() for t in _parse_atom(a, where)]
        if not tokens:
            raise ConfigError(f"{where}: empty optional group in pattern {pattern!r}")
        if len(tokens) == 1 and "OP" not in tokens[0].spec:
            only = tokens[0]
            pieces.append((False, [PatternToken({**only.spec, "OP": "?"}, only.slot)]))
        else:
            pieces.append((True, tokens))
    optional = [i for i, (opt, _) in enumerate(pieces) if opt]
    if 2 ** len(optional) > MAX_EXPANSIONS:
        raise ConfigError(f"{where}: too many optional groups in pattern {pattern!r}")
    compiled = []
    for keep in itertools.product((True, False), repeat=len(optional)):
        dropped = {i for i, k in zip(optional, keep, strict=True) if not k}
        seq = tuple(t for i, (_, toks) in enumerate(pieces) if i not in dropped for t in toks)
        if not any(t.spec.get("OP") not in ("?", "*") for t in seq):
            raise ConfigError(f"{where}: pattern {pattern!r} can match nothing")
        compiled.append(seq)
    return compiled


# --------------------------------------------------------------------------------------------
# Suggestion templates

_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
_IRREGULAR = {  # lemma: (3rd singular, past, past participle, gerund)
    "be": ("is", "was", "been", "being"),
    "have": ("has", "had", "had", "having"),
    "do": ("does", "did", "done", "doing"),
    "go": ("goes", "went", "gone", "going"),
    "get": ("gets", "got", "got", "getting"),
    "make": ("makes", "made", "made", "making"),
    "take": ("takes", "took", "taken", "taking"),
    "give": ("gives", "gave", "given", "giving"),
    "become": ("becomes", "became", "become", "becoming"),
    "begin": ("begins", "began", "begun", "beginning"),
    "arise": ("arises", "arose", "arisen", "arising"),
    "feel": ("feels", "felt", "felt", "feeling"),
    "lead": ("leads", "led", "led", "leading"),
    "occur": ("occurs", "occurred", "occurred", "occurring"),
    "stop": ("stops", "stopped", "stopped", "stopping"),
    "cramp": ("cramps", "cramped", "cramped", "cramping"),
    "see": ("sees", "saw", "seen", "seeing"),
    "come": ("comes", "came", "come", "coming"),
    "run": ("runs", "ran", "run", "running"),
}


def inflect_verb(lemma: str, tag: str) -> str:
    """Inflect a verb lemma to a Penn tag: enough English morphology for short suggestions."""
    if tag not in ("VBZ", "VBD", "VBN", "VBG"):
        return lemma
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma][("VBZ", "VBD", "VBN", "VBG").index(tag)]
    if tag == "VBZ":
        if re.search(r"(s|sh|ch|x|z|o)$", lemma):
            return lemma + "es"
        return lemma[:-1] + "ies" if re.search(r"[^aeiou]y$", lemma) else lemma + "s"
    if tag == "VBG":
        if lemma.endswith("e") and not lemma.endswith("ee"):
            return lemma[:-1] + "ing"
        return lemma + "ing"
    if lemma.endswith("e"):
        return lemma + "d"
    return lemma[:-1] + "ied" if re.search(r"[^aeiou]y$", lemma) else lemma + "ed"


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
            return inflect_verb(name[2:], verbs[0].tag_ if verbs else "VB")
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
    first = match.span.text[:1]
    if first.isupper() and text[:1].islower():
        text = text[0].upper() + text[1:]
    return text


# --------------------------------------------------------------------------------------------
# Loading and validation


def _words(value: Any, where: str, key: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [v for v in re.split(r"[,\s]+", value) if v]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: context.{key} must be a list of words")
    return frozenset(v.strip() if v.strip().isupper() else v.strip().lower() for v in value)


def parse_context(raw: Any, where: str) -> Context | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: context must be a mapping with require/forbid/window")
    unknown = set(raw) - CONTEXT_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown context key(s) {', '.join(sorted(unknown))}")
    window = raw.get("window") or "sentence"
    if window not in WINDOWS:
        raise ConfigError(f"{where}: context.window must be one of {', '.join(WINDOWS)}")
    context = Context(
        *(_words(raw.get(key), where, key) for key in ("require", "forbid")),
        window,
        *(_words(raw.get(key), where, key) for key in ("prev_not", "next_not")),
    )
    return context if context != Context(window=window) else None


def _checked_header(raw: Any, origin: str, what: str, keys: frozenset[str]) -> tuple[str, str]:
    """The id of a data-file item and the place to name in errors, once its shape is valid."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{origin}: {what} must be a mapping, got {type(raw).__name__}")
    item_id = raw.get("id")
    where = f"{origin} ({item_id})" if item_id else origin
    if not isinstance(item_id, str) or not ID_RE.match(item_id):
        raise ConfigError(f"{where}: id must be lower-case words joined by '-', got {item_id!r}")
    unknown = set(raw) - keys
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    return item_id, where


def parse_entry(raw: Any, origin: str, default_confidence: float = 0.7) -> Entry:
    """Validate one raw entry (a mapping from YAML or a TSV row) into an ``Entry``."""
    entry_id, where = _checked_header(raw, origin, "an entry", ENTRY_KEYS)
    patterns = raw.get("pattern")
    patterns = [patterns] if isinstance(patterns, str) else patterns
    if not isinstance(patterns, list) or not patterns:
        raise ConfigError(f"{where}: pattern must be a string or a list of strings")
    compiled = tuple(seq for p in patterns for seq in compile_pattern(p, where))
    message = raw.get("message")
    if not isinstance(message, str) or not message.strip():
        raise ConfigError(f"{where}: message must be a non-empty sentence")
    suggestions = raw.get("suggestions") or []
    if isinstance(suggestions, str):
        suggestions = [suggestions]
    if not isinstance(suggestions, list) or not all(isinstance(s, str) for s in suggestions):
        raise ConfigError(f"{where}: suggestions must be a list of strings")
    confidence = raw.get("confidence", default_confidence)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not (
        0.0 <= confidence <= 1.0
    ):
        raise ConfigError(f"{where}: confidence must be a number in [0, 1], got {confidence!r}")
    hold = raw.get("hold")
    if hold is not None and (not isinstance(hold, str) or not hold.strip()):
        raise ConfigError(f"{where}: hold must be a reason an editor reads, got {hold!r}")
    severity = raw.get("severity") or "warning"
    if severity not in SEVERITIES:
        raise ConfigError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
    concept = raw.get("concept") or ""
    if concept and (not isinstance(concept, str) or not ID_RE.match(concept)):
        raise ConfigError(f"{where}: concept must be an id like 'muscle-cramp'")
    entry = Entry(
        id=entry_id,
        patterns=tuple(patterns),
        message=message.strip(),
        suggestions=tuple(s.strip() for s in suggestions),
        confidence=float(confidence),
        hold=hold.strip() if hold else None,
        context=parse_context(raw.get("context"), where),
        severity=severity,
        concept=concept,
        origin=where,
        examples=parse_examples(raw.get("examples"), where),
        compiled=compiled,
    )
    for template in entry.suggestions:
        check_template(template, entry.slots, where)
    return entry


def read_tsv(path: Path) -> list[dict[str, Any]]:
    """Rows of a TSV lexicon: columns ``TSV_COLUMNS`` in that order, '#' lines are comments.

    ``pattern`` and ``suggestions`` hold several values separated by ``;``; ``require`` and
    ``forbid`` hold words separated by commas; empty cells take the defaults. A first row
    starting with ``id`` is a header and is skipped.
    """
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.lstrip().startswith("#"))
        for number, cells in enumerate(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)):
            if number == 0 and cells and cells[0].strip().lower() == "id":
                continue
            if len(cells) < 3 or len(cells) > len(TSV_COLUMNS):
                raise ConfigError(
                    f"{path}: row {number + 1} has {len(cells)} columns; expected 3 to "
                    f"{len(TSV_COLUMNS)}: {', '.join(TSV_COLUMNS)}"
                )
            values = dict(zip(TSV_COLUMNS, (c.strip() for c in cells), strict=False))
            row: dict[str, Any] = {"id": values["id"], "message": values["message"]}
            row["pattern"] = [p.strip() for p in values["pattern"].split(";") if p.strip()]
            row["suggestions"] = [
                s.strip() for s in values.get("suggestions", "").split(";") if s.strip()
            ]
            if values.get("confidence"):
                try:
                    row["confidence"] = float(values["confidence"])
                except ValueError:
                    row["confidence"] = values["confidence"]  # refused with the entry's name
            context = {k: values[k] for k in ("require", "forbid", "window") if values.get(k)}
            if context:
                row["context"] = context
            rows.append(row)
    return rows


def read_raw(path: Path) -> tuple[list[Any], dict[str, Any]]:
    """The raw entries of a YAML or TSV file and the rest of a YAML file's top level."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: lexicon file not found")
    if path.suffix.lower() in (".tsv", ".tab"):
        return read_tsv(path), {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if isinstance(data, list):
        return data, {}
    if not isinstance(data, dict) or not isinstance(data.get("entries", []), list):
        raise ConfigError(f"{path}: expected a list of entries or a mapping with 'entries:'")
    return data.get("entries") or [], data


def load_entries_from(raw_entries: Sequence[Any], path: Path) -> list[Entry]:
    """Validate one file's raw entries; an id may appear only once per file."""
    entries: list[Entry] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_entries, start=1):
        entry = parse_entry(raw, f"{path}, entry {index}")
        if entry.id in seen:
            raise ConfigError(f"{entry.origin}: duplicate id {entry.id!r} in the same file")
        seen.add(entry.id)
        entries.append(entry)
    return entries


def load_entries(paths: Iterable[Path]) -> list[Entry]:
    """Entries of every file in order; an id repeated in a later file replaces the earlier one."""
    by_id: dict[str, Entry] = {}
    for path in paths:
        raw_entries, _ = read_raw(Path(path))
        for entry in load_entries_from(raw_entries, path):
            by_id.pop(entry.id, None)
            by_id[entry.id] = entry
    return list(by_id.values())


# --------------------------------------------------------------------------------------------
# Matching


def context_words(tokens: Iterable[Token]) -> set[str]:
    """Lower-cased lemmas and forms of the tokens: what context rules look for."""
    words: set[str] = set()
    for token in tokens:
        words.add(token.lower_)
        words.add(token.lemma_.lower())
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

    def __len__(self) -> int:
        return len(self.entries)

    def could_match(self, doc: Doc) -> bool:
        words = context_words(doc)
        return any(all(need & words for need in needs) for needs in self._needs)

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
                if not context.allows(words) or not context.allows_neighbours(match.span):
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


def shipped(name: str) -> Path:
    """Path of a data file shipped with the package."""
    return DATA_DIR / name


# --------------------------------------------------------------------------------------------
# Glossary concepts: one idea, several names, which an article should not mix


@dataclass(frozen=True)
class Variant:
    """One name of a concept: the pattern that finds it and the form written when suggesting it."""

    name: str
    entry: Entry  # the compiled pattern; its first suggestion is the variant's form


@dataclass(frozen=True)
class Concept:
    id: str
    preferred: str  # a variant name
    variants: tuple[Variant, ...]
    origin: str = ""
    examples: tuple[Example, ...] = ()  # of its rule "terminology/inconsistent-<id>"

    def form(self, name: str) -> str:
        return next(v.entry.suggestions[0] for v in self.variants if v.name == name)


CONCEPT_KEYS = frozenset({"id", "preferred", "variants", "context", "examples"})
VARIANT_KEYS = frozenset({"name", "pattern", "form"})


def parse_concept(raw: Any, origin: str) -> Concept:
    """Validate a glossary concept: an id, its variants (name, pattern, form) and the preferred."""
    concept_id, where = _checked_header(raw, origin, "a concept", CONCEPT_KEYS)
    raw_variants = raw.get("variants")
    if not isinstance(raw_variants, list) or len(raw_variants) < 2:
        raise ConfigError(f"{where}: variants must list at least two names")
    variants: list[Variant] = []
    for number, item in enumerate(raw_variants, start=1):
        if not isinstance(item, dict) or set(item) - VARIANT_KEYS:
            raise ConfigError(f"{where}: variant {number} must have only name, pattern, form")
        name = item.get("name")
        if not isinstance(name, str) or not ID_RE.match(name):
            raise ConfigError(f"{where}: variant {number} needs a name like 'flat-feet'")
        entry = parse_entry(
            {
                "id": f"{concept_id}-{name}",
                "pattern": item.get("pattern"),
                "message": f"{concept_id}: {name}",
                "suggestions": [item.get("form") or name.replace("-", " ")],
                "context": raw.get("context"),
            },
            f"{where}, variant {number}",
        )
        variants.append(Variant(name, entry))
    names = [v.name for v in variants]
    if len(set(names)) != len(names):
        raise ConfigError(f"{where}: variant names must be unique")
    preferred = raw.get("preferred")
    if preferred not in names:
        raise ConfigError(f"{where}: preferred must be one of the variant names {names}")
    examples = parse_examples(raw.get("examples"), where)
    return Concept(concept_id, preferred, tuple(variants), where, examples)


def load_glossary(paths: Iterable[Path]) -> tuple[list[Entry], list[Concept]]:
    """Entries and concepts of glossary files (TSV files hold entries only); later ids win."""
    entries: dict[str, Entry] = {}
    concepts: dict[str, Concept] = {}
    for path in paths:
        raw_entries, top = read_raw(Path(path))
        for entry in load_entries_from(raw_entries, path):
            entries.pop(entry.id, None)
            entries[entry.id] = entry
        raw_concepts = top.get("concepts") or []
        if not isinstance(raw_concepts, list):
            raise ConfigError(f"{path}: 'concepts' must be a list")
        for index, raw in enumerate(raw_concepts, start=1):
            concept = parse_concept(raw, f"{path}, concept {index}")
            concepts[concept.id] = concept
    return list(entries.values()), list(concepts.values())
