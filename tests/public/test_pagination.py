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
