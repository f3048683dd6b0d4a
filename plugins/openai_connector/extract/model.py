"""What extraction returns, the limits it works within, and how it gives up.

Every outcome is a value, never an exception for the caller: a file that is too big, broken,
locked or slow is recorded with a status and a reason, and the run goes on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

from openai_connector.errors import OpenAIConnectorError

ExtractStatus = Literal["ok", "unsupported", "too_large", "corrupt", "encrypted", "timeout"]


@dataclass(frozen=True, slots=True)
class ExtractLimits:
    """Bounds on the work one file may cause; defaults suit an Airflow worker.

    - ``max_bytes``: input size; also the download cap, so both agree.
    - ``max_parts``: pages, sheets or slides of one document.
    - ``max_cells``: spreadsheet cells over all sheets.
    - ``max_members``: entries of an Office (zip) package.
    - ``max_unzipped_bytes``: total declared size of a package's members, checked before
      anything is inflated.
    - ``max_ratio``: inflated/compressed size of any member larger than ``ratio_floor`` bytes
      (zip bombs reach ratios in the thousands; real documents stay far below the default).
    - ``max_chars``: characters extracted from one file.
    - ``max_seconds``: wall time for one file, checked between pages/sheets/slides/chunks and
      given to OCR as its subprocess timeout.
    - ``max_pixels``: image size handed to OCR (a small PNG can decode to gigabytes).
    """

    max_bytes: int = 50 * 2**20
    max_parts: int = 1_000
    max_cells: int = 2_000_000
    max_members: int = 5_000
    max_unzipped_bytes: int = 256 * 2**20
    max_ratio: int = 200
    ratio_floor: int = 2**20
    max_chars: int = 10_000_000
    max_seconds: float = 120.0
    max_pixels: int = 50_000_000


@dataclass(frozen=True, slots=True)
class Segment:
    """Text from one place in a file; ``location`` (``page:3``, ``sheet:Customers``,
    ``slide:2``, ``part:body``; ``None`` for a plain-text file) is what findings point at."""

    location: str | None
    text: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class ExtractedText:
    """Result of extraction; ``detail`` says what was read, or why nothing was."""

    status: ExtractStatus
    segments: tuple[Segment, ...] = ()
    detail: str = ""

    @property
    def char_count(self) -> int:
        return sum(len(segment.text) for segment in self.segments)


def counted(number: int, noun: str) -> str:
    """``1 page``, ``3 pages``: for details people read."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


class ExtractionFailed(OpenAIConnectorError):
    """Stops one file's extraction with a status; ``extract_text`` turns it into a result."""

    def __init__(self, status: ExtractStatus, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


class Budget:
    """What one file's extraction may still spend: characters, parts and wall time."""

    def __init__(self, limits: ExtractLimits) -> None:
        self.limits = limits
        self._deadline = time.monotonic() + limits.max_seconds
        self._chars = 0

    def remaining_seconds(self) -> float:
        return max(0.0, self._deadline - time.monotonic())

    def check_time(self) -> None:
        if time.monotonic() >= self._deadline:
            raise ExtractionFailed(
                "timeout", f"extraction took longer than {self.limits.max_seconds:g}s"
            )

    def check_parts(self, count: int, unit: str) -> None:
        if count > self.limits.max_parts:
            raise ExtractionFailed(
                "too_large", f"{count} {unit} exceed the limit of {self.limits.max_parts}"
            )

    def take(self, text: str) -> str:
        """Count text against the character limit as it is read (and check the clock)."""
        self._chars += len(text)
        if self._chars > self.limits.max_chars:
            raise ExtractionFailed("too_large", f"more than {self.limits.max_chars} chars of text")
        self.check_time()
        return text
