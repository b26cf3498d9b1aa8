import datetime

import pytest
from django.utils import timezone

from reviews.models import CreditRole
from reviews.models.reviews import ReviewStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    review = factories.ReviewFactory(published=True, headline="Sung in Traffic", dek="A dek.")
    factories.CreditFactory(
        film=review.film, person__name="Emma Stone", role=CreditRole.CAST, character="Mia"
    )
    factories.CreditFactory(
        film=review.film, person__name="Damien Chazelle", role=CreditRole.DIRECTOR, character=""
    )
    factories.ReviewStillFactory(
        review=review,
        after_paragraph=1,
        photo__caption="Emma Stone as aspiring actress Mia.",
        photo__credit_line="Dale Robinette/Lionsgate",
    )
    return review


def unpublished_variants():
    future = timezone.now() + datetime.timedelta(days=2)
    return {
        "draft": {"status": ReviewStatus.DRAFT},
        "future": {"status": ReviewStatus.PUBLISHED, "published_at": future},
    }


def test_home_lists_published_reviews_only(client, review):
    factories.ReviewFactory(headline="Secret draft")
    page = client.get("/").content.decode()
    assert "Sung in Traffic" in page
    assert "Secret draft" not in page


def test_review_page_shows_the_yardstick(client, review):
    page = client.get(review.get_absolute_url()).content.decode()
    for expected in [
        "Sung in Traffic",
        "A dek.",
        review.critic.name,
        "Rated PG-13",
        "128 minutes",
        "Contains some obscenity",
        "At area theaters",
        "Emma Stone</a> as Mia",
        'aria-label="3½ stars out of 4"',
        'Emma Stone as aspiring actress Mia. <span class="credit">Dale Robinette/Lionsgate</span>',
    ]:
        assert expected in page
    # The still sits after the first paragraph, before the second.
    assert page.index("First paragraph") < page.index("<figure") < page.index("Second paragraph")


@pytest.mark.parametrize("variant", ["draft", "future"])
def test_unpublished_review_is_404_on_its_page(client, variant):
    review = factories.ReviewFactory(**unpublished_variants()[variant])
    assert client.get(review.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("variant", ["draft", "future"])
def test_unpublished_review_is_missing_from_film_person_critic_and_genre_pages(client, variant):
    review = factories.ReviewFactory(headline="Hidden away", **unpublished_variants()[variant])
    credit = factories.CreditFactory(film=review.film)
    genre = factories.GenreFactory()
    review.film.genres.add(genre)
    for url in [
        review.film.get_absolute_url(),
        credit.person.get_absolute_url(),
        review.critic.get_absolute_url(),
        genre.get_absolute_url(),
        "/",
    ]:
        response = client.get(url)
        assert response.status_code == 200
        assert "Hidden away" not in response.content.decode()


def test_expired_still_is_hidden_from_review_and_film_pages(client, review):
    placement = review.placements.get()
    placement.photo.usage_expires = timezone.localdate() - datetime.timedelta(days=1)
    placement.photo.save()
    placement.photo.film = review.film
    placement.photo.save()
    for url in [review.get_absolute_url(), review.film.get_absolute_url()]:
        assert placement.photo.caption not in client.get(url).content.decode()


def test_film_person_critic_pages(client, review):
    film_page = client.get(review.film.get_absolute_url()).content.decode()
    assert "Sung in Traffic" in film_page and "Director" in film_page
    person = review.film.credits.get(role=CreditRole.CAST).person
    person_page = client.get(person.get_absolute_url()).content.decode()
    assert review.film.title in person_page and "Sung in Traffic" in person_page
    critic_page = client.get(review.critic.get_absolute_url()).content.decode()
    assert "Sung in Traffic" in critic_page


def test_unknown_pages_are_404_in_site_design(client):
    response = client.get("/reviews/no-such-review/")
    assert response.status_code == 404


def test_review_page_query_count_is_fixed(client, django_assert_max_num_queries):
    review = factories.ReviewFactory(published=True)
    for n in range(50):
        factories.CreditFactory(film=review.film, character=f"Role {n}")
    for n in range(10):
        factories.ReviewStillFactory(review=review, after_paragraph=n % 3)
    factories.CorrectionFactory.create_batch(3, review=review)
    with django_assert_max_num_queries(8):
        response = client.get(review.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count("<figure") == 10


def test_home_query_count_is_fixed(client, django_assert_max_num_queries):
    factories.ReviewFactory.create_batch(20, published=True, lead_photo=factories.PhotoFactory())
    with django_assert_max_num_queries(3):
        assert client.get("/").status_code == 200


def test_film_page_query_count_is_fixed(client, django_assert_max_num_queries):
    film = factories.FilmFactory()
    factories.ReviewFactory.create_batch(20, film=film, published=True)
    factories.CreditFactory.create_batch(20, film=film)
    factories.PhotoFactory.create_batch(5, film=film)
    with django_assert_max_num_queries(6):
        assert client.get(film.get_absolute_url()).status_code == 200
