"""Acceptance of the readers' site (issue 4): what each page promises, one test a page.

The other modules check the yardstick review, filters, feeds and budgets; these check the
rest of each page's promise (the home card, the facts box, the film, person, critic and
genre pages) and the query budgets of the pages they did not count (genre, search, sitemap).
"""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from reviews.models import CreditRole, Person
from tests import factories

pytestmark = pytest.mark.django_db


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


def test_home_card_shows_lead_still_stars_film_title_and_dek(client, la_la_land):
    page = client.get("/").content.decode()
    card = page[page.index('<article class="card">') :]
    card = card[: card.index("</article>")]
    assert la_la_land.lead_still.image.url in card
    assert 'alt="Two people on a hillside at dusk."' in card
    assert 'aria-label="4 stars out of 4"' in card
    assert "<cite>La La Land</cite> (2016)" in card
    assert "Emma Stone and Ryan Gosling dance through Los Angeles." in card
    assert f'href="{la_la_land.get_absolute_url()}"' in card


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


def test_critic_page_shows_the_bio_and_only_their_published_reviews(client, la_la_land):
    factories.ReviewFactory(critic=la_la_land.critic, headline="Not yet")
    factories.ReviewFactory(published=True, headline="By someone else")
    page = client.get(la_la_land.critic.get_absolute_url()).content.decode()
    assert "Harriet Vance has reviewed films since 1998." in page
    assert "A Love Letter Sung in Traffic" in page
    assert "Not yet" not in page and "By someone else" not in page


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


def test_search_page_query_count_is_fixed(client, django_assert_max_num_queries):
    for n in range(20):
        review = factories.ReviewFactory(
            published=True, headline=f"Traffic {n}", film__title=f"Traffic film {n}"
        )
        factories.CreditFactory(film=review.film, person__name=f"Traffic Person {n}")
    with django_assert_max_num_queries(6):
        response = client.get("/search/", {"q": "traffic"})
    results = response.context["results"]
    assert len(results.reviews) >= 10 and len(results.films) >= 10 and len(results.people) >= 10


def test_sitemap_query_count_is_fixed_and_people_carry_lastmod(
    client, django_assert_max_num_queries
):
    for review in factories.ReviewFactory.create_batch(20, published=True):
        factories.CreditFactory(film=review.film)
    # Per section (reviews, films, people, critics) a count and a page; corrections once.
    with django_assert_max_num_queries(9):
        response = client.get("/sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = ET.fromstring(response.content).findall("s:url", ns)
    people = [u for u in urls if "/people/" in u.find("s:loc", ns).text]
    assert len(people) == 20
    year = str(timezone.now().year)
    assert all(u.find("s:lastmod", ns).text.startswith(year) for u in people)


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
