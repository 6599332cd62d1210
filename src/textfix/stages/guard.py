"""The safety guard: may a suggestion be applied without an editor?

Health text is safety-critical, so the guard is built the other way round from a checker: it
does not look for something wrong, it looks for proof that nothing that matters changed. It
compares a window around the issue (the span widened to whole words plus a few words of context
on both sides, so that partial-word edits and multi-word items like "three times a day" are read
whole) before and after the replacement and refuses when any protected item differs:

- numbers (digits, decimals, ranges, fractions, signs; written numbers, "half", "twice", Roman
  numerals after "type"/"stage"/...), compared as a multiset of values. Written numbers count by
  value, so "two" -> "2" and "type II" -> "type 2" pass, while "1,5" -> "1.5" is refused: a decimal
  comma and a thousands separator look alike and only an editor can tell which one it was;
- units, doses and frequencies ("mg", "mcg" = "µg", "%", "kg", "times a day" = "times daily");
- negations ("not" = "n't" = "cannot"'s "not", "no", "never", "without", ...), negative prefixes on
  the same stem ("effective" -> "ineffective") and swaps with an opposite ("increase" ->
  "decrease");
- drug, disease and substance names from ``data/protected_terms.yaml`` plus suffix morphology, and
  capitalised multi-word names.

On top of that, deleting content is refused (a repeat of the neighbouring words, whitespace,
punctuation and the function words and empty nouns listed as ``deletable_words`` excepted) and a
whole-sentence rewrite must also be a small change. Boilerplate removals are let through: whether
teasers and captions go is the user's ``keep_boilerplate`` switch, not a matter of meaning.
Anything the guard cannot vouch for is unsafe.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from ..errors import ConfigError
from ..records import Issue

CONTEXT_WORDS = 4  # whole words of context read on each side of the span
REWRITE_MIN_WORDS = 8  # a span this long is a sentence rewrite, whatever its source
REWRITE_MAX_CHANGED = 0.25  # share of content words a rewrite may drop or insert (at least 2)

TOKEN_RE = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*(?:/\d+)?)"
    r"|(?P<frac>[½¼¾⅓⅔⅛])"
    r"|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)*(?:-[^\W\d_]+)*(?:/[^\W\d_]+)?)"
    r"|(?P<other>\S)"
)

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
FRACTION_WORDS = {"half": "1/2", "quarter": "1/4"}
FRACTION_CHARS = {"½": "1/2", "¼": "1/4", "¾": "3/4", "⅓": "1/3", "⅔": "2/3", "⅛": "1/8"}
TIMES_WORDS = {"twice": "2", "thrice": "3"}
ROMAN_CONTEXT = {"type", "stage", "grade", "class", "phase", "degree", "level", "factor", "group"}
ROMAN_RE = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}

# unit spellings -> one key; these count wherever they appear
UNITS = {
    "mg": "mg", "mcg": "µg", "µg": "µg", "μg": "µg", "ug": "µg", "ng": "ng", "kg": "kg",
    "ml": "ml", "mL": "ml", "ML": "ml", "dl": "dl", "dL": "dl", "IU": "IU", "mmol": "mmol",
    "mmol/L": "mmol/l", "mmol/l": "mmol/l", "µmol": "µmol", "μmol": "µmol", "mEq": "mEq",
    "mg/dL": "mg/dl", "mg/dl": "mg/dl", "mg/kg": "mg/kg", "mcg/kg": "µg/kg", "mmHg": "mmHg",
    "cm": "cm", "mm": "mm", "kcal": "kcal", "bpm": "bpm", "%": "%", "percent": "%",
    "milligram": "mg", "milligrams": "mg", "microgram": "µg", "micrograms": "µg",
    "gram": "g", "grams": "g", "gramme": "g", "grammes": "g", "kilogram": "kg",
    "kilograms": "kg", "milliliter": "ml", "milliliters": "ml", "millilitre": "ml",
    "millilitres": "ml", "liter": "l", "liters": "l", "litre": "l", "litres": "l",
    "calorie": "cal", "calories": "cal", "kilocalorie": "kcal", "kilocalories": "kcal",
}
# these are units only right after a number ("5 g", "3 times", "10 days"), ordinary words elsewhere
NUMBER_UNITS = {
    "g": "g", "l": "l", "L": "l", "U": "U", "unit": "unit", "units": "unit", "h": "hour",
    "hr": "hour", "hrs": "hour", "min": "minute", "sec": "second",
}
NUMBER_UNIT_WORDS = (
    "tablet", "capsule", "pill", "drop", "dose", "teaspoon", "tablespoon", "spoon", "cup",
    "glass", "sachet", "puff", "injection", "ampoule", "second", "minute", "hour", "day",
    "week", "month", "year", "time", "degree", "serving", "portion",
)
PERIODS = {"day": "/day", "week": "/week", "hour": "/hour", "month": "/month", "night": "/night"}
PERIOD_ADVERBS = {"daily": "/day", "weekly": "/week", "hourly": "/hour", "monthly": "/month",
                  "nightly": "/night"}
FREQUENCY_ABBREVIATIONS = {"bid": "bid", "bd": "bid", "tid": "tid", "tds": "tid", "qid": "qid",
                           "qds": "qid", "qd": "qd", "prn": "prn"}
DOTTED_FREQUENCY_RE = re.compile(r"\b(b\.i\.d|t\.i\.d|q\.i\.d|q\.d|p\.r\.n)\.?", re.IGNORECASE)

NEGATIONS = {
    "not": "not", "cannot": "not", "no": "no", "never": "never", "without": "without",
    "neither": "neither", "nor": "nor", "none": "none", "nothing": "nothing",
    "nobody": "nobody", "nowhere": "nowhere", "absence": "absence", "absent": "absence",
    "lack": "lack", "lacks": "lack", "lacking": "lack", "lacked": "lack",
    # verbs and adjectives that forbid: "avoid alcohol" -> "drink alcohol" flips the advice
    "avoid": "avoid", "avoids": "avoid", "avoided": "avoid", "avoiding": "avoid",
    "contraindicated": "contraindicated", "forbidden": "forbidden", "prohibited": "prohibited",
    "refrain": "refrain",
}
# "dont" is "don't" typed without its apostrophe: still a negation ("dont" -> "dent" flips it)
NEGATIONS_WITHOUT_APOSTROPHE = frozenset({
    "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "havent", "hasnt", "hadnt",
    "wouldnt", "shouldnt", "couldnt", "mustnt", "neednt", "cant", "wont", "aint",
})
NEGATIVE_PREFIXES = ("non-", "non", "un", "in", "im", "il", "ir", "dis", "anti", "an", "a")
GRAMMATICAL_DOUBLES = {"had", "that", "is"}  # "he had had", "what it is is": doubled on purpose

STOPWORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "if", "then", "so", "as", "of", "in", "on", "at", "to",
    "from", "by", "for", "with", "about", "into", "onto", "over", "under", "through", "during",
    "before", "after", "above", "below", "between", "against", "this", "that", "these", "those",
    "it", "its", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did",
    "doing", "have", "has", "had", "having", "he", "she", "they", "we", "you", "i", "me", "him",
    "her", "them", "us", "my", "your", "his", "our", "their", "which", "who", "whom", "whose",
    "what", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more", "most",
    "other", "some", "such", "only", "own", "same", "than", "too", "very", "can", "will", "just",
    "should", "would", "could", "may", "might", "must", "shall", "also", "there", "here", "out",
    "up", "down", "off", "again", "further", "once",
})
NAME_STOPWORDS = frozenset(
    {"The", "A", "An", "In", "On", "At", "It", "This", "That", "These", "Those", "If", "When",
     "Why", "What", "How", "And", "But", "Or", "For", "With", "As", "By", "To", "From", "I"}
)
CAPITALISED_RUN_RE = re.compile(r"[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*)+")

TERM_CLASSES = {
    "drugs": "drug name",
    "drug_classes": "drug name",
    "diseases": "disease name",
    "substances": "substance name",
    "clinical_terms": "medical term",
}


@dataclass(frozen=True)
class Item:
    """One protected thing found in a piece of text: its class, a value to compare, its words."""

    kind: str  # number | unit | negation | drug name | disease name | ... | name
    key: str
    surface: str


@dataclass
class _Token:
    text: str
    kind: str  # num | frac | word | other
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass
class _Lexicon:
    """The protected vocabulary, loaded once from the shipped YAML and users' files."""

    terms: dict[str, tuple[str, str]] = field(default_factory=dict)  # term -> (kind, key)
    drug_suffixes: tuple[str, ...] = ()
    disease_suffixes: tuple[str, ...] = ()
    disease_heads: frozenset[str] = frozenset()
    not_protected: frozenset[str] = frozenset()
    deletable: frozenset[str] = frozenset()
    opposites: tuple[tuple[str, str], ...] = ()
    term_re: re.Pattern[str] | None = None

    def add_yaml(self, data: dict, origin: str) -> None:
        if not isinstance(data, dict):
            raise ConfigError(f"{origin}: expected a mapping of lists (see protected_terms.yaml)")
        synonyms: dict[str, str] = {}
        for group in data.get("synonyms") or []:
            names = [str(n).lower() for n in group]
            for name in names:
                synonyms[name] = names[0]
        for section, kind in TERM_CLASSES.items():
            for term in data.get(section) or []:
                term = str(term).strip().lower()
                if term:
                    self.terms[term] = (kind, synonyms.get(term, term))
        # a synonym group may span sections already loaded (user files adding a brand name)
        for term, (kind, _key) in list(self.terms.items()):
            if term in synonyms:
                self.terms[term] = (kind, synonyms[term])
        self.drug_suffixes += tuple(str(s).lower() for s in data.get("drug_suffixes") or [])
        self.disease_suffixes += tuple(str(s).lower() for s in data.get("disease_suffixes") or [])
        self.disease_heads |= {str(s).lower() for s in data.get("disease_heads") or []}
        self.not_protected |= {str(s).lower() for s in data.get("not_protected") or []}
        self.deletable |= {str(s).lower() for s in data.get("deletable_words") or []}
        for pair in data.get("opposites") or []:
            if len(pair) != 2:
                raise ConfigError(f"{origin}: each entry of 'opposites' needs two stems: {pair}")
            self.opposites += ((str(pair[0]).lower(), str(pair[1]).lower()),)

    def add_word_list(self, lines: Iterable[str]) -> None:
        for line in lines:
            term = line.split("\t")[0].strip().lower()
            if term and not term.startswith("#"):
                self.terms.setdefault(term, ("medical term", term))

    def compile(self) -> None:
        alternatives = sorted(self.terms, key=len, reverse=True)
        pattern = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in alternatives)
        self.term_re = re.compile(rf"(?<![\w-])(?:{pattern})(?:e?s)?(?![\w-])", re.IGNORECASE)

    def lookup(self, surface: str) -> tuple[str, str] | None:
        """The (kind, key) of a matched term, its plural undone."""
        norm = re.sub(r"\s+", " ", surface.lower())
        for candidate in (norm, norm[:-1], norm[:-2]):
            if candidate in self.terms:
                return self.terms[candidate]
        return None


class Guard:
    """Decides, for each suggestion, whether it keeps every protected item of the text intact."""

    def __init__(self, extra_files: Iterable[str | Path] = ()) -> None:
        self.lexicon = _Lexicon()
        shipped = resources.files("textfix").joinpath("data/protected_terms.yaml")
        self.lexicon.add_yaml(yaml.safe_load(shipped.read_text(encoding="utf-8")), str(shipped))
        for path in extra_files:
            self._load_user_file(Path(path))
        self.lexicon.compile()

    @classmethod
    def from_config(cls, config) -> Guard:
        """The guard with the user's extra medical word lists (``Config.extra_medical_words``)."""
        return cls(getattr(config, "extra_medical_words", ()))

    def _load_user_file(self, path: Path) -> None:
        try:
            content = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read protected-terms file {path}: {exc}") from exc
        if path.suffix.lower() in (".yaml", ".yml"):
            try:
                data = yaml.safe_load(content)
            except yaml.YAMLError as exc:
                raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
            self.lexicon.add_yaml(data or {}, str(path))
        else:
            self.lexicon.add_word_list(content.splitlines())

    # -- the public surface -------------------------------------------------------------------

    def review(self, issue: Issue, text: str) -> None:
        """Set ``safe`` and ``guard_reason`` on every suggestion of ``issue``."""
        for suggestion in issue.suggestions:
            reasons = self.reasons(
                text, issue.start, issue.end, suggestion.text,
                source=suggestion.source, category=issue.category,
            )
            suggestion.safe = not reasons
            suggestion.guard_reason = "; ".join(reasons)

    def review_all(self, issues: Iterable[Issue], text: str) -> None:
        for issue in issues:
            self.review(issue, text)

    def reasons(
        self, text: str, start: int, end: int, replacement: str, *,
        source: str = "", category: str = "",
    ) -> list[str]:
        """Why replacing ``text[start:end]`` with ``replacement`` needs an editor; [] if safe."""
        if not 0 <= start <= end <= len(text):
            return [f"the span {start}-{end} lies outside the text"]
        if category == "boilerplate":
            return []  # removal of non-article text: decided by keep_boilerplate, see module doc
        ws, we = _window(text, start, end)
        before = text[ws:we]
        after = text[ws:start] + replacement + text[end:we]
        if before == after:
            return []
        old_items, new_items = self.items(before), self.items(after)
        reasons = _compare_items(old_items, new_items)
        old_words, new_words = _words(before), _words(after)
        reasons += self._meaning_flips(old_words, new_words)
        if not reasons:
            reasons += _deletion_reasons(
                text, start, end, replacement, old_words, new_words, self.lexicon.deletable
            )
        if not reasons and _is_rewrite(text[start:end], replacement, source):
            reasons += _rewrite_reasons(old_words, new_words)
        return reasons

    def items(self, text: str) -> list[Item]:
        """Every protected item in ``text``, in order of kind."""
        tokens = _tokenize(text)
        items = _numbers_and_units(tokens, text)
        items += _negations(tokens)
        items += self._terms(tokens, text)
        items += _names(text)
        return items

    # -- terms and morphology -----------------------------------------------------------------

    def _terms(self, tokens: list[_Token], text: str) -> list[Item]:
        lex = self.lexicon
        items: list[Item] = []
        covered: set[int] = set()
        assert lex.term_re is not None
        for match in lex.term_re.finditer(text.replace("’", "'")):
            found = lex.lookup(match.group())
            if found:
                kind, key = found
                items.append(Item(kind, key, text[match.start() : match.end()]))
                covered.update(range(match.start(), match.end()))
        words = [t for t in tokens if t.kind == "word"]
        for index, token in enumerate(words):
            low = token.lower
            if token.start in covered:
                continue
            if low in lex.disease_heads:
                previous = words[index - 1] if index else None
                first = token
                if (
                    previous and previous.lower not in STOPWORDS
                    and text[previous.end : token.start].isspace()
                ):
                    first = previous
                name = text[first.start : token.end]
                items.append(Item("disease name", " ".join(name.lower().split()), name))
                continue
            if low in lex.not_protected:
                continue
            kind = _suffix_kind(low, lex)
            if kind:
                items.append(Item(kind, low, token.text))
        return items

    def _meaning_flips(self, old: list[str], new: list[str]) -> list[str]:
        """Negative prefixes added or dropped on the same stem, and swaps with an opposite."""
        removed = list((Counter(old) - Counter(new)).elements())
        added = list((Counter(new) - Counter(old)).elements())
        reasons = []
        for gone in removed:
            for came in added:
                prefix = _negative_prefix(gone, came)
                if prefix:
                    verb = "adds" if came.startswith(prefix) else "removes"
                    reasons.append(
                        f"{verb} the negative prefix '{prefix.rstrip('-')}-' ({gone} → {came})"
                    )
                    continue
                if any(_opposite(gone, came, a, b) or _opposite(gone, came, b, a)
                       for a, b in self.lexicon.opposites):
                    reasons.append(f"replaces '{gone}' with its opposite '{came}'")
        return reasons


# -- windows and tokens -----------------------------------------------------------------------


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to whole words, then by CONTEXT_WORDS words each side, within its line."""
    ws, we = start, end
    while ws > 0 and not text[ws - 1].isspace():
        ws -= 1
    while we < len(text) and not text[we].isspace():
        we += 1
    for _ in range(CONTEXT_WORDS):
        while ws > 0 and text[ws - 1] in " \t":
            ws -= 1
        while ws > 0 and not text[ws - 1].isspace():
            ws -= 1
        while we < len(text) and text[we] in " \t":
            we += 1
        while we < len(text) and not text[we].isspace():
            we += 1
    return ws, we


def _tokenize(text: str) -> list[_Token]:
    normalised = text.replace("’", "'")
    return [
        _Token(m.group(), m.lastgroup or "other", m.start(), m.end())
        for m in TOKEN_RE.finditer(normalised)
    ]


def _words(text: str) -> list[str]:
    """Lower-cased words and numbers; "percent" and "%" count as one word so neither is content."""
    words = []
    for tok in _tokenize(text):
        if tok.kind in ("word", "num", "frac"):
            words.append("%" if tok.lower == "percent" else tok.lower)
        elif tok.text == "%":
            words.append("%")
    return words


# -- numbers, units, frequencies --------------------------------------------------------------


def _number_word_value(word: str) -> int | None:
    """The value of "five", "twenty-five", "forty"; None for anything else."""
    parts = word.lower().split("-")
    if not all(p in NUMBER_WORDS for p in parts):
        return None
    if len(parts) == 2 and NUMBER_WORDS[parts[0]] % 10 == 0 and NUMBER_WORDS[parts[1]] < 10:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return NUMBER_WORDS[parts[0]] if len(parts) == 1 else None


def _roman_value(word: str) -> int | None:
    if not word or not ROMAN_RE.match(word):
        return None
    total, previous = 0, 0
    for char in reversed(word):
        value = ROMAN_VALUES[char]
        total += -value if value < previous else value
        previous = max(previous, value)
    return total


def _numbers_and_units(tokens: list[_Token], text: str) -> list[Item]:
    items: list[Item] = []
    numeric: set[int] = set()  # token indices that are numbers (for "5 g", "3 times a day")
    dose: set[int] = set()  # token indices that are numbers or units
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.lower
        if tok.kind == "num":
            sign = ""
            if tok.start > 0 and text[tok.start - 1] in "-−+" and (
                tok.start == 1 or text[tok.start - 2].isspace() or text[tok.start - 2] in "(["
            ):
                sign = "-" if text[tok.start - 1] in "-−" else "+"
            items.append(Item("number", sign + tok.text, sign + tok.text))
            numeric.add(i)
        elif tok.kind == "frac":
            items.append(Item("number", FRACTION_CHARS[tok.text], tok.text))
            numeric.add(i)
        elif tok.kind == "word":
            value = _number_word_value(low)
            if value is None and low in MULTIPLIERS:
                value = MULTIPLIERS[low]  # "a hundred"
            if value is not None:
                j = _number_phrase_end(tokens, i)
                value = _number_phrase_value(tokens[i : j + 1])
                items.append(Item("number", str(value), text[tok.start : tokens[j].end]))
                numeric.update(range(i, j + 1))
                i = j + 1
                continue
            if low in FRACTION_WORDS:
                items.append(Item("number", FRACTION_WORDS[low], tok.text))
                numeric.add(i)
            elif low in TIMES_WORDS:
                items.append(Item("number", TIMES_WORDS[low], tok.text))
                items.append(Item("unit", "time", tok.text))
                dose.add(i)
            elif low == "once" and _period_after(tokens, i + 1):
                items.append(Item("number", "1", tok.text))
                items.append(Item("unit", "time", tok.text))
                dose.add(i)
            elif _roman_value(tok.text) and i > 0 and tokens[i - 1].lower in ROMAN_CONTEXT:
                items.append(Item("number", str(_roman_value(tok.text)), tok.text))
                numeric.add(i)
            elif len(tok.text) > 1 and _roman_value(tok.text):
                items.append(Item("number", tok.text, tok.text))  # "IV", "III": literal
                numeric.add(i)
        i += 1
    dose |= numeric
    items += _units(tokens, text, numeric, dose)
    return items


def _number_phrase_end(tokens: list[_Token], i: int) -> int:
    """The last token of a written number starting at ``i`` ("two hundred and fifty")."""
    j, k = i, i + 1
    after_multiplier = tokens[i].lower in MULTIPLIERS
    while k < len(tokens):
        nxt = tokens[k].lower
        if nxt in MULTIPLIERS:
            after_multiplier = True
        elif after_multiplier and nxt == "and" and k + 1 < len(tokens) and (
            _number_word_value(tokens[k + 1].lower) is not None
        ):
            k += 1
            continue
        elif after_multiplier and _number_word_value(nxt) is not None:
            after_multiplier = False
        else:
            break
        j = k
        k += 1
    return j


def _number_phrase_value(tokens: list[_Token]) -> int:
    total, current = 0, 0
    for tok in tokens:
        low = tok.lower
        if low in MULTIPLIERS:
            current = max(current, 1) * MULTIPLIERS[low]
            if MULTIPLIERS[low] >= 1000:
                total, current = total + current, 0
        elif low != "and":
            current += _number_word_value(low) or 0
    return total + current


def _after_number(tokens: list[_Token], i: int, numeric: set[int]) -> bool:
    j = i - 1
    if j >= 0 and tokens[j].text == "-":
        j -= 1
    return j in numeric


def _period_after(tokens: list[_Token], i: int) -> str | None:
    """The period of "a day", "per week", "daily", "every hour" starting at token ``i``."""
    if i < len(tokens) and tokens[i].lower in PERIOD_ADVERBS:
        return PERIOD_ADVERBS[tokens[i].lower]
    if i + 1 < len(tokens) and tokens[i].lower in ("a", "an", "per", "each", "every", "at"):
        return PERIODS.get(tokens[i + 1].lower)
    return None


def _units(tokens: list[_Token], text: str, numeric: set[int], dose: set[int]) -> list[Item]:
    items: list[Item] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.lower
        near_dose = any(j in dose for j in range(i - 3, i))
        if tok.text in UNITS or (low in ("percent", "per") and _percent_at(tokens, i)):
            key = UNITS.get(tok.text, "%")
            items.append(Item("unit", key, tok.text))
            dose.add(i)
            if low == "per":
                i += 2
                continue
        elif tok.text == "°" and i + 1 < len(tokens) and tokens[i + 1].text in ("C", "F"):
            items.append(Item("unit", "°" + tokens[i + 1].text, "°" + tokens[i + 1].text))
            dose.add(i)
            i += 2
            continue
        elif _after_number(tokens, i, numeric) and (
            tok.text in NUMBER_UNITS or _singular(low) in NUMBER_UNIT_WORDS
        ):
            key = NUMBER_UNITS.get(tok.text) or _singular(low)
            items.append(Item("unit", key, tok.text))
            dose.add(i)
        elif near_dose and _period_after(tokens, i):
            period = _period_after(tokens, i) or ""
            length = 1 if low in PERIOD_ADVERBS else 2
            items.append(Item("unit", period, text[tok.start : tokens[i + length - 1].end]))
            i += length
            continue
        elif near_dose and low in FREQUENCY_ABBREVIATIONS:
            items.append(Item("unit", FREQUENCY_ABBREVIATIONS[low], tok.text))
        i += 1
    for match in DOTTED_FREQUENCY_RE.finditer(text):
        key = match.group(1).replace(".", "").lower()
        items.append(Item("unit", key, match.group()))
    return items


def _percent_at(tokens: list[_Token], i: int) -> bool:
    low = tokens[i].lower
    return low == "percent" or (
        low == "per" and i + 1 < len(tokens) and tokens[i + 1].lower == "cent"
    )


def _singular(word: str) -> str:
    if word.endswith("sses") or word.endswith("ches"):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


# -- negations, names -------------------------------------------------------------------------


def _negations(tokens: list[_Token]) -> list[Item]:
    items = []
    for tok in tokens:
        low = tok.lower
        if tok.kind != "word":
            continue
        if low.endswith("n't") or low in NEGATIONS_WITHOUT_APOSTROPHE:
            items.append(Item("negation", "not", tok.text))
        elif low in NEGATIONS:
            items.append(Item("negation", NEGATIONS[low], tok.text))
    return items


def _names(text: str) -> list[Item]:
    """Capitalised runs of two or more words ("Pokrovsky Stem Cell Bank", "Vitamin D")."""
    items = []
    for match in CAPITALISED_RUN_RE.finditer(text.replace("’", "'")):
        words = match.group().split()
        while words and words[0] in NAME_STOPWORDS:
            words.pop(0)
        words = [w for w in words if w != "I"]
        if len(words) >= 2:
            name = " ".join(words)
            items.append(Item("name", name, name))
    return items


def _suffix_kind(word: str, lex: _Lexicon) -> str | None:
    for suffix in lex.drug_suffixes:
        if word.endswith(suffix) and len(word) >= len(suffix) + 3:
            return "drug name"
    for suffix in lex.disease_suffixes:
        if word.endswith(suffix) and len(word) >= len(suffix) + 3:
            return "disease name"
    return None


def _opposite(gone: str, came: str, a: str, b: str) -> bool:
    """Does ``gone`` start with stem ``a`` and ``came`` with its opposite ``b``?

    A stem written "hyper-" is a prefix swap: the rest of both words must be the same
    ("hypertonic" -> "hypotonic"). Other stems allow a short ending ("increases", "lowered").
    """
    if a.endswith("-") and b.endswith("-"):
        a, b = a[:-1], b[:-1]
        return gone.startswith(a) and came.startswith(b) and gone[len(a):] == came[len(b):]
    return (
        gone.startswith(a) and came.startswith(b)
        and len(gone) - len(a) <= 4 and len(came) - len(b) <= 4
    )


def _negative_prefix(a: str, b: str) -> str | None:
    """The negative prefix that turns one word into the other ("in" for effective/ineffective)."""
    for short, long in ((a, b), (b, a)):
        for prefix in NEGATIVE_PREFIXES:
            # short prefixes need a long stem: "asleep" is not a negated "sleep"
            min_stem = {"a": 6, "an": 6, "in": 5, "im": 5, "il": 5, "ir": 5, "un": 4}.get(prefix, 3)
            if long == prefix + short and len(short) >= min_stem:
                return prefix
    return None


# -- comparing ---------------------------------------------------------------------------------


def _compare_items(old: list[Item], new: list[Item]) -> list[str]:
    """One reason per protected item that was changed, removed or added."""
    reasons = []
    for kind in _ordered_kinds(old + new):
        old_keys = Counter(i.key for i in old if i.kind == kind)
        new_keys = Counter(i.key for i in new if i.kind == kind)
        surface = {i.key: i.surface for i in new if i.kind == kind}
        surface.update({i.key: i.surface for i in old if i.kind == kind})
        removed = sorted((old_keys - new_keys).elements())
        added = sorted((new_keys - old_keys).elements())
        for gone, came in zip(removed, added, strict=False):
            reasons.append(f"changes the {kind} {_quote(kind, surface[gone])} to "
                           f"{_quote(kind, surface[came])}")
        for gone in removed[len(added):]:
            reasons.append(f"removes the {kind} {_quote(kind, surface[gone])}")
        for came in added[len(removed):]:
            reasons.append(f"adds the {kind} {_quote(kind, surface[came])}")
    return reasons


def _ordered_kinds(items: list[Item]) -> Iterator[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item.kind, None)
    return iter(seen)


def _quote(kind: str, surface: str) -> str:
    return surface if kind == "number" else f"'{surface}'"


def _removed_in_order(old: list[str], new: list[str]) -> list[str]:
    """The words of ``old`` missing from ``new``, in reading order; [] if any word was added."""
    removed = Counter(old) - Counter(new)
    if Counter(new) - Counter(old):
        return []
    gone = []
    for word in old:
        if removed[word] > 0:
            gone.append(word)
            removed[word] -= 1
    return gone


def _still_beside(text: str, start: int, end: int, replacement: str, gone: list[str]) -> bool:
    """After the edit, do the deleted words still stand right before or after it (a repeat)?"""
    if len(gone) == 1 and gone[0] in GRAMMATICAL_DOUBLES:
        return False
    reach = 2 * (end - start) + 100
    before = _words(text[max(0, start - reach) : start] + replacement)
    after = _words(replacement + text[end : end + reach])
    n = len(gone)
    return before[-n:] == gone or after[:n] == gone


def _deletion_reasons(
    text: str, start: int, end: int, replacement: str, old: list[str], new: list[str],
    deletable: frozenset[str],
) -> list[str]:
    """Deleting words is unsafe unless they repeat their neighbours or are all ``deletable``."""
    gone = _removed_in_order(old, new)
    if not gone or set(gone) <= deletable:
        return []
    if _still_beside(text, start, end, replacement, gone):
        return []
    return [f"deletes content ('{' '.join(gone)}')"]


def _is_rewrite(span: str, replacement: str, source: str) -> bool:
    if source == "model":
        return True
    if len(span.split()) >= REWRITE_MIN_WORDS:
        return True
    return len(replacement) >= 2 * len(span) and len(replacement) - len(span) >= 15


def _rewrite_reasons(old: list[str], new: list[str]) -> list[str]:
    old_content = Counter(w for w in old if w not in STOPWORDS)
    new_content = Counter(w for w in new if w not in STOPWORDS)
    changed = sum(((old_content - new_content) + (new_content - old_content)).values())
    allowed = max(2, int(REWRITE_MAX_CHANGED * sum(old_content.values())))
    if changed > allowed:
        return [f"rewrite: needs review ({changed} content words changed)"]
    return []
