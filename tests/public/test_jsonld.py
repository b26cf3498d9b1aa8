"""schema.org data on the review and film pages, saying what the page says."""

import datetime
import json
import re
from decimal import Decimal

import pytest

from reviews.models import CreditRole
from reviews.public.jsonld import iso_duration, normalised_rating
from tests import factories

pytestmark = pytest.mark.django_db


def structured_data(page: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture
def review():
    review = factories.ReviewFactory(
        published=True,
        headline="Sung in Traffic",
        rating="3.5",
        film__title="La La Land",
        film__running_time=128,
        film__mpaa_rating="PG-13",
        lead_still=factories.PhotoFactory(),
    )
    factories.CreditFactory(film=review.film, person__name="Damien Chazelle",
                            role=CreditRole.DIRECTOR, character="")  # fmt: skip
    factories.CreditFactory(film=review.film, person__name="Emma Stone", character="Mia")
    factories.CreditFactory(film=review.film, person__name="Ryan Gosling", character="Sebastian")
    return review


def test_review_page_json_ld_matches_the_review_and_film(client, review):
    data = structured_data(client.get(review.get_absolute_url()).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Review"
    assert data["name"] == "Sung in Traffic"
    assert data["author"]["name"] == review.critic.name
    assert data["publisher"]["@type"] == "Organization"
    assert data["reviewRating"] == {
        "@type": "Rating", "ratingValue": "3.5", "bestRating": "4", "worstRating": "0",
        "ratingExplanation": "88/100; 3½ stars out of 4",
    }  # fmt: skip
    assert data["datePublished"] == review.published_at.isoformat()
    assert data["dateModified"] == review.modified_at.isoformat()
    movie = data["itemReviewed"]
    assert movie["@type"] == "Movie"
    assert movie["name"] == "La La Land"
    assert movie["duration"] == "PT2H8M"
    assert movie["contentRating"] == "PG-13"
    assert movie["dateCreated"] == "2016-12-09"
    assert [d["name"] for d in movie["director"]] == ["Damien Chazelle"]
    assert [a["name"] for a in movie["actor"]] == ["Emma Stone", "Ryan Gosling"]
    assert movie["image"] == f"http://testserver{review.lead_still.image.url}"


def test_unrated_review_has_no_rating(client, review):
    review.rating = None
    review.save()
    data = structured_data(client.get(review.get_absolute_url()).content.decode())
    assert "reviewRating" not in data


def test_date_modified_follows_corrections(client, review):
    correction = factories.CorrectionFactory(review=review)
    data = structured_data(client.get(review.get_absolute_url()).content.decode())
    assert data["dateModified"] == correction.published_at.isoformat()


def test_film_page_has_movie_json_ld(client, review):
    data = structured_data(client.get(review.film.get_absolute_url()).content.decode())
    assert data["@type"] == "Movie" and data["name"] == "La La Land"
    assert data["duration"] == "PT2H8M"


def test_json_ld_cannot_be_closed_by_editor_text(client, review):
    review.headline = "</script><script>alert(1)</script>"
    review.save()
    page = client.get(review.get_absolute_url()).content.decode()
    data = structured_data(page)
    assert data["headline"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize(
    ("minutes", "iso"), [(128, "PT2H8M"), (60, "PT1H"), (45, "PT45M"), (None, None)]
)
def test_iso_duration_of_a_running_time_in_minutes(minutes, iso):
    assert iso_duration(minutes) == iso


def test_review_page_gives_each_still_as_an_image_object_with_its_licensing(client, review):
    lead = review.lead_still
    lead.caption, lead.credit_line = "Emma Stone as Mia.", "Dale Robinette/Lionsgate"
    lead.creator, lead.copyright_notice = "Dale Robinette", "© 2016 Lionsgate"
    lead.licence_url = "https://lionsgate.example/rights/la-la-land"
    lead.acquire_licence_url = "https://lionsgate.example/licensing"
    lead.save()
    body = factories.PhotoFactory(credit_line="Studio handout", rights_holder="")
    expired = factories.PhotoFactory(usage_expires=datetime.date(2000, 1, 1))
    factories.ReviewStillFactory(review=review, photo=body, after_paragraph=1)
    factories.ReviewStillFactory(review=review, photo=expired, after_paragraph=2)
    factories.ReviewStillFactory(review=review, photo=lead, after_paragraph=3)
    data = structured_data(client.get(review.get_absolute_url()).content.decode())
    first, second = data["image"]  # the lead once, the body still; never the expired one
    assert first == {
        "@type": "ImageObject",
        "contentUrl": f"http://testserver{lead.image.url}",
        "width": lead.width,
        "height": lead.height,
        "caption": "Emma Stone as Mia.",
        "creditText": "Dale Robinette/Lionsgate",
        "creator": [{"@type": "Person", "name": "Dale Robinette"}],
        "copyrightNotice": "© 2016 Lionsgate",
        "copyrightHolder": {"@type": "Organization", "name": "Lionsgate"},
        "license": "https://lionsgate.example/rights/la-la-land",
        "acquireLicensePage": "https://lionsgate.example/licensing",
    }
    # What is not known is left out, not given empty.
    assert second["contentUrl"] == f"http://testserver{body.image.url}"
    assert second["creditText"] == "Studio handout"
    assert not {"creator", "copyrightNotice", "copyrightHolder", "license",
                "acquireLicensePage"} & set(second)  # fmt: skip


def test_image_object_text_cannot_close_the_script(client, review):
    review.lead_still.credit_line = "</script><script>alert(1)</script>"
    review.lead_still.creator = "<!-- Dale & Co"
    review.lead_still.save()
    page = client.get(review.get_absolute_url()).content.decode()
    [image] = structured_data(page)["image"]
    assert image["creditText"] == "</script><script>alert(1)</script>"
    assert image["creator"] == [{"@type": "Person", "name": "<!-- Dale & Co"}]
    assert "<script>alert(1)" not in page and "<!-- Dale" not in page


@pytest.mark.parametrize(
    ("stars", "out_of_100"),
    [("0.0", 0), ("0.5", 13), ("1.0", 25), ("2.5", 63), ("3.0", 75), ("3.5", 88), ("4.0", 100)],
)
def test_the_rating_is_also_given_on_a_0_to_100_scale(client, review, stars, out_of_100):
    review.rating = stars
    review.save()
    rating = structured_data(client.get(review.get_absolute_url()).content.decode())["reviewRating"]
    assert rating["bestRating"] == "4"
    assert rating["ratingExplanation"].startswith(f"{out_of_100}/100; ")
    assert normalised_rating(Decimal(stars)) == out_of_100


def test_the_author_is_the_byline_s_full_name(client, review):
    review.critic.name = "Tomás Okafor"
    review.critic.save()
    author = structured_data(client.get(review.get_absolute_url()).content.decode())["author"]
    assert author == {
        "@type": "Person",
        "name": "Tomás Okafor",
        "url": f"http://testserver{review.critic.get_absolute_url()}",
    }
