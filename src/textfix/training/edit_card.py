"""The edit head's section of the tagger's model card (``models/tagger/README.md``).

The section sits between two markers, so retraining replaces it and leaves the detection heads'
card alone. Figures come from the training run (``EditSettings.metrics``); measurements made
later with ``textfix eval`` are added under "Measured" by hand, with the command that made them.
"""

from __future__ import annotations

from pathlib import Path

from ..models.edit_tagger import EditSettings

BEGIN, END = "<!-- edit-head -->", "<!-- /edit-head -->"


_ENCODER_FROZEN = """the **frozen** encoder
above: the state of each word's first wordpiece with its two neighbours' (`[CLS]` for the start
slot). Why one shared frozen encoder: the fluency check already loads it, so the edit tagger adds
a {width}-wide MLP (a few MB) instead of a second 22.9M-parameter encoder in memory, and
its states could be computed once and the head trained in minutes on two shared CPU cores."""
_ENCODER_TUNED = """its **own** MiniLM encoder
(fp16 in this folder, int8 at load), trained end to end with the head, starting from the
encoder of `models/{source}`: the state of each word's first wordpiece with its two neighbours'
(`[CLS]` for the start slot). Why a second encoder: the same head on the detection tagger's
frozen encoder did not improve text on held-out data (JFLEG odd GLEU 0.3709 against 0.3704
doing nothing); that encoder says whether a word is wrong, not what it should become."""


def card_section(settings: EditSettings, command_minutes: float) -> str:
    m = settings.metrics
    data = m.get("data", {})
    rows = "\n".join(f"| {name} | {c['pairs']} | {c['kept']} | {c['rewritten']} |"
                     for name, c in data.items())
    table = m.get("thresholds", {})
    real = m.get("real_thresholds", {})
    floors = "\n".join(
        f"| {f} | {s['precision']} | {s['recall']} | {s['f05']} | "
        + (f"{real[f]['precision']} | {real[f]['recall']} | {real[f]['proposed']} |"
           if f in real else "– | – | – |")
        for f, s in table.items())
    tuned = "encoder_from" in m
    return f"""{BEGIN}
## Edit head (`edit_head.safetensors`, `edit_labels.json`): the edit tagger

GECToR-style edit labels (KEEP, DELETE, REPLACE_w, APPEND_w, letter case, and verb form / noun
number through `lemminflect`) predicted per word by a 2-layer MLP over {
    _ENCODER_TUNED.format(source=m.get("encoder_from")) if tuned else _ENCODER_FROZEN.format(
        width=settings.width)}

Data (`textfix.training.edit_data`; labels read off ERRANT alignments, pairs with more than 40%
of the words edited dropped as rewritten wholesale):

| source | pairs | kept | rewritten, dropped |
|---|---|---|---|
{rows}

Licences: MLQE-PE ru-en train (CC0); **JFLEG dev even lines (CC BY-NC-SA 4.0): this head learned
from JFLEG, so its use is non-commercial and share-alike**; the project's calque lexicon examples;
MedQuAD answers (CC BY 4.0) corrupted by `textfix.training.noise`. JFLEG's odd lines and MLQE-PE
dev are never read by training: they are `textfix eval`'s measuring sets. {m.get('heldout')}
sentences ({len(settings.labels)} labels; seen >= 3 times) held out by group for early stopping,
temperature and thresholds.

Training: {m.get('steps')} steps, best held-out loss {m.get('held_loss')}, {m.get('minutes')} min
for {"encoder and head" if tuned else "the head"}, {command_minutes} min in all ({
    "data, training, calibration" if tuned else "data, one encoder pass, head"}) on a shared
2-core CPU (2 threads). Temperature {settings.temperature}; an edit is proposed from calibrated
confidence {settings.min_confidence} (best held-out F0.5) and flags a sentence no other check
flagged from {settings.detect_confidence} (held-out precision on real errors >= 0.8; 0.95 when
no floor reaches it); up to {settings.passes} passes.

Held-out slots, one pass: precision / recall / F0.5 of the non-KEEP labels, all held-out
sentences; then precision / recall / labels proposed on the real errors among them (MLQE-PE
post-edits and JFLEG), which set the flagging floor:

| floor | precision | recall | F0.5 | real: precision | real: recall | real: proposed |
|---|---|---|---|---|---|---|
{floors}

Command: `textfix train edit-tagger {
    "--fine-tune --data ../shared/data --out models/edit-tagger" if tuned else
    "--data ../shared/data --out models/tagger"}`
{END}"""


def write_edit_card(out: Path, settings: EditSettings, command_minutes: float) -> None:
    """Put (or replace) the section in ``out/README.md``."""
    from ..atomic import atomic_write_text

    path = out / "README.md"
    text = path.read_text(encoding="utf-8") if path.is_file() else "# textfix tagger\n"
    section = card_section(settings, command_minutes)
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    atomic_write_text(path, text)
