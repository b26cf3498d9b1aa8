"""The film's title: a quoted phrase in title case, straight or curly, even mismatched."""

from __future__ import annotations

import re
from collections import Counter

from reviews.copydesk.names import is_title_case

_OPEN = "\"“”‘'’«"
_CLOSE = "\"“”’'‘»"
#: A quoted phrase: an opening quote after a space (never an apostrophe inside a word), a
#: phrase without quotes, an American comma or full stop inside, a closing quote.
QUOTED = re.compile(
    rf"(?:^|(?<=[\s(\[—–-]))[{_OPEN}](?P<title>[^{_OPEN}{_CLOSE}\n]{{1,120}}?)[.,!?]?"
    rf"[{_CLOSE}](?=[\s.,;:!?)\]—–-]|$)"
)
#: A clause that is only a quoted title: "“La La Land.”"
TITLE_CLAUSE = re.compile(rf"^[{_OPEN}](?P<title>[^{_OPEN}{_CLOSE}]+?)[.,]?[{_CLOSE}]\.?$")


def quoted_titles(text: str) -> list[str]:
    """The quoted phrases of a text that read as titles, in order."""
    titles = []
    for match in QUOTED.finditer(text):
        title = match["title"].strip()
        if is_title_case(title):
            titles.append(title)
    return titles


def likeliest_title(texts: list[str]) -> str | None:
    """The title quoted most often across ``texts``; the first one seen on a tie."""
    counted = Counter(title for text in texts for title in quoted_titles(text))
    if not counted:
        return None
    return max(counted, key=lambda title: counted[title])


def title_clause(clause: str) -> str | None:
    match = TITLE_CLAUSE.match(clause.strip())
    return match["title"].strip() if match and is_title_case(match["title"].strip()) else None
