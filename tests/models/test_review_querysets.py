"""ReviewQuerySet's builders: what a listing card and a review page fetch."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from reviews.models import Review
from reviews.public.review_page import ReviewPage
from reviews.stills.processing import make_renditions
from tests import factories


@pytest.mark.django_db
def test_listing_cards_draw_their_stills_without_a_query_per_card(django_assert_num_queries):
    expected = {}
    for _ in range(3):
        review_still, body_still, film_still = factories.PhotoFactory.create_batch(3)
        for still in (review_still, body_still, film_still):
            make_renditions(still)
        film = factories.FilmFactory(lead_still=film_still)
        own = factories.ReviewFactory(published=True, film=film, lead_still=review_still)
        factories.ReviewStillFactory(review=own, photo=body_still)
        placed = factories.ReviewFactory(published=True, film=film)
        factories.ReviewStillFactory(review=placed, photo=body_still)
        bare = factories.ReviewFactory(published=True, film=film)
        expected |= {own.pk: review_still, placed.pk: body_still, bare.pk: film_still}
    # The reviews with film, critic and lead stills; the first body stills of those without
    # a lead of their own; the renditions of the picture each card shows.
    with django_assert_num_queries(3):
        cards = list(Review.objects.published().for_listing())
        assert {card.pk: card.listing_photo for card in cards} == expected
        assert all(card.listing_photo.renditions.all() for card in cards)


@pytest.mark.django_db
def test_the_review_page_leaves_out_placed_stills_whose_rights_expired():
    review = factories.ReviewFactory(published=True)
    shown = factories.ReviewStillFactory(review=review).photo
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    factories.ReviewStillFactory(
        review=review, photo=factories.PhotoFactory(usage_expires=yesterday)
    )
    page = ReviewPage(Review.objects.for_page_header().get(pk=review.pk), RequestFactory().get("/"))
    assert [placement.photo for placement in page.placements] == [shown]
