"""What a reader sees where the page layout was reviewed: the order of a review's parts,
the archive's filter affordances, search snippets and pagination."""

import pytest
from django.utils import timezone

from reviews.demo import _a, _plural
from reviews.public.snippets import _START, _STOP, _mark_cuts
from reviews.public.views import HOME_PAGE_SIZE
from tests import factories

pytestmark = pytest.mark.django_db


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


def test_review_updated_date_links_to_the_corrections(client):
    review = factories.ReviewFactory(published=True)
    factories.CorrectionFactory(review=review, text="An earlier version misnamed the composer.")
    page = client.get(review.get_absolute_url()).content.decode()
    assert '<a href="#corrections">Updated</a>' in page
    assert 'id="corrections"' in page


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


def test_snippet_from_the_middle_of_the_text_is_marked_as_cut_at_both_ends():
    body = "<p>The first thing you hear is a traffic jam.</p><p>Mia dreams of Hollywood.</p>"
    snippet = f"hear is a traffic {_START}jam{_STOP}. Mia dreams"
    assert _mark_cuts(snippet, body) == f"…hear is a traffic {_START}jam{_STOP}. Mia dreams…"


def test_snippet_from_the_start_or_of_the_whole_text_has_no_leading_ellipsis():
    body = "<p>The first thing you hear is a traffic jam.</p><p>Mia dreams.</p>"
    start = f"The first thing you {_START}hear{_STOP}"
    assert _mark_cuts(start, body) == start + "…"
    whole = f"The first thing you hear is a traffic {_START}jam{_STOP}. Mia dreams."
    assert _mark_cuts(whole, body) == whole


def test_search_result_shows_the_film_year_and_the_review_date(client):
    review = factories.ReviewFactory(
        published=True, headline="Sung in Traffic", film__title="La La Land", film__year=2016
    )
    page = client.get("/search/", {"q": "traffic"}).content.decode()
    assert "<cite>La La Land</cite> (2016)" in page
    day = timezone.localtime(review.published_at).date().isoformat()
    assert f'<time datetime="{day}T' in page


def test_home_pagination_says_newer_and_older(client):
    factories.ReviewFactory.create_batch(HOME_PAGE_SIZE + 1, published=True)
    first = client.get("/").content.decode()
    assert 'rel="next" href="?page=2">Older <span aria-hidden="true">→</span></a>' in first
    second = client.get("/", {"page": 2}).content.decode()
    assert 'rel="prev" href="?page=1"><span aria-hidden="true">←</span> Newer</a>' in second


@pytest.mark.parametrize(
    ("word", "plural"), [("sky", "skies"), ("country", "countries"), ("road", "roads")]
)
def test_demo_content_pluralises_its_title_words(word, plural):
    assert _plural(word) == plural


def test_demo_content_uses_an_before_a_vowel():
    assert _a("uneven") == "An uneven"
    assert _a("patient") == "A patient"
