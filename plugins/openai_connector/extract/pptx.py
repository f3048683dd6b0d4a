"""PowerPoint presentations, slide by slide, with python-pptx.

A slide's text is its shapes' text (grouped shapes and table cells included) in reading
order of the file; speaker notes, often the wordiest part, are a segment of their own.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

from openai_connector.extract.model import Budget, ExtractedText, Segment, counted
from openai_connector.extract.ooxml import open_package


def extract_pptx(data: bytes, budget: Budget) -> ExtractedText:
    """Segments located ``slide:<n>`` and ``slide:<n>:notes``."""
    from pptx import Presentation

    open_package(data, budget.limits).close()  # directory checks before python-pptx inflates
    slides = Presentation(io.BytesIO(data)).slides
    budget.check_parts(len(slides), "slides")
    segments = []
    for number, slide in enumerate(slides, start=1):
        budget.check_time()
        texts = {f"slide:{number}": "\n".join(_shape_texts(slide.shapes))}
        notes = slide.notes_slide.notes_text_frame if slide.has_notes_slide else None
        if notes is not None:
            texts[f"slide:{number}:notes"] = notes.text
        for location, text in texts.items():
            if text.strip():
                segments.append(Segment(location, budget.take(text)))
    return ExtractedText(
        "ok", tuple(segments), f"PowerPoint presentation, {counted(len(slides), 'slide')}"
    )


def _shape_texts(shapes: Iterable[Any]) -> Iterator[str]:
    for shape in shapes:
        if getattr(shape, "shapes", None) is not None:  # a group
            yield from _shape_texts(shape.shapes)
        elif shape.has_text_frame:
            yield shape.text_frame.text
        elif getattr(shape, "has_table", False):
            for row in shape.table.rows:
                yield "\t".join(cell.text for cell in row.cells)
