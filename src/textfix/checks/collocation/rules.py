"""The collocation check's rules with their examples (run by tests/test_rule_examples.py)."""

from __future__ import annotations

from collections.abc import Iterator

from ...example import Example, Rule


def collocation_rules() -> Iterator[Rule]:
    yield Rule("collocation/preposition", "collocation", (
        Example.flagged("How fast the wound heals depends from the blood supply.",
                        fix="How fast the wound heals depends on the blood supply."),
        Example.flagged("Teenagers are rarely interested by their cholesterol levels.",
                        fix="Teenagers are rarely interested in their cholesterol levels."),
        Example.flagged("These bacteria are resistant for penicillin.",
                        fix="These bacteria are resistant to penicillin."),
        Example.ok("How fast the wound heals depends on the blood supply."),
        Example.ok("Most patients are treated at home with rest and fluids."),
        Example.ok("Blood pressure was found to increase on average by 5 mmHg."),
        Example.ok("Many birds are killed at the market every day."),
        Example.ok("Even with the best of care, the disease gets worse over time."),
        # a participle's place or source adjunct, here a name (governed.participle_adjunct)
        Example.ok("The viruses were identified from Europe and Asia in 2019."),
        # pairs general English uses as much as the head's usual one (general_english.py)
        Example.ok("Sleep is essential to recovery after surgery."),
        Example.ok("Parents can learn from the nurse how to give the drops."),
        Example.ok("Most people approve of the new screening programme."),
    ), origin="src/textfix/checks/collocation/rules.py")
    yield Rule("collocation/adjective-noun", "collocation", (
        Example.flagged("Most children have the light form of the infection.",
                        fix="Most children have the mild form of the infection."),
        Example.flagged("A big dose of paracetamol damages the liver.",
                        fix="A high dose of paracetamol damages the liver."),
        Example.ok("Heavy bleeding after birth is an emergency."),
        Example.ok("Strong evidence links smoking to lung cancer."),
    ), origin="src/textfix/checks/collocation/adjective.py")
    yield article_rule()
    yield from _verb_rules()
    yield from _count_rules()
    yield from _role_rules()
    yield from _course_rules()
    yield from _intensity_rules()


def _verb_rules() -> Iterator[Rule]:
    """A verb and its object: counted collocations and procedures (``procedure.py``)."""
    yield Rule("collocation/verb-noun", "collocation", (
        Example.flagged("The doctor put the diagnosis after the scan.",
                        fix="The doctor made the diagnosis after the scan."),
        Example.ok("The doctor made the diagnosis after the scan."),
        Example.flagged("Swimming helps to throw off extra weight.",
                        fix="Swimming helps to lose extra weight."),
        Example.ok("Put the tablets out of the reach of children."),
        Example.flagged("Many women dial weight after they stop smoking.",
                        fix="Many women gain weight after they stop smoking."),
        Example.ok("Dial the number of the clinic."),
        Example.ok("Healthy habits make a lasting impact on your heart."),
        Example.ok("Few drug candidates pass through all trial phases to approval."),
        Example.ok("The council did not impose any form of travel restriction."),
        Example.flagged("You must keep the diet even at weekends.",
                        fix="You must follow the diet even at weekends."),
        Example.ok("Keep your weight within the normal range."),
    ), origin="src/textfix/checks/collocation/rules.py")
    yield Rule("collocation/procedure-verb", "collocation", (
        Example.flagged("The nurse made an injection into the upper arm.",
                        fix="The nurse gave an injection into the upper arm."),
        Example.flagged("The surgeon who made the operation will see you in a week.",
                        fix="The surgeon who performed the operation will see you in a week."),
        Example.flagged("Adults should make a vaccination against tetanus every ten years.",
                        fix="Adults should have a vaccination against tetanus every ten years."),
        Example.flagged("You need to make an analysis of your thyroid hormones.",
                        fix="You need to have a test of your thyroid hormones."),
        Example.ok("The surgeon made an incision in the skin."),
        Example.ok("The lab carried out the test within a day."),
        Example.ok("You should have an ultrasound in the first trimester."),
    ), origin="src/textfix/checks/collocation/procedure.py")


def _count_rules() -> Iterator[Rule]:
    """More rules the counts decide: intensity adverbs, genitive chains."""
    yield Rule("collocation/intensity", "collocation", (
        Example.flagged("Smoking strongly increases the risk of a stroke.",
                        fix="Smoking greatly increases the risk of a stroke."),
        Example.ok("Smoking greatly increases the risk of a stroke."),
        Example.ok("Doctors strongly recommend the vaccine for older adults."),
        Example.flagged("Her appetite is strongly reduced after chemotherapy.",
                        fix="Her appetite is greatly reduced after chemotherapy."),
    ), origin="src/textfix/checks/collocation/rules.py")
    yield Rule("collocation/genitive", "collocation", (
        Example.flagged("Check the level of sugar of the blood before every meal.",
                        fix="Check the blood sugar level before every meal."),
        Example.flagged("The level of cholesterol in the blood rises with age.",
                        fix="The blood cholesterol level rises with age."),
        Example.flagged("The disease of the heart remains a leading cause of death.",
                        fix="Heart disease remains a leading cause of death."),
        Example.flagged("The attack of asthma passed after two puffs of the inhaler.",
                        fix="An asthma attack passed after two puffs of the inhaler."),
        # the article clean text writes before the compound itself: none for "muscle tone"
        Example.flagged("Regular massage improves the tone of the muscles.",
                        fix="Regular massage improves muscle tone."),
        Example.flagged("The infection of the urinary tract is common in women.",
                        fix="Urinary tract infection is common in women."),
        Example.ok("Cancer of the bile duct outside of the liver is rare."),
        Example.ok("The risk of infection is low after the operation."),
        Example.ok("The onset of symptoms is usually sudden."),
        Example.ok("Sickling in the bones of the hip can cause severe damage."),
        Example.ok("Many types of cells have cilia."),
        # an action and its object: English writes both "washing of hands" and "hand washing"
        Example.ok("Most religions mandate washing of hands before every meal."),
    ), origin="src/textfix/checks/collocation/genitive.py")


def _role_rules() -> Iterator[Rule]:
    """The rules over lemmas, parts of speech and roles that the counts only veto."""
    yield Rule("collocation/governed", "collocation", (
        Example.flagged("Most toddlers are allergic on cow's milk protein.",
                        fix="Most toddlers are allergic to cow's milk protein."),
        Example.flagged("The patient insisted at an urgent scan.",
                        fix="The patient insisted on an urgent scan."),
        Example.flagged("Her dependence from painkillers began after the surgery.",
                        fix="Her dependence on painkillers began after the surgery."),
        Example.ok("Most toddlers are allergic to cow's milk protein."),
        Example.ok("He was married with two children when the symptoms began."),
        Example.ok("The vaccine was approved by the regulator last year."),
        Example.flagged("There is no good treatment from a viral cough.",
                        fix="There is no good treatment for a viral cough."),
        Example.ok("The arteries carry the drug into the liver."),
        Example.ok("The first vaccine in mice gave a strong immune response."),
        Example.ok("Vaccines from any of these makers must be tested for safety."),
        # a common pair whose object belongs with the governed preposition
        Example.flagged("Only adults participated at the vaccine study.",
                        fix="Only adults participated in the vaccine study."),
        # a noun clean text never follows with "of"; and one whose "of" names an argument
        Example.flagged("Nobody knows the reason of her headaches.",
                        fix="Nobody knows the reason for her headaches."),
        Example.ok("Schools can reduce contact of sick children with their classmates."),
        # a verb tagged as a plural noun; the fix skips the preposition the clause already has
        Example.flagged("The new cream differs of the old one in smell only.",
                        fix="The new cream differs from the old one in smell only."),
        Example.flagged("Honey helps at a sore throat.", fix="Honey helps with a sore throat."),
        Example.flagged("Ask the pharmacist for a spray from a runny nose.",
                        fix="Ask the pharmacist for a spray for a runny nose."),
        Example.ok("Generic tablets from India are cheaper."),
        Example.flagged("The team congratulated her with her recovery.",
                        fix="The team congratulated her on her recovery."),
        Example.ok("Volunteers help at the clinic on Mondays."),
        # «от» before a complaint: "for" it, or "against" it for protection
        Example.flagged("He was treated from tuberculosis for six months.",
                        fix="He was treated for tuberculosis for six months."),
        Example.flagged("Children are vaccinated from measles at one year.",
                        fix="Children are vaccinated against measles at one year."),
        Example.ok("He recovered from pneumonia in two weeks."),
    ), origin="src/textfix/checks/collocation/governed.py")
    yield from _object_rules()


def _object_rules() -> Iterator[Rule]:
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
    ), origin="src/textfix/checks/collocation/missing_preposition.py")
    yield Rule("collocation/transitive", "collocation", (
        Example.flagged("The doctor answered on every question about the side effects.",
                        fix="The doctor answered every question about the side effects."),
        Example.ok("The doctor answered every question about the side effects."),
        Example.ok("Children need in the first year of life plenty of sleep."),
        Example.flagged("The pharmacist answered on all my questions.",
                        fix="The pharmacist answered all my questions."),
        Example.ok("In all cases the doctor decides."),
    ), origin="src/textfix/checks/collocation/governed.py")
    yield Rule("collocation/duration", "collocation", (
        Example.flagged("Take the antibiotic during 7 days, even if you feel better.",
                        fix="Take the antibiotic for 7 days, even if you feel better."),
        Example.ok("Most side effects appear during the first 7 days."),
        Example.ok("Hospital admissions rose during 2020."),
        # «через два часа» (governed.through_finding)
        Example.flagged("Check your blood sugar through two hours after the meal.",
                        fix="Check your blood sugar two hours after the meal."),
        Example.flagged("Come back through two weeks for the results.",
                        fix="Come back in two weeks for the results."),
        Example.ok("Children are vaccinated from 2 months through 6 years of age."),
    ), origin="src/textfix/checks/collocation/governed.py")



def _course_rules() -> Iterator[Rule]:
    """Course verbs and the advice passive (``course.py``, ``passive.py``)."""
    yield Rule("collocation/course", "collocation", (
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
        Example.flagged("The fever passes on the third or fourth day.",
                        fix="The fever goes away on the third or fourth day."),
        Example.flagged("The pain quickly passed after the tablet.",
                        fix="The pain quickly went away after the tablet."),
        Example.flagged("The pain is amplified when you lie down.",
                        fix="The pain gets worse when you lie down."),
        Example.ok("The virus passes on to the baby during birth."),
        # a course verb the tagger read as a plural noun after its subject
        Example.flagged("The itching intensifies at night.",
                        fix="The itching gets worse at night."),
        Example.flagged("Measles is transferred through the air.",
                        fix="Measles spreads through the air."),
        Example.flagged("Migraine attacks are repeated several times a month.",
                        fix="Migraine attacks recur several times a month."),
        Example.flagged("A small wound is tightened within two weeks.",
                        fix="A small wound heals within two weeks."),
        Example.ok("The scans were transferred to the hospital."),
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
        # a condition acting on something (course.acting_finding)
        Example.flagged("Untreated tonsillitis can give complications in the kidneys.",
                        fix="Untreated tonsillitis can cause complications in the kidneys."),
        Example.flagged("A cough that disturbs you at night needs a doctor's advice.",
                        fix="A cough that bothers you at night needs a doctor's advice."),
        Example.ok("The nurse gives the patient an injection before the scan."),
        Example.ok("Loud noise disturbs the baby's sleep."),
        Example.flagged("These drops can call drowsiness in older people.",
                        fix="These drops can cause drowsiness in older people."),
        Example.ok("Call a doctor if the rash spreads."),
    ), origin="src/textfix/checks/collocation/course.py")
    yield from _passive_rules()


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
    ), origin="src/textfix/checks/collocation/passive.py")
    yield Rule("collocation/passive-prescribed", "collocation", (
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
        # an amount: the thing after "of" chooses the verb
        Example.flagged("Patients are shown a course of antibiotics.",
                        fix="Patients should take a course of antibiotics."),
        Example.ok("The patients were prescribed antibiotics for a week."),
    ), origin="src/textfix/checks/collocation/passive.py")


def _intensity_rules() -> Iterator[Rule]:
    """Degree adverbs before a finite verb (``intensity.py``)."""
    yield Rule("collocation/intensity-calque", "collocation", (
        Example.flagged("Salt strongly damages the kidneys over the years.",
                        fix="Salt severely damages the kidneys over the years."),
        Example.flagged("His knee strongly aches after long walks.",
                        fix="His knee aches badly after long walks."),
        Example.flagged("Alcohol strongly harms the unborn child.",
                        fix="Alcohol seriously harms the unborn child."),
        Example.flagged("Herbal tea weakly helps with a sore throat.",
                        fix="Herbal tea helps a little with a sore throat."),
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
    ), origin="src/textfix/checks/collocation/intensity.py")


def article_rule() -> Rule:
    """The article rules' examples (``article.py``, ``article_phrases.py``)."""
    return Rule("collocation/article", "collocation", (
        Example.flagged("The obesity raises the risk of heart disease.",
                        fix="Obesity raises the risk of heart disease."),
        Example.flagged("Children with the asthma should carry an inhaler at school.",
                        fix="Children with asthma should carry an inhaler at school."),
        Example.flagged("A healthy diet lowers the cholesterol and keeps the heart strong.",
                        fix="A healthy diet lowers cholesterol and keeps the heart strong."),
        Example.flagged("Tobacco smoke harms the infants.", fix="Tobacco smoke harms infants."),
        Example.flagged("If patient has chest pain, call an ambulance.",
                        fix="If the patient has chest pain, call an ambulance."),
        Example.flagged("Dissolve tablet in half a glass of water.",
                        fix="Dissolve a tablet in half a glass of water."),
        Example.flagged("Women who plan to have baby after 35 should see a doctor first.",
                        fix="Women who plan to have a baby after 35 should see a doctor first."),
        Example.flagged("Nurse will check your blood pressure before the injection.",
                        fix="The nurse will check your blood pressure before the injection."),
        Example.ok("Study finds coffee lowers the risk of gout"),  # a headline
        Example.ok("Hazard controls for these workers include ventilation and masks."),
        Example.ok("Ultrasound showed a small cyst on the left kidney."),  # a mass noun
        Example.ok("If the rash spreads, ask the pharmacist for advice."),
        Example.flagged("If the person faints, call ambulance at once.",
                        fix="If the person faints, call an ambulance at once."),
        Example.ok("But there is also good news for smokers who quit."),
        # an adjective + noun judged by the phrase (article_phrases.py)
        Example.flagged("The physical activity lowers blood sugar.",
                        fix="Physical activity lowers blood sugar."),
        Example.flagged("People with gout should eat healthy diet.",
                        fix="People with gout should eat a healthy diet."),
        Example.ok("The immune system fights infection."),
        Example.ok("Dissolve one tablet in half a glass of water."),
        Example.ok("Obesity raises the risk of heart disease."),
        Example.ok("The stomach makes acid that helps digest food."),
        Example.ok("Little is known about the safety, toxicity, and metabolism of the drug in "
                   "humans."),
        Example.ok("Some people have congenital muscle disorder."),
        Example.ok("The stress of caring for a sick parent can be heavy."),
        Example.ok("The fever started two days ago and went away on its own."),
        Example.ok("Tobacco smoke harmed the infants."),
        Example.ok("Stress raises blood pressure, and the stress can last for weeks."),
        Example.ok("The immune system fights infection."),
    ), origin="src/textfix/checks/collocation/article.py")
