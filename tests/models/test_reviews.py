"""Reviews: ratings in half stars, the published queryset, and what the database refuses."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from reviews.models import Review, ReviewStatus
from tests import factories
from tests.helpers import refused, review_in

pytestmark = pytest.mark.django_db


class TestReview:
    def test_reads_as_its_headline_and_lives_at_its_slug(self):
        review = factories.ReviewFactory(headline="A Love Letter", slug="a-love-letter")
        assert str(review) == "A Love Letter"
        assert review.get_absolute_url() == "/reviews/a-love-letter/"

    @pytest.mark.parametrize("rating", ["4.5", "-0.5", "1.3"])
    def test_rating_outside_half_stars_0_to_4_is_refused(self, rating):
        with refused(), transaction.atomic():
            factories.ReviewFactory(rating=Decimal(rating))

    @pytest.mark.parametrize("rating", [None, "0", "0.5", "2.5", "4"])
    def test_rating_in_half_stars_or_none_is_kept(self, rating):
        review = factories.ReviewFactory(rating=Decimal(rating) if rating else None)
        review.refresh_from_db()
        assert review.rating == (Decimal(rating) if rating else None)

    def test_published_without_time_is_refused_by_database(self):
        review = factories.ReviewFactory()
        with refused(), transaction.atomic():
            Review.objects.filter(pk=review.pk).update(status=ReviewStatus.PUBLISHED)

    def test_publishing_without_time_stamps_now(self):
        review = factories.ReviewFactory(status=ReviewStatus.PUBLISHED, published_at=None)
        assert review.published_at is not None
        assert review.is_published

    def test_published_queryset_hides_drafts_and_future(self):
        live = factories.ReviewFactory(published=True)
        factories.ReviewFactory()  # draft
        factories.ReviewFactory(
            status=ReviewStatus.PUBLISHED,
            published_at=timezone.now() + datetime.timedelta(days=1),
        )
        assert list(Review.objects.published()) == [live]
        assert [r.is_published for r in Review.objects.order_by("pk")] == [True, False, False]

    def test_stars_text_reads_as_printed(self):
        assert factories.ReviewFactory(rating=Decimal("3.5")).stars_text == "3½ stars out of 4"
        assert factories.ReviewFactory(rating=Decimal("1")).stars_text == "1 star out of 4"
        assert factories.ReviewFactory(rating=None).stars_text == "Not rated"

    def test_same_still_twice_in_one_review_is_refused(self):
        placement = factories.ReviewStillFactory()
        with refused(), transaction.atomic():
            factories.ReviewStillFactory(review=placement.review, photo=placement.photo)

    def test_listing_photo_falls_back_to_film_lead_still(self):
        still = factories.PhotoFactory()
        review = factories.ReviewFactory(film__lead_still=still)
        assert review.listing_photo == still

    def test_correction_reads_as_such_and_links_to_the_corrections(self):
        correction = factories.CorrectionFactory(review__slug="fixed")
        assert str(correction).startswith("Correction to ")
        assert correction.get_absolute_url() == "/reviews/fixed/#corrections"


class TestStaffVisibility:
    def test_open_to_gives_a_critic_only_their_own_reviews_and_an_editor_all(
        self, critic_user, editor
    ):
        own = factories.ReviewFactory(critic=critic_user.critic)
        other = factories.ReviewFactory(published=True)
        assert list(Review.objects.open_to(critic_user)) == [own]
        assert set(Review.objects.open_to(editor)) == {own, other}


@pytest.mark.parametrize(
    "make_twice",
    [
        lambda: [factories.ReviewFactory(slug="same") for _ in range(2)],
        lambda: [factories.PersonFactory(slug="same") for _ in range(2)],
        lambda: [factories.CriticFactory(slug="same") for _ in range(2)],
        lambda: [factories.Genre.objects.create(name=f"G{n}", slug="same") for n in range(2)],
    ],
    ids=["review", "person", "critic", "genre"],
)
def test_slugs_are_unique_in_the_database(make_twice):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_twice()


def test_modified_at_is_the_latest_correction_or_the_last_update():
    review = review_in(ReviewStatus.PUBLISHED)
    assert review.modified_at == review.updated_at
    Review.objects.filter(pk=review.pk).update(
        updated_at=timezone.now() - datetime.timedelta(hours=1)
    )
    later = timezone.now() - datetime.timedelta(minutes=5)
    factories.CorrectionFactory(review=review, published_at=later)
    ahead = timezone.now() + datetime.timedelta(minutes=5)
    factories.CorrectionFactory(review=review, published_at=ahead)
    review = Review.objects.prefetch_related("corrections").get(pk=review.pk)
    # A correction dated ahead counts only once its date has come.
    assert review.modified_at == later


def test_modified_at_is_never_before_publication_for_a_review_scheduled_ahead():
    review = review_in(ReviewStatus.SCHEDULED)
    assert review.modified_at == review.published_at
