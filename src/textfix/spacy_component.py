"""textfix as a spaCy pipeline component, for analysts whose work already lives in spaCy.

    nlp = spacy.load("en_core_web_sm")            # or spacy.blank("en"); no `import textfix`
    nlp.add_pipe("textfix", config={"disable": ["grammar"], "use_models": False})
    for doc in nlp.pipe(texts, batch_size=64):
        for span in doc._.textfix_issues:          # Spans, widened to whole tokens
            issue = span._.textfix                 # textfix.Match: exact offsets, rule, message,
            print(span.label_, issue.rule, issue.replacements[:2])   # replacements best first

spaCy finds the factory through the ``spacy_factories`` entry point (pyproject.toml). spaCy imports
every such module whenever it builds a pipeline, so this one imports nothing heavy: textfix's own
pipeline (its parser, engines and models) loads on the first doc, once per component, and each
batch of docs is one textfix pass. Issues are kept in ``doc.user_data`` as plain dicts, not Spans,
so docs survive pickling (``n_process>1``) and ``Doc.to_bytes``; the Spans are made when read.
``doc._.textfix_issues`` is None for a doc the component has not seen, never a silent empty list.
"""

import bisect
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from .api import Checker, CheckResult, Match

KEY = "textfix"  # doc.user_data[KEY] = {"issues": [Match.to_dict(), ...], "corrected": str}
SPAN_ID = "textfix:"  # span ids "textfix:<n>" point at the n-th issue of the doc

DEFAULT_CONFIG = {"checks": None, "disable": [], "use_models": True, "apply": "safe",
                  "batch_size": 64}


@Language.factory("textfix", default_config=DEFAULT_CONFIG,
                  assigns=["doc._.textfix_issues", "doc._.textfix_corrected"])
def make_textfix(nlp: Language, name: str, checks: list[str] | None, disable: list[str],
                 use_models: bool, apply: str, batch_size: int) -> "TextfixComponent":
    """The factory spaCy calls for ``nlp.add_pipe("textfix", config=...)``: ``checks`` (None: the
    default set), ``disable``, ``use_models`` (False: no trained models, like ``--no-models``),
    ``apply`` (safe | none | all: which fixes ``doc._.textfix_corrected`` carries)."""
    options: dict[str, Any] = {"apply": apply}
    if checks is not None:
        options["checks"] = tuple(checks)
    # built now, so a wrong check name or option fails at add_pipe, not at the first doc
    checker = Checker(disable=disable, use_models=use_models, **options)
    return TextfixComponent(name, checker, batch_size)


class TextfixComponent:
    """Runs one textfix Checker over docs, a batch of docs per textfix pass."""

    def __init__(self, name: str, checker: Checker, batch_size: int = 64) -> None:
        self.name = name
        self.checker = checker
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        self._annotate([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        for batch in minibatch(stream, size=batch_size or self.batch_size):
            self._annotate(batch)
            yield from batch

    def _annotate(self, docs: list[Doc]) -> None:
        results = self.checker.check_many([doc.text for doc in docs])
        for doc, found in zip(docs, results, strict=True):
            store(doc, found)


def store(doc: Doc, found: CheckResult) -> None:
    """Keep a textfix result on the doc; its offsets are the doc's own (the same text)."""
    if found.text != doc.text:  # textfix reads the doc's text as is; a change would shift spans
        raise ValueError("textfix changed the doc's text while reading it; offsets would not fit")
    doc.user_data[KEY] = {"issues": [m.to_dict() for m in found],
                          "corrected": found.corrected}


def issue_spans(doc: Doc) -> list[Span] | None:
    """``doc._.textfix_issues``: one Span per issue, in textfix's order (by position)."""
    data = doc.user_data.get(KEY)
    if data is None:
        return None
    starts = [token.idx for token in doc]
    return [token_span(doc, starts, n, record) for n, record in enumerate(data["issues"])]


def token_span(doc: Doc, starts: list[int], number: int, record: dict) -> Span:
    """The issue's characters widened to whole tokens, as ``char_span(alignment_mode="expand")``
    does, except that whitespace at an edge is kept too (it belongs to the token before it): a
    double space, or an empty issue (an insertion point), gets the token it follows."""
    start, end = record["start"], record["end"]
    first = max(bisect.bisect_right(starts, start) - 1, 0)
    last = min(max(first + 1, bisect.bisect_left(starts, end)), len(doc))
    return Span(doc, first, last, label=record["category"], span_id=f"{SPAN_ID}{number}")


def span_issue(span: Span) -> Match | None:
    """``span._.textfix``: the issue behind one of ``doc._.textfix_issues`` (None for others)."""
    data = span.doc.user_data.get(KEY)
    if data is None or not span.id_.startswith(SPAN_ID):
        return None
    record = dict(data["issues"][int(span.id_[len(SPAN_ID):])])
    record["replacements"] = tuple(record["replacements"])
    return Match(**record)


def corrected_text(doc: Doc) -> str | None:
    """``doc._.textfix_corrected``: the text with the ``apply`` policy's fixes."""
    data = doc.user_data.get(KEY)
    return None if data is None else data["corrected"]


Doc.set_extension("textfix_issues", getter=issue_spans, force=True)
Doc.set_extension("textfix_corrected", getter=corrected_text, force=True)
Span.set_extension("textfix", getter=span_issue, force=True)
