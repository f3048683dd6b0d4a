"""Reconciliation counts every way a catalog can differ from the ground truth."""

from __future__ import annotations

from typing import Any

from openai_connector.simulator.reconcile import expected_file_status, reconcile
from openai_connector.simulator.truth import GroundTruth


def file(file_id: str, mime: str = "text/plain", expired: bool = False) -> dict[str, Any]:
    return {"id": file_id, "mime": mime, "expired": expired}


def truth() -> GroundTruth:
    return GroundTruth(
        "ws",
        "Workspace",
        "org",
        users=[{"id": "u1"}, {"id": "u2"}],
        conversations=[{"id": "c1"}],
        messages=[{"id": "m1"}, {"id": "m2"}, {"id": "m3"}],
        files=[file("f1"), file("f2", expired=True), file("f3", mime="image/png")],
    )


def exact_rows(ocr: bool) -> dict[str, list[dict[str, Any]]]:
    return {
        "messages": [{"message_id": m} for m in ("m1", "m2", "m3")],
        "conversations": [{"conversation_id": "c1"}],
        "files": [
            {"file_id": "f1", "status": "scanned"},
            {"file_id": "f2", "status": "expired"},
            {"file_id": "f3", "status": "scanned" if ocr else "unsupported"},
        ],
        "users": [{"user_id": "u1"}, {"user_id": "u2"}],
    }


def test_the_exact_truth_reconciles_with_nothing_off() -> None:
    for ocr in (True, False):
        result = reconcile(truth(), exact_rows(ocr), ocr=ocr)
        assert result.exact
        total = result.total
        assert (total.lost, total.duplicated, total.unexpected, total.wrong_status) == (0,) * 4
        assert result.describe() == ""
        assert result.entities["messages"].expected == result.entities["messages"].landed == 3


def test_lost_duplicated_and_unexpected_keys_are_counted_per_entity() -> None:
    rows = exact_rows(ocr=True)
    rows["messages"] = [{"message_id": m} for m in ("m1", "m1", "m1", "m4")]
    rows["users"] = []
    result = reconcile(truth(), rows, ocr=True)
    messages = result.entities["messages"]
    assert (messages.lost, messages.duplicated, messages.unexpected) == (2, 2, 1)
    assert messages.landed == 4
    assert result.entities["users"].lost == 2
    assert result.entities["conversations"].exact
    assert (result.total.lost, result.total.duplicated, result.total.unexpected) == (4, 2, 1)
    assert not result.exact
    assert result.describe() == (
        "messages: 2 lost, 2 duplicated, 1 unexpected, 0 wrong status; "
        "users: 2 lost, 0 duplicated, 0 unexpected, 0 wrong status"
    )


def test_a_file_with_another_status_than_expected_is_wrong() -> None:
    rows = exact_rows(ocr=False)
    rows["files"][1]["status"] = "scanned"  # an expired upload cannot have been read
    result = reconcile(truth(), rows, ocr=False)
    assert result.entities["files"].wrong_status == 1
    assert result.entities["files"].lost == 0
    assert not result.exact


def test_an_entity_left_out_counts_as_nothing_landed() -> None:
    result = reconcile(truth(), {}, ocr=True)
    assert result.total.lost == 2 + 1 + 3 + 3
    assert result.total.duplicated == result.total.unexpected == 0


def test_expected_status_follows_expiry_then_ocr() -> None:
    assert expected_file_status(file("f", "image/png", expired=True), ocr=False) == "expired"
    assert expected_file_status(file("f", "image/png"), ocr=False) == "unsupported"
    assert expected_file_status(file("f", "image/png"), ocr=True) == "scanned"
    assert expected_file_status(file("f", "application/pdf"), ocr=False) == "scanned"
