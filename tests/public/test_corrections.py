"""Corrections as newspapers run them: a kind and a date, never ahead of it on any surface."""

import datetime

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reviews.models import Correction
from reviews.models.content import content_state
from reviews.models.reviews import CorrectionKind
from tests import factories
from tests.public.test_jsonld import structured_data

pytestmark = pytest.mark.django_db

AHEAD = "Dated ahead: the composer was misnamed"


@pytest.fixture
def review():
    return factories.ReviewFactory(published=True, headline="Sung in Traffic")


def _future_correction(review) -> Correction:
    """As an import may store one: straight into the database, past any form."""
    return factories.CorrectionFactory(
        review=review, text=AHEAD, published_at=timezone.now() + datetime.timedelta(hours=2)
    )


SURFACES = {
    "review page": lambda review: review.get_absolute_url(),
    "corrections page": lambda review: reverse("reviews:corrections"),
    "corrections RSS": lambda review: reverse("reviews:corrections-feed-rss"),
    "corrections Atom": lambda review: reverse("reviews:corrections-feed-atom"),
    "reviews RSS": lambda review: reverse("reviews:feed-rss"),
    "reviews Atom": lambda review: reverse("reviews:feed-atom"),
}


@pytest.mark.parametrize("surface", SURFACES)
def test_a_future_dated_correction_is_hidden_until_its_date(client, review, surface):
    correction = _future_correction(review)
    url = SURFACES[surface](review)
    assert AHEAD not in client.get(url).content.decode()

    Correction.objects.filter(pk=correction.pk).update(
        published_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert AHEAD in client.get(url).content.decode()


def test_a_future_dated_correction_moves_neither_date_modified_nor_the_json_ld(client, review):
    _future_correction(review)
    data = structured_data(client.get(review.get_absolute_url()).content.decode())
    assert "correction" not in data
    assert datetime.datetime.fromisoformat(data["dateModified"]) <= timezone.now()


def test_the_page_cache_knows_a_correction_s_date_as_its_next_moment(review):
    correction = _future_correction(review)
    assert content_state()[1] == int(correction.published_at.timestamp())


def test_json_ld_carries_each_correction_with_its_kind_and_date(client, review):
    earlier = timezone.now() - datetime.timedelta(days=2)
    factories.CorrectionFactory(review=review, text="Misnamed the composer.", published_at=earlier)
    clarification = factories.CorrectionFactory(
        review=review, kind=CorrectionKind.CLARIFICATION, text="The film opens Friday."
    )
    data = structured_data(client.get(review.get_absolute_url()).content.decode())
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "name": "Correction",
            "text": "Misnamed the composer.",
            "datePublished": earlier.isoformat(),
        },
        {
            "@type": "CorrectionComment",
            "name": "Clarification",
            "text": "The film opens Friday.",
            "datePublished": clarification.published_at.isoformat(),
        },
    ]
    assert data["dateModified"] == clarification.published_at.isoformat()


def test_the_review_page_names_each_correction_s_kind(client, review):
    factories.CorrectionFactory(review=review, kind=CorrectionKind.CLARIFICATION, text="Friday.")
    page = client.get(review.get_absolute_url()).content.decode()
    assert "<strong>Clarification</strong>" in page
    assert 'href="/corrections/"' in page


@pytest.mark.parametrize("url", ["/feeds/reviews.rss", "/feeds/reviews.atom"])
def test_a_review_feed_item_gives_each_correction_its_kind_and_date(client, review, url):
    when = timezone.make_aware(datetime.datetime(2026, 3, 4, 12))
    factories.CorrectionFactory(review=review, text="Fixed the year.", published_at=when)
    factories.CorrectionFactory(review=review, kind="clarification", text="Opens Friday.")
    entry = feedparser.parse(client.get(url).content).entries[0]
    assert "Correction (March 4, 2026): Fixed the year." in entry.summary
    assert "Clarification (" in entry.summary
    assert "Opens Friday." in entry.summary


def test_the_corrections_page_lists_every_due_correction_newest_first(client, review):
    old = factories.CorrectionFactory(
        review=review, text="Oldest one.", published_at=timezone.now() - datetime.timedelta(days=9)
    )
    other = factories.CorrectionFactory(text="Newest one.", kind="clarification")
    factories.CorrectionFactory(review=factories.ReviewFactory(), text="Of a draft.")
    _future_correction(review)
    response = client.get(reverse("reviews:corrections"))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Newest one.") < page.index("Oldest one.")
    assert "Of a draft." not in page
    assert AHEAD not in page
    assert f'href="{old.get_absolute_url()}"' in page
    assert other.review.headline in page


def test_the_corrections_page_has_a_fixed_number_of_queries(client, review):
    factories.CorrectionFactory.create_batch(3)
    client.get(reverse("reviews:corrections"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("reviews:corrections"))
    factories.CorrectionFactory.create_batch(12)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("reviews:corrections"))
    assert len(many) == len(few) <= 15


@pytest.mark.parametrize("name", ["reviews:corrections-feed-rss", "reviews:corrections-feed-atom"])
def test_the_corrections_feed_has_each_correction_with_its_kind_and_date(client, review, name):
    correction = factories.CorrectionFactory(
        review=review, kind="clarification", text="The film opens Friday."
    )
    factories.CorrectionFactory(review=factories.ReviewFactory(), text="Of a draft.")
    response = client.get(reverse(name))
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert [entry.title for entry in feed.entries] == ["Clarification: Sung in Traffic"]
    entry = feed.entries[0]
    assert entry.link == f"http://testserver{correction.get_absolute_url()}"
    assert entry.published_parsed[:5] == correction.published_at.utctimetuple()[:5]
    assert "The film opens Friday." in entry.summary


def test_a_correction_dated_ahead_is_refused_by_the_admin_with_a_message(client, editor, review):
    from tests.admin_forms import form_data

    url = reverse("admin:reviews_review_change", args=[review.pk])
    client.force_login(editor)
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    data = form_data(client.get(url)) | {
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-kind": "correction",
        "corrections-0-text": "A correction.",
        "corrections-0-published_at_0": tomorrow.strftime("%Y-%m-%d"),
        "corrections-0-published_at_1": tomorrow.strftime("%H:%M:%S"),
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "A correction cannot be dated in the future" in response.content.decode()
    assert not review.corrections.exists()


def test_the_model_refuses_a_future_date_on_full_clean(review):
    from django.core.exceptions import ValidationError

    tomorrow = timezone.now() + datetime.timedelta(days=1)
    correction = Correction(review=review, text="x", published_at=tomorrow)
    with pytest.raises(ValidationError, match="cannot be dated in the future"):
        correction.full_clean()


def test_the_sitemap_dates_a_review_by_its_due_corrections_only(client, review):
    ahead = timezone.now() + datetime.timedelta(days=3)
    factories.CorrectionFactory(review=review, text=AHEAD, published_at=ahead)
    page = client.get(reverse("reviews:sitemap-section", args=["reviews"])).content.decode()
    index = client.get(reverse("reviews:sitemap")).content.decode()
    # lastmod is a date in the site's zone (New York), not UTC's (a day ahead after 19:00).
    assert f"<lastmod>{timezone.localdate():%Y-%m-%d}" in page
    assert f"{timezone.localtime(ahead):%Y-%m-%d}" not in page + index
