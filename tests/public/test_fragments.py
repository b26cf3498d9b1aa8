"""The review page's fragment cache: on a page-cache miss its parts (facts box, credits, body
with its stills, JSON-LD, corrections) come from the cache, and are never stale.

The page cache is off here (but in the test that says otherwise), so every request reaches
the view and what a reader sees is what the fragments hold. As in test_caching.py, writes
are committed (a transactional database): on PostgreSQL the content version is raised by
triggers that run at commit.
"""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reviews.editorial import previews, workflow
from reviews.models import (
    Credit,
    CreditRole,
    Film,
    Person,
    Photo,
    Rendition,
    Review,
    ReviewStatus,
)
from reviews.public.caching import Fragments
from reviews.public.views import ReviewPageView
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def fragment_cache(settings):
    settings.FRAGMENT_CACHE_ENABLED = True
    settings.PAGE_CACHE_ENABLED = False
    settings.CACHES = LOCMEM
    from django.core.cache import caches

    caches["default"].clear()
    return caches["default"]


def fragment_keys(cache) -> list[str]:
    return [key for key in cache._cache if ":fragment:" in key]


@pytest.fixture
def review():
    review = factories.ReviewFactory(
        published=True, headline="Sung in Traffic", body="<p>One.</p><p>Two.</p>"
    )
    factories.CreditFactory(
        film=review.film, person__name="Emma Stone", role=CreditRole.CAST, character="Mia"
    )
    factories.ReviewStillFactory(review=review, after_paragraph=1, photo__caption="Mia sings.")
    return review


def page(client, review) -> str:
    response = client.get(review.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def structured_data(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html)[1])


def test_a_second_reader_gets_the_page_from_the_fragments_in_one_query(
    client, fragment_cache, review
):
    first = page(client, review)
    assert len(fragment_keys(fragment_cache)) == len(ReviewPageView.fragment_names)
    with CaptureQueriesContext(connection) as queries:
        second = page(client, review)
    assert second == first
    assert "Emma Stone" in second and "Mia sings." in second
    # The content state (for the keys): the review at this address is kept like the
    # fragments, and no credits, stills, genres or corrections are fetched.
    assert len(queries) == 1


def test_a_page_whose_fragments_are_not_stored_yet_keeps_a_fixed_query_count(
    client, fragment_cache, django_assert_max_num_queries
):
    review = factories.ReviewFactory(published=True)
    review.lead_still = factories.PhotoFactory(film=review.film)
    review.save()
    for n in range(50):
        factories.CreditFactory(film=review.film, character=f"Role {n}")
    for n in range(10):
        factories.ReviewStillFactory(review=review, after_paragraph=n % 3)
    factories.CorrectionFactory.create_batch(3, review=review)
    # The content state, the review with its film, its critic and lead still (read inside
    # the fragments only), the placed stills, every still's renditions, the corrections,
    # the genres and the credits with their people.
    with django_assert_max_num_queries(9):
        response = client.get(review.get_absolute_url())
    assert response.content.decode().count("<figure") == 11
    with django_assert_max_num_queries(1):
        assert client.get(review.get_absolute_url()).content == response.content


def test_a_page_cache_miss_is_served_from_the_fragments(client, settings, fragment_cache, review):
    settings.PAGE_CACHE_ENABLED = True
    url = review.get_absolute_url()
    first = client.get(url, {"from": "feed"})
    with CaptureQueriesContext(connection) as queries:
        other_address = client.get(url, {"from": "home"})
    assert first["X-Page-Cache"] == other_address["X-Page-Cache"] == "miss"
    assert other_address.content == first.content
    assert len(queries) == 1


def test_the_fragments_show_what_the_cache_holds(client, fragment_cache, review):
    """Readers are served the stored fragment (its key is the content state), not a render."""
    page(client, review)
    request = RequestFactory().get(review.get_absolute_url())
    key = Fragments(request, f"review:{review.pk}", ()).key("facts")
    fragment_cache.set(key, '<aside class="facts">Held in the cache</aside>')
    assert "Held in the cache" in page(client, review)


def test_edits_and_corrections_show_at_once(client, fragment_cache, review):
    page(client, review)
    Review.objects.filter(pk=review.pk).update(headline="Sung at Dawn", body="<p>Redone.</p>")
    shown = page(client, review)
    assert "Sung at Dawn" in shown and "Redone." in shown and "Sung in Traffic" not in shown
    assert structured_data(shown)["headline"] == "Sung at Dawn"

    correction = factories.CorrectionFactory(review=review, text="The composer was misnamed.")
    shown = page(client, review)
    assert "The composer was misnamed." in shown and 'href="#corrections">Updated' in shown
    modified = datetime.datetime.fromisoformat(structured_data(shown)["dateModified"])
    assert modified == correction.published_at


def test_unpublish_and_publish_again_show_at_once(client, fragment_cache, editor, review):
    page(client, review)
    workflow.apply_action(review, "unpublish", editor)
    assert client.get(review.get_absolute_url()).status_code == 404
    Review.objects.filter(pk=review.pk).update(headline="Back Again")
    review.refresh_from_db()
    workflow.apply_action(review, "publish", editor)
    assert "<h1>Back Again</h1>" in page(client, review)


def test_a_changed_address_is_not_served_at_the_old_one(client, fragment_cache, review):
    from reviews.models import SlugRedirect

    old_slug, old_url = review.slug, review.get_absolute_url()
    page(client, review)  # the review at the old address is kept
    review.slug = "sung-at-dawn"
    review.save()
    SlugRedirect.objects.remember(review, old_slug)
    moved = client.get(old_url)
    assert moved.status_code == 301 and moved["Location"] == review.get_absolute_url()
    assert "<h1>Sung in Traffic</h1>" in page(client, review)


def test_still_changes_show_at_once(client, fragment_cache, review):
    placed = review.placements.get()
    page(client, review)
    Photo.objects.filter(pk=placed.photo_id).update(caption="Mia at the audition.")
    assert "Mia at the audition." in page(client, review)

    Rendition.objects.create(
        photo=placed.photo, spec="w640", format="jpeg", width=640, height=360, file="r/w640.jpg"
    )
    assert "r/w640.jpg 640w" in page(client, review)

    factories.ReviewStillFactory(review=review, after_paragraph=2, photo__caption="A new still.")
    assert "A new still." in page(client, review)

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Photo.objects.filter(pk=placed.photo_id).update(usage_expires=yesterday)
    shown = page(client, review)
    assert "Mia at the audition." not in shown and "A new still." in shown


def test_the_lead_still_and_its_rights_show_at_once(client, fragment_cache, review):
    lead = factories.PhotoFactory(film=review.film, caption="The lead still.")
    page(client, review)
    Review.objects.filter(pk=review.pk).update(lead_still=lead)
    shown = page(client, review)
    assert "The lead still." in shown and 'property="og:image"' in shown
    assert structured_data(shown)["image"][0]["contentUrl"].endswith(lead.image.url)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Photo.objects.filter(pk=lead.pk).update(usage_expires=yesterday)
    shown = page(client, review)
    # The still in the body leads now (the lead photo's default), on the page and its card.
    body_still = review.placements.get().photo
    assert "The lead still." not in shown
    assert f'property="og:image" content="http://testserver{body_still.image.url}"' in shown


def test_film_and_credit_edits_show_at_once(client, fragment_cache, review):
    page(client, review)
    Film.objects.filter(pk=review.film_id).update(where_playing="At the Castro")
    assert "At the Castro" in page(client, review)

    review.film.genres.add(factories.GenreFactory(name="Musical"))
    shown = page(client, review)
    assert ">Musical</a>" in shown
    assert structured_data(shown)["itemReviewed"]["genre"] == ["Musical"]

    person = factories.PersonFactory(name="Damien Chazelle")
    Credit.objects.bulk_create([Credit(film=review.film, person=person, role=CreditRole.DIRECTOR)])
    shown = page(client, review)
    assert "Damien Chazelle" in shown
    assert structured_data(shown)["itemReviewed"]["director"][0]["name"] == "Damien Chazelle"

    Person.objects.filter(name="Emma Stone").update(name="Emma Stone (II)")
    assert "Emma Stone (II)" in page(client, review)


def travel_to(monkeypatch, moment: datetime.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_a_still_leaves_the_page_the_day_after_its_rights_run_out(
    client, fragment_cache, monkeypatch, review
):
    today = timezone.localdate()
    Photo.objects.filter(placements__review=review).update(usage_expires=today)
    assert "Mia sings." in page(client, review)
    assert "Mia sings." in page(client, review)  # from the fragments
    midnight = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    travel_to(monkeypatch, timezone.make_aware(midnight) + datetime.timedelta(minutes=1))
    assert "Mia sings." not in page(client, review)


def test_a_scheduled_moment_gives_every_fragment_a_new_key(
    client, fragment_cache, monkeypatch, review
):
    due = timezone.now() + datetime.timedelta(hours=2)
    factories.ReviewFactory(film=review.film, status=ReviewStatus.SCHEDULED, published_at=due)
    page(client, review)
    before = set(fragment_keys(fragment_cache))
    travel_to(monkeypatch, due + datetime.timedelta(seconds=1))
    page(client, review)
    after = set(fragment_keys(fragment_cache)) - before
    assert len(after) == len(ReviewPageView.fragment_names)


def test_staff_neither_read_nor_store_fragments(client, fragment_cache, editor, review):
    client.force_login(editor)
    request = RequestFactory().get(review.get_absolute_url())
    key = Fragments(request, f"review:{review.pk}", ()).key("facts")
    fragment_cache.set(key, '<aside class="facts">Held in the cache</aside>')
    shown = page(client, review)
    assert "Held in the cache" not in shown and "Emma Stone" in shown
    assert len(fragment_keys(fragment_cache)) == 1  # the one put there


def test_previews_neither_read_nor_store_fragments(client, fragment_cache, editor):
    review = factories.ReviewFactory(status=ReviewStatus.IN_REVIEW, headline="Embargoed")
    factories.CreditFactory(film=review.film, person__name="Emma Stone")
    link = previews.create_preview_link(review, editor)
    url = reverse("reviews:review-shared-preview", args=[previews.preview_token(link)])
    shown = client.get(url).content.decode()
    assert "Embargoed" in shown and "Emma Stone" in shown
    assert fragment_keys(fragment_cache) == []


def test_a_cache_that_is_down_only_means_the_page_is_rendered(client, settings, review):
    settings.FRAGMENT_CACHE_ENABLED = True
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    shown = page(client, review)
    assert "Emma Stone" in shown and "Mia sings." in shown
