"""The client package stays cheap to import: DAG parsing, the hook and the CLI all load it."""

from __future__ import annotations

import subprocess
import sys


def test_import_does_not_load_heavy_libraries() -> None:
    code = (
        "import sys, openai_connector.api\n"
        "heavy = {'presidio_analyzer', 'spacy', 'pandas', 'pyarrow', 'pyiceberg', 'airflow'}\n"
        "print(sorted(heavy & {name.split('.')[0] for name in sys.modules}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
