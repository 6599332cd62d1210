"""The stages a document passes through after ingest, in order (``textfix.pipeline`` runs them):

- ``analyse``: one batched spaCy pass; a parsed ``Block`` per segment (checks run here, see
  ``textfix.checks`` and ``textfix.catalogue``)
- ``memory``: editors' earlier fixes suggested first, rejected flags dropped
- ``ranking``: issues from several checks merged, suggestions ranked (the one "best suggestion")
- ``lm_ranking``: the health LM reads each candidate fix in its sentence
- ``rewrite``: optional whole-sentence rewrites, gated by the LM and a meaning check
- ``guard``: may a suggestion be applied without an editor (numbers, units, negation, names)?
- ``policy``: which suggestions become edits
- ``apply``: edits on the original text
"""
