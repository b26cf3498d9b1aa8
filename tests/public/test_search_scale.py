"""Search done right (issue 11): documents the database keeps, words as words, misspellings,
snippets that keep paragraphs apart, a fixed number of queries, nothing unpublished.

Every test runs on both backends and asserts what each one does; where they differ (the
engines, the schema), the test says so with a branch on ``connection.vendor``.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from reviews.models import Credit, CreditRole, Film, Person, Review
from reviews.models.reviews import ReviewStatus
from reviews.public import search as search_module
from reviews.public.search import MAX_RESULTS, engine, search
from reviews.public.search_sqlite import match_expression
from reviews.public.snippets import PlainText, plain_text
from tests import factories

pytestmark = pytest.mark.django_db

#: Queries per search: films, people, reviews (SQLite ranks the page, then fetches it).
QUERIES = {"postgresql": 3, "sqlite": 4}


def live(**kwargs) -> dict:
    return {"status": ReviewStatus.PUBLISHED, "published_at": timezone.now(), **kwargs}


def bulk_reviews(film: Film, critic, bodies: dict[str, str], **kwargs) -> list[Review]:
    """Reviews written with bulk_create: no save(), no signal, only the database."""
    return Review.objects.bulk_create(
        Review(film=film, critic=critic, headline=headline, slug=f"bulk-{n}", body=body, **kwargs)
        for n, (headline, body) in enumerate(bodies.items())
    )


@pytest.fixture
def critic():
    return factories.CriticFactory()


@pytest.fixture
def catalogue(critic):
    """La La Land and its neighbours by spelling, Ryan Gosling, a review of each film."""
    titles = ["La La Land", "Castellanos", "Las Vegas", "The Last Country", "Moonlight"]
    films = {title: factories.FilmFactory(title=title) for title in titles}
    gosling = factories.PersonFactory(name="Ryan Gosling", slug="ryan-gosling")
    factories.CreditFactory(film=films["La La Land"], person=gosling, character="Sebastian")
    factories.PersonFactory(name="Ross Lindqvist", slug="ross-lindqvist")
    for title, film in films.items():
        factories.ReviewFactory(
            film=film,
            critic=critic,
            headline=f"On {title}",
            body=f"<p>A review of {title}.</p><p>Second paragraph.</p>",
            published=True,
        )
    return films


# The documents are the database's ------------------------------------------------------------


def test_bulk_created_reviews_films_and_people_are_found_without_save(critic):
    film = Film.objects.bulk_create([Film(title="Quokka Summer", slug="quokka-summer")])[0]
    person = Person.objects.bulk_create([Person(name="Okapi Marlowe", slug="okapi")])[0]
    Credit.objects.bulk_create([Credit(film=film, person=person, role=CreditRole.DIRECTOR)])
    bulk_reviews(film, critic, {"Bulk headline": "<p>A wombat in the snow.</p>"}, **live())

    assert [f.title for f in search("quokka").films] == ["Quokka Summer"]
    assert [p.name for p in search("okapi").people] == ["Okapi Marlowe"]
    assert [r.headline for r in search("wombat").reviews] == ["Bulk headline"]

    # Queryset updates and deletes reach the documents too.
    Review.objects.filter(film=film).update(body="<p>A numbat in the rain.</p>")
    assert search("wombat").reviews == []
    assert [r.headline for r in search("numbat").reviews] == ["Bulk headline"]
    Film.objects.filter(pk=film.pk).update(title="Quoll Winter")
    assert search("quokka").films == [] and len(search("quoll").films) == 1
    Review.objects.filter(film=film).delete()
    assert search("numbat").reviews == []


def test_the_database_holds_the_search_documents_after_every_migration():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT table_name FROM information_schema.columns WHERE column_name = "
                "'search_document' AND is_generated = 'ALWAYS' ORDER BY table_name"
            )
            assert [row[0] for row in cursor.fetchall()] == [
                "reviews_film",
                "reviews_person",
                "reviews_review",
            ]
            cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%_trgm_idx'")
            assert {row[0] for row in cursor.fetchall()} == {
                "film_title_trgm_idx",
                "person_name_trgm_idx",
                "review_headline_trgm_idx",
                "review_dek_trgm_idx",
            }
        else:
            # SQLite drops a table's triggers when Django rebuilds the table: a migration
            # that does so must create them again, or this fails.
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            triggers = {row[0] for row in cursor.fetchall()}
            for table in ("review", "film", "person"):
                for event in ("insert", "update", "delete"):
                    assert f"{table}_search_{event}" in triggers


# Words, phrases, titles -----------------------------------------------------------------------


def test_words_match_as_words_so_la_la_finds_la_la_land_only(client, catalogue):
    results = client.get("/search/", {"q": "la la"}).context["results"]
    titles = [film.title for film in results.films]
    assert titles[0] == "La La Land"
    for neighbour in ["Castellanos", "Las Vegas", "The Last Country"]:
        assert neighbour not in titles
    assert results.reviews[0].film.title == "La La Land"
    assert results.suggestion == ""


def test_a_title_typed_exactly_puts_the_film_and_its_reviews_first(critic, catalogue):
    other = factories.FilmFactory(title="Night Swim")
    factories.ReviewFactory(
        film=other,
        critic=critic,
        headline="Moonlight on the water",
        body="<p>Moonlight, moonlight, moonlight everywhere.</p>",
        published=True,
    )
    results = search("Moonlight")
    assert results.films[0].title == "Moonlight"
    assert results.reviews[0].film.title == "Moonlight"
    assert "Moonlight on the water" in [review.headline for review in results.reviews]


def test_a_title_typed_nearly_comes_first_and_is_suggested(catalogue):
    results = search("la la lan")
    assert results.films[0].title == "La La Land"
    assert results.reviews[0].film.title == "La La Land"
    assert results.suggestion == "La La Land"


def test_an_exact_headline_ranks_first(critic):
    film = factories.FilmFactory(title="Harbour")
    for n in range(3):
        factories.ReviewFactory(
            film=film, critic=critic, headline=f"Tide {n}", body="<p>tides</p>", published=True
        )
    factories.ReviewFactory(
        film=film,
        critic=critic,
        headline="Tides",
        body="<p>One word.</p>",
        published=True,
        published_at=timezone.now() - datetime.timedelta(days=400),
    )
    assert search("tides").reviews[0].headline == "Tides"


def test_quoted_words_match_as_a_phrase_and_bare_words_in_any_order(critic):
    film = factories.FilmFactory(title="Harbour")
    bodies = {
        "In order": "<p>The quiet man walks home.</p>",
        "Apart": "<p>The man is quiet.</p>",
        "Neither": "<p>The loud woman.</p>",
    }
    bulk_reviews(film, critic, bodies, **live())
    assert {r.headline for r in search("quiet man").reviews} == {"In order", "Apart"}
    assert [r.headline for r in search('"quiet man"').reviews] == ["In order"]
    assert [r.headline for r in search("man -walks").reviews] == ["Apart"]
    assert {r.headline for r in search("loud or walks").reviews} == {"In order", "Neither"}


# Misspellings ---------------------------------------------------------------------------------


def test_a_misspelt_name_suggests_the_person_and_finds_their_reviews(client, catalogue):
    response = client.get("/search/", {"q": "gosslin"})
    results = response.context["results"]
    assert results.people[0].name == "Ryan Gosling"
    assert results.suggestion == "Ryan Gosling"
    assert [review.film.title for review in results.reviews] == ["La La Land"]
    page = response.content.decode()
    assert 'Did you mean <a href="/search/?q=Ryan%20Gosling">Ryan Gosling</a>?' in page


def test_a_misspelt_title_is_found(catalogue):
    results = search("moonlite")
    assert results.films[0].title == "Moonlight"
    assert results.suggestion == "Moonlight"
    assert results.reviews[0].film.title == "Moonlight"


def test_look_alikes_stay_out_when_the_words_are_found(catalogue):
    # "Ross Lindqvist" looks a little like "gosslin", but a word match wins.
    results = search("gosling")
    assert [person.name for person in results.people] == ["Ryan Gosling"]
    assert results.suggestion == ""


def test_a_word_found_in_enough_reviews_is_not_taken_for_a_misspelling(critic, catalogue):
    film = factories.FilmFactory(title="Harbour")
    bodies = {f"Gosslin {n}": "<p>The gosslin, a kind of goose.</p>" for n in range(3)}
    bulk_reviews(film, critic, bodies, **live())
    results = search("gosslin")
    assert results.people == [] and results.suggestion == ""
    assert {review.headline for review in results.reviews} == set(bodies)


# Snippets -------------------------------------------------------------------------------------


def test_snippet_text_keeps_paragraph_boundaries(critic):
    film = factories.FilmFactory(title="Harbour")
    body = (
        "<p>You should see it</p><p>Paragraph two <em>begins</em> here.</p>"
        "<h2>Verdict</h2><ul><li>Go</li><li>Now</li></ul>"
    )
    bulk_reviews(film, critic, {"Boundaries": body}, **live())
    snippet = search("paragraph").reviews[0].snippet_html
    assert "see it. <mark>Paragraph</mark> two begins here." in snippet
    assert "it.Paragraph" not in snippet and "<p>" not in snippet
    assert plain_text(body) == "You should see it. Paragraph two begins here. Verdict. Go. Now."


def test_a_word_late_in_a_long_body_is_found_and_shown_in_its_snippet(critic):
    """PostgreSQL makes a snippet from a body's opening first; a word only found further on
    still gets a snippet around it, an excerpt marked as one."""
    film = factories.FilmFactory(title="Harbour")
    filler = "".join(f"<p>Paragraph {n} of a long review about the sea.</p>" for n in range(60))
    body = f"{filler}<p>At last the lighthouse keeper appears.</p>"
    bulk_reviews(film, critic, {"Long Read": body}, **live())
    snippet = search("lighthouse").reviews[0].snippet_html
    assert "<mark>lighthouse</mark> keeper" in snippet and snippet.startswith("…")


def test_a_review_found_by_its_film_shows_its_opening_words(critic):
    film = factories.FilmFactory(title="Lighthouse")
    filler = "".join(f"<p>Paragraph {n} of a long review about the sea.</p>" for n in range(60))
    bulk_reviews(film, critic, {"Long Read": filler}, **live())
    review = search("lighthouse").reviews[0]
    assert review.headline == "Long Read" and "<mark>" not in review.snippet_html
    assert review.snippet_html.startswith("Paragraph 0 of a long review")


def test_the_sql_plain_text_agrees_with_the_python_one(critic):
    body = (
        "<p>One &amp; <a href='https://example.com/x'>two</a>\n three</p>"
        "<blockquote><p>Quoted?</p></blockquote><p>Line<br>break</p><h3>Vivid end</h3>"
    )
    expected = "One & two three. Quoted? Line. break. Vivid end."
    assert plain_text(body) == expected
    if connection.vendor == "postgresql":
        review = factories.ReviewFactory(critic=critic, body=body)
        sql = Review.objects.annotate(text=PlainText("body")).get(pk=review.pk).text
        assert sql.replace("&amp;", "&") == expected
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reviews_plain_text(%s)", [body])
            assert cursor.fetchone()[0] == expected


def test_snippet_is_escaped_then_marked(critic):
    film = factories.FilmFactory(title="Harbour")
    body = "<p>Marmot &lt;script&gt;alert(1)&lt;/script&gt; \x02sly\x03 marmot.</p>"
    bulk_reviews(film, critic, {"Escaped": body}, **live())
    snippet = search("marmot").reviews[0].snippet_html
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    assert snippet.count("<mark>") == 2 and "<mark>sly" not in snippet


# Budget and bounds ----------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["traffic", "gosslin", '"traffic film" -jam'])
def test_a_search_costs_a_fixed_number_of_queries(
    critic, catalogue, django_assert_num_queries, query
):
    for n in range(30):
        film = factories.FilmFactory(title=f"Traffic film {n}")
        factories.CreditFactory(film=film, person__name=f"Traffic Person {n}")
        factories.ReviewFactory(film=film, critic=critic, headline=f"Traffic {n}", published=True)
    with django_assert_num_queries(QUERIES[connection.vendor]):
        results = search(query)
    assert results.reviews or results.people


def test_a_word_in_more_reviews_than_are_ranked_ranks_the_newest(critic, monkeypatch):
    monkeypatch.setattr(engine(), "CANDIDATES", 5)
    film = factories.FilmFactory(title="Harbour")
    now = timezone.now()
    reviews = bulk_reviews(
        film, critic, {f"Gull {n}": "<p>gull</p>" for n in range(12)}, **live(published_at=now)
    )
    for n, review in enumerate(reviews):
        Review.objects.filter(pk=review.pk).update(published_at=now - datetime.timedelta(days=n))
    found = [review.headline for review in search("gull").reviews]
    if connection.vendor == "postgresql":
        # The newest published, walked in publication order.
        assert found == [f"Gull {n}" for n in range(5)]
    else:
        # FTS5 walks its rows newest written first; they are ranked by publication.
        assert found == [f"Gull {n}" for n in range(7, 12)]


def test_search_pages_show_at_most_a_page(critic):
    film = factories.FilmFactory(title="Harbour")
    bulk_reviews(film, critic, {f"Heron {n}": "<p>heron</p>" for n in range(30)}, **live())
    assert len(search("heron").reviews) == MAX_RESULTS


# Only what is published -----------------------------------------------------------------------


def hidden_states() -> dict[str, dict]:
    future = timezone.now() + datetime.timedelta(days=2)
    return {
        "draft": {"status": ReviewStatus.DRAFT},
        "in review": {"status": ReviewStatus.IN_REVIEW},
        "unpublished": {"status": ReviewStatus.UNPUBLISHED, "published_at": timezone.now()},
        "scheduled": {"status": ReviewStatus.SCHEDULED, "published_at": future},
        "future": {"status": ReviewStatus.PUBLISHED, "published_at": future},
    }


@pytest.mark.parametrize("state", hidden_states())
def test_reviews_not_live_are_never_found_by_any_path(critic, catalogue, state):
    film = catalogue["La La Land"]
    bulk_reviews(film, critic, {"Secret pelican": "<p>pelican</p>"}, **hidden_states()[state])
    for query in ["pelican", "Secret pelican", "La La Land", "la la lan", "gosslin"]:
        headlines = [review.headline for review in search(query).reviews]
        assert "Secret pelican" not in headlines, query
    assert "On La La Land" in [review.headline for review in search("gosslin").reviews]


# Hostile input --------------------------------------------------------------------------------

HOSTILE = [
    "&|!():*",
    "la & | ! land",
    "':* | !'",
    '"',
    '""',
    '-"',
    "- -- ---",
    "or",
    "OR OR or",
    "la OR",
    "NOT la",
    "title : la",
    "{title}:la",
    "NEAR(la land)",
    "la*",
    "^la",
    "la\\",
    "'); DROP TABLE reviews_review; --",
    "\x01\x1f la \x7f",
    "la" * 500,
    "word " * 100,
    "café naïve 東京 🎬",
    "٢٠١٦ مرحبا",
    "%_%",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_input_never_errors_and_stays_within_budget(
    client, catalogue, django_assert_max_num_queries, query
):
    with django_assert_max_num_queries(QUERIES[connection.vendor] + 1):  # + the session
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert len(response.context["results"].query) <= search_module.MAX_QUERY_LENGTH


def test_the_sqlite_query_never_passes_syntax_through():
    # Every term is quoted, so FTS5 sees only strings, whatever was typed.
    assert match_expression('la "la land" -jam or x') == '("la" "la land" OR "x") NOT "jam"'
    assert match_expression("&|!():* - or") == ""
    assert match_expression('a"b') == '("a""b")'
    assert match_expression("la", "title") == '{title} : (("la"))'


# The admin's searches -------------------------------------------------------------------------


def test_admin_review_search_finds_by_headline_dek_film_and_critic(client, editor, critic):
    film = factories.FilmFactory(title="Gosford Park")
    matches = {
        "headline": factories.ReviewFactory(headline="A gosford evening", critic=critic),
        "dek": factories.ReviewFactory(dek="Gosford, again", critic=critic),
        "film": factories.ReviewFactory(film=film, critic=critic),
        "critic": factories.ReviewFactory(critic__name="Ann Gosforth"),
    }
    factories.ReviewFactory(headline="Unrelated", critic=critic)
    client.force_login(editor)
    response = client.get(reverse("admin:reviews_review_changelist"), {"q": "gosf"})
    found = set(response.context["cl"].result_list)
    assert found == set(matches.values())
    both = client.get(reverse("admin:reviews_review_changelist"), {"q": 'gosford "evening"'})
    assert list(both.context["cl"].result_list) == [matches["headline"]]
    if connection.vendor == "postgresql":
        # icontains compares UPPER(column::text), the expression the trigram indexes hold,
        # and the film and critic are index conditions, not joins under OR.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        # Unordered: the newest-first index would otherwise be walked for the admin's order.
        plan = Review.objects.containing("gosf").order_by().explain()
        for index in ["review_headline_trgm_idx", "review_dek_trgm_idx", "film_title_trgm_idx"]:
            assert index in plan
        assert "Join" not in plan
    else:
        assert Film.objects.filter(title__icontains="GOSF").get() == film


def test_rating_field_is_untouched_by_the_search_documents(critic):
    # The generated column is invisible to the models: saving and reloading work as before.
    review = factories.ReviewFactory(critic=critic, rating=Decimal("2.5"), published=True)
    review.headline = "Changed"
    review.save()
    assert Review.objects.get(pk=review.pk).headline == "Changed"
    assert [r.headline for r in search("changed").reviews] == ["Changed"]
