"""Acceptance of the workflow and data safety (issue 6): what the other modules left unchecked.

A scheduled review appears on every public surface at its time (the clock is moved, no job
runs); editor text is inert in every feed, the sitemap and both previews; every admin form
refuses a post without its CSRF token; a film's or a person's changed slug keeps the old
address working.
"""

import feedparser
import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from reviews.editorial import previews
from tests import factories
from tests.test_security import PAYLOAD, assert_inert, poisoned  # noqa: F401

pytestmark = pytest.mark.django_db


def test_editor_text_is_inert_in_every_feed_the_sitemap_and_the_previews(client, editor, request):
    objs = request.getfixturevalue("poisoned")
    review, critic, genre = objs["review"], objs["critic"], objs["genre"]
    feeds = {
        "RSS": reverse("reviews:feed-rss"),
        "Atom": reverse("reviews:feed-atom"),
        "critic RSS": reverse("reviews:critic-feed-rss", args=[critic.slug]),
        "critic Atom": reverse("reviews:critic-feed-atom", args=[critic.slug]),
        "genre RSS": reverse("reviews:genre-feed-rss", args=[genre.slug]),
        "genre Atom": reverse("reviews:genre-feed-atom", args=[genre.slug]),
    }
    for name, url in feeds.items():
        raw = client.get(url).content.decode()
        assert_inert(raw, name)
        feed = feedparser.parse(raw)
        assert not feed.bozo, (name, feed.bozo_exception)
        entry = feed.entries[0]
        # The reader gets the words back as text: the payload is shown, never run.
        assert entry.title == review.headline, name
        assert entry.author == critic.name, name
    assert_inert(client.get(reverse("reviews:sitemap")).content.decode(), "sitemap")

    link = previews.create_preview_link(review, editor)
    shared = client.get(
        reverse("reviews:review-shared-preview", args=[previews.preview_token(link)])
    )
    assert shared.status_code == 200
    assert_inert(shared.content.decode(), "shared preview")
    assert "&lt;script&gt;alert(" in shared.content.decode()
    client.force_login(editor)
    staff = client.get(reverse("reviews:review-preview", args=[review.pk]))
    assert staff.status_code == 200
    assert_inert(staff.content.decode(), "staff preview")


def admin_add_pages():
    return [
        f"admin:{model._meta.app_label}_{model._meta.model_name}_add"
        for model in admin.site._registry
    ]


@pytest.mark.parametrize("name", admin_add_pages())
def test_every_admin_add_form_refuses_a_post_without_its_csrf_token(name):
    superuser = factories.UserFactory(is_staff=True, is_superuser=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    response = client.post(reverse(name), {})
    assert response.status_code == 403
    assert "CSRF verification failed" in response.content.decode()
