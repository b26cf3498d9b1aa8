"""Previews: staff see any state as readers will; shared links are read only, expire, revoke."""

import datetime
import json

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from reviews.editorial import previews, workflow
from reviews.models import PreviewLink, ReviewStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(critic_user):
    review = factories.ReviewFactory(
        critic=critic_user.critic, headline="Not Yet Public", body="<p>Draft words.</p>"
    )
    factories.ReviewStillFactory(review=review, photo__caption="A still in the draft.")
    factories.CreditFactory(film=review.film, person__name="Emma Stone", character="Mia")
    return review


def staff_url(review):
    return reverse("reviews:review-preview", args=[review.pk])


def shared_url(link):
    return reverse("reviews:review-shared-preview", args=[previews.preview_token(link)])


def assert_is_a_noindex_preview(response):
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow, noarchive">' in page
    # Rendered by the readers' template, with everything the reader page shows.
    assert "reviews/review_detail.html" in [t.name for t in response.templates]
    assert "Not Yet Public" in page and "Draft words." in page
    assert "A still in the draft." in page and "Emma Stone</a> as Mia" in page


@pytest.mark.parametrize("state", list(ReviewStatus))
def test_editor_previews_a_review_in_any_state_as_readers_will_see_it(client, editor, draft, state):
    draft.status = state
    draft.published_at = timezone.now() + datetime.timedelta(days=1)
    draft.save()
    client.force_login(editor)
    response = client.get(staff_url(draft))
    assert_is_a_noindex_preview(response)
    assert "Preview · " + draft.get_status_display() in response.content.decode()


def test_critic_previews_own_draft_but_not_another_critics(client, critic_user, draft):
    client.force_login(critic_user)
    assert_is_a_noindex_preview(client.get(staff_url(draft)))
    theirs = factories.ReviewFactory()
    assert client.get(staff_url(theirs)).status_code == 404


def test_staff_preview_sends_visitors_to_the_login_and_refuses_photo_desk(
    client, photo_desk, draft
):
    response = client.get(staff_url(draft))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    client.force_login(photo_desk)
    assert client.get(staff_url(draft)).status_code == 403


def test_staff_preview_query_count_is_fixed(client, editor, draft, django_assert_max_num_queries):
    for n in range(10):
        factories.CreditFactory(film=draft.film, character=f"Role {n}")
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        assert client.get(staff_url(draft)).status_code == 200


def test_editor_shares_a_link_that_opens_without_an_account(client, editor, draft):
    client.force_login(editor)
    response = client.post(
        reverse("admin:reviews_review_share", args=[draft.pk]), {"days": "3"}, follow=True
    )
    link = PreviewLink.objects.get()
    assert link.created_by == editor
    assert abs(link.expires_at - (timezone.now() + datetime.timedelta(days=3))) < (
        datetime.timedelta(minutes=1)
    )
    url = shared_url(link)
    assert url in response.content.decode()
    client.logout()
    assert_is_a_noindex_preview(client.get(url))
    # Read only: nothing but GET and HEAD.
    assert client.post(url).status_code == 405


def test_share_link_stops_working_when_revoked(client, editor, draft):
    link = previews.create_preview_link(draft, editor)
    url = shared_url(link)
    client.force_login(editor)
    page = client.get(reverse("admin:reviews_review_change", args=[draft.pk])).content.decode()
    assert url in page
    revoke = reverse("admin:reviews_review_revoke", args=[draft.pk, link.pk])
    assert client.post(revoke).status_code == 302
    client.logout()
    response = client.get(url)
    assert response.status_code == 404
    assert "Not Yet Public" not in response.content.decode()


def test_share_link_stops_working_when_expired(client, editor, draft):
    link = previews.create_preview_link(draft, editor, days=1)
    url = shared_url(link)
    assert client.get(url).status_code == 200
    PreviewLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    assert client.get(url).status_code == 404


def test_forged_or_altered_tokens_are_refused(client, editor, draft):
    link = previews.create_preview_link(draft, editor)
    token = previews.preview_token(link)
    other = factories.ReviewFactory(headline="Someone Else's Draft")
    payload, signature = token.split(":")
    altered = json.dumps({"l": link.pk, "r": other.pk}, separators=(",", ":")).encode()
    forged = f"{signing.b64_encode(altered).decode()}:{signature}"
    assert forged != token
    for bad in [token[:-2] + "xx", "not-a-token", forged, payload]:
        response = client.get(reverse("reviews:review-shared-preview", args=[bad]))
        assert response.status_code == 404
        assert "Not Yet Public" not in response.content.decode()


def test_critic_cannot_share_a_preview_link(client, critic_user, draft):
    client.force_login(critic_user)
    response = client.post(reverse("admin:reviews_review_share", args=[draft.pk]), {"days": "3"})
    assert response.status_code == 403
    assert not PreviewLink.objects.exists()
    page = client.get(reverse("admin:reviews_review_change", args=[draft.pk])).content.decode()
    assert "Make a preview link" not in page


def test_share_link_lengths_other_than_the_offered_ones_are_refused(client, editor, draft):
    client.force_login(editor)
    response = client.post(
        reverse("admin:reviews_review_share", args=[draft.pk]), {"days": "365"}, follow=True
    )
    assert "Preview link: Select a valid choice." in response.content.decode()
    with pytest.raises(workflow.WorkflowError, match="not 365"):
        previews.create_preview_link(draft, editor, days=365)
    assert not PreviewLink.objects.exists()
