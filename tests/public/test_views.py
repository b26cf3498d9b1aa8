"""The readers' pages: what each one shows, what it never shows, and its query count."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse
from django.utils import timezone

from reviews.models import CreditRole, Person, ReviewStatus, SlugRedirect
from reviews.public.views import HOME_PAGE_SIZE, PERSON_REVIEWS_SHOWN
from tests import factories
from tests.admin_forms import post_change_form
from tests.helpers import hidden_states, processed_still, review_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    # A lead photo of its own: the still in the body stays in the body.
    review = factories.ReviewFactory(
        published=True,
        headline="Sung in Traffic",
        dek="A dek.",
        lead_still=factories.PhotoFactory(),
    )
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


@pytest.fixture
def la_la_land():
    film = factories.FilmFactory(title="La La Land", slug="la-la-land", distributor="Lionsgate")
    film.genres.add(
        factories.GenreFactory(name="Musical", slug="musical"),
        factories.GenreFactory(name="Drama", slug="drama"),
    )
    people = {
        (CreditRole.DIRECTOR, "Damien Chazelle", ""),
        (CreditRole.SCREENWRITER, "Damien Chazelle", ""),
        (CreditRole.CAST, "Emma Stone", "Mia"),
        (CreditRole.COMPOSER, "Justin Hurwitz", ""),
        (CreditRole.EDITOR, "Tom Cross", ""),
        (CreditRole.CINEMATOGRAPHER, "Linus Sandgren", ""),
        (CreditRole.PRODUCER, "Fred Berger", ""),
    }
    for role, name, character in sorted(people):
        slug = name.lower().replace(" ", "-")
        person = Person.objects.filter(slug=slug).first() or factories.PersonFactory(
            name=name, slug=slug
        )
        factories.CreditFactory(film=film, person=person, role=role, character=character)
    lead = factories.PhotoFactory(film=film, caption="Mia and Sebastian dance.")
    review = factories.ReviewFactory(
        film=film,
        published=True,
        headline="A Love Letter Sung in Traffic",
        dek="Emma Stone and Ryan Gosling dance through Los Angeles.",
        rating="4.0",
        lead_still=lead,
        critic__name="Harriet Vance",
        critic__slug="harriet-vance",
        critic__bio="Harriet Vance has reviewed films since 1998.",
    )
    return review


def section(page: str, start: str, end: str = "</section>") -> str:
    """The text of ``page`` from ``start`` to the next ``end``."""
    rest = page[page.index(start) :]
    return rest[: rest.index(end)]


# The home page -------------------------------------------------------------------------------


def test_home_lists_published_reviews_only(client, review):
    factories.ReviewFactory(headline="Secret draft")
    page = client.get("/").content.decode()
    assert "Sung in Traffic" in page
    assert "Secret draft" not in page


def test_home_lead_shows_its_still_first_stars_film_title_and_dek(client, la_la_land):
    page = client.get("/").content.decode()
    card = page[page.index('<article class="lead">') :]
    card = card[: card.index("</article>")]
    assert la_la_land.lead_still.image.url in card
    assert 'fetchpriority="high"' in card and 'loading="lazy"' not in card
    assert 'alt="Two people on a hillside at dusk."' in card
    assert 'aria-label="4 stars out of 4"' in card
    assert "<cite>La La Land</cite> (2016)" in card
    assert "Emma Stone and Ryan Gosling dance through Los Angeles." in card
    assert f'href="{la_la_land.get_absolute_url()}"' in card


def test_home_shows_films_opening_this_week(client):
    today = timezone.localdate()
    factories.ReviewFactory(published=True, headline="Opening now", film__title="New One",
                            film__release_date=today)  # fmt: skip
    factories.ReviewFactory(published=True, film__title="Old One",
                            film__release_date=datetime.date(2001, 1, 1))  # fmt: skip
    response = client.get("/")
    assert [r.film.title for r in response.context["this_week"]] == ["New One"]
    assert "Opening this week" in response.content.decode()


def test_home_pagination_says_newer_and_older(client):
    factories.ReviewFactory.create_batch(HOME_PAGE_SIZE + 1, published=True)
    first = client.get("/").content.decode()
    assert 'rel="next" href="?page=2">Older <span aria-hidden="true">→</span></a>' in first
    second = client.get("/", {"page": 2}).content.decode()
    assert 'rel="prev" href="?page=1"><span aria-hidden="true">←</span> Newer</a>' in second


def test_home_query_count_is_fixed(client, django_assert_max_num_queries):
    today = timezone.localdate()
    for _ in range(20):
        factories.ReviewFactory(
            published=True,
            lead_still=factories.PhotoFactory(),
            film__lead_still=factories.PhotoFactory(),
            film__release_date=today,
        )
    # The content state, the latest reviews and their count, the pinned review with the
    # critics' picks, the renditions of every picture on the page, the week's strip, the
    # genres and the critics to browse: eight, for 20 reviews as for 2.
    with django_assert_max_num_queries(8):
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
    # As above: the strip is one query, with no pictures of its own.
    with django_assert_max_num_queries(8):
        response = client.get("/")
    assert [r.film.title for r in response.context["this_week"]] == [
        r.film.title for r in response.context["reviews"]
    ]


# A review's page -----------------------------------------------------------------------------


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
    body = section(page, 'class="review__body"', '<aside class="facts"')
    assert body.index("First paragraph") < body.index("<figure") < body.index("Second paragraph")


def test_review_page_has_the_byline_link_every_fact_and_every_crew_role(client, la_la_land):
    page = client.get(la_la_land.get_absolute_url()).content.decode()
    assert 'By <a href="/critics/harriet-vance/" rel="author">Harriet Vance</a>' in page
    facts = section(page, '<aside class="facts"', "</aside>")
    for fact in [
        "<dt>Rated</dt><dd>PG-13. Contains some obscenity.</dd>",
        "<dt>Running time</dt><dd>128 minutes</dd>",
        "<dt>Where</dt><dd>At area theaters</dd>",
        '<a href="/genres/drama/">Drama</a>, <a href="/genres/musical/">Musical</a>',
        "<dt>Distributor</dt><dd>Lionsgate</dd>",
        '<time datetime="2016-12-09">December 9, 2016</time>',
    ]:
        assert fact in facts, fact
    for name in ["Damien Chazelle", "Justin Hurwitz", "Tom Cross", "Linus Sandgren",
                 "Fred Berger"]:  # fmt: skip
        assert name in page, name
    for role in ["Director", "Screenwriter", "Composer", "Editor", "Cinematographer"]:
        assert role in page, role


def test_review_facts_box_follows_the_text_and_precedes_the_trailer(client):
    review = factories.ReviewFactory(
        published=True,
        body="<p>First paragraph.</p><p>Last paragraph of the review.</p>",
        film__trailer_url="https://www.youtube.com/watch?v=0pdqf4P9MB8",
    )
    page = client.get(review.get_absolute_url()).content.decode()
    # A newspaper prints the film's facts at the foot of the review (a sidebar on wide
    # screens): on a phone the reader meets the text first, not a screenful of credits.
    assert page.index("<h1>") < page.index("Last paragraph of the review.")
    assert page.index("Last paragraph of the review.") < page.index('<aside class="facts"')
    assert page.index('<aside class="facts"') < page.index('<section class="trailer"')


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


def test_review_updated_date_links_to_the_corrections(client):
    review = factories.ReviewFactory(published=True)
    factories.CorrectionFactory(review=review, text="An earlier version misnamed the composer.")
    page = client.get(review.get_absolute_url()).content.decode()
    assert '<a href="#corrections">Updated</a>' in page
    assert 'id="corrections"' in page


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


def test_pages_with_processed_stills_keep_a_fixed_query_count(
    client, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    review = factories.ReviewFactory(published=True)
    for n in range(4):
        factories.ReviewStillFactory(
            review=review, after_paragraph=n % 3,
            photo=processed_still(django_capture_on_commit_callbacks, size=(700, 400)),
        )  # fmt: skip
    review.film.lead_still = review.placements.first().photo
    review.film.save()
    with django_assert_max_num_queries(11):
        page = client.get(review.get_absolute_url()).content.decode()
    # The first placed still leads (it is the film's lead still too), shown once, above
    # the three others.
    assert page.count('<source type="image/webp"') == 4
    # Nine on a cold cache: the content state (read once per request, for the cached
    # count), the count, the reviews, the pin and picks, the first body stills, the
    # pictures' renditions, the week's openings, the genres and the critics.
    with django_assert_max_num_queries(9):
        assert client.get("/").status_code == 200


def test_the_renditions_of_every_picture_on_a_review_page_are_one_query(
    client, django_capture_on_commit_callbacks
):
    # As in the demo: the film's lead still leads the review and is the trailer's poster
    # frame, two instances of one picture, and a still sits in the body.
    lead = processed_still(django_capture_on_commit_callbacks, size=(700, 400))
    film = factories.FilmFactory(lead_still=lead, trailer_url="https://youtu.be/0pdqf4P9MB8")
    review = factories.ReviewFactory(film=film, lead_still=lead, published=True)
    factories.ReviewStillFactory(
        review=review, photo=processed_still(django_capture_on_commit_callbacks)
    )

    with CaptureQueriesContext(connection) as queries:
        page = client.get(review.get_absolute_url()).content.decode()

    assert sum('FROM "reviews_rendition"' in q["sql"] for q in queries) == 1
    assert page.count('<source type="image/webp"') == 3  # the lead, the body, the poster


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


def test_an_unknown_review_is_404(client):
    response = client.get("/reviews/no-such-review/")
    assert response.status_code == 404


# Film, person, critic and genre pages --------------------------------------------------------


def test_film_person_and_critic_pages_show_the_review(client, review):
    film_page = client.get(review.film.get_absolute_url()).content.decode()
    assert "Sung in Traffic" in film_page and "Director" in film_page
    person = review.film.credits.get(role=CreditRole.CAST).person
    person_page = client.get(person.get_absolute_url()).content.decode()
    assert review.film.title in person_page and "Sung in Traffic" in person_page
    critic_page = client.get(review.critic.get_absolute_url()).content.decode()
    assert "Sung in Traffic" in critic_page


def test_film_page_shows_facts_credits_by_role_reviews_and_stills(client, la_la_land):
    factories.ReviewFactory(film=la_la_land.film, published=True, headline="A second opinion")
    factories.ReviewFactory(film=la_la_land.film, headline="A draft about it")
    factories.PhotoFactory(film=la_la_land.film, caption="Sebastian at the piano.")
    page = client.get(la_la_land.film.get_absolute_url()).content.decode()
    assert "<dt>Running time</dt><dd>128 minutes</dd>" in page
    reviews = section(page, 'id="reviews-title"')
    assert "A Love Letter Sung in Traffic" in reviews and "A second opinion" in reviews
    assert "A draft about it" not in page
    credits = section(page, 'id="credits-title"')
    roles = re.findall(r"<dt>([^<]+)</dt>", credits)
    assert roles == ["Director", "Screenwriter", "Cast", "Producer", "Cinematographer",
                     "Editor", "Composer"]  # fmt: skip
    assert '<a href="/people/emma-stone/">Emma Stone</a> as Mia' in credits
    stills = section(page, 'id="stills-title"')
    assert stills.count("<figure") == 2
    assert 'Sebastian at the piano. <span class="credit">Dale Robinette/Lionsgate</span>' in stills


def test_film_page_query_count_is_fixed(client, django_assert_max_num_queries):
    film = factories.FilmFactory(lead_still=factories.PhotoFactory())
    factories.ReviewFactory.create_batch(20, film=film, published=True)
    factories.CreditFactory.create_batch(20, film=film)
    factories.PhotoFactory.create_batch(5, film=film)
    # Film and lead still, its renditions, genres, credits with people, reviews with
    # critics, stills and their renditions: seven, however many of each.
    with django_assert_max_num_queries(7):
        assert client.get(film.get_absolute_url()).status_code == 200


def test_person_page_groups_the_filmography_by_role_and_lists_the_reviews(client, la_la_land):
    chazelle = la_la_land.film.credits.filter(role=CreditRole.DIRECTOR).get().person
    other = factories.FilmFactory(title="Whiplash", release_date=datetime.date(2014, 10, 10))
    factories.CreditFactory(film=other, person=chazelle, role=CreditRole.DIRECTOR, character="")
    page = client.get(chazelle.get_absolute_url()).content.decode()
    filmography = section(page, 'id="filmography-title"')
    assert re.findall(r'<h3 class="role-title">([^<]+)</h3>', filmography) == [
        "Director",
        "Screenwriter",
    ]
    directed = section(filmography, "Director</h3>", "</ul>")
    assert "<cite>La La Land</cite></a> (2016)" in directed
    assert "<cite>Whiplash</cite></a> (2014)" in directed
    assert "A Love Letter Sung in Traffic" in section(page, 'id="person-reviews-title"')


def test_person_page_query_count_is_fixed(client, django_assert_max_num_queries):
    person = factories.PersonFactory()
    for _ in range(15):
        review = factories.ReviewFactory(
            published=True,
            lead_still=factories.PhotoFactory(),
            film__lead_still=factories.PhotoFactory(),
        )
        factories.CreditFactory(person=person, film=review.film)
    # Person, filmography, reviews, their count, and the renditions of the cards' stills.
    with django_assert_max_num_queries(5):
        assert client.get(person.get_absolute_url()).status_code == 200


def test_person_page_shows_the_latest_reviews_and_links_to_all_of_them(client):
    person = factories.PersonFactory(name="Ryan Gosling", slug="ryan-gosling")
    reviews = []
    for day in range(PERSON_REVIEWS_SHOWN + 2):
        review = factories.ReviewFactory(
            published=True, published_at=timezone.now() - datetime.timedelta(days=day)
        )
        # Two credits on one film (cast and producer): its review is still listed once.
        factories.CreditFactory(person=person, film=review.film)
        factories.CreditFactory(
            person=person, film=review.film, role=CreditRole.PRODUCER, character=""
        )
        reviews.append(review)
    factories.ReviewFactory(published=True)  # another person's film

    response = client.get(person.get_absolute_url())
    assert response.context["reviews"] == reviews[:PERSON_REVIEWS_SHOWN]
    link = f'<a href="/reviews/?person=ryan-gosling">All {len(reviews)} reviews of films with'
    assert link in response.content.decode()

    archive = client.get("/reviews/?person=ryan-gosling")
    assert list(archive.context["reviews"]) == reviews
    page = archive.content.decode()
    assert "Reviews of films with" in page and '<a href="/people/ryan-gosling/">' in page
    # The other filters keep the person.
    assert '<input type="hidden" name="person" value="ryan-gosling"' in page


def test_a_person_with_few_reviews_has_no_link_to_more(client):
    credit = factories.CreditFactory(film=factories.ReviewFactory(published=True).film)
    page = client.get(credit.person.get_absolute_url()).content.decode()
    assert "?person=" not in page


def test_the_archive_ignores_an_unknown_person(client):
    factories.ReviewFactory.create_batch(2, published=True)
    response = client.get("/reviews/?person=nobody-at-all")
    assert response.status_code == 200
    assert len(response.context["reviews"]) == 2


def test_critic_page_shows_the_bio_and_only_their_published_reviews(client, la_la_land):
    factories.ReviewFactory(critic=la_la_land.critic, headline="Not yet")
    factories.ReviewFactory(published=True, headline="By someone else")
    page = client.get(la_la_land.critic.get_absolute_url()).content.decode()
    assert "Harriet Vance has reviewed films since 1998." in page
    assert "A Love Letter Sung in Traffic" in page
    assert "Not yet" not in page and "By someone else" not in page


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


def test_genre_page_lists_the_published_reviews_of_its_films(client, la_la_land):
    factories.ReviewFactory(published=True, headline="A comedy")
    response = client.get("/genres/musical/")
    assert response.status_code == 200
    assert [r.headline for r in response.context["reviews"]] == ["A Love Letter Sung in Traffic"]
    assert client.get("/genres/no-such-genre/").status_code == 404


def test_genre_page_query_count_is_fixed(client, django_assert_max_num_queries):
    genre = factories.GenreFactory(slug="drama")
    for review in factories.ReviewFactory.create_batch(
        30, published=True, lead_still=factories.PhotoFactory()
    ):
        review.film.genres.add(genre)
    with django_assert_max_num_queries(4):
        response = client.get("/genres/drama/")
    assert len(response.context["reviews"]) == 30


# Old addresses -------------------------------------------------------------------------------


def test_a_live_film_at_an_old_address_wins_over_the_redirect(client, editor):
    moved = factories.FilmFactory(slug="old")
    client.force_login(editor)
    post_change_form(client, moved, slug="new")
    newcomer = factories.FilmFactory(title="Newcomer", slug="old")
    response = client.get("/films/old/")
    assert response.status_code == 200
    assert response.context["film"] == newcomer


def test_old_address_of_an_unpublished_review_is_404_not_a_redirect(client, editor):
    review = review_in(ReviewStatus.DRAFT, slug="renamed")
    SlugRedirect.objects.remember(review, "first-name")
    assert client.get("/reviews/first-name/").status_code == 404


def test_unknown_person_address_is_still_404(client):
    response = client.get(reverse("reviews:person-detail", kwargs={"slug": "nobody"}))

    assert response.status_code == 404


# The archive ---------------------------------------------------------------------------------


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
def test_archive_filters_by_genre_rating_stars_and_year(client, query, expected):
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


def test_archive_offers_to_clear_filters_only_when_one_is_set(client):
    genre = factories.GenreFactory(name="Drama", slug="drama")
    factories.ReviewFactory(published=True).film.genres.add(genre)
    assert "Clear the filters" not in client.get("/reviews/").content.decode()
    assert "Clear the filters" not in client.get("/reviews/", {"genre": ""}).content.decode()
    page = client.get("/reviews/", {"genre": "drama"}).content.decode()
    assert '<a href="/reviews/">Clear the filters</a>' in page


def test_archive_with_no_match_says_so_and_links_to_all_reviews(client):
    factories.ReviewFactory(published=True, rating="1.0")
    page = client.get("/reviews/", {"stars": "4"}).content.decode()
    assert "0 reviews" in page
    assert "No reviews match these filters." in page
    assert '<a href="/reviews/">Show all reviews</a>' in page


@pytest.mark.parametrize("state", hidden_states())
def test_the_archive_offers_no_year_that_only_a_hidden_review_has(client, state):
    hidden_film = factories.FilmFactory(year=1901)
    factories.ReviewFactory(film=hidden_film, **hidden_states()[state])
    factories.ReviewFactory(published=True, film=factories.FilmFactory(year=2016))

    form = client.get(reverse("reviews:archive")).context["form"]

    years = [value for value, _ in form.fields["year"].choices]
    assert 2016 in years and 1901 not in years
    filtered = client.get(reverse("reviews:archive") + "?year=1901")
    assert all(review.is_published for review in filtered.context["reviews"])


def test_archive_query_count_is_fixed(client, django_assert_max_num_queries):
    photo = factories.PhotoFactory()
    factories.ReviewFactory.create_batch(50, published=True, lead_still=photo)
    with django_assert_max_num_queries(6):
        response = client.get("/reviews/")
    assert len(response.context["reviews"]) == 50


# Every page ----------------------------------------------------------------------------------


def test_every_public_page_has_a_canonical_address(client, la_la_land):
    person = la_la_land.film.credits.first().person
    for url in [
        "/",
        la_la_land.get_absolute_url(),
        la_la_land.film.get_absolute_url(),
        person.get_absolute_url(),
        la_la_land.critic.get_absolute_url(),
        "/genres/musical/",
        "/reviews/",
    ]:
        page = client.get(url).content.decode()
        assert f'<link rel="canonical" href="http://testserver{url}">' in page, url


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


@pytest.mark.urls("tests.public.test_views")
def test_server_error_page_is_in_site_design(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page and "/static/css/site.css" in page
