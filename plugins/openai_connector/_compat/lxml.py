"""lxml's element type, for annotations.

Every element lxml parses is an ``lxml.etree._Element``; lxml documents the class under
that name and exports no public alias (``ElementBase`` is only the base of custom element
classes).
"""

from __future__ import annotations

from typing import TypeAlias

from lxml import etree

Element: TypeAlias = etree._Element
"""``lxml.etree._Element``: the class of every parsed element."""
