"""An embargo holds everywhere: before its end, nothing of the review and none of its
stills reach any public surface (the draft-leak test's list, tests/public/test_urls.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reviews.editorial import embargo
from reviews.models import Photo, Review, ReviewStatus, ReviewStill
from reviews.models.content import content_state
from tests import factories
from tests.public.test_urls import BODY_MARK, DEK_MARK, HEADLINE, SURFACES

pytestmark = pytest.mark.django_db

CAPTION = "Embargoed caption narwhal"
LEAD_CAPTION = "Embargoed lead axolotl"


@pytest.fixture
def embargoed():
    """A review scheduled at its embargo's end, with a lead still and a placed still that
    are also the film's stills, and a live review of the same film beside it."""
    until = timezone.now() + datetime.timedelta(days=2)
    review = factories.ReviewFactory(
        headline=HEADLINE,
        slug="hidden-headline-zebra",
        dek=DEK_MARK,
        body=f"<p>{BODY_MARK}</p><p>Two.</p>",
        status=ReviewStatus.SCHEDULED,
        published_at=until,
        embargo_until=until,
        embargo_note="Not before the premiere",
    )
    factories.CreditFactory(film=review.film)
    review.film.genres.add(factories.GenreFactory())
    placed = factories.PhotoFactory(
        film=review.film, caption=CAPTION, image__filename="narwhal.jpg"
    )
    lead = factories.PhotoFactory(
        film=review.film, caption=LEAD_CAPTION, image__filename="axolotl.jpg"
    )
    ReviewStill.objects.create(review=review, photo=placed, after_paragraph=1)
    review.lead_still = lead
    review.save()
    embargo.extend_to_stills(review)
    factories.ReviewFactory(published=True, film=review.film, critic=review.critic)
    factories.PhotoFactory(film=review.film, caption="Free still of the film.")
    return review


@pytest.mark.parametrize("surface", SURFACES)
def test_nothing_of_an_embargoed_review_or_its_stills_is_public(client, embargoed, surface):
    url = SURFACES[surface](embargoed)
    response = client.get(url)
    content = response.content.decode(errors="replace")
    assert response.status_code in {200, 302, 404}
    for mark in (HEADLINE, BODY_MARK, DEK_MARK, embargoed.slug, CAPTION, LEAD_CAPTION):
        assert mark not in content, mark
    # The file names too (stored under a name with a random part, "narwhal_x1Y2z3.jpg").
    assert "narwhal" not in content and "axolotl" not in content


def test_the_film_page_shows_its_other_stills_but_not_the_embargoed_ones(client, embargoed):
    page = client.get(embargoed.film.get_absolute_url()).content.decode()
    assert "Free still of the film." in page
    assert CAPTION not in page and LEAD_CAPTION not in page


def test_once_the_embargo_ends_the_review_and_its_stills_are_public(client, embargoed):
    past = timezone.now() - datetime.timedelta(minutes=1)
    Review.objects.filter(pk=embargoed.pk).update(published_at=past, embargo_until=past)
    Photo.objects.filter(embargo_until__isnull=False).update(embargo_until=past)
    assert HEADLINE in client.get(embargoed.get_absolute_url()).content.decode()
    film_page = client.get(embargoed.film.get_absolute_url()).content.decode()
    assert CAPTION in film_page and LEAD_CAPTION in film_page
    assert "narwhal" in film_page and "axolotl" in film_page


def test_a_still_with_its_own_embargo_is_off_the_film_page_until_then(client):
    film = factories.FilmFactory()
    factories.PhotoFactory(
        film=film,
        caption=CAPTION,
        embargo_until=timezone.now() + datetime.timedelta(hours=1),
    )
    assert CAPTION not in client.get(film.get_absolute_url()).content.decode()
    Photo.objects.update(embargo_until=timezone.now() - datetime.timedelta(seconds=1))
    assert CAPTION in client.get(film.get_absolute_url()).content.decode()


def test_the_staff_preview_shows_the_embargoed_stills(client, editor, embargoed):
    client.force_login(editor)
    page = client.get(reverse("reviews:review-preview", args=[embargoed.pk])).content.decode()
    assert CAPTION in page and LEAD_CAPTION in page


def test_the_page_cache_knows_an_embargo_s_end_as_a_next_moment():
    until = timezone.now() + datetime.timedelta(hours=3)
    factories.ReviewFactory(embargo_until=until)
    assert content_state()[1] == int(until.timestamp())
    sooner = timezone.now() + datetime.timedelta(hours=1)
    factories.PhotoFactory(embargo_until=sooner)
    assert content_state()[1] == int(sooner.timestamp())


def test_the_film_page_query_count_is_fixed_with_embargoed_stills(client, embargoed):
    url = embargoed.film.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(4):
        factories.PhotoFactory(film=embargoed.film, embargo_until=embargoed.embargo_until)
        factories.PhotoFactory(film=embargoed.film)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few) <= 15
