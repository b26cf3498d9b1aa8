"""The archive's filter form: its HTML is kept per content state for valid filters only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.models import Genre
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def facts_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()


def genre_queries(client, path: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(path).content.decode()
    return html, sum('FROM "reviews_genre"' in q["sql"] for q in queries)


def test_the_filters_html_is_kept_until_the_content_changes(client, facts_cache):
    factories.ReviewFactory(published=True)
    drama = Genre.objects.create(name="Drama", slug="drama")
    first, queried = genre_queries(client, "/reviews/?genre=drama&stars=3")
    assert queried == 2  # the filter's lookup and the select's options
    assert '<option value="drama" selected>Drama</option>' in first

    again, queried = genre_queries(client, "/reviews/?genre=drama&stars=3")
    assert queried == 1  # the lookup only: the options come from the cache
    assert again == first

    # Other filters are another form; a renamed genre is new content.
    assert '<option value="drama">Drama</option>' in client.get("/reviews/").content.decode()
    drama.name = "Dramas"
    drama.save()
    renamed, queried = genre_queries(client, "/reviews/?genre=drama&stars=3")
    assert queried == 2
    assert '<option value="drama" selected>Dramas</option>' in renamed


def test_a_form_with_an_invalid_filter_is_rendered_each_time_with_its_error(client, facts_cache):
    Genre.objects.create(name="Drama", slug="drama")
    for _ in range(2):
        html, queried = genre_queries(client, "/reviews/?genre=no-such-genre")
        assert queried == 2
        assert "Select a valid choice" in html
