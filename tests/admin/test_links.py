"""The admin's "View on site" links, which give no draft away, and old slugs that keep working."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from reviews.models import Correction
from tests import factories
from tests.admin_forms import post_change_form
from tests.helpers import view_on_site_url

pytestmark = pytest.mark.django_db


def view_on_site_href(client, review) -> str:
    """The address of the change form's "View on site" link."""
    response = client.get(reverse("admin:reviews_review_change", args=[review.pk]))
    assert response.status_code == 200
    match = re.search(r'<a href="([^"]+)" class="viewsitelink"', response.content.decode())
    assert match, "no View on site link"
    return match.group(1)


def test_view_on_site_of_a_draft_opens_the_staff_preview(client, critic_user):
    review = factories.ReviewFactory(critic=critic_user.critic)
    client.force_login(critic_user)
    href = view_on_site_href(client, review)
    assert href == f"/preview/reviews/{review.pk}/"
    assert client.get(href).status_code == 200


def test_view_on_site_of_a_published_review_opens_the_readers_page(client, editor):
    review = factories.ReviewFactory(published=True, slug="la-la-land-review")
    client.force_login(editor)
    href = view_on_site_href(client, review)
    assert href == "/reviews/la-la-land-review/"
    assert client.get(href).status_code == 200


def test_a_films_changed_slug_keeps_the_old_address_with_a_permanent_redirect(client, editor):
    film = factories.FilmFactory(title="La La Land", slug="la-la-land")
    client.force_login(editor)
    post_change_form(client, film, slug="la-la-land-2016")
    client.logout()
    response = client.get("/films/la-la-land/")
    assert response.status_code == 301
    assert response["Location"] == "/films/la-la-land-2016/"
    assert client.get("/films/la-la-land-2016/").status_code == 200
    assert client.get("/films/never-was/").status_code == 404


def test_a_persons_changed_slug_keeps_the_old_address_with_a_permanent_redirect(client, editor):
    person = factories.PersonFactory(name="Emma Stone", slug="emma-stone-1")
    client.force_login(editor)
    post_change_form(client, person, slug="emma-stone")
    response = Client().get("/people/emma-stone-1/")
    assert response.status_code == 301
    assert response["Location"] == "/people/emma-stone/"


@pytest.mark.parametrize("role", ["critic_user", "photo_desk"])
def test_view_on_site_does_not_give_away_the_address_of_a_draft_the_user_may_not_open(
    client, role, request
):
    draft = factories.ReviewFactory(slug="secret-draft-headline")
    correction = Correction.objects.create(review=draft, text="Erred.")
    client.force_login(request.getfixturevalue(role))
    for obj in (draft, correction):
        response = client.get(view_on_site_url(obj))
        assert response.status_code == 404
        assert draft.slug not in response.get("Location", "")
        assert draft.slug not in response.content.decode()


def test_view_on_site_leads_staff_to_the_preview_of_a_review_not_yet_live(
    client, editor, critic_user
):
    draft = factories.ReviewFactory(critic=critic_user.critic)
    live = factories.ReviewFactory(published=True)
    preview = reverse("reviews:review-preview", args=[draft.pk])
    client.force_login(critic_user)
    assert client.get(view_on_site_url(draft))["Location"] == preview
    client.force_login(editor)
    assert client.get(view_on_site_url(draft))["Location"] == preview
    assert client.get(view_on_site_url(live))["Location"] == live.get_absolute_url()
    page = client.get(reverse("admin:reviews_review_change", args=[draft.pk])).content.decode()
    assert f'href="{preview}"' in page
    # Films, people and the rest are public: Django's own redirect.
    film = live.film
    assert client.get(view_on_site_url(film))["Location"].endswith(film.get_absolute_url())
