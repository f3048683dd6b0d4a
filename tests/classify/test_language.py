"""Which language a text is in, from word frequencies of English and sixteen others."""

from __future__ import annotations

import pytest

from openai_connector.classify.recognizers.language import (
    in_other_language,
    is_other_language_function_word,
    is_other_language_word,
)


@pytest.mark.parametrize(
    "text",
    [
        "Ticket BUG-471 — prioridad alta, reproducible en 1.28.30",
        "Rechnung ORD-2024/12345 ist seit 5 Tagen überfällig.",
        "Jutro o 10 mamy spotkanie w sprawie faktury",
        "Tolong cek invoice bulan ini sebelum besok",
        "Mötet är flyttat till torsdag, kan du uppdatera rapporten?",
        "Toplant\u0131 yar\u0131n saat 10'da, l\u00fctfen raporu haz\u0131rlay\u0131n",  # Turkish
    ],
)
def test_texts_in_other_languages(text):
    assert in_other_language(text)


@pytest.mark.parametrize(
    "text",
    [
        "Please ask Lucía Fernández to call back tomorrow",
        "the product may die if you wear a hat",  # "die" and "hat" are German words too
        "pls bump prio on the billing bug, its blocking release",
        "for (let i = 0; i < 5; i++) { total += items[i].price; }",
        "",
    ],
)
def test_english_texts_and_code(text):
    assert not in_other_language(text)


def test_function_words_of_other_languages_but_no_given_names():
    assert all(map(is_other_language_function_word, ["Lo", "Und", "La", "per"]))
    assert not any(map(is_other_language_function_word, ["Kim", "Ana", "Tom", "Maria", "the"]))


def test_words_of_other_languages_in_any_case():
    assert all(map(is_other_language_word, ["Jefe", "direzione", "und"]))
    assert not any(map(is_other_language_word, ["release", "deploy", "kubectl"]))
