"""Search over published reviews, films and people.

The database keeps the search documents current (migration 0006) and does the matching
and ranking; each backend has its engine (search_postgres, search_sqlite) with the same
three finders. This module cleans the query and decides what a reader is shown:

- a title or name typed exactly or nearly comes first, with its film's reviews first;
- words match as words ("la la" is not "Las Vegas"), "quoted words" as a phrase;
- when the words find no title or name and hardly any review, the query is taken as
  misspelt: look-alike titles and names are shown with their reviews, and "Did you mean"
  links to the best of them.

A search costs a fixed number of queries: films, people, then reviews (one query on
PostgreSQL, two on SQLite), whatever the query and however large the catalogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import ModuleType

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

from reviews.models import Film, Person, Review
from reviews.public import search_postgres, search_sqlite
from reviews.public.snippets import highlight, opening

MAX_QUERY_LENGTH = 120
MAX_RESULTS = 20
#: Fewer reviews than this carrying the words (and no title or name): probably misspelt.
FEW = 3
#: Look-alike titles or names shown for a misspelt query.
MAX_LOOK_ALIKES = 5

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WORD = re.compile(r"\w", re.UNICODE)
#: A word long enough to be misspelt in a way trigrams can see ("la" has no look-alikes).
_LONG_WORD = re.compile(r"\w{3,}", re.UNICODE)

ENGINES: dict[str, ModuleType] = {"postgresql": search_postgres, "sqlite": search_sqlite}


@dataclass
class SearchResults:
    query: str = ""
    problem: str = ""
    reviews: list[Review] = field(default_factory=list)
    films: list[Film] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    #: "Did you mean …?": a title or name to search for instead, or "".
    suggestion: str = ""

    @property
    def total(self) -> int:
        return len(self.reviews) + len(self.films) + len(self.people)


@dataclass(frozen=True)
class Links:
    """The films and people a search named, whose reviews join its results (by id)."""

    favoured_films: list[int] = field(default_factory=list)  # title typed exactly or nearly
    favoured_people: list[int] = field(default_factory=list)  # name typed exactly or nearly
    titled_films: list[int] = field(default_factory=list)  # title carries the words
    films: list[int] = field(default_factory=list)  # all of the above and look-alikes
    people: list[int] = field(default_factory=list)


def clean_query(raw: str | None) -> tuple[str, str]:
    """The query to run and, if it cannot be run as typed, a polite word about why.

    Control characters become spaces: PostgreSQL refuses a NUL in any text, and the
    snippet markers must come from the database, never from the query.
    """
    text = " ".join(_CONTROL.sub(" ", raw or "").split())
    if not text:
        return "", "Type a film title, a person's name or a word from a review."
    if not _WORD.search(text):
        return "", "Search needs at least one letter or number."
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH]
        problem = f"That was a long search; we used its first {MAX_QUERY_LENGTH} characters."
        return text, problem
    return text, ""


def engine(vendor: str | None = None) -> ModuleType:
    """The search engine for the database in use."""
    return ENGINES[vendor or connection.vendor]


def prepare_connection(sender, connection: BaseDatabaseWrapper, **kwargs) -> None:
    """Receiver of ``connection_created``: each engine's per-connection set-up (SQLite's
    plain-text function for its triggers, PostgreSQL's trigram thresholds)."""
    if connection.vendor in ENGINES:
        ENGINES[connection.vendor].prepare_connection(connection)


def search(raw: str | None) -> SearchResults:
    """What a reader is shown for the query ``raw``: films, people, a page of published
    reviews with their snippets, and perhaps a suggestion."""
    query, problem = clean_query(raw)
    results = SearchResults(query=query, problem=problem)
    if not query:
        return results
    finder = engine()
    look_alikes = bool(_LONG_WORD.search(query))
    films = finder.find_films(query, MAX_RESULTS, look_alikes)
    people = finder.find_people(query, MAX_RESULTS, look_alikes)
    reviews = finder.find_reviews(query, _links(films, people), MAX_RESULTS)
    misspelt = _misspelt(films, people, reviews)
    results.films = _shown(films, misspelt)
    results.people = _shown(people, misspelt)
    results.reviews = [review for review in reviews if misspelt or _on_merit(review)]
    for review in results.reviews:
        review.snippet_html = highlight(review.snippet or opening(review.body))
    if not any(row.word for row in films + people):
        results.suggestion = _suggestion(query, films + people, misspelt)
    return results


def _ids(rows: list, *flags: str) -> list[int]:
    return [row.pk for row in rows if any(getattr(row, flag) for flag in flags)]


def _best_look_alikes(rows: list) -> list:
    """The look-alikes most like the query (ties kept): those a misspelling most likely meant."""
    alikes = [row for row in rows if row.similar and not (row.word or row.near)]
    best = max((row.likeness for row in alikes), default=None)
    return [row for row in alikes if row.likeness >= best - 1e-6][:3] if alikes else []


def _links(films: list[Film], people: list[Person]) -> Links:
    likely_films, likely_people = _best_look_alikes(films), _best_look_alikes(people)
    return Links(
        favoured_films=_ids(films, "near"),
        favoured_people=_ids(people, "near"),
        titled_films=_ids(films, "titled"),
        films=_ids(films, "near", "titled") + [film.pk for film in likely_films],
        people=_ids(people, "near") + [person.pk for person in likely_people],
    )


def _misspelt(films: list[Film], people: list[Person], reviews: list[Review]) -> bool:
    if any(row.word or row.near for row in films + people):
        return False
    return sum(1 for review in reviews if review.word) < FEW


def _on_merit(review: Review) -> bool:
    """Found by its own words, its film's title, or a title or name typed nearly: not only
    because its film or a person on it looks like a misspelt query."""
    return review.word or review.favoured or review.titled


def _shown(rows: list, misspelt: bool) -> list:
    matched = [row for row in rows if row.word or row.near]
    if not misspelt:
        return matched
    alikes = [row for row in rows if row.similar and row not in matched]
    alikes.sort(key=lambda row: row.likeness, reverse=True)
    return matched + alikes[:MAX_LOOK_ALIKES]


def _suggestion(query: str, rows: list, misspelt: bool) -> str:
    """The title or name the query most likely meant, unless that is what was typed: one
    typed nearly, or, for a misspelt query, a look-alike too."""
    candidates = [row for row in rows if (row.near or (misspelt and row.similar)) and not row.exact]
    best = max(candidates, key=lambda row: (row.near, row.likeness), default=None)
    if best is None:
        return ""
    name = best.title if isinstance(best, Film) else best.name
    return "" if name.casefold() == query.casefold() else name
