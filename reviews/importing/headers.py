"""Column names by meaning: "Runtime (minutes)", "Length, mins", "Main genre", "Rated".

A header is compared as written first; then without what is in brackets, its units
("min", "minutes") and its qualifiers ("main", "primary", "US"), and with plurals made
singular. A column still not understood but whose values look like a known field's
("PG-13", "128 min") is named with the mapping that would take it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

#: Words of a header that say how a value is given, not what it is.
UNITS = {"min", "mins", "minute", "minutes", "m", "hr", "hrs", "hour", "hours", "h",
         "yyyy", "yyyy_mm_dd", "iso"}  # fmt: skip
#: Words of a header that narrow a field without changing it.
QUALIFIERS = {"main", "primary", "principal", "first", "original", "us", "usa", "u_s",
              "the", "of", "in", "film", "films", "movie", "movies", "list", "names", "name",
              "all", "official", "s"}  # fmt: skip
#: Share of a column's values that must look like a field's before it is suggested.
SUGGEST_SHARE = 0.8
SAMPLE = 200

_BRACKETS = re.compile(r"[(\[{][^)\]}]*[)\]}]")


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", name.strip().casefold()).strip("_")


def _singular(token: str) -> str:
    plural = len(token) > 3 and token.endswith("s") and not token.endswith("ss")
    return token[:-1] if plural else token


def meaning_keys(name: str) -> list[str]:
    """The keys a header may be known by, the plainest reading first."""
    bare = _key(_BRACKETS.sub(" ", name))
    tokens = [t for t in bare.split("_") if t and t not in UNITS and t not in QUALIFIERS]
    stripped = "_".join(tokens)
    singular = "_".join(_singular(t) for t in tokens)
    return list(dict.fromkeys(k for k in (_key(name), bare, stripped, singular) if k))


def field_by_meaning(name: str, known: dict[str, str]) -> str | None:
    """The importer's field for a header, read by meaning; None when it means none."""
    for key in meaning_keys(name):
        if key in known:
            return known[key]
    return None


def _share(values: list[str], test: Callable[[str], bool]) -> float:
    return sum(1 for value in values if test(value)) / len(values) if values else 0.0


def _is_rating(value: str) -> bool:
    from reviews.importing.normalising import parse_rating

    return parse_rating(value)[0] is not None


def _is_running_time(value: str) -> bool:
    """ "128 min", "2h 8m", "2:08": a bare "47m" may be millions, so it is not one."""
    pattern = r"\d{1,3}\s*(?:min|mins|minutes)\.?|\d\s*h(?:\s*\d{1,2}\s*m)?|\d:\d\d"
    return re.fullmatch(pattern, value, re.I) is not None


def _is_year(value: str) -> bool:
    return re.fullmatch(r"(?:18[7-9]\d|19\d\d|20\d\d)(?:\.0)?", value) is not None


_BY_VALUES = [("mpaa_rating", _is_rating), ("running_time", _is_running_time), ("year", _is_year)]


def suggest_field(values: Iterable[Any], taken: set[str]) -> str | None:
    """The field a column's values look like (most of them), when no column holds it yet."""
    sample = [str(v).strip() for v in values if v not in (None, "") and str(v).strip()][:SAMPLE]
    for name, test in _BY_VALUES:
        if name not in taken and _share(sample, test) >= SUGGEST_SHARE:
            return name
    return None
