"""The PII-breadth benchmark's generators, importable from tests (they live in bench/)."""

from __future__ import annotations

import sys
from pathlib import Path

# bench/ scripts import their siblings by plain name, as they run from that folder.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from breadth_corpus import broken_twin, generate, valid_number

__all__ = ["broken_twin", "generate", "valid_number"]
