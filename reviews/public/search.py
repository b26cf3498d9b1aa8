"""Search over published reviews, films and people.

PostgreSQL: full-text search with weights, ranking and highlighted snippets.
Elsewhere (SQLite in development): case-insensitive matching of every word, ranked by where
the words are found, with snippets cut and highlighted in Python.
"""

import html
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, Q, QuerySet, Value, When
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from reviews.models import Film, Person, Review

MAX_QUERY_LENGTH = 120
MAX_RESULTS = 20
SNIPPET_CHARS = 160
# Markers that cannot occur in escaped text; swapped for <mark> after escaping.
_START, _STOP = "\x02", "\x03"
_WORD = re.compile(r"\w[\w'’-]*", re.UNICODE)


@dataclass
class SearchResults:
    query: str = ""
    problem: str = ""
    reviews: list = field(default_factory=list)
    films: list = field(default_factory=list)
    people: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.reviews) + len(self.films) + len(self.people)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(raw: str | None) -> tuple[str, str]:
    """The query to run and, if it cannot be run as typed, a polite word about why.

    Control characters become spaces: PostgreSQL refuses a NUL in any text, and the
    snippet markers must come from the database, never from the query.
    """
    text = " ".join(_CONTROL.sub(" ", raw or "").split())
    if not text:
        return "", "Type a film title, a person's name or a word from a review."
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH].rsplit(" ", 1)[0] or text[:MAX_QUERY_LENGTH]
        problem = f"That was a long search; we used its first {MAX_QUERY_LENGTH} characters."
        return text, problem
    if not _WORD.search(text):
        return "", "Search needs at least one letter or number."
    return text, ""


def search(raw: str | None) -> SearchResults:
    query, problem = clean_query(raw)
    results = SearchResults(query=query, problem=problem)
    if not query:
        return results
    if connection.vendor == "postgresql":
        _search_postgres(query, results)
    else:
        _search_simple(query, results)
    return results


def highlight(marked: str) -> SafeString:
    """Escape a snippet whose matches are wrapped in the private markers, then mark them."""
    escaped = escape(marked)
    return mark_safe(escaped.replace(_START, "<mark>").replace(_STOP, "</mark>"))


class StripTags(Func):
    """Body HTML as plain text, inside the database."""

    function = "regexp_replace"
    template = "%(function)s(%(expressions)s, '<[^>]+>', ' ', 'g')"


def _search_postgres(query: str, results: SearchResults) -> None:
    ts_query = SearchQuery(query, search_type="websearch", config="english")
    vector = (
        SearchVector("headline", weight="A", config="english")
        + SearchVector("film__title", weight="A", config="english")
        + SearchVector("dek", weight="B", config="english")
        + SearchVector(StripTags("body"), weight="C", config="english")
    )
    reviews = (
        Review.objects.published()
        .select_related("film", "critic")  # a result shows no picture
        .annotate(search=vector, rank=SearchRank(vector, ts_query))
        .filter(search=ts_query)
        .annotate(
            snippet=SearchHeadline(
                StripTags("body"),
                ts_query,
                config="english",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=30,
                min_words=12,
            )
        )
        .order_by("-rank", "-published_at")[:MAX_RESULTS]
    )
    for review in reviews:
        snippet = _mark_cuts(html.unescape(review.snippet), review.body)
        review.snippet_html = highlight(snippet)
        results.reviews.append(review)

    film_vector = SearchVector("title", weight="A", config="english") + SearchVector(
        "synopsis", weight="C", config="english"
    )
    results.films = list(
        Film.objects.annotate(search=film_vector, rank=SearchRank(film_vector, ts_query))
        .filter(Q(search=ts_query) | Q(title__icontains=query))
        .order_by("-rank", "title")[:MAX_RESULTS]
    )
    results.people = list(_people(query))


def _search_simple(query: str, results: SearchResults) -> None:
    words = [word.casefold() for word in _WORD.findall(query)][:8]
    condition = Q()
    for word in words:
        condition &= (
            Q(headline__icontains=word)
            | Q(dek__icontains=word)
            | Q(body__icontains=word)
            | Q(film__title__icontains=word)
        )
    title_hits = Q()
    for word in words:
        title_hits &= Q(headline__icontains=word) | Q(film__title__icontains=word)
    reviews = (
        Review.objects.published()
        .select_related("film", "critic")  # a result shows no picture
        .filter(condition)
        .annotate(
            rank=Case(
                When(title_hits, then=Value(2)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("-rank", F("published_at").desc())[:MAX_RESULTS]
    )
    for review in reviews:
        review.snippet_html = highlight(_snippet(strip_tags(review.body), words))
        results.reviews.append(review)

    film_condition = Q()
    for word in words:
        film_condition &= Q(title__icontains=word) | Q(synopsis__icontains=word)
    results.films = list(Film.objects.filter(film_condition).order_by("title")[:MAX_RESULTS])
    results.people = list(_people(query))


def _people(query: str) -> QuerySet[Person]:
    condition = Q()
    for word in _WORD.findall(query)[:8]:
        condition &= Q(name__icontains=word)
    return Person.objects.filter(condition).order_by("name")[:MAX_RESULTS]


def _mark_cuts(snippet: str, body: str) -> str:
    """An ellipsis where PostgreSQL's snippet starts or stops inside the text, so a reader
    sees it is an excerpt (the simple search's snippets carry theirs already)."""
    plain = " ".join(snippet.replace(_START, "").replace(_STOP, "").split())
    if not plain:
        return snippet
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    if not text.startswith(plain):
        snippet = "…" + snippet.lstrip()
    if not text.endswith(plain):
        snippet = snippet.rstrip() + "…"
    return snippet


def _snippet(text: str, words: list[str]) -> str:
    """A window of the text around the first match, with every match marked."""
    text = " ".join(html.unescape(text).split())
    folded = text.casefold()
    positions = [folded.find(word) for word in words if folded.find(word) >= 0]
    start = max(min(positions, default=0) - SNIPPET_CHARS // 3, 0)
    window = text[start : start + SNIPPET_CHARS]
    if start > 0:
        window = "…" + window.split(" ", 1)[-1]
    if start + SNIPPET_CHARS < len(text):
        window = window.rsplit(" ", 1)[0] + "…"
    if not words:
        return window
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    return pattern.sub(lambda m: f"{_START}{m.group(0)}{_STOP}", window)
