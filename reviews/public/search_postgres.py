"""Search on PostgreSQL: the generated ``search_document`` columns and the trigram indexes
of migration 0006, queried so that the work is bounded however common the words are.

Reviews: the newest CANDIDATES published reviews whose document matches (all of them for
most searches), plus the reviews of the films and people the search named, are ranked with
ts_rank; ts_headline then runs only for the page shown, and on the opening of each body
when the words are there (``Snippet``). Films and people: their own documents, or, for
misspellings, word similarity on the trigram-indexed title and name.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from django.contrib.postgres.lookups import TrigramSimilar, TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db.models import (
    BooleanField,
    Expression,
    ExpressionWrapper,
    F,
    Func,
    Model,
    Q,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.functions import Cast, Upper
from django.db.models.lookups import Exact

from reviews.models import Credit, Film, Person, Review
from reviews.public.snippets import START, STOP, PlainText, mark_cuts

if TYPE_CHECKING:
    from reviews.public.search import Links

CONFIG = "english"
#: ts_rank's weights for D, C, B, A (body is C, dek B, headline, title and name A).
WEIGHTS = [0.1, 0.2, 0.4, 1.0]
#: How many of the newest matches each branch of a search ranks: a word found in more
#: published reviews than this ranks its newest ones, so a common word costs no more than a
#: rare one (the index walks reviews newest first and stops; a rare word uses the GIN index).
CANDIDATES = 100
#: Word similarity from which a title or name is a look-alike of the query; pg_trgm's
#: default (0.6) misses "gosslin" for Ryan Gosling. The trigram index applies it as
#: pg_trgm.word_similarity_threshold, set on each connection.
SIMILARITY = 0.5
#: Whole-text similarity from which a title or name counts as typed nearly ("la la lan"),
#: applied by the index as pg_trgm.similarity_threshold.
NEAR = 0.5
ORDER = ["-favoured", "-titled", "-rank", "-published_at", "-pk"]
#: The opening of a body (characters of its HTML) its snippet is made from first: making
#: the text and ts_headline cost by the character, and a word a review is found by is
#: nearly always this early in it.
SNIPPET_WINDOW = 1000


def prepare_connection(connection) -> None:
    """pg_trgm's thresholds for this session, which its operators (those the trigram indexes
    answer) read: one query per connection, none per search. Set before the extension is
    loaded, PostgreSQL keeps them as placeholders and pg_trgm adopts them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false),"
            " set_config('pg_trgm.similarity_threshold', %s, false)",
            [str(SIMILARITY), str(NEAR)],
        )


class Document(Expression):
    """A table's ``search_document`` column. No model declares it: Django would write it,
    and the database computes it. It resolves to the query's own table alias, so it works
    inside subqueries too."""

    output_field = SearchVectorField()

    def __init__(self, alias: str | None = None) -> None:
        super().__init__()
        self.alias = alias

    def resolve_expression(self, query=None, *args, **kwargs):
        clone = self.copy()
        clone.alias = query.get_initial_alias()
        return clone

    def relabeled_clone(self, change_map):
        clone = self.copy()
        clone.alias = change_map.get(self.alias, self.alias)
        return clone

    def get_group_by_cols(self):
        return [self]

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name_unless_alias(self.alias)}.search_document", []


class TitleWords(Func):
    """The document's A-weighted part: a film's title (the synopsis is B)."""

    template = "ts_filter(%(expressions)s, '{a}')"
    output_field = SearchVectorField()


class BodyWords(Func):
    """The document's C-weighted part: a review's body (headline A, dek B)."""

    template = "ts_filter(%(expressions)s, '{c}')"
    output_field = SearchVectorField()


class _Column(Expression):
    """A column of ``Snippet``'s own subquery."""

    output_field = TextField()

    def __init__(self, sql: str) -> None:
        super().__init__()
        self.sql = sql

    def as_sql(self, compiler, connection):
        return self.sql, []


class Snippet(Expression):
    """ts_headline of a review body's text, made from the body's opening (``SNIPPET_WINDOW``
    characters, to the end of the tag there) when the query's words are in it, else from
    the whole text when the body holds them (its part of the search document says so
    without parsing). Without them both give the opening words, so the opening is used.
    Both the text (``PlainText``'s expressions) and ts_headline cost by the character."""

    output_field = TextField()

    def __init__(self, body: str, query: SearchQuery, **options) -> None:
        super().__init__()
        self.opening = SearchHeadline(PlainText(_Column("t.html")), query, config=CONFIG, **options)
        self.whole = SearchHeadline(PlainText(body), query, config=CONFIG, **options)
        self.in_body = SearchVectorExact(BodyWords(Document()), query)
        self.body = F(body)

    def get_source_expressions(self) -> list:
        return [self.body, self.opening, self.whole, self.in_body]

    def set_source_expressions(self, expressions: list) -> None:
        self.body, self.opening, self.whole, self.in_body = expressions

    def as_sql(self, compiler, connection):
        body, body_params = compiler.compile(self.body)
        opening, opening_params = compiler.compile(self.opening)
        whole, whole_params = compiler.compile(self.whole)
        in_body, in_body_params = compiler.compile(self.in_body)
        # OFFSET 0 keeps each step a subquery of its own: flattened, PostgreSQL would
        # compute the opening and its headline once for every mention of them.
        cut = f"strpos(substr({body}, %s), '>')"
        sql = (
            f"(SELECT CASE WHEN strpos(h.head, %s) > 0 OR NOT ({in_body}) THEN h.head"
            f" ELSE {whole} END FROM (SELECT {opening} AS head FROM"
            f" (SELECT CASE WHEN {cut} = 0 THEN {body} ELSE left({body}, %s + {cut}) END"
            " AS html OFFSET 0) t OFFSET 0) h)"
        )
        after = SNIPPET_WINDOW + 1
        params = [START, *in_body_params, *whole_params, *opening_params,
                  *body_params, after, *body_params, *body_params, SNIPPET_WINDOW,
                  *body_params, after]  # fmt: skip
        return sql, params


def _ts_query(query: str) -> SearchQuery:
    # websearch syntax: words match as words, "quoted words" as a phrase, -word excludes,
    # or is an alternative; it never raises on malformed input.
    return SearchQuery(query, search_type="websearch", config=CONFIG)


def _flag(condition: Q | Expression) -> ExpressionWrapper:
    return ExpressionWrapper(Q(condition), output_field=BooleanField())


def _named(model: type[Model], column: str, query: str, look_alikes: bool) -> QuerySet:
    """Rows spelt nearly like the query, the newest whose document carries its words and,
    if asked, look-alikes (a misspelt word), each branch bounded, then ordered: typed
    exactly or nearly first, then word matches by rank, then look-alikes by likeness."""
    ts_query = _ts_query(query)
    words = SearchVectorExact(Document(), ts_query)
    name = Upper(Cast(column, TextField()))  # the expression the trigram index holds
    typed = Upper(Value(query))
    branches = [
        # Unordered, so that the index scan stops at the limit.
        model.objects.filter(TrigramSimilar(name, typed)).order_by().values("pk")[:CANDIDATES],
        model.objects.filter(words).order_by("-pk").values("pk")[:CANDIDATES],
    ]
    if look_alikes:
        branches.append(
            model.objects.filter(TrigramWordSimilar(name, typed))
            .order_by()
            .values("pk")[:CANDIDATES]
        )
    return (
        model.objects.filter(pk__in=branches[0].union(*branches[1:]))
        .annotate(
            exact=_flag(Exact(name, typed)),
            near=_flag(TrigramSimilar(name, typed)),
            likeness=TrigramWordSimilarity(typed, name),
            word=_flag(words),
            titled=_flag(SearchVectorExact(TitleWords(Document()), ts_query)),
            rank=SearchRank(Document(), ts_query, weights=WEIGHTS),
        )
        .order_by("-exact", "-near", "-word", "-rank", "-likeness", column)
    )


def _mark(rows: list) -> list:
    for row in rows:
        row.near = row.exact or row.near
        row.similar = row.likeness >= SIMILARITY
    return rows


def find_films(query: str, limit: int, look_alikes: bool) -> list[Film]:
    return _mark(list(_named(Film, "title", query, look_alikes)[:limit]))


def find_people(query: str, limit: int, look_alikes: bool) -> list[Person]:
    people = _mark(list(_named(Person, "name", query, look_alikes)[:limit]))
    for person in people:
        person.titled = person.word
    return people


def _films_of(people: list[int]) -> QuerySet:
    return Credit.objects.filter(person_id__in=people).values("film_id")


def _ranking(query: str, ts_query: SearchQuery, links: Links) -> dict:
    favoured = Q(Exact(Upper(Cast("headline", TextField())), Upper(Value(query))))
    if links.favoured_films:
        favoured |= Q(film_id__in=links.favoured_films)
    if links.favoured_people:
        favoured |= Q(film_id__in=_films_of(links.favoured_people))
    titled = Q(film_id__in=links.titled_films) if links.titled_films else None
    return {
        "favoured": _flag(favoured),
        "titled": _flag(titled) if titled else Value(False),
        "word": _flag(SearchVectorExact(Document(), ts_query)),
        "rank": SearchRank(Document(), ts_query, weights=WEIGHTS),
    }


def _candidates(ts_query: SearchQuery, links: Links) -> QuerySet:
    """The newest matching reviews and the reviews of the films and people named, as ids."""
    published = Review.objects.published()
    members = [
        published.filter(SearchVectorExact(Document(), ts_query))
        .order_by("-published_at")
        .values("pk")[:CANDIDATES]
    ]
    if links.films:
        members.append(published.filter(film_id__in=links.films).values("pk"))
    if links.people:
        members.append(published.filter(film_id__in=_films_of(links.people)).values("pk"))
    return members[0].union(*members[1:]) if len(members) > 1 else members[0]


def find_reviews(query: str, links: Links, limit: int) -> list[Review]:
    """One page of published reviews, best first, each with its ts_headline ``snippet``."""
    ts_query = _ts_query(query)
    ranking = _ranking(query, ts_query, links)
    page = (
        Review.objects.published()
        .filter(pk__in=_candidates(ts_query, links))
        .annotate(**ranking)
        .order_by(*ORDER)
        .values("pk")[:limit]
    )
    snippet = Snippet("body", ts_query, start_sel=START, stop_sel=STOP, max_words=35, min_words=15)
    reviews = list(
        Review.objects.published()
        .filter(pk__in=page)
        .select_related("film", "critic")  # a result shows no picture
        .annotate(**ranking, snippet=snippet)
        .order_by(*ORDER)
    )
    for review in reviews:
        # ts_headline cuts the text as stored, entities and all.
        review.snippet = mark_cuts(html.unescape(review.snippet), review.body)
    return reviews
