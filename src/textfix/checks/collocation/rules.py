"""The collocation check's rules with their examples (run by tests/test_rule_examples.py)."""

from __future__ import annotations

from collections.abc import Iterator

from ...example import Example, Rule
from .procedure_rules import object_rules, procedure_rules
from .verb_rules import course_rules, intensity_rules


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
        # said of its noun
        Example.flagged("In small children the risk of dehydration is very big.",
                        fix="In small children the risk of dehydration is very high."),
        Example.ok("The evidence for the vaccine is strong."),
        # a condition clean text never qualifies: as said of any disease
        Example.flagged("He was admitted with sharp pancreatitis.",
                        fix="He was admitted with acute pancreatitis."),
        Example.ok("She felt a sharp pain in her side."),
    ), origin="src/textfix/checks/collocation/adjective.py")
    yield article_rule()
    yield from _verb_rules()
    yield from _count_rules()
    yield from _role_rules()
    yield from course_rules()
    yield from intensity_rules()


def _verb_rules() -> Iterator[Rule]:
    """A verb and its object: counted collocations and procedures (``procedure.py``)."""
    yield Rule("collocation/verb-noun", "collocation", (
        Example.flagged("The doctor put the diagnosis after the scan.",
                        fix="The doctor made the diagnosis after the scan."),
        Example.ok("The doctor made the diagnosis after the scan."),
        # a recipient takes "give"
        Example.flagged("The neurologist put him a diagnosis of migraine.",
                        fix="The neurologist gave him a diagnosis of migraine."),
        Example.flagged("Swimming helps to throw off extra weight.",
                        fix="Swimming helps to lose extra weight."),
        Example.ok("Put the tablets out of the reach of children."),
        # a symptom clean text never names with the verb: read as "symptom"
        Example.flagged("The spasm was removed with a warm compress.",
                        fix="The spasm was relieved with a warm compress."),
        Example.ok("The surgeon removed the cyst under local anaesthetic."),
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
    yield from procedure_rules()


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
    yield Rule("collocation/genitive", "collocation", _genitive_examples(),
               origin="src/textfix/checks/collocation/genitive.py")


def _genitive_examples() -> tuple[Example, ...]:
    """Chains of "of" (and "in") that clean text writes as compounds, and a person's things."""
    return (
        Example.flagged("Check the level of sugar of the blood before every meal.",
                        fix="Check the blood sugar level before every meal."),
        Example.flagged("The level of cholesterol in the blood rises with age.",
                        fix="The blood cholesterol level rises with age."),
        # a plural head where clean text never writes the "of" form
        Example.flagged("The disorders of the sleep are common in old age.",
                        fix="Sleep disorders are common in old age."),
        Example.ok("The bones of the hip are strong."),
        Example.ok("Exercise makes the work of the heart easier."),
        # the writer's "the" stays where clean text also writes it with the compound
        Example.flagged("The period of incubation lasts two weeks.",
                        fix="The incubation period lasts two weeks."),
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
        # "A of the B" as the calque writes it, with "the" before a generic B
        Example.flagged("Stress can cause the loss of the hair.",
                        fix="Stress can cause hair loss."),
        # a person's things take the possessive (genitive.person_genitive)
        Example.flagged("Write down the weight of the baby every week.",
                        fix="Write down the baby's weight every week."),
        Example.ok("The rest of the family should be tested too."),
        Example.ok("The temperature of the child with measles rose again."),
        Example.flagged("The nurse measured the pressure of the blood of the patient.",
                        fix="The nurse measured the patient's blood pressure."),
        Example.ok("Sickling in the bones of the hip can cause severe damage."),
        # a thing named by a phrase of its own keeps it; a plural head before a person goes too
        Example.flagged("The state of health of the child improved quickly.",
                        fix="The child's state of health improved quickly."),
        Example.flagged("The cardiologist checked the valves of the heart of the patient.",
                        fix="The cardiologist checked the patient's heart valves."),
        # the middle of a longer chain, plural or not; "the" stays before a person
        Example.flagged("The treatment of the diseases of the kidneys takes months.",
                        fix="The treatment of kidney diseases takes months."),
        Example.flagged("The doctor of the family will explain everything.",
                        fix="The family doctor will explain everything."),
        Example.ok("Diseases of the kidneys are common in old age."),
        Example.flagged("The pain of the joints of the patient got worse.",
                        fix="The patient's joint pain got worse."),
        Example.ok("Many types of cells have cilia."),
        # an action and its object: English writes both "washing of hands" and "hand washing"
        Example.ok("Most religions mandate washing of hands before every meal."),
    )


def _role_rules() -> Iterator[Rule]:
    """The rules over lemmas, parts of speech and roles that the counts only veto."""
    yield Rule("collocation/governed", "collocation", _governed_case_examples() + (
        Example.flagged("Most toddlers are allergic on cow's milk protein.",
                        fix="Most toddlers are allergic to cow's milk protein."),
        Example.flagged("The patient insisted at an urgent scan.",
                        fix="The patient insisted on an urgent scan."),
        # after a verb's object, the verb's own preposition ("compare X to Y")
        Example.ok("A large study compared chest CT results to PCR."),
        Example.ok("It is possible to take the drug with food."),
        # a gerund the preposition governs is its object
        Example.flagged("The treatment is aimed on lowering blood pressure.",
                        fix="The treatment is aimed at lowering blood pressure."),
        Example.flagged("Her dependence from painkillers began after the surgery.",
                        fix="Her dependence on painkillers began after the surgery."),
        # a noun of change: "of" before what changes, never before an amount
        Example.flagged("After the injections we saw a decrease of the swelling.",
                        fix="After the injections we saw a decrease in the swelling."),
        Example.ok("The drug caused an increase of 20% in blood pressure."),
        # a health worker after a passive participle is its agent
        Example.flagged("My son was examined at a neurologist last week.",
                        fix="My son was examined by a neurologist last week."),
        # after a light verb the noun governs ("take care", "pay attention")
        Example.flagged("Relatives often take care about the patient at home.",
                        fix="Relatives often take care of the patient at home."),
        Example.ok("Nurses care about their patients."),
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
    yield from object_rules()


def _governed_case_examples() -> tuple[Example, ...]:
    """The cases ``governed_cases.py`` judges by roles (goals, agents, "tell about"), an
    adjunct's word after a head that never takes the preposition and a verb read as a noun
    (``governed.py``)."""
    return (
        # a word of time or measure is an argument after a head that never takes the preposition
        Example.flagged("How long the rash lasts depends from age and health.",
                        fix="How long the rash lasts depends on age and health."),
        Example.ok("Most people recover in a week."),
        # a verb read as a plural noun, its subject as a compound, in a sentence with no verb
        Example.flagged("The skin reacts on the new cream with redness.",
                        fix="The skin reacts to the new cream with redness."),
        Example.ok("Heart attacks in women."),
        # a shift in time by an amount («перенесли на две недели»)
        Example.flagged("The second dose was delayed on three days because of the fever.",
                        fix="The second dose was delayed by three days because of the fever."),
        Example.ok("The visit was moved on Monday to Tuesday."),
        Example.flagged("In most children the rash disappears by three days.",
                        fix="In most children the rash disappears within three days."),
        Example.ok("In most children the rash disappears by day three."),
        # "tell" with nobody told («рассказал о»)
        Example.flagged("At the visit the surgeon told about the risks.",
                        fix="At the visit the surgeon talked about the risks."),
        Example.ok("At the visit the surgeon told us about the risks."),
        Example.ok("She was told about the risks."),
        # a goal after "admit" and "radiate" is reached "to", not "in" («в больницу»)
        Example.flagged("At night he was admitted in the hospital with chest pain.",
                        fix="At night he was admitted to the hospital with chest pain."),
        Example.flagged("The pain often radiates in the left shoulder.",
                        fix="The pain often radiates to the left shoulder."),
        Example.ok("He was admitted in a serious condition."),
        Example.flagged("Last summer the boy was bitten from a stray dog.",
                        fix="Last summer the boy was bitten by a stray dog."),
        Example.ok("The virus passed from a bitten animal to the boy."),
        Example.flagged("Last winter the girl was ill by chickenpox.",
                        fix="Last winter the girl was ill with chickenpox."),
        Example.ok("She was ill for two weeks."),
        Example.ok("The pain radiates in waves."),
        Example.flagged("The disease began from a high fever.",
                        fix="The disease began with a high fever."),
        Example.ok("The outbreak began from a market in Wuhan."),
        Example.flagged("The boy was afraid before the injection.",
                        fix="The boy was afraid of the injection."),
        Example.ok("The boy was nervous before the injection."),
        Example.flagged("At night the patient was transferred in another hospital.",
                        fix="At night the patient was transferred to another hospital."),
        Example.ok("The patient was transferred in a stable condition."),
    )


def article_rule() -> Rule:
    """The article rules' examples (``article.py``, ``article_phrases.py``,
    ``article_have.py``, ``article_after_preposition.py``)."""
    return Rule("collocation/article", "collocation",
                _article_examples() + _article_examples_more(),
                origin="src/textfix/checks/collocation/article.py")


def _article_examples_more() -> tuple[Example, ...]:
    """Predicates, instructions, parts of the body, what one has."""
    return (
        Example.flagged("The obesity raises the risk of heart disease.",
                        fix="Obesity raises the risk of heart disease."),
        # a predicate noun, with its modifiers: what a condition is takes an article
        Example.flagged("Asthma is chronic disease of the airways.",
                        fix="Asthma is a chronic disease of the airways."),
        # a superlative takes "the"
        Example.flagged("Drinking water is best way to prevent kidney stones.",
                        fix="Drinking water is the best way to prevent kidney stones."),
        Example.flagged("Smoking is major risk factor for stroke.",
                        fix="Smoking is a major risk factor for stroke."),
        Example.ok("The most common cause is heart disease."),
        # the object of an instruction, with its modifier
        Example.flagged("Drink glass of warm milk before bed.",
                        fix="Drink a glass of warm milk before bed."),
        Example.ok("Drink plenty of water before bed."),
        # a part of the body hurt: whose it is (body_possessive.py)
        Example.flagged("At school the girl broke leg.", fix="At school the girl broke her leg."),
        Example.flagged("He cut finger on a knife.", fix="He cut his finger on a knife."),
        Example.ok("The patient broke the leg in two places."),
        # a part of the body after "in", "on", "into" (article_after_preposition.py)
        Example.flagged("Children often feel pain in stomach before exams.",
                        fix="Children often feel pain in the stomach before exams."),
        Example.ok("Take the tablets by mouth with water."),
        Example.ok("Keep in mind that the drug takes weeks to work."),
        # what one has or needs is new: "a/an"
        Example.flagged("My father needs operation on his hip.",
                        fix="My father needs an operation on his hip."),
        Example.ok("The usual treatment is surgery to remove the gland."),
    )


def _article_examples() -> tuple[Example, ...]:
    """"the" dropped, a missing article, and phrases judged as a whole."""
    return (
        Example.flagged("Children with the asthma should carry an inhaler at school.",
                        fix="Children with asthma should carry an inhaler at school."),
        Example.flagged("The risk of the obesity grows with age.",
                        fix="The risk of obesity grows with age."),
        Example.ok("The management of the crisis was criticised."),
        Example.flagged("Her sister works as nurse in a children's hospital.",
                        fix="Her sister works as a nurse in a children's hospital."),
        Example.flagged("He worked as assistant in a dental clinic.",
                        fix="He worked as an assistant in a dental clinic."),
        Example.ok("He served as president of the society for ten years."),
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
    )
