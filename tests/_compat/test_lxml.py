"""Contract: lxml's parsed elements are of the aliased class."""

from __future__ import annotations

from lxml import etree

from openai_connector._compat.lxml import Element
from tests._compat.contract import contract


def test_parsed_and_pulled_elements_are_of_the_aliased_class() -> None:
    with contract("lxml", "lxml"):
        assert isinstance(etree.fromstring(b"<a><b/></a>"), Element)
        parser = etree.XMLPullParser(events=("end",))
        parser.feed(b"<a><b/></a>")
        assert all(isinstance(element, Element) for _, element in parser.read_events())
