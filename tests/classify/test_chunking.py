"""Chunk windows cover the text and own disjoint parts of it."""

from __future__ import annotations

import pytest

from openai_connector.classify.chunking import chunk_text


@pytest.mark.parametrize("length", [0, 99, 100, 101, 250, 1_000, 1_234])
def test_every_position_owned_by_exactly_one_chunk(length):
    text = "".join(chr(ord("a") + index % 26) for index in range(length))
    chunks = chunk_text(text, size=100, overlap=20)

    for position in range(length):
        assert sum(chunk.owns(position) for chunk in chunks) == 1
    for chunk in chunks:
        assert text[chunk.offset : chunk.offset + len(chunk.text)] == chunk.text
        assert len(chunk.text) <= 100
    assert chunks[-1].offset + len(chunks[-1].text) == length


def test_short_spans_lie_whole_in_their_owning_chunk():
    text = "x" * 1_000
    chunks = chunk_text(text, size=100, overlap=20)
    for start in range(len(text) - 10):
        [owner] = [chunk for chunk in chunks if chunk.owns(start)]
        assert owner.offset <= start
        assert start + 10 <= owner.offset + len(owner.text)


def test_rejects_overlap_too_large():
    with pytest.raises(ValueError, match="overlap"):
        chunk_text("abc", size=100, overlap=50)
