"""Deleting a review: a published one needs an Editor, and every deletion leaves a record."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from reviews.editorial import deletion, workflow
from reviews.models import DeletionRecord, Review, ReviewStatus
from tests import factories
from tests.helpers import review_in

pytestmark = pytest.mark.django_db


def test_deleting_a_published_review_needs_an_editor_and_leaves_a_record(client, editor):
    review = review_in(ReviewStatus.PUBLISHED, headline="Gone Tomorrow")
    factories.CorrectionFactory(review=review, text="A fix.")
    workflow.apply_action(review_in(ReviewStatus.DRAFT), "submit", editor)
    client.force_login(editor)
    url = reverse("admin:reviews_review_delete", args=[review.pk])
    assert "Are you sure" in client.get(url).content.decode()
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Review.objects.filter(pk=review.pk).exists()
    record = DeletionRecord.objects.get()
    assert (record.headline, record.status, record.deleted_by) == (
        "Gone Tomorrow",
        ReviewStatus.PUBLISHED,
        editor,
    )
    models = [item["model"] for item in record.snapshot["objects"]]
    assert models[0] == "reviews.review" and "reviews.correction" in models
    assert record.snapshot["objects"][0]["fields"]["headline"] == "Gone Tomorrow"


def test_user_with_delete_permission_but_not_editor_cannot_delete_a_published_review():
    from django.contrib.auth.models import Permission

    user = factories.UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="delete_review"))
    published, draft = review_in(ReviewStatus.PUBLISHED), review_in(ReviewStatus.DRAFT)
    with pytest.raises(PermissionDenied, match="Only an Editor may delete a review"):
        deletion.delete_review(published, user)
    assert Review.objects.filter(pk=published.pk).exists()
    draft_pk = draft.pk
    deletion.delete_review(draft, user)
    assert DeletionRecord.objects.get().review_id == draft_pk


def test_critic_cannot_delete_even_their_own_review(client, critic_user):
    review = review_in(ReviewStatus.DRAFT, critic=critic_user.critic)
    client.force_login(critic_user)
    response = client.post(
        reverse("admin:reviews_review_delete", args=[review.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Review.objects.filter(pk=review.pk).exists()
