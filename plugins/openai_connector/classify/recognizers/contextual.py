"""PII that only its surroundings make personal: dates of birth, addresses, health records.

A date is a date until "born", "DOB" or "Geburtsdatum" stands before it; a number is an
order number until "MRN" or "member ID" does. Street addresses need a street word
("Street", "rue", "Calle", "-straße") next to a house number, and are reported as one
span with the city and postcode that follow.
"""

from __future__ import annotations

import re
from typing import ClassVar

from openai_connector.classify.recognizers.base import SpanRecognizer

Found = list[tuple[str, int, int, float, str]]

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
    "|januar|februar|märz|maerz|juni|juli|oktober|dezember"
    "|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre"
    "|novembre|décembre|decembre"
    "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    "|noviembre|diciembre"
    "|janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|novembro|dezembro"
    "|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre"
    "|januari|februari|maart|mei|augustus"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH_NUMBER = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:19\d{2}|20\d{2})"
_DATE = (
    rf"(?:{_DAY}[./-]{_MONTH_NUMBER}[./-](?:{_YEAR}|\d{{2}})"
    rf"|{_MONTH_NUMBER}[./-]{_DAY}[./-](?:{_YEAR}|\d{{2}})"
    rf"|{_YEAR}[./-]{_MONTH_NUMBER}[./-]{_DAY}"
    rf"|{_DAY}(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?(?:{_MONTHS})\.?,?\s+(?:de\s+)?{_YEAR}"
    rf"|(?:{_MONTHS})\.?\s+{_DAY}(?:st|nd|rd|th)?,?\s+{_YEAR})"
)
_BIRTH_CUES = (
    r"born|birth|birthday|birthdate|dob|d\.o\.b\.?|geboren|geb\.|geburtsdatum|geburtstag"
    r"|née?|naissance|nacid[oa]|nacimiento|nascid[oa]|nascimento|nat[oa]|nascita"
    r"|geboortedatum|urodzon[ya]|data urodzenia|fødselsdato|födelsedatum"
)
_LINK_WORDS = r"on|le|am|el|em|il|in|the|of|is|was|date|de|do|da|di|op|w|dnia"
# A birth cue, up to five linking words, then the date. Every repetition consumes a word,
# and separators are bounded, so a long run of blanks cannot make the match backtrack.
_DATE_OF_BIRTH = re.compile(
    rf"(?<!\w)(?:{_BIRTH_CUES})(?!\w)(?:[\s:,(-]{{1,4}}(?:{_LINK_WORDS})(?!\w)){{0,5}}"
    rf"[\s:,(-]{{0,4}}(?P<date>{_DATE})(?!\d)",
    re.IGNORECASE,
)

_STREET_TYPES_AFTER = (
    r"street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|way"
    r"|terrace|close|crescent|highway|hwy|parkway|pkwy|square|sq|circle|cir|trail|row|walk"
    r"|mews|grove|gardens|marg|nagar"
)
_STREET_TYPES_BEFORE = (
    r"rue|avenue|av\.?|boulevard|bd|chemin|allée|allee|impasse|quai|place"
    r"|calle|c/|avenida|avda\.?|paseo|plaza|carrera|camino"
    r"|via|viale|piazza|corso|largo|rua|travessa|estrada|alameda|ulica|ul\."
)
_STREET_SUFFIXES = (
    r"straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee"
    r"|straat|gracht|laan|plein|kade|singel|dijk|gatan|vägen|vej|gade|veien"
)
_WORD = r"[^\W\d_][\w'\u2019.-]*"
_HOUSE = r"\d{1,5}(?:\s?[a-zA-Z](?!\w))?"
# 221B Baker Street / 12 rue de la Paix / Calle Mayor 10 / Hauptstraße 5 / Via Roma, 15
_STREET = re.compile(
    rf"(?<![\w.,-])(?:"
    rf"{_HOUSE},?\s+(?P<named>(?:{_WORD}\s+){{1,4}}?(?i:{_STREET_TYPES_AFTER}))\b\.?"
    rf"|{_HOUSE},?\s+(?P<type>(?i:{_STREET_TYPES_BEFORE}))\s+(?P<rest>(?:{_WORD}\s+){{0,4}}{_WORD})"
    rf"|(?i:{_STREET_TYPES_BEFORE})\s+(?:{_WORD}\s+){{0,4}}{_WORD},?\s+(?:n[º°o.]\s*)?{_HOUSE}"
    rf"|[^\W\d_][\w-]*(?i:{_STREET_SUFFIXES})\s+{_HOUSE}"
    rf")(?![\w-])"
)
_POSTCODE = (
    r"[A-Z]{2}\s+\d{5}(?:-\d{4})?"  # US state and ZIP
    r"|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"  # UK
    r"|[A-Z]\d[A-Z]\s?\d[A-Z]\d"  # Canada
    r"|\d{4}\s?[A-Z]{2}(?![\w])"  # Netherlands
    r"|\d{5}-\d{3}"  # Brazil
    r"|\d{4,6}"  # most of Europe, Australia, India
)
_CAPITAL = "A-ZÀ-ÖØ-Þ"
_PLACE_WORD = rf"[{_CAPITAL}][^\W\d_]*(?:['\u2019.-][^\W\d_]+)*(?!\w)"
_PLACE = rf"{_PLACE_WORD}(?:[ -]{_PLACE_WORD}){{0,2}}"
# What may follow the street: flat, city, region, postcode, in any order, up to four parts.
_ADDRESS_TAIL = re.compile(
    rf"(?:(?:,\s*|\s+-\s+|\s+)(?:(?i:apt|apartment|flat|suite|unit|piso|étage)\.?\s*\w{{1,5}}"
    rf"|(?:{_POSTCODE})(?:\s+{_PLACE})?|{_PLACE}(?:,?\s+(?:{_POSTCODE}))?)){{1,4}}"
)
_TAIL_STOP = re.compile(r"\b(?i:and|or|but|the|please|pls|to|for|is|was|can|could)\b")
_STREET_PARTICLES = frozenset(
    {"de", "la", "le", "les", "des", "du", "del", "della", "di", "da", "do", "dos", "das", "e",
     "y", "von", "van", "der", "den"}
)  # fmt: skip
# After a street with no city or postcode, a lower-case word that goes on with it makes the
# street word a noun or verb ("12 Standard Drive licenses", "room 101 Place your bags").
_GOES_ON = re.compile(r"[ \t]+(?!(?:and|or|but|in|on|at|to|for|from|with|by|is|was)\b)[a-z]")

_RECORD_VALUE = r"(?P<value>(?=[A-Z-]{0,4}\d)[A-Z]{0,4}-?\d[\d-]{3,12}[A-Z0-9]{0,3})(?![\w-])"
_MRN = re.compile(
    r"(?i:\b(?:mrn|medical record(?:\s+(?:number|no\.?|#|id))?|patient\s+(?:id|number|no\.?|#)"
    r"|chart\s+(?:number|no\.?|#)|hospital\s+(?:number|no\.?)"
    r"|patientennummer|patienten-id|fallnummer|numéro de dossier|n° de dossier"
    r"|dossier médical|historia clínica|nº de historia|prontuário|cartella clinica)"
    r"(?:\s+(?:is|was|number|no\.?|nr\.?))?)[\s:#.=-]{0,4}" + _RECORD_VALUE
)
_HEALTH_PLAN = re.compile(
    r"(?i:\b(?:member\s+(?:id|number|no\.?|#)|subscriber\s+(?:id|number|no\.?)"
    r"|health\s+plan\s+(?:id|number|no\.?)"
    r"|(?<!social\s)(?<!national\s)insurance\s+(?:id|number|no\.?|card\s+number)"
    r"|insurance\s+member\s+id|medicare\s+(?:number|no\.?|id|card)|medicaid\s+(?:id|number)"
    r"|(?:krankenversicherten|versicherten)nummer|numéro d'adhérent|número de afiliado"
    r"|carteirinha|tessera sanitaria)"
    r"(?:\s+(?:is|was|number|no\.?|nr\.?))?)[\s:#.=-]{0,4}" + _RECORD_VALUE
)


class DateOfBirthRecognizer(SpanRecognizer):
    """A date that a birth word announces, in English and the main European languages."""

    ENTITIES: ClassVar[list[str]] = ["DATE_OF_BIRTH"]
    PREFILTER_PATTERNS = (re.compile(r"\d"),)
    SCORE = 0.85

    def find(self, text: str) -> Found:
        return [
            ("DATE_OF_BIRTH", *match.span("date"), self.SCORE, "date after a birth word")
            for match in _DATE_OF_BIRTH.finditer(text)
        ]


class StreetAddressRecognizer(SpanRecognizer):
    """A house number with a street word, and the city and postcode after it, as one span."""

    ENTITIES: ClassVar[list[str]] = ["STREET_ADDRESS"]
    PREFILTER_PATTERNS = (re.compile(r"\d"),)
    WITH_PLACE_SCORE = 0.75
    STREET_ONLY_SCORE = 0.6

    def find(self, text: str) -> Found:
        found: Found = []
        for match in _STREET.finditer(text):
            named = match.group("named")
            if named is not None and not _written_alike(named.split()):
                continue  # "Chapter 7 covers the Street Fighter series"
            start, street_end = match.span()
            if match.group("type") is not None:
                name_end = _capitalised_name_end(match)
                if name_end is None:
                    continue  # "room 101 Place your bags here"
                street_end = name_end
            end = street_end
            tail = _ADDRESS_TAIL.match(text, end)
            if tail is not None:
                stop = _TAIL_STOP.search(text, end, tail.end())
                end = len(text[: stop.start() if stop else tail.end()].rstrip(" ,-."))
            if end == street_end and _GOES_ON.match(text, end):
                continue  # "12 Standard Drive licenses", "3 Avenue Q tickets"
            score = self.WITH_PLACE_SCORE if end > street_end else self.STREET_ONLY_SCORE
            found.append(("STREET_ADDRESS", start, end, score, "house number and street word"))
        return found


def _capitalised_name_end(match: re.Match[str]) -> int | None:
    """Where a street named after its capitalised type ends: at the first lower-case word
    that is no particle (``Place de la Concorde``); ``None`` without a capitalised name."""
    if not match.group("type")[:1].isupper():
        return match.end()  # typed in lower case: "12 rue de la paix"
    end = None
    for word in re.finditer(r"\S+", match.group("rest")):
        if word.group()[:1].isupper():
            end = match.start("rest") + word.end()
        elif word.group() not in _STREET_PARTICLES:
            break
    return end


def _written_alike(words: list[str]) -> bool:
    """A street's name and type are all capitalised, or all typed in lower case."""
    return all(word[:1].isupper() for word in words) or all(word.islower() for word in words)


class HealthRecordRecognizer(SpanRecognizer):
    """Medical record numbers and health-plan member ids, by the label written before them."""

    ENTITIES: ClassVar[list[str]] = ["MEDICAL_RECORD_NUMBER", "HEALTH_PLAN_ID"]
    PREFILTER_PATTERNS = (re.compile(r"\d[\d-]{3}"),)
    # Under a validated national identifier's score: a label is weaker evidence than a
    # check digit ("insurance number" also announces social-security numbers).
    SCORE = 0.7

    def find(self, text: str) -> Found:
        return [
            (entity, *match.span("value"), self.SCORE, f"{why} before the number")
            for entity, pattern, why in (
                ("MEDICAL_RECORD_NUMBER", _MRN, "medical record label"),
                ("HEALTH_PLAN_ID", _HEALTH_PLAN, "health plan label"),
            )
            for match in pattern.finditer(text)
        ]
