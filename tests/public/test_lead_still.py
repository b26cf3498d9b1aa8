"""The lead photo: the one chosen, else the first still in the body, else the film's lead
still; shown above the review, on listings, in feeds and on social cards, and not a second
time in the body."""

import datetime
import re

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reviews.models import Review, ReviewStatus, ReviewStill
from tests import factories
from tests.helpers import processed_still
from tests.public.test_jsonld import structured_data
from tests.public.test_views import section

pytestmark = pytest.mark.django_db

BODY = "<p>First paragraph.</p><p>Second paragraph.</p><p>Third paragraph.</p>"


@pytest.fixture
def new_review():
    """A new review that chose no lead photo, with two stills in its body (the second one
    placed earlier than the first one made), and a film without a lead still."""
    review = factories.ReviewFactory(published=True, headline="Fresh Review", body=BODY)
    factories.ReviewStillFactory(review=review, after_paragraph=2, photo__caption="Later still.")
    factories.ReviewStillFactory(review=review, after_paragraph=1, photo__caption="First still.")
    return review


def first_still(review: Review):
    return review.placements.get(photo__caption="First still.").photo


def shown(page: str) -> str:
    """The page as a reader sees it: without its JSON-LD, which lists every still too."""
    return re.sub(r'<script type="application/ld\+json">.*?</script>', "", page, flags=re.S)


def body_of(page: str) -> str:
    return section(page, 'class="review__body"', '<aside class="facts"')


def test_listing_card_shows_the_first_body_still_when_no_lead_is_chosen(client, new_review):
    photo = first_still(new_review)
    home = client.get("/").content.decode()
    card = section(home, '<article class="lead"', "</article>")  # the newest leads the home
    assert f'src="{photo.image.url}"' in card
    assert photo.alt_text in card
    archive = client.get("/reviews/")
    assert [r.listing_photo for r in archive.context["reviews"]] == [photo]


def test_feed_enclosure_is_the_first_body_still_when_no_lead_is_chosen(client, new_review):
    entry = feedparser.parse(client.get("/feeds/reviews.rss").content).entries[0]
    assert [e.href for e in entry.enclosures] == [
        f"http://testserver{first_still(new_review).image.url}"
    ]


def test_social_card_is_the_first_body_still_when_no_lead_is_chosen(client, new_review):
    page = client.get(new_review.get_absolute_url()).content.decode()
    url = first_still(new_review).image.url
    assert f'<meta property="og:image" content="http://testserver{url}">' in page
    assert f'<meta name="twitter:image" content="http://testserver{url}">' in page
    assert structured_data(page)["image"][0]["contentUrl"] == f"http://testserver{url}"


def test_default_leads_social_card_is_its_16_9_crop_and_its_listing_card_too(
    client, django_capture_on_commit_callbacks
):
    review = factories.ReviewFactory(published=True)
    still = processed_still(django_capture_on_commit_callbacks)
    factories.ReviewStillFactory(review=review, photo=still)
    card = still.renditions.get(spec="card", format="jpeg")
    page = client.get(review.get_absolute_url()).content.decode()
    assert f'<meta property="og:image" content="http://testserver{card.file.url}">' in page
    home = client.get("/").content.decode()
    assert card.file.url in section(home, '<article class="lead"', "</article>")


def test_listing_cards_load_only_the_renditions_they_draw(
    client, django_capture_on_commit_callbacks
):
    review = factories.ReviewFactory(published=True)
    still = processed_still(django_capture_on_commit_callbacks)
    factories.ReviewStillFactory(review=review, photo=still)
    assert still.renditions.count() > 2  # widths and crops, in two formats

    response = client.get("/reviews/")
    [card_review] = response.context["reviews"]
    loaded = card_review.listing_photo.renditions.all()  # what the listing prefetched
    assert sorted((r.spec, r.format) for r in loaded) == [("card", "jpeg"), ("card", "webp")]
    card = section(response.content.decode(), '<article class="card"', "</article>")
    for rendition in loaded:
        assert rendition.file.url in card


def test_default_lead_is_shown_above_the_review_and_not_again_in_the_body(client, new_review):
    page = client.get(new_review.get_absolute_url()).content.decode()
    assert shown(page).count("First still.") == 1
    assert "First still." not in body_of(page)
    assert "Later still." in body_of(page)
    assert page.index("First still.") < page.index('class="review__body"')


def test_chosen_lead_placed_in_the_body_too_is_shown_once(client):
    """La La Land in the demo: its lead still is also one of its body stills."""
    lead = factories.PhotoFactory(caption="Stone and Gosling dance.")
    review = factories.ReviewFactory(published=True, lead_still=lead)
    factories.ReviewStillFactory(review=review, after_paragraph=0, photo__caption="Opening.")
    factories.ReviewStillFactory(review=review, after_paragraph=2, photo=lead)
    page = client.get(review.get_absolute_url()).content.decode()
    assert shown(page).count("Stone and Gosling dance.") == 1
    assert "Stone and Gosling dance." not in body_of(page)
    assert "Opening." in body_of(page)


def test_chosen_lead_wins_over_the_first_body_still(client, new_review):
    chosen = factories.PhotoFactory(caption="Chosen lead.")
    new_review.lead_still = chosen
    new_review.save()
    card = Review.objects.published().for_listing().get()
    assert card.listing_photo == chosen
    page = client.get(new_review.get_absolute_url()).content.decode()
    assert "First still." in body_of(page)


def test_expired_body_still_is_passed_over_for_the_next_one(client, new_review):
    expired = first_still(new_review)
    expired.usage_expires = timezone.localdate() - datetime.timedelta(days=1)
    expired.save()
    later = new_review.placements.get(photo__caption="Later still.").photo
    assert Review.objects.for_listing().get().listing_photo == later
    assert Review.objects.for_feed().get().listing_photo == later


def test_film_lead_still_is_the_last_resort(new_review):
    film_still = factories.PhotoFactory()
    new_review.film.lead_still = film_still
    new_review.film.save()
    assert Review.objects.for_listing().get().listing_photo == first_still(new_review)
    ReviewStill.objects.filter(review=new_review).delete()
    assert Review.objects.for_listing().get().listing_photo == film_still


def test_reviews_written_by_bulk_create_have_the_default_lead_too(client):
    """Imports write with bulk_create, which calls no save(): nothing is stored on save."""
    film, critic = factories.FilmFactory(), factories.CriticFactory()
    when = timezone.now() - datetime.timedelta(hours=1)
    (review,) = Review.objects.bulk_create(
        [Review(film=film, critic=critic, headline="Bulk", slug="bulk", body=BODY,
                status=ReviewStatus.PUBLISHED, published_at=when)]
    )  # fmt: skip
    photo = factories.PhotoFactory()
    ReviewStill.objects.bulk_create([ReviewStill(review=review, photo=photo, after_paragraph=1)])
    assert [r.listing_photo for r in client.get("/reviews/").context["reviews"]] == [photo]
    entry = feedparser.parse(client.get("/feeds/reviews.rss").content).entries[0]
    assert entry.enclosures[0].href == f"http://testserver{photo.image.url}"


def _reviews_with_body_stills_only(count: int) -> None:
    for _ in range(count):
        review = factories.ReviewFactory(published=True)
        factories.ReviewStillFactory.create_batch(2, review=review)


@pytest.mark.parametrize("url", ["/", "/reviews/", "/feeds/reviews.rss"])
def test_default_leads_keep_listing_query_counts_flat(client, url, django_assert_max_num_queries):
    _reviews_with_body_stills_only(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _reviews_with_body_stills_only(18)
    # No more for 20 reviews than for 2 (PostgreSQL may count a full page with fewer).
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
