"""A noise model of Russian→English machine-translation errors, for training data.

Clean health sentences (MedQuAD) are corrupted the way MT corrupts them: the rewrite model learns
the way back, and the awkwardness tagger learns to flag the corrupted words (``Edit`` gives each
changed span's offsets into the noisy sentence). Each *family* is one small, documented corruption
that finds its *eligible sites* in the clean sentence, from the spaCy parse or a word list, never
from a list of whole sentences. ``corrupt`` fires each site with its family's **rate** (the
probability per eligible site), keeps the fired sites that do not overlap (in random order) and
writes them all at once; if nothing fired it tries again (``attempts``). It is seeded and
deterministic: the same sentence and seed always give the same corruption.

Families, rate per eligible site, and an example (clean → noisy):

Parse-driven (``parsed.py``, word lists in ``tables.py``)

- ``government`` 0.8: the preposition Russian government asks for after a verb, adjective or
  noun ("The outcome depends on age." → "... depends from age."; "allergic to" → "allergic on").
- ``collocation`` 0.8: verb–noun collocations word for word ("The doctor made the diagnosis." →
  "The doctor put the diagnosis."; "prescribes" → "writes out"; "take a test" → "hand over an
  analysis"; "treat X" → "carry out treatment of X"; "relieve pain" → "remove pain").
- ``genitive_chain`` 0.25: a noun compound unfolded into "N of N" ("Check your blood sugar level."
  → "Check your level of sugar of the blood."; "a blood test" → "an analysis of blood").
- ``noun_calque`` 0.5: dictionary nouns and adjective+noun calques ("Ask about treatment
  options." → "Ask about treatment variants."; "preventive measures" → "measures of prevention";
  "drug treatment" → "medicamentous treatment"; "a severe disease" → "a heavy disease").
- ``generic_article`` 0.3: "the" before a mass or abstract noun in a generic statement ("Stress
  raises blood pressure." → "The stress raises blood pressure.").
- ``intensity`` 0.8: Russian adverbs of intensity, before the verb ("My knee hurts a lot." →
  "My knee strongly hurts."; "greatly reduces" → "very much reduces"; "severe pain" → "strong
  pain").
- ``disease_course`` 0.8: verbs of course and occurrence, severity as a form ("The illness
  progresses slowly." → "The illness proceeds slowly."; "pain occurs" → "pain arises"; "severe
  asthma" → "asthma in a severe form").
- ``recommendation`` 0.8: advice as "is shown/is indicated" ("Bed rest is recommended." → "Bed
  rest is indicated."; "Patients should rest." → "Patients are shown rest.").

Surface (``surface.py``, regular expressions) and lexicon (``lexicon_calque.py``)

- ``calque`` 0.5: the project's calque lexicon read backwards ("Heavy bleeding is common." →
  "Abundant bleeding is common."; "in the body" → "in the organism").
- ``repetition`` 0.005 (two sites per word): a word doubled or echoed two words later ("the
  pain" → "the the pain").
- ``drop_article`` 0.12: an article dropped, mostly before count nouns ("the pain in the leg" →
  "pain in the leg"); the edit covers the next word, where a reader notices the gap.
- ``drop_subject`` 0.3: a pronoun subject dropped at the start ("It can cause pain." → "Can
  cause pain.").
- ``wrong_preposition`` 0.04: any preposition swapped for one a literal translation picks
  ("allergy to" → "allergy for").
- ``wrong_agreement`` 0.08: subject–verb agreement broken ("the symptoms are" → "the symptoms
  is").
- ``adverb_order`` 0.3: adverb before the auxiliary ("is usually caused" → "usually is caused").
- ``inversion`` 0.5: place or time fronted, verb before subject ("Pain appears in the leg at
  night." → "In the leg at night appears pain.").
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence

from .core import Corruption, Edit, Noise, Parsed, Site, apply, overlaps, parse_many
from .lexicon_calque import calque_rules, calque_sites
from .parsed import (
    collocation_sites,
    disease_course_sites,
    generic_article_sites,
    genitive_chain_sites,
    government_sites,
    intensity_sites,
    noun_calque_sites,
    recommendation_sites,
)
from .surface import (
    adverb_order_sites,
    drop_article_sites,
    drop_subject_sites,
    inversion_sites,
    repetition_sites,
    wrong_agreement_sites,
    wrong_preposition_sites,
)

NOISES: tuple[Noise, ...] = (
    Noise("government", 0.8, government_sites),
    Noise("collocation", 0.8, collocation_sites),
    Noise("genitive_chain", 0.25, genitive_chain_sites),
    Noise("noun_calque", 0.5, noun_calque_sites),
    Noise("generic_article", 0.3, generic_article_sites),
    Noise("intensity", 0.8, intensity_sites),
    Noise("disease_course", 0.8, disease_course_sites),
    Noise("recommendation", 0.8, recommendation_sites),
    Noise("calque", 0.5, calque_sites),
    Noise("repetition", 0.005, repetition_sites),
    Noise("drop_article", 0.12, drop_article_sites),
    Noise("drop_subject", 0.3, drop_subject_sites),
    Noise("wrong_preposition", 0.04, wrong_preposition_sites),
    Noise("wrong_agreement", 0.08, wrong_agreement_sites),
    Noise("adverb_order", 0.3, adverb_order_sites),
    Noise("inversion", 0.5, inversion_sites),
)
FAMILIES = {n.name: n for n in NOISES}
# each family on its own, ``(text, rng) -> text`` at one random eligible site
(government, collocation, genitive_chain, noun_calque, generic_article, intensity, disease_course,
 recommendation, calque, repetition, drop_article, drop_subject, wrong_preposition,
 wrong_agreement, adverb_order, inversion) = NOISES


def _rng(seed: int | random.Random) -> random.Random:
    return seed if isinstance(seed, random.Random) else random.Random(seed)


def corrupt_parsed(parsed: Parsed, rng: random.Random, noises: Sequence[Noise] = NOISES,
                   attempts: int = 3) -> Corruption:
    """Fire each family's sites with its rate, write the non-overlapping ones; up to
    ``attempts`` rounds until something changed."""
    found = [(noise, noise.sites(parsed)) for noise in noises]
    for _ in range(attempts):
        fired = [(noise.name, site) for noise, sites in found for site in sites
                 if rng.random() < noise.probability]
        rng.shuffle(fired)
        taken: list[tuple[str, Site]] = []
        for name, site in fired:
            if not overlaps(site, [s for _, s in taken]):
                taken.append((name, site))
        if taken:
            result = apply(parsed.text, taken, rng)
            if result.edits:
                return result
    return Corruption(parsed.text, parsed.text)


def corrupt_edits(text: str, seed: int | random.Random, noises: Sequence[Noise] = NOISES,
                  attempts: int = 3) -> Corruption:
    """The corruption of one sentence with each edit's offsets into the noisy sentence."""
    return corrupt_parsed(Parsed(text), _rng(seed), noises, attempts)


def corrupt(text: str, seed: int | random.Random, noises: Sequence[Noise] = NOISES,
            attempts: int = 3) -> tuple[str, list[str]]:
    """The sentence with MT-style errors and the names of the families that changed it;
    ``(text, [])`` when nothing applies."""
    result = corrupt_edits(text, seed, noises, attempts)
    return result.noisy, result.families


def corrupt_many(sentences: Iterable[str], seed: int | random.Random = 0,
                 noises: Sequence[Noise] = NOISES, attempts: int = 3) -> Iterator[Corruption]:
    """``corrupt_edits`` over many sentences, parsed in spaCy batches (much faster)."""
    rng = _rng(seed)
    for parsed in parse_many(sentences):
        yield corrupt_parsed(parsed, rng, noises, attempts)


def noisy_pairs(sentences: Iterable[str], seed: int = 0,
                keep_clean: float = 0.1) -> list[tuple[str, str, list[str]]]:
    """(noisy, clean, families) for each sentence; a share ``keep_clean`` stays unchanged so the
    model also learns to leave fluent English alone."""
    rng = random.Random(seed)
    sentences = list(sentences)
    keep = [rng.random() < keep_clean for _ in sentences]
    corrupted = iter(corrupt_many([s for s, k in zip(sentences, keep, strict=True) if not k], rng))
    pairs = []
    for sentence, clean in zip(sentences, keep, strict=True):
        if clean:
            pairs.append((sentence, sentence, []))
        else:
            result = next(corrupted)
            pairs.append((result.noisy, sentence, result.families))
    return pairs


__all__ = [
    "FAMILIES", "NOISES", "Corruption", "Edit", "Noise", "Parsed", "Site", "calque_rules",
    "corrupt", "corrupt_edits", "corrupt_many", "corrupt_parsed", "noisy_pairs", "parse_many",
]
