"""National identifiers as data: format, validator, context words and country of each.

One row per identifier type the product recognizes. A value is reported only when its
text matches ``pattern``, python-stdnum's validator for the scheme accepts it (check
digits, embedded dates, known prefixes) and a context word stands near it, or, for a
``distinctive`` format (letters in fixed places, a fixed prefix), without context at a
lower score. Nothing here imports stdnum or Presidio: the catalog and the policy read
this table without loading a classifier.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

IdKind = Literal["national id", "tax", "social security", "health insurance", "voter"]

#: Words that announce any identifier of a kind, in the languages of the countries listed.
KIND_CONTEXT: dict[IdKind, tuple[str, ...]] = {
    "national id": (
        "national id", "id number", "id no", "identity number", "identity card", "id card",
        "identification number", "personal number", "personal id", "citizen id",
        "numéro d'identité", "carte d'identité", "personalausweis", "ausweisnummer",
        "documento de identidad", "número de identidad", "identidade", "carta d'identità",
    ),
    "tax": (
        "tax id", "tax number", "tax no", "tin", "taxpayer", "tax identification",
        "steuernummer", "numéro fiscal", "identifiant fiscal", "número fiscal",
        "identificación fiscal", "codice fiscale", "partita iva",
    ),
    "social security": (
        "social security", "social insurance", "insurance number", "sécurité sociale",
        "seguridad social", "segurança social", "sozialversicherung", "previdenza",
    ),
    "health insurance": (
        "health insurance", "health card", "health number", "insurance number",
        "krankenversicherung", "assurance maladie", "seguro de salud",
    ),
    "voter": ("voter id", "voter card", "electoral", "election card"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class NationalId:
    """One identifier scheme: how it is written, validated and announced.

    ``validator`` names a python-stdnum module (``"br.cpf"``); ``check_digit`` says
    whether its validation includes a check digit (some schemes have none: their format
    and embedded date are all there is to check). ``validator_options`` are passed to the
    module's ``is_valid``.
    """

    entity: str
    country: str
    name: str
    kind: IdKind
    validator: str
    pattern: str
    context: tuple[str, ...]
    check_digit: bool = True
    distinctive: bool = False
    validator_options: tuple[tuple[str, bool], ...] = field(default=())

    @property
    def context_words(self) -> tuple[str, ...]:
        """The scheme's own words, then its kind's."""
        return self.context + KIND_CONTEXT[self.kind]


def _digits(*groups: int, sep: str = r"[ .-]?") -> str:
    """Digit groups with an optional separator between them: ``\\d{3}[ .-]?\\d{3}``."""
    return sep.join(rf"\d{{{size}}}" for size in groups)


NATIONAL_IDS: tuple[NationalId, ...] = (
    # India
    NationalId("IN_AADHAAR", "IN", "Aadhaar", "national id", "in_.aadhaar",
               r"[2-9]\d{3}[ -]?\d{4}[ -]?\d{4}", ("aadhaar", "aadhar", "uidai", "आधार")),
    NationalId("IN_PAN", "IN", "Permanent Account Number", "tax", "in_.pan",
               r"[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]", ("pan", "permanent account", "income tax"),
               check_digit=False, distinctive=True),
    NationalId("IN_VOTER", "IN", "Voter ID (EPIC)", "voter", "in_.epic", r"[A-Z]{3}\d{7}",
               ("epic", "voter", "matdata")),
    # Canada
    NationalId("CA_SIN", "CA", "Social Insurance Number", "social security", "ca.sin",
               _digits(3, 3, 3), ("sin", "nas", "social insurance", "assurance sociale")),
    NationalId("CA_BC_PHN", "CA", "BC Personal Health Number", "health insurance", "ca.bc_phn",
               r"9\d{3}[ -]?\d{3}[ -]?\d{3}", ("phn", "personal health number", "carecard",
                                              "services card", "msp")),
    # Brazil
    NationalId("BR_CPF", "BR", "CPF", "tax", "br.cpf", r"\d{3}\.?\d{3}\.?\d{3}-?\d{2}",
               ("cpf", "cadastro de pessoas")),
    NationalId("BR_CNPJ", "BR", "CNPJ", "tax", "br.cnpj", r"\d{2}\.?\d{3}\.?\d{3}/?\d{4}-?\d{2}",
               ("cnpj",)),
    # Spain
    NationalId("ES_NIF", "ES", "DNI / NIF", "national id", "es.dni", r"\d{8}-?[A-Z]",
               ("dni", "nif", "documento nacional"), distinctive=True),
    NationalId("ES_NIE", "ES", "NIE", "national id", "es.nie", r"[XYZ]-?\d{7}-?[A-Z]",
               ("nie", "extranjero"), distinctive=True),
    # Italy
    NationalId("IT_FISCAL_CODE", "IT", "Codice fiscale", "tax", "it.codicefiscale",
               r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z]"
               r"[0-9LMNPQRSTUV]{3}[A-Z]", ("cf", "fiscale"), distinctive=True),
    NationalId("IT_VAT_CODE", "IT", "Partita IVA", "tax", "it.iva", r"\d{11}",
               ("p.iva", "p. iva", "iva")),
    # Poland
    NationalId("PL_PESEL", "PL", "PESEL", "national id", "pl.pesel", r"\d{11}", ("pesel",)),
    NationalId("PL_NIP", "PL", "NIP", "tax", "pl.nip", r"\d{3}-?\d{3}-?\d{2}-?\d{2}",
               ("nip", "numer identyfikacji")),
    # Netherlands
    NationalId("NL_BSN", "NL", "Burgerservicenummer", "national id", "nl.bsn",
               r"\d{4}\.?\d{2}\.?\d{3}", ("bsn", "burgerservicenummer", "sofinummer")),
    # France
    NationalId("FR_NIR", "FR", "NIR (numéro de sécurité sociale)", "social security", "fr.nir",
               r"[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}",
               ("nir", "sécu", "secu", "carte vitale", "insee")),
    NationalId("FR_NIF", "FR", "Numéro fiscal (SPI)", "tax", "fr.nif",
               r"[0-3]\d ?\d{2} ?\d{3} ?\d{3} ?\d{3}", ("spi", "nif", "impots", "impôts")),
    # United Kingdom
    NationalId("UK_NHS", "GB", "NHS number", "health insurance", "gb.nhs", _digits(3, 3, 4),
               ("nhs",)),
    NationalId("UK_NINO", "GB", "National Insurance number", "social security", "local:uk_nino",
               r"[A-CEGHJ-PR-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]",
               ("national insurance", "nino", "ni number", "ni no"),
               check_digit=False, distinctive=True),
    NationalId("UK_UTR", "GB", "Unique Taxpayer Reference", "tax", "gb.utr", r"\d{5} ?\d{5}",
               ("utr", "unique taxpayer", "self assessment", "hmrc")),
    # Germany, Austria, Switzerland
    NationalId("DE_TAX_ID", "DE", "Steuerliche Identifikationsnummer", "tax", "de.idnr",
               r"\d{2} ?\d{3} ?\d{3} ?\d{3}",
               ("steuer-id", "steuerid", "steuer id", "idnr", "identifikationsnummer")),
    NationalId("AT_SVNR", "AT", "Sozialversicherungsnummer", "social security", "at.vnr",
               r"\d{4} ?\d{6}", ("svnr", "sv-nummer", "versicherungsnummer",
                                 "sozialversicherungsnummer", "e-card")),
    NationalId("CH_AHV", "CH", "AHV / AVS number", "social security", "ch.ssn",
               r"756[. ]?\d{4}[. ]?\d{4}[. ]?\d{2}", ("ahv", "avs", "sozialversicherungsnummer"),
               distinctive=True),
    # United States (SSN and ITIN: Presidio's recognizers)
    NationalId("US_EIN", "US", "Employer Identification Number", "tax", "us.ein",
               r"\d{2}-?\d{7}", ("ein", "employer identification", "fein"), check_digit=False),
    # Mexico, Argentina, Chile, Colombia
    NationalId("MX_CURP", "MX", "CURP", "national id", "mx.curp",
               r"[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d", ("curp",), distinctive=True),
    NationalId("MX_RFC", "MX", "RFC", "tax", "mx.rfc", r"[A-ZÑ&]{4} ?\d{6} ?[A-Z0-9]{3}",
               ("rfc", "registro federal"), validator_options=(("validate_check_digits", True),)),
    NationalId("AR_CUIT", "AR", "CUIT / CUIL", "tax", "ar.cuit", r"\d{2}-?\d{8}-?\d",
               ("cuit", "cuil")),
    NationalId("CL_RUT", "CL", "RUT / RUN", "national id", "cl.rut",
               r"\d{1,2}\.?\d{3}\.?\d{3}-?[\dkK]", ("rut", "run", "rol único")),
    NationalId("CO_NIT", "CO", "NIT", "tax", "co.nit", r"\d{3}\.?\d{3}\.?\d{3}-?\d",
               ("nit",)),
    # China, Japan, South Korea, Thailand, Indonesia
    NationalId("CN_RIC", "CN", "Resident Identity Card number", "national id", "cn.ric",
               r"\d{17}[\dXx]", ("身份证", "shenfenzheng", "resident identity", "resident id")),
    NationalId("JP_MY_NUMBER", "JP", "Individual Number (My Number)", "national id", "jp.in_",
               _digits(4, 4, 4, sep="[ -]?"), ("my number", "mynumber", "マイナンバー",
                                               "individual number", "kojin bango")),
    NationalId("KR_RRN", "KR", "Resident Registration Number", "national id", "kr.rrn",
               r"\d{6}-?[1-8]\d{6}", ("rrn", "resident registration", "주민등록번호")),
    NationalId("TH_PIN", "TH", "Thai personal ID number", "national id", "th.pin",
               r"\d-?\d{4}-?\d{5}-?\d{2}-?\d", ("thai id", "บัตรประชาชน", "เลขประจำตัวประชาชน")),
    NationalId("ID_NPWP", "ID", "NPWP", "tax", "id.npwp",
               r"\d{2}\.?\d{3}\.?\d{3}\.?\d-?\d{3}\.?\d{3}", ("npwp", "nomor pokok wajib pajak")),
    # Russia, Turkey, Israel, South Africa, Australia
    NationalId("RU_INN", "RU", "INN", "tax", "ru.inn", r"\d{12}", ("inn", "инн")),
    NationalId("TR_TCKN", "TR", "T.C. Kimlik No", "national id", "tr.tckimlik", r"[1-9]\d{10}",
               ("kimlik", "tckn", "tc no", "t.c.")),
    NationalId("IL_ID", "IL", "Teudat Zehut", "national id", "il.idnr", r"\d{8}-?\d",
               ("teudat zehut", "תעודת זהות", "israeli id", "mispar zehut")),
    NationalId("ZA_ID", "ZA", "South African ID number", "national id", "za.idnr",
               r"\d{6} ?\d{4} ?\d{2} ?\d", ("south african id", "rsa id", "sa id")),
    NationalId("AU_TFN", "AU", "Tax File Number", "tax", "au.tfn", r"\d{3} ?\d{3} ?\d{2,3}",
               ("tfn", "tax file")),
    NationalId("AU_ABN", "AU", "Australian Business Number", "tax", "au.abn",
               r"\d{2} ?\d{3} ?\d{3} ?\d{3}", ("abn", "australian business")),
    # European Union (the others)
    NationalId("BE_NATIONAL_NUMBER", "BE", "Rijksregisternummer / numéro national",
               "national id", "be.nn", r"\d{2}\.?\d{2}\.?\d{2}-?\d{3}\.?\d{2}",
               ("rijksregisternummer", "rijksregister", "numéro national", "registre national",
                "insz", "niss")),
    NationalId("SE_PERSONNUMMER", "SE", "Personnummer", "national id", "se.personnummer",
               r"(?:19|20)?\d{6}[-+]?\d{4}", ("personnummer", "personnr")),
    NationalId("FI_HETU", "FI", "Henkilötunnus", "national id", "fi.hetu",
               r"\d{6}[-+ABCDEFUVWXY]\d{3}[0-9A-Y]", ("henkilötunnus", "hetu",
                                                     "personbeteckning"), distinctive=True),
    NationalId("NO_FODSELSNUMMER", "NO", "Fødselsnummer", "national id", "no.fodselsnummer",
               r"\d{6} ?\d{5}", ("fødselsnummer", "fodselsnummer", "personnummer")),
    NationalId("DK_CPR", "DK", "CPR-nummer", "national id", "dk.cpr", r"\d{6}-?\d{4}",
               ("cpr", "personnummer"), check_digit=False),
    NationalId("PT_NIF", "PT", "NIF (contribuinte)", "tax", "pt.nif", r"\d{9}",
               ("nif", "contribuinte")),
    NationalId("PT_CC", "PT", "Cartão de Cidadão", "national id", "pt.cc",
               r"\d{8} ?\d ?[A-Z0-9]{2}\d", ("cartão de cidadão", "cartao de cidadao",
                                             "cc nº", "cc no")),
    NationalId("IE_PPS", "IE", "PPS number", "social security", "ie.pps", r"\d{7}[A-W][ABHWTXZ]?",
               ("pps", "ppsn", "personal public service")),
    NationalId("CZ_RC", "CZ", "Rodné číslo", "national id", "cz.rc", r"\d{6}/?\d{3,4}",
               ("rodné číslo", "rodne cislo", "rč")),
    NationalId("RO_CNP", "RO", "CNP", "national id", "ro.cnp", r"[1-9]\d{12}",
               ("cnp", "cod numeric personal")),
    NationalId("BG_EGN", "BG", "ЕГН (EGN)", "national id", "bg.egn", r"\d{10}", ("egn", "егн")),
    NationalId("GR_AMKA", "GR", "AMKA", "social security", "gr.amka", r"\d{11}",
               ("amka", "αμκα")),
    NationalId("HR_OIB", "HR", "OIB", "national id", "hr.oib", r"\d{11}", ("oib",)),
    NationalId("EE_IK", "EE", "Isikukood", "national id", "ee.ik", r"[1-6]\d{10}",
               ("isikukood",)),
    NationalId("SI_EMSO", "SI", "EMŠO", "national id", "si.emso", r"\d{13}", ("emšo", "emso")),
    NationalId("LT_ASMENS", "LT", "Asmens kodas", "national id", "lt.asmens", r"[1-6]\d{10}",
               ("asmens kodas",)),
)  # fmt: skip

NATIONAL_ID_ENTITIES: frozenset[str] = frozenset(spec.entity for spec in NATIONAL_IDS)
