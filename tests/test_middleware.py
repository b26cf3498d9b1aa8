import pytest

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


def test_ordinary_requests_pass(client):
    assert client.get("/search/?q=land").status_code == 200
