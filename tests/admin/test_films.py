"""Films in the admin: credits inline, and clear errors for what a film cannot hold."""

import pytest
from django.urls import reverse

from reviews.models import Credit, Film
from tests import factories
from tests.admin_forms import errors_on_page, form_data
from tests.helpers import admin_url

pytestmark = pytest.mark.django_db


def test_editor_adds_credits_inline_with_person_autocomplete(client, editor):
    person = factories.PersonFactory(name="Emma Stone")
    client.force_login(editor)
    response = client.get(admin_url(Film, "add"))
    assert 'data-ajax--url="/admin/autocomplete/"' in response.content.decode()
    data = {
        "title": "La La Land",
        "slug": "la-la-land",
        "release_date": "2016-12-09",
        "mpaa_rating": "PG-13",
        "running_time": "128",
        "credits-TOTAL_FORMS": "2",
        "credits-INITIAL_FORMS": "0",
        "credits-0-person": person.pk,
        "credits-0-role": "cast",
        "credits-0-character": "Mia",
        "credits-0-billing": "1",
        "credits-1-person": person.pk,
        "credits-1-role": "cast",
        "credits-1-character": "Mia",
        "credits-1-billing": "2",
        "stills-TOTAL_FORMS": "0",
        "stills-INITIAL_FORMS": "0",
    }
    response = client.post(admin_url(Film, "add"), data)
    # The same credit twice is refused with a message, not a database error.
    assert response.status_code == 200
    assert "duplicate data for person, role, character and job" in errors_on_page(response)
    data["credits-TOTAL_FORMS"] = "1"
    response = client.post(admin_url(Film, "add"), data)
    assert response.status_code == 302
    assert str(Credit.objects.get()) == "Emma Stone as Mia"


def test_film_with_bad_running_time_gets_a_clear_error(client, editor):
    client.force_login(editor)
    data = {
        "title": "Broken",
        "slug": "broken",
        "running_time": "-5",
        "credits-TOTAL_FORMS": "0",
        "credits-INITIAL_FORMS": "0",
        "stills-TOTAL_FORMS": "0",
        "stills-INITIAL_FORMS": "0",
    }
    response = client.post(admin_url(Film, "add"), data)
    assert response.status_code == 200
    assert "running_time" in response.context["adminform"].form.errors
    assert not Film.objects.filter(slug="broken").exists()


def test_admin_refuses_a_javascript_trailer_address(client, editor):
    film = factories.FilmFactory()
    client.force_login(editor)
    url = reverse("admin:reviews_film_change", args=[film.pk])
    response = client.post(url, form_data(client.get(url)) | {"trailer_url": "javascript:alert(1)"})
    assert response.status_code == 200
    assert "Enter a valid URL." in str(response.context["adminform"].form.errors["trailer_url"])
