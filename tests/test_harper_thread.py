"""harper runs on one thread per process (``harper_backend.on_harper_thread``): its spelling
tables are built per thread, so every lint must land on the thread that built them, and a
forked worker must get a thread of its own rather than wait on its parent's."""

from __future__ import annotations

import multiprocessing
import threading

import pytest

from textfix.checks.grammar import GrammarCheck
from textfix.checks.grammar.dialects import OtherDialects
from textfix.checks.grammar.harper_backend import (
    SPELLING_WARM_UP,
    HarperBackend,
    finish_harper_work,
    harper_thread,
    on_harper_thread,
    warm_spelling,
)
from textfix.config import Config
from textfix.stages.analyse import analyse

TYPO = "The patient recieved two tablets."


def _thread_name() -> str:
    return threading.current_thread().name


def test_every_lint_of_the_backend_runs_on_harpers_thread(monkeypatch):
    backend = HarperBackend()
    seen: list[str] = []
    original = on_harper_thread

    def recording(function, *args, **kwargs):
        def traced(*a, **k):
            seen.append(_thread_name())  # where the lint itself runs
            return function(*a, **k)

        return original(traced, *args, **kwargs)

    monkeypatch.setattr("textfix.checks.grammar.harper_backend.on_harper_thread", recording)
    matches = backend.check(TYPO, spelling_text=TYPO)
    assert any(m.start == TYPO.index("recieved") for m in matches)
    assert seen and set(seen) == {"harper"}
    assert _thread_name() != "harper"


def test_a_failing_call_raises_in_the_caller_and_the_thread_goes_on():
    def broken() -> None:
        raise ValueError("bad input for harper")

    with pytest.raises(ValueError, match="bad input"):
        on_harper_thread(broken)
    assert on_harper_thread(lambda: 41 + 1) == 42


def test_other_dialects_are_asked_on_harpers_thread():
    dialects = OtherDialects()
    assert dialects.accepts("haemorrhage")  # British spelling, not a typo
    assert not dialects.accepts("recieved")
    assert all(on_harper_thread(_thread_name) == "harper" for _ in range(2))


def _lint_in_child(queue) -> None:
    backend = HarperBackend()
    queue.put(([m.replacements[:1] for m in backend.check(TYPO, spelling_text=TYPO)],
               on_harper_thread(_thread_name)))


def test_a_forked_worker_lints_on_a_thread_of_its_own():
    """The parent's harper thread is busy warming when the fork is asked for: the fork waits
    for it (``finish_harper_work``), and the child starts its own thread and gets the same
    lints as the parent."""
    parent = HarperBackend().check(TYPO, spelling_text=TYPO)
    warm_spelling()  # in flight on the parent's thread while the fork happens
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_lint_in_child, args=(queue,))
    child.start()
    replacements, thread = queue.get(timeout=120)
    child.join(timeout=60)
    assert child.exitcode == 0
    assert thread == "harper"
    assert replacements == [m.replacements[:1] for m in parent]


def test_the_warm_up_word_is_one_harper_does_not_know():
    """Otherwise warming builds nothing: harper builds its spelling tables for a word its
    dictionary lacks."""
    lints = HarperBackend(silent=()).check(SPELLING_WARM_UP)
    assert [m.kind for m in lints] == ["spelling"]


def test_waiting_for_harper_returns_once_its_queue_is_done():
    done: list[int] = []
    harper_thread().submit(lambda: done.append(1))
    finish_harper_work()
    assert done == [1]


def test_the_grammar_check_starts_its_engine_and_the_caller_goes_on(nlp):
    """``start_many`` hands harper's work to harper's thread and returns at once (the pipeline
    runs the other checks meanwhile); taking the issues waits for it and gives what
    ``check_many`` gives."""
    from .helpers import lines_document

    check = GrammarCheck(Config())
    docs = analyse([lines_document(TYPO + "\nShe have two childs.")], nlp)
    expected = check.check_many(docs)
    original = check.backend.check
    gate, ran = threading.Event(), []

    def held_back(text, spelling_text=None):
        released = gate.wait(timeout=20)  # released only once start_many has returned
        ran.append((_thread_name(), released))
        return original(text, spelling_text=spelling_text)

    check.backend.check = held_back
    take = check.start_many(docs)
    gate.set()
    assert take() == expected
    assert ran == [("harper", True)]
