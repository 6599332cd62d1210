"""The warm pipeline behind the server, and how concurrent requests share it.

One ``textfix.Checker`` is built at start-up and warmed with a first check, so no request pays
for loading spaCy or the models. The pipeline is not written to be called from several threads
at once (checks and models keep per-call state, torch runs its own threads), so exactly one
worker thread runs it. Requests are served concurrently around it (reading forms, mapping
offsets, writing JSON), and the texts that arrive while a check runs wait in a queue and go to
the pipeline together as one batch: one batched spaCy and LM pass instead of several.
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future

from ..api import Checker, CheckResult
from ..config import Config

# One sentence for each lazily loaded part: a calque, a misspelling (harper's suggestions and
# the word-frequency table load on the first unknown word), a doubled word, a fragment, a
# glossary term and typography, so the first real request pays for none of them.
WARM_UP_TEXT = ("Against the background of stress, the organism reacts to the pian in the nape. "
                "The the doctor prescribe a ointment -- twice a day. Pain in the legs at night.")
MAX_BATCH = 16  # texts per pipeline call; more wait for the next one


class Engine:
    """Owns the Checker; ``submit`` hands a text to the worker and returns a Future."""

    def __init__(self, config: Config, max_batch: int = MAX_BATCH) -> None:
        self.checker = Checker(config)
        self.max_batch = max_batch
        self._queue: queue.Queue[tuple[str, Future] | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Load everything and run one check, then start serving (idempotent)."""
        if self._thread is not None:
            return
        self.checker.check(WARM_UP_TEXT)
        self._thread = threading.Thread(target=self._work, name="textfix-engine", daemon=True)
        self._thread.start()

    def submit(self, text: str) -> Future[CheckResult]:
        if self._thread is None:
            raise RuntimeError("the engine has not been started")
        future: Future[CheckResult] = Future()
        self._queue.put((text, future))
        return future

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=30)
            self._thread = None

    def _work(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < self.max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    self._queue.put(None)  # stop after this batch
                    break
                batch.append(item)
            self._run(batch)

    def _run(self, batch: list[tuple[str, Future]]) -> None:
        live = [(text, f) for text, f in batch if f.set_running_or_notify_cancel()]
        if live:
            self._check(live)

    def _check(self, live: list[tuple[str, Future]]) -> None:
        try:
            results = self.checker.check_many([text for text, _ in live])
        except Exception as exc:  # noqa: BLE001 - it goes back to the request that caused it
            if len(live) == 1:
                live[0][1].set_exception(exc)
                return
            for item in live:  # one bad text must not fail the others: one at a time
                self._check([item])
            return
        for (_, future), result in zip(live, results, strict=True):
            future.set_result(result)
