"""RSS and Atom feeds: live reviews only, with their dates, stars, corrections and lead still."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    photo = factories.PhotoFactory()
    genre = factories.GenreFactory(name="Musical", slug="musical")
    review = factories.ReviewFactory(
        published=True,
        headline="Sung in Traffic",
        dek="A musical about dreamers.",
        rating="3.5",
        lead_still=photo,
        film__title="La La Land",
    )
    review.film.genres.add(genre)
    factories.ReviewFactory(headline="Secret draft")
    factories.ReviewFactory(
        headline="Tomorrow's review",
        status="scheduled",
        published_at=timezone.now() + datetime.timedelta(hours=3),
    )
    return review


@pytest.mark.parametrize("url", ["/feeds/reviews.rss", "/feeds/reviews.atom"])
def test_feed_has_published_entries_with_dates_and_enclosure(client, published, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert [entry.title for entry in feed.entries] == ["Sung in Traffic"]
    entry = feed.entries[0]
    assert entry.link == f"http://testserver{published.get_absolute_url()}"
    assert entry.published_parsed[:5] == published.published_at.utctimetuple()[:5]
    assert "3½ stars out of 4" in entry.summary
    assert "A musical about dreamers." in entry.summary
    enclosure = entry.enclosures[0]
    assert enclosure.href == f"http://testserver{published.lead_still.image.url}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == published.lead_still.image.size
    assert [tag.term for tag in entry.tags] == ["Musical"]
    assert entry.author == published.critic.name


def test_feed_item_carries_corrections_and_updated_date(client, published):
    correction = factories.CorrectionFactory(review=published, text="Fixed the year.")
    feed = feedparser.parse(client.get("/feeds/reviews.atom").content)
    entry = feed.entries[0]
    assert "Fixed the year." in entry.summary
    assert entry.updated_parsed[:5] == correction.published_at.utctimetuple()[:5]


def test_critic_and_genre_feeds_hold_only_their_reviews(client, published):
    other = factories.ReviewFactory(published=True, headline="Someone else's")
    critic_feed = feedparser.parse(
        client.get(f"/feeds/critics/{published.critic.slug}.rss").content
    )
    assert [e.title for e in critic_feed.entries] == ["Sung in Traffic"]
    genre_feed = feedparser.parse(client.get("/feeds/genres/musical.atom").content)
    assert [e.title for e in genre_feed.entries] == ["Sung in Traffic"]
    assert other.headline in client.get("/feeds/reviews.rss").content.decode()
    assert client.get("/feeds/genres/no-such.rss").status_code == 404


def test_expired_lead_still_is_not_an_enclosure(client, published):
    published.lead_still.usage_expires = timezone.localdate() - datetime.timedelta(days=1)
    published.lead_still.save()
    entry = feedparser.parse(client.get("/feeds/reviews.rss").content).entries[0]
    assert entry.enclosures == []


def test_feed_query_count_is_fixed(client, django_assert_max_num_queries):
    photo = factories.PhotoFactory()
    factories.ReviewFactory.create_batch(30, published=True, lead_still=photo)
    with django_assert_max_num_queries(4):
        assert client.get("/feeds/reviews.rss").status_code == 200
