"""Search on SQLite, the embedded default: the FTS5 tables of migration 0006, which
triggers keep current (words with porter stemming; trigrams of titles and names).

Queries keep websearch's meaning (words, "a phrase", -excluded, or), written in FTS5's
syntax with every term quoted, so no input is ever FTS5 syntax. Ranking is bm25 over the
CANDIDATES matches written last (FTS5 walks its rows by id and stops; ordering every match
by publication would cost a word found in every review a sort of all of them); snippet()
runs for the page shown only. Near misses: the trigram
tables find titles and names sharing the most trigrams with the query's words, and difflib
then scores that short list (so the Python work is bounded, whatever the catalogue's size).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Model
from django.db.models.expressions import RawSQL

from reviews.models import Film, Person, Review
from reviews.public.snippets import plain_text

if TYPE_CHECKING:
    from reviews.public.search import Links

#: See search_postgres.CANDIDATES: how many of the matches written last are ranked.
CANDIDATES = 100
#: bm25's weights per column, in the proportions of PostgreSQL's A, B and C.
REVIEW_WEIGHTS = "5.0, 2.0, 1.0"  # headline, dek, body
FILM_WEIGHTS = "5.0, 2.0"  # title, synopsis
#: difflib ratios: a look-alike word by word, and a title or name typed nearly.
SIMILARITY = 0.75
NEAR = 0.8
MAX_TRIGRAMS = 40
#: Titles or names sharing the most trigrams with the query that difflib then scores.
LOOK_ALIKES = 40

_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w", re.UNICODE)
_LONG_WORD = re.compile(r"\w{3,}", re.UNICODE)


def prepare_connection(connection) -> None:
    """The function the triggers call to index a body as text."""
    connection.connection.create_function("reviews_plain_text", 1, plain_text, deterministic=True)


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _terms(query: str) -> tuple[list[str], list[str]]:
    """The query's positive terms, with ``OR`` kept between two of them, and its
    excluded terms; a term without a letter or digit is dropped."""
    positive: list[str] = []
    excluded: list[str] = []
    for minus, phrase, word in _TERM.findall(query):
        term = phrase if phrase or not word else word
        if word.casefold() == "or":
            if positive and positive[-1] != "OR":
                positive.append("OR")
        elif _WORD.search(term):
            (excluded if minus or word.startswith("-") else positive).append(
                _quoted(term.lstrip("-") if word else term)
            )
    while positive and positive[-1] == "OR":
        positive.pop()
    return positive, excluded


def match_expression(query: str, columns: str = "") -> str:
    """An FTS5 query meaning what websearch_to_tsquery makes of ``query`` ("" if nothing
    can match), limited to ``columns`` ("title") if given."""
    positive, excluded = _terms(query)
    if not positive:
        return ""
    expression = "(" + " ".join(positive) + ")"
    for term in excluded:
        expression += f" NOT {term}"
    return f"{{{columns}}} : ({expression})" if columns else expression


def trigram_expression(query: str) -> str:
    """The trigrams of the query's longer words, any of which may match."""
    trigrams: dict[str, None] = {}
    for word in _LONG_WORD.findall(query.casefold()):
        for start in range(len(word) - 2):
            trigrams[word[start : start + 3]] = None
    return " OR ".join(_quoted(trigram) for trigram in list(trigrams)[:MAX_TRIGRAMS])


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _close(a: str, b: str, floor: float) -> bool:
    """``_ratio(a, b) >= floor``, with difflib's cheap upper bounds tried first."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= floor
        and matcher.quick_ratio() >= floor
        and matcher.ratio() >= floor
    )


def likeness(query: str, text: str) -> float:
    """How well each word of the query finds a counterpart in the text, on average."""
    words, targets = query.casefold().split(), text.casefold().split()
    if not words or not targets:
        return 0.0
    return sum(max(_ratio(word, target) for target in targets) for word in words) / len(words)


def _in(values: list[int]) -> str:
    return ", ".join(["%s"] * len(values))


def _named(model: type[Model], table: str, column: str, query: str, look_alikes: bool):
    """Rows whose words match, the newest first, a title-only match flagged, and, if
    asked, the look-alikes sharing most trigrams: raw rows with word, titled, score."""
    words = match_expression(query)
    branches, params = [], []
    if words:
        weights = FILM_WEIGHTS if model is Film else "1.0"
        branches.append(
            f"SELECT * FROM (SELECT rowid AS id, 1 AS word, "
            f"rowid IN (SELECT rowid FROM {table}_search WHERE {table}_search MATCH %s) "
            f"AS titled, -bm25({table}_search, {weights}) AS score FROM {table}_search "
            f"WHERE {table}_search MATCH %s ORDER BY rowid DESC LIMIT %s)"
        )
        params += [match_expression(query, column), words, CANDIDATES]
    trigrams = trigram_expression(query) if look_alikes else ""
    if trigrams:
        branches.append(
            f"SELECT * FROM (SELECT rowid AS id, 0, 0, 0.0 FROM {table}_trigrams "
            f"WHERE {table}_trigrams MATCH %s ORDER BY rank LIMIT %s)"
        )
        params += [trigrams, LOOK_ALIKES]
    if not branches:
        return []
    return model.objects.raw(
        f"SELECT t.*, m.word, m.titled, m.score FROM (SELECT id, max(word) AS word, "
        f"max(titled) AS titled, max(score) AS score FROM ({' UNION ALL '.join(branches)}) "
        f"GROUP BY id) m JOIN {table} t ON t.id = m.id",
        params,
    )


def _ranked(rows, column: str, query: str, limit: int) -> list:
    """Typed exactly or nearly first, then word matches by bm25, then look-alikes (only
    they are scored word by word: difflib is the costly part)."""
    folded = query.casefold()
    for row in rows:
        name = getattr(row, column).casefold()
        row.word, row.titled = bool(row.word), bool(row.titled)
        row.exact = name == folded
        row.near = row.exact or _close(name, folded, NEAR)
        row.likeness = 0.0 if row.word else likeness(folded, name)
        row.similar = row.likeness >= SIMILARITY
    order = sorted(
        rows,
        key=lambda row: (row.exact, row.near, row.word, row.score, row.likeness),
        reverse=True,
    )
    return order[:limit]


def find_films(query: str, limit: int, look_alikes: bool) -> list[Film]:
    return _ranked(
        list(_named(Film, "reviews_film", "title", query, look_alikes)), "title", query, limit
    )


def find_people(query: str, limit: int, look_alikes: bool) -> list[Person]:
    rows = _named(Person, "reviews_person", "name", query, look_alikes)
    return _ranked(list(rows), "name", query, limit)


def _published(row_id: str) -> tuple[str, tuple]:
    """``EXISTS`` a published review whose id is the SQL ``row_id``: Review.objects.published()
    as a correlated condition. (As ``IN (...)`` SQLite would list every published review
    first, or hand the list to FTS5 to run the full-text query once per review.)"""
    published = Review.objects.published().filter(pk=RawSQL(row_id, [])).values("pk")
    sql, params = published.query.sql_with_params()
    return f"EXISTS ({sql})", params


def _candidates(words: str, links: Links) -> tuple[str, list]:
    """The published word matches written last and the reviews of the films and people named."""
    published, published_params = _published("reviews_review_search.rowid")
    branches, params = [], []
    if words:
        # FTS5 walks its rows newest written first and stops at the limit.
        branches.append(
            "SELECT * FROM (SELECT rowid AS id, 1 AS word, "
            f"-bm25(reviews_review_search, {REVIEW_WEIGHTS}) AS score "
            "FROM reviews_review_search WHERE reviews_review_search MATCH %s "
            f"AND {published} ORDER BY rowid DESC LIMIT %s)"
        )
        params += [words, *published_params, CANDIDATES]
    if links.films:
        branches.append(
            f"SELECT id, 0, 0.0 FROM reviews_review WHERE film_id IN ({_in(links.films)})"
        )
        params += links.films
    if links.people:
        branches.append(
            "SELECT id, 0, 0.0 FROM reviews_review WHERE film_id IN (SELECT film_id FROM "
            f"reviews_credit WHERE person_id IN ({_in(links.people)}))"
        )
        params += links.people
    return " UNION ALL ".join(branches), params


def _flags(query: str, links: Links) -> tuple[str, str, list]:
    favoured, params = ["r.headline = %s COLLATE NOCASE"], [query]
    if links.favoured_films:
        favoured.append(f"r.film_id IN ({_in(links.favoured_films)})")
        params += links.favoured_films
    if links.favoured_people:
        favoured.append(
            "r.film_id IN (SELECT film_id FROM reviews_credit "
            f"WHERE person_id IN ({_in(links.favoured_people)}))"
        )
        params += links.favoured_people
    titled = f"r.film_id IN ({_in(links.titled_films)})" if links.titled_films else "0"
    return " OR ".join(favoured), titled, params + links.titled_films


def _page(query: str, words: str, links: Links, limit: int) -> list[tuple]:
    """(id, word, favoured, titled) of one page of published reviews, best first."""
    candidates, params = _candidates(words, links)
    if not candidates:
        return []
    favoured, titled, flag_params = _flags(query, links)
    published, published_params = _published("r.id")
    sql = (
        f"SELECT r.id, m.word, ({favoured}) AS favoured, ({titled}) AS titled "
        f"FROM (SELECT id, max(word) AS word, max(score) AS score FROM ({candidates}) "
        f"GROUP BY id) m JOIN reviews_review r ON r.id = m.id WHERE {published} "
        "ORDER BY favoured DESC, titled DESC, m.score DESC, r.published_at DESC, r.id DESC "
        "LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*flag_params, *params, *published_params, limit])
        return cursor.fetchall()


def find_reviews(query: str, links: Links, limit: int) -> list[Review]:
    """One page of published reviews, best first, each with its snippet() ``snippet``."""
    words = match_expression(query)
    page = _page(query, words, links, limit)
    snippet = RawSQL(
        "(SELECT snippet(reviews_review_search, 2, char(2), char(3), '…', 30) "
        "FROM reviews_review_search WHERE reviews_review_search MATCH %s "
        'AND rowid = "reviews_review"."id")',
        [words or '""'],
    )
    found = (
        Review.objects.published()
        .filter(pk__in=[row[0] for row in page])
        .select_related("film", "critic")  # a result shows no picture
        .annotate(snippet=snippet)
        .in_bulk()
    )
    reviews = []
    for pk, word, favoured, titled in page:
        if pk in found:
            review = found[pk]
            review.word, review.favoured, review.titled = bool(word), bool(favoured), bool(titled)
            reviews.append(review)
    return reviews
