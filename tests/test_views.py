import datetime

import pytest
from django.urls import path, reverse
from django.utils import timezone

from reviews.models import CreditRole, ReviewStatus, SlugRedirect
from tests import factories
from tests.helpers import hidden_states, review_in

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
        "<dt>Rated</dt><dd>PG-13",
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


@pytest.mark.parametrize("state", ["draft", "published, future time"])
def test_unpublished_review_is_404_on_its_page(client, state):
    review = factories.ReviewFactory(**hidden_states()[state])
    assert client.get(review.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("state", ["draft", "published, future time"])
def test_unpublished_review_is_missing_from_film_person_critic_and_genre_pages(client, state):
    review = factories.ReviewFactory(headline="Hidden away", **hidden_states()[state])
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
    today = timezone.localdate()
    for _ in range(20):
        factories.ReviewFactory(
            published=True,
            lead_still=factories.PhotoFactory(),
            film__lead_still=factories.PhotoFactory(),
            film__release_date=today,
        )
    # Latest reviews, their count, the week's strip; renditions of lead photos and of the
    # films' lead stills for each list: seven, for 20 reviews as for 2.
    with django_assert_max_num_queries(7):
        response = client.get("/")
    assert response.status_code == 200
    assert len(response.context["this_week"]) == 8


def test_home_week_strip_fetches_no_pictures(client, django_assert_max_num_queries):
    lead, still = factories.PhotoFactory.create_batch(2)
    factories.ReviewFactory.create_batch(
        3,
        published=True,
        lead_still=lead,
        film__lead_still=still,
        film__release_date=timezone.localdate(),
    )
    # Latest reviews, their count and their two kinds of renditions; the strip in one query.
    with django_assert_max_num_queries(5):
        response = client.get("/")
    assert [r.film.title for r in response.context["this_week"]] == [
        r.film.title for r in response.context["reviews"]
    ]


def test_film_page_query_count_is_fixed(client, django_assert_max_num_queries):
    film = factories.FilmFactory(lead_still=factories.PhotoFactory())
    factories.ReviewFactory.create_batch(20, film=film, published=True)
    factories.CreditFactory.create_batch(20, film=film)
    factories.PhotoFactory.create_batch(5, film=film)
    # Film and lead still, its renditions, genres, credits with people, reviews with
    # critics, stills and their renditions: seven, however many of each.
    with django_assert_max_num_queries(7):
        assert client.get(film.get_absolute_url()).status_code == 200


def make_archive():
    drama, comedy = (
        factories.GenreFactory(name="Drama", slug="drama"),
        factories.GenreFactory(name="Comedy", slug="comedy"),
    )
    rows = [
        ("Drama 2016 R 4", drama, 2016, "R", "4.0"),
        ("Drama 2020 PG 2", drama, 2020, "PG", "2.0"),
        ("Comedy 2016 PG 3", comedy, 2016, "PG", "3.0"),
    ]
    for headline, genre, year, mpaa, stars in rows:
        review = factories.ReviewFactory(
            published=True,
            headline=headline,
            rating=stars,
            film__release_date=datetime.date(year, 5, 1),
            film__mpaa_rating=mpaa,
        )
        review.film.genres.add(genre)
    factories.ReviewFactory(headline="Drama draft", film__release_date=datetime.date(2016, 1, 1))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"Drama 2016 R 4", "Drama 2020 PG 2", "Comedy 2016 PG 3"}),
        ({"genre": "drama"}, {"Drama 2016 R 4", "Drama 2020 PG 2"}),
        ({"mpaa": "PG"}, {"Drama 2020 PG 2", "Comedy 2016 PG 3"}),
        ({"stars": "3"}, {"Drama 2016 R 4", "Comedy 2016 PG 3"}),
        ({"year": "2016"}, {"Drama 2016 R 4", "Comedy 2016 PG 3"}),
        ({"genre": "drama", "year": "2016", "stars": "4"}, {"Drama 2016 R 4"}),
    ],
)
def test_archive_filters(client, query, expected):
    make_archive()
    response = client.get("/reviews/", query)
    assert response.status_code == 200
    assert {review.headline for review in response.context["reviews"]} == expected


def test_archive_bad_filter_values_are_named_not_fatal(client):
    make_archive()
    response = client.get("/reviews/", {"genre": "no-such-genre", "year": "abc", "mpaa": "PG"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"genre", "year"}
    # The valid filter still applies.
    assert {r.headline for r in response.context["reviews"]} == {
        "Drama 2020 PG 2",
        "Comedy 2016 PG 3",
    }
    assert "Select a valid choice" in response.content.decode()


def test_archive_is_paginated_and_keeps_filters_in_page_links(client):
    genre = factories.GenreFactory(slug="drama")
    for review in factories.ReviewFactory.create_batch(55, published=True):
        review.film.genres.add(genre)
    response = client.get("/reviews/", {"genre": "drama"})
    assert len(response.context["reviews"]) == 50
    assert "?genre=drama&amp;page=2" in response.content.decode()
    assert len(client.get("/reviews/", {"genre": "drama", "page": 2}).context["reviews"]) == 5


def test_archive_form_is_a_plain_get_form(client):
    page = client.get("/reviews/").content.decode()
    assert 'method="get"' in page
    assert "csrfmiddlewaretoken" not in page


def test_archive_query_count_is_fixed(client, django_assert_max_num_queries):
    photo = factories.PhotoFactory()
    factories.ReviewFactory.create_batch(50, published=True, lead_still=photo)
    with django_assert_max_num_queries(6):
        response = client.get("/reviews/")
    assert len(response.context["reviews"]) == 50


def test_person_page_query_count_is_fixed(client, django_assert_max_num_queries):
    person = factories.PersonFactory()
    for _ in range(15):
        review = factories.ReviewFactory(
            published=True,
            lead_still=factories.PhotoFactory(),
            film__lead_still=factories.PhotoFactory(),
        )
        factories.CreditFactory(person=person, film=review.film)
    # Person, filmography, reviews, and the renditions of the cards' two kinds of still.
    with django_assert_max_num_queries(5):
        assert client.get(person.get_absolute_url()).status_code == 200


def test_critic_page_query_count_is_fixed(client, django_assert_max_num_queries):
    critic = factories.CriticFactory()
    for _ in range(20):
        factories.ReviewFactory(
            published=True,
            critic=critic,
            lead_still=factories.PhotoFactory(),
            film__lead_still=factories.PhotoFactory(),
        )
    # Critic, reviews, and the renditions of the cards' two kinds of still.
    with django_assert_max_num_queries(4):
        assert client.get(critic.get_absolute_url()).status_code == 200


def test_home_shows_films_opening_this_week(client):
    today = timezone.localdate()
    factories.ReviewFactory(published=True, headline="Opening now", film__title="New One",
                            film__release_date=today)  # fmt: skip
    factories.ReviewFactory(published=True, film__title="Old One",
                            film__release_date=datetime.date(2001, 1, 1))  # fmt: skip
    response = client.get("/")
    assert [r.film.title for r in response.context["this_week"]] == ["New One"]
    assert "Opening this week" in response.content.decode()


def test_trailer_loads_nothing_from_the_video_site_until_clicked(client, review):
    review.film.trailer_url = "https://www.youtube.com/watch?v=0pdqf4P9MB8"
    review.film.trailer_caption = "The trailer for “La La Land.”"
    review.film.trailer_credit = "Lionsgate"
    review.film.save()
    page = client.get(review.get_absolute_url()).content.decode()
    assert "<iframe" not in page
    assert 'data-embed="https://www.youtube-nocookie.com/embed/0pdqf4P9MB8?autoplay=1"' in page
    assert 'The trailer for “La La Land.” <span class="credit">Lionsgate</span>' in page
    assert "/static/js/trailer.js" in page


def test_review_page_shows_updated_date_and_corrections(client, review):
    factories.CorrectionFactory(review=review, text="An earlier version misnamed the composer.")
    page = client.get(review.get_absolute_url()).content.decode()
    assert '<a href="#corrections">Updated</a> <time' in page
    assert "An earlier version misnamed the composer." in page


def test_review_page_has_canonical_and_social_tags(client, review):
    review.lead_still = review.placements.get().photo
    review.save()
    page = client.get(review.get_absolute_url()).content.decode()
    url = f"http://testserver{review.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in page
    assert f'<meta property="og:url" content="{url}">' in page
    assert '<meta property="og:title" content="Sung in Traffic">' in page
    assert (
        f'<meta property="og:image" content="http://testserver{review.lead_still.image.url}">'
        in page
    )
    assert '<meta name="twitter:card" content="summary_large_image">' in page


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_404_page_is_in_site_design(client):
    response = client.get("/films/no-such-film/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "masthead" in response.content.decode()


def boom(request):
    raise RuntimeError("broken view")


urlpatterns = [path("boom/", boom)]


@pytest.mark.urls("tests.test_views")
def test_server_error_page_is_in_site_design(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page and "/static/css/site.css" in page


def test_old_address_of_an_unpublished_review_is_404_not_a_redirect(client, editor):
    review = review_in(ReviewStatus.DRAFT, slug="renamed")
    SlugRedirect.objects.remember(review, "first-name")
    assert client.get("/reviews/first-name/").status_code == 404


def test_unknown_person_address_is_still_404(client):
    response = client.get(reverse("reviews:person-detail", kwargs={"slug": "nobody"}))

    assert response.status_code == 404
