"""The classification cap: how much of one object's texts is analysed, and which were cut."""

from __future__ import annotations

import pytest

from openai_connector.classify.cap import cap_items
from openai_connector.classify.config import DEFAULT_MAX_CHARS, max_object_chars
from openai_connector.classify.model import TextItem
from openai_connector.settings import MAX_CHARS_ENV


def page(object_id: str, number: int, text: str) -> TextItem:
    return TextItem("file", object_id, text, location=f"page:{number}")


def test_an_objects_pages_share_one_budget_and_later_pages_drop() -> None:
    items = [
        page("f1", 1, "a" * 6),
        page("f2", 1, "b" * 3),
        page("f1", 2, "c" * 6),
        page("f1", 3, "d" * 6),
    ]
    capped = cap_items(items, 10)
    assert [(i.object_id, i.location, i.text) for i in capped.items] == [
        ("f1", "page:1", "a" * 6),
        ("f2", "page:1", "b" * 3),
        ("f1", "page:2", "c" * 4),  # the start of the text is kept: offsets stay valid
    ]
    assert capped.cut == {"f1": ("file", 18)}


def test_texts_within_the_cap_pass_untouched() -> None:
    items = [TextItem("message", "m1", "x" * 10), TextItem("message", "m2", "")]
    capped = cap_items(items, 10)
    assert capped.items == items
    assert capped.cut == {}


def test_the_cap_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MAX_CHARS_ENV, raising=False)
    assert max_object_chars() == DEFAULT_MAX_CHARS
    monkeypatch.setenv(MAX_CHARS_ENV, "5000")
    assert max_object_chars() == 5000
    for bad in ("0", "-3", "lots"):
        monkeypatch.setenv(MAX_CHARS_ENV, bad)
        with pytest.raises(ValueError, match=f"{MAX_CHARS_ENV} must be a positive whole number"):
            max_object_chars()
    with pytest.raises(ValueError, match="max_chars must be at least 1"):
        cap_items([], 0)
