"""The collocation check's rules about verbs, with their examples: the course of a disease, the
Russian passive of advice, and degree adverbs (run by tests/test_rule_examples.py)."""

from __future__ import annotations

from collections.abc import Iterator

from ...example import Example, Rule


def course_rules() -> Iterator[Rule]:
    """Course verbs and the advice passive (``course.py``, ``passive.py``)."""
    yield Rule("collocation/course", "collocation",
               _course_examples() + _course_examples_more(),
               origin="src/textfix/checks/collocation/course.py")
    yield from _passive_rules()


def _course_examples() -> tuple[Example, ...]:
    """Occurrence and course verbs for a disease (``course.py``)."""
    return (
        # course_become.py: "became" + a course verb's participle
        Example.flagged("His eczema became aggravated after the holiday.",
                        fix="His eczema got worse after the holiday."),
        Example.ok("The wound became infected after the holiday."),
        Example.flagged("In most children, the illness proceeds without complications.",
                        fix="In most children, the illness occurs without complications."),
        Example.flagged("Dizziness is noted in one patient in ten.",
                        fix="Dizziness occurs in one patient in ten."),
        Example.flagged("Seizures take place in one child in fifty after the vaccine.",
                        fix="Seizures occur in one child in fifty after the vaccine."),
        Example.flagged("Without treatment the inflammation passes into the joints.",
                        fix="Without treatment the inflammation spreads to the joints."),
        # «переходит в»: into another condition, or into a form or stage
        Example.flagged("In a week her cold passed into bronchitis.",
                        fix="In a week her cold turned into bronchitis."),
        Example.flagged("Without treatment the disease can pass into a chronic form.",
                        fix="Without treatment the disease can become chronic."),
        # how severe the disease runs («протекает тяжело»): what it is
        Example.flagged("In adults the flu flows more heavily.",
                        fix="In adults the flu is more severe."),
        Example.ok("The blood flows more slowly in the veins."),
        Example.flagged("In most children the disease proceeds in a mild form.",
                        fix="In most children the disease is mild."),
        Example.flagged("The disease debuts with a high fever.",
                        fix="The disease starts with a high fever."),
        Example.flagged("The fever passes on the third or fourth day.",
                        fix="The fever goes away on the third or fourth day."),
        Example.flagged("The pain quickly passed after the tablet.",
                        fix="The pain quickly went away after the tablet."),
        Example.flagged("The pain is amplified when you lie down.",
                        fix="The pain gets worse when you lie down."),
        Example.ok("The virus passes on to the baby during birth."),
        # «перенести»: a person who "carried" an illness had it
        Example.flagged("Patients who carried a heart attack need rehabilitation.",
                        fix="Patients who had a heart attack need rehabilitation."),
        Example.ok("Mosquitoes carry malaria from person to person."),
        Example.flagged("The cough keeps for several weeks after the flu.",
                        fix="The cough lasts for several weeks after the flu."),
        # a course verb the tagger read as a plural noun after its subject
    )


def _course_examples_more() -> tuple[Example, ...]:
    """How a disease passes into another, how severe it runs, misread verbs, «перенести»."""
    return (
        Example.flagged("The itching intensifies at night.",
                        fix="The itching gets worse at night."),
        # «держалась»: a passive of "keep" or "hold" with a length of time
        Example.flagged("The fever was held for three days.",
                        fix="The fever lasted for three days."),
        Example.ok("The temperature was held at 37 degrees during the test."),
        Example.ok("The patient is registered with a cardiologist."),  # a person is no case
        Example.flagged("The migraine released after an hour.",
                        fix="The migraine eased after an hour."),
        # a verb the tagger read as a plural noun, its subject hung on it
        Example.flagged("Measles in adults proceeds heavier than in children.",
                        fix="Measles in adults is more severe than in children."),
        # a sentence the parser left without a verb: the root noun is the subject
        Example.flagged("The pain in the lower back amplifies after sitting.",
                        fix="The pain in the lower back gets worse after sitting."),
        Example.flagged("The itching calms down by the morning.",
                        fix="The itching eases by the morning."),
        Example.ok("The nurse calms down the crying child."),
        Example.flagged("Measles is transferred through the air.",
                        fix="Measles spreads through the air."),
        Example.flagged("Migraine attacks are repeated several times a month.",
                        fix="Migraine attacks recur several times a month."),
        Example.flagged("A small wound is tightened within two weeks.",
                        fix="A small wound heals within two weeks."),
        Example.ok("The scans were transferred to the hospital."),
        Example.ok("The virus does not pass easily from person to person."),
        Example.ok("The patient repeats the exercise ten times."),
        Example.ok("The annual screening day takes place in May."),
        Example.ok("The operation proceeds under general anaesthesia."),
        Example.ok("The gene is passed down from parent to child."),
        Example.flagged("When the weather changes, her eczema often renews.",
                        fix="When the weather changes, her eczema often returns."),
        Example.flagged("The earache often gives to the jaw.",
                        fix="The earache often radiates to the jaw."),
        Example.flagged("An attack of gout continues for 5 to 7 days.",
                        fix="An attack of gout lasts for 5 to 7 days."),
        Example.ok("The treatment continues at home."),
        # a condition acting on something (course_acting.acting_finding)
        Example.flagged("Untreated tonsillitis can give complications in the kidneys.",
                        fix="Untreated tonsillitis can cause complications in the kidneys."),
        Example.flagged("A cough that disturbs you at night needs a doctor's advice.",
                        fix="A cough that bothers you at night needs a doctor's advice."),
        Example.ok("The nurse gives the patient an injection before the scan."),
        Example.ok("Loud noise disturbs the baby's sleep."),
        Example.flagged("These drops can call drowsiness in older people.",
                        fix="These drops can cause drowsiness in older people."),
        Example.ok("Call a doctor if the rash spreads."),
        # «перенёс операцию хорошо»: how it was borne
        Example.flagged("The patient transferred the operation well.",
                        fix="The patient tolerated the operation well."),
        Example.flagged("She transferred two operations on the knee.",
                        fix="She had two operations on the knee."),
        # «боль прошла»: a phrasal verb of course
        Example.flagged("The pain went off by the evening.",
                        fix="The pain went away by the evening."),
        Example.ok("The alarm went off at night."),
    )


def _passive_rules() -> Iterator[Rule]:
    """The Russian passive of recommending and prescribing (``passive.py``)."""
    yield Rule("collocation/passive-shown", "collocation", (
        Example.flagged("After a stroke the patient is shown physiotherapy.",
                        fix="After a stroke the patient needs physiotherapy."),
        Example.flagged("Physiotherapy is shown to all patients after a knee replacement.",
                        fix="Physiotherapy is recommended for all patients after a knee "
                            "replacement."),
        Example.ok("The results are shown in Table 2."),
        Example.flagged("Vitamin supplements are not shown for healthy adults.",
                        fix="Vitamin supplements are not recommended for healthy adults."),
        Example.ok("Aspirin has been shown to reduce the risk of a second heart attack."),
        Example.flagged("Swimming is indicated to children with asthma.",
                        fix="Swimming is recommended for children with asthma."),
        Example.ok("Surgery is indicated when the stone is large."),
    ), origin="src/textfix/checks/collocation/passive.py")
    yield Rule("collocation/passive-prescribed", "collocation", _prescribed_examples(),
               origin="src/textfix/checks/collocation/passive.py")
    yield Rule("collocation/passive-procedure", "collocation", (
        Example.flagged("The patient was carried out an operation on the knee.",
                        fix="The patient had an operation on the knee."),
        Example.flagged("The children were performed a hearing test at birth.",
                        fix="The children had a hearing test at birth."),
        Example.ok("The operation was carried out under local anaesthesia."),
        Example.flagged("The baby was made an injection of vitamin K.",
                        fix="The baby had an injection of vitamin K."),
        Example.ok("He was made a partner in the clinic."),
        Example.flagged("The patient was done an X-ray of the chest.",
                        fix="The patient had an X-ray of the chest."),
        Example.ok("The patient was given an injection of insulin."),
    ), origin="src/textfix/checks/collocation/passive.py")


def _prescribed_examples() -> tuple[Example, ...]:
    """«Больным показаны / рекомендуется»: a person, or the thing advised, as the subject."""
    return (
        Example.flagged("After the operation patients are shown compression stockings.",
                        fix="After the operation patients should wear compression stockings."),
        Example.flagged("Women over 50 are indicated a mammogram every two years.",
                        fix="Women over 50 should have a mammogram every two years."),
        Example.flagged("Patients with a stomach ulcer are prohibited strong coffee.",
                        fix="Patients with a stomach ulcer should avoid strong coffee."),
        Example.flagged("All pregnant women are assigned an ultrasound at twelve weeks.",
                        fix="All pregnant women are given an ultrasound at twelve weeks."),
        Example.flagged("Patients with heart failure are shown a low-salt diet.",
                        fix="Patients with heart failure should follow a low-salt diet."),
        Example.ok("Patients are shown a short video before the operation."),
        # «рекомендуется» with an infinitive: offered, since the person may be the one the
        # advice is about («детям не рекомендуется давать аспирин»)
        Example.flagged("Patients are recommended to drink more water.",
                        fix="Patients should drink more water."),
        Example.ok("The dose is recommended to be lowered in the elderly."),
        Example.flagged("The patients were prescribed to take the tablets after meals.",
                        fix="The patients should take the tablets after meals."),
        Example.flagged("Children are recommended a vaccination against measles.",
                        fix="Children should get a vaccination against measles."),
        # an amount: the thing after "of" chooses the verb
        Example.flagged("Patients are shown a course of antibiotics.",
                        fix="Patients should take a course of antibiotics."),
        Example.ok("The patients were prescribed antibiotics for a week."),
        # the thing advised as the subject, the verb acting on it a bare infinitive
        Example.flagged("These tablets are recommended to take with plenty of water.",
                        fix="These tablets should be taken with plenty of water."),
        Example.flagged("The ointment is not recommended to apply to broken skin.",
                        fix="The ointment should not be applied to broken skin."),
        Example.ok("The new drug was shown to work in older patients."),
        Example.ok("The vaccine is recommended to protect older adults."),
    )


def intensity_rules() -> Iterator[Rule]:
    """Degree adverbs before a finite verb (``intensity.py``)."""
    yield Rule("collocation/intensity-calque", "collocation", _intensity_calque_examples(),
               origin="src/textfix/checks/collocation/intensity.py")
    yield from _movement_rules()


def _intensity_adjective_examples() -> tuple[Example, ...]:
    """«Сильно» before a plain adjective; «очень» on a verb that stirs a feeling."""
    return (
        Example.flagged("The smell of paint very irritates her.",
                        fix="The smell of paint really irritates her."),
        # «сильно» before a plain adjective is "very"
        Example.flagged("In winter the skin is strongly dry.",
                        fix="In winter the skin is very dry."),
        Example.flagged("By the evening the child was strongly tired.",
                        fix="By the evening the child was very tired."),
        Example.ok("The test for antibodies was strongly positive."),
    )


def _intensity_misparsed_examples() -> tuple[Example, ...]:
    """More verbs, a misparsed "much", "badly" for how well something is done."""
    return _intensity_adjective_examples() + (
        Example.flagged("She much smokes.", fix="She smokes heavily."),
        Example.flagged("After the meal the sugar highly rose.",
                        fix="After the meal the sugar rose sharply."),
        Example.ok("We highly appreciate the nurses' work."),
        Example.flagged("The new drug is badly tolerated by children.",
                        fix="The new drug is poorly tolerated by children."),
        Example.ok("The car was badly damaged in the crash."),
        Example.flagged("In spring his eyes strongly water.",
                        fix="In spring his eyes water badly."),
        Example.flagged("Alcohol strongly harms the unborn child.",
                        fix="Alcohol seriously harms the unborn child."),
        Example.flagged("Herbal tea weakly helps with a sore throat.",
                        fix="Herbal tea helps a little with a sore throat."),
        # an ability done weakly is done poorly, not "a little"
        Example.flagged("After the stroke his left leg weakly moves.",
                        fix="After the stroke his left leg moves poorly."),
        Example.flagged("This cream very helps with dry skin.",
                        fix="This cream helps a lot with dry skin."),
        Example.ok("Doctors strongly recommend a flu shot every autumn."),
        Example.ok("The drug binds weakly to plasma proteins."),
        Example.ok("Blood levels of the drug vary greatly between patients."),
        # the verb's kind: a quantity that moves goes "sharply", a function done weakly "poorly"
        Example.flagged("His temperature strongly rises in the evening.",
                        fix="His temperature rises sharply in the evening."),
        Example.flagged("He weakly sees in the dark.", fix="He sees poorly in the dark."),
        Example.ok("Her blood pressure rose sharply after the injection."),
        # the degree goes on a bare object, and after a phrasal verb's particle
        Example.flagged("She strongly lost weight after the operation.",
                        fix="She lost a lot of weight after the operation."),
        Example.flagged("During chemotherapy her hair strongly falls out.",
                        fix="During chemotherapy her hair falls out a lot."),
        # a verb the tagger read as a plural noun, in a sentence with no other finite verb
        Example.flagged("In the evenings my lower back very hurts.",
                        fix="In the evenings my lower back hurts badly."),
        # ... or as an adjective, or a past tense it read as a participle
        Example.flagged("Her legs strongly swell in the evening.",
                        fix="Her legs swell badly in the evening."),
        Example.flagged("After the injection the arm weakly hurt for a day.",
                        fix="After the injection the arm hurt a little for a day."),
        Example.ok("Test results and reference ranges."),
        # after the verb (intensity_after)
        Example.flagged("The cut on his thumb bleeds strongly.",
                        fix="The cut on his thumb bleeds heavily."),
        Example.flagged("Her son eats much before bed and sleeps badly.",
                        fix="Her son eats a lot before bed and sleeps badly."),
        Example.ok("It does not hurt much after the first day."),
        Example.flagged("The child coughs strongly at night.",
                        fix="The child coughs badly at night."),
        Example.flagged("My grandmother very worries about her blood pressure.",
                        fix="My grandmother worries a lot about her blood pressure."),
        Example.flagged("Most toddlers very love sweet drinks.",
                        fix="Most toddlers really love sweet drinks."),
        Example.ok("The drug acts strongly on the liver."),
        # an adverb the parser hung on the subject before it
        Example.flagged("This syrup weakly helps with a dry cough.",
                        fix="This syrup helps a little with a dry cough."),
    )


def _intensity_calque_examples() -> tuple[Example, ...]:
    """«Очень», «сильно», «слабо» on verbs and adjectives."""
    return _intensity_misparsed_examples() + (
        Example.flagged("Salt strongly damages the kidneys over the years.",
                        fix="Salt severely damages the kidneys over the years."),
        Example.flagged("His knee strongly aches after long walks.",
                        fix="His knee aches badly after long walks."),
        Example.flagged("His hands strongly tremble in the morning.",
                        fix="His hands tremble badly in the morning."),
    )


def _movement_rules() -> Iterator[Rule]:
    """How a measure moves, and where a manner adverb stands (``measure_verb.py``,
    ``adverb_order.py``)."""
    yield Rule("collocation/measure-verb", "collocation", (
        Example.flagged("After the first tablet her pressure fell down to normal.",
                        fix="After the first tablet her pressure went down to normal."),
        Example.flagged("In the evening his temperature rose up again.",
                        fix="In the evening his temperature rose again."),
        Example.flagged("His cholesterol raised after the holidays.",
                        fix="His cholesterol rose after the holidays."),
        Example.ok("The doctor raised the dose of insulin."),
        Example.ok("Her temperature fell during the night."),
        Example.ok("The old man fell down in the bathroom."),
        Example.ok("Blood pressure is lowered by this drug."),
    ), origin="src/textfix/checks/collocation/measure_verb.py")
    yield Rule("collocation/stop-infinitive", "collocation", (
        Example.flagged("After a week the cough stopped to bother him.",
                        fix="After a week the cough stopped bothering him."),
        Example.flagged("The pain stopped to wake her at night.",
                        fix="The pain stopped waking her at night."),
        Example.ok("On the way home he stopped to rest."),
    ), origin="src/textfix/checks/collocation/stopped.py")
    yield Rule("collocation/reflexive", "collocation", (
        Example.flagged("In children the allergy often appears itself as a rash.",
                        fix="In children the allergy often appears as a rash."),
        Example.flagged("Without treatment the symptoms worsen themselves within a week.",
                        fix="Without treatment the symptoms worsen within a week."),
        Example.flagged("The scab fell off itself after a week.",
                        fix="The scab fell off on its own after a week."),
        Example.ok("After a small cut the skin heals itself."),
        Example.ok("The symptoms manifest themselves in the first week."),
        # «прошло само»: a condition that ended by itself
        Example.flagged("The bleeding stopped itself after ten minutes.",
                        fix="The bleeding stopped on its own after ten minutes."),
        Example.flagged("The swelling came down itself.",
                        fix="The swelling came down on its own."),
        Example.ok("The machine stopped itself."),
    ), origin="src/textfix/checks/collocation/reflexive.py")
    yield Rule("collocation/adverb-order", "collocation", (
        Example.flagged("By the evening the pain a little decreased.",
                        fix="By the evening the pain decreased a little."),
        Example.ok("The patient was a little tired."),
        Example.flagged("Our son very badly eats when he is teething.",
                        fix="Our son eats very badly when he is teething."),
        Example.flagged("Older people very quickly become dehydrated in hot weather.",
                        fix="Older people become dehydrated very quickly in hot weather."),
        Example.flagged("This spray very fast relieves a blocked nose.",
                        fix="This spray relieves a blocked nose very fast."),
        Example.flagged("After the operation she well walks without a stick.",
                        fix="After the operation she walks well without a stick."),
        Example.flagged("The swelling very slowly went down.",
                        fix="The swelling went down very slowly."),
        Example.ok("The virus can spread very quickly in nursing homes."),
        Example.ok("Symptoms often develop within two days."),
        Example.ok("The patient badly needs rest after the operation."),
        Example.ok("Antibiotics very often cause diarrhoea in children."),
        Example.ok("The infection rapidly spread to the other ward."),
        Example.ok("Well done: your blood sugar is back to normal."),
    ), origin="src/textfix/checks/collocation/adverb_order.py")
