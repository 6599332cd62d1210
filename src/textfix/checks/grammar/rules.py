"""The grammar check's rules with their examples (see ``textfix.example``).

harper reports one rule id per lint kind ("harper/Agreement"): the kinds textfix passes through
on MT health text are declared one by one, and ``harper/*`` covers any other kind (harper adds
kinds between versions; an eggcorn stands for them). LanguageTool's ids
(``languagetool/<RULE_ID>``) are not declared: it needs a server, so no example could run
offline, and the example test runs the default engine.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...example import Example, Rule
from .agreement import RULE as PARSER_AGREEMENT_RULE

# Each lint kind: (flagged sentence, the sentence after its first suggestion, near miss).
HARPER_EXAMPLES = {
    "Spelling": ("Patients should drink a glass of water evry morning.",
                 "Patients should drink a glass of water every morning.",
                 "Patients should drink a glass of water every morning."),
    "Punctuation": ("Rest the knee , then walk slowly.", "Rest the knee, then walk slowly.",
                    "Rest the knee, then walk slowly."),
    "Formatting": ("Wait... the swelling returns by evening.",
                   "Wait\u2026 the swelling returns by evening.",
                   "Wait\u2026 the swelling returns by evening."),
    "WordChoice": ("She could of avoided the injury.", "She could have avoided the injury.",
                   "She could have avoided the injury."),
    "Capitalization": ("The knee aches. the swelling starts after long walking.",
                       "The knee aches. The swelling starts after long walking.",
                       "The knee aches. The swelling starts after long walking."),
    "Usage": ("We discussed about the pain in the knee.", "We discussed the pain in the knee.",
              "We talked about the pain in the knee."),
    "Typo": ("She kept walking inspite of the knee pain.",
             "She kept walking in spite of the knee pain.",
             "She kept walking in spite of the knee pain."),
    "Agreement": ("He have a pain in the knee after a long walk.",
                  "He has a pain in the knee after a long walk.",
                  "They have a pain in the knee after a long walk."),
    "Repetition": ("The knee is very very sore.", "The knee is very sore.",
                   "The knee is very sore."),
    "Grammar": ("Their is no reason to stop walking.", "There is no reason to stop walking.",
                "There is no reason to stop walking."),
    "Miscellaneous": ("Take a aspirin only if the doctor allows it.",
                      "Take an aspirin only if the doctor allows it.",
                      "Take an aspirin only if the doctor allows it."),
    "BoundaryError": ("The patient feels alot better after the massage.",
                      "The patient feels a lot better after the massage.",
                      "The patient feels a lot better after the massage."),
    "Nonstandard": ("For all intensive purposes the knee has healed.",
                    "For all intents and purposes the knee has healed.",
                    "For all intents and purposes the knee has healed."),
}


# More examples for a kind: what the spelling filter (vocabulary.py, frequency.py, science.py)
# must still flag, and the clean science English it must let through.
MORE_EXAMPLES = {
    "Spelling": (
        # frequency: "recieve" (Zipf 2.75) and "occured" (2.8) are in the frequency list, but a
        # word one slip away is far commoner, so they stay typos
        Example.flagged("Patients should recieve the vaccine in the autumn.",
                        fix="Patients should receive the vaccine in the autumn."),
        Example.flagged("The fever occured two days after the injection.",
                        fix="The fever occurred two days after the injection."),
        # a scientific suffix on a known stem ("diagnos-" + "-ic"), but one edit from a frequent
        # word: a typo, not a term
        Example.flagged("The diagnosic was confirmed by a blood test.",
                        fix="The diagnosis was confirmed by a blood test."),
        # frequent enough, and no commoner word one slip away
        Example.ok("The nurse inserted a cannula into the vein of the arm."),
        Example.ok("The vaccine was made from DNA plasmids."),
        # a scientific suffix on a known stem: virology, replicate, helical
        Example.ok("The virological tests were negative in all patients."),
        Example.ok("The replicase and a viral helicase copy the genome."),
        # the science list: Latin phrases, units, lab words
        Example.ok("The drug was tested in vivo and in vitro by a bona fide laboratory."),
        Example.ok("Blood glucose was 5.5 mmol per litre; antibodies were measured in sera."),
        # word formation (science.py): a plural of a known term, "-al" on a noun, a species
        # epithet after its genus in brackets; and no word at all (native.py): an HTML entity
        Example.ok("Fibrous exudates and humoral immunity were seen in the lungs of both "
                   "patients."),
        Example.ok("The investigational drug was first tested in pangolins (Manis javanica)."),
        Example.ok("Only children under five (&lt; 5 years) were excluded from the trial."),
        Example.ok("Most diarrheal diseases in children can be prevented with clean water."),
    ),
    "Typo": (
        Example.flagged("Wash your hands before teh meal.", fix="Wash your hands before the meal."),
        # a prefix on a common word (science.is_prefixed_word)
        Example.ok("Upregulation of the receptor leads to inviability of the infected cells."),
        # a Latin plural in "-ae" in use (science.is_latin_plural)
        Example.ok("Concerns have been raised about long-term sequelae of the disease."),
    ),
    # native.py: false alarms on clean native English, each told apart by its context
    "Capitalization": (
        # a text with no capital at all is a transcript or chat line, written so on purpose
        Example.ok("and i think i have had a little bit of a fever since yesterday"),
        # ... but prose typed in lower case closes its sentences with a full stop
        Example.flagged("so the nurse checked the results again.",
                        fix="So the nurse checked the results again."),
        # ... unless the sentence is being corrected anyway: a misspelt lower-case sentence
        Example.flagged("the nurse recieved the results this evening",
                        fix="The nurse recieved the results this evening"),
        # a domain, path or handle: the word after the dot opens no sentence
        Example.ok("The advice was posted on healthnews.ru and shared by u/nurse_anna."),
    ),
    "Formatting": (
        # a quotation running on into the next sentence: its one quote mark is not unclosed
        Example.ok('The minister said that "the risk of spread is high in every region.'),
    ),
    "Miscellaneous": (
        # a modal a question word inverted has its subject after it (native.is_inverted_modal)
        Example.ok("How might vernal keratoconjunctivitis be treated?"),
    ),
    "Agreement": (
        # a Roman numeral "I" is no pronoun (native.is_roman_numeral_agreement)
        Example.ok("Phase I trials, usually in healthy volunteers, determine safety."),
    ),
    "Repetition": (
        Example.ok("The patients had had the vaccine before the trial began."),
        Example.ok("The compound was described by Hussein A A and colleagues in 2020."),
    ),
    "WordChoice": (
        # harper rules switched off (harper_backend.NOISY_RULES): "too", "Türkiye", "lock down"
        Example.ok("Symptoms range from mild to severe in most adults."),
        Example.ok("Turkey reported new cases after the lockdown ended."),
        Example.ok("Phase II trials explore the safety of the NCE in patients."),
    ),
}


def grammar_rules() -> Iterator[Rule]:
    """The parser's agreement rule, harper's lint kinds, and the ``harper/*`` family."""
    yield Rule(PARSER_AGREEMENT_RULE, "grammar", (
        Example.flagged("The pathologies of the knee is often hidden for years.",
                        fix="The pathologies of the knee are often hidden for years."),
        Example.ok("The pain in both knees is often worse at night."),
        # what the parse gets wrong on native English (agreement.py): a gerund and its object,
        # an acronym's plural, a list hanging inside the subject
        Example.ok("In many places closing schools was not found to reduce the number of cases."),
        Example.ok("These mRNAs are translated into proteins by the ribosomes."),
        Example.ok("The impact of the pandemic and its death rate are different for men and "
                   "women."),
    ), __name__)
    for kind, (flagged, fixed, ok) in HARPER_EXAMPLES.items():
        examples = (Example.flagged(flagged, fix=fixed), Example.ok(ok),
                    *MORE_EXAMPLES.get(kind, ()))
        yield Rule(f"harper/{kind}", "grammar", examples, __name__)
    yield Rule("harper/*", "grammar", (
        Example.flagged("The pain in the knee was a mute point.",
                        fix="The pain in the knee was a moot point."),
        Example.ok("The pain in the knee was a moot point."),
    ), __name__)
