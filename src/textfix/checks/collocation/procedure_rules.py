"""The collocation check's rules about procedures, medicines, appointments, instruments and a
verb's object or missing preposition, with their examples (run by tests/test_rule_examples.py)."""

from __future__ import annotations

from collections.abc import Iterator

from ...example import Example, Rule


def procedure_rules() -> Iterator[Rule]:
    """Procedures and medicines (``procedure.py``, ``medicine_verb.py``), appointments and
    instruments."""
    yield from _procedure_verb_rules()
    yield from _whom_and_with_what_rules()


def _given_examples() -> tuple[Example, ...]:
    """What is given, imposed, handed over or conducted."""
    return (
        # «поставить укол»: what is given
        Example.flagged("The nurse put an injection of vitamin B12.",
                        fix="The nurse gave an injection of vitamin B12."),
        Example.ok("Put the bandage on before you leave the clinic."),
        # «сделали ему укол»: whoever gives it to someone gives it
        Example.flagged("They did him an injection in the shoulder.",
                        fix="They gave him an injection in the shoulder."),
        Example.ok("The lab did a test on the sample."),
        Example.ok("The surgeon made him a cast for the broken arm."),
        # «наложить швы», «сдать кровь»
        Example.flagged("The wound was deep, so the doctor imposed stitches.",
                        fix="The wound was deep, so the doctor put in stitches."),
        Example.flagged("Do not hand over blood if you have a cold.",
                        fix="Do not give blood if you have a cold."),
        Example.ok("The court imposed a fine on the clinic."),
        Example.flagged("The surgeon conducted the operation under general anaesthesia.",
                        fix="The surgeon performed the operation under general anaesthesia."),
        Example.ok("The team conducted a test of the new vaccine."),
        Example.ok("He passed urine with pain."),
    )


def _procedure_verb_rules() -> Iterator[Rule]:
    yield Rule("collocation/procedure-verb", "collocation", _given_examples() + (
        Example.flagged("The nurse made an injection into the upper arm.",
                        fix="The nurse gave an injection into the upper arm."),
        # «сдать анализ»: a patient "takes an analysis"; a nurse takes a sample
        Example.flagged("Tomorrow you need to take an analysis of urine.",
                        fix="Tomorrow you need to have a test of urine."),
        Example.ok("Tomorrow you need to take a blood test."),
        Example.flagged("The surgeon who made the operation will see you in a week.",
                        fix="The surgeon who performed the operation will see you in a week."),
        Example.flagged("Adults should make a vaccination against tetanus every ten years.",
                        fix="Adults should have a vaccination against tetanus every ten years."),
        Example.flagged("You need to make an analysis of your thyroid hormones.",
                        fix="You need to have a test of your thyroid hormones."),
        Example.flagged("Older women should pass a mammogram every two years.",
                        fix="Older women should have a mammogram every two years."),
        Example.flagged("The nurse made a compress on his chest.",
                        fix="The nurse applied a compress on his chest."),
        Example.ok("The surgeon made an incision in the skin."),
        Example.ok("The lab carried out the test within a day."),
        Example.ok("You should have an ultrasound in the first trimester."),
    ), origin="src/textfix/checks/collocation/procedure.py")
    yield Rule("collocation/medicine-verb", "collocation", (
        Example.flagged("These capsules are accepted with food.",
                        fix="These capsules are taken with food."),
        Example.flagged("My father accepts warfarin every evening.",
                        fix="My father takes warfarin every evening."),
        Example.flagged("Many teenagers drink painkillers for a headache.",
                        fix="Many teenagers take painkillers for a headache."),
        Example.flagged("Drink the whole course of antibiotics even if you feel better.",
                        fix="Take the whole course of antibiotics even if you feel better."),
        Example.ok("Finish the whole course of antibiotics even if you feel better."),
        Example.flagged("The tablets should be drunk with plenty of water.",
                        fix="The tablets should be taken with plenty of water."),
        Example.ok("The syrup should be drunk after meals."),
        Example.flagged("Smear the gel on the bruise twice a day.",
                        fix="Apply the gel on the bruise twice a day."),
        Example.flagged("Before going out, put a sunscreen with a high factor.",
                        fix="Before going out, apply a sunscreen with a high factor."),
        Example.ok("Drink the medicine with a glass of water."),
        Example.ok("Put the cream on the rash before bed."),
        Example.ok("Pharmacies accept unused medicines from the public."),
        Example.ok("The clinic does not accept new patients."),
    ), origin="src/textfix/checks/collocation/medicine_verb.py")


def _whom_and_with_what_rules() -> Iterator[Rule]:
    """An appointment with a clinician, an instrument with "with" (``appointment.py``,
    ``instrument.py``)."""
    yield Rule("collocation/appointment", "collocation", (
        Example.flagged("I signed up to the doctor for Monday.",
                        fix="I made an appointment with the doctor for Monday."),
        Example.flagged("She registered for a dentist last week.",
                        fix="She made an appointment with a dentist last week."),
        Example.ok("He signed up for the course on first aid."),
        Example.ok("You should register with a GP near your home."),
        Example.ok("The nurse signed the form for the doctor."),
        Example.flagged("My grandmother is registered at a cardiologist.",
                        fix="My grandmother is registered with a cardiologist."),
        Example.ok("The birth was registered at the town hall."),
    ), origin="src/textfix/checks/collocation/appointment.py")
    yield Rule("collocation/instrument", "collocation", (
        Example.flagged("The nurse treated the wound by iodine.",
                        fix="The nurse treated the wound with iodine."),
        Example.flagged("Pneumonia is usually treated by antibiotics.",
                        fix="Pneumonia is usually treated with antibiotics."),
        Example.ok("The liver is damaged by alcohol."),
        Example.ok("The wound was treated by a surgeon."),
        Example.ok("Some vaccines are given by injection."),
    ), origin="src/textfix/checks/collocation/instrument.py")


def object_rules() -> Iterator[Rule]:
    """A preposition where English has a direct object, a direct object where English has a
    preposition, or none before a length of time."""
    yield Rule("collocation/missing-preposition", "collocation", (
        Example.flagged("You will have to wait the results for about a week.",
                        fix="You will have to wait for the results for about a week."),
        Example.flagged("Patients must adhere the diet strictly.",
                        fix="Patients must adhere to the diet strictly."),
        Example.flagged("The kit consists three parts.", fix="The kit consists of three parts."),
        Example.ok("Wait two weeks before the next dose."),
        Example.ok("Listen to the doctor and take the pills."),
        Example.flagged("The nurse explained the patient the risks of the operation.",
                        fix="The nurse explained to the patient the risks of the operation."),
        Example.ok("The doctor described the patient in his report."),
        Example.flagged("Two years ago she was diagnosed diabetes.",
                        fix="Two years ago she was diagnosed with diabetes."),
        Example.flagged("Last winter my son was treated pneumonia at home.",
                        fix="Last winter my son was treated for pneumonia at home."),
        Example.ok("The patient was treated last winter."),
        Example.ok("The wound was treated with iodine."),
    ), origin="src/textfix/checks/collocation/missing_preposition.py")
    yield Rule("collocation/transitive", "collocation", (
        Example.flagged("The doctor answered on every question about the side effects.",
                        fix="The doctor answered every question about the side effects."),
        Example.ok("The doctor answered every question about the side effects."),
        Example.ok("Children need in the first year of life plenty of sleep."),
        # a verb the tagger read as a plural noun in a sentence with no other verb
        Example.flagged("Smoking influences on the blood vessels.",
                        fix="Smoking influences the blood vessels."),
        Example.ok("Environment influences on health"),
        Example.flagged("The pharmacist answered on all my questions.",
                        fix="The pharmacist answered all my questions."),
        Example.ok("In all cases the doctor decides."),
        # a preposition general English never puts after a verb it knows well
        Example.flagged("Many patients refuse from the vaccine out of fear.",
                        fix="Many patients refuse the vaccine out of fear."),
        Example.ok("Many patients refuse to have the vaccine."),
    ), origin="src/textfix/checks/collocation/governed.py")
    yield Rule("collocation/duration", "collocation", (
        Example.flagged("Take the antibiotic during 7 days, even if you feel better.",
                        fix="Take the antibiotic for 7 days, even if you feel better."),
        Example.ok("Most side effects appear during the first 7 days."),
        Example.ok("Hospital admissions rose during 2020."),
        # «через два часа» (time_prepositions.through_finding)
        Example.flagged("Check your blood sugar through two hours after the meal.",
                        fix="Check your blood sugar two hours after the meal."),
        Example.flagged("Come back through two weeks for the results.",
                        fix="Come back in two weeks for the results."),
        Example.ok("Children are vaccinated from 2 months through 6 years of age."),
        # how long, after a perfect (missing_preposition.perfect_duration)
        Example.flagged("My son has been coughing already ten days.",
                        fix="My son has been coughing for ten days already."),
        Example.flagged("She has suffered from migraines twenty years.",
                        fix="She has suffered from migraines for twenty years."),
        Example.ok("She had the operation two weeks ago."),
        Example.ok("How many days have you had the fever?"),
    ), origin="src/textfix/checks/collocation/governed.py")
