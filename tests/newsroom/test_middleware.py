"""Requests no view should think about: a NUL character is a clear 400 wherever it is sent."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/search/?q=a%00b", "/reviews/?genre=%00", "/admin/autocomplete/?term=%00&app_label=reviews"],
)
def test_nul_in_the_address_is_a_clear_400_not_a_500(client, editor, url):
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


def test_nul_in_a_posted_field_is_refused(client, editor):
    client.force_login(editor)
    response = client.post("/admin/reviews/genre/add/", {"name": "Dra\x00ma", "slug": "drama"})
    assert response.status_code == 400


def test_ordinary_requests_pass_through(client):
    assert client.get("/search/?q=land").status_code == 200


@pytest.mark.parametrize("query", ["La\x00La", "\x00\x01"])
def test_search_with_a_nul_character_is_a_clear_400(client, query):
    # NUL is refused for every view by newsroom.middleware.RejectNulBytesMiddleware.
    response = client.get(reverse("reviews:search"), {"q": query})
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()
