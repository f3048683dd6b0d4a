"""Images: OCR through tesseract when it is installed, a clear status when it is not."""

from __future__ import annotations

import shutil
import sys

import pytest

from openai_connector.extract import ExtractLimits, extract_text

from .documents import AWS_KEY, EMAIL, located_findings, png_bytes

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="the tesseract binary is not installed"
)


@pytest.fixture
def fake_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in binary that is not tesseract: it fails on tesseract's arguments."""
    monkeypatch.setattr(shutil, "which", lambda _name: sys.executable)


@needs_tesseract
def test_ocr_reads_planted_values_from_a_screenshot() -> None:
    extracted = extract_text(
        "screenshot.png", "image/png", png_bytes([f"Contact: {EMAIL}", f"Key: {AWS_KEY}"])
    )
    assert extracted.status == "ok", extracted.detail
    assert extracted.detail == "image 1400x240, OCR by tesseract"
    assert {("image", "EMAIL_ADDRESS", EMAIL), ("image", "AWS_ACCESS_KEY_ID", AWS_KEY)} <= (
        located_findings(extracted)
    )


@needs_tesseract
def test_ocr_gets_the_remaining_time_as_its_timeout() -> None:
    extracted = extract_text("slow.png", None, png_bytes(["x"]), ExtractLimits(max_seconds=0))
    assert (extracted.status, extracted.detail) == ("timeout", "OCR took longer than 0s")


def test_without_tesseract_images_are_unsupported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    extracted = extract_text("screenshot.png", "image/png", png_bytes(["hello"]))
    assert (extracted.status, extracted.detail) == ("unsupported", "OCR needs tesseract")


@pytest.mark.usefixtures("fake_tesseract")
def test_images_too_large_to_decode_are_refused_before_ocr() -> None:
    limits = ExtractLimits(max_pixels=1000)
    extracted = extract_text("big.png", None, png_bytes(["x"], size=(100, 20)), limits)
    assert (extracted.status, extracted.detail) == ("too_large", "100x20 pixels exceed 1000")


@pytest.mark.usefixtures("fake_tesseract")
def test_unreadable_image_is_corrupt() -> None:
    extracted = extract_text("broken.png", None, png_bytes(["x"])[:40])
    assert (extracted.status, extracted.detail) == ("corrupt", "not an image Pillow can read")


@pytest.mark.usefixtures("fake_tesseract")
def test_failing_ocr_is_corrupt_with_its_reason() -> None:
    extracted = extract_text("shot.png", None, png_bytes(["x"], size=(60, 30)))
    assert extracted.status == "corrupt"
    assert extracted.detail.startswith("OCR failed: ")
