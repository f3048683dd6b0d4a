"""The name gazetteer: given names and surnames of a global workforce, as lookup keys.

Names typed in lower case (``wanjiru kamau``, ``ji-ho kang``) are only told from words by
knowing them. The lists come from two permissively licensed packages, read on first use
(the classifier's, never at DAG parse time):

- the US census given names and most common surnames that the ``names`` package ships (MIT;
  the census data is public domain), which hold the surnames of many countries' emigrants;
- the person-name lists of Faker's locales (MIT): Latin-script ones as written (Africa,
  South and South-East Asia, Latin America, Europe, Turkey, Central Asia), Faker's own
  romanised Chinese, Japanese and Thai names, and the Cyrillic, Greek, Georgian, Armenian
  and Korean ones transliterated by anyascii (ISC). Scripts written without vowels (Arabic,
  Hebrew) or whose letter-by-letter transliteration is not how people type names (Indic,
  Chinese characters) are skipped; their names come in through the Latin-script locales.

Faker's generic English list (every name the US gives five babies a year, ``doctor`` and
``lawyer`` among them) is skipped: the census lists hold the common ones. Names that are
everyday English words (``will``, ``summer``, ``read``: the hand list, spaCy's stop words
and Faker's list of common English words) are left out; in lower case nothing tells them
from words. The hand lists of ``vocabulary``
are added. Keys are lower case without accents, apostrophes or hyphens (``José`` →
``jose``, ``O'Brien`` → ``obrien``, ``Min-jun`` → ``minjun``).
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
import unicodedata
from collections.abc import Iterable, Iterator
from importlib import resources

from openai_connector.classify.recognizers.vocabulary import (
    GIVEN_NAMES,
    NON_NAMES,
    SURNAMES,
    WORD_NAMES,
)

#: Census surnames past this rank are mostly rare spellings and everyday words (``draft``).
CENSUS_SURNAME_RANKS = 20_000
# Faker locales whose names are transliterated; other non-Latin locales are skipped, and
# so is the generic English one.
_SKIPPED_LOCALES = ("en",)
_TRANSLITERATED_SCRIPTS = ("bg_BG", "el_GR", "hy_AM", "ka_GE", "ko_KR", "mk_MK", "ru_RU", "uk_UA")
# Faker's name lists: first/last names, by gender or not, and the romanised variants.
_NAME_LIST = re.compile(r"(first|last)_(?:romanized_)?names(?:_(?:male|female|nonbinary))?")
_KEY = re.compile(r"[a-z]{2,}")
# Endings of inflected English words, and what restores the stem: "gives" -> "give".
_INFLECTIONS = (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))
_UNDECOMPOSED = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "\u0131": "i"})


def name_key(word: str) -> str:
    """A word as the gazetteer holds it: lower case, no accents, apostrophes or hyphens,
    no possessive ``'s`` (``García's`` → ``garcia``)."""
    word = word.lower().removesuffix("'s").removesuffix("\u2019s")
    word = word.replace("'", "").replace("\u2019", "").replace("-", "")
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word.translate(_UNDECOMPOSED))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.cache
def name_gazetteer() -> tuple[frozenset[str], frozenset[str]]:
    """Given names and surnames (keys) of the lists above, less everyday words."""
    data = resources.files("names")
    faker_given, faker_surnames = _faker_names()
    given = name_keys(
        [*_census(data / "dist.male.first"), *_census(data / "dist.female.first"), *faker_given]
    )
    surnames = name_keys([*_census(data / "dist.all.last", CENSUS_SURNAME_RANKS), *faker_surnames])
    everyday = everyday_words()
    return given - everyday | name_keys(GIVEN_NAMES), surnames - everyday | name_keys(SURNAMES)


@functools.cache
def known_names() -> frozenset[str]:
    """Every given name and surname of the gazetteer, in one set."""
    given, surnames = name_gazetteer()
    return given | surnames


@functools.cache
def everyday_words() -> frozenset[str]:
    """Keys of everyday English words that are names too: the hand lists of word names and
    of products and common words, spaCy's stop words and Faker's lists of common English
    words and of verbs, nouns, adjectives and adverbs (``read``, ``final``, ``show``)."""
    from faker.providers.lorem.en_US import Provider as EnglishWords
    from spacy.lang.en.stop_words import STOP_WORDS

    by_part_of_speech = [word for words in EnglishWords.parts_of_speech.values() for word in words]
    english = [*STOP_WORDS, *EnglishWords.word_list, *by_part_of_speech]
    return name_keys([*WORD_NAMES, *NON_NAMES, *english])


def is_everyday_word(key: str) -> bool:
    """Whether a key is an everyday word or one inflected: ``shows``, ``fields``, ``saved``."""
    return is_inflected_in(key, everyday_words())


def is_inflected_in(key: str, words: frozenset[str]) -> bool:
    """Whether a key is one of the words or one of them inflected (``resets``, ``parsed``)."""
    return key in words or any(
        key.endswith(ending) and key.removesuffix(ending) + restored in words
        for ending, restored in _INFLECTIONS
    )


def _census(path: resources.abc.Traversable, ranks: int | None = None) -> list[str]:
    """The names of one census list (``NAME freq cumulative rank`` lines), best ranks first."""
    lines = path.read_text(encoding="ascii").splitlines()[:ranks]
    return [line.split(maxsplit=1)[0] for line in lines if line.strip()]


def _faker_names() -> tuple[list[str], list[str]]:
    """Given names and surnames of every Faker person locale that can be read in Latin."""
    from anyascii import anyascii
    from faker.providers import person

    given: list[str] = []
    surnames: list[str] = []
    for locale in pkgutil.iter_modules(person.__path__):
        if locale.name in _SKIPPED_LOCALES:
            continue
        provider = importlib.import_module(f"{person.__name__}.{locale.name}").Provider
        for attribute, names in vars(provider).items():
            kind = _NAME_LIST.fullmatch(attribute)
            if kind is None or not isinstance(names, tuple | list | dict):
                continue
            if locale.name in _TRANSLITERATED_SCRIPTS:
                names = [anyascii(name) for name in names]
            (given if kind.group(1) == "first" else surnames).extend(names)
    return given, surnames


def name_keys(names: Iterable[str]) -> frozenset[str]:
    """The keys of the one-word names that read as Latin letters."""
    return frozenset(_latinname_keys(names))


def is_latin_key(key: str) -> bool:
    """Whether a key is two Latin letters or more, as every gazetteer key is."""
    return _KEY.fullmatch(key) is not None


def _latinname_keys(names: Iterable[str]) -> Iterator[str]:
    for name in names:
        key = name_key(name)
        if is_latin_key(key):
            yield key
