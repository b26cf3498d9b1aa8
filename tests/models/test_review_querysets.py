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
    for _ in range(3):
        review_still, film_still = factories.PhotoFactory(), factories.PhotoFactory()
        make_renditions(review_still)
        make_renditions(film_still)
        film = factories.FilmFactory(lead_still=film_still)
        factories.ReviewFactory(published=True, film=film, lead_still=review_still)
    # The reviews with film, critic and stills; the renditions of each kind of lead still.
    with django_assert_num_queries(3):
        cards = list(Review.objects.published().for_listing())
        assert all(card.lead_still.renditions.all() for card in cards)
        assert all(card.film.lead_still.renditions.all() for card in cards)


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
