"""Text out of the files users upload and attach to GPTs and projects, within limits.

Plain text, PDF, Word, Excel, PowerPoint and (with tesseract) images become text segments
that say where in the file they come from, so findings point at a page, sheet or slide.
Importing this package is cheap: pypdf, openpyxl, python-pptx, lxml and Pillow load on use.
"""

from openai_connector.extract.extractor import extract_text
from openai_connector.extract.model import ExtractedText, ExtractLimits, ExtractStatus, Segment

__all__ = ["ExtractLimits", "ExtractStatus", "ExtractedText", "Segment", "extract_text"]
