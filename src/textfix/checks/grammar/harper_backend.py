"""harper, the embedded offline grammar checker, behind :class:`GrammarBackend`.

One ``harper.Linter`` is built per backend (construction is the costly step, ~0.7 s) and reused;
the medical vocabulary is imported into its dictionary once, so known terms never come back as
spelling lints at all.
"""

from __future__ import annotations

import os
import queue
import re
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from functools import cache
from importlib import resources
from typing import Any, TypeVar

import harper

from .match import GrammarMatch

T = TypeVar("T")

# Rules that fire on clean, professionally written health text and say nothing about MT errors
# (measured on held-out MedQuAD sentences, see tests/test_grammar.py). Style advice such as
# LongSentences or OxfordComma is a matter of house style, and the typography check owns dashes.
NOISY_RULES = frozenset(
    {
        "LongSentences",
        "OxfordComma",
        "NoOxfordComma",
        "CompoundNouns",
        "OrthographicConsistency",
        "NumericRangeEnDash",
        "CondenseAllThe",
        "FindOut",
        "ExpandMemoryShorthands",
        "AvoidAndAlso",
        "Dashes",  # "--" as a dash: house style, and the typography check's job
        "Damages",  # "diabetes damages the vessels": the verb read as a noun
        "LitotesDirectPositive",
        "ProgressiveNeedsBe",
        "MissingPreposition",
        # Word-choice advice that fired on TICO-19's clean English (outside the measured half)
        # and hardly ever on the 7,000 MLQE-PE train MT sentences, where it seldom touched a
        # word post-editors changed: place-name politics ("Turkey" -> "Türkiye"), British words
        # ("petrol"), nouns read as phrasal verbs ("lockdown", "spillover"), "to" read as "too"
        # in "from mild to severe", negatives guessed from prefixes ("infective" -> "defective"),
        # "to" + noun read as an infinitive ("led to shelves being cleared"), "its effects
        # rely" read as a verb, "one of the deceased".
        "UpdatePlaceNames",
        "Regionalisms",
        "PhrasalVerbAsCompoundNoun",
        "ToTwoToo",
        "WrongNegative",
        "InflectedVerbAfterTo",
        "NounVerbConfusion",
        "OneOfTheSingular",
    }
)


@cache
def silent_rules() -> frozenset[str]:
    """Rules that never fired on the survey of ``scripts/harper_rule_survey.py`` (MT, post-edits,
    learner English and clean health text). harper's time goes almost all to its rules, most of
    them single-phrase patterns, so switching these off makes the check much faster; the script
    reports the held-out lints that costs."""
    text = resources.files("textfix").joinpath("data", "harper_silent_rules.txt").read_text(
        encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def switch_off(linter: harper.Linter, rules: Iterable[str]) -> harper.Linter:
    """``linter`` with ``rules`` off and every other rule at harper's default."""
    off = frozenset(rules)
    linter.set_lint_config({rule: (False if rule in off else None)
                            for rule in linter.get_default_lint_config()})
    return linter


SPELLING_RULE = "SpellCheck"
# Whole lint kinds that are advice, not errors ("very good" -> "excellent").
NOISY_KINDS = frozenset({"Enhancement", "Readability"})
# Pronunciation guides, "angina (an-JI-nuh or AN-juh-nuh)": syllables, not words.
# A parenthesis of letters, spaces and hyphens with an upper-case stressed syllable.
PRONUNCIATION_MASK = r"\([A-Za-z' ,-]*(?:[A-Z]{2,}-|-[A-Z]{2,})[A-Za-z' ,-]*\)"

# Rules whose suggestions harper lists in no fixed order: "choosed" -> ['chose', 'chosen'] in one
# process, ['chosen', 'chose'] in the next (measured: 3 processes on 1,377 lines, 790 lints, the
# only lint whose order moved). textfix reads the first suggestion as harper's best, so these are
# put in alphabetical order and the LM ranking chooses between them: the same text gets the same
# result in every run.
UNORDERED_SUGGESTIONS = frozenset({"RegularIrregulars"})

# lint_kind -> our kind; anything not listed is "grammar"
KIND_OF_LINT = {
    "Spelling": "spelling",
    "Typo": "spelling",
    "Punctuation": "typography",
    "Formatting": "typography",
    "Capitalization": "typography",
    "Style": "style",
    "Readability": "style",
    "Enhancement": "style",
    "Redundancy": "style",
    "WordChoice": "style",
}


# Every lint of this process runs on one thread kept for harper. The first *hard* unknown word a
# thread lints makes harper build what its deeper spelling search needs (1.3-2.5 s), and it keeps
# that per thread: measured, "Kelvornab" 1.5 s, then "Roskomnadzor" 0.02 s on the same thread and
# "PikabuPolitics" 1.6 s on another. Most unknown words never need it ("Blorfzat", "Trenvolid":
# 0.05-0.08 s, and the next hard word still pays in full), but MT is full of long transliterated
# names ("Roskomnadzor" in the first 50 MLQE-PE dev lines). Built on harper's own thread while
# spaCy and the models load (harper releases the GIL), that time is gone from the first text with
# such a name, in every caller: the CLI, the API, the server's engine.
SPELLING_WARM_UP = "Qzxvwyk."  # in no dictionary, and hard: it makes harper build the tables
_THREADS: dict[int, HarperThread] = {}  # process id -> harper's thread in that process
_PENDING: dict[str, tuple[int, Future]] = {}  # dialect -> (process id, linter being built)
_PENDING_LOCK = threading.Lock()


class HarperThread:
    """One daemon thread that runs this process's harper calls in order. A daemon, so a short
    run exits without waiting for a warm-up it did not need."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._serve, name="harper", daemon=True)
        self._thread.start()

    def submit(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> Future:
        """Queued behind earlier calls; run at once when called from harper's thread itself
        (queued there, it would wait for the call it is part of)."""
        future: Future = Future()
        if threading.current_thread() is self._thread:
            self._run(future, function, args, kwargs)
        else:
            self._jobs.put((future, function, args, kwargs))
        return future

    @staticmethod
    def _run(future: Future, function: Callable, args: tuple, kwargs: dict) -> None:
        try:
            future.set_result(function(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - raised again by future.result()
            future.set_exception(exc)

    def _serve(self) -> None:
        while True:
            self._run(*self._jobs.get())


def harper_thread() -> HarperThread:
    """This process's harper thread (a forked child starts its own: threads do not survive a
    fork, and the parent's warm tables belong to the parent's thread)."""
    with _PENDING_LOCK:
        thread = _THREADS.get(os.getpid())
        if thread is None:
            thread = _THREADS[os.getpid()] = HarperThread()
        return thread


def on_harper_thread(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``function(*args, **kwargs)`` run on harper's thread, waited for here."""
    return harper_thread().submit(function, *args, **kwargs).result()


def prefetch_linter(dialect: harper.Dialect = harper.Dialect.AMERICAN) -> None:
    """Start building a Linter on harper's thread; the next ``HarperBackend`` of that dialect
    takes it.

    harper releases the GIL while it builds its dictionary (0.7 s on an idle core), so the
    pipeline overlaps that with loading spaCy instead of waiting for both in turn.
    """
    key, thread = repr(dialect), harper_thread()
    with _PENDING_LOCK:
        if key not in _PENDING or _PENDING[key][0] != os.getpid():
            _PENDING[key] = (os.getpid(), thread.submit(harper.Linter, dialect))


def warm_spelling(dialect: harper.Dialect = harper.Dialect.AMERICAN) -> None:
    """Queue one unknown word on harper's thread, so the tables its spelling suggestions search
    are built before a text needs them; harper releases the GIL while it lints, so the pipeline
    loads spaCy and the models meanwhile."""
    harper_thread().submit(lambda: harper.Linter(dialect).lint(SPELLING_WARM_UP))


def new_linter(dialect: harper.Dialect) -> harper.Linter:
    """The prefetched Linter when one was started in this process, else a new one."""
    with _PENDING_LOCK:
        pid, future = _PENDING.pop(repr(dialect), (None, None))
    if future is not None and pid == os.getpid():
        return future.result()
    return harper.Linter(dialect)


def finish_harper_work() -> None:
    """Wait until harper's thread is idle. Called before every fork: a child forked while that
    thread builds one of harper's shared tables would wait for a thread it does not have."""
    thread = _THREADS.get(os.getpid())
    if thread is not None:
        thread.submit(lambda: None).result()


os.register_at_fork(before=finish_harper_work)


def quoted_in_order(message: str, replacements: list[str]) -> str:
    """``message`` with the suggestions it quotes ('chosen' or 'chose') in the order of
    ``replacements``."""
    quoted = [m for m in re.finditer(r"'([^']*)'", message) if m.group(1) in replacements]
    ordered = iter(sorted((m.group(1) for m in quoted), key=replacements.index))
    pieces, last = [], 0
    for m in quoted:
        pieces += [message[last : m.start(1)], next(ordered)]
        last = m.end(1)
    return "".join(pieces) + message[last:]


def replacement_text(lint: harper.Lint, suggestion: harper.Suggestion) -> str:
    """The text that replaces the lint's whole span when the suggestion is applied."""
    if suggestion.kind == harper.SuggestionKind.REMOVE:
        return ""
    if suggestion.kind == harper.SuggestionKind.INSERT_AFTER:
        return lint.problem_text + suggestion.replacement_text
    return suggestion.replacement_text


class HarperBackend:
    """Lints plain text with reused ``harper.Linter`` objects (one, and two more that split the
    spelling rule from the others when it is on)."""

    name = "harper"

    def __init__(
        self,
        words: Iterable[str] = (),
        disabled_rules: Iterable[str] = NOISY_RULES,
        dialect: harper.Dialect = harper.Dialect.AMERICAN,
        disabled_kinds: Iterable[str] = NOISY_KINDS,
        regex_mask: str | None = PRONUNCIATION_MASK,
        silent: Iterable[str] | None = None,
    ) -> None:
        """``silent``: rules switched off for speed, by default :func:`silent_rules`; pass ``()``
        for every rule (harper alone, as the evaluation compares it)."""
        self.disabled_kinds = frozenset(disabled_kinds)
        self.regex_mask = regex_mask
        self.disabled_rules = frozenset(disabled_rules)
        off = self.disabled_rules | (silent_rules() if silent is None else frozenset(silent))
        self.linter = switch_off(new_linter(dialect), off)
        linters = [self.linter]
        # The same rules in two more Linters, spelling apart, for callers that give the speller
        # a text with words blanked whose spelling lint they would drop anyway (``check``):
        # harper's time goes mostly to spelling suggestions for unknown words, most of them
        # names. A Linter shares harper's dictionary: two more cost ~0.01 s and no memory.
        rules = self.linter.get_default_lint_config()
        self.splits_spelling = SPELLING_RULE in rules and SPELLING_RULE not in off
        if self.splits_spelling:
            self._rest = switch_off(harper.Linter(dialect), off | {SPELLING_RULE})
            self._speller = switch_off(harper.Linter(dialect), set(rules) - {SPELLING_RULE})
            linters += [self._rest, self._speller]
        words = sorted(set(words))
        if words:  # one batch each: each import rebuilds the Linter's dictionary
            for linter in linters:
                linter.import_words(words)

    def check(self, text: str, spelling_text: str | None = None) -> list[GrammarMatch]:
        """harper's matches on ``text``. ``spelling_text``: ``text`` with words blanked (spaces,
        same length) that the spelling rule should not look at; the other rules read ``text``."""
        if spelling_text is None or not self.splits_spelling:
            matches = self._lint(self.linter, text)
        else:
            if len(spelling_text) != len(text):
                raise ValueError("spelling_text must be text with words blanked, same length")
            matches = self._lint(self._rest, text)
            taken = {(m.start, m.end) for m in matches}
            # where another rule ("SplitWords") flags the same span, one Linter reports only it
            matches += [m for m in self._lint(self._speller, spelling_text)
                        if (m.start, m.end) not in taken]
        matches.sort(key=lambda m: (m.start, m.end))
        return matches

    def _lint(self, linter: harper.Linter, text: str) -> list[GrammarMatch]:
        matches = []
        masked = [(m.start(), m.end()) for m in re.finditer(self.regex_mask, text)] if (
            self.regex_mask
        ) else []
        organised = on_harper_thread(linter.organized_lints, text, language="plaintext",
                                     regex_mask=self.regex_mask)
        for rule_name, lints in organised.items():
            for lint in lints:
                # harper blanks masked text, so the space it leaves looks like an error
                near_mask = any(a - 1 <= lint.span.end and lint.span.start <= b + 1
                                for a, b in masked)
                if lint.lint_kind not in self.disabled_kinds and not near_mask:
                    matches.append(self._to_match(rule_name, lint))
        return matches

    @staticmethod
    def _to_match(rule_name: str, lint: harper.Lint) -> GrammarMatch:
        replacements: list[str] = []
        for suggestion in lint.suggestions:
            text = replacement_text(lint, suggestion)
            if text not in replacements and text != lint.problem_text:
                replacements.append(text)
        message = lint.message
        if rule_name in UNORDERED_SUGGESTIONS:
            replacements.sort()
            message = quoted_in_order(message, replacements)
        return GrammarMatch(
            start=lint.span.start,
            end=lint.span.end,
            rule=f"harper/{lint.lint_kind}",
            kind=KIND_OF_LINT.get(lint.lint_kind, "grammar"),
            message=message,
            replacements=replacements,
            detail=rule_name,
        )
