"""Who the collocation rules ask about, stated once: people a health text talks about (whose
things take the possessive, who are advised and given procedures) and the people who treat
them (who perform procedures, whom one sees or makes an appointment with)."""

from __future__ import annotations

# Patients and their families: "the child's temperature", "the patient had an operation".
PEOPLE = frozenset({
    "child", "patient", "baby", "infant", "newborn", "mother", "father", "woman", "man",
    "person", "adult", "husband", "wife", "son", "daughter", "girl", "boy", "teenager",
    "athlete", "smoker", "parent", "grandmother", "grandfather", "grandparent", "grandson",
    "granddaughter", "sister", "brother", "sibling", "toddler", "schoolchild", "pupil",
    "pensioner", "mum", "mom", "dad", "granny",
})
# People whose work is health care: they perform what a patient has ("the surgeon performed").
CLINICIANS = frozenset({
    "doctor", "surgeon", "nurse", "dentist", "specialist", "physician", "therapist", "gp",
    "radiologist", "midwife", "paramedic", "gynaecologist", "gynecologist", "cardiologist",
    "anaesthetist", "anesthesiologist", "paediatrician", "pediatrician", "technician",
    "pharmacist", "psychologist", "psychiatrist", "neurologist", "dermatologist", "oculist",
    "ophthalmologist", "physiotherapist", "endocrinologist", "urologist", "oncologist",
    "gastroenterologist", "allergist", "rheumatologist", "otolaryngologist", "orthopaedist",
    "orthopedist", "traumatologist", "phlebologist", "mammologist", "proctologist", "nephrologist",
    "pulmonologist", "hematologist", "haematologist", "immunologist", "psychotherapist",
    "obstetrician", "nutritionist", "dietitian", "dietician", "orthodontist", "hepatologist",
    "infectionist", "venereologist", "andrologist",
})

__all__ = ["CLINICIANS", "PEOPLE"]
