"""Capping how much of one object's text is classified.

An object's texts (a message, or a file's pages in order) are classified up to a number of
characters in total; what lies beyond is not analysed at all. The caller learns which objects
were cut, and how long their text was, so it can mark them: "no findings" past the cap means
"not looked at", never "clean".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from openai_connector.classify.model import TextItem


@dataclass
class CappedItems:
    """The items to classify, and ``cut``: the id of each cut object → its object type and
    full text length."""

    items: list[TextItem] = field(default_factory=list)
    cut: dict[str, tuple[str, int]] = field(default_factory=dict)


def cap_items(items: Iterable[TextItem], max_chars: int) -> CappedItems:
    """``items`` with each object's texts cut to ``max_chars`` characters in total.

    Offsets of findings in a cut text still index the original, since only its end goes.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, got {max_chars}")
    capped = CappedItems()
    used: dict[str, int] = {}
    for item in items:
        seen = used.get(item.object_id, 0)
        used[item.object_id] = seen + len(item.text)
        room = max_chars - seen
        if len(item.text) <= room:
            capped.items.append(item)
            continue
        capped.cut[item.object_id] = (item.object_type, 0)
        if room > 0:
            capped.items.append(dataclasses.replace(item, text=item.text[:room]))
    for object_id, (object_type, _) in capped.cut.items():
        capped.cut[object_id] = (object_type, used[object_id])
    return capped
