"""A labelled evaluation set for PII breadth: national identifiers and context-bound PII.

Every identifier is made here, never copied: random characters in the scheme's shape are
drawn until python-stdnum validates them (so the check digits are right), and each valid
number gets a *broken twin*, the same number with one character changed so that stdnum
rejects it. Both go into the same chat sentences, in English or the country's language,
after the scheme's name; a detector should report the first and never the second.

Context-bound PII comes with look-alikes in the same kind of sentence: dates of birth
beside ordinary dates, street addresses beside quantities and product codes, lower-case
names beside lower-case chat and capitalised non-names, medical record numbers beside
order and ticket numbers, diagnoses about a named person beside health questions about
nobody. ``generate(seed)`` is deterministic.
"""

from __future__ import annotations

import importlib
import random
import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from quality_corpus import LabelledSpan

from openai_connector.classify.national_ids import NATIONAL_IDS, NationalId
from openai_connector.classify.recognizers.national import validator_for
from openai_connector.classify.recognizers.vocabulary import WORD_NAMES

DEFAULT_SEED = 20_261_206
PER_ID = 24
PER_CONTEXT_KIND = 120

# Compact shapes the generator fills: D digit, L letter, [..] one of, {..} a date part.
SHAPES: dict[str, str] = {
    "IN_AADHAAR": "[2-9]DDDDDDDDDDD", "IN_PAN": "LLLPLDDDDL", "IN_VOTER": "LLLDDDDDDD",
    "CA_SIN": "[1-7]DDDDDDDD", "CA_BC_PHN": "9DDDDDDDDD", "BR_CPF": "DDDDDDDDDDD",
    "BR_CNPJ": "DDDDDDDD0001DD", "ES_NIF": "DDDDDDDDL", "ES_NIE": "[XYZ]DDDDDDDL",
    "IT_FISCAL_CODE": "LLLLLL{yy}[ABCDEHLMPRST]{dd}[A-M]DDDL", "IT_VAT_CODE": "DDDDDDD0DDD",
    "PL_PESEL": "{yymmdd}DDDDD", "PL_NIP": "[1-9]DDDDDDDDD", "NL_BSN": "[1-6]DDDDDDDD",
    "FR_NIR": "[12]{yy}{mm}[1-8][1-9]DDDDDDDD", "FR_NIF": "[0-3]DDDDDDDDDDDD",
    "UK_NHS": "[4-6]DDDDDDDDD", "UK_NINO": "[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]DDDDDD[A-D]",
    "UK_UTR": "DDDDDDDDDD", "DE_TAX_ID": "[1-9]DDDDDDDDDD", "AT_SVNR": "[1-9]DDD{ddmmyy}",
    "CH_AHV": "756DDDDDDDDDD", "US_EIN": "[1-9]DDDDDDDD",
    "MX_CURP": "LLLL{yymmdd}[HM][DJN][FCL]LLL0D",
    "MX_RFC": "LLLL{yymmdd}[A-Z1-9][A-Z1-9][0-9A]", "AR_CUIT": "[23][0347]DDDDDDDDD",
    "CL_RUT": "[1-2]DDDDDDD[0-9K]", "CO_NIT": "[89]DDDDDDDDD",
    "CN_RIC": "[13]10101{yyyymmdd}DDD[0-9X]", "JP_MY_NUMBER": "DDDDDDDDDDDD",
    "KR_RRN": "{yymmdd}[12]DDDDDD", "TH_PIN": "[1-8]DDDDDDDDDDDD",
    "ID_NPWP": "DDDDDDDDDDDDDDD", "RU_INN": "[1-9]DDDDDDDDDDD", "TR_TCKN": "[1-9]DDDDDDDDDD",
    "IL_ID": "DDDDDDDDD", "ZA_ID": "{yymmdd}DDDD[01]8D", "AU_TFN": "DDDDDDDDD",
    "AU_ABN": "[1-9]DDDDDDDDDD", "BE_NATIONAL_NUMBER": "{yymmdd}DDDDD",
    "SE_PERSONNUMMER": "{yymmdd}DDDD", "FI_HETU": "{ddmmyy}-DDD[0-9A-Y]",
    "NO_FODSELSNUMMER": "{ddmmyy}DDDDD", "DK_CPR": "{ddmmyy}DDDD", "PT_NIF": "[1-3]DDDDDDDD",
    "PT_CC": "DDDDDDDDD[A-Z][A-Z]D", "IE_PPS": "DDDDDDD[A-W]", "CZ_RC": "{yymmdd}DDDD",
    "RO_CNP": "[12]{yymmdd}[0-4]DDDDD", "BG_EGN": "{yymmdd}DDDD", "GR_AMKA": "{ddmmyy}DDDDD",
    "HR_OIB": "[1-9]DDDDDDDDDD", "EE_IK": "[34]{yymmdd}DDDD", "SI_EMSO": "{ddmm}9{yy}50DDDD",
    "LT_ASMENS": "[34]{yymmdd}DDDD",
}  # fmt: skip

LANGUAGE_BY_COUNTRY = {
    "BR": "pt", "PT": "pt", "ES": "es", "MX": "es", "AR": "es", "CL": "es", "CO": "es",
    "FR": "fr", "BE": "fr", "DE": "de", "AT": "de", "CH": "de", "IT": "it", "NL": "nl",
    "PL": "pl",
}  # fmt: skip
ID_SENTENCES = {
    "en": (
        "My {label} is {value}, can you fill it into the form?",
        "here's the {label} {value} from the scan, please check the letter",
        "Rewrite this: applicant {label}: {value}. Start date next month.",
        "can you verify {label} {value} before I submit the application?",
    ),
    "pt": ("Meu {label} é {value}, pode preencher o formulário?",
           "Segue o {label} {value} do cliente para o cadastro."),
    "es": ("Mi {label} es {value}, ¿puedes rellenar el formulario?",
           "Te paso el {label} {value} del cliente para el alta."),
    "fr": ("Mon {label} est le {value}, tu peux remplir le formulaire ?",
           "Voici le {label} {value} du salarié pour le dossier."),
    "de": ("Meine {label} lautet {value}, kannst du das Formular ausfüllen?",
           "Hier die {label} {value} des Mitarbeiters für die Lohnabrechnung."),
    "it": ("Il mio {label} è {value}, puoi compilare il modulo?",
           "Ecco il {label} {value} del cliente per la pratica."),
    "nl": ("Mijn {label} is {value}, kun je het formulier invullen?",),
    "pl": ("Mój numer {label} to {value}, możesz wypełnić formularz?",),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Case:
    """One text of one group: labelled spans, or none (a look-alike; ``twin`` is where a
    broken twin stands)."""

    group: str
    text: str
    spans: tuple[LabelledSpan, ...]
    twin: tuple[int, int] | None = None


def _expand(chars: str) -> str:
    """``A-CX`` -> ``ABCX``."""
    out, index = [], 0
    while index < len(chars):
        if index + 2 < len(chars) and chars[index + 1] == "-":
            out += [chr(code) for code in range(ord(chars[index]), ord(chars[index + 2]) + 1)]
            index += 3
        else:
            out.append(chars[index])
            index += 1
    return "".join(out)


_SHAPE_TOKEN = re.compile(r"\{(\w+)\}|\[([^\]]+)\]|(.)")


def _fill(shape: str, rng: random.Random) -> str:
    year = rng.randint(1950, 1999)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    parts = {"yy": f"{year % 100:02d}", "yyyy": f"{year}", "mm": f"{month:02d}",
             "dd": f"{day:02d}"}  # fmt: skip
    out = []
    for date, choice, char in _SHAPE_TOKEN.findall(shape):
        if date:
            out.append("".join(parts[key] for key in re.findall(r"yyyy|yy|mm|dd", date)))
        elif choice:
            out.append(rng.choice(_expand(choice)))
        elif char == "D":
            out.append(rng.choice(string.digits))
        elif char == "L":
            out.append(rng.choice(string.ascii_uppercase))
        else:
            out.append(char)
    return "".join(out)


def valid_number(spec: NationalId, rng: random.Random, tries: int = 200_000) -> str:
    """A compact number of the scheme's shape that its validator accepts."""
    is_valid = validator_for(spec)
    for _ in range(tries):
        candidate = _fill(SHAPES[spec.entity], rng)
        if is_valid(candidate):
            return candidate
    raise RuntimeError(f"no valid {spec.entity} in {tries} tries")


def broken_twin(spec: NationalId, number: str, rng: random.Random) -> str | None:
    """The number with one character changed (last first) so validation fails."""
    is_valid = validator_for(spec)
    for position in range(len(number) - 1, -1, -1):
        old = number[position]
        pool = string.digits if old.isdigit() else string.ascii_uppercase if old.isalpha() else ""
        for new in rng.sample(pool, len(pool)):
            twin = number[:position] + new + number[position + 1 :]
            if new != old and not is_valid(twin):
                return twin
    return None


def written(spec: NationalId, number: str, rng: random.Random) -> str:
    """Compact or in the scheme's usual format (python-stdnum's ``format``), by chance."""
    if spec.validator.startswith("local:") or rng.random() < 0.5:
        return number
    module = importlib.import_module(f"stdnum.{spec.validator}")
    formatter: Callable[[str], str] | None = getattr(module, "format", None)
    return formatter(number) if formatter else number


def _sentence(spec: NationalId, value: str, rng: random.Random) -> tuple[str, int, int]:
    language = LANGUAGE_BY_COUNTRY.get(spec.country, "en")
    pool = ID_SENTENCES["en"] + (ID_SENTENCES[language] if language != "en" else ())
    template = rng.choice(pool)
    head, tail = template.split("{value}")
    head = head.format(label=spec.name)
    return head + value + tail.format(label=spec.name), len(head), len(head) + len(value)


def identifier_cases(rng: random.Random, per_id: int = PER_ID) -> Iterator[Case]:
    """Per scheme: valid numbers in sentences, and broken twins in the same sentences."""
    for spec in NATIONAL_IDS:
        for _ in range(per_id):
            number = valid_number(spec, rng)
            value = written(spec, number, rng)
            text, start, end = _sentence(spec, value, rng)
            yield Case(spec.entity, text, (LabelledSpan(spec.entity, start, end),))
            twin = broken_twin(spec, number, rng) if spec.check_digit else None
            if twin is not None:
                twin_text, *twin_span = _sentence(spec, written(spec, twin, rng), rng)
                yield Case(spec.entity, twin_text, (), twin=(twin_span[0], twin_span[1]))


def _labelled(group: str, template: str, value: str, entity: str | None = None) -> Case:
    head, tail = template.split("{value}")
    span = LabelledSpan(entity or group, len(head), len(head) + len(value))
    return Case(group, head + value + tail, (span,))


def _date(rng: random.Random, year: int) -> str:
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    names = ("January", "March", "June", "September", "November", "Jan", "Aug", "Dec")
    return rng.choice(
        (
            f"{day:02d}/{month:02d}/{year}",
            f"{month}/{day}/{year}",
            f"{year}-{month:02d}-{day:02d}",
            f"{day}.{month}.{year}",
            f"{day} {rng.choice(names)} {year}",
            f"{rng.choice(names)} {day}, {year}",
        )
    )


DOB_SENTENCES = (
    "Date of birth: {value}", "patient DOB {value}, please update the chart",
    "He was born on {value} in Leeds.", "she was born {value}, so she turns 50 soon",
    "Name: Ana Souza, D.O.B. {value}", "Geburtsdatum: {value}", "geboren am {value} in Köln",
    "née le {value} à Lyon", "Date de naissance : {value}", "fecha de nacimiento: {value}",
    "nacido el {value}", "data de nascimento {value}", "nata il {value} a Torino",
    "birthday {value} - can you compute his age?", "DOB: {value}",
)  # fmt: skip
DATE_LOOKALIKES = (
    "The invoice dated {value} is still unpaid.", "meeting moved to {value}, same room",
    "deadline {value} for the Q3 report", "Lieferung am {value} bestätigt",
    "réunion le {value} à 10h", "the release on {value} broke the login page",
    "contract signed {value}, renewal in a year", "last backup ran {value}",
)  # fmt: skip
ADDRESS_VALUES = (
    "{n} Baker Street, London NW1 6XE", "{n} Maple Avenue, Springfield, IL 62704",
    "{n} Ocean Drive, Miami, FL 33139", "{n} rue de la Paix, 75002 Paris",
    "Hauptstraße {n}, 10115 Berlin", "Calle Mayor {n}, 28013 Madrid", "Via Roma {n}, 00184 Roma",
    "Keizersgracht {n}, 1015 CJ Amsterdam", "{n} King Street West, Toronto, ON M5V 1J2",
    "{n} George St, Sydney NSW 2000", "Rua Augusta {n}, 01305-000 São Paulo",
    "{n} MG Road, Bengaluru 560001", "ul. Marszałkowska {n}, 00-001 Warszawa",
    "{n} High Street, Oxford OX1 4AP", "Avenida Reforma {n}, Ciudad de México",
    "Bahnhofstrasse {n}, 8001 Zürich", "{n} Elm St Apt 4B, Boston, MA 02118",
)  # fmt: skip
ADDRESS_SENTENCES = (
    "Please ship it to {value}.", "my new address is {value}", "Send the contract to {value}",
    "deliver to: {value} (ring twice)", "Can you format this address: {value}",
    "Lieferadresse: {value}", "Adresse de livraison : {value}", "dirección: {value}",
)  # fmt: skip
ADDRESS_LOOKALIKES = (
    "I need {n} more tickets for the Friday event", "Chapter {n} covers the Street Fighter series",
    "SKU {n} ABC-44 is out of stock", "Order {n} shipped via DHL yesterday",
    "we walked {n} miles along the river", "turn left after {n} blocks and park",
    "Step {n}: open the Settings page", "version {n} of the app ships Monday",
    "Python {n} Way Forward talk slides", "the team of {n} people met in Room 4",
    "{n} Main reasons to migrate to Postgres", "Read section {n}, Data Retention",
)  # fmt: skip
NAME_SENTENCES = (
    "write a reference letter for {value}", "can you draft an email to {value} about the offsite",
    "remind me to call {value} tomorrow", "{value} will join the team on monday",
    "summarize what {value} said in the meeting", "ask {value} for the q3 numbers",
    "meeting notes: {value} agreed to own the migration", "thanks {value}, that fixed it",
)  # fmt: skip
NAME_LOOKALIKES = (
    "can you mark the grace period in the contract", "will the build pass if i skip the tests",
    "please review the quarterly report and the sales forecast", "turn on the china export",
    "Please Review The Quarterly Report Before Monday", "the rose garden needs a new layout",
    "Submit The Form And Notify The Platform Team", "bill the customer for the extra hours",
    "how do i set the summer schedule in the calendar", "the jordan office wifi is down",
    "Kubernetes Cluster Upgrade Plan For Staging", "may i ask how the hunter pipeline works",
    "explain the difference between chase and wells fargo accounts",
    "the amber alert was a false alarm", "hope the deploy goes fine", "Victory Lap Release Notes",
)  # fmt: skip
RECORD_SENTENCES = {
    "MEDICAL_RECORD_NUMBER": (
        "Patient MRN: {value}, admitted yesterday", "medical record no. {value}",
        "MRN {value} - summarise the latest labs", "patient ID {value}, follow-up in 2 weeks",
        "Patientennummer {value}, Entlassbrief bitte",
        "numéro de dossier {value} pour le compte rendu",
    ),
    "HEALTH_PLAN_ID": (
        "member ID: {value}, plan Gold PPO", "insurance number {value} for the claim",
        "subscriber ID {value} was denied", "Medicare number {value}",
        "Versichertennummer {value} bitte eintragen",
    ),
}  # fmt: skip
RECORD_LOOKALIKES = (
    "order number {value} has not arrived", "ticket #{value} is blocked by the vendor",
    "invoice {value} is overdue", "build {value} failed on the integration tests",
    "tracking number {value}", "PR {value} needs a second review", "Job ID {value} timed out",
)  # fmt: skip
PHI_SENTENCES = (
    "{person} was diagnosed with {term} last spring, draft a leave request",
    "write to {person} about adjusting the {term} dose",
    "Patient {person} (MRN 4471239) started {term} on Monday",
    "{person}'s {term} is getting worse, reschedule her reviews",
    "note for hr: {person} has {term}, needs flexible hours",
)  # fmt: skip
PHI_TERMS = ("type 2 diabetes", "depression", "metformin", "sertraline", "breast cancer",
             "HIV", "epilepsy", "chemotherapy", "bipolar disorder", "insulin")  # fmt: skip
PHI_LOOKALIKES = (
    "what are the common side effects of {term}?", "explain how {term} is treated",
    "write a blog post about {term} awareness month", "is {term} covered by most health plans?",
    "summarize the latest research on {term}",
)  # fmt: skip


def _name(rng: random.Random, first: tuple[str, ...], last: tuple[str, ...]) -> str:
    return f"{rng.choice(first)} {rng.choice(last)}".lower()


def context_cases(rng: random.Random, per_kind: int = PER_CONTEXT_KIND) -> Iterator[Case]:
    """Dates of birth, addresses, lower-case names, health records, PHI, with look-alikes."""
    from quality_corpus import FIRST_NAMES, LAST_NAMES

    # Given names that are everyday words are ambiguous in lower case: not labelled here.
    first = tuple(name for name in FIRST_NAMES if name not in WORD_NAMES)
    for _ in range(per_kind):
        value = _date(rng, rng.randint(1940, 2005))
        yield _labelled("DATE_OF_BIRTH", rng.choice(DOB_SENTENCES), value)
        yield Case("DATE_OF_BIRTH", rng.choice(DATE_LOOKALIKES).format(value=value), ())
        address = rng.choice(ADDRESS_VALUES).format(n=rng.randint(1, 480))
        yield _labelled("STREET_ADDRESS", rng.choice(ADDRESS_SENTENCES), address)
        yield Case(
            "STREET_ADDRESS", rng.choice(ADDRESS_LOOKALIKES).format(n=rng.randint(2, 99)), ()
        )
        name = _name(rng, first, LAST_NAMES)
        yield _labelled("LOWERCASE_PERSON", rng.choice(NAME_SENTENCES), name, "PERSON")
        yield Case("LOWERCASE_PERSON", rng.choice(NAME_LOOKALIKES), ())
        for entity, sentences in RECORD_SENTENCES.items():
            record = rng.choice(("", "A", "HX", "W")) + str(rng.randint(10**5, 10**9))
            yield _labelled(entity, rng.choice(sentences), record)
            yield Case(entity, rng.choice(RECORD_LOOKALIKES).format(value=record), ())
        term = rng.choice(PHI_TERMS)
        template = rng.choice(PHI_SENTENCES).replace("{person}", _name(rng, first, LAST_NAMES))
        yield _labelled("PHI", template.replace("{term}", "{value}"), term)
        yield Case("PHI", rng.choice(PHI_LOOKALIKES).format(term=term), ())


def generate(
    seed: int = DEFAULT_SEED, per_id: int = PER_ID, per_kind: int = PER_CONTEXT_KIND
) -> list[Case]:
    """The whole evaluation set: identifiers and their twins, context-bound PII, held-out."""
    rng = random.Random(seed)
    return [
        *identifier_cases(rng, per_id),
        *context_cases(rng, per_kind),
        *held_out_cases(rng),
        *name_round(
            "***", THIRD_HELD_OUT_NAMES, THIRD_HELD_OUT_NAME_SENTENCES,
            THIRD_HELD_OUT_NAME_LOOKALIKES, rng,
        ),
        *name_round(
            "****", FOURTH_HELD_OUT_NAMES, FOURTH_HELD_OUT_NAME_SENTENCES,
            FOURTH_HELD_OUT_NAME_LOOKALIKES, rng,
        ),
        *name_round(
            "*****", FIFTH_HELD_OUT_NAMES, FIFTH_HELD_OUT_NAME_SENTENCES,
            FIFTH_HELD_OUT_NAME_LOOKALIKES, rng,
        ),
        *name_round(
            "******", SIXTH_HELD_OUT_NAMES, SIXTH_HELD_OUT_NAME_SENTENCES,
            SIXTH_HELD_OUT_NAME_LOOKALIKES, rng,
        ),
        *name_round(
            "*******", SEVENTH_HELD_OUT_NAMES, SEVENTH_HELD_OUT_NAME_SENTENCES,
            SEVENTH_HELD_OUT_NAME_LOOKALIKES, rng,
        ),
    ]  # fmt: skip


# Written after the recognizers were tuned on the sets above, and run once as they stand:
# how the context-bound entities fare on names, formats and phrasings nobody tuned for.
HELD_OUT_NAMES = (
    "lucas moreira", "aditi rao", "tomás novák", "yara haddad", "kaito mori", "ngozi eze",
    "sven berg", "ilse de jong", "jamal bakr", "rohan kapoor", "isabel cortés", "oscar lindahl",
    "amara diallo", "farah qureshi", "hugo lefèvre", "pablo ruiz", "zara ahmed", "leon vogel",
    "chloe martin", "arjun menon", "nadia petrova", "kwabena osei", "elena popa", "mateo vargas",
    "saanvi iyer", "jonas weber", "aylin demir", "ravi shankar", "dong-hyun lee", "mei tan",
)  # fmt: skip
HELD_OUT_NAME_SENTENCES = (
    "pls forward the deck to {value} asap", "{value} asked whether the offer is final",
    "cc {value} on the thread", "i'm meeting {value} at 3, move my 1:1",
    "draft a farewell note for {value}", "what did {value} decide about the vendor?",
)  # fmt: skip
HELD_OUT_NAME_LOOKALIKES = (
    "can you check the jordan almond order", "set the max wait time to 30s",
    "the pearl jam tickets sold out", "turn off the amber warning light in the ui",
    "merge the develop branch into main", "add a sunny day icon to the weather widget",
    "is the apple pay button broken again", "schedule the august release party",
)  # fmt: skip
HELD_OUT_ADDRESSES = (
    "Flat 2, 15 Camden Road, London NW1 9LR", "350 Fifth Avenue, New York, NY 10118",
    "Karl-Marx-Allee 90, 10243 Berlin", "8 avenue des Champs-Élysées, 75008 Paris",
    "Avenida Paulista 1578, São Paulo", "Plaza de España 1, 41013 Sevilla",
    "Corso Buenos Aires 33, 20124 Milano", "55 Collins Street, Melbourne VIC 3000",
    "Prinsengracht 263, 1016 GV Amsterdam", "1 Infinite Loop, Cupertino, CA 95014",
)  # fmt: skip
HELD_OUT_ADDRESS_LOOKALIKES = (
    "we need 12 Standard Drive licenses for the team", "page 14 Close reading exercises",
    "buy 3 Avenue Q tickets", "room 101 Place your bags here",
)  # fmt: skip
HELD_OUT_DOB = (
    "D.O.B: {value}", "Birth date - {value}", "geb. {value}", "dob {value} (verify with HR)",
    "her date of birth is {value}",
)  # fmt: skip
HELD_OUT_MRN = ("MRN#{value}", "Medical Record No: {value}", "pt MRN {value}",
                "hospital number {value}")  # fmt: skip


# A second held-out round for lower-case names, written before the name gazetteer was chosen
# or tuned (groups marked ``**``): new names, new phrasings, and look-alikes of three kinds
# (ordinary lower-case words and places, capitalised words, product names).
SECOND_HELD_OUT_NAMES = (
    "fernanda lima", "kofi boateng", "priyanka desai", "diego herrera", "yuna takahashi",
    "olumide adebayo", "katarina horvath", "mikael nyberg", "sofia esposito", "hamid karimi",
    "lena fischer", "minh tran", "ji-woo park", "marco bianchi", "aisha bello",
    "camille laurent", "rafael oliveira", "anja kowalczyk", "emeka nwosu", "siddharth joshi",
    "chiara romano", "nikolai sokolov", "fatima el amrani", "daniel cohen", "sarah o'connell",
    "liu yang", "ahmed mansour", "paula jimenez", "tobias schneider", "wanjiru kamau",
    "andrés castro", "hye-jin choi", "ivana novakova", "george papadopoulos", "maya goldberg",
    "juan rios", "nora hansen", "kenta yamada", "bilal siddiqui", "rosa mendes",
)  # fmt: skip
SECOND_HELD_OUT_NAME_SENTENCES = (
    "send {value} the onboarding checklist", "could you write a recommendation for {value}",
    "{value} is out sick today, reassign her tickets", "book a room for me and {value} on thursday",
    "reply to {value} saying we accept", "how do i congratulate {value} on the promotion",
    "add {value} to the interview panel", "{value} and i need the budget by friday",
)  # fmt: skip
SECOND_HELD_OUT_NAME_LOOKALIKES = (
    "send the report to finance by friday", "could you write a recommendation for a good laptop",
    "add redis and kafka to the stack", "reply to the vendor saying we accept",
    "book a room for the design review on thursday", "the lincoln tunnel is closed",
    "draft a memo for the marketing lead", "congratulate the team on the launch",
    "check in with sales about the q4 numbers", "cc the security team on the incident",
    "meet me at the santa monica office", "the dallas and austin offices share a vpn",
    "Please Forward The Budget To Legal", "Call Center Operations Weekly Report",
    "ask the Support Team about Visual Studio licences", "the Angular Material table is slow",
    "Jenkins Pipeline Fails After Kotlin Upgrade", "how do i install visual studio code on ubuntu",
    "set up google analytics for the landing page", "we need a new power bi dashboard",
)  # fmt: skip


def held_out_cases(rng: random.Random) -> Iterator[Case]:
    """The held-out phrasings above, each with its look-alikes, in groups marked ``*``."""
    for name in HELD_OUT_NAMES:
        yield _labelled("LOWERCASE_PERSON*", rng.choice(HELD_OUT_NAME_SENTENCES), name, "PERSON")
    for text in HELD_OUT_NAME_LOOKALIKES:
        yield Case("LOWERCASE_PERSON*", text, ())
    for address in HELD_OUT_ADDRESSES:
        yield _labelled("STREET_ADDRESS*", rng.choice(ADDRESS_SENTENCES), address, "STREET_ADDRESS")
    for text in HELD_OUT_ADDRESS_LOOKALIKES:
        yield Case("STREET_ADDRESS*", text, ())
    for template in HELD_OUT_DOB * 4:
        value = _date(rng, rng.randint(1940, 2005))
        yield _labelled("DATE_OF_BIRTH*", template, value, "DATE_OF_BIRTH")
        yield Case("DATE_OF_BIRTH*", rng.choice(DATE_LOOKALIKES).format(value=value), ())
    for template in HELD_OUT_MRN * 5:
        record = str(rng.randint(10**5, 10**8))
        yield _labelled("MEDICAL_RECORD_NUMBER*", template, record, "MEDICAL_RECORD_NUMBER")
        yield Case("MEDICAL_RECORD_NUMBER*", rng.choice(RECORD_LOOKALIKES).format(value=record), ())
    yield from name_round(
        "**", SECOND_HELD_OUT_NAMES, SECOND_HELD_OUT_NAME_SENTENCES,
        SECOND_HELD_OUT_NAME_LOOKALIKES, rng,
    )  # fmt: skip


def name_round(
    marks: str,
    names: tuple[str, ...],
    sentences: tuple[str, ...],
    lookalikes: tuple[str, ...],
    rng: random.Random,
) -> Iterator[Case]:
    """One held-out round of lower-case names (group ``LOWERCASE_PERSON`` and its marks):
    each name in a sentence drawn from the round's phrasings, then its look-alikes."""
    group = f"LOWERCASE_PERSON{marks}"
    for name in names:
        yield _labelled(group, rng.choice(sentences), name, "PERSON")
    for text in lookalikes:
        yield Case(group, text, ())


# A third held-out round for lower-case names (groups marked ``***``), written before the
# name detector was changed again and after the ``*`` and ``**`` rounds had been looked at:
# names from every region a global workforce comes from (none in the other sets), new
# phrasings with and without a cue, and look-alikes of five kinds (dates, product codes,
# capitalised words, lower-case ordinary words and cue words, places).
THIRD_HELD_OUT_NAMES = (
    "tendai moyo", "abebe bekele", "thandiwe ndlovu", "yaw asante", "chiamaka obi",
    "fatou ndiaye", "baraka otieno", "temitope olawale", "lakshmi krishnan", "vikram reddy",
    "meera pillai", "sourav chatterjee", "sunita bhatt", "karthik subramanian", "nusrat jahan",
    "imran chaudhry", "dilani perera", "haruto sato", "sakura ito", "zhang min",
    "xiaoming wang", "ha-eun jung", "ji-ho kang", "lan vu", "somchai wongsakul",
    "ayumi kobayashi", "huang jiahui", "yaroslav volkov", "tatiana orlova", "piotr zielinski",
    "malgorzata wojcik", "milan petrovic", "jana dvorakova", "bogdan kovalenko",
    "svetlana morozova", "youssef benali", "layla najjar", "omar al-farsi", "mariam khalil",
    "khalid rahman", "noor abdullah", "reza tehrani", "elif yilmaz", "mehmet kaya",
    "valentina rojas", "santiago gutierrez", "ximena salazar", "thiago pereira",
    "luciana ferreira", "alejandro morales", "camila duarte", "bram visser", "ingrid solberg",
    "matteo ricci", "aoife byrne", "orla gallagher", "etienne marchand", "eleni georgiou",
    "lars johansson", "zsofia nagy", "megan carter", "james whitaker", "ciara murphy",
    "hamza jameel", "anh pham", "kemal aksoy",
)  # fmt: skip
THIRD_HELD_OUT_NAME_SENTENCES = (
    "can you set up a 1:1 with {value} next week", "{value} left the company, move her files to me",
    "please translate this message for {value}", "who is {value} reporting to now?",
    "forwarding the contract from {value}, pls review", "give {value} access to the finance drive",
    "{value}'s visa letter needs a signature", "write a birthday message for {value}",
    "hi {value}, the invoice is attached", "loop in {value} and the legal team",
    "tell {value} the demo moved to 4pm", "my manager {value} approved the budget",
    "does {value} still own the onboarding doc?", "dear {value}, thank you for your patience",
)  # fmt: skip
THIRD_HELD_OUT_NAME_LOOKALIKES = (
    "move the standup to march 14", "the offsite is on june 3rd in the morning",
    "payroll runs on the last friday of april", "Invoice due 12/05/2026, please remind finance",
    "we launch on may 2 if qa signs off", "reorder part XJ-4410 and the AB200 adapter",
    "the sku ml-220 is out of stock", "upgrade the cluster to m5.large nodes",
    "ship two units of model rx 580 to the lab", "ticket ops-1182 is blocked on the vendor",
    "Quarterly Business Review Agenda Draft", "Please Approve The Travel Request By Tuesday",
    "Customer Success Team Offsite Planning", "Migrate The Billing Service To Go",
    "Annual Security Training Reminder", "Read The Release Notes Before Upgrading",
    "can you summarize the main points of this article", "send the final draft to the whole team",
    "ask the team for the latest numbers", "please review the budget with the finance lead",
    "tell me a joke about databases", "write a cover letter for a marketing role",
    "remind me to water the plants", "loop in legal and procurement on the renewal",
    "hi team, the deploy is done", "thanks everyone for the quick turnaround",
    "my manager approved the new laptop", "give the intern access to the staging env",
    "dear colleagues, the office is closed on monday", "the golden retriever chased the ball",
    "we need more bandwidth for the video calls", "who is responsible for the sales dashboard",
    "forward the pdf from the printer queue", "set the river level alert to amber",
    "the nairobi and lagos offices need new routers",
    "book flights from delhi to chennai for the conference", "our warehouse in rotterdam is full",
    "compare rent in lisbon and porto", "the kyoto trip is postponed",
    "open a branch in buenos aires next year", "the team in hanoi works late on fridays",
    "Visit Cape Town During The Summer Break",
)  # fmt: skip


# A fourth held-out round (``****``), written after the third had been run and its misses
# seen, and before the rules were tuned further: none of these names, phrasings or
# look-alikes is in the other sets.
FOURTH_HELD_OUT_NAMES = (
    "sizwe mahlangu", "ama owusu", "kojo appiah", "adwoa darko", "musa danjuma",
    "zawadi mwangi", "ifeoma nwachukwu", "tsegaye tadesse", "mamadou diop", "aminata traore",
    "seun bakare", "pranav kulkarni", "harpreet gill", "sneha deshpande", "tahir mahmood",
    "farzana akter", "nimal fernando", "gaurav saxena", "ishita sen", "takumi hayashi",
    "yui matsumoto", "wu hao", "arnel dela cruz", "siti rahmawati", "budi santoso",
    "seung-woo han", "dae-jung yoon", "linh dang", "aleksei smirnov", "dragan jovanovic",
    "vesna markovic", "radek novotny", "irena kovac", "andrzej lewandowski", "mihai ionescu",
    "ioana dumitrescu", "tarek saleh", "rania aziz", "hussein jaber", "samira bouzid",
    "dariush ahmadi", "zeynep celik", "burak arslan", "nasrin hosseini", "renata aguilar",
    "joaquin fuentes", "luisa cardenas", "rodrigo paredes", "marisol vega", "maeve quinn",
    "oskar lindgren", "wouter de groot", "elodie fontaine", "greta lange", "connor doyle",
)  # fmt: skip
FOURTH_HELD_OUT_NAME_SENTENCES = (
    "please book a taxi for {value} at 6", "{value} sent the signed nda this morning",
    "can you proofread the bio of {value}", "schedule a call between me and {value}",
    "update the org chart: {value} now leads support", "is {value} on leave this week?",
    "draft a thank-you note to {value} for the referral", "{value} wants the slides in french",
    "share the roadmap with {value} before friday", "who approved {value}'s expense report?",
    "ping {value} about the failing build", "our new hire {value} starts monday",
)  # fmt: skip
FOURTH_HELD_OUT_NAME_LOOKALIKES = (
    "the audit is due on the 3rd of may", "we moved the retro to next tuesday",
    "Renewal date: 14 Aug 2027", "q2 closes on june 30",
    "order the hx-300 dock and two usb-c cables", "reset the router model tl-wr841n",
    "part no. 7740-B is discontinued", "restart pod api-7f9c in prod",
    "Monthly Operations Review Deck", "Update The Vendor Onboarding Checklist",
    "New Hire Orientation Schedule", "Finance And Legal Sync Notes",
    "please book a taxi for the client visit", "share the roadmap with the board before friday",
    "ping the on-call engineer about the failing build", "our new hire checklist needs an update",
    "is the printer on the third floor working?", "schedule a call between sales and support",
    "draft a thank-you note to the whole team", "update the org chart for the support team",
    "who approved the expense report?", "the new intern sent the signed form",
    "can you proofread the bio section of the website", "mark all tickets as done",
    "summer interns start in june", "the crystal ball dashboard is broken",
    "grant read access to the data team", "the sao paulo office needs more desks",
    "fly to addis ababa via istanbul", "move the servers from frankfurt to dublin",
    "the karachi and dhaka teams join the call", "our booth at the berlin fair is booked",
    "Meet At The Tokyo Office Lobby",
)  # fmt: skip


# A fifth held-out round (``*****``), written after the fourth had been run once as it stood
# and before its misses were looked at or any rule changed again.
FIFTH_HELD_OUT_NAMES = (
    "obinna okeke", "nneka umeh", "kagiso molefe", "lindiwe sibiya", "yaa asantewaa",
    "kiprono kiplagat", "wambui njoroge", "oumar sow", "mariama bah", "aarti goswami",
    "varun bhatia", "kavya rangan", "faisal durrani", "anushka tiwari", "ramesh gowda",
    "hiroki tanabe", "mai fujimoto", "xu wen", "zhao lei", "yeon-woo baek", "soo-min hwang",
    "duc pham", "vladislav kuzmin", "yulia pavlova", "tomas kral", "zuzana horakova",
    "nikola stojanovic", "katarzyna mazur", "ana popovic", "vasyl shevchenko",
    "yasmin farouk", "karim nassar", "leila karimi", "mustafa demir", "selin aydin",
    "amir tavakoli", "huda al-sayed", "paola restrepo", "diego alvarado", "catalina munoz",
    "gonzalo ibarra", "beatriz azevedo", "freya mackenzie", "henrik dahl", "lotte bakker",
    "claire dupont", "rory fitzgerald",
)  # fmt: skip
FIFTH_HELD_OUT_NAME_SENTENCES = (
    "{value} is covering my shifts next week", "can you find a time for {value} and me",
    "set a reminder to follow up with {value}", "{value} flagged a bug in the checkout",
    "the offer letter for {value} is ready", "please welcome {value} to the data team",
    "why hasn't {value} replied yet?", "add a note that {value} called", "cc: {value}",
    "write a linkedin recommendation for {value}",
)  # fmt: skip
FIFTH_HELD_OUT_NAME_LOOKALIKES = (
    "the q3 board deck is due friday", "follow up with the vendor next week",
    "the offer letter template is ready", "please welcome everyone to the kickoff",
    "set a reminder to renew the domain", "why hasn't the build finished yet?",
    "add a note that the client called", "cc: legal", "the checkout page flagged a bug",
    "find a time for the retro", "shipment ZX-9920 arrived damaged", "rma 44812 approved",
    "Weekly Platform Sync Notes", "Security Incident Postmortem Template",
    "Hiring Plan For Next Year", "the golden gate bridge photo", "lunch at the marina district",
    "book the venue in cape town", "is the rome office open on monday",
    "the denver warehouse is full", "our team in manila starts early",
    "the rose gold iphone case", "maple syrup and brown sugar", "honey badger mascot",
    "april showers bring may flowers",
)  # fmt: skip


# A sixth held-out round (``******``), written after the fifth had been run once and before
# its misses were looked at or any rule changed again.
SIXTH_HELD_OUT_NAMES = (
    "chukwudi nnaji", "efua quaye", "jabulani zwane", "halima yusuf", "biodun oyelaran",
    "makena wanjiku", "ayodele ogunleye", "sekou keita", "kwesi boakye", "devika raman",
    "arvind pillay", "zoya mirza", "tanveer alam", "nandini hegde", "kunal thakkar",
    "ryota inoue", "emi kuroda", "wang fang", "li jun", "hae-won seo", "jin-soo oh",
    "chau vo", "igor fedorov", "daria belova", "marek dvorak", "petra sedlak", "goran ilic",
    "olena bondarenko", "nabil haddadi", "salma othman", "omid rostami", "emine kaplan",
    "yusuf ozdemir", "camilo montoya", "valeria quintero", "emilio serrano", "niall brennan",
    "sanne de wit", "annika holm",
)  # fmt: skip
SIXTH_HELD_OUT_NAME_SENTENCES = (
    "{value} will present the q4 results", "remind {value} to submit the timesheet",
    "i need {value}'s sign-off on this", "set up an intro call with {value}",
    "{value} just joined, add her to slack", "can {value} cover the friday standup?",
    "draft a reply to {value} declining the invite", "we hired {value} as a designer",
    "thanks to {value} for the quick fix", "does anyone know {value}'s phone number?",
)  # fmt: skip
SIXTH_HELD_OUT_NAME_LOOKALIKES = (
    "the q4 results will be presented monday", "remind the team to submit timesheets",
    "i need sign-off from legal on this", "set up an intro call with the new vendor",
    "just joined the slack channel", "can someone cover the friday standup?",
    "draft a reply declining the invite", "we hired two designers this quarter",
    "thanks to the quick fix the build is green", "does anyone know the wifi password?",
    "Q4 Results Presentation Outline", "Submit Timesheets Before Friday Noon",
    "order 12 units of sku pt-550 and ab-12", "the invoice from 02/03/2026 is missing",
    "move the demo to may 14", "the lisbon and madrid teams share a floor",
    "book a hotel near the seoul office", "flights to lagos are sold out",
    "the cairo branch opens in june", "install nodejs and the aws cli",
    "the green button opens the menu", "white paper on solar power",
    "review the sales pipeline with marketing", "the london bridge photo in the deck",
    "jump start the new project",
)  # fmt: skip


# A seventh held-out round (``*******``), written by an engineer who was not changing the
# name rules, outside the repository, before the rules that replaced true-casing with the
# spelling model were final; nobody tuning the rules read it before its one run. The names
# were not checked against the gazetteer; the look-alikes are dates, product codes,
# capitalised headings, cue words before non-names, places, brands, and word-names before
# a word ("penny stocks").
SEVENTH_HELD_OUT_NAMES = (
    # Africa
    "olusegun adeyemi", "chidinma okafor", "nomvula dlamini", "wanjala barasa",
    "aissatou camara", "tsion haile", "rutendo chikwanha", "moussa coulibaly",
    # South Asia
    "ananya chakraborty", "manpreet kaur", "shreya nair", "ashraful islam",
    "tharindu jayasuriya", "bishnu shrestha", "ayesha siddiqa",
    # East and South-East Asia
    "chen xiaoling", "zhou yi", "takeshi nakamura", "min-jun kim",
    "thu trang nguyen", "mark anthony reyes", "putri wulandari", "nur aisyah binti hassan",
    "thanawat srisuk", "bayarmaa enkhbold",
    # Middle East
    "abdulrahman al-qahtani", "noura al-mansouri", "yosef ben-david", "shirin mohammadi",
    "hasan yildirim",
    # Latin America
    "maría josé hernández", "juan pablo de la fuente", "guadalupe ramírez",
    "joão victor da silva", "sebastián castillo",
    # Europe
    "siobhán ní bhriain", "pieter van der berg", "jean-baptiste moreau", "giulia de luca",
    "björn karlsson", "hans-peter müller",
    # Eastern Europe and Central Asia
    "dmitri ivanov", "oksana tkachenko", "agnieszka nowak", "jiří černý", "tamás szabó",
    "nino beridze", "aigerim sadykova",
    # North America
    "tyler johnson", "marie-claude tremblay", "deshawn washington", "winona begay",
    # Oceania
    "aroha ngata", "sione tupou", "mitchell o'brien",
)  # fmt: skip
SEVENTH_HELD_OUT_NAME_SENTENCES = (
    "{value} is out until the 20th, who covers her queue?",
    "can you write up a performance review for {value}",
    "forward this to {value} and the ops lead",
    "{value}'s laptop still hasn't shipped",
    "the last person to touch this config was {value}",
    "me, {value} and two contractors are on the rota",
    "how should i respond to {value} about the salary question",
    "met with {value} today, notes below",
    "onboarding buddy for the new analyst: {value}",
    "help me apologise to {value} for missing the deadline",
    "what time zone is {value} in?",
    "is it ok to give {value}'s home address to the courier?",
    "{value} from accounting says the numbers are off",
)  # fmt: skip
SEVENTH_HELD_OUT_NAME_LOOKALIKES = (
    # dates
    "the contract renews on 1 october", "standup moved to wed 9/17",
    "fiscal year ends march 31st",
    # product codes
    "replace the toner cartridge tn-2420", "spin up a t3.medium for the demo",
    "firmware v2.14.7 bricked the camera",
    # capitalised words and title-case headings
    "Employee Handbook Revision Summary", "Regional Sales Kickoff Logistics",
    "the Marketing Team wants the Brand Guide by Friday",
    # lower-case chat, cue words followed by non-names
    "ask about pricing for the enterprise tier", "email the team the new schedule",
    "can you write up a performance review template", "forward this to the ops lead",
    "met with the landlord today, notes below", "what time zone is the sydney office in?",
    "help me apologise to the customer for the outage",
    "the last person to leave turns off the lights", "remind finance to close the books",
    # places
    "our hub in johannesburg needs a generator", "the team offsite is in chiang mai",
    "compare flights to kuala lumpur and jakarta", "the monterrey plant is shut for maintenance",
    # brand names
    "the samsung galaxy tablets need updating", "switch from zoom to google meet",
    "cancel the adobe creative cloud seat",
    # two-word phrases like a given name plus a word
    "penny stocks crashed again", "the iris scanner at the lobby door is broken",
    "mark down the price by 10%", "the ruby gem won't install", "frank feedback from the retro",
    "the jasmine tea is in the kitchen",
)  # fmt: skip
