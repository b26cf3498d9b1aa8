import datetime
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from reviews.models import Credit, CreditRole, Film, Photo, PreviewLink, Review
from reviews.models.photos import EXPIRING_SOON_DAYS
from reviews.models.reviews import ReviewStatus
from tests import factories
from tests.helpers import refused

pytestmark = pytest.mark.django_db


class TestFilm:
    def test_str_and_url(self):
        film = factories.FilmFactory(title="La La Land", slug="la-la-land")
        assert str(film) == "La La Land (2016)"
        assert film.get_absolute_url() == "/films/la-la-land/"

    def test_year_is_taken_from_release_date(self):
        film = factories.FilmFactory(release_date=datetime.date(2016, 12, 9), year=None)
        assert film.year == 2016

    def test_running_time_reads_like_print(self):
        assert factories.FilmFactory(running_time=128).running_time_display == "128 minutes"
        assert factories.FilmFactory(running_time=None).running_time_display == ""

    def test_running_time_must_be_positive(self):
        with refused(), transaction.atomic():
            factories.FilmFactory(running_time=0)

    def test_unknown_mpaa_rating_is_refused(self):
        with refused(), transaction.atomic():
            factories.FilmFactory(mpaa_rating="X")

    def test_slug_is_unique(self):
        factories.FilmFactory(slug="same")
        with refused(), transaction.atomic():
            factories.FilmFactory(slug="same")


class TestCredit:
    def test_cast_credit_reads_as_person_as_character(self):
        credit = factories.CreditFactory(
            person__name="Emma Stone", role=CreditRole.CAST, character="Mia"
        )
        assert str(credit) == "Emma Stone as Mia"
        assert credit.get_absolute_url() == credit.person.get_absolute_url()

    def test_crew_credit_names_role(self):
        credit = factories.CreditFactory(
            person__name="Justin Hurwitz", role=CreditRole.COMPOSER, character=""
        )
        assert str(credit) == "Justin Hurwitz, composer"

    def test_same_credit_twice_is_refused(self):
        credit = factories.CreditFactory(role=CreditRole.DIRECTOR, character="")
        with refused(), transaction.atomic():
            Credit.objects.create(film=credit.film, person=credit.person, role=credit.role)

    def test_one_person_many_credits_across_films(self):
        person = factories.PersonFactory()
        factories.CreditFactory(person=person, role=CreditRole.DIRECTOR, character="")
        factories.CreditFactory(person=person, role=CreditRole.SCREENWRITER, character="")
        factories.CreditFactory(person=person, role=CreditRole.CAST, character="Himself")
        assert person.credits.count() == 3
        assert len({credit.film_id for credit in person.credits.all()}) == 3

    def test_character_only_for_cast(self):
        with refused(), transaction.atomic():
            factories.CreditFactory(role=CreditRole.DIRECTOR, character="Mia")


class TestReview:
    def test_str_and_url(self):
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

    def test_stars_text(self):
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

    def test_correction_str_and_url(self):
        correction = factories.CorrectionFactory(review__slug="fixed")
        assert str(correction).startswith("Correction to ")
        assert correction.get_absolute_url() == "/reviews/fixed/#corrections"


class TestPhoto:
    def test_dimensions_are_read_from_the_image(self):
        photo = factories.PhotoFactory()
        assert (photo.width, photo.height) == (64, 36)
        assert str(photo) == photo.caption

    def test_usable_excludes_expired_rights(self):
        today = timezone.localdate()
        open_ended = factories.PhotoFactory(usage_expires=None)
        still_ok = factories.PhotoFactory(usage_expires=today)
        expired = factories.PhotoFactory(usage_expires=today - datetime.timedelta(days=1))
        assert set(Photo.objects.usable()) == {open_ended, still_ok}
        assert list(Photo.objects.expired()) == [expired]
        assert not expired.is_usable and still_ok.is_usable

    def test_expiring_within(self):
        today = timezone.localdate()
        soon = factories.PhotoFactory(usage_expires=today + datetime.timedelta(days=5))
        factories.PhotoFactory(usage_expires=today + datetime.timedelta(days=60))
        assert list(Photo.objects.expiring_within(30)) == [soon]


def test_film_str_without_year():
    assert str(Film(title="Untitled")) == "Untitled"


class TestStaffVisibility:
    def test_open_to_gives_a_critic_only_their_own_reviews_and_an_editor_all(
        self, critic_user, editor
    ):
        own = factories.ReviewFactory(critic=critic_user.critic)
        other = factories.ReviewFactory(published=True)
        assert list(Review.objects.open_to(critic_user)) == [own]
        assert set(Review.objects.open_to(editor)) == {own, other}


class TestPreviewLink:
    def test_active_links_are_neither_revoked_nor_expired_as_is_active_says(self, editor):
        review = factories.ReviewFactory()
        now = timezone.now()
        live = PreviewLink.objects.create(
            review=review, expires_at=now + datetime.timedelta(days=1)
        )
        PreviewLink.objects.create(review=review, expires_at=now - datetime.timedelta(seconds=1))
        PreviewLink.objects.create(
            review=review, expires_at=now + datetime.timedelta(days=1), revoked_at=now
        )
        assert list(PreviewLink.objects.active()) == [live]
        assert [link for link in PreviewLink.objects.all() if link.is_active] == [live]


def test_expires_soon_agrees_with_the_library_filter_at_its_edges():
    today = timezone.localdate()
    for days in (-1, 0, EXPIRING_SOON_DAYS, EXPIRING_SOON_DAYS + 1, None):
        expires = None if days is None else today + datetime.timedelta(days)
        factories.PhotoFactory(caption=f"{days}", usage_expires=expires)
    soon = set(Photo.objects.expiring_within(EXPIRING_SOON_DAYS))
    assert {p.caption for p in soon} == {"0", str(EXPIRING_SOON_DAYS)}
    assert {p for p in Photo.objects.all() if p.expires_soon} == soon
