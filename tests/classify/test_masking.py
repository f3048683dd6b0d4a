"""Masked previews never reveal a value; redaction replaces every span."""

from __future__ import annotations

import pytest

from openai_connector.classify import mask_email, mask_entity, mask_name, mask_value, redact_text
from openai_connector.classify.model import Finding


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("sk-proj-abcdefghijklmnopqrstuvwxyz0123x7Qa", "sk-p…x7Qa"),
        ("maria.garcia@acme-corp.io", "mari…p.io"),
        ("4111 1111 1111 1111", "411…111"),
        ("123-45-6789", "****"),
        ("John Smith", "****"),
        ("", "****"),
    ],
)
def test_mask_value(value, masked):
    assert mask_value(value) == masked


@pytest.mark.parametrize("length", range(1, 80))
def test_mask_value_reveals_at_most_a_third(length):
    value = "".join(chr(ord("a") + index % 26) for index in range(length))
    masked = mask_value(value)
    revealed = len(masked.replace("…", "")) if masked != "****" else 0
    assert masked != value
    assert revealed <= length / 3


def test_mask_value_is_single_line():
    masked = mask_value("-----BEGIN KEY-----\n" + "A" * 60 + "\n-----END KEY-----")
    assert "\n" not in masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("chloe.martin@Acme-Corp.io", "c…@acme-corp.io"),
        ("chloe@gmail.com", "c…@gmail.com"),
        ("x@acme.com", "x…@acme.com"),
        ("not-an-address-at-all", "not…all"),
        ("@acme.com", "****"),
    ],
)
def test_mask_email_hides_the_local_part_and_keeps_the_domain(value, masked):
    assert mask_email(value) == masked


def test_internal_and_external_addresses_stay_apart():
    assert mask_email("chloe@acme.com") != mask_email("chloe@gmail.com")


@pytest.mark.parametrize(
    ("value", "masked"),
    [("Olga Kowalska", "O… K…"), ("Bo Li", "B… L…"), ("Jean-Luc  Picard\n", "J… P…"), ("", "****")],
)
def test_mask_name_has_one_shape_for_short_and_long_names(value, masked):
    assert mask_name(value) == masked


def test_mask_entity_shapes_emails_and_names_only():
    assert mask_entity("EMAIL_ADDRESS", "bob.jones@acme.com") == "b…@acme.com"
    assert mask_entity("PERSON", "Bob Jones") == "B… J…"
    assert mask_entity("US_SSN", "123-45-6789") == mask_value("123-45-6789")


def _span(entity: str, start: int, end: int) -> Finding:
    return Finding("id", "message", "m", entity, 0.9, start, end, "****", "test", "medium")


def test_redact_text_replaces_spans():
    text = "mail bob@acme-corp.io or call 555-0100 now"
    spans = [_span("PHONE_NUMBER", 30, 38), _span("EMAIL_ADDRESS", 5, 21)]
    assert redact_text(text, spans) == "mail <EMAIL_ADDRESS> or call <PHONE_NUMBER> now"


def test_redact_text_merges_overlaps_under_most_severe_label():
    text = "db postgres://u:s3cret@db.acme-corp.io end"
    spans = [_span("EMAIL_ADDRESS", 16, 38), _span("PASSWORD", 16, 22), _span("URL", 23, 38)]
    assert redact_text(text, spans) == "db postgres://u:<PASSWORD> end"


def test_redact_text_keeps_adjacent_spans_apart_and_handles_edges():
    text = "AB"
    assert redact_text(text, [_span("PERSON", 0, 1), _span("LOCATION", 1, 2)]) == (
        "<PERSON><LOCATION>"
    )
    assert redact_text("plain", []) == "plain"
