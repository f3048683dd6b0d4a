"""PERSON: names in chat found with evidence, capitalised non-names left alone."""

from __future__ import annotations

import pytest


def _people(find, text):
    return [text[f.start : f.end] for f in find(text) if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Thanks Oluwaseun! Can you send the slides?", ["Oluwaseun"]),
        ("Ask Priya whether the Lagos warehouse can ship by Monday.", ["Priya"]),
        ("Reply to Dawn: yes we can move the call.", ["Dawn"]),
        ("Meeting with Grace de Vries moved to Thursday.", ["Grace de Vries"]),
        ("I had a call with Carlos Fernández and Hiroshi today.", ["Carlos Fernández", "Hiroshi"]),
        ("Loop in Maria and Kenji on the plan.", ["Maria", "Kenji"]),
        ("Bill to Emily Park, IBAN on file.", ["Emily Park"]),
        ("Make this less angry: Emily, this is the third time.", ["Emily"]),
        (
            "Contacts:\nSøren - (415) 867-5309\nOmar O'Brien - +44 20 7946 0321",
            ["Søren", "Omar O'Brien"],
        ),
        ("Draft a reply to Siobhan (siobhan@acme-corp.io) today.", ["Siobhan"]),
        ("Summarize the article by Kwame Mensah on vector search.", ["Kwame Mensah"]),
        ("Best regards,\nTariq\nSenior Account Manager", ["Tariq"]),
        ("commit 4f2a9c1\nAuthor: Kwame Volkov\nDate:   Tue Dec 1 10:02:11 2026", ["Kwame Volkov"]),
        ("Fix the retry loop\n\nSigned-off-by: Aiko Tanaka <aiko@acme.io>", ["Aiko Tanaka"]),
        ("Reporter: Fatima Okafor\nPriority: P2\nSummary: export stuck", ["Fatima Okafor"]),
        ("Can you add Priya Raghunathan to the on-call rotation?", ["Priya Raghunathan"]),
        ("Escalated by Colm Ó Briain from the finance team.", ["Colm Ó Briain"]),
    ],
)
def test_finds_names_in_chat(find, text, names):
    assert _people(find, text) == names


@pytest.mark.parametrize(
    "text",
    [
        "Does Jenkins or GitHub Actions handle matrix builds better?",
        "Compare Kafka and Grafana for our pipeline.",
        "Name: Unknown\nAuthor: Anonymous",
        "Assignee: Platform Team\nReporter: Unassigned",
        "Alexa keeps mishearing my timer requests.",
        "Mark the tickets as done once the upgrade lands.",
        "Bill the client for 12 hours and add the rush fee.",
        "Will the upgrade affect our grace period?",
        "Mock data: name 'John Doe', email on file.",
        "Explain Diffie-Hellman with Alice and Bob, and what Eve sees.",
        "Write a haiku about winter in Lyon.",
        "npm install fails with ERESOLVE, see the log",
        "Employee form\nName: \nPhone: +1 312-873-5018\nEmail: hr@acme-corp.io",
        "Suggest a team lunch for after Diwali.",
    ],
)
def test_skips_capitalised_non_names(find, text):
    assert _people(find, text) == []


def test_word_names_stay_names_where_used_as_names(find):
    assert _people(find, "Thanks Grace! Also ask Will about the runbook.") == [
        "Grace",
        "Will",
    ]


def test_other_spacy_entities_are_kept(find):
    kinds = {f.entity_type for f in find("Dr. Kenji Tanaka flew to Osaka on March 3rd, 2026.")}
    assert {"PERSON", "DATE_TIME"} <= kinds


def _places(find, text):
    return [text[f.start : f.end] for f in find(text) if f.entity_type == "LOCATION"]


@pytest.mark.parametrize(
    "text",
    [
        "retry_after_ms=1500 max_retries=5",
        "max_connections = 2796\nshared_buffers = 23GB",
        "Processed 943,568 rows in 50m12s.",
    ],
)
def test_code_units_and_sentence_openers_are_no_places(find, text):
    assert _places(find, text) == []


def test_places_stay_places(find):
    text = "She flew from London to Rio de Janeiro and St. John's."
    assert _places(find, text) == ["London", "Rio de Janeiro", "St. John's"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Kannst du das Protokoll mit Jonas Becker von heute zusammenfassen?", ["Jonas Becker"]),
        ("Translate the memo for Ingrid Solberg before Friday.", ["Ingrid Solberg"]),
        ('{"id": 7, "owner": "Kofi Mensah", "state": "open"}', ["Kofi Mensah"]),
    ],
)
def test_names_after_weak_cues_and_in_person_fields(find, text, names):
    assert _people(find, text) == names


@pytest.mark.parametrize(
    "text",
    [
        "Open Items: 4 left before the release",
        "Press Ctrl+K and choose Toggle Sidebar, then wait 3 seconds.",
        "Der Export ist fertig, bitte die Datei morgen prüfen.",
        "a1b2c3d Bump lodash from 4.17.20 to 4.17.21",
        "Translate the memo for Finance before Friday.",
    ],
)
def test_capitalised_words_without_name_evidence_are_nobody(find, text):
    assert _people(find, text) == []


def test_a_capitalised_status_is_no_place(find):
    assert _places(find, "Ticket OPS-12 moved to In Review, blocked by OPS-9.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Checksum: 5d41402abc4b2a76b9719d911017c592",
        "Action Items: Update Roadmap, Share Deck, Book Venue.",
    ],
)
def test_no_person_in_hashes_after_a_label_or_in_lists_of_actions(find, text):
    assert _people(find, text) == []


def test_products_are_no_places(find):
    assert _places(find, "Version 10.0.19045.3693 of Windows is installed.") == []


def test_one_word_in_another_language_is_a_person_only_as_a_given_name(find):
    assert _people(find, "Sehr geehrte Damen und Herren, anbei die Unterlagen zum Projekt.") == []


@pytest.mark.parametrize(
    "text",
    [
        "De build duurde 27 minuten langer dan gisteren.",
        "Lo siento, no puedo ayudar con eso ahora; inténtalo de nuevo en 25 minutos.",
        "C6H12O6 + 6 O2 -> 6 CO2 + 6 H2O, molar mass 180.16 g/mol",
    ],
)
def test_words_of_other_languages_and_terms_are_nobody(find, text):
    assert _people(find, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "ok so the Max Retries setting in the webhook config is 3 but we see 7 attempts",
        'is "Bill Run" supposed to kick off on the 1st or does Finance Ops trigger it?',
        "Product, Seats\nFigma Professional, 40\nCanva Teams, 60\nZoom Pro, 75",
        "Mar 11 03:12:45 worker-07 kernel: Out of memory: Killed process 20431 (python3)",
        "Hummus: 480 g drained chickpeas, 90 g tahini, juice of 2 lemons.",
        "any copy changes to Onboarding or Paywall need to land before Wednesday.",
    ],
)
def test_title_case_terms_months_and_single_unknown_words_are_nobody(find, text):
    assert _people(find, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "pls bump prio on the billing bug, its blocking release",
        "* chore(deps): bump axios from 1.5.1 to 1.6.0",
    ],
)
def test_a_common_word_then_an_unknown_one_is_no_lower_case_name(find, text):
    assert _people(find, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "- El Jefe de Proyecto enviará el cronograma actualizado",
        "La Direzione ha approvato il nuovo piano di reperibilità per il weekend.",
        "Ticket BUG-471 — prioridad alta, reproducible en 1.28.30",
    ],
)
def test_articles_and_phrases_of_other_languages_are_nobody(find, text):
    assert _people(find, text) == []


def test_a_surname_that_is_an_english_word_ends_a_name(find):
    text = "Summarize this thread for Dmitri Young. The migration is done."
    assert _people(find, text) == ["Dmitri Young"]


@pytest.mark.parametrize(
    "text",
    [
        "* fix(ui): tooltip clipping in Compact Mode",
        "Drag and Drop reorder not working in Kanban View on touch devices",
        "The daypack is available in Slate, Moss and Sand.",
        'returns "12,50 €" in CI, why',
    ],
)
def test_terms_after_in_are_no_places(find, text):
    assert _places(find, text) == []


def test_known_and_unknown_places_after_in_stay_places(find):
    text = "Our hub in Kigali ships to the depot in Bexley."
    assert _places(find, text) == ["Kigali", "Bexley"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("How do I politely tell Ms. Thapa the demo is pushed to next week?", ["Thapa"]),
        ("told Astrid I'd have the deck by noon, it's 11:40.", ["Astrid"]),
        (
            "Riassumi: secondo Avv. Di Stefano il fornitore non rispetterà la consegna.",
            ["Di Stefano"],
        ),
    ],
)
def test_titles_pronouns_after_a_name_and_surname_particles(find, text, names):
    assert _people(find, text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Nkechi Ferreira approved the rollout plan this morning.", ["Nkechi Ferreira"]),
        ("Kannst du Elif Ferreira fragen, ob der Release heute noch rausgeht?", ["Elif Ferreira"]),
        ("Je dois relancer Mme Qin pour la validation du budget.", ["Qin"]),
    ],
)
def test_unlisted_given_names_before_surnames_and_names_after_particles_or_titles(
    find, text, names
):
    assert _people(find, text) == names


@pytest.mark.parametrize(
    "text",
    [
        "Widget Pro Max now supports Offline Sync and Bulk Export.",
        "Kurze Frage, bitte prüfen:\nRelease 7.16.18 (build 4214) ships the new firmware.",
        "Even een vraag over één instelling:\nCatalogue entry, paperback, 312 pages.",
        "¿Esto está bien así?\nSet resources.limits to cpu: 233m and memory: 211Mi.",
        "juridiska vill ändra Clause 7.1 Termination for Convenience",
        "Bonjour, une question rapide :\nThe API moved to /v2/ on build 856.",
        "Hallo, kurze Frage:\nTicket AARY-1117 was reopened by the Infra On-Call.",
    ],
)
def test_products_and_other_language_openers_are_nobody(find, text):
    assert _people(find, text) == []
