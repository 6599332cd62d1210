"""Checking on several cores gives exactly what one process gives, with every model on."""

import os

from textfix.config import Config
from textfix.parallel import run_documents, worker_threads
from textfix.records import Document

LINES = ["The level of sugar of the blood depends from the food.",
         "Children at type 1 diabetes need insulin every day, say the doctors.",
         "Rest helps.",
         "The headache amplifies in the evenings and gives into the neck.",
         "Drink enough water during the day and avoid the stress.",
         "Patient should take tablet after the meal, not more than 2 times in day.",
         "The swelling of the ankles passes by itself after the rest of some hours.",
         "Address to doctor if the dizziness repeats often."]


def test_two_workers_give_byte_for_byte_what_one_process_gives(monkeypatch):
    """Workers forked from a process that built the pipeline once (one torch thread each)
    batch other sentences together than one process does; flags, confidences and applied
    fixes must not change with that, and this process gets its cores back afterwards."""
    import torch

    monkeypatch.delenv("TEXTFIX_TORCH_THREADS", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert worker_threads(2) == 1  # the shared-pipeline path
    documents = [Document(id=f"d{k}", text=line) for k, line in enumerate(LINES)]
    config = Config()
    alone = run_documents(config, documents, 1)
    together = run_documents(config, documents, 2)
    assert [r.to_dict() for r in together] == [r.to_dict() for r in alone]
    assert any(i.rule == "fluency/model" for r in alone for i in r.issues)  # models ran
    assert "TEXTFIX_TORCH_THREADS" not in os.environ
    assert torch.get_num_threads() == 2


def test_automatic_jobs_start_a_worker_per_fifteen_thousand_words_up_to_the_cores(monkeypatch):
    from textfix.parallel import resolve_jobs

    monkeypatch.setattr(os, "cpu_count", lambda: 4)

    def documents(words: int) -> list[Document]:
        return [Document(id=f"d{k}", text="Rest helps the knees. " * 250) for k in
                range(words // 1000)]  # 1,000 words each

    short = [Document(id="s", text="Rest helps. " * 100)]
    assert resolve_jobs(0, short) == 1 and resolve_jobs(0, documents(29_000)) == 1
    assert resolve_jobs(0, documents(31_000)) == 2 and resolve_jobs(0, documents(80_000)) == 4
    assert resolve_jobs(3, short) == 3  # an explicit choice always wins
