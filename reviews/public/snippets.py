"""A review body as text for search: indexed (SQLite), snippeted, and highlighted safely.

Paragraphs must not run together in a snippet ("see it.Paragraph 2"), so every block
boundary becomes a space, with a full stop where the block did not end a sentence (a
heading, a list item). The same steps exist twice: ``plain_text`` in Python (the SQLite
triggers call it as ``reviews_plain_text``) and ``PlainText`` in SQL, for PostgreSQL's
ts_headline; tests/test_search_scale.py checks that they agree.
"""

import html
import re

from django.db.models import Func, TextField
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Markers that cannot occur in escaped text (plain_text removes them from the body and
# clean_query from the query); swapped for <mark> after escaping.
START, STOP = "\x02", "\x03"
#: Line breaks and tabs become spaces; the markers go.
_SPACES = {**dict.fromkeys(map(ord, "\t\n\r\f\v"), " "), ord(START): None, ord(STOP): None}

_BLOCK_TAG = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|blockquote|div|br|hr)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_RUN = re.compile(r"  +")
_UNENDED = re.compile(r"(\w) ?\n")
_BREAK = re.compile(r" ?\n[ \n]*")
_LETTERS = re.compile(r"\W+")


def plain_text(body: str | None) -> str:
    """The body's text, one space between words and between blocks, entities decoded."""
    text = _TAG.sub("", _BLOCK_TAG.sub("\n", (body or "").translate(_SPACES)))
    text = _UNENDED.sub(r"\1.\n", _RUN.sub(" ", text))
    return html.unescape(_BREAK.sub(" ", text).strip(" "))


class PlainText(Func):
    """``plain_text`` in PostgreSQL, entities left for ``html.unescape`` after ts_headline.
    (Each regular expression matches rarely: replacing every space is what costs.)"""

    output_field = TextField()
    template = (
        "btrim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace("
        r"translate(%(expressions)s, E'\t\n\r\f\x0b\x02\x03', '     '),"
        r" '</?(p|h[1-6]|li|ul|ol|blockquote|div|br|hr)\y[^>]*>', E'\n', 'gi'),"
        " '<[^>]*>', '', 'g'),"
        " '  +', ' ', 'g'),"
        r" '(\w) ?\n', E'\\1.\n', 'g'),"
        r" ' ?\n[ \n]*', ' ', 'g'), ' ')"
    )


def highlight(marked: str) -> SafeString:
    """Escape a snippet whose matches are wrapped in the private markers, then mark them."""
    escaped = escape(marked)
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))


def _letters(text: str) -> str:
    return _LETTERS.sub("", text.replace(START, "").replace(STOP, "")).casefold()


def mark_cuts(snippet: str, body: str) -> str:
    """An ellipsis where PostgreSQL's snippet starts or stops inside the text, so a reader
    sees it is an excerpt (SQLite's snippet() adds its own). Compared on letters and digits
    only, so a difference in spacing or punctuation cannot add a false ellipsis."""
    plain = _letters(snippet)
    if not plain:
        return snippet
    text = _letters(html.unescape(_TAG.sub("", body)))  # letters only: tags are all it needs
    if not text.startswith(plain):
        snippet = "…" + snippet.lstrip()
    if not text.endswith(plain):
        snippet = snippet.rstrip() + "…"
    return snippet


def opening(body: str, words: int = 30) -> str:
    """The first words of the body, for a result that matched on its film, not its text."""
    text = plain_text(body).split(" ")
    return " ".join(text[:words]) + ("…" if len(text) > words else "")
