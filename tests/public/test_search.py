"""Search over live reviews, films and people: ranked, highlighted, polite about odd queries."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from reviews.models import CreditRole
from reviews.public.search import MAX_QUERY_LENGTH, clean_query, search
from reviews.public.snippets import START, STOP, mark_cuts
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    review = factories.ReviewFactory(
        published=True,
        headline="A Love Letter Sung in Traffic",
        film__title="La La Land",
        body="<p>The first thing you hear is a traffic jam.</p>"
        "<p>Mia pours coffee and dreams of Hollywood <em>stardom</em>.</p>",
    )
    factories.CreditFactory(film=review.film, person__name="Emma Stone", role=CreditRole.CAST)
    factories.ReviewFactory(headline="Hollywood draft", body="<p>Hollywood secrets.</p>")
    return review


def test_finds_a_film_by_title(client, catalogue):
    response = client.get("/search/", {"q": "la la land"})
    results = response.context["results"]
    assert [film.title for film in results.films] == ["La La Land"]
    assert [review.headline for review in results.reviews] == ["A Love Letter Sung in Traffic"]


def test_finds_people_and_highlights_body_words(client, catalogue):
    results = client.get("/search/", {"q": "emma"}).context["results"]
    assert [p.name for p in results.people] == ["Emma Stone"]
    page = client.get("/search/", {"q": "hollywood"}).content.decode()
    assert "<mark>Hollywood</mark>" in page


def test_drafts_are_never_found(client, catalogue):
    results = client.get("/search/", {"q": "secrets"}).context["results"]
    assert results.reviews == []
    assert "Hollywood draft" not in client.get("/search/", {"q": "hollywood"}).content.decode()


def test_snippet_is_escaped_around_the_marks(catalogue):
    catalogue.body = "<p>Hollywood &lt;script&gt;alert(1)&lt;/script&gt; dreams.</p>"
    catalogue.save()
    result = search("hollywood").reviews[0]
    assert "<script>" not in result.snippet_html
    assert "&lt;script&gt;" in result.snippet_html
    assert "<mark>Hollywood</mark>" in result.snippet_html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a film title"),
        ("   ", "Type a film title"),
        ("%%% *** !!!", "at least one letter or number"),
    ],
)
def test_empty_and_absurd_queries_answer_politely(client, catalogue, query, message):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_very_long_query_is_cut_and_said_so(client, catalogue):
    response = client.get("/search/", {"q": "traffic " * 200})
    assert response.status_code == 200
    assert len(response.context["results"].query) <= MAX_QUERY_LENGTH
    assert "long search" in response.content.decode()


def test_query_with_quotes_and_operators_does_not_break(client, catalogue):
    for query in ['"la la', "la & | ! land", "traffic -jam", "'); DROP TABLE x; --"]:
        assert client.get("/search/", {"q": query}).status_code == 200


def test_clean_query_collapses_spaces():
    assert clean_query("  la   la  ") == ("la la", "")


def test_search_uses_full_text_ranking_on_postgres(catalogue):
    factories.ReviewFactory(published=True, headline="Other", body="<p>traffic once.</p>")
    results = search("traffic")
    # The review with the word in its headline ranks first on both backends.
    assert results.reviews[0].headline == "A Love Letter Sung in Traffic"
    if connection.vendor == "postgresql":
        assert results.reviews[0].rank > results.reviews[1].rank


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


def test_snippet_from_the_middle_of_the_text_is_marked_as_cut_at_both_ends():
    body = "<p>The first thing you hear is a traffic jam.</p><p>Mia dreams of Hollywood.</p>"
    snippet = f"hear is a traffic {START}jam{STOP}. Mia dreams"
    assert mark_cuts(snippet, body) == f"…hear is a traffic {START}jam{STOP}. Mia dreams…"


def test_snippet_from_the_start_or_of_the_whole_text_has_no_leading_ellipsis():
    body = "<p>The first thing you hear is a traffic jam.</p><p>Mia dreams.</p>"
    start = f"The first thing you {START}hear{STOP}"
    assert mark_cuts(start, body) == start + "…"
    whole = f"The first thing you hear is a traffic {START}jam{STOP}. Mia dreams."
    assert mark_cuts(whole, body) == whole


def test_search_result_shows_the_film_year_and_the_review_date(client):
    review = factories.ReviewFactory(
        published=True, headline="Sung in Traffic", film__title="La La Land", film__year=2016
    )
    page = client.get("/search/", {"q": "traffic"}).content.decode()
    assert "<cite>La La Land</cite> (2016)" in page
    day = timezone.localtime(review.published_at).date().isoformat()
    assert f'<time datetime="{day}T' in page


@pytest.mark.parametrize("query", ["La\x02La\x03", "\x01\x1f"])
def test_search_with_control_characters_answers_instead_of_failing(client, query):
    factories.ReviewFactory(published=True, headline="La La Land review")

    response = client.get(reverse("reviews:search"), {"q": query})

    assert response.status_code == 200
    query = response.context["results"].query
    assert not any(char in query for char in "\x01\x02\x03\x1f")
