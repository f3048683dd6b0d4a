"""Excel workbooks, sheet by sheet, with openpyxl in read-only (streaming) mode.

A sheet becomes lines of tab-separated cells, so a finding's offsets lead to its row and
column. Cells show their stored values (for formulas: the last computed result). Hidden
sheets are read too: hiding is not protection.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable

from openai_connector.extract.model import Budget, ExtractedText, ExtractionFailed, Segment, counted
from openai_connector.extract.ooxml import open_package

#: Rows between two looks at the clock.
_ROWS_PER_CHECK = 1_000


def extract_xlsx(data: bytes, budget: Budget) -> ExtractedText:
    """One segment per sheet with text, located ``sheet:<name>``."""
    import openpyxl

    open_package(data, budget.limits).close()  # directory checks before openpyxl inflates
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # style and extension warnings say nothing about text
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
        try:
            budget.check_parts(len(workbook.sheetnames), "sheets")
            cells = 0
            segments = []
            for sheet in workbook.worksheets:
                lines = []
                for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                    cells += len(row)
                    if cells > budget.limits.max_cells:
                        raise ExtractionFailed(
                            "too_large", f"more than {budget.limits.max_cells} cells"
                        )
                    if number % _ROWS_PER_CHECK == 0:
                        budget.check_time()
                    lines.append(budget.take(_row_text(row)))
                text = "\n".join(lines).rstrip("\n")
                if text.strip():
                    segments.append(Segment(f"sheet:{sheet.title}", text))
        finally:
            workbook.close()
    sheets = len(workbook.sheetnames)
    return ExtractedText("ok", tuple(segments), f"Excel workbook, {counted(sheets, 'sheet')}")


def _row_text(values: Iterable[object]) -> str:
    cells = ["" if value is None else str(value) for value in values]
    return "\t".join(cells).rstrip("\t")
