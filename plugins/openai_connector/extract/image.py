"""Images through OCR, when the ``tesseract`` binary is installed (status ``unsupported``
otherwise): screenshots of consoles and photos of whiteboards do hold credentials.

Pillow reads only the header first, so an image that would decode to gigabytes is refused
before tesseract sees it; tesseract runs with one thread and the file's remaining time
budget as its timeout.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess

from openai_connector.extract.model import Budget, ExtractedText, ExtractionFailed, Segment

OCR_LOCATION = "image"


def extract_image(data: bytes, budget: Budget) -> ExtractedText:
    """The recognised text as one segment located ``image``."""
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        raise ExtractionFailed("unsupported", "OCR needs tesseract")
    width, height = _dimensions(data)
    if width * height > budget.limits.max_pixels:
        raise ExtractionFailed(
            "too_large", f"{width}x{height} pixels exceed {budget.limits.max_pixels}"
        )
    try:
        result = subprocess.run(
            [tesseract, "stdin", "stdout"],
            input=data,
            capture_output=True,
            timeout=budget.remaining_seconds(),
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ExtractionFailed(
            "timeout", f"OCR took longer than {budget.limits.max_seconds:g}s"
        ) from None
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExtractionFailed("corrupt", f"OCR failed: {reason[-1] if reason else 'no reason'}")
    text = budget.take(result.stdout.decode("utf-8", "replace").strip())
    segments = (Segment(OCR_LOCATION, text),) if text else ()
    return ExtractedText("ok", segments, f"image {width}x{height}, OCR by tesseract")


def _dimensions(data: bytes) -> tuple[int, int]:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except Image.DecompressionBombError:
        raise ExtractionFailed("too_large", "image decodes to too many pixels") from None
    except UnidentifiedImageError:
        raise ExtractionFailed("corrupt", "not an image Pillow can read") from None
