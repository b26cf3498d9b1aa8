"""The facts line: "R. At the Avalon. Contains violence. 1 hour 52 minutes." piece by piece.

Each rule reads one clause and answers the film field it gives and its value, or None.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reviews.copydesk.sentences import bare
from reviews.copydesk.titles import title_clause
from reviews.models import MPAARating

#: A running time outside this many minutes is not read as one (a misprint, or no film).
PLAUSIBLE_MINUTES = (1, 600)

_RATINGS = {
    "G": MPAARating.G,
    "PG": MPAARating.PG,
    "PG-13": MPAARating.PG_13,
    "R": MPAARating.R,
    "NC-17": MPAARating.NC_17,
    "NR": MPAARating.NOT_RATED,
    "NOT RATED": MPAARating.NOT_RATED,
    "UNRATED": MPAARating.NOT_RATED,
}
_RATING = re.compile(
    r"^(?:Rated\s+)?(?P<rating>G|PG|PG-13|PG13|R|NC-17|NC17|NR|not rated|unrated)$", re.I
)
_HOURS = r"(?:hours?|hrs?\.?|h)"
_MINUTES = r"(?:minutes?|mins?\.?|m)"
_RUNNING_TIME = re.compile(
    rf"^(?:running time:?\s*)?(?:(?P<h>\d{{1,2}})\s*{_HOURS})?\s*(?:,|and)?\s*"
    rf"(?:(?P<m>\d{{1,3}})\s*{_MINUTES})?$",
    re.I,
)
_WHERE = re.compile(
    r"^(?:At|Available (?:on|to stream on|to rent)|Streaming on|On|Opens|Playing at|"
    r"In (?:area |select |limited |local )?(?:theaters|theatres|release|cinemas))\b.+",
)
_ADVISORY = re.compile(r"^(?:Contains|Includes|Suitable for)\b.+")
_LANGUAGE = re.compile(
    r"^In [A-Z][a-z]+(?:(?:,\s*|\s+and\s+)[A-Z][a-z]+)*"
    r"(?:\s+with\s+(?:English\s+)?subtitles)?$"
)
_STAR_SIGNS = re.compile(r"^(?P<full>★{0,4})(?P<half>½)?☆*$")
_STAR_WORDS = re.compile(
    r"^(?:Rating:\s*)?(?P<n>[0-4])(?P<half>½|\.5| and a half)?\s+stars?"
    r"(?:\s+(?:out\s+)?of\s+(?:4|four))?$",
    re.I,
)
_DISTRIBUTOR = re.compile(r"^(?:Released|Distributed) by\s+(?P<name>.+)$", re.I)


def rating(clause: str) -> tuple[str, object] | None:
    match = _RATING.match(bare(clause))
    if not match:
        return None
    key = match["rating"].upper().replace("PG13", "PG-13").replace("NC17", "NC-17")
    if key in {"G", "PG", "R"} and match["rating"] != key:
        return None  # "r." or "pg" in lower case is a word, not a rating
    return "mpaa_rating", _RATINGS[key]


def running_time(clause: str) -> tuple[str, object] | None:
    match = _RUNNING_TIME.match(bare(clause))
    if not match or not (match["h"] or match["m"]):
        return None
    minutes = int(match["h"] or 0) * 60 + int(match["m"] or 0)
    low, high = PLAUSIBLE_MINUTES
    return ("running_time", minutes) if low <= minutes <= high else None


def _as_printed(pattern: re.Pattern, field: str) -> Callable[[str], tuple[str, object] | None]:
    def rule(clause: str) -> tuple[str, object] | None:
        text = bare(clause)
        return (field, text) if pattern.match(text) else None

    rule.__name__ = field
    return rule


def stars(clause: str) -> tuple[str, object] | None:
    """The review's star rating: "★★★½", "☆☆☆☆", "3½ stars", "3 stars out of four"."""
    text = bare(clause)
    if text and (match := _STAR_SIGNS.match(text)):
        return "stars", f"{len(match['full']) + (0.5 if match['half'] else 0):.1f}"
    if match := _STAR_WORDS.match(text):
        value = int(match["n"]) + (0.5 if match["half"] else 0)
        return ("stars", f"{value:.1f}") if value <= 4 else None
    return None


def title(clause: str) -> tuple[str, object] | None:
    found = title_clause(clause)
    return ("title", found) if found else None


def distributor(clause: str) -> tuple[str, object] | None:
    match = _DISTRIBUTOR.match(bare(clause))
    return ("distributor", match["name"].strip()) if match else None


#: The rules in the order they are tried; language before where ("In French" is no place).
RULES = [
    stars,
    title,
    rating,
    running_time,
    _as_printed(_LANGUAGE, "language"),
    _as_printed(_ADVISORY, "content_advisory"),
    _as_printed(_WHERE, "where_playing"),
    distributor,
]


def fact_in(clause: str) -> tuple[str, object] | None:
    """The film field a clause of a facts line gives, and its value; None for other text."""
    for rule in RULES:
        found = rule(clause)
        if found:
            return found
    return None
