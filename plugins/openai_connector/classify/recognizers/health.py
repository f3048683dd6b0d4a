"""PHI: a diagnosis or medication said of somebody identifiable, in the same message.

"What are the side effects of metformin?" is a health question about nobody; "maria
gonzalez (MRN 448812) started metformin for type 2 diabetes" is protected health
information. The medical term is reported as ``PHI`` only when the message also names a
person (spaCy's PERSON, a cued or known lower-case name) or holds an identifier (an
e-mail address, a long number, a record label).
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from openai_connector.classify.recognizers.base import SpanRecognizer
from openai_connector.classify.recognizers.person import lowercase_names

# Conditions and treatments that are sensitive when tied to a person (several languages).
CONDITIONS = (
    "diabetes", "type 1 diabetes", "type 2 diabetes", "diabète", "hypertension", "asthma",
    "copd", "cancer", "breast cancer", "prostate cancer", "lung cancer", "leukemia",
    "leukaemia", "lymphoma", "melanoma", "tumor", "tumour", "chemotherapy", "radiotherapy",
    "hiv", "aids", "hepatitis", "hepatitis b", "hepatitis c", "tuberculosis", "syphilis",
    "chlamydia", "gonorrhea", "herpes", "depression", "major depressive disorder", "anxiety",
    "anxiety disorder", "bipolar disorder", "schizophrenia", "ptsd", "adhd", "autism",
    "anorexia", "bulimia", "eating disorder", "ocd", "dementia", "alzheimer's",
    "alzheimer", "parkinson's", "parkinson", "epilepsy", "multiple sclerosis", "stroke",
    "heart attack", "myocardial infarction", "heart failure", "atrial fibrillation",
    "arrhythmia", "kidney disease", "renal failure", "dialysis", "cirrhosis", "crohn's",
    "crohn's disease", "ulcerative colitis", "celiac disease", "lupus", "rheumatoid arthritis",
    "arthritis", "osteoporosis", "fibromyalgia", "migraine", "covid-19", "covid", "long covid",
    "pregnancy", "pregnant", "miscarriage", "abortion", "infertility", "ivf",
    "substance use disorder", "alcoholism", "addiction", "opioid use disorder", "overdose",
    "suicidal", "self-harm", "obesity", "sleep apnea", "hypothyroidism", "hyperthyroidism",
    "krebs", "depresión", "depressão", "cáncer",
    "câncer", "diabète", "dépression", "schwanger", "grossesse", "embarazada",
)  # fmt: skip
MEDICATIONS = (
    "metformin", "insulin", "ozempic", "semaglutide", "lisinopril", "amlodipine",
    "atorvastatin", "simvastatin", "levothyroxine", "metoprolol", "losartan", "omeprazole",
    "warfarin", "apixaban", "eliquis", "clopidogrel", "prednisone", "methotrexate",
    "adalimumab", "humira", "sertraline", "zoloft", "fluoxetine", "prozac", "escitalopram",
    "lexapro", "citalopram", "bupropion", "venlafaxine", "lithium", "quetiapine",
    "olanzapine", "risperidone", "aripiprazole", "adderall", "ritalin", "methylphenidate",
    "xanax", "alprazolam", "diazepam", "lorazepam", "clonazepam", "zolpidem", "gabapentin",
    "pregabalin", "oxycodone", "hydrocodone", "morphine", "fentanyl", "tramadol",
    "buprenorphine", "methadone", "naloxone", "suboxone", "truvada", "prep", "antiretroviral",
    "tamoxifen", "letrozole", "herceptin", "keytruda", "albuterol", "salbutamol", "ventolin",
    "montelukast", "levetiracetam", "lamotrigine", "valproate", "donepezil", "antidepressants",
    "antidepressant", "antipsychotic", "chemo",
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
# The first word of every term: a message without one of them holds no term (cheap check).
_FIRST_WORDS = frozenset(_WORD.findall(term)[0] for term in (*CONDITIONS, *MEDICATIONS))
_MEDICAL_TERM = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(
        re.escape(term) for term in sorted({*CONDITIONS, *MEDICATIONS}, key=len, reverse=True)
    )
    + r")(?![\w-])",
    re.IGNORECASE,
)
# An identifier in the message: an e-mail address, a number of six digits or more (with
# separators), or a record or member label.
_IDENTIFIER = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|(?<!\d)\d(?:[ ./-]?\d){5,}(?!\d)"
    r"|\b(?:mrn|patient id|medical record|member id|dob|date of birth)\b",
    re.IGNORECASE,
)
_PERSON_LABELS = frozenset({"PERSON", "PER"})


class PhiRecognizer(SpanRecognizer):
    """Medical terms in a message that also identifies somebody."""

    ENTITIES: ClassVar[list[str]] = ["PHI"]
    SCORE = 0.8

    def find(self, text: str) -> list[tuple[str, int, int, float, str]]:
        """Every medical term: candidates until the message proves to identify somebody."""
        why = "medical term beside a person or identifier"
        return [("PHI", *term.span(), self.SCORE, why) for term in _MEDICAL_TERM.finditer(text)]

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """The medical terms, if the message names a person or holds an identifier."""
        if _FIRST_WORDS.isdisjoint(_WORD.findall(text.lower())):
            return []
        if _MEDICAL_TERM.search(text) is None or not self._identifies(text, nlp_artifacts):
            return []
        return super().analyze(text, entities, nlp_artifacts)

    @staticmethod
    def _identifies(text: str, nlp_artifacts: NlpArtifacts | None) -> bool:
        if nlp_artifacts is not None and any(
            entity.label_ in _PERSON_LABELS for entity in nlp_artifacts.entities
        ):
            return True
        return _IDENTIFIER.search(text) is not None or bool(lowercase_names(text))
