"""The sitemap: every live review, film, person and critic, with its last change."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def section_entries(client) -> dict:
    """Every address of every section the index names, with its lastmod element."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    entries = {}
    for section in index.findall("s:sitemap", NS):
        page = client.get(section.find("s:loc", NS).text.removeprefix("http://testserver"))
        assert page.status_code == 200
        for url in ET.fromstring(page.content).findall("s:url", NS):
            entries[url.find("s:loc", NS).text] = url.find("s:lastmod", NS)
    return entries


def test_the_sitemap_is_an_index_of_sections_each_with_its_latest_change(client):
    review = factories.ReviewFactory(published=True)
    factories.CreditFactory(film=review.film)
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = {
        s.find("s:loc", NS).text: s.find("s:lastmod", NS) for s in index.findall("s:sitemap", NS)
    }
    base = "http://testserver/sitemap-"
    assert {base + name + ".xml" for name in ("reviews", "films", "people", "critics")} <= set(
        sections
    )
    assert sections[base + "reviews.xml"].text.startswith(str(timezone.localdate().year))


def test_a_section_is_split_into_pages_of_its_limit(client, monkeypatch):
    from reviews.public.sitemaps import FilmSitemap

    monkeypatch.setattr(FilmSitemap, "limit", 2)
    factories.FilmFactory.create_batch(5)
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-films.xml?p=3" in index and "sitemap-films.xml?p=4" not in index
    third = ET.fromstring(client.get("/sitemap-films.xml?p=3").content)
    assert len(third.findall("s:url", NS)) == 1


def test_sitemap_lists_published_reviews_films_and_people_with_lastmod(client):
    live = factories.ReviewFactory(published=True)
    draft = factories.ReviewFactory()
    future = factories.ReviewFactory(
        status="scheduled", published_at=timezone.now() + datetime.timedelta(days=1)
    )
    person = factories.CreditFactory(film=live.film).person
    entries = section_entries(client)
    base = "http://testserver"
    assert base + live.get_absolute_url() in entries
    assert base + draft.get_absolute_url() not in entries
    assert base + future.get_absolute_url() not in entries
    assert base + live.film.get_absolute_url() in entries
    assert base + person.get_absolute_url() in entries
    assert entries[base + live.get_absolute_url()].text.startswith(str(timezone.localdate().year))
    assert entries[base + live.film.get_absolute_url()] is not None


def test_sitemap_query_count_is_fixed_and_people_carry_lastmod(
    client, django_assert_max_num_queries
):
    for review in factories.ReviewFactory.create_batch(20, published=True):
        factories.CreditFactory(film=review.film)
    # A section page: the content state, its count (cached by it) and its page, the
    # corrections' times in the same query.
    with django_assert_max_num_queries(3):
        response = client.get("/sitemap-people.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = ET.fromstring(response.content).findall("s:url", ns)
    people = [u for u in urls if "/people/" in u.find("s:loc", ns).text]
    assert len(people) == 20
    year = str(timezone.localdate().year)
    assert all(u.find("s:lastmod", ns).text.startswith(year) for u in people)
