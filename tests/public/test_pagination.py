"""Archive pages: deep pages are fetched ids first, the count is cached per content state."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.models import Review
from reviews.public import pagination
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def facts_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()


def headlines(response) -> list[str]:
    return [review.headline for review in response.context["reviews"]]


def test_a_deep_page_shows_the_same_reviews_as_plain_slicing(client, monkeypatch, facts_cache):
    factories.ReviewFactory.create_batch(120, published=True)
    newest_first = list(
        Review.objects.published().latest_first().values_list("headline", flat=True)
    )
    plain = headlines(client.get("/reviews/?page=3"))
    monkeypatch.setattr(pagination, "DEFERRED_JOIN_FROM", 0)
    with CaptureQueriesContext(connection) as queries:
        deferred = headlines(client.get("/reviews/?page=3"))
    assert deferred == plain == newest_first[100:120]
    assert any('SELECT "reviews_review"."id" AS "pk"' in q["sql"] for q in queries)


def test_the_count_is_counted_once_per_content_state(client, facts_cache):
    factories.ReviewFactory.create_batch(3, published=True)

    def counts() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/reviews/")
        assert response.context["paginator"].count == Review.objects.published().count()
        return sum("COUNT(" in q["sql"] for q in queries)

    assert counts() == 1
    assert counts() == 0
    factories.ReviewFactory(published=True)  # a new state: counted again, and right
    assert counts() == 1


def test_a_filtered_page_is_fetched_ids_first_and_shows_what_the_filters_choose(
    client, facts_cache
):
    drama = factories.GenreFactory(name="Drama", slug="drama")
    for number in range(8):
        film = factories.FilmFactory(mpaa_rating="R" if number % 2 else "PG")
        if number % 4 != 3:
            film.genres.add(drama)
        factories.ReviewFactory(film=film, rating=3 if number < 6 else 2, published=True)
    chosen = list(
        Review.objects.published()
        .latest_first()
        .filter(film__genres=drama, film__mpaa_rating="R", rating__gte=3)
        .values_list("headline", flat=True)
    )
    assert len(chosen) == 2  # films 1 and 5; 3 and 7 are no dramas, 7 has two stars

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/reviews/?genre=drama&mpaa=R&stars=3")

    assert headlines(response) == chosen
    # The ids alone first: the page's wide rows are read only for the reviews chosen.
    ids_first = [
        q["sql"] for q in queries if q["sql"].startswith('SELECT "reviews_review"."id" AS "pk"')
    ]
    assert len(ids_first) == 1 and "reviews_film_genres" in ids_first[0]


def test_an_unfiltered_first_page_is_one_query(client, facts_cache):
    factories.ReviewFactory.create_batch(3, published=True)
    client.get("/reviews/")  # the count, cached

    with CaptureQueriesContext(connection) as queries:
        client.get("/reviews/")

    assert not any(q["sql"].startswith('SELECT "reviews_review"."id" AS "pk"') for q in queries)
