"""Protected names: drugs, diseases, substances and clinical terms from ``protected_terms.yaml``
and users' files, suffix morphology ("-mab", "-itis"), and capitalised multi-word names."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ...errors import ConfigError
from .tables import NAME_STOPWORDS, STOPWORDS
from .tokens import Item, Token

CAPITALISED_RUN_RE = re.compile(r"[A-Z][\w'-]*(?:[ \t]+[A-Z][\w'-]*)+")

TERM_CLASSES = {
    "drugs": "drug name",
    "drug_classes": "drug name",
    "diseases": "disease name",
    "substances": "substance name",
    "clinical_terms": "medical term",
}


@dataclass
class ProtectedTerms:
    """The protected vocabulary, loaded once from the shipped YAML and users' files."""

    terms: dict[str, tuple[str, str]] = field(default_factory=dict)  # term -> (kind, key)
    drug_suffixes: tuple[str, ...] = ()
    disease_suffixes: tuple[str, ...] = ()
    disease_heads: frozenset[str] = frozenset()
    not_protected: frozenset[str] = frozenset()
    deletable: frozenset[str] = frozenset()
    opposites: tuple[tuple[str, str], ...] = ()
    term_re: re.Pattern[str] | None = None

    @classmethod
    def load(cls, extra_files: Iterable[str | Path] = ()) -> ProtectedTerms:
        """The shipped ``data/protected_terms.yaml`` plus the user's files, compiled."""
        terms = cls()
        shipped = resources.files("textfix").joinpath("data/protected_terms.yaml")
        text = shipped.read_text(encoding="utf-8")
        # libyaml's loader where PyYAML has it (the same data, several times faster)
        terms.add_yaml(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)),
                       str(shipped))
        for path in extra_files:
            terms.add_file(Path(path))
        terms.compile()
        return terms

    @staticmethod
    @lru_cache(maxsize=1)
    def shared() -> ProtectedTerms:
        """The shipped vocabulary, loaded once per process: the guard and the checks that ask
        whether a word is a drug read one compiled copy (0.1 s to build). Never modified after
        loading; a user's files are read afresh by ``load`` (they may change between runs)."""
        return ProtectedTerms.load()

    def add_file(self, path: Path) -> None:
        """A YAML file shaped like ``protected_terms.yaml``, or a word list (one term a line)."""
        try:
            content = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read protected-terms file {path}: {exc}") from exc
        if path.suffix.lower() in (".yaml", ".yml"):
            try:
                data = yaml.safe_load(content)
            except yaml.YAMLError as exc:
                raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
            self.add_yaml(data or {}, str(path))
        else:
            self.add_word_list(content.splitlines())

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

    def items(self, tokens: list[Token], text: str) -> list[Item]:
        """Listed terms first, then "X syndrome"-style heads and suffix morphology elsewhere."""
        items: list[Item] = []
        covered: set[int] = set()
        assert self.term_re is not None
        for match in self.term_re.finditer(text.replace("’", "'")):
            found = self.lookup(match.group())
            if found:
                kind, key = found
                items.append(Item(kind, key, text[match.start() : match.end()]))
                covered.update(range(match.start(), match.end()))
        words = [t for t in tokens if t.kind == "word"]
        for index, token in enumerate(words):
            low = token.lower
            if token.start in covered:
                continue
            if low in self.disease_heads:
                items.append(self._headed_disease(words, index, text))
                continue
            if low in self.not_protected:
                continue
            kind = self._suffix_kind(low)
            if kind:
                items.append(Item(kind, low, token.text))
        return items

    def _headed_disease(self, words: list[Token], index: int, text: str) -> Item:
        """ "Cushing syndrome", "kidney failure": the head with the content word before it."""
        token = words[index]
        previous = words[index - 1] if index else None
        first = token
        if (
            previous and previous.lower not in STOPWORDS
            and text[previous.end : token.start].isspace()
        ):
            first = previous
        name = text[first.start : token.end]
        return Item("disease name", " ".join(name.lower().split()), name)

    def _suffix_kind(self, word: str) -> str | None:
        for suffix in self.drug_suffixes:
            if word.endswith(suffix) and len(word) >= len(suffix) + 3:
                return "drug name"
        for suffix in self.disease_suffixes:
            if word.endswith(suffix) and len(word) >= len(suffix) + 3:
                return "disease name"
        return None


def names(text: str) -> list[Item]:
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
