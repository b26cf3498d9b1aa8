"""Captions: a short paragraph ending in its credit line in parentheses.

"Maria Rossi as the ferry pilot Ada. (Tom Baker/Northlight Pictures)" · "The harbor at
dawn. (Northlight Pictures)" · "A crowded market scene. ( / Northlight Pictures)".
"""

from __future__ import annotations

import re

#: A caption longer than this is a paragraph that happens to end in parentheses.
MAX_CAPTION_WORDS = 60

_CAPTION = re.compile(r"^(?P<caption>.+?[.!?\"”’])\s*\((?P<credit>[^()]{1,160})\)$")
_TRAILER = re.compile(r"\btrailers?\b", re.I)


def credit_line(raw: str) -> str:
    """A credit as printed, its empty parts dropped: " / Northlight" -> "Northlight"."""
    parts = [" ".join(part.split()) for part in raw.split("/")]
    return "/".join(part for part in parts if part)


def caption_of(text: str) -> tuple[str, str] | None:
    """``(caption, credit line)`` when a paragraph is a caption, else None."""
    match = _CAPTION.match(text.strip())
    if not match:
        return None
    caption, credit = match["caption"].strip(), credit_line(match["credit"])
    if not re.search(r"[^\W\d_]", credit) or len(caption.split()) > MAX_CAPTION_WORDS:
        return None
    if credit.endswith(".") or len(credit.split()) > 12:
        return None
    return caption, credit


def is_trailer(caption: str) -> bool:
    return _TRAILER.search(caption) is not None
