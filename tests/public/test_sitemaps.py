"""The sitemap: every live review, film, person and critic, with its last change."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_published_reviews_films_and_people_with_lastmod(client):
    live = factories.ReviewFactory(published=True)
    draft = factories.ReviewFactory()
    future = factories.ReviewFactory(
        status="scheduled", published_at=timezone.now() + datetime.timedelta(days=1)
    )
    person = factories.CreditFactory(film=live.film).person
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = {
        url.find("s:loc", NS).text: url.find("s:lastmod", NS) for url in root.findall("s:url", NS)
    }
    base = "http://testserver"
    assert base + live.get_absolute_url() in entries
    assert base + draft.get_absolute_url() not in entries
    assert base + future.get_absolute_url() not in entries
    assert base + live.film.get_absolute_url() in entries
    assert base + person.get_absolute_url() in entries
    assert entries[base + live.get_absolute_url()].text.startswith(str(timezone.now().year))
    assert entries[base + live.film.get_absolute_url()] is not None


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
