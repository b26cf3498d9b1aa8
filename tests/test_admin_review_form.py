import re

import pytest
from django.urls import reverse

from tests import factories

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


def test_critics_new_review_shows_their_byline_before_the_first_save(client, critic_user):
    client.force_login(critic_user)
    response = client.get(reverse("admin:reviews_review_add"))
    assert response.status_code == 200
    assert "critic" not in response.context["adminform"].form.fields
    html = response.content.decode()
    row = html[html.index('class="form-row field-critic"') :]
    byline = row[row.index('class="readonly"') :].split("</div>", 1)[0]
    assert "Tomás Okafor" in byline
