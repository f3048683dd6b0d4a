"""Whether a lower-case word no list holds could be somebody's name: spelling, not lookup.

No gazetteer holds every name of a global workforce (``efua quaye``, ``kagiso molefe``), so a
word the gazetteer does not know is judged by how common it is and how it is spelt:

- a word of ``wordfreq``'s list of frequent English words (Apache-2.0, its data CC BY-SA 4.0:
  word counts of Wikipedia, subtitles, news, books and web text; the 29,000 words seen at
  least once in a million) is a word, and so is one inflected (``resets``), an everyday
  word of the gazetteer's lists, or a compound holding one (``catch-all``);
- any other word of Latin letters is *unlisted*, and a naive Bayes model over its character
  3- and 4-grams (start and end marked) tells whether it is spelt more like the gazetteer's
  55,000 names or like the English words that are no names (``quaye``, ``molefe`` like
  names; ``sysctl``, ``eintragen`` like neither).

The model is counted on first use from those two lists: under 1 s of CPU and 17 MB,
deterministic, nothing stored or fetched. It is weak alone (of held-out gazetteer names, 93 %
score above the threshold, of held-out English words 26 %), which is why it only
judges words that no list holds.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable

from openai_connector.classify.recognizers.gazetteer import (
    everyday_words,
    is_everyday_word,
    is_inflected_in,
    is_latin_key,
    known_names,
    name_key,
    name_keys,
)

#: Mean log-likelihood ratio per n-gram from which an unknown word reads as a name.
NAME_LIKE_THRESHOLD = -0.3
_NGRAM_SIZES = (3, 4)
_SMOOTHING = 0.5


class NameLikeness:
    """Naive Bayes over character n-grams: names against English words."""

    def __init__(self, names: Iterable[str], words: Iterable[str]) -> None:
        name_counts, word_counts = _ngram_counts(names), _ngram_counts(words)
        vocabulary = name_counts.keys() | word_counts.keys()
        name_total = name_counts.total() + _SMOOTHING * len(vocabulary)
        word_total = word_counts.total() + _SMOOTHING * len(vocabulary)
        self._unseen = math.log(word_total / name_total)
        self._ratios = {
            gram: math.log((name_counts[gram] + _SMOOTHING) / name_total)
            - math.log((word_counts[gram] + _SMOOTHING) / word_total)
            for gram in vocabulary
        }

    def score(self, key: str) -> float:
        """Mean log-likelihood ratio of the key's n-grams: above 0 reads more like a name."""
        grams = _ngrams(key)
        return sum(self._ratios.get(gram, self._unseen) for gram in grams) / len(grams)


def _ngrams(key: str) -> list[str]:
    marked = f"^{key}$"
    return [marked[i : i + n] for n in _NGRAM_SIZES for i in range(len(marked) - n + 1)]


def _ngram_counts(keys: Iterable[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for key in keys:
        counts.update(_ngrams(key))
    return counts


@functools.cache
def english_words() -> frozenset[str]:
    """Keys of the words of ``wordfreq``'s English list of frequent words (each at least
    once in a million words: Zipf 3), names or not."""
    from wordfreq import available_languages, read_cBpack

    by_frequency = read_cBpack(available_languages("small")["en"])
    return name_keys(word for words in by_frequency for word in words)


@functools.cache
def name_likeness() -> NameLikeness:
    """The model, counted on first use from the gazetteer and English words less names."""
    names = known_names()
    return NameLikeness(names, english_words() - names)


@functools.lru_cache(maxsize=1 << 14)
def english_zipf(word: str) -> float:
    """How frequent the word is in English (wordfreq's Zipf scale: 3 is once in a million
    words); a hyphenated one (``hae-won``) is no English word, whatever its parts."""
    from wordfreq import zipf_frequency

    return 0.0 if "-" in word else float(zipf_frequency(word, "en"))


def is_unlisted_word(word: str) -> bool:
    """A word as typed, of two Latin letters or more, that no list holds: no known name, no
    frequent English word (nor one inflected: ``resets``), no everyday word, no compound of
    a frequent word (``catch-all``)."""
    key = name_key(word)
    if not is_latin_key(key) or key in known_names() or is_inflected_in(key, english_words()):
        return False
    parts = [name_key(part) for part in word.split("-") if len(part) >= 3]
    return not is_everyday_word(key) and not everyday_words().intersection(parts)


def could_be_name(word: str) -> bool:
    """A word as typed that is a known name, or that no list holds and is spelt like a name."""
    if name_key(word) in known_names():
        return True
    return is_unlisted_word(word) and name_likeness().score(name_key(word)) >= NAME_LIKE_THRESHOLD
