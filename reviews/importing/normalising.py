"""From the raw values of one row to a ``FilmRecord`` the writer can trust.

A value that cannot be read rejects its row with a ``FieldError`` naming the field; an
MPAA rating outside our choices is only reported, and the rest of the row is kept.
An empty value (or null, "N/A", "TBA") means "this file does not know", never "erase".
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import math
import re
from dataclasses import dataclass, field
from typing import Any

from dateutil import parser as date_parser
from django.utils import timezone
from django.utils.text import slugify

from reviews.importing.errors import FieldError
from reviews.importing.reading import RawRow
from reviews.models import CreditRole, Film, Genre, MPAARating, Person
from reviews.models.credits import Credit
from reviews.models.films import YEAR_RANGE

NULLS = {"", "null", "none", "nil", "n/a", "na", "nan", "\\n", "-", "–", "—", "tba", "tbd", "?"}
TEXT_FIELDS = ("distributor", "content_advisory", "where_playing", "language", "synopsis")
CREW_FIELDS = {
    "directors": CreditRole.DIRECTOR,
    "screenwriters": CreditRole.SCREENWRITER,
    "producers": CreditRole.PRODUCER,
    "composers": CreditRole.COMPOSER,
    "editors": CreditRole.EDITOR,
    "cinematographers": CreditRole.CINEMATOGRAPHER,
}
#: Flagged (never rejected): a year further ahead than this, a film longer than this, or one
#: dated before the first films were shown.
FUTURE_YEARS = 5
LONGEST_MINUTES = 600
FIRST_FILMS_YEAR = 1888
NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}

_RATINGS = {
    "G": MPAARating.G,
    "PG": MPAARating.PG,
    "PG13": MPAARating.PG_13,
    "R": MPAARating.R,
    "NC17": MPAARating.NC_17,
    "NR": MPAARating.NOT_RATED,
    "NOTRATED": MPAARating.NOT_RATED,
    "UNRATED": MPAARating.NOT_RATED,
}
_MINUTES = r"(?:m|min|mins|minute|minutes)\.?"
_HOURS = r"(?:h|hr|hrs|hour|hours)\.?"
_RUNNING_TIME = re.compile(
    rf"^(?:(?P<h>\d+)\s*{_HOURS})?\s*,?\s*(?:(?P<m>\d+)\s*{_MINUTES})?$", re.IGNORECASE
)
_CLOCK = re.compile(r"^(?P<h>\d+):(?P<m>\d{2})(?::\d{2})?$")
_ISO_DURATION = re.compile(r"^PT(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:\d+S)?$", re.IGNORECASE)


@dataclass(frozen=True)
class CreditSpec:
    name: str
    role: str
    character: str = ""
    job: str = ""

    @property
    def person_slug(self) -> str:
        return person_slug(self.name)


@dataclass
class FilmRecord:
    """What one row says about one film; ``None`` for what it does not say."""

    row: int
    title: str
    external_id: str | None = None
    year: int | None = None
    release_date: datetime.date | None = None
    mpaa_rating: str | None = None
    running_time: int | None = None
    distributor: str | None = None
    content_advisory: str | None = None
    where_playing: str | None = None
    language: str | None = None
    synopsis: str | None = None
    genres: list[str] = field(default_factory=list)
    credits: list[CreditSpec] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def fallback_slug(prefix: str, name: str) -> str:
    """A stable slug for a name slugify cannot spell in ASCII (e.g. 是枝裕和)."""
    return f"{prefix}-{hashlib.sha1(name.encode()).hexdigest()[:10]}"


@functools.lru_cache(maxsize=65536)
def person_slug(name: str) -> str:
    return slugify(name)[: max_length(Person, "slug")] or fallback_slug("person", name)


def genre_slug(name: str) -> str:
    return slugify(name)[: max_length(Genre, "slug")] or fallback_slug("genre", name)


def text(value: Any, name: str, *, collapse: bool = True) -> str | None:
    """A value as text: numbers become their digits, lists are joined, nulls are None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = int(value) if value.is_integer() else value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        parts = [text(item, name) for item in value]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, dict):
        raise FieldError(name, "expected text, found an object")
    cleaned = " ".join(str(value).split()) if collapse else str(value).strip()
    return None if cleaned.casefold() in NULLS else cleaned


def limited(value: str | None, name: str, limit: int) -> str | None:
    if value is not None and len(value) > limit:
        raise FieldError(name, f"longer than {limit} characters ({len(value)})")
    return value


def parse_year(value: Any, name: str = "year") -> int | None:
    raw = text(value, name)
    if raw is None:
        return None
    if not re.fullmatch(r"\d{4}(?:\.0+)?", raw):
        raise FieldError(name, f'cannot read "{raw}" as a year')
    return plausible_year(int(float(raw)), name)


def plausible_year(year: int, name: str) -> int:
    low, high = YEAR_RANGE
    if not low <= year <= high:
        raise FieldError(name, f"{year} is not a plausible year ({low} to {high})")
    return year


def parse_release_date(value: Any) -> tuple[datetime.date | None, int | None]:
    """A full date, or only a year ("2016", "December 2016"): ``(date or None, year)``."""
    raw = text(value, "release_date")
    if raw is None:
        return None, None
    if re.fullmatch(r"\d{4}(?:\.0+)?", raw):
        return None, parse_year(raw, "release_date")
    if re.fullmatch(r"\d{4}-\d\d-\d\d", raw):  # the usual case, ten times faster
        try:
            date = datetime.date.fromisoformat(raw)
        except ValueError:
            raise FieldError("release_date", f'"{raw}" is not a date') from None
        return date, plausible_year(date.year, "release_date")
    try:
        # Parsed twice with different defaults, to tell which parts the text really gave.
        first = date_parser.parse(raw, default=datetime.datetime(2000, 1, 1))
        second = date_parser.parse(raw, default=datetime.datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        raise FieldError("release_date", f'cannot read "{raw}" as a date') from None
    if first.year != second.year:
        raise FieldError("release_date", f'cannot read "{raw}" as a date (no year)')
    year = plausible_year(first.year, "release_date")
    if first.month != second.month or first.day != second.day:
        return None, year
    return first.date(), year


def parse_rating(value: Any) -> tuple[str | None, str | None]:
    """The rating as one of our choices, or a warning when it is not one of them."""
    raw = text(value, "mpaa_rating")
    if raw is None:
        return None, None
    key = re.sub(r"[\s\-_./]+", "", raw.upper()).removeprefix("RATED")
    if key in _RATINGS:
        return _RATINGS[key], None
    known = ", ".join(label for _, label in MPAARating.choices)
    return None, f'mpaa_rating: unknown rating "{raw}" left out (known: {known})'


def parse_running_time(value: Any) -> int | None:
    """Minutes from 128, "128", "128 min", "2h 8m", "2:08" or "PT2H8M"."""
    if isinstance(value, float) and not math.isfinite(value):
        return None  # NaN, as some JSON writers put for "unknown"
    if isinstance(value, float):
        minutes = round(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        minutes = value
    else:
        raw = text(value, "running_time")
        if raw is None:
            return None
        if re.fullmatch(r"\d+(?:\.\d+)?", raw):
            minutes = round(float(raw))
        else:
            match = (
                _CLOCK.match(raw) or _ISO_DURATION.match(raw) or _RUNNING_TIME.match(raw.strip())
            )
            if not match or not (match["h"] or match["m"]):
                raise FieldError("running_time", f'cannot read "{raw}" as minutes')
            minutes = int(match["h"] or 0) * 60 + int(match["m"] or 0)
    if minutes <= 0:
        raise FieldError("running_time", f"must be more than 0 minutes, not {minutes}")
    if minutes > 32767:
        raise FieldError("running_time", f"{minutes} minutes is longer than any film")
    return minutes


def split_list(value: Any, name: str) -> list[Any]:
    """Items of a list cell: "a; b" or "a | b", else "a, b"; "Robert Downey, Jr." holds."""
    if value is None:
        return []
    if isinstance(value, list):
        return [item for item in value if not (isinstance(item, str) and text(item, name) is None)]
    raw = text(value, name)
    if raw is None:
        return []
    separator = ";" if ";" in raw else "|" if "|" in raw else ","
    items: list[str] = []
    for piece in (p.strip() for p in raw.split(separator)):
        if not piece:
            continue
        if separator == "," and items and piece.casefold() in NAME_SUFFIXES:
            items[-1] = f"{items[-1]}, {piece}"
        else:
            items.append(piece)
    return items


def _name(value: Any, name: str, position: int) -> str:
    result = limited(text(value, name), name, max_length(Person, "name"))
    if result is None:
        raise FieldError(name, f"entry {position} has no name")
    return result


def parse_people(value: Any, name: str, role: str) -> list[CreditSpec]:
    specs = []
    for position, item in enumerate(split_list(value, name), start=1):
        if isinstance(item, dict):
            item = item.get("name")
        specs.append(CreditSpec(_name(item, name, position), role))
    return specs


def parse_cast(value: Any) -> list[CreditSpec]:
    """Cast as "Emma Stone as Mia; Ryan Gosling" or JSON ``[{"name": .., "character": ..}]``."""
    specs = []
    limit = max_length(Credit, "character")
    for position, item in enumerate(split_list(value, "cast"), start=1):
        if isinstance(item, dict):
            person, character = item.get("name"), item.get("character") or item.get("as")
        else:
            person, character = _split_character(text(item, "cast") or "")
        character = limited(text(character, "cast"), "cast", limit) or ""
        specs.append(CreditSpec(_name(person, "cast", position), CreditRole.CAST, character))
    return specs


def _split_character(entry: str) -> tuple[str, str | None]:
    if match := re.fullmatch(r"(.+?)\s+as\s+(.+)", entry):
        return match[1], match[2]
    if match := re.fullmatch(r"(.+?)\s*\((.+)\)", entry):
        return match[1], match[2]
    return entry, None


def parse_other_crew(value: Any) -> list[CreditSpec]:
    """Other credits as "Tom Cross (Production designer)" or ``{"name": .., "job": ..}``."""
    specs = []
    limit = max_length(Credit, "job")
    for position, item in enumerate(split_list(value, "other_crew"), start=1):
        if isinstance(item, dict):
            person, job = item.get("name"), item.get("job")
        elif match := re.fullmatch(r"(.+?)\s*\((.+)\)", text(item, "other_crew") or ""):
            person, job = match[1], match[2]
        else:
            person, job = item, None
        job = limited(text(job, "other_crew"), "other_crew", limit) or ""
        specs.append(CreditSpec(_name(person, "other_crew", position), CreditRole.OTHER, job=job))
    return specs


def normalise(raw: RawRow) -> FilmRecord:
    """Read every field of a row; raise FieldError for the first value that cannot be used."""
    values = raw.values
    title = limited(text(values.get("title"), "title"), "title", max_length(Film, "title"))
    if title is None:
        raise FieldError("title", "missing")
    record = FilmRecord(row=raw.number, title=title)
    record.external_id = limited(
        text(values.get("external_id"), "external_id"),
        "external_id",
        max_length(Film, "external_id"),
    )
    record.release_date, date_year = parse_release_date(values.get("release_date"))
    record.year = parse_year(values.get("year")) or date_year
    record.mpaa_rating, warning = parse_rating(values.get("mpaa_rating"))
    if warning:
        record.warnings.append(warning)
    record.running_time = parse_running_time(values.get("running_time"))
    for name in TEXT_FIELDS:
        limit = Film._meta.get_field(name).max_length
        value = text(values.get(name), name, collapse=name != "synopsis")
        setattr(record, name, limited(value, name, limit) if limit else value)
    genre_limit = max_length(Genre, "name")
    genres = [
        limited(text(genre, "genres"), "genres", genre_limit)
        for genre in split_list(values.get("genres"), "genres")
    ]
    record.genres = list(dict.fromkeys(g for g in genres if g))
    credits: list[CreditSpec] = []
    for name, role in CREW_FIELDS.items():
        credits += parse_people(values.get(name), name, role)
    credits += parse_cast(values.get("cast"))
    credits += parse_other_crew(values.get("other_crew"))
    record.credits = list(dict.fromkeys(credits))
    record.warnings += implausible(record)
    return record


def implausible(record: FilmRecord, today: datetime.date | None = None) -> list[str]:
    """Values plausible in form but not in fact, each said for the editor to check."""
    today = today or timezone.localdate()
    flags = []
    if record.year and record.year > today.year + FUTURE_YEARS:
        flags.append(f"year: {record.year} is more than {FUTURE_YEARS} years ahead; check it")
    if record.year and record.year < FIRST_FILMS_YEAR:
        first = FIRST_FILMS_YEAR
        flags.append(f"year: {record.year} is before the first films ({first}); check it")
    if record.running_time and record.running_time > LONGEST_MINUTES:
        hours = LONGEST_MINUTES // 60
        flags.append(f"running_time: {record.running_time} minutes is over {hours} hours; check it")
    return flags
