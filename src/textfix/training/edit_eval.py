"""What ``textfix eval`` adds for corrections: ERRANT precision of applied edits, and how many
changed sentences moved closer to the post-edit.

- **Precision / recall (ERRANT)**: the system's edits (source → output) and each reference's
  edits (source → reference) are aligned by ERRANT on the project's spaCy pipeline; an edit is
  confirmed when some reference makes the same edit (same source words, same new words). Recall
  is against the reference whose edits the system matched best (JFLEG has four).
- **Closer / farther**: among the sentences a system changed, how many have a lower sentence TER
  against the post-edit than the raw input had (ties count as neither).
- **The edit tagger alone**: the runtime's passes and its suggestion floor, every edit applied
  without guard or LM, so its own quality is visible beside the pipeline that filters it.
"""

from __future__ import annotations

from collections.abc import Sequence

from .edit_data import words_of


def _edit_sets(annotator, nlp, sources: Sequence[str], targets: Sequence[str]) -> list[set]:
    from spacy.tokens import Doc

    src_docs = list(nlp.pipe(Doc(nlp.vocab, words=words_of(s) or ["."]) for s in sources))
    tgt_docs = nlp.pipe(Doc(nlp.vocab, words=words_of(t) or ["."]) for t in targets)
    out = []
    for source, target, sdoc, tdoc in zip(sources, targets, src_docs, tgt_docs, strict=True):
        if words_of(source) == words_of(target):
            out.append(set())
            continue
        out.append({(e.o_start, e.o_end, e.c_str.lower())
                    for e in annotator.annotate(sdoc, tdoc)})
    return out


def errant_scores(sources: Sequence[str], outputs: Sequence[str],
                  references: Sequence[Sequence[str]], nlp=None) -> dict:
    """Precision and recall of the outputs' edits against the references' (ERRANT)."""
    import errant

    from ..stages.analyse import load_spacy

    nlp = nlp or load_spacy()
    annotator = errant.load("en", nlp)
    hyp = _edit_sets(annotator, nlp, sources, outputs)
    per_ref = [_edit_sets(annotator, nlp, sources, [r[k] for r in references])
               for k in range(len(references[0]))]
    proposed = confirmed = gold = found = 0
    for i, edits in enumerate(hyp):
        refs = [ref[i] for ref in per_ref]
        proposed += len(edits)
        confirmed += len({e for e in edits if any(e in r for r in refs)})
        best = max(refs, key=lambda r: (len(edits & r), -len(r)))
        gold += len(best)
        found += len(edits & best)
    return {"applied_edits": proposed, "precision": round(confirmed / max(1, proposed), 4),
            "recall": round(found / max(1, gold), 4)}


def closer_share(sources: Sequence[str], outputs: Sequence[str],
                 references: Sequence[str]) -> dict:
    """Of the changed sentences, how many got closer to (or farther from) the reference."""
    from sacrebleu.metrics import TER

    ter = TER()
    closer = farther = changed = 0
    for src, out, ref in zip(sources, outputs, references, strict=True):
        if out == src:
            continue
        changed += 1
        before = ter.sentence_score(src, [ref]).score
        after = ter.sentence_score(out, [ref]).score
        closer += after < before
        farther += after > before
    return {"changed": changed, "closer": round(closer / max(1, changed), 4),
            "farther": round(farther / max(1, changed), 4)}


def run_edit_tagger(texts: list[str], folder: str | None = None) -> list[str]:
    """The edit tagger alone: every edit at its suggestion floor applied to the text."""
    from ..models.edit_tagger import EditTagger, edit_tagger_folder
    from ..records import Edit
    from ..stages.apply import apply_edits

    tagger = EditTagger.load(folder or edit_tagger_folder())
    out = []
    for b in range(0, len(texts), 64):
        part = texts[b : b + 64]
        for text, edits in zip(part, tagger.tag(part), strict=True):
            out.append(apply_edits(text, [Edit(e.start, e.end, e.replacement) for e in edits]))
    return out
