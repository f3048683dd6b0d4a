"""Importing the extraction package loads none of the document libraries."""

from __future__ import annotations

import json
import subprocess
import sys

DOCUMENT_LIBRARIES = {"pypdf", "docx", "openpyxl", "pptx", "lxml", "PIL", "charset_normalizer"}


def test_import_loads_no_document_library() -> None:
    """Checked in a fresh interpreter, so nothing another test imported can hide it."""
    code = (
        "import json, sys, openai_connector.extract\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert DOCUMENT_LIBRARIES & loaded == set()
