"""The review admin: who writes and sees what, the workflow's traces, slugs, corrections and
deletion records."""

import pytest
from django.urls import reverse

from reviews.editorial import deletion, workflow
from reviews.models import ReviewStatus, SlugRedirect
from tests.admin_forms import review_change_data
from tests.helpers import review_in

pytestmark = pytest.mark.django_db


def test_status_cannot_be_posted_as_a_plain_field(client, editor):
    review = review_in(ReviewStatus.DRAFT)
    client.force_login(editor)
    data = {
        "film": review.film.pk,
        "critic": review.critic.pk,
        "headline": "Changed",
        "slug": review.slug,
        "body": review.body,
        "status": ReviewStatus.PUBLISHED,
        "published_at_0": "2026-01-01",
        "published_at_1": "10:00:00",
        "loaded_version": review.version,
        "placements-TOTAL_FORMS": "0",
        "placements-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:reviews_review_change", args=[review.pk]), data)
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.headline, review.status, review.published_at) == (
        "Changed",
        ReviewStatus.DRAFT,
        None,
    )


def test_transitions_are_listed_on_the_review_in_the_admin(client, editor, critic_user):
    review = review_in(ReviewStatus.DRAFT, critic=critic_user.critic)
    workflow.apply_action(review, "submit", critic_user, message="Ready for the desk.")
    workflow.apply_action(review, "publish", editor, message="Lead on Friday.")
    client.force_login(editor)
    page = client.get(reverse("admin:reviews_review_change", args=[review.pk])).content.decode()
    history = page[page.index("History of states") :]
    assert "Ready for the desk." in history and "Lead on Friday." in history
    assert history.index("Lead on Friday.") < history.index("Ready for the desk.")
    assert "critic" in history and "editor" in history
    # The states read as the desk says them, not as they are stored.
    assert "In review" in history and "in_review" not in history


def test_changing_a_slug_keeps_the_old_address_with_a_permanent_redirect(client, editor):
    review = review_in(ReviewStatus.PUBLISHED, slug="old-address")
    client.force_login(editor)
    url = reverse("admin:reviews_review_change", args=[review.pk])
    assert client.post(url, review_change_data(review, slug="new-address")).status_code == 302
    client.logout()
    response = client.get("/reviews/old-address/")
    assert response.status_code == 301
    assert response["Location"] == "/reviews/new-address/"
    assert client.get("/reviews/new-address/").status_code == 200
    assert SlugRedirect.objects.get().old_slug == "old-address"


def test_editor_appends_a_dated_correction_that_shows_on_the_page(client, editor):
    review = review_in(ReviewStatus.PUBLISHED)
    client.force_login(editor)
    data = review_change_data(
        review,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-text": "An earlier version misspelled Chazelle.",
            "corrections-0-published_at_0": "2026-03-02",
            "corrections-0-published_at_1": "09:30:00",
        },
    )
    response = client.post(reverse("admin:reviews_review_change", args=[review.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    correction = review.corrections.get()
    assert correction.created_by == editor
    page = client.get(review.get_absolute_url()).content.decode()
    assert "An earlier version misspelled Chazelle." in page
    assert '<time datetime="2026-03-02T09:30:00-05:00">March 2, 2026</time>' in page


def test_deletion_records_are_listed_read_only_for_editors(client, editor):
    review = review_in(ReviewStatus.PUBLISHED, headline="Gone <b>bold</b>")
    record = deletion.delete_review(review, editor)
    client.force_login(editor)
    listing = client.get(reverse("admin:reviews_deletionrecord_changelist")).content.decode()
    assert "Gone &lt;b&gt;bold&lt;/b&gt;" in listing
    page = client.get(reverse("admin:reviews_deletionrecord_change", args=[record.pk]))
    assert page.status_code == 200
    assert "&quot;headline&quot;: &quot;Gone &lt;b&gt;bold&lt;/b&gt;&quot;" in page.content.decode()
    assert client.get(reverse("admin:reviews_deletionrecord_add")).status_code == 403
