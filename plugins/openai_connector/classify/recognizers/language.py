"""Whether a text is in English or in another language, word by word from word frequencies.

The name and place checks read capitalised words differently in another language: German
capitalises its nouns, every language its sentence openings (``Bitte``, ``Rechnung``,
``Hola``), and spaCy's English model calls many of them people or places. A hand list of
function words covers a few languages and misses the rest, so each word is looked up in
``wordfreq``'s lists of frequent words (Apache-2.0, its data CC BY-SA 4.0) of English and of
sixteen languages written in Latin letters that a global workforce types:

- a word *of another language* is frequent there (Zipf 4: ten times in a million words)
  and ten times as frequent there as in English (``prioridad``, ``und``, ``bitte``, ``en``);
- an *English* word is one of wordfreq's frequent English words (at least once in a
  million) and no word of another language;
- any other word (rare, a code name, a typo) says nothing.

A text is in another language when at least two of its words are of another language and
they outnumber its English words: an English message quoting a word or two, or naming
``Lucía Fernández``, stays English. The lists are read on first use (about 0.2 s of CPU and
20 MB), nothing stored or fetched.
"""

from __future__ import annotations

import functools
import re

from openai_connector.classify.recognizers.gazetteer import name_key
from openai_connector.classify.recognizers.namelike import english_words

# Latin-script languages of wordfreq's "small" lists, beyond English.
_OTHER_LANGUAGES = (
    "de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da", "nb", "fi", "cs", "ro", "hu", "tr", "id",
)  # fmt: skip
_OTHER_ZIPF = 4.0  # ten times in a million words
_MARGIN = 1.0  # Zipf is a log scale: one point is ten times as frequent
# A word this frequent in another language is one of its function words ("lo", "und").
_FUNCTION_ZIPF = 6.5
_MIN_OTHER_WORDS = 2
_LETTER_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


def in_other_language(text: str) -> bool:
    """Whether the text is written in another language than English (see the module)."""
    other = english = 0
    for word in _LETTER_WORD.findall(text.lower()):
        if word in _other_language_words():
            other += 1
        elif name_key(word) in english_words():
            english += 1
    return other >= _MIN_OTHER_WORDS and other > english


def is_other_language_word(word: str) -> bool:
    """Whether the word is a word of another language (see the module), any case."""
    return word.lower() in _other_language_words()


def is_other_language_function_word(word: str) -> bool:
    """Whether the word is one of the most frequent of another language and no English
    word (``Lo``, ``Und``, ``Per``): after a cue it opens a phrase, not a name."""
    return _other_language_words().get(word.lower(), 0.0) >= _FUNCTION_ZIPF


@functools.cache
def _other_language_words() -> dict[str, float]:
    """The words of another language, each with its Zipf frequency in the language where
    it is most frequent."""
    english = _zipf_of(("en",), _OTHER_ZIPF - _MARGIN)
    return {
        word: zipf
        for word, zipf in _zipf_of(_OTHER_LANGUAGES, _OTHER_ZIPF).items()
        if zipf - english.get(word, 0.0) >= _MARGIN
    }


def _zipf_of(languages: tuple[str, ...], floor: float) -> dict[str, float]:
    """Each word at least ``floor`` frequent in one of the languages, with its highest Zipf
    frequency among them. wordfreq packs a list as buckets of words, bucket ``i`` holding
    the words of frequency 10^(-i/100), that is Zipf 9 - i/100."""
    from wordfreq import available_languages, read_cBpack

    lists = available_languages("small")
    best: dict[str, float] = {}
    for language in languages:
        for index, bucket in enumerate(read_cBpack(lists[language])):
            zipf = 9 - index / 100
            if zipf < floor:
                break
            for word in bucket:
                best[word] = max(best.get(word, 0.0), zipf)
    return best
