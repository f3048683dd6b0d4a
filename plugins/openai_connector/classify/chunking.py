"""Splitting long texts into overlapping windows that each own a disjoint part.

spaCy refuses texts beyond ``max_length`` and a 10 MB file would be slow and memory
hungry as one document. Windows overlap; each owns the positions from the middle of the
overlap with its predecessor to the middle of the overlap with its successor. A finding
is kept only by the window that owns its start, so none is reported twice, and any
finding up to ``overlap // 2`` characters long lies whole inside that window.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Chunk:
    """A window of a text: ``offset`` maps local positions back to the original."""

    offset: int
    text: str = field(repr=False)
    own_start: int
    own_end: int

    def owns(self, position: int) -> bool:
        """Whether a finding starting at this original-text position belongs here."""
        return self.own_start <= position < self.own_end


def chunk_text(text: str, size: int, overlap: int) -> list[Chunk]:
    """Cut ``text`` into windows of at most ``size`` chars overlapping by ``overlap``."""
    if not 0 <= overlap < size // 2:
        raise ValueError(f"overlap must be in [0, size/2), got {overlap} for size {size}")
    if len(text) <= size:
        return [Chunk(offset=0, text=text, own_start=0, own_end=len(text))]
    step = size - overlap
    offsets = list(range(0, len(text) - overlap, step))
    chunks = []
    for index, offset in enumerate(offsets):
        is_last = index == len(offsets) - 1
        own_start = 0 if index == 0 else offset + overlap // 2
        own_end = len(text) if is_last else offsets[index + 1] + overlap // 2
        chunks.append(
            Chunk(
                offset=offset,
                text=text[offset : offset + size],
                own_start=own_start,
                own_end=own_end,
            )
        )
    return chunks
